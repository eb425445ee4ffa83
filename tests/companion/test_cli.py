"""opp handelingswijzer and opp uitnodiging: plans from any source, named files, --pdf."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from opp_docs.cli import main
from tests.companion.helpers import document_text


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    assert main(["example", "-o", str(path)]) == 0
    return path


def test_one_document_per_plan_from_json_forms_and_workbook(
    tmp_path: Path, plan: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = tmp_path / "formulieren"
    forms.mkdir()
    assert main(["fill", str(plan), "-o", str(forms / "noor.docx")]) == 0
    out = tmp_path / "uit"
    argv = ["handelingswijzer", str(plan), str(forms), str(repo / "examples" / "leerlingen.xlsx")]
    code = main([*argv, "-o", str(out), "--patroon", "{klas} {naam}.docx"])
    err = capsys.readouterr().err
    assert code == 1  # a cell of the workbook is wrong: reported, that field left empty
    assert "[excel.datum_bestaat_niet]" in err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 32  # the plan, the form and the 30 students of the workbook
    assert "3K2 Noor Elisabeth van den Berg (Noor).docx" in names
    assert "3K2 Noor Elisabeth van den Berg (Noor) (2).docx" in names
    text = document_text((out / "3K2 Noor Elisabeth van den Berg (Noor).docx").read_bytes())
    assert "Jeroen Bakker" in text


def test_existing_files_are_kept_unless_overwrite(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit"
    argv = ["uitnodiging", str(plan), "-o", str(out), "--op", "01-02-2025"]
    assert main(argv) == 0
    [written] = list(out.iterdir())
    assert written.name == "240117 Noor Elisabeth van den Berg (Noor) uitnodiging evaluatie.docx"
    assert "18-02-2025" in document_text(written.read_bytes())
    capsys.readouterr()
    assert main([*argv[:-1], "01-03-2025"]) == 0  # kept, and that is no melding
    err = capsys.readouterr().err
    assert "1 uitnodigingen bestonden al" in err and "[bestand.bestaat_al]" not in err
    assert "18-02-2025" in document_text(written.read_bytes())
    assert main([*argv[:-1], "01-03-2025", "--overwrite"]) == 0
    assert "15-04-2025" in document_text(written.read_bytes())


def test_nothing_read_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uitnodiging", str(tmp_path / "weg.json"), "-o", str(tmp_path / "uit")]) == 2
    assert "geen plan gelezen" in capsys.readouterr().err
    assert not (tmp_path / "uit").exists()


def test_pdf_with_libreoffice(tmp_path: Path, plan: Path, soffice: str) -> None:
    del soffice
    out = tmp_path / "uit"
    for kind in ("handelingswijzer", "uitnodiging"):
        assert main([kind, str(plan), "-o", str(out), "--pdf"]) == 0
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_pdf_without_libreoffice_says_how_to_install(tmp_path: Path, plan: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "opp_docs",
            "handelingswijzer",
            str(plan),
            "-o",
            str(tmp_path / "uit"),
            "--pdf",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": str(empty)},
    )
    assert result.returncode == 1
    assert "[pdf.libreoffice_ontbreekt]" in result.stderr
    assert "sudo apt install libreoffice-writer" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.suffix for p in (tmp_path / "uit").iterdir()] == [".docx"]

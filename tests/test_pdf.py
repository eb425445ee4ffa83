"""opp_docs.pdf: .docx to PDF through LibreOffice, bounded, batched, atomic, never over a file."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from opp_docs import pdf
from opp_docs.companion import render
from opp_docs.example import example_plan


def _documents(folder: Path, names: list[str]) -> list[Path]:
    data = render("uitnodiging", example_plan(), today=date(2025, 2, 1))
    paths = []
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_pdfs_beside_the_documents(tmp_path: Path, soffice: str) -> None:
    del soffice
    paths = _documents(tmp_path, ["a/brief.docx", "b/brief.docx", "c/Zoë de Wit - 3.docx"])
    assert pdf.convert_all(paths, overwrite=False) == []
    for path in paths:
        assert path.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    # No temporary files left behind.
    expected = ["brief.docx", "brief.pdf"] * 2 + ["Zoë de Wit - 3.docx", "Zoë de Wit - 3.pdf"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted([*"abc", *expected])


def test_an_existing_pdf_is_kept_unless_overwrite(tmp_path: Path, soffice: str) -> None:
    del soffice
    [path] = _documents(tmp_path, ["brief.docx"])
    target = path.with_suffix(".pdf")
    target.write_bytes(b"mine")
    problems = pdf.convert_all([path], overwrite=False)
    assert [(p.code, p.location.file) for p in problems] == [("bestand.bestaat_al", str(target))]
    assert target.read_bytes() == b"mine"
    assert pdf.convert_all([path], overwrite=True) == []
    assert target.read_bytes().startswith(b"%PDF")


def test_without_libreoffice_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(sys, "platform", "linux")
    [path] = _documents(tmp_path, ["brief.docx"])
    problems = pdf.convert_all([path], overwrite=False)
    assert [p.code for p in problems] == ["pdf.libreoffice_ontbreekt"]
    message = problems[0].message
    assert "sudo apt install libreoffice-writer" in message
    assert "Windows" in message and "macOS" in message
    assert re.findall(r"https?://\S+", message) == ["https://www.libreoffice.org."]
    assert not path.with_suffix(".pdf").exists()
    assert pdf.convert_all([], overwrite=False) == []


def test_batches_are_bounded_and_complete() -> None:
    paths = [Path(f"{n}.docx") for n in range(101)]
    batches = pdf._batches(paths, pdf.MAX_PROCESSES)
    assert [p for batch in batches for p in batch] == paths
    assert all(len(batch) <= pdf.BATCH_SIZE for batch in batches)
    assert len(pdf._batches(paths[:3], 2)) == 2
    assert pdf._batches(paths[:1], 2) == [[Path("0.docx")]]


FAKE_SOFFICE = """\
import json, os, sys, time
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
log = Path(os.environ["FAKE_SOFFICE_LOG"])
start = time.monotonic()
time.sleep(0.3)
out.mkdir(parents=True, exist_ok=True)
for name in [a for a in args if a.endswith(".docx")]:
    (out / (Path(name).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
with log.open("a") as stream:
    stream.write(json.dumps([start, time.monotonic(), profile, len(args)]) + "\\n")
"""


def test_at_most_two_processes_each_with_its_own_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(f"#!{sys.executable}\n" + FAKE_SOFFICE, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("PATH", str(program.parent) + os.pathsep + os.environ["PATH"])
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setattr(pdf, "BATCH_SIZE", 3)
    paths = _documents(tmp_path / "docs", [f"{n} brief.docx" for n in range(14)])
    assert pdf.convert_all(paths, overwrite=False) == []
    assert all(p.with_suffix(".pdf").read_bytes() == b"%PDF-1.4 fake" for p in paths)
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(runs) == 5  # 14 documents, at most 3 per call
    assert len({profile for _, _, profile, _ in runs}) == len(runs)
    for start, _, _, _ in runs:
        assert sum(1 for s, e, _, _ in runs if s <= start < e) <= pdf.MAX_PROCESSES

"""``opp check``: exit codes, the report per plan, every kind of file, bad files one line each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opp_docs.cli import main
from opp_docs.example import example_plan
from opp_docs.excel.write import workbook_bytes
from opp_docs.filling import fill_to_path
from opp_docs.model import OPP, Motivering
from opp_docs.planfile import plan_to_json

AFTER = "01-11-2025"


def _write(path: Path, plan: OPP) -> Path:
    path.write_text(plan_to_json(plan), encoding="utf-8")
    return path


def _fout_places(report: dict[str, object]) -> set[tuple[str, str]]:
    findings = report["bevindingen"]
    assert isinstance(findings, list)
    return {(b["code"], b["pad"]) for b in findings if b["ernst"] == "fout"}


def test_example_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _write(tmp_path / "noor.json", example_plan())
    assert main(["check", str(plan), "--op", AFTER]) == 0
    out = capsys.readouterr().out
    assert "0 fout(en)" in out
    assert "noor.json" in out


def test_blanked_copy_fails_on_exactly_three_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blanked = example_plan()
    blanked.ondertekening = []
    blanked.aanvraag.motivering = Motivering()
    blanked.aanvraag.looptijd = None
    plan = _write(tmp_path / "leeg.json", blanked)
    assert main(["check", str(plan), "--op", AFTER, "--json", "--acta"]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert _fout_places(report) == {
        ("ondertekening.leeg", "ondertekening"),
        ("aanvraag.motivering_leeg", "aanvraag.motivering"),
        ("aanvraag.looptijd_leeg", "aanvraag.looptijd"),
    }
    assert main(["check", str(plan), "--op", AFTER]) == 1
    out = capsys.readouterr().out
    assert out.index("D. Ondertekening") < out.index("Aanvraag arrangement")


def test_as_of_date_changes_what_is_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = example_plan()
    plan.evaluaties[0].terugblik = None
    path = _write(tmp_path / "noor.json", plan)
    assert main(["check", str(path), "--op", "01-12-2024"]) == 0
    assert main(["check", str(path), "--op", "10-12-2024"]) == 1
    assert "[evaluatie.veld_leeg]" in capsys.readouterr().out


def test_a_bad_date_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "x.json", "--op", "31-02-2025"])
    assert info.value.code == 2
    assert "is geen datum" in capsys.readouterr().err


def test_bad_files_are_one_line_each_and_the_others_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text("{", encoding="utf-8")
    text = tmp_path / "notities.txt"
    text.write_text("hallo", encoding="utf-8")
    fake_docx = tmp_path / "nep.docx"
    fake_docx.write_bytes(b"geen zip")
    fake_xlsx = tmp_path / "nep.xlsx"
    fake_xlsx.write_bytes(b"geen zip")
    good = _write(tmp_path / "noor.json", example_plan())
    files = [broken, text, tmp_path / "weg.json", fake_docx, fake_xlsx, good]
    assert main(["check", *map(str, files), "--op", AFTER, "--json"]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 5
    assert all(line.startswith("opp: [") for line in lines)
    # A source naming nothing is reported first, before any file is read.
    assert lines[0].startswith("opp: [bestand.niet_gevonden]") and str(files[2]) in lines[0]
    for path in files[:5]:
        assert sum(f"'{path}'" in line for line in lines) == 1
    assert "Traceback" not in captured.err
    [report] = json.loads(captured.out)
    assert report["bestand"] == str(good)
    assert report["fouten"] == 0


def test_every_plan_of_a_workbook_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = example_plan()
    second.leerling.leerlingnummer = "240118"
    second.handelingsdeel.instemming_ouders = False
    book = tmp_path / "overzicht.xlsx"
    book.write_bytes(workbook_bytes([example_plan(), second]))
    assert main(["check", str(book), "--op", AFTER, "--json"]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [(r["leerlingnummer"], r["rij"]) for r in reports] == [("240117", 2), ("240118", 3)]
    assert [r["fouten"] for r in reports] == [0, 1]


def test_a_parsed_form_knows_its_empty_signature_boxes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "noor.docx"
    fill_to_path(example_plan(), form)
    assert main(["check", str(form), "--op", AFTER, "--json"]) == 1
    [report] = json.loads(capsys.readouterr().out)
    codes = {b["code"] for b in report["bevindingen"] if b["ernst"] == "fout"}
    assert codes == {"handtekening.niet_gezet"}
    assert ("handtekening.niet_gezet", "ondertekening.0.ondertekend") in _fout_places(report)


def test_many_plans_end_with_a_summary_and_json_keeps_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path / "noor.json", example_plan())
    other = example_plan()
    other.handelingsdeel.instemming_ouders = False
    second = _write(tmp_path / "sam.json", other)
    form = tmp_path / "noor.docx"
    fill_to_path(example_plan(), form)
    assert main(["check", str(first), str(second), str(form), "--op", AFTER, "--acta"]) == 1
    out = capsys.readouterr().out
    assert "bron:" not in out
    summary = out[out.index("Samenvatting\n") :].splitlines()
    assert summary[2].startswith("Plan") and summary[2].endswith("Klaar voor de ACTA")
    assert len(summary) == 3 + 3 + 2
    assert [line.rsplit("  ", 1)[-1] for line in summary[3:6]] == ["ja", "nee", "nee"]
    # The form's empty signature boxes: one line per table, not one per row.
    report = out[out.index("noor.docx") : out.index("Samenvatting")]
    assert report.count("[handtekening.niet_gezet] Bij 'D. Ondertekening'") == 1

    assert main(["check", str(form), "--op", AFTER, "--json"]) == 1
    [data] = json.loads(capsys.readouterr().out)
    boxes = [b for b in data["bevindingen"] if b["code"] == "handtekening.niet_gezet"]
    assert len({b["pad"] for b in boxes}) == len(boxes) > 1
    assert all(b["bron"] for b in data["bevindingen"])


def test_one_plan_has_no_summary_and_uitgebreid_shows_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = example_plan()
    plan.leerling.klas = None
    path = _write(tmp_path / "noor.json", plan)
    assert main(["check", str(path), "--op", AFTER, "--uitgebreid"]) == 1
    out = capsys.readouterr().out
    assert "Samenvatting" not in out
    assert "      bron: Handreiking" in out

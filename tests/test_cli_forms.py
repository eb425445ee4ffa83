"""The form commands: opp fill, opp parse, opp inspect, opp mapping check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opp_docs.cli import main
from opp_docs.docx.package import open_package
from opp_docs.example import example_plan
from opp_docs.excel.write import workbook_bytes
from tests.docx.docx_xml import word_file


def test_example_fill_parse_gives_the_same_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_json, a_docx = tmp_path / "a.json", tmp_path / "a.docx"
    assert main(["example", "-o", str(a_json)]) == 0
    assert main(["fill", str(a_json), "-o", str(a_docx)]) == 0
    capsys.readouterr()
    assert main(["parse", str(a_docx), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.out == a_json.read_text(encoding="utf-8")
    assert captured.err == ""


def test_parse_report_carries_findings_with_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "form.docx"
    plan = tmp_path / "plan.json"
    plan.write_text('{"leerling": {"naam": "Kim", "geboortedatum": "2010-05-01"}}', "utf-8")
    main(["fill", str(plan), "-o", str(form)])
    package = open_package(form)
    xml = package.read("word/document.xml")
    assert xml.count(b">01-05-2010<") == 1
    package.replace("word/document.xml", xml.replace(b">01-05-2010<", b">1 mei 2010<"))
    form.write_bytes(package.to_bytes())
    capsys.readouterr()
    assert main(["parse", str(form), "--report"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["plan"]["leerling"]["naam"] == "Kim"
    assert report["plan"]["leerling"]["geboortedatum"] is None
    (finding,) = report["meldingen"]
    assert finding["code"] == "datum.onleesbaar"
    assert finding["label"] == "Geboortedatum"
    assert finding["inhoud"] == "1 mei 2010"


def test_parse_prints_a_summary_and_findings_without_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"leerling": {"naam": "Kim"}}', encoding="utf-8")
    form = tmp_path / "form.docx"
    main(["fill", str(plan), "-o", str(form)])
    package = open_package(form)
    body = package.xml("word/document.xml")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    stray = body.makeelement(f"{w}p")
    run = stray.makeelement(f"{w}r")
    text = run.makeelement(f"{w}t")
    text.text = "Geheime notitie"
    run.append(text)
    stray.append(run)
    first_table = body.find(f".//{w}tbl")
    assert first_table is not None
    first_table.addnext(stray)
    package.replace("word/document.xml", body)
    form.write_bytes(package.to_bytes())
    capsys.readouterr()
    assert main(["parse", str(form)]) == 1
    captured = capsys.readouterr()
    assert "Leerling: Kim" in captured.out
    assert "tekst.buiten_veld" in captured.err
    assert "Geheime notitie" not in captured.err
    assert main(["parse", str(form), "--report"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [m["inhoud"] for m in report["meldingen"]] == ["Geheime notitie"]


def test_fill_refuses_a_bad_plan_with_a_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"leerling": {"geboortedatum": "31-02-2015"}}', encoding="utf-8")
    assert main(["fill", str(plan), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "plan.json" in err and "Geboortedatum" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_parse_refuses_a_file_that_is_no_docx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "nep.docx"
    fake.write_bytes(b"%PDF-1.4 not a zip")
    assert main(["parse", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "nep.docx" in err and "Traceback" not in err


def _inspect(name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, list[dict[str, object]]]:
    capsys.readouterr()
    assert main(["inspect", str(word_file(name)), "--json"]) == 0
    result: dict[str, list[dict[str, object]]] = json.loads(capsys.readouterr().out)
    return result


def test_inspect_check_drop_my(capsys: pytest.CaptureFixture[str]) -> None:
    result = _inspect("check_drop_my.docx", capsys)
    assert [(b["checked"], b["kind"]) for b in result["checkboxes"]] == [
        (False, "legacy"),
        (True, "legacy"),
        (False, "content_control"),
        (True, "content_control"),
    ]
    # The legacy dropdown has no w:result: its first entry is selected.
    assert result["dropdowns"][0] == {
        "label": "User dropdown (Piihan B)",  # the text before it in its paragraph
        "value": "Piihan B",
        "options": ["Piihan B", "PIlihan A"],
    }


def test_inspect_checked_boxes(capsys: pytest.CaptureFixture[str]) -> None:
    result = _inspect("checked_boxes.docx", capsys)
    states = [b["checked"] for b in result["checkboxes"]]
    assert len(states) == 44
    assert [i + 1 for i, checked in enumerate(states) if checked] == list(range(3, 15))
    assert all(b["kind"] == "legacy" for b in result["checkboxes"])
    assert len(result["dropdowns"]) == 14
    assert {d["value"] for d in result["dropdowns"]} == {"Select..."}


def test_mapping_check_passes_on_the_bundled_pair(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mapping", "check"]) == 0
    assert "De mapping past" in capsys.readouterr().out


def test_mapping_check_names_a_renamed_label(
    tmp_path: Path, template_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = open_package(template_path)
    xml = package.read("word/document.xml").replace(b">Datum inschrijving<", b">Ingeschreven op<")
    package.replace("word/document.xml", xml)
    renamed = tmp_path / "volgend-jaar.docx"
    renamed.write_bytes(package.to_bytes())
    assert main(["mapping", "check", "--template", str(renamed)]) == 1
    err = capsys.readouterr().err
    assert "mapping.label_ontbreekt" in err
    assert "'Datum inschrijving'" in err
    assert err.count("[mapping.") == 1  # only that label


def test_mapping_check_refuses_a_broken_mapping_file(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (repo / "mappings" / "OPP_2024-2025.toml").read_text(encoding="utf-8")
    broken = tmp_path / "kapot.toml"
    broken.write_text(text.replace('path = "leerling.klas"', 'path = "leerling.klasje"'), "utf-8")
    assert main(["mapping", "check", "--mapping", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "leerling.klasje" in err and "kapot.toml" in err and "Traceback" not in err


@pytest.mark.usefixtures("soffice")  # skipped without LibreOffice, which CI installs
def test_fill_and_generate_make_pdfs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.json"
    assert main(["example", "-o", str(plan)]) == 0
    form = tmp_path / "plan.docx"
    assert main(["fill", str(plan), "-o", str(form), "--pdf"]) == 0
    assert form.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    workbook = tmp_path / "lijst.xlsx"
    workbook.write_bytes(workbook_bytes([example_plan()]))  # one student
    output = tmp_path / "plannen"
    assert main(["generate", str(workbook), "-o", str(output), "--pdf", "--jobs", "1"]) == 0
    (document,) = output.glob("*.docx")
    assert document.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "Traceback" not in capsys.readouterr().err


def test_pdf_without_libreoffice_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def nowhere(_name: str, *_args: object, **_kwargs: object) -> None:
        return None

    monkeypatch.setattr("shutil.which", nowhere)
    plan = tmp_path / "plan.json"
    assert main(["example", "-o", str(plan)]) == 0
    form = tmp_path / "plan.docx"
    assert main(["fill", str(plan), "-o", str(form), "--pdf"]) == 1
    err = capsys.readouterr().err
    assert form.exists() and not form.with_suffix(".pdf").exists()
    assert "[pdf.libreoffice_ontbreekt]" in err and "apt install libreoffice-writer" in err

"""The Dutch report per plan, grouped by section, and its JSON form."""

from __future__ import annotations

import json

from opp_docs.checks.report import SummaryRow, plan_report_json, plan_report_text, summary_text
from opp_docs.example import example_plan
from opp_docs.model import OPP

from .helpers import check


def test_report_groups_by_section_in_form_order() -> None:
    plan = example_plan()
    plan.leerling.klas = None
    plan.evaluaties[0].terugblik = None
    plan.datum = None
    text = plan_report_text("Plan", check(plan))
    headings = ["Bovenaan het plan", "A. Gegevens van de leerling", "G. Evaluaties"]
    positions = [text.index("\n" + heading + "\n") for heading in headings]
    assert positions == sorted(positions)
    assert "[deel1.veld_leeg]" in text.split("A. Gegevens van de leerling")[1]


def test_report_of_a_clean_plan_says_so() -> None:
    assert "Geen fouten" in plan_report_text("Plan", [])


def test_report_text_never_shows_the_content_json_does() -> None:
    plan = example_plan()
    plan.handelingsdeel.zienswijze = "Bel 06-12345678"
    findings = check(plan)
    assert "12345678" not in plan_report_text("Plan", findings)
    report = plan_report_json(plan, findings, file="noor.json")
    json.dumps(report)
    [avg] = [b for b in report["bevindingen"] if b["code"] == "avg.telefoon"]
    assert avg["inhoud"] == "06-12345678"
    assert avg["pad"] == "handelingsdeel.zienswijze"
    assert avg["onderdeel"] == "F. Handelingsdeel"
    assert report["fouten"] == 0
    assert report["bestand"] == "noor.json"


def test_json_counts() -> None:
    report = plan_report_json(OPP(), check(OPP()))
    assert report["fouten"] == sum(b["ernst"] == "fout" for b in report["bevindingen"]) > 0
    assert report["waarschuwingen"] == len(report["bevindingen"]) - report["fouten"]


def test_report_is_compact_and_shows_sources_only_when_asked() -> None:
    plan = example_plan()
    plan.leerling.klas = None
    findings = check(plan)
    assert "bron:" not in plan_report_text("Plan", findings)
    extended = plan_report_text("Plan", findings, uitgebreid=True)
    assert "      bron: Handreiking" in extended


def test_empty_signature_boxes_of_one_table_are_one_line_naming_the_roles() -> None:
    findings = check(example_plan(), signatures_known=True)
    boxes = [f for f in findings if f.code == "handtekening.niet_gezet"]
    rows_of_d = [f for f in boxes if f.path[0] == "ondertekening"]
    assert len(rows_of_d) > 1  # one finding per row: JSON keeps every place
    text = plan_report_text("Plan", findings)
    [line] = [
        line
        for line in text.splitlines()
        if "[handtekening.niet_gezet]" in line and "'D. Ondertekening'" in line
    ]
    assert f"{len(rows_of_d)} handtekeningvakken leeg" in line
    for role in ("Leerling", "Ouder/verzorger", "Mentor"):
        assert role in line
    assert text.count("[handtekening.niet_gezet]") < len(boxes)
    assert f"{len([f for f in findings if f.ernst.value == 'fout'])} fout(en)" in text


def test_summary_table_names_each_plan_and_whether_it_is_ready() -> None:
    rows = [SummaryRow("Noor (240117)", 0, 2, True), SummaryRow("Sam de Wit (240200)", 3, 0, False)]
    lines = summary_text(rows).splitlines()
    assert lines[2].split("  ")[0].strip() == "Plan"
    assert lines[3].endswith("ja") and lines[4].endswith("nee")
    assert lines[-1] == "2 plan(nen): 1 klaar voor de ACTA, 1 met fouten."

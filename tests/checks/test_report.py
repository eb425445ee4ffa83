"""The Dutch report per plan, grouped by section, and its JSON form."""

from __future__ import annotations

import json

from opp_docs.checks.report import plan_report_json, plan_report_text
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

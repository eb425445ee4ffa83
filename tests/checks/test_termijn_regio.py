"""The 6-week rule counts from the region's first school day; beyond the calendar, 1 August."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from opp_docs.checks import Ernst, check_plan
from opp_docs.cli import main
from opp_docs.errors import InputError
from opp_docs.example import example_plan
from opp_docs.planfile import plan_to_json

from .helpers import check, codes, places


@pytest.mark.parametrize(
    ("plan_date", "fires"), [(date(2024, 10, 1), False), (date(2024, 10, 15), True)]
)
def test_opp_check_on_the_example_counts_from_the_first_school_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], plan_date: date, fires: bool
) -> None:
    plan = example_plan()
    plan.datum = plan_date
    plan.datum_ondersteuningsbehoefte = None
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(plan), encoding="utf-8")
    main(["check", str(path), "--op", "01-11-2025", "--json"])
    [report] = json.loads(capsys.readouterr().out)
    found = [b for b in report["bevindingen"] if b["code"] == "termijn.zes_weken"]
    assert bool(found) is fires
    if fires:
        assert found[0]["ernst"] == "fout" and found[0]["pad"] == "datum"


@pytest.mark.parametrize(
    ("regio", "last_day"),
    [
        ("noord", date(2024, 10, 14)),  # first school day 02-09-2024
        ("midden", date(2024, 10, 7)),  # 26-08-2024
        ("zuid", date(2024, 9, 30)),  # 19-08-2024
    ],
)
def test_each_region_has_its_own_deadline(regio: str, last_day: date) -> None:
    plan = example_plan()
    plan.datum_ondersteuningsbehoefte = None
    plan.datum = last_day
    assert "termijn.zes_weken" not in codes(check(plan, regio=regio))
    plan.datum = date.fromordinal(last_day.toordinal() + 1)
    assert places(check(plan, regio=regio), "termijn.zes_weken") == [("datum",)]


def test_the_year_after_the_data_still_knows_its_first_school_day() -> None:
    plan = example_plan()
    plan.datum_ondersteuningsbehoefte = None
    plan.datum = date(2026, 10, 12)  # 31-08-2026 + 6 weeks
    findings = check(plan)
    assert not codes(findings) & {"termijn.zes_weken", "termijn.kalender_onbekend"}


def test_beyond_the_calendar_counts_from_1_august_with_a_warning() -> None:
    plan = example_plan()
    plan.datum_ondersteuningsbehoefte = None
    plan.datum = date(2027, 9, 12)  # 01-08-2027 + 6 weeks
    findings = check(plan)
    assert "termijn.zes_weken" not in codes(findings)
    [warning] = [f for f in findings if f.code == "termijn.kalender_onbekend"]
    assert warning.ernst is Ernst.WAARSCHUWING and "2027-2028" in warning.message
    plan.datum = date(2027, 9, 13)
    assert "termijn.zes_weken" in codes(check(plan))


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(InputError) as info:
        check_plan(example_plan(), today=date(2024, 11, 1), regio="oost")
    assert info.value.code == "kalender.regio"


def test_opp_check_takes_a_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = example_plan()
    plan.datum = date(2024, 10, 1)
    plan.datum_ondersteuningsbehoefte = None
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(plan), encoding="utf-8")
    assert main(["check", str(path), "--op", "01-11-2025", "--regio", "midden"]) == 0
    assert main(["check", str(path), "--op", "01-11-2025", "--regio", "zuid"]) == 1
    assert "[termijn.zes_weken]" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["check", str(path), "--regio", "oost"])
    assert info.value.code == 2

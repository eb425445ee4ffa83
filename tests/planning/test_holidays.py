"""Proposals never fall on a weekend or in a school holiday, and say when they were moved."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from opp_docs import school_calendar
from opp_docs.cli import main
from opp_docs.example import example_plan
from opp_docs.model import OPP
from opp_docs.planfile import plan_to_json
from opp_docs.planning import plan_evaluations


def _open_ended(start: date) -> OPP:
    """The example without einddatum and evaluations, starting on ``start``."""
    plan = example_plan()
    plan.datum = start
    plan.startdatum_opp = start
    plan.einddatum_opp = None
    plan.evaluaties = []
    plan.handelingsdeel.datum_eerste_tussenevaluatie = None
    return plan


@pytest.mark.parametrize("start", [date(2024, 10, 1), date(2025, 10, 1)])
def test_no_proposal_in_a_weekend_or_a_midden_holiday(start: date) -> None:
    afspraken = plan_evaluations(_open_ended(start))
    assert len(afspraken) == 4
    for afspraak in afspraken:
        assert afspraak.datum.weekday() < 5, afspraak
        assert school_calendar.holiday_on(afspraak.datum, "midden") is None, afspraak
        assert school_calendar.feestdag_on(afspraak.datum) is None, afspraak
        assert school_calendar.is_known(afspraak.datum, "midden")
    # The dates: 1 January (kerstvakantie) and 31 July (zomervakantie) moved back.
    moved = {a.verschoven_van: a.datum for a in afspraken if a.verschoven_van}
    year = start.year
    assert moved[date(year + 1, 1, 1)] == date(year, 12, 19 if year == 2025 else 20)
    assert moved[date(year + 1, 7, 31)] == date(year + 1, 7, 17 if year == 2025 else 18)
    for afspraak in afspraken:
        if afspraak.verschoven_van is not None:
            assert afspraak.datum < afspraak.verschoven_van
            assert afspraak.opmerking and afspraak.opmerking.startswith("Verschoven van")


def test_each_region_has_its_own_holidays() -> None:
    plan = _open_ended(date(2024, 10, 1))
    eind = plan_evaluations(plan, regio="zuid")[-1]
    assert eind.datum == date(2025, 7, 4)  # zomervakantie Zuid from 05-07-2025
    assert "zomervakantie (regio Zuid)" in (eind.opmerking or "")


def test_a_public_holiday_is_avoided_and_named() -> None:
    afspraken = plan_evaluations(_open_ended(date(2024, 10, 23)))
    moved = next(a for a in afspraken if a.verschoven_van == date(2025, 5, 29))
    assert moved.datum == date(2025, 5, 28)
    assert moved.opmerking == "Verschoven van 29-05-2025: die dag valt op Hemelvaartsdag."


def test_beyond_the_calendar_only_weekends_are_avoided_and_it_says_so() -> None:
    afspraken = plan_evaluations(_open_ended(date(2027, 10, 1)))
    assert all(a.datum.weekday() < 5 for a in afspraken)
    assert all("geen gegevens voor schooljaar 2027-2028" in (a.opmerking or "") for a in afspraken)


def test_fixed_dates_are_never_moved() -> None:
    plan = example_plan()
    plan.evaluaties = []
    plan.handelingsdeel.datum_eerste_tussenevaluatie = date(2024, 12, 28)  # a Saturday
    first = plan_evaluations(plan)[0]
    assert (first.datum, first.vastgesteld, first.verschoven_van) == (
        date(2024, 12, 28),
        True,
        None,
    )


def test_opp_planning_says_it_moved_dates_and_the_workbook_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(_open_ended(date(2024, 10, 1))), encoding="utf-8")
    ics, book = tmp_path / "e.ics", tmp_path / "planning.xlsx"
    assert main(["planning", str(path), "-o", str(ics), "--werkmap", str(book)]) == 0
    err = capsys.readouterr().err
    assert "opp: 3 voorgestelde datum(s) vielen in een weekend of een schoolvakantie" in err
    rows: list[list[Any]] = [
        list(r) for r in load_workbook(book)["Planning"].iter_rows(values_only=True)
    ]
    assert rows[0][5] == "Opmerking"
    notes = [row[5] for row in rows[1:] if row[5]]
    assert any("kerstvakantie (regio Midden)" in note for note in notes)
    assert main(["planning", str(path), "-o", str(ics), "--overwrite", "--regio", "noord"]) == 0


def test_opp_planning_beyond_the_calendar_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(_open_ended(date(2027, 10, 1))), encoding="utf-8")
    assert main(["planning", str(path), "-o", str(tmp_path / "e.ics")]) == 0
    err = capsys.readouterr().err
    assert "opp: de schoolkalender heeft geen gegevens voor schooljaar 2027-2028" in err


@pytest.mark.parametrize("shift_years", [0, 1])  # 2024-2025 and 2025-2026
def test_opp_planning_of_the_example_without_einddatum_and_evaluations(
    tmp_path: Path, shift_years: int
) -> None:
    plan = example_plan()
    plan.einddatum_opp = None
    plan.evaluaties = []
    if shift_years:
        for name in ("datum", "startdatum_opp"):
            setattr(plan, name, getattr(plan, name).replace(year=2025))
        plan.handelingsdeel.datum_eerste_tussenevaluatie = date(2025, 12, 9)
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(plan), encoding="utf-8")
    ics = tmp_path / "e.ics"
    assert main(["planning", str(path), "-o", str(ics)]) == 0
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    proposed = [e.decoded("DTSTART") for e in events if "(voorstel)" in str(e["SUMMARY"])]
    assert len(proposed) == 3  # two more tussenevaluaties and the eindevaluatie
    for day in proposed:
        assert day.weekday() < 5 and school_calendar.holiday_on(day, "midden") is None, day

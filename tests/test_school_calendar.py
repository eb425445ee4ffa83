"""The school calendar: the bundled holiday data is whole and consistent, and its questions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from opp_docs import school_calendar
from opp_docs.errors import InputError
from opp_docs.school_calendar import VAKANTIES, Regio


def _years() -> list[tuple[str, Regio]]:
    return [(name, regio) for name in school_calendar.school_years() for regio in Regio]


def test_the_data_covers_2023_2024_to_2025_2026_and_names_its_source() -> None:
    assert school_calendar.school_years() == ["2023-2024", "2024-2025", "2025-2026"]
    assert school_calendar.BRON.startswith("https://www.rijksoverheid.nl/")


@pytest.mark.parametrize(("name", "regio"), _years())
def test_every_holiday_runs_saturday_to_sunday_in_order(name: str, regio: Regio) -> None:
    data = school_calendar._data().years[name, regio]
    assert [v.naam for v in data.vakanties] == list(VAKANTIES)
    for vakantie in data.vakanties:
        assert vakantie.eerste_dag.weekday() == 5, vakantie  # Saturday
        assert vakantie.laatste_dag.weekday() == 6, vakantie  # Sunday
        assert vakantie.eerste_dag < vakantie.laatste_dag
    starts = [v.eerste_dag for v in data.vakanties]
    assert starts == sorted(starts)
    assert data.eerste_schooldag.weekday() == 0  # Monday
    assert data.eerste_schooldag < data.vakanties[0].eerste_dag
    zomer = data.vakanties[-1]
    assert (zomer.laatste_dag - zomer.eerste_dag).days + 1 == 44  # six weeks and a weekend


@pytest.mark.parametrize(("name", "regio"), _years())
def test_the_first_school_day_follows_the_previous_summer(name: str, regio: Regio) -> None:
    years = school_calendar._data().years
    before = years.get((school_calendar._previous(name), regio))
    if before is not None:
        after = before.vakanties[-1].laatste_dag + timedelta(days=1)
        assert years[name, regio].eerste_schooldag == after


@pytest.mark.parametrize(
    ("regio", "first"),
    [
        (Regio.NOORD, date(2024, 9, 2)),
        (Regio.MIDDEN, date(2024, 8, 26)),
        (Regio.ZUID, date(2024, 8, 19)),
    ],
)
def test_first_school_day_of_2024_2025(regio: Regio, first: date) -> None:
    assert school_calendar.first_school_day(date(2024, 10, 1), regio) == first
    assert school_calendar.first_school_day(date(2025, 7, 31), regio.value) == first


def test_the_year_after_the_data_knows_only_its_first_school_day() -> None:
    assert school_calendar.first_school_day(date(2026, 10, 1)) == date(2026, 8, 31)
    assert school_calendar.first_school_day(date(2026, 10, 1), "noord") == date(2026, 8, 17)
    assert school_calendar.first_school_day(date(2027, 10, 1)) is None
    assert school_calendar.first_school_day(date(2023, 7, 1)) is None
    assert not school_calendar.is_known(date(2026, 10, 20))
    assert school_calendar.is_known(date(2026, 8, 20))  # still the zomervakantie of 2025-2026


def test_school_days_skip_weekends_and_holidays() -> None:
    assert school_calendar.school_day_on_or_before(date(2025, 1, 1)) == date(2024, 12, 20)
    assert school_calendar.school_day_on_or_before(date(2025, 7, 31)) == date(2025, 7, 18)
    assert school_calendar.school_day_on_or_before(date(2025, 7, 31), "zuid") == date(2025, 7, 4)
    assert school_calendar.school_day_on_or_before(date(2024, 10, 9)) == date(2024, 10, 9)
    # Beyond the data only the weekend counts.
    assert school_calendar.school_day_on_or_before(date(2027, 12, 26)) == date(2027, 12, 24)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2028, date(2028, 4, 16)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert school_calendar.easter_sunday(year) == easter


def test_public_holidays_are_no_school_days() -> None:
    feestdagen = {
        date(2025, 4, 18): "Goede Vrijdag",
        date(2025, 4, 21): "Tweede Paasdag",
        date(2025, 4, 26): "Koningsdag",  # 27 April 2025 is a Sunday
        date(2026, 4, 27): "Koningsdag",
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 9): "Tweede Pinksterdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
    }
    for day, name in feestdagen.items():
        assert school_calendar.feestdag_on(day) == name
        assert not school_calendar.is_school_day(day)
    assert school_calendar.feestdag_on(date(2025, 5, 28)) is None
    assert school_calendar.school_day_on_or_before(date(2025, 5, 29)) == date(2025, 5, 28)
    assert school_calendar.school_day_on_or_before(date(2025, 4, 21)) == date(2025, 4, 17)
    assert school_calendar.school_day_on_or_before(date(2025, 6, 9)) == date(2025, 6, 6)


def test_an_unknown_region_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        school_calendar.parse_regio("west")
    assert info.value.code == "kalender.regio"

"""Dates and periods as printed and as people type them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opp_docs.formats import format_date, format_periode, parse_date, parse_int, parse_periode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-10-2024", date(2024, 10, 1)),
        ("1-10-2024", date(2024, 10, 1)),
        ("01/10/2024", date(2024, 10, 1)),
        ("1.10.2024", date(2024, 10, 1)),
        ("2024-10-01", date(2024, 10, 1)),
        ("  01-10-2024 ", date(2024, 10, 1)),
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31-02-2024", "01-10-24", "1 oktober 2024", "2024/10/01", ""])
def test_dates_that_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@given(st.dates(date(1000, 1, 1), date(9999, 12, 31)))
def test_printed_dates_read_back(value: date) -> None:
    assert parse_date(format_date(value)) == value


def test_int() -> None:
    assert parse_int(" 3 ") == 3
    for bad in ("drie", "3a", "-1", "2.5"):
        with pytest.raises(ValueError):
            parse_int(bad)


@pytest.mark.parametrize(
    ("van", "tm", "frequentie", "printed"),
    [
        (date(2024, 10, 1), date(2024, 12, 31), None, "Van 01/10/2024 t/m 31/12/2024"),
        (date(2024, 10, 1), None, "wekelijks", "Van 01/10/2024\nwekelijks"),
        (None, date(2024, 12, 31), None, "t/m 31/12/2024"),
        (None, None, "hele jaar", "hele jaar"),
        (None, None, "Van 01/01/2020", "\nVan 01/01/2020"),
        (None, None, "\nx", "\n\nx"),
        (None, None, None, ""),
    ],
)
def test_periods(van: date | None, tm: date | None, frequentie: str | None, printed: str) -> None:
    assert format_periode(van, tm, frequentie) == printed
    expected = {"van": van, "tot_en_met": tm, "frequentie": frequentie}
    parsed = {"van": None, "tot_en_met": None, "frequentie": None} | parse_periode(printed)
    if parsed["frequentie"] == "":
        parsed["frequentie"] = None
    assert parsed == expected


def test_a_typed_period_is_kept_as_text() -> None:
    assert parse_periode("september tot kerst") == {"frequentie": "september tot kerst"}
    assert parse_periode("van 1-9-2024 t/m 20-12-2024\n2x per week") == {
        "van": date(2024, 9, 1),
        "tot_en_met": date(2024, 12, 20),
        "frequentie": "2x per week",
    }
    assert parse_periode("Van 31/02/2024") == {"van": "31/02/2024"}  # validation reports it

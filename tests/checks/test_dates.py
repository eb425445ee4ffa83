"""Calendar arithmetic: months, school years, ages."""

from __future__ import annotations

from datetime import date

import pytest

from opp_docs.checks.cadence import required_so_far, required_tussen, yearly_windows
from opp_docs.checks.dates import add_months, age_on, school_year_portions, school_year_start


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 10, 1), 3, date(2025, 1, 1)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 12, 15), 12, date(2025, 12, 15)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 8, 1), date(2024, 8, 1)),
        (date(2024, 7, 31), date(2023, 8, 1)),
        (date(2025, 1, 15), date(2024, 8, 1)),
    ],
)
def test_school_year_starts_on_1_august(day: date, expected: date) -> None:
    assert school_year_start(day) == expected


def test_a_term_is_split_at_1_august() -> None:
    assert school_year_portions(date(2024, 10, 1), date(2026, 3, 31)) == [
        (date(2024, 10, 1), date(2025, 7, 31)),
        (date(2025, 8, 1), date(2026, 3, 31)),
    ]


def test_age_turns_on_the_birthday() -> None:
    assert age_on(date(2008, 10, 1), date(2024, 9, 30)) == 15
    assert age_on(date(2008, 10, 1), date(2024, 10, 1)) == 16
    assert age_on(date(2008, 2, 29), date(2024, 2, 28)) == 15
    assert age_on(date(2008, 2, 29), date(2025, 3, 1)) == 17


def test_tussenevaluaties_needed_pro_rata() -> None:
    assert required_tussen(date(2024, 8, 1), date(2025, 7, 31)) == 3
    assert required_tussen(date(2024, 10, 1), date(2025, 7, 11)) == 3
    assert required_tussen(date(2025, 5, 1), date(2025, 7, 31)) == 1
    assert required_so_far(date(2024, 10, 1), date(2024, 10, 1)) == 0
    assert required_so_far(date(2024, 10, 1), date(2025, 1, 31)) == 1


def test_yearly_windows_end_with_the_term() -> None:
    assert yearly_windows(date(2024, 10, 1), date(2025, 9, 30)) == [
        (date(2024, 10, 1), date(2025, 9, 30))
    ]
    assert yearly_windows(date(2024, 10, 1), date(2026, 7, 10)) == [
        (date(2024, 10, 1), date(2025, 9, 30)),
        (date(2025, 10, 1), date(2026, 7, 10)),
    ]


def test_short_parts_need_no_tussenevaluatie_and_join_the_year_before() -> None:
    assert required_tussen(date(2025, 8, 1), date(2025, 9, 10)) == 0  # 41 days
    assert required_tussen(date(2025, 8, 1), date(2025, 9, 11)) == 1  # 6 weeks
    assert yearly_windows(date(2023, 2, 3), date(2024, 2, 3)) == [
        (date(2023, 2, 3), date(2024, 2, 3))
    ]

"""Calendar arithmetic the rules share: months, school years, ages.

The school year starts on 1 August: the Dutch law on secondary education defines the
*schooljaar* as the period from 1 August to 31 July, and the ROD registration the handreiking
mentions counts from that date too. Which school year a date belongs to, and the parts of a
term per school year, follow from that date.

The handreiking's "6 weken na de start van het schooljaar" counts from the first school day
after the summer holiday instead, which differs per region and year
(:mod:`opp_docs.school_calendar`); 1 August is its fallback for a year without data
(:mod:`opp_docs.checks.termijn`).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "EVALUATION_SPACING_DAYS",
    "SCHOOL_YEAR_START",
    "add_months",
    "age_on",
    "school_year_portions",
    "school_year_start",
    "six_weeks",
]

SCHOOL_YEAR_START = (8, 1)
"""(month, day) on which a school year starts."""

EVALUATION_SPACING_DAYS = 122
"""A third of a year, rounded up: "at least 3 tussenevaluaties a year" means at least one in
every started period of this many days of a school year that the plan runs."""

six_weeks = timedelta(weeks=6)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month.

    ``add_months(date(2024, 11, 30), 3)`` is 28 February 2025: "3 months after 30 November"
    ends with February, so the day is clamped rather than spilling into March.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def school_year_start(day: date) -> date:
    """1 August of the school year that ``day`` falls in."""
    month, first = SCHOOL_YEAR_START
    start = date(day.year, month, first)
    return start if day >= start else date(day.year - 1, month, first)


def school_year_portions(start: date, end: date) -> list[tuple[date, date]]:
    """The parts of ``start``..``end`` (inclusive) that fall in one school year each."""
    portions: list[tuple[date, date]] = []
    current = start
    while current <= end:
        next_year = add_months(school_year_start(current), 12)
        last = min(end, next_year - timedelta(days=1))
        portions.append((current, last))
        current = next_year
    return portions


def age_on(birth: date, day: date) -> int:
    """Age in whole years on ``day``; someone born on 29 February turns a year older on 1 March
    in a year without one (the usual Dutch reading)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years

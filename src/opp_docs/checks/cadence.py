"""The rhythm of evaluations the handreiking asks for, as arithmetic both checks and the
planning use.

- The first tussenevaluatie at the latest 3 months after the start of the plan
  (``startdatum_opp``, or the plan's ``datum`` when that is empty).
- At least 3 tussenevaluaties per school year, read for a part of a school year as one per
  started third of a year (:data:`~opp_docs.checks.dates.EVALUATION_SPACING_DAYS`): a plan
  from October to July needs 3, one for the last 4 months of a school year needs 1, a part
  shorter than 6 weeks none.
- An eindevaluatie after the term, and at least yearly: the term is cut into windows of 12
  months from the start (the last one ends with the term); each window needs an eindevaluatie
  dated in it or at most :data:`END_GRACE_MONTHS` after it ("na de looptijd", which often
  falls in the summer holiday); a last window shorter than 6 weeks joins the one before.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from opp_docs.checks.dates import EVALUATION_SPACING_DAYS, add_months
from opp_docs.model import OPP

__all__ = [
    "END_GRACE_MONTHS",
    "FIRST_WITHIN_MONTHS",
    "SHORTEST_PART_DAYS",
    "first_deadline",
    "required_so_far",
    "required_tussen",
    "term_of",
    "window_deadline",
    "yearly_windows",
]

FIRST_WITHIN_MONTHS = 3
SHORTEST_PART_DAYS = 42
END_GRACE_MONTHS = 3


def term_of(plan: OPP) -> tuple[date | None, date | None]:
    """The plan's term: (startdatum_opp or datum, einddatum_opp)."""
    return plan.startdatum_opp or plan.datum, plan.einddatum_opp


def first_deadline(start: date) -> date:
    """The last day the first tussenevaluatie may take place: exactly 3 months after start."""
    return add_months(start, FIRST_WITHIN_MONTHS)


def required_tussen(first: date, last: date) -> int:
    """Tussenevaluaties a whole part ``first``..``last`` of one school year needs (at most 3).

    A part shorter than :data:`SHORTEST_PART_DAYS` needs none: a term that runs a few days into
    a new school year (or starts a few days before one ends) cannot hold a meaningful one.
    """
    days = (last - first).days + 1
    if days < SHORTEST_PART_DAYS:
        return 0
    return min(3, math.ceil(days / EVALUATION_SPACING_DAYS))


def required_so_far(first: date, today: date) -> int:
    """Tussenevaluaties due by ``today`` in a part of a school year that began on ``first``."""
    return min(3, max(0, (today - first).days // EVALUATION_SPACING_DAYS))


def yearly_windows(start: date, end: date) -> list[tuple[date, date]]:
    """Windows of 12 months from ``start``; the last ends on ``end``.

    A last window shorter than :data:`SHORTEST_PART_DAYS` joins the one before: a term of a
    year and a few days needs one eindevaluatie, at its end, not two.
    """
    windows: list[tuple[date, date]] = []
    current = start
    months = 0
    while current <= end:
        months += 12
        following = add_months(start, months)
        windows.append((current, min(end, following - timedelta(days=1))))
        current = following
    if len(windows) > 1 and (windows[-1][1] - windows[-1][0]).days + 1 < SHORTEST_PART_DAYS:
        windows[-2:] = [(windows[-2][0], windows[-1][1])]
    return windows


def window_deadline(window_end: date) -> date:
    """The last day an eindevaluatie for a window ending on ``window_end`` counts."""
    return add_months(window_end, END_GRACE_MONTHS)

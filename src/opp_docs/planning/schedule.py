"""The evaluation calendar of a plan: the dates it fixes, and proposals where it fixes none.

Fixed dates are every evaluation's datum, the 'Datum eerste tussenevaluatie' and each
'Datum volgende evaluatie' that no evaluation holds yet (the next date after a final
eindevaluatie belongs to the next plan and is left out). Proposals satisfy the rules of
:mod:`opp_docs.checks.cadence`:

- the first tussenevaluatie, when none is fixed: halfway through the term, but at the latest
  3 months after the start;
- further tussenevaluaties: per school-year part of the term as many as it needs, spread
  evenly after the last one in that part (or from its start);
- an eindevaluatie on the last day of every yearly window (the term's end date) that has none;
- a proposal on a Saturday or Sunday moves to the Friday before, so no deadline is passed.

Without an einddatum the term ends on 31 July of the start's school year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from opp_docs.checks.cadence import (
    first_deadline,
    required_tussen,
    term_of,
    window_deadline,
    yearly_windows,
)
from opp_docs.checks.dates import add_months, school_year_portions, school_year_start
from opp_docs.errors import InputError, Location, Problem
from opp_docs.model import OPP, EvaluatieSoort

__all__ = ["Afspraak", "plan_evaluations"]

_TUSSEN = EvaluatieSoort.TUSSENEVALUATIE
_EIND = EvaluatieSoort.EINDEVALUATIE


@dataclass(frozen=True)
class Afspraak:
    """One evaluation in the calendar: when, which kind, for whom, fixed or proposed."""

    datum: date
    soort: EvaluatieSoort
    leerlingnummer: str | None
    naam: str | None
    vastgesteld: bool


def _weekday(day: date) -> date:
    return day - timedelta(days=max(0, day.weekday() - 4))


def _fixed(plan: OPP, end: date) -> dict[date, EvaluatieSoort]:
    start, _ = term_of(plan)
    windows = yearly_windows(start, end) if start is not None else []
    last_year = windows[-1][0] if windows else end
    found: dict[date, EvaluatieSoort] = {
        e.datum: e.soort for e in plan.evaluaties if e.datum is not None
    }
    first = plan.handelingsdeel.datum_eerste_tussenevaluatie
    if first is not None:
        found.setdefault(first, _TUSSEN)
    for e in plan.evaluaties:
        following = e.datum_volgende_evaluatie
        final = e.soort is _EIND and e.datum is not None and e.datum >= last_year
        if following is None or final:
            continue
        found.setdefault(following, _EIND if following >= end else _TUSSEN)
    return found


def plan_evaluations(plan: OPP) -> list[Afspraak]:
    """The plan's evaluations in date order (see the module docstring).

    Raises :class:`InputError` (``planning.geen_start``) when the plan has neither a
    Startdatum OPP nor a datum, and ``planning.einde_voor_start`` when it ends before it starts.
    """
    start, end = term_of(plan)
    if start is None:
        raise InputError(
            Problem(
                "planning.geen_start",
                "Het plan heeft geen 'Startdatum OPP' en geen datum; er is geen planning te "
                "maken. Vul de startdatum in.",
                Location(path=("startdatum_opp",), label="Startdatum OPP"),
            )
        )
    if end is None:
        end = add_months(school_year_start(start), 12) - timedelta(days=1)
    if end < start:
        raise InputError(
            Problem(
                "planning.einde_voor_start",
                "'Einddatum OPP' ligt voor de start van het plan. Verbeter de data.",
                Location(path=("einddatum_opp",), label="Einddatum OPP"),
            )
        )
    fixed = _fixed(plan, end)
    proposed: dict[date, EvaluatieSoort] = {}
    tussen = sorted(day for day, kind in fixed.items() if kind is _TUSSEN)
    if not tussen:
        # The first: halfway through the term, but at the latest 3 months in.
        halfway = start + (end - start) // 2
        first_day = max(start, _weekday(min(halfway, first_deadline(start))))
        proposed[first_day] = _TUSSEN
        tussen = [first_day]
    for first, last in school_year_portions(start, end):
        inside = [day for day in tussen if first <= day <= last]
        missing = required_tussen(first, last) - len(inside)
        if missing <= 0:
            continue
        after = max(inside, default=first)
        step = (last - after).days // (missing + 1)
        for index in range(1, missing + 1):
            day = _weekday(after + timedelta(days=step * index))
            if day not in fixed:
                proposed[day] = _TUSSEN
    eind = [day for day, kind in fixed.items() if kind is _EIND]
    for window_start, window_end in yearly_windows(start, end):
        if not any(window_start <= day <= window_deadline(window_end) for day in eind):
            day = _weekday(window_end)
            while day in fixed or day in proposed:  # one evaluation a day: the weekday before
                day = _weekday(day - timedelta(days=1))
            proposed[day] = _EIND
    leerling = plan.leerling
    afspraken = [
        Afspraak(day, kind, leerling.leerlingnummer, leerling.naam, True)
        for day, kind in fixed.items()
    ]
    afspraken += [
        Afspraak(day, kind, leerling.leerlingnummer, leerling.naam, False)
        for day, kind in proposed.items()
    ]
    return sorted(afspraken, key=lambda afspraak: afspraak.datum)

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
- a proposal on a weekend or in a school holiday of the region
  (:mod:`opp_docs.school_calendar`, default regio Midden) moves to the last school day before,
  so no deadline is passed; only when that would leave the period the proposal belongs to (a
  plan that starts in the summer holiday) does it move to the first school day after. The
  :class:`Afspraak` says so in ``opmerking``, with the date it was moved from.
- a date beyond the school calendar's data only avoids weekends, and its ``opmerking`` says
  the calendar has no data for that school year.

Without an einddatum the term ends on 31 July of the start's school year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from opp_docs import school_calendar
from opp_docs.checks.cadence import (
    first_deadline,
    required_tussen,
    term_of,
    window_deadline,
    yearly_windows,
)
from opp_docs.checks.dates import add_months, school_year_portions, school_year_start
from opp_docs.errors import InputError, Location, Problem
from opp_docs.formats import format_date
from opp_docs.model import OPP, EvaluatieSoort
from opp_docs.school_calendar import DEFAULT_REGIO, Regio

__all__ = ["Afspraak", "plan_evaluations"]

_TUSSEN = EvaluatieSoort.TUSSENEVALUATIE
_EIND = EvaluatieSoort.EINDEVALUATIE


@dataclass(frozen=True)
class Afspraak:
    """One evaluation in the calendar: when, which kind, for whom, fixed or proposed.

    ``verschoven_van`` is the date a proposal was moved from (a weekend or a school holiday),
    ``opmerking`` says why in Dutch, or that the school calendar has no data for its year.
    """

    datum: date
    soort: EvaluatieSoort
    leerlingnummer: str | None
    naam: str | None
    vastgesteld: bool
    verschoven_van: date | None = None
    opmerking: str | None = None


@dataclass(frozen=True)
class _Proposal:
    datum: date
    soort: EvaluatieSoort
    verschoven_van: date | None = None
    opmerking: str | None = None


class _Placer:
    """Moves proposals to school days of one region, one evaluation a day."""

    def __init__(self, regio: Regio, taken: set[date]) -> None:
        self.regio = regio
        self.taken = taken

    def _free(self, day: date) -> bool:
        return school_calendar.is_school_day(day, self.regio) and day not in self.taken

    def place(self, wanted: date, kind: EvaluatieSoort, lowest: date, highest: date) -> _Proposal:
        """A free school day on or before ``wanted`` and not before ``lowest``; else the first
        one after ``wanted`` up to ``highest``; else the weekday before ``wanted``."""
        day = wanted
        while day >= lowest and not self._free(day):
            day -= timedelta(days=1)
        if day < lowest:
            day = max(wanted, lowest)
            while day <= highest and not self._free(day):
                day += timedelta(days=1)
        if day < lowest or day > highest:
            day = wanted - timedelta(days=max(0, wanted.weekday() - 4))
        self.taken.add(day)
        return _Proposal(day, kind, *self._why(wanted, day))

    def _why(self, wanted: date, day: date) -> tuple[date | None, str | None]:
        unknown = None
        if not school_calendar.is_known(day, self.regio):
            unknown = (
                f"De schoolkalender heeft geen gegevens voor schooljaar "
                f"{school_calendar.school_year_of(day)}; alleen weekends en feestdagen zijn "
                "vermeden. Controleer de schoolvakanties."
            )
        if day == wanted:
            return None, unknown
        holiday = school_calendar.holiday_on(wanted, self.regio)
        feestdag = school_calendar.feestdag_on(wanted)
        if holiday is not None:
            reason = f"in de {holiday.naam} (regio {self.regio.value.capitalize()})"
        elif wanted.weekday() >= 5:
            reason = "in het weekend"
        elif feestdag is not None:
            reason = f"op {feestdag}"
        else:
            reason = "op een dag met al een evaluatie"
        text = f"Verschoven van {format_date(wanted)}: die dag valt {reason}."
        return wanted, text if unknown is None else f"{text} {unknown}"


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


def plan_evaluations(plan: OPP, *, regio: Regio | str = DEFAULT_REGIO) -> list[Afspraak]:
    """The plan's evaluations in date order (see the module docstring).

    ``regio`` is the school holiday region whose holidays proposals avoid (default Midden).
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
    placer = _Placer(school_calendar.parse_regio(regio), set(fixed))
    proposed: list[_Proposal] = []
    tussen = sorted(day for day, kind in fixed.items() if kind is _TUSSEN)
    if not tussen:
        # The first: halfway through the term, but at the latest 3 months in.
        halfway = start + (end - start) // 2
        deadline = first_deadline(start)
        proposed.append(placer.place(min(halfway, deadline), _TUSSEN, start, min(end, deadline)))
        tussen = [proposed[-1].datum]
    for first, last in school_year_portions(start, end):
        inside = [day for day in tussen if first <= day <= last]
        missing = required_tussen(first, last) - len(inside)
        if missing <= 0:
            continue
        after = max(inside, default=first)
        step = (last - after).days // (missing + 1)
        for index in range(1, missing + 1):
            wanted = after + timedelta(days=step * index)
            if wanted not in fixed:
                proposed.append(placer.place(wanted, _TUSSEN, first, last))
    eind = [day for day, kind in fixed.items() if kind is _EIND]
    for window_start, window_end in yearly_windows(start, end):
        if not any(window_start <= day <= window_deadline(window_end) for day in eind):
            # After every tussenevaluatie of the window, so the eindevaluatie closes it.
            planned = [p.datum for p in proposed if p.soort is _TUSSEN]
            inside = [day for day in [*tussen, *planned] if window_start <= day <= window_end]
            lowest = max(inside) + timedelta(days=1) if inside else window_start
            deadline = window_deadline(window_end)
            proposed.append(placer.place(window_end, _EIND, lowest, deadline))
    leerling = plan.leerling
    afspraken = [
        Afspraak(day, kind, leerling.leerlingnummer, leerling.naam, True)
        for day, kind in fixed.items()
    ]
    afspraken += [
        Afspraak(
            p.datum,
            p.soort,
            leerling.leerlingnummer,
            leerling.naam,
            False,
            verschoven_van=p.verschoven_van,
            opmerking=p.opmerking,
        )
        for p in proposed
    ]
    return sorted(afspraken, key=lambda afspraak: afspraak.datum)

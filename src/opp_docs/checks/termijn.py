"""The plan is set in time: within 6 weeks of the start of the school year or of the need.

Handreiking, "Wanneer?": an OPP is set within 6 weeks after the start of the school year, or
within 6 weeks after the extra support need was established during the school year. The
school year starts, for the student, on the first school day after the summer holiday of the
school's region (:func:`opp_docs.school_calendar.first_school_day`; Westland is regio Midden):
the weeks before it are holiday, in which no plan can be discussed. The deadline counts from
the later of that day and ``datum_ondersteuningsbehoefte``; a need established in an earlier
school year counts from the start of the plan's school year.

A school year the calendar has no data for counts from 1 August (see
:mod:`opp_docs.checks.dates`), with a waarschuwing that says so.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Context, Ernst, Regel
from opp_docs.checks.dates import school_year_start, six_weeks
from opp_docs.checks.onbekend import cannot_check
from opp_docs.formats import format_date
from opp_docs.school_calendar import first_school_day, school_year_of

__all__ = ["RULES", "check_termijn"]

ZES_WEKEN = Regel(
    "termijn.zes_weken",
    Ernst.FOUT,
    "Handreiking, 'Wanneer?'",
    "Het plan is later vastgesteld dan 6 weken na de eerste schooldag van het schooljaar (in de "
    "vakantieregio van de school) of na de vaststelling van de ondersteuningsbehoefte.",
)
KALENDER_ONBEKEND = Regel(
    "termijn.kalender_onbekend",
    Ernst.WAARSCHUWING,
    "Rijksoverheid, schoolvakanties per schooljaar",
    "De schoolkalender heeft geen gegevens voor het schooljaar van het plan; de termijn van 6 "
    "weken telt dan vanaf 1 augustus.",
)

RULES = (ZES_WEKEN, KALENDER_ONBEKEND)


def check_termijn(context: Context) -> list[Bevinding]:
    """Findings of the 6-week rule."""
    plan = context.plan
    if plan.datum is None:
        return [cannot_check("De termijn van 6 weken", ("datum",))]
    found: list[Bevinding] = []
    region = context.regio.value.capitalize()
    start = first_school_day(plan.datum, context.regio)
    if start is None:
        start = school_year_start(plan.datum)
        since_start = "de start van het schooljaar (1 augustus)"
        found.append(
            KALENDER_ONBEKEND.bevinding(
                f"De schoolkalender heeft geen gegevens voor schooljaar "
                f"{school_year_of(plan.datum)}; de termijn van 6 weken telt daarom vanaf 1 "
                "augustus. Controleer de termijn met de eerste schooldag van de school.",
                ("datum",),
            )
        )
    else:
        since_start = (
            f"de start van het schooljaar (eerste schooldag {format_date(start)}, regio {region})"
        )
    need = plan.datum_ondersteuningsbehoefte
    reference = max(start, need) if need is not None else start
    deadline = reference + six_weeks
    if plan.datum <= deadline:
        return found
    since = "de vaststelling van de ondersteuningsbehoefte" if reference != start else since_start
    found.append(
        ZES_WEKEN.bevinding(
            f"Het plan is vastgesteld na {format_date(deadline)}, meer dan 6 weken na {since}. "
            "Stel een OPP binnen 6 weken vast; vul bij een behoefte die tijdens het schooljaar "
            "ontstond 'Datum vaststelling ondersteuningsbehoefte' in.",
            ("datum",),
        )
    )
    return found

"""The plan is set in time: within 6 weeks of the start of the school year or of the need.

Handreiking, "Wanneer?": an OPP is set within 6 weeks after the start of the school year, or
within 6 weeks after the extra support need was established during the school year. The
deadline counts from the later of 1 August of the plan's school year (see
:mod:`opp_docs.checks.dates`) and ``datum_ondersteuningsbehoefte``; a need established in an
earlier school year counts from the start of the plan's school year.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Context, Ernst, Regel
from opp_docs.checks.dates import school_year_start, six_weeks
from opp_docs.checks.onbekend import cannot_check
from opp_docs.formats import format_date

__all__ = ["RULES", "check_termijn"]

ZES_WEKEN = Regel(
    "termijn.zes_weken",
    Ernst.FOUT,
    "Handreiking, 'Wanneer?'",
    "Het plan is later vastgesteld dan 6 weken na de start van het schooljaar (1 augustus) of "
    "na de vaststelling van de ondersteuningsbehoefte.",
)

RULES = (ZES_WEKEN,)


def check_termijn(context: Context) -> list[Bevinding]:
    """Findings of the 6-week rule."""
    plan = context.plan
    if plan.datum is None:
        return [cannot_check("De termijn van 6 weken", ("datum",))]
    start = school_year_start(plan.datum)
    need = plan.datum_ondersteuningsbehoefte
    reference = max(start, need) if need is not None else start
    deadline = reference + six_weeks
    if plan.datum <= deadline:
        return []
    since = (
        "de vaststelling van de ondersteuningsbehoefte"
        if reference != start
        else "de start van het schooljaar (1 augustus)"
    )
    return [
        ZES_WEKEN.bevinding(
            f"Het plan is vastgesteld na {format_date(deadline)}, meer dan 6 weken na {since}. "
            "Stel een OPP binnen 6 weken vast; vul bij een behoefte die tijdens het schooljaar "
            "ontstond 'Datum vaststelling ondersteuningsbehoefte' in.",
            ("datum",),
        )
    ]

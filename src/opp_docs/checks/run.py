"""Apply every rule to a plan: :func:`check_plan`, and the list of rules :data:`REGELS`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from opp_docs.checks import (
    aanvraag,
    avg,
    deel1,
    evaluaties,
    handelingsdeel,
    instemming,
    onbekend,
    ondertekening,
    rod,
    termijn,
)
from opp_docs.checks.base import Bevinding, Context, Ernst, Regel
from opp_docs.model import OPP
from opp_docs.school_calendar import DEFAULT_REGIO, Regio, parse_regio

__all__ = ["REGELS", "check_plan"]

_Check = Callable[[Context], list[Bevinding]]

_CHECKS: tuple[_Check, ...] = (
    deel1.check_deel1,
    ondertekening.check_ondertekening,
    termijn.check_termijn,
    handelingsdeel.check_handelingsdeel,
    instemming.check_instemming,
    evaluaties.check_evaluaties,
    aanvraag.check_aanvraag,
    rod.check_rod,
    avg.check_avg,
)

REGELS: dict[str, Regel] = {
    rule.code: rule
    for module in (
        deel1,
        ondertekening,
        termijn,
        handelingsdeel,
        instemming,
        evaluaties,
        aanvraag,
        rod,
        avg,
        onbekend,
    )
    for rule in module.RULES
}
"""Every rule by its code, in the order of the form."""


def check_plan(
    plan: OPP,
    *,
    today: date | None = None,
    acta: bool = False,
    signatures_known: bool = False,
    regio: Regio | str = DEFAULT_REGIO,
) -> list[Bevinding]:
    """Every finding of every rule for ``plan``: fouten first, then waarschuwingen.

    ``today`` is the "as of" date of the rules on evaluations and requests (default: the
    current date). ``acta`` applies the aanvraag rules even when no request is filled in.
    ``signatures_known`` says the plan was read from a form, so whether each signature box
    holds a signature (``ondertekend``) is known; a :class:`~opp_docs.LoadedPlan` says so in
    its ``signatures_known``. ``regio`` is the school holiday region (``"noord"``,
    ``"midden"`` or ``"zuid"``; default Midden, Westland's) whose first school day the 6-week
    rule counts from; an unknown one raises :class:`~opp_docs.errors.InputError`. The findings
    are :class:`Bevinding` records (a rule with its severity and source), not problems: a
    plan with findings is still a valid plan.
    ``docs/regels.md`` lists every rule.

    >>> from datetime import date
    >>> import opp_docs
    >>> findings = opp_docs.check_plan(opp_docs.example_plan(), today=date(2024, 11, 1))
    >>> [finding.code for finding in findings if finding.ernst is opp_docs.Ernst.FOUT]
    []
    >>> findings = opp_docs.check_plan(opp_docs.OPP(), today=date(2024, 11, 1))
    >>> findings[0].ernst, findings[0].code
    (<Ernst.FOUT: 'fout'>, 'deel1.datum_leeg')
    """
    context = Context(
        plan,
        today or date.today(),
        acta=acta,
        signatures_known=signatures_known,
        regio=parse_regio(regio),
    )
    found = [finding for check in _CHECKS for finding in check(context)]
    return sorted(found, key=lambda finding: finding.ernst is not Ernst.FOUT)

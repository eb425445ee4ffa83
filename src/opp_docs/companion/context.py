"""What a companion template sees: the plan as a dict, a few helpers and two filters.

    context = build_context(plan, today=date(2025, 2, 1))
    context["leerling"]["naam"]                 # every field of the plan, as in its JSON
    context["volgende_evaluatie"]["datum"]      # "18-02-2025": see next_evaluation()

``docs/dev/companions.md`` lists every field; a test keeps that list and this module in step.
Dates in the plan part are ISO strings (``"2024-10-01"``), as in the plan's JSON; the
``datum`` filter prints them dd-mm-jjjj. The helpers are already printed that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from opp_docs.formats import format_date
from opp_docs.model import OPP, ROLLEN_ONDERTEKENING, EvaluatieSoort

__all__ = [
    "FILTERS",
    "HELPERS",
    "NextEvaluation",
    "build_context",
    "format_datum",
    "next_evaluation",
    "text_lines",
]

HELPERS = ("vandaag", "volgende_evaluatie", "genodigden", "handelingswijzer_domeinen")
"""The names the context adds to the plan's own fields."""

_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class NextEvaluation:
    """The next evaluation of a plan: its date (None when the plan does not say) and kind."""

    datum: date | None
    soort: EvaluatieSoort | None

    @property
    def omschrijving(self) -> str:
        """'tussenevaluatie', 'eindevaluatie' or, when the kind is unknown, 'evaluatie'."""
        return "evaluatie" if self.soort is None else self.soort.value.lower()


def next_evaluation(plan: OPP, today: date) -> NextEvaluation:
    """The next evaluation of ``plan`` as seen on ``today``; the first rule that gives a date:

    1. the first evaluation in G (in the plan's order) whose date is today or later: an
       evaluation that is planned but not held yet, with its own kind;
    2. when G has evaluations with a date, all before today: the 'Datum volgende evaluatie' of
       the last of them (kind unknown: after an eindevaluatie a new plan may follow);
    3. when G has no evaluation with a date: F's 'Datum eerste tussenevaluatie'
       (a tussenevaluatie);
    4. otherwise no date: the letter leaves it blank to fill in.
    """
    dated = [evaluatie for evaluatie in plan.evaluaties if evaluatie.datum is not None]
    for evaluatie in dated:
        assert evaluatie.datum is not None
        if evaluatie.datum >= today:
            return NextEvaluation(evaluatie.datum, evaluatie.soort)
    if dated:
        return NextEvaluation(dated[-1].datum_volgende_evaluatie, None)
    first = plan.handelingsdeel.datum_eerste_tussenevaluatie
    if first is not None:
        return NextEvaluation(first, EvaluatieSoort.TUSSENEVALUATIE)
    return NextEvaluation(None, None)


def format_datum(value: object) -> str:
    """The ``datum`` filter: an ISO date string or a date as dd-mm-jjjj; None as "".

    Any other text is returned unchanged (a template may pass an already printed date).
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    text = str(value)
    try:
        return format_date(date.fromisoformat(text))
    except ValueError:
        return text


def text_lines(value: object) -> list[str]:
    """The ``regels`` filter: a text as its non-empty lines, without a leading list mark
    ("- ", "* ", "• ", "1. "), for a bulleted list. None gives no lines."""
    if value is None:
        return []
    lines = [_BULLET.sub("", line).strip() for line in str(value).split("\n")]
    return [line for line in lines if line]


FILTERS = {"datum": format_datum, "regels": text_lines}
"""The Jinja filters every companion template can use."""


def _genodigden(plan: OPP) -> list[dict[str, str]]:
    """Who is invited to an evaluation: the student, the parents, the mentor and the extra
    signatories of D (roles the form does not pre-print), once each, without the coordinator
    who signs the letter."""
    leerling = plan.leerling
    people: list[tuple[str | None, str]] = [(leerling.naam, "leerling")]
    people += [(ouder.naam, ouder.relatie or "ouder/verzorger") for ouder in leerling.ouders]
    people.append((leerling.mentor, "mentor"))
    people += [
        (row.naam, row.rol or "betrokkene")
        for row in plan.ondertekening
        if row.rol not in ROLLEN_ONDERTEKENING
    ]
    seen = {leerling.ondersteuningscoordinator}
    result = []
    for naam, rol in people:
        if naam is None or naam in seen:
            continue
        seen.add(naam)
        # "Schoolondersteuner" from D reads as "schoolondersteuner" beside "moeder" and
        # "mentor"; an abbreviation ("GGZ-behandelaar") keeps its capitals.
        if rol[1:2].islower():
            rol = rol[0].lower() + rol[1:]
        result.append({"naam": naam, "rol": rol})
    return result


def _handelingswijzer_domeinen(plan: OPP) -> list[dict[str, str | None]]:
    """C's domains that have a stimulerende factor or an ondersteuningsbehoefte, in the form's
    order, with only those two columns (the belemmerende factoren stay in the plan)."""
    return [
        {
            "domein": row.domein.value,
            "stimulerend": row.stimulerend,
            "ondersteuningsbehoefte": row.ondersteuningsbehoefte,
        }
        for row in plan.factoren.domeinen
        if row.stimulerend is not None or row.ondersteuningsbehoefte is not None
    ]


def build_context(plan: OPP, *, today: date) -> dict[str, Any]:
    """The docxtpl context of ``plan``: ``plan.model_dump(mode="json")`` plus :data:`HELPERS`."""
    context: dict[str, Any] = plan.model_dump(mode="json")
    following = next_evaluation(plan, today)
    context["vandaag"] = format_date(today)
    context["volgende_evaluatie"] = {
        "datum": None if following.datum is None else format_date(following.datum),
        "soort": None if following.soort is None else following.soort.value,
        "omschrijving": following.omschrijving,
    }
    context["genodigden"] = _genodigden(plan)
    context["handelingswijzer_domeinen"] = _handelingswijzer_domeinen(plan)
    return context

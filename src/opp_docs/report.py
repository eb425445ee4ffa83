"""Problems and plans as people and scripts read them: JSON records and a short summary."""

from __future__ import annotations

from typing import Any

from opp_docs.errors import Problem
from opp_docs.model import OPP

__all__ = ["problem_to_json", "summary"]


def problem_to_json(problem: Problem) -> dict[str, Any]:
    """A problem as a JSON object: code, message, place and the raw content (``inhoud``)."""
    location = problem.location
    return {
        "code": problem.code,
        "melding": problem.message,
        "bestand": location.file,
        "blad": location.sheet,
        "rij": location.row,
        "kolom": location.column,
        "label": location.label,
        "pad": ".".join(str(step) for step in location.path) or None,
        "inhoud": problem.input
        if isinstance(problem.input, (str, int, float, bool, list))
        else None,
    }


def summary(plan: OPP) -> str:
    """A few Dutch lines about a plan: who, and how much of the form is filled in."""
    leerling = plan.leerling
    lines = [
        f"Leerling: {leerling.naam or '(geen naam)'} ({leerling.leerlingnummer or 'geen nummer'})",
        f"Uitstroomprofiel: {plan.ontwikkelingsperspectief.uitstroomprofiel or '(niet ingevuld)'}",
        f"Domeinen in C: {len(plan.factoren.domeinen)}; "
        f"doelen in F: {len(plan.handelingsdeel.doelen)}",
        f"Evaluaties: {len(plan.evaluaties)}; ondertekeningen: {len(plan.ondertekening)}",
        "Aanvraag arrangement: "
        + (str(plan.aanvraag.arrangement) if plan.aanvraag.arrangement else "geen"),
    ]
    return "\n".join(lines)

"""Plans as JSON files: read one (validated, with Dutch errors) and write one."""

from __future__ import annotations

import json
import os
from pathlib import Path

from opp_docs.errors import FileError, Location, Problem
from opp_docs.model import OPP
from opp_docs.validation import validate_plan

__all__ = ["load_plan", "plan_to_json"]


def plan_to_json(plan: OPP) -> str:
    """The plan as JSON text, in exactly the shape of ``plan.model_dump(mode="json")``."""
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def load_plan(path: str | os.PathLike[str]) -> OPP:
    """Read and validate a plan from a JSON file; every problem names the file and field.

    Raises :class:`~opp_docs.errors.FileError` for a file that is missing or no JSON plan and
    :class:`~opp_docs.errors.InvalidPlanError` with every value the model refuses.
    """
    path = Path(path)
    location = Location(file=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileError(
            Problem("bestand.niet_gevonden", "Het bestand bestaat niet.", location)
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError(
            Problem(
                "bestand.onleesbaar",
                "Het bestand kan niet worden gelezen als UTF-8-tekst.",
                location,
            )
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileError(
            Problem(
                "json.ongeldig",
                f"Geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}): {exc.msg}.",
                Location(file=str(path), row=exc.lineno),
            )
        ) from exc
    if not isinstance(data, dict):
        raise FileError(
            Problem(
                "json.geen_plan",
                "De JSON is geen OPP: verwacht een object, zoals 'opp example' laat zien.",
                location,
            )
        )
    return validate_plan(data, location)

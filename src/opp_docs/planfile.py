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
    """The plan as JSON text, in exactly the shape of ``plan.model_dump(mode="json")``.

    Dates are ``jjjj-mm-dd``, options their printed text; the text is indented, keeps
    non-ASCII letters and ends in a newline (write it as UTF-8). :func:`load_plan` reads it.

    >>> import json
    >>> import opp_docs
    >>> text = opp_docs.plan_to_json(opp_docs.example_plan())
    >>> json.loads(text)["leerling"]["klas"]
    '3K2'
    >>> opp_docs.validate_plan(json.loads(text)) == opp_docs.example_plan()
    True
    """
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def load_plan(path: str | os.PathLike[str]) -> OPP:
    """Read and validate a plan from a JSON file; every problem names the file and field.

    Raises :class:`~opp_docs.errors.FileError` for a file that is missing or no JSON plan,
    and :class:`~opp_docs.errors.InvalidPlanError` with every value the model refuses, all
    at once.

    >>> from pathlib import Path
    >>> import opp_docs
    >>> plan = opp_docs.example_plan()
    >>> _ = Path("plan.json").write_text(opp_docs.plan_to_json(plan), encoding="utf-8")
    >>> opp_docs.load_plan("plan.json") == plan
    True
    >>> _ = Path("fout.json").write_text('{"leerling": {"leerjaar": 9}}', encoding="utf-8")
    >>> try:
    ...     opp_docs.load_plan("fout.json")
    ... except opp_docs.OppError as error:
    ...     print([(problem.code, problem.location.label) for problem in error.problems])
    [('waarde.less_than_equal', 'Leerjaar')]
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
                "De JSON is geen OPP: verwacht een object, zoals 'opp voorbeeld' laat zien.",
                location,
            )
        )
    return validate_plan(data, location)

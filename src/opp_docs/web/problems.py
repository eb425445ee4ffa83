"""Problems as the API and the pages show them: the CLI's codes, Dutch, with their place.

An error body is always ``{"code", "melding", "problems": [{code, melding, plaats, ...}]}``
with a 4xx status: 413 for an upload over a limit, 422 for values that do not fit the model,
401/403 without access, 400 for any other input refused. A file's place is the name the
user uploaded, never the server's folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from opp_docs.errors import InvalidPlanError, OppError, Problem

__all__ = [
    "ErrorBody",
    "ProblemOut",
    "error_body",
    "problem_out",
    "status_of",
    "without_folder",
]

_TOO_LARGE = frozenset({"web.te_groot", "web.uitgepakt_te_groot", "web.te_veel_bestanden"})


class ProblemOut(BaseModel):
    """One problem: its code (see docs/foutmeldingen.md), the Dutch message and its place."""

    code: str = Field(examples=["excel.datum_bestaat_niet"])
    melding: str = Field(description="Wat er mis is en wat te doen, in het Nederlands.")
    plaats: str = Field(description="Bestand, blad, rij, kolom, veld: waar het is.")
    bestand: str | None = None
    blad: str | None = None
    rij: int | None = None
    kolom: str | None = None
    label: str | None = None
    pad: str | None = None
    inhoud: str | int | float | bool | list[Any] | None = Field(
        default=None, description="Wat er stond (alleen in de antwoorden aan de gebruiker)."
    )


class ErrorBody(BaseModel):
    """A refused request: the first problem's code and message, and every problem."""

    code: str
    melding: str
    problems: list[ProblemOut]


def without_folder(problem: Problem, folder: Path | None) -> Problem:
    """``problem`` with its file named as uploaded: the part of the path below ``folder``,
    without the job's own subfolder (``invoer/``, ``plannen/``) it was put in."""
    file = problem.location.file
    if folder is None or file is None:
        return problem
    try:
        parts = Path(file).relative_to(folder).parts
    except ValueError:
        return problem
    shown = "/".join(parts[1:] if len(parts) > 1 else parts)
    return replace(problem, location=replace(problem.location, file=shown))


def problem_out(problem: Problem, *, content: bool = True) -> ProblemOut:
    """``problem`` as JSON; ``content=False`` leaves out the value found (``inhoud``)."""
    location = problem.location
    value = problem.input
    return ProblemOut(
        code=problem.code,
        melding=problem.message,
        plaats=location.describe(),
        bestand=location.file,
        blad=location.sheet,
        rij=location.row,
        kolom=location.column,
        label=location.label,
        pad=".".join(str(step) for step in location.path) or None,
        inhoud=value if content and isinstance(value, str | int | float | bool | list) else None,
    )


def error_body(problems: Iterable[Problem], folder: Path | None = None) -> ErrorBody:
    """The JSON body of a refused request."""
    shown = [without_folder(problem, folder) for problem in problems]
    first = shown[0]
    melding = str(first) if len(shown) == 1 else f"{first} (en {len(shown) - 1} meldingen meer)"
    return ErrorBody(code=first.code, melding=melding, problems=[problem_out(p) for p in shown])


def status_of(error: OppError) -> int:
    """The HTTP status of a refused input."""
    if error.code in _TOO_LARGE:
        return 413
    if error.code == "web.csrf":
        return 403
    if isinstance(error, InvalidPlanError):
        return 422
    return 400

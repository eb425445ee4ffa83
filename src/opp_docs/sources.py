"""Plans from any file a school has: a filled form (.docx), a plan (.json) or a workbook (.xlsx).

    result = read_plans(Path("overzicht.xlsx"))
    result.plans       # LoadedPlan: the plan, its file and row, whether signatures are known
    result.problems    # rows of a workbook that were held back (each with sheet, row, column)

A file that cannot be read at all raises :class:`~opp_docs.errors.OppError` with the file
in its location. Only a parsed form knows whether its signature boxes hold a signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from opp_docs.errors import FileError, Location, Problem
from opp_docs.excel.read import read_workbook
from opp_docs.model import OPP
from opp_docs.parse import parse
from opp_docs.planfile import load_plan

__all__ = ["SUFFIXES", "LoadedPlan", "LoadedPlans", "read_plans"]

SUFFIXES = (".docx", ".json", ".xlsx")


@dataclass(frozen=True)
class LoadedPlan:
    """One plan and where it came from."""

    plan: OPP
    file: str
    row: int | None = None
    signatures_known: bool = False
    problems: tuple[Problem, ...] = ()  # what parse could not place in the form


@dataclass
class LoadedPlans:
    """The plans of one file, and the problems of what was held back."""

    plans: list[LoadedPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_plans(path: Path) -> LoadedPlans:
    """Every plan in ``path``, chosen by its extension (see the module docstring)."""
    suffix = path.suffix.lower()
    file = str(path)
    if suffix == ".docx":
        result = parse(path)
        return LoadedPlans(
            [LoadedPlan(result.plan, file, signatures_known=True, problems=tuple(result.problems))]
        )
    if suffix == ".json":
        return LoadedPlans([LoadedPlan(load_plan(path), file)])
    if suffix == ".xlsx":
        workbook = read_workbook(path)
        return LoadedPlans(
            [LoadedPlan(source.plan, file, row=source.row) for source in workbook.plans],
            list(workbook.problems),
        )
    raise FileError(
        Problem(
            "bestand.onbekend_soort",
            "Dit soort bestand kan opp niet lezen. Kies een ingevuld formulier (.docx), een "
            "plan (.json) of een werkmap (.xlsx).",
            Location(file=file),
        )
    )

"""The plans of what a user typed after a command: files, folders and quoted glob patterns.

Every command that takes plans (check, planning, handelingswijzer, uitnodiging) reads them
here: :func:`opp_docs.sources.expand_sources` turns the sources into files (Windows shells
expand no patterns, so ``opp check "plannen/*.docx"`` is expanded by Python), and
:func:`opp_docs.sources.read_plans` reads each file. A source naming nothing and a file that
cannot be read are each reported on stderr, with the file; the other files are still read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from opp_docs.cli import console
from opp_docs.errors import OppError, Problem
from opp_docs.sources import LoadedPlan, expand_sources, read_plans

__all__ = ["SOURCES_HELP", "Reading", "in_file"]

SOURCES_HELP = (
    "ingevulde formulieren (.docx), plannen (.json) of werkmappen (.xlsx): bestanden, mappen "
    "(met alles erin) of patronen zoals 'plannen/*.docx'"
)


def in_file(problem: Problem, file: str, row: int | None = None) -> Problem:
    """``problem`` with ``file`` (and ``row``) in its location where it names none."""
    location = problem.location
    if location.file is not None:
        return problem
    row = location.row if location.row is not None else row
    return dataclasses.replace(problem, location=dataclasses.replace(location, file=file, row=row))


def _report(problems: Iterable[Problem], path: Path) -> None:
    console.report(in_file(problem, str(path)) for problem in problems)


@dataclass
class Reading:
    """The plans of ``sources``, read one file at a time as the loop asks for them.

    ``failed`` is true once a source named nothing, a file could not be read or a workbook
    held back a row; each was reported on stderr as it came.
    """

    sources: Sequence[str]
    failed: bool = False

    def __iter__(self) -> Iterator[LoadedPlan]:
        files, missing = expand_sources(self.sources)
        console.report(missing)
        self.failed = bool(missing)
        for path in files:
            try:
                loaded = read_plans(path)
            except OppError as exc:
                self.failed = True
                _report(exc.problems, path)
                continue
            if loaded.problems:
                self.failed = True
                _report(loaded.problems, path)
            yield from loaded.plans

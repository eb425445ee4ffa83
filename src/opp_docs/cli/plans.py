"""The plans of what a user typed after a command: files, folders and quoted glob patterns.

Every command that takes plans (check, planning, handelingswijzer, uitnodiging) reads them
through :func:`opp_docs.sources.iter_plans`, which expands the sources into files (Windows
shells expand no patterns, so ``opp controleren "plannen/*.docx"`` is expanded by Python) and reads
each. A source naming nothing and a file that cannot be read are each reported on stderr,
with the file; the other files are still read.
A folder gives its forms and plans, not the workbooks beside them (``meldingen.xlsx``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opp_docs.cli import console

if TYPE_CHECKING:
    from opp_docs.mapping import Mapping
    from opp_docs.sources import LoadedPlan

__all__ = ["Reading"]


@dataclass
class Reading:
    """The plans of ``sources`` (:func:`opp_docs.sources.iter_plans`), one file at a time as
    the loop asks for them, every problem reported on stderr as it comes.

    ``failed`` is true once a source named nothing, a file could not be read or a workbook
    held back a row. Nothing below a folder of ``exclude`` (the command's output) is read.
    """

    sources: Sequence[str]
    exclude: Sequence[str | os.PathLike[str]] = ()
    mapping: Mapping | None = None  # the forms' mapping (--mapping), else the bundled one
    failed: bool = False

    def __iter__(self) -> Iterator[LoadedPlan]:
        from opp_docs.sources import iter_plans  # the readers load when plans are read

        for read in iter_plans(self.sources, exclude=self.exclude, mapping=self.mapping):
            if read.problems:
                self.failed = True
                console.report(read.problems)
            yield from read.plans

"""``opp planning``: the evaluation calendar of one or many plans, as .ics and as a workbook.

    afspraken = [a for plan in plans for a in plan_evaluations(plan)]
    write_planning(afspraken, plans, Path("evaluaties.ics"), Path("planning.xlsx"))

``schedule`` decides the dates (fixed ones from the plan, proposals that satisfy the rules of
:mod:`opp_docs.checks.cadence`), ``ics`` writes the calendar without health details and
``workbook`` the sheets Planning and ROD.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from opp_docs.errors import FileError, Problem
from opp_docs.files import refuse_existing, write_atomic
from opp_docs.model import OPP
from opp_docs.planning.ics import calendar_bytes
from opp_docs.planning.schedule import Afspraak, plan_evaluations
from opp_docs.planning.workbook import workbook_bytes

__all__ = ["Afspraak", "calendar_bytes", "plan_evaluations", "workbook_bytes", "write_planning"]


def write_planning(
    afspraken: Sequence[Afspraak],
    plans: Sequence[OPP],
    calendar: str | os.PathLike[str],
    workbook: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = False,
) -> None:
    """Write the .ics (and the workbook); refuse before writing anything when one exists."""
    calendar = Path(calendar)
    workbook = None if workbook is None else Path(workbook)
    targets = [calendar] if workbook is None else [calendar, workbook]
    refused: list[Problem] = []
    for path in targets:
        try:
            refuse_existing(path, overwrite=overwrite)
        except FileError as exc:
            refused += exc.problems
    if refused:
        raise FileError(refused)
    # The same plan given twice (its form and its JSON) gives the same events once.
    ordered = sorted(dict.fromkeys(afspraken), key=lambda afspraak: afspraak.datum)
    write_atomic(calendar, calendar_bytes(ordered), overwrite=overwrite)
    if workbook is not None:
        write_atomic(workbook, workbook_bytes(ordered, plans), overwrite=overwrite)

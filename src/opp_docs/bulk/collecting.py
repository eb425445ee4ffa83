"""``opp verzamelen``: many filled forms into one workbook, in the layout ``generate`` reads.

    result = collect("ingevuld/", "overzicht.xlsx")
    result.plans        # LoadedPlan per form read: the plan, its file, what parse could not place
    result.problems     # every problem of every form, with its file (also on the Meldingen sheet)

    for read in iter_forms(["ingevuld/", "extra/*.docx"], jobs=2):   # one form at a time
        read.plans, read.problems

Sources are files, folders (every .docx below them, Word's ``~$`` lock files skipped) and glob
patterns, expanded by :func:`opp_docs.sources.expand_sources`. A form that cannot be read is
reported and skipped. Values a spreadsheet would take for a formula are stored as text.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from opp_docs.bulk.pool import heap_so_far_frozen, process_pool
from opp_docs.errors import Location, OppError, Problem
from opp_docs.excel.write import Overview
from opp_docs.files import refuse_existing, write_atomic
from opp_docs.mapping import Mapping, as_mapping
from opp_docs.parsing import parse
from opp_docs.sources import LoadedPlan, LoadedPlans, expand_sources

__all__ = ["CollectResult", "collect", "iter_forms"]

Sources = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


@dataclass
class CollectResult:
    """What :func:`collect` did: the forms found, the plans read, the problems, the counts.

    Attributes:
        files: The forms the sources name, in order.
        plans: One :class:`LoadedPlan` per form read, with its file and what parse could not
            place in it; empty with ``keep_plans=False``.
        problems: Every problem of every form, with its file; also on the overview's sheet
            Meldingen.
        plan_count: The plans read: the students in the overview.
        skipped_count: The forms that could not be read at all, each with a problem.
    """

    files: list[Path] = field(default_factory=list)
    plans: list[LoadedPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    plan_count: int = 0
    skipped_count: int = 0


_MAPPING: dict[str, Mapping | None] = {}


def _init(mapping: Mapping | None) -> None:
    _MAPPING["mapping"] = mapping


def _read(path: Path) -> LoadedPlans:
    """One form: its plan with what parse could not place, or why it cannot be read."""
    file = str(path)
    try:
        result = parse(path, _MAPPING.get("mapping"))
    except OppError as exc:
        first = exc.problems[0]
        return LoadedPlans([], [Problem(first.code, first.message, Location(file=file), None)])
    problems = list(result.problems)
    if not result.plan.leerling.leerlingnummer:
        problems.append(
            Problem(
                "excel.leerlingnummer_ontbreekt",
                "Het formulier heeft geen leerlingnummer; in het overzicht zijn de rijen van "
                "de andere bladen niet aan deze leerling te koppelen. Vul het nummer in.",
                Location(file=file, label="Leerlingnummer"),
            )
        )
    loaded = LoadedPlan(result.plan, file, signatures_known=True, problems=tuple(problems))
    return LoadedPlans([loaded])


def iter_forms(
    sources: Sources,
    *,
    mapping: Mapping | str | os.PathLike[str] | None = None,
    jobs: int | None = 1,
) -> Iterator[LoadedPlans]:
    """Read the forms of ``sources`` one at a time: one :class:`LoadedPlans` each.

    What :func:`collect` reads, for a script that handles each form itself and keeps none.
    First comes one for each source that names no form (no plan, the problem why), then one
    per form, in order: a readable form gives its plan (whose ``problems`` are what parse
    could not place), an unreadable one no plan and the problem. With ``jobs`` > 1 the forms
    are read in worker processes (``jobs=None`` takes every core; on Windows and macOS the
    call must stand under ``if __name__ == "__main__":``, see :func:`generate`).

    >>> import opp_docs
    >>> path = opp_docs.fill_to_path(opp_docs.example_plan(), "noor.docx")
    >>> for read in opp_docs.iter_forms(["noor.docx", "geen-map"]):
    ...     print(len(read.plans), [problem.code for problem in read.problems])
    0 ['bestand.niet_gevonden']
    1 []
    """
    loaded = as_mapping(mapping)  # read once, here: a broken mapping stops before any form
    files, problems = expand_sources(sources, (".docx",))
    for problem in problems:
        yield LoadedPlans([], [problem])
    yield from _read_all(files, loaded, jobs)


def _workers(jobs: int | None, files: list[Path]) -> int:
    return max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))


def _read_all(
    files: list[Path], mapping: Mapping | None, jobs: int | None
) -> Iterator[LoadedPlans]:
    workers = _workers(jobs, files)
    if workers == 1:
        _init(mapping)
        yield from map(_read, files)
        return
    # Up to 16 forms per task, fewer towards the end so that the workers end together (one
    # large last task would leave the other idle); at most two tasks per worker under way,
    # so a stop (Ctrl-C) waits for little.
    with process_pool(workers, _init, (mapping,)) as pool:
        pending: deque[Future[list[LoadedPlans]]] = deque()
        try:
            start = 0
            while start < len(files):
                size = max(1, min(_BATCH, (len(files) - start) // (workers * 4)))
                pending.append(pool.submit(_read_some, files[start : start + size]))
                start += size
                while len(pending) > workers * 2:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


_BATCH = 16
"""Forms per task for a worker at most: a form takes some 10 ms to read, a task a little
of this process's time besides."""


def _read_some(paths: list[Path]) -> list[LoadedPlans]:
    return [_read(path) for path in paths]


def collect(
    sources: Sources,
    output: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    mapping: Mapping | str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    keep_plans: bool = True,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> CollectResult:
    """Read every form of ``sources`` and write the overview workbook ``output``.

    ``sources`` are files, folders (every .docx below them, Word's ``~$`` lock files skipped)
    and glob patterns, as :func:`expand_sources` reads them. The overview has the layout
    :func:`generate` reads and a sheet Meldingen; a form that cannot be read is reported
    there and skipped. The plans read come back too (unless ``keep_plans`` is false, for very
    many forms), so a script need not parse the forms again. Raises
    :class:`~opp_docs.errors.FileError` when ``output`` exists and ``overwrite`` is false,
    before any form is read. ``jobs`` is as for :func:`generate`: on Windows and macOS a call
    with more than one job must stand under ``if __name__ == "__main__":``.

    >>> import opp_docs
    >>> written = opp_docs.generate("leerlingen.xlsx", "plannen").written
    >>> result = opp_docs.collect("plannen", "overzicht.xlsx")
    >>> result.plan_count, result.skipped_count, result.problems
    (30, 0, [])
    """
    output = Path(output)
    refuse_existing(output, overwrite=overwrite)
    loaded = as_mapping(mapping)  # read once, here: a broken mapping stops before any form
    files, problems = expand_sources(sources, (".docx",))
    result = CollectResult(files=files, problems=problems)
    if on_total is not None:
        on_total(len(files))
    overview = Overview()  # each plan's rows as it comes in
    # With workers, this process waits for them: it makes the overview's cells meanwhile.
    cells_early = _workers(jobs, files) > 1
    with heap_so_far_frozen():
        for read in _read_all(files, loaded, jobs):
            result.problems.extend(read.problems)
            if not read.plans:
                result.skipped_count += 1
            for item in read.plans:
                result.problems.extend(item.problems)
                overview.add(item.plan)
                if keep_plans:
                    result.plans.append(item)
            if cells_early:
                overview.write_pending()
            if progress is not None:
                progress(overview.plans + result.skipped_count)
        result.plan_count = overview.plans
        data = overview.to_bytes(problems=result.problems)
    write_atomic(output, data, overwrite=overwrite)
    return result

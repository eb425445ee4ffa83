"""``opp maken``: one filled form per student of a workbook.

    result = generate("leerlingen.xlsx", "uitvoer")
    result.written      # the documents written, in workbook order
    result.problems     # every problem, with sheet, row, column and value

Every valid plan is written, whatever is wrong with other rows; problems go to the caller
and to ``meldingen.xlsx`` in the output folder (this run's: it replaces the last one, and a
run without problems removes it). Files are written atomically and never over an existing
file unless ``overwrite``: a form that is there already is left alone and counted in
``existing``, not a problem, so a run stopped by Ctrl-C is resumed by running it again.
With ``jobs`` > 1 the documents are made in worker processes (each prepares the template
once; see :mod:`opp_docs.bulk.pool` for scripts on Windows and macOS); the output is the
same as with one job.
"""

from __future__ import annotations

import contextlib
import os
import string
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from opp_docs.bulk.names import DEFAULT_PATTERN, NameAllocator, fill_pattern, safe_name
from opp_docs.bulk.pool import process_pool
from opp_docs.errors import InputError, Location, OppError, Problem
from opp_docs.excel.read import open_workbook
from opp_docs.excel.write import problems_workbook_bytes
from opp_docs.files import write_atomic
from opp_docs.filling import fill, prepare_template
from opp_docs.mapping import Mapping, as_mapping
from opp_docs.model import OPP

__all__ = ["PATTERN_FIELDS", "REPORT_NAME", "GenerateResult", "generate"]

REPORT_NAME = "meldingen.xlsx"
PATTERN_FIELDS = ("leerlingnummer", "naam", "klas")


@dataclass
class GenerateResult:
    """What :func:`generate` did: the forms written, the problems, the report, the rows read.

    Attributes:
        written: The forms written, in the order of the workbook.
        problems: Every problem, with sheet, row, column and value: the rows held back and
            the forms that could not be written. The same list is in ``report``.
        report: The workbook of problems written beside the forms (``meldingen.xlsx``, or
            ``meldingen (2).xlsx`` when that exists), or ``None`` when there are none.
        ignored_columns: The workbook's columns that were not read, such as an address.
        row_count: The student rows of the workbook, written or not.
    """

    written: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)  # there already, left alone
    problems: list[Problem] = field(default_factory=list)
    report: Path | None = None  # this run's meldingen.xlsx, when it has problems
    removed_report: Path | None = None  # the last run's, removed: this run has none
    ignored_columns: list[str] = field(default_factory=list)
    row_count: int = 0


@dataclass(frozen=True)
class _Job:
    plan: OPP
    target: Path
    row: int
    sheet: str  # the plans sheet as the workbook names it


# Set in each worker process by _init; the parent process uses the same for jobs=1.
_WORKER: dict[str, object] = {}

EXISTED: Final = "existed"
"""The outcome of a job whose file was there already (and ``overwrite`` is false)."""

Outcome = Problem | Literal["existed"] | None
"""What one job came to: written (None), left alone (:data:`EXISTED`), or a problem."""


def _init(template: Path | None, mapping: Mapping | None, overwrite: bool) -> None:
    _WORKER["template"] = template
    _WORKER["mapping"] = mapping
    _WORKER["overwrite"] = overwrite


def _warm() -> None:
    """Prepare the template in a worker while the parent still reads the workbook."""
    template = _WORKER["template"]
    mapping = _WORKER["mapping"]
    assert template is None or isinstance(template, Path)
    assert mapping is None or isinstance(mapping, Mapping)
    prepare_template(template, mapping)


def _existed(job: _Job) -> bool:
    # A resume after Ctrl-C finds most files there: leave them, without filling them again.
    return not _WORKER["overwrite"] and job.target.exists()


def _work(job: _Job) -> Outcome:
    """Fill and write one document (in a worker process)."""
    if _existed(job):
        return EXISTED
    filled = _fill(job)
    return filled if isinstance(filled, Problem) else _write(job, filled)


def _fill(job: _Job) -> bytes | Problem:
    template = _WORKER["template"]
    mapping = _WORKER["mapping"]
    assert template is None or isinstance(template, Path)
    assert mapping is None or isinstance(mapping, Mapping)
    try:
        return fill(job.plan, template, mapping)
    except OppError as exc:
        return _located(job, exc)


def _write(job: _Job, data: bytes) -> Outcome:
    try:
        write_atomic(job.target, data, overwrite=bool(_WORKER["overwrite"]))
    except OppError as exc:
        if exc.problems[0].code == "bestand.bestaat_al":  # made meanwhile by something else
            return EXISTED
        return _located(job, exc)
    return None


def _located(job: _Job, exc: OppError) -> Problem:
    problem = exc.problems[0]
    return Problem(
        problem.code,
        problem.message,
        Location(file=str(job.target), sheet=job.sheet, row=job.row),
    )


def _check_pattern(pattern: str) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        raise InputError(
            Problem("patroon.ongeldig", f"Het naampatroon is ongeldig: {exc}.", input=pattern)
        ) from exc
    unknown = [name for name in names if name not in PATTERN_FIELDS]
    if unknown:
        allowed = ", ".join("{" + name + "}" for name in PATTERN_FIELDS)
        raise InputError(
            Problem(
                "patroon.onbekend_veld",
                f"Het naampatroon kent {{{unknown[0]}}} niet. Gebruik {allowed}.",
                input=pattern,
            )
        )


def generate(
    workbook: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    pattern: str = DEFAULT_PATTERN,
    overwrite: bool = False,
    strict: bool = False,
    jobs: int | None = None,
    template: str | os.PathLike[str] | None = None,
    mapping: Mapping | str | os.PathLike[str] | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> GenerateResult:
    """Make one filled form per valid plan of ``workbook`` in the folder ``output``.

    ``workbook`` lists the students (``opp lege-werkmap`` writes an empty one; an export
    from Magister or Somtoday will do). Every valid row gets its form, whatever is wrong with
    other rows: a bad row is one of the result's ``problems``, which also go to
    ``meldingen.xlsx`` in ``output``. Forms are named by ``pattern`` (``{leerlingnummer}``,
    ``{naam}``, ``{klas}``), written atomically with the permissions the umask gives, and
    never over an existing file unless ``overwrite``. A cell that does not fit its column is a
    problem and left empty, the form still made; with ``strict`` that student gets no form.
    Raises
    :class:`~opp_docs.errors.OppError` only for what stops the whole run: an unreadable
    workbook or mapping, a bad ``pattern``.

    Plans are validated, named, filled and written one at a time (with workers, a bounded
    number at once), so memory does not grow with the number of students. ``jobs=None``
    takes every core and makes the same files as ``jobs=1``. On Windows and macOS a worker
    process starts by running the calling script again: there the call must stand under
    ``if __name__ == "__main__":`` (else ``bulk.geen_main_bewaking``), or pass ``jobs=1``.
    ``on_total`` is called once with the number of students, ``progress`` with the number of
    forms done after each.

    >>> import opp_docs
    >>> result = opp_docs.generate("leerlingen.xlsx", "plannen")
    >>> result.row_count, len(result.written)
    (30, 30)
    >>> [(problem.code, problem.location.row) for problem in result.problems]
    [('excel.datum_bestaat_niet', 15)]
    >>> result.report.name
    'meldingen.xlsx'
    """
    _check_pattern(pattern)
    workbook, output = Path(workbook), Path(output)
    template = None if template is None else Path(template)
    # Read once, here: a broken mapping stops before anything starts; workers get it as read.
    loaded = as_mapping(mapping)
    workers = max(1, jobs or os.cpu_count() or 1)
    with contextlib.ExitStack() as stack:
        submit: Callable[[_Job], Future[Outcome]]
        if workers > 1:
            # Start the workers now: they prepare the template while the workbook is read.
            pool: Executor = stack.enter_context(
                process_pool(workers, _init, (template, loaded, overwrite))
            )
            for _ in range(workers):
                pool.submit(_warm)
            submit, window = (lambda job: pool.submit(_work, job)), workers * 4
        else:
            # One job: documents are filled here and written on a thread of their own, so
            # the next document is filled while the disk confirms the last one (fsync).
            _init(template, loaded, overwrite)
            pool = stack.enter_context(ThreadPoolExecutor(1, thread_name_prefix="opp-schrijven"))
            submit, window = (lambda job: _fill_then_write(pool, job)), 2
        return _generate(
            workbook, output, pattern, strict, pool, submit, window, progress, on_total
        )


def _fill_then_write(writer: Executor, job: _Job) -> Future[Outcome]:
    filled: bytes | Outcome = EXISTED if _existed(job) else _fill(job)
    if not isinstance(filled, bytes):
        done: Future[Outcome] = Future()
        done.set_result(filled)
        return done
    return writer.submit(_write, job, filled)


def _generate(
    workbook: Path,
    output: Path,
    pattern: str,
    strict: bool,
    pool: Executor,
    submit: Callable[[_Job], Future[Outcome]],
    window: int,
    progress: Callable[[int], None] | None,
    on_total: Callable[[int], None] | None,
) -> GenerateResult:
    source = open_workbook(workbook, strict=strict)
    with contextlib.closing(source):
        result = GenerateResult(ignored_columns=source.ignored_columns)
        if on_total is not None:
            on_total(source.pending_count)
        names = NameAllocator()

        def jobs_in_order() -> Iterator[_Job]:
            for item in source.iter_plans():
                leerling = item.plan.leerling
                values = {"leerlingnummer": leerling.leerlingnummer, "naam": leerling.naam}
                name = fill_pattern(pattern, values | {"klas": leerling.klas})
                target = output / names.take(safe_name(name))
                yield _Job(item.plan, target, item.row, source.sheet)

        for job, outcome in _run(jobs_in_order(), pool, submit, window, progress):
            if outcome is None:
                result.written.append(job.target)
            elif outcome == EXISTED:
                result.existing.append(job.target)
            else:
                result.problems.append(outcome)
    result.row_count = source.row_count
    result.problems[:0] = source.problems
    _report(result, output)
    return result


def _report(result: GenerateResult, output: Path) -> None:
    """Write this run's ``meldingen.xlsx`` over the last one, or remove the last one when
    this run has none: the report beside the forms is always this run's."""
    report = output / REPORT_NAME
    if result.problems:
        write_atomic(report, problems_workbook_bytes(_sorted(result.problems)), overwrite=True)
        result.report = report
    elif report.is_file():
        report.unlink()
        result.removed_report = report


def _sorted(problems: Sequence[Problem]) -> list[Problem]:
    return sorted(
        problems,
        key=lambda p: (p.location.sheet or "", p.location.row or 0, p.location.column or ""),
    )


def _run(
    work: Iterator[_Job],
    pool: Executor,
    submit: Callable[[_Job], Future[Outcome]],
    window: int,
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[_Job, Outcome]]:
    """Each job with its outcome, in order; at most ``window`` jobs are under way at a time.
    When anything stops the run (Ctrl-C too), jobs not started are dropped and the ones
    under way finish: every file is either whole or not there."""
    done = 0
    pending: deque[tuple[_Job, Future[Outcome]]] = deque()

    def oldest() -> tuple[_Job, Outcome]:
        nonlocal done
        job, future = pending.popleft()
        outcome = future.result()
        done += 1
        if progress is not None:
            progress(done)
        return job, outcome

    try:
        for job in work:
            pending.append((job, submit(job)))
            while len(pending) >= window:
                yield oldest()
        while pending:
            yield oldest()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise

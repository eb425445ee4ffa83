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

How the work is shared: this process reads the workbook, finds each student's rows
(:meth:`~opp_docs.excel.read.WorkbookPlans.iter_students`: flat values, cheap to send) and
names the student's form; the workers build the plan from the rows, validate it, fill the
form and write it (:func:`opp_docs.excel.draft.build`, :func:`~opp_docs.filling.fill`), a
few students per task, each worker writing on a thread of its own so that it fills the next
form while the disk confirms the last (``fsync``). The outcomes and problems come back in
row order, so the problems are in the order one job gives.

A form's name comes from the plans row's Leerlingnummer, name and class as read
(:func:`~opp_docs.excel.draft.leerling_values`), taken in row order before the plan is built,
and given back when no form is made (``--streng``), as if it had never been taken: a form is
only named while no earlier student of the same name (:func:`~opp_docs.bulk.names.family`)
is still under way, which with a pattern holding ``{leerlingnummer}`` is never the case.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import string
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from opp_docs.bulk.names import DEFAULT_PATTERN, NameAllocator, family, form_file_name
from opp_docs.bulk.pool import process_pool
from opp_docs.errors import InputError, Location, OppError, Problem
from opp_docs.excel.draft import (
    NAME_PATHS,
    Reading,
    StudentPlan,
    StudentRows,
    build,
    leerling_values,
)
from opp_docs.excel.read import (
    WorkbookPlans,
    end_first_pass,
    open_workbook,
    prepare_first_pass,
)
from opp_docs.excel.write import problems_workbook_bytes
from opp_docs.files import write_atomic
from opp_docs.filling import fill, prepare_template
from opp_docs.mapping import Mapping, as_mapping, default_mapping
from opp_docs.model import OPP

__all__ = ["PATTERN_FIELDS", "REPORT_NAME", "GenerateResult", "generate"]

REPORT_NAME = "meldingen.xlsx"
PATTERN_FIELDS = ("leerlingnummer", "naam", "klas", "formulier")


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


@dataclass(frozen=True, slots=True)
class _Job:
    rows: StudentRows  # a row of the plans sheet with its student's list rows, as read
    target: Path | None  # the student's form; None for a row that is no student's


EXISTED: Final = "existed"
"""The outcome of a job whose file was there already (and ``overwrite`` is false)."""

HELD: Final = "held"
"""The outcome of a job that makes no form: its plan was held back (its problems say why),
or its row is no student's (no Leerlingnummer, or one on more rows)."""

Outcome = Problem | Literal["existed", "held"] | None
"""What one job came to: written (None), left alone (:data:`EXISTED`), no form
(:data:`HELD`), or a problem."""

Made = tuple[StudentPlan, "Outcome | Future[Outcome]"]
"""A job built and filled: its problems (the plan stays where it was made) and its outcome,
or the write that will give it."""

# Set in each worker process by _init; the parent process uses the same for jobs=1.
_WORKER: dict[str, object] = {}


def _init(template: Path | None, mapping: Mapping | None, overwrite: bool) -> None:
    _WORKER["template"] = template
    _WORKER["mapping"] = mapping
    _WORKER["overwrite"] = overwrite


_WRITERS = 2
"""Threads a worker writes on: two, so that files wait less for the disk (``fsync``) than the
worker takes to fill them, and a task's last file is soon on disk."""


def _init_worker(template: Path | None, mapping: Mapping | None, overwrite: bool) -> None:
    """A worker process: as :func:`_init`, and a thread of its own to write on."""
    _init(template, mapping, overwrite)
    # Made here, in the worker: a thread pool inherited through fork has no threads.
    _WORKER["writer"] = ThreadPoolExecutor(_WRITERS, thread_name_prefix="opp-schrijven")


def _warm(workbook: Path) -> None:
    """Open the workbook and prepare the template in a worker, while the parent still opens
    the workbook (and has the workers make the first pass over its list sheets)."""
    prepare_first_pass(workbook)
    template = _WORKER["template"]
    mapping = _WORKER["mapping"]
    assert template is None or isinstance(template, Path)
    assert mapping is None or isinstance(mapping, Mapping)
    prepare_template(template, mapping)


def _existed(target: Path) -> bool:
    # A resume after Ctrl-C finds most files there: leave them, without filling them again.
    return not _WORKER["overwrite"] and target.exists()


def _reading(context: bytes) -> Reading:
    """The run's :class:`Reading`, sent pickled with every task and unpickled once."""
    if _WORKER.get("context") != context:
        reading = pickle.loads(context)
        assert isinstance(reading, Reading)
        _WORKER["reading"], _WORKER["context"] = reading, context
        end_first_pass()  # the students come: the list sheets have all been counted
    found = _WORKER["reading"]
    assert isinstance(found, Reading)
    return found


def _work(context: bytes, jobs: Sequence[_Job]) -> list[Made]:
    """Build, fill and write a few students' forms (in a worker process); every file is
    whole, or not there, when this returns, also when it is interrupted."""
    reading = _reading(context)
    writer = _WORKER["writer"]
    assert isinstance(writer, Executor)
    made: list[Made] = []
    try:
        for job in jobs:
            made.append(_make(reading, job, writer))
    finally:
        wait([outcome for _, outcome in made if isinstance(outcome, Future)])
    return [(built, _outcome(outcome)) for built, outcome in made]  # no Future: all written


def _outcome(outcome: Outcome | Future[Outcome]) -> Outcome:
    return outcome.result() if isinstance(outcome, Future) else outcome


def _make(reading: Reading, job: _Job, writer: Executor) -> Made:
    """Build one row's plan; fill its form and hand the file to ``writer``."""
    built = build(reading, job.rows)
    plan, built.plan = built.plan, None  # only the problems go back to the parent
    if plan is None or job.target is None:
        return built, HELD
    if _existed(job.target):
        return built, EXISTED
    filled = _fill(reading, job, plan)
    if isinstance(filled, Problem):
        return built, filled
    return built, writer.submit(_write, reading, job, filled)


def _fill(reading: Reading, job: _Job, plan: OPP) -> bytes | Problem:
    template = _WORKER["template"]
    mapping = _WORKER["mapping"]
    assert template is None or isinstance(template, Path)
    assert mapping is None or isinstance(mapping, Mapping)
    try:
        return fill(plan, template, mapping)
    except OppError as exc:
        return _located(reading, job, exc)


def _write(reading: Reading, job: _Job, data: bytes) -> Outcome:
    assert job.target is not None
    try:
        write_atomic(job.target, data, overwrite=bool(_WORKER["overwrite"]))
    except OppError as exc:
        if exc.problems[0].code == "bestand.bestaat_al":  # made meanwhile by something else
            return EXISTED
        return _located(reading, job, exc)
    return None


def _located(reading: Reading, job: _Job, exc: OppError) -> Problem:
    problem = exc.problems[0]
    return Problem(
        problem.code,
        problem.message,
        Location(file=str(job.target), sheet=reading.sheet, row=job.rows.number),
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
    ``{naam}``, ``{klas}``, ``{formulier}``: the mapping's name, "OPP 2024-2025" for the bundled
    form), written atomically with the permissions the umask gives, and
    never over an existing file unless ``overwrite``. A cell that does not fit its column is a
    problem and left empty, the form still made; with ``strict`` that student gets no form.
    Raises
    :class:`~opp_docs.errors.OppError` only for what stops the whole run: an unreadable
    workbook or mapping, a bad ``pattern``.

    Plans are validated, named, filled and written one at a time (with workers, a bounded
    number at once, from the first student on), so memory does not grow with the number of
    students. ``jobs=None`` takes every core and makes the same files and problems as
    ``jobs=1``. On Windows and macOS a worker process starts by running the calling script
    again: there the call must stand under ``if __name__ == "__main__":`` (else
    ``bulk.geen_main_bewaking``), or pass ``jobs=1``. ``on_total`` is called once with the
    number of students, ``progress`` with the number of students done after each (a student
    held back counts as done), so it ends at that number.

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
    form_name = (loaded or default_mapping()).name
    workers = max(1, jobs or os.cpu_count() or 1)
    with contextlib.ExitStack() as stack:
        if workers > 1:
            # Start the workers now: they prepare the template while the workbook is read.
            pool: Executor = stack.enter_context(
                process_pool(workers, _init_worker, (template, loaded, overwrite))
            )
            for _ in range(workers):
                pool.submit(_warm, workbook)
        else:
            # One job: documents are made here and written on a thread of their own, so
            # the next document is filled while the disk confirms the last one (fsync).
            _init(template, loaded, overwrite)
            # A template that cannot be read is each student's problem, as with workers.
            with contextlib.suppress(OppError):
                prepare_template(template, loaded)
            pool = stack.enter_context(ThreadPoolExecutor(1, thread_name_prefix="opp-schrijven"))
        opened = open_workbook(workbook, strict=strict, pool=pool if workers > 1 else None)
        source = stack.enter_context(contextlib.closing(opened))
        if on_total is not None:
            on_total(source.pending_count)
        if workers > 1:
            context = pickle.dumps(source.reading)

            def submit(batch: list[_Job]) -> Future[list[Made]]:
                return pool.submit(_work, context, batch)

            pipeline = _Pipeline(submit, _BATCH, workers * 2, source.pending_count, workers)
        else:
            reading = source.reading
            pipeline = _Pipeline(lambda batch: _made_here(reading, batch, pool), 1, 1)
        return _generate(source, output, pattern, form_name, pool, pipeline, progress)


_BATCH = 16
"""Students per task for a worker at most. A task ends when its last file is on disk, so
the worker waits for one ``fsync`` per task: that and the cost of sending a task are small
beside 16 forms. Towards the end tasks get smaller, so that the workers end together."""


def _made_here(reading: Reading, batch: list[_Job], writer: Executor) -> Future[list[Made]]:
    done: Future[list[Made]] = Future()
    done.set_result([_make(reading, job, writer) for job in batch])
    return done


class _Pipeline:
    """Jobs sent in batches, at most ``window`` batches under way; each job's outcome taken
    back in the order the jobs came, by :meth:`take_oldest` (the caller's ``on_done``).

    A batch holds up to ``size`` jobs, fewer once fewer than ``4 * workers * size`` students
    of the ``total`` are left to send (then a quarter of what each worker has left).
    """

    def __init__(
        self,
        submit: Callable[[list[_Job]], Future[list[Made]]],
        size: int,
        window: int,
        total: int = 0,
        workers: int = 1,
    ) -> None:
        self.submit, self.size, self.window = submit, size, window
        self.left, self.workers = total, workers  # students still to send
        self.batch: list[_Job] = []
        self.pending: deque[tuple[list[_Job], Future[list[Made]]]] = deque()
        self.families: Counter[str] = Counter()  # of the forms named and not yet taken back
        self.on_done: Callable[[_Job, StudentPlan, Outcome], None] = lambda *_: None

    def put(self, job: _Job) -> None:
        self.batch.append(job)
        if job.target is not None:
            self.families[family(job.target.name)] += 1
        if job.rows.student:
            self.left -= 1
        if len(self.batch) >= max(1, min(self.size, self.left // (4 * self.workers))):
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.pending.append((self.batch, self.submit(self.batch)))
            self.batch = []
        while len(self.pending) > self.window:
            self.take_oldest()

    def settle(self, name: str) -> None:
        """Take back every job under way whose form's name is of the family of ``name``:
        whether its form is made decides the name of the next."""
        key = family(name)
        if self.families[key]:
            self.flush()
        while self.families[key]:
            self.take_oldest()

    def drain(self) -> None:
        self.flush()
        while self.pending:
            self.take_oldest()

    def take_oldest(self) -> None:
        jobs, future = self.pending.popleft()
        for job, (built, outcome) in zip(jobs, future.result(), strict=True):
            if job.target is not None:
                self.families[family(job.target.name)] -= 1
            self.on_done(job, built, _outcome(outcome))


def _generate(
    source: WorkbookPlans,
    output: Path,
    pattern: str,
    form_name: str,
    pool: Executor,
    pipeline: _Pipeline,
    progress: Callable[[int], None] | None,
) -> GenerateResult:
    result = GenerateResult(ignored_columns=source.ignored_columns)
    names = NameAllocator()
    columns = source.reading.columns.only(NAME_PATHS)
    done = 0

    def on_done(job: _Job, built: StudentPlan, outcome: Outcome) -> None:
        nonlocal done
        source.add(built)
        if outcome is None:
            result.written.append(job.target)  # type: ignore[arg-type]
        elif outcome == EXISTED:
            result.existing.append(job.target)  # type: ignore[arg-type]
        elif outcome == HELD:
            if job.target is not None:
                names.release(job.target.name)  # as if never taken: no form is made
        else:
            result.problems.append(outcome)
        if job.rows.student:
            done += 1
            if progress is not None:
                progress(done)

    pipeline.on_done = on_done
    try:
        for rows in source.iter_students():
            target = None
            if rows.student:
                student = leerling_values(columns, rows.values)
                name = form_file_name(pattern, student, form_name)
                pipeline.settle(name)
                target = output / names.take(name)
            pipeline.put(_Job(rows, target))
        pipeline.drain()
    except BaseException:
        # Stopped (Ctrl-C too): jobs not started are dropped and the ones under way finish,
        # so every file is either whole or not there.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    source.finish()
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

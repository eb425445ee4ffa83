"""Benchmark of the bulk commands ``generate`` and ``collect``, with references measured in the
same run.

    .venv/bin/python benchmarks/bench_bulk.py [--students N] [--rounds R] [--json PATH]
    .venv/bin/python benchmarks/bench_bulk.py --profile generate   # or: collect, memory

Five measurements, all on a temporary folder that is removed afterwards:

1. ``generate`` (:func:`opp_docs.bulk.generate`) of a workbook of N students (default 200; one
   in five a full plan, the bundled example with its own number and name, the rest part A
   only), with one job and with all CPUs: documents per second of the whole call (reading the
   workbook, filling, writing each file atomically; with all jobs also starting the workers).
2. References for generate, per document, on the same plans read back from that workbook, each
   writing one file per student into a folder:

   - ``docxtpl``: a render of the Jinja-tagged copy of the form
     (benchmarks/OPP_2024-2025_jinja.docx, built by ``make_jinja_form.py``; see
     :mod:`docxtpl_render`): context, ``DocxTemplate`` from bytes, render, save;
   - ``python-docx``: the plain open-fill-save of :mod:`python_docx_fill`.

   Goals: single-job generate at least 10 times docxtpl and 3 times python-docx (docs/s).
3. ``collect`` (:func:`opp_docs.bulk.collect`) of the N generated forms into an overview
   workbook, with one job and with all CPUs, against docx2python extracting the text of the
   same files (``docx2python(path).body``: text and boxes only, no mapping or validation).
   Goal: single-job collect at least 10 times docx2python (plans/s).
4. Wall time of ``generate`` with all jobs for a larger workbook (default 1,000 students, same
   mix), in a fresh child process, so the figure includes starting the workers but not this
   process's state. Goal: under 10 s.
5. Peak memory of ``generate`` with one job for 1,000 and for 10,000 students (same mix), each
   in a fresh child process: the child's own peak RSS (``VmHWM`` from /proc, which unlike
   ``ru_maxrss`` does not inherit the parent's figure across fork and exec), the largest
   worker's ``ru_maxrss`` when there are workers (the all-jobs run of 4), and the process
   tree's peak RSS and PSS sampled from /proc every 0.2 s. The child reports its RSS as it
   goes, also once the workbook is read, so a run stopped at its time box (``--huge-timeout``,
   default 60 s; the whole 10,000 took about 70 s on 2 cores) still shows how far memory
   grew: a stopped run can show a failure, never a pass. Goal: 10,000 within 1.5 times 1,000.
   The 10,000-student workbook is the 1,000 one copied ten times with new numbers
   (:func:`scale_workbook`), quicker than building and writing 10,000 plans.

6. The parallel speed-up on the example list's mix (:mod:`bench_parallel`): generate and
   collect of 600 students (examples/leerlingen.xlsx 20 times, ``--parallel-copies``) with
   all CPUs against one job, in alternating rounds (``--parallel-rounds``, default 5), with
   the CPU other processes used meanwhile and the machine's own speed-up on fill beside it.
   Goals: generate at least 1.7 x one job, collect at least 1.8 x.

Before timing, the run checks that the work is comparable: the workbook reads back as the same
plans without problems, and ``opp_docs.parsing`` reads the output of both references and of
``fill`` back as the plan, without findings, for a full and a part-A plan. Every measured
generate must write N files without problems, collect must read N plans without problems, and
docx2python must see each student's number. A failed check stops the run (exit code 1).

Timing: ``time.perf_counter`` around one whole call (or one pass of a reference over its
plans). Each round runs every operation once in a rotating order, so drift on a busy machine
hits all alike; a warm-up round on a few students comes first and is not recorded (imports,
template loading). The slow references do not run over all N plans in every round: round r
takes the plans r, r + R, r + 2R, ... (the same one-in-five mix), so after R rounds each
reference has rendered every plan once; its documents per second is the total count over the
total time. Garbage is collected before every call. Reported: the median and the range over
rounds. Ratios are against references measured in the same run; they are the figures to
compare between machines.

Timings are never asserted: the test suite has no timed tests.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import json
import os
import pstats
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

# docx2python 3.x ships py.typed: no stubs or type: ignore needed.
from docx2python import docx2python
from openpyxl import Workbook, load_workbook

import bench_parallel
from benchenv import environment as run_environment
from benchenv import report as print_report
from docxtpl_render import docxtpl_render
from opp_docs.bulk import collect, generate
from opp_docs.example import example_plan
from opp_docs.excel.layout import KEY_HEADER
from opp_docs.excel.read import open_workbook, read_workbook
from opp_docs.excel.write import workbook_bytes
from opp_docs.filling import fill
from opp_docs.model import OPP, Leerling, Ouder
from opp_docs.parsing import parse
from python_docx_fill import python_docx_fill

_ROOT = Path(__file__).resolve().parent.parent
_TEMPLATE = _ROOT / "templates" / "OPP_2024-2025.docx"
_JINJA_TEMPLATE = _ROOT / "benchmarks" / "OPP_2024-2025_jinja.docx"
_CPUS = os.cpu_count() or 1

GEN_1, GEN_ALL = "generate, 1 job", f"generate, {_CPUS} jobs"
DOCXTPL, PYTHON_DOCX = "docxtpl render", "python-docx fill"
COL_1, COL_ALL = "collect, 1 job", f"collect, {_CPUS} jobs"
DOCX2PYTHON = "docx2python"

# Goals: (operation, reference, at least this many times the reference's rate).
_RATE_GOALS = ((GEN_1, DOCXTPL, 10.0), (GEN_1, PYTHON_DOCX, 3.0), (COL_1, DOCX2PYTHON, 10.0))
_LARGE_GOAL_S = 10.0
_MEMORY_GOAL = 1.5
_SAMPLE_S = 0.2  # how often the process tree's memory is read from /proc

# Fictional names for the generated students.
_VOORNAMEN = ("Sem", "Noor", "Daan", "Julia", "Milan", "Emma", "Lucas", "Tess", "Finn", "Zoë")
_ACHTERNAMEN = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "El Amrani", "Mulder")
_KLASSEN = ("1A", "1B", "2K1", "3K2", "4T1")


# --------------------------------------------------------------------------- the plans


def mixed_plans(n: int, *, full_every: int = 5) -> list[OPP]:
    """``n`` plans: every ``full_every``-th the example with its own number and name, the
    others part A only (the students' details, a mentor and a parent)."""
    example = example_plan()
    plans = []
    for i in range(n):
        naam = f"{_VOORNAMEN[i % len(_VOORNAMEN)]} {_ACHTERNAMEN[i // len(_VOORNAMEN) % 8]}"
        nummer = str(300000 + i)
        if full_every and i % full_every == 0:
            leerling = example.leerling.model_copy(update={"naam": naam, "leerlingnummer": nummer})
            plans.append(example.model_copy(update={"leerling": leerling}))
            continue
        plans.append(
            OPP(
                leerling=Leerling(
                    naam=naam,
                    leerlingnummer=nummer,
                    geboortedatum=date(2009 + i % 4, 1 + i % 12, 1 + i % 28),
                    school_en_locatie="Voorbeeldcollege, locatie Naaldwijk",
                    klas=_KLASSEN[i % len(_KLASSEN)],
                    leerjaar=1 + i % 4,
                    niveau_afdeling="VMBO kaderberoepsgerichte leerweg",
                    datum_inschrijving=date(2022, 8, 22),
                    mentor="Jeroen Bakker",
                    ondersteuningscoordinator="Marieke de Groot",
                    ouders=[Ouder(naam=f"Ouder van {naam}", relatie="moeder")],
                )
            )
        )
    return plans


def write_workbook(path: Path, plans: Sequence[OPP]) -> None:
    """The plans in a workbook as the product writes one (:func:`workbook_bytes`)."""
    path.write_bytes(workbook_bytes(list(plans)))


def scale_workbook(source: Path, target: Path, copies: int) -> int:
    """``copies`` times the students of ``source`` in ``target``: copy k's numbers raised by
    k times the number of students, so :func:`mixed_plans` numbering continues. The students.

    Building the 10,000 plans and writing them with :func:`workbook_bytes` (which holds the
    whole workbook in memory, about 1 s per 1,000 students) would take longer than copying
    the rows with openpyxl's write-only mode, so the larger workbook is copied. Dates keep a
    date format and nothing starts with "=", so it reads back as the same plans; generate's
    check (every file written, no problems) confirms that.
    """
    src = load_workbook(source, read_only=True)
    out = Workbook(write_only=True)
    students = 0
    try:
        for sheet in src.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows)
            body = list(rows)
            if sheet is src.worksheets[0]:
                students = len(body)
            key = header.index(KEY_HEADER)
            written = out.create_sheet(sheet.title)
            written.append(header)
            for copy in range(copies):
                for row in body:
                    values = list(row)
                    values[key] = str(int(str(values[key])) + copy * students)
                    written.append(values)
    finally:
        src.close()
    out.save(target)
    return students * copies


# --------------------------------------------------------------------------- the work


def write_each(
    render: Callable[[OPP, bytes], bytes], template: bytes, plans: Sequence[OPP], folder: Path
) -> int:
    """A reference pass: render each plan and write it to its own file, as generate does; the
    count."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, plan in enumerate(plans):
        path = folder / f"{index:05d} {plan.leerling.leerlingnummer}.docx"
        path.write_bytes(render(plan, template))
    return len(plans)


def docx2python_pass(files: Sequence[Path]) -> list[str]:
    """docx2python's text of each file's main document, joined: one string per file."""
    texts = []
    for path in files:
        with docx2python(path) as content:
            body: list[list[list[list[str]]]] = content.body
        texts.append("\n".join(p for table in body for row in table for cell in row for p in cell))
    return texts


def _check_generate(result: Any, n: int, what: str) -> None:
    if len(result.written) != n or result.problems:
        codes = [p.code for p in result.problems[:5]]
        raise CheckError(f"{what}: {len(result.written)} of {n} written, problems {codes}")


def _check_collect(result: Any, n: int, what: str) -> None:
    if result.plan_count != n or result.problems:
        codes = [p.code for p in result.problems[:5]]
        raise CheckError(f"{what}: {result.plan_count} of {n} plans, problems {codes}")


class CheckError(Exception):
    """The work compared is not the same work: the run stops."""


def check_comparable(plans: Sequence[OPP], read_back: Sequence[OPP], jinja: bytes) -> None:
    """Raise :class:`CheckError` unless the workbook holds the plans and every way of filling
    reads back as the plan, for a full and a part-A plan."""
    if list(read_back) != list(plans):
        raise CheckError("the workbook does not read back as the plans written to it")
    template = _TEMPLATE.read_bytes()
    for plan in (plans[0], plans[1]):
        for name, data in (
            ("fill", fill(plan)),
            (DOCXTPL, docxtpl_render(plan, jinja)),
            (PYTHON_DOCX, python_docx_fill(plan, template)),
        ):
            result = parse(data)
            if result.plan != plan or result.problems:
                raise CheckError(
                    f"parse({name} of {plan.leerling.naam}) is not the plan "
                    f"({[p.code for p in result.problems]})"
                )


# --------------------------------------------------------------------------- timing


@dataclass
class Timed:
    """One operation's passes: seconds and items per pass."""

    seconds: list[float] = field(default_factory=list)
    items: list[int] = field(default_factory=list)

    def add(self, seconds: float, items: int) -> None:
        self.seconds.append(seconds)
        self.items.append(items)

    @property
    def rate(self) -> float:
        """Items per second: the median pass when all passes did the same items, else the
        total items over the total time."""
        if len(set(self.items)) == 1:
            return self.items[0] / statistics.median(self.seconds)
        return sum(self.items) / sum(self.seconds)

    def summary(self) -> dict[str, Any]:
        rates = [i / s for i, s in zip(self.items, self.seconds, strict=True)]
        return {
            "rate": self.rate,
            "ms_per_item": 1000.0 / self.rate,
            "rate_min": min(rates),
            "rate_max": max(rates),
            "passes": len(self.seconds),
            "items": self.items,
            "seconds": self.seconds,
        }


def run_rounds(
    operations: dict[str, Callable[[int], int]], *, rounds: int, warmup: int = 1
) -> dict[str, Timed]:
    """Run each operation once per round in rotating order; the recorded passes.

    An operation gets the round's index (0-based, recorded rounds only; -1 while warming up)
    and returns how many items it handled."""
    names = list(operations)
    timed = {name: Timed() for name in names}
    for round_no in range(warmup + rounds):
        shift = round_no % len(names)
        recorded = round_no - warmup
        for name in names[shift:] + names[:shift]:
            gc.collect()
            t0 = time.perf_counter()
            items = operations[name](recorded)
            elapsed = time.perf_counter() - t0
            if recorded >= 0:
                timed[name].add(elapsed, items)
    return timed


# --------------------------------------------------------------------------- memory


def _status_kb(pid: int | str, key: str) -> int | None:
    """A ``kB`` figure of /proc/<pid>/status (``VmRSS``, ``VmHWM``), or None."""
    try:
        with Path(f"/proc/{pid}/status").open(encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc/<pid>/task/*/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(x) for x in task.read_text(encoding="ascii").split())
            except (OSError, ValueError):
                continue
    return found


def _rollup_kb(pid: int) -> tuple[int, int]:
    """(Rss, Pss) in kB of one process from /proc/<pid>/smaps_rollup; zeros if gone."""
    rss = pss = 0
    try:
        with Path(f"/proc/{pid}/smaps_rollup").open(encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class MemoryRun:
    """One child run of generate: what it reported and what the sampler saw (kB)."""

    students: int
    jobs: int
    finished: bool = False
    seconds: float = 0.0  # the generate call in the child, or until the time box
    done: int = 0
    problems: int = 0
    baseline_kb: int | None = None  # the child's RSS after imports, before generate
    after_read_kb: int | None = None  # its RSS once the workbook is read, before any fill
    self_peak_kb: int | None = None  # its VmHWM at the end (or at its last report)
    largest_worker_kb: int | None = None  # ru_maxrss of the largest worker, if any
    tree_rss_peak_kb: int = 0
    tree_pss_peak_kb: int = 0
    trace: list[dict[str, float]] = field(default_factory=list)
    error: str | None = None


def measure_memory(workbook: Path, output: Path, *, jobs: int, timeout: float) -> MemoryRun:
    """Run generate in a fresh child process; its time and peaks. Stopped (its process group
    ended) after ``timeout`` seconds."""
    run = MemoryRun(students=0, jobs=jobs)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(workbook)]
    command += [str(output), str(jobs)]
    gc.collect()
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the time box can end its workers
        env={**os.environ, "PYTHONPATH": _path_for_child()},
    )
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(_SAMPLE_S):
            rss = pss = 0
            for pid in _tree(child.pid):
                r, p = _rollup_kb(pid)
                rss, pss = rss + r, pss + p
            run.tree_rss_peak_kb = max(run.tree_rss_peak_kb, rss)
            run.tree_pss_peak_kb = max(run.tree_pss_peak_kb, pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timer = threading.Timer(timeout, _stop_group, (child.pid,))
    timer.start()
    assert child.stdout is not None and child.stderr is not None
    for line in child.stdout:
        report = json.loads(line)
        if "total" in report:
            run.students = report["total"]
            run.after_read_kb = report["rss_kb"]
        if "rss_kb" in report:
            run.trace.append({k: report[k] for k in ("t", "done", "rss_kb", "hwm_kb")})
        for name in ("baseline_kb", "done", "problems", "seconds", "finished"):
            if name in report:
                setattr(run, name, report[name])
        if "hwm_kb" in report:
            run.self_peak_kb = report["hwm_kb"]
        if "children_maxrss_kb" in report:
            run.largest_worker_kb = report["children_maxrss_kb"]
    errors = child.stderr.read()
    child.wait()
    timer.cancel()
    stop.set()
    sampler.join()
    if not run.finished:
        run.seconds = time.perf_counter() - started
        run.error = (
            f"stopped at its time box of {timeout:.0f} s"
            if child.returncode < 0
            else f"the child failed ({child.returncode}): {errors.strip()[-500:]}"
        )
    return run


def _stop_group(pid: int) -> None:
    """End the child this run started, and its workers: its own process group, by id."""
    with contextlib.suppress(ProcessLookupError):  # it ended just before the time box
        os.killpg(pid, signal.SIGTERM)


def _path_for_child() -> str:
    here = str(Path(__file__).resolve().parent)
    return os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)


def child_main(workbook: Path, output: Path, jobs: int) -> int:
    """In the child: one generate, reporting RSS as it goes; one JSON object per line."""

    def emit(**values: Any) -> None:
        print(json.dumps(values), flush=True)

    def now() -> dict[str, Any]:
        return {
            "t": time.perf_counter() - started,
            "rss_kb": _status_kb("self", "VmRSS"),
            "hwm_kb": _status_kb("self", "VmHWM"),
        }

    emit(baseline_kb=_status_kb("self", "VmRSS"))
    state = {"total": 0, "next": 0.0}

    def on_total(total: int) -> None:
        state["total"] = total
        emit(total=total, done=0, **now())

    def progress(done: int) -> None:
        report = now()
        if report["t"] >= state["next"] or done == state["total"]:
            state["next"] = report["t"] + 1.0
            emit(done=done, **report)

    started = time.perf_counter()
    result = generate(workbook, output, jobs=jobs, progress=progress, on_total=on_total)
    seconds = time.perf_counter() - started
    emit(
        finished=True,
        seconds=seconds,
        done=len(result.written),
        problems=len(result.problems),
        hwm_kb=_status_kb("self", "VmHWM"),
        children_maxrss_kb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss or None,
    )
    return 0


# --------------------------------------------------------------------------- reporting


def _mb(kb: int | None) -> str:
    return "-" if kb is None else f"{kb / 1024:.0f} MB"


def _ratio(ratio: float, goal: float) -> str:
    """``ratio`` with two decimals, or three where two would round onto the goal."""
    return f"{ratio:.3f}" if f"{ratio:.2f}" == f"{goal:.2f}" else f"{ratio:.2f}"


def _holds(ok: bool) -> str:
    return "HOLDS" if ok else "FAILS"


def format_table(data: dict[str, Any]) -> str:
    """The run as plain text: rates with ratios, the larger runs, and the goals."""
    env, s = data["environment"], data["settings"]
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items())
    lines = [
        f"opp-docs bulk benchmark: {s['students']} students (1 in {s['full_every']} a full plan), "
        f"{s['rounds']} rounds after a warm-up round; whole run {data['seconds']:.0f} s",
        f"Python {env['python']} on {env['platform']}, {env['cpus']} CPUs, load before "
        f"{' '.join(f'{x:.2f}' for x in env['load_average_before'] or [])}; {versions}",
        "",
        f"{'operation':<18} {'docs/s':>7} {'ms/doc':>7} {'range docs/s':>13}  vs reference",
    ]
    ops = data["operations"]
    refs = {ref for _, ref, _ in _RATE_GOALS}
    for name, o in ops.items():
        versus = [
            f"{o['rate'] / ops[ref]['rate']:.2f} x {ref}"
            for op, ref, _ in _RATE_GOALS
            if op == name and ref in ops
        ]
        for many, one in ((GEN_ALL, GEN_1), (COL_ALL, COL_1)):
            if name == many:
                versus.append(f"{o['rate'] / ops[one]['rate']:.2f} x {one}")
        note = "; ".join(versus) or ("(reference)" if name in refs else "")
        lines.append(
            f"{name:<18} {o['rate']:>7.1f} {o['ms_per_item']:>7.1f} "
            f"{o['rate_min']:>6.1f}-{o['rate_max']:<6.1f}  {note}"
        )
    lines += [
        "",
        "generate in a fresh process   done/total  seconds  docs/s  baseline  after read  "
        "self peak  worker  tree RSS  tree PSS",
    ]
    for m in data["memory"]:
        done = f"{m['done']}/{m['students']}" + ("" if m["finished"] else "*")
        rate = m["done"] / m["seconds"] if m["seconds"] else 0.0
        what = f"{m['students']} students, {m['jobs']} job{'s' if m['jobs'] > 1 else ''}"
        lines.append(
            f"{what:<29} {done:>11} {m['seconds']:>8.1f} {rate:>7.1f} "
            f"{_mb(m['baseline_kb']):>9} {_mb(m['after_read_kb']):>11} "
            f"{_mb(m['self_peak_kb']):>10} {_mb(m['largest_worker_kb']):>7} "
            f"{_mb(m['tree_rss_peak_kb']):>9} {_mb(m['tree_pss_peak_kb']):>9}"
        )
        if m["error"]:
            lines.append(f"    * {m['error']}; the figures are those reached until then")
    lines += [
        "    seconds: the generate call; baseline: RSS after imports; after read: RSS once the "
        "workbook is read;",
        "    self peak: the generating process's VmHWM; worker: the largest worker's ru_maxrss;",
        f"    tree: the process and its workers summed, sampled every {_SAMPLE_S:g} s "
        "(PSS counts shared pages once)",
    ]
    if data.get("parallel"):
        lines += ["", *bench_parallel.format_lines(data["parallel"])]
    lines += ["", "Goals:"]
    for goal in data["goals"]:
        lines.append(f"  {goal['verdict']}: {goal['text']}")
    return "\n".join(lines)


def goals(ops: dict[str, Any], memory: Sequence[MemoryRun]) -> list[dict[str, Any]]:
    """Each goal with its figures and verdict: HOLDS, FAILS or UNDECIDED (a run stopped at
    its time box before its figure could show a failure)."""
    found: list[dict[str, Any]] = []
    for op, ref, factor in _RATE_GOALS:
        ratio = ops[op]["rate"] / ops[ref]["rate"]
        found.append(
            {
                "goal": f"{op} >= {factor:g} x {ref}",
                "verdict": _holds(ratio >= factor),
                "ratio": ratio,
                "text": f"{op} at least {factor:g} x {ref}: {ops[op]['rate']:.1f} vs "
                f"{ops[ref]['rate']:.1f} docs/s = {_ratio(ratio, factor)} x",
            }
        )
    for m in memory:
        if m.jobs > 1:
            verdict = _holds(m.seconds < _LARGE_GOAL_S) if m.finished else "FAILS"
            found.append(
                {
                    "goal": f"generate {m.students} with {m.jobs} jobs < {_LARGE_GOAL_S:g} s",
                    "verdict": verdict,
                    "seconds": m.seconds,
                    "text": f"generate of {m.students} students with {m.jobs} jobs under "
                    f"{_LARGE_GOAL_S:g} s: {m.seconds:.1f} s",
                }
            )
    single = sorted((m for m in memory if m.jobs == 1), key=lambda m: m.students)
    if len(single) >= 2 and single[0].self_peak_kb and single[-1].self_peak_kb:
        small, big = single[0], single[-1]
        ratio = (big.self_peak_kb or 0) / (small.self_peak_kb or 1)  # both known: see above
        if big.finished and small.finished:
            verdict, bound = _holds(ratio <= _MEMORY_GOAL), ""
        else:
            verdict = "FAILS" if ratio > _MEMORY_GOAL else "UNDECIDED"
            bound = f" (stopped after {big.done} documents: at least this)"
        found.append(
            {
                "goal": f"peak memory {big.students} <= {_MEMORY_GOAL:g} x {small.students}",
                "verdict": verdict,
                "ratio": ratio,
                "text": f"peak memory of generate (1 job) for {big.students} students within "
                f"{_MEMORY_GOAL:g} x that for {small.students}: {_mb(big.self_peak_kb)} vs "
                f"{_mb(small.self_peak_kb)} = {ratio:.2f} x{bound}",
            }
        )
    return found


# --------------------------------------------------------------------------- profiling


def _profile(what: str, folder: Path, students: int) -> None:
    """cProfile of one generate or collect (1 job), or tracemalloc of one generate."""
    workbook = folder / "leerlingen.xlsx"
    write_workbook(workbook, mixed_plans(students))
    if what == "memory":
        # generate reads the workbook one student at a time: trace that read, each plan let go
        # as generate lets it go once written (tracing a whole generate takes many minutes).
        tracemalloc.start(12)
        source = open_workbook(workbook)
        after_first_pass, _ = tracemalloc.get_traced_memory()
        count = sum(1 for _ in source.iter_plans())
        current, peak = tracemalloc.get_traced_memory()
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
        print(
            f"tracemalloc, reading {students} students one at a time (what generate does): "
            f"{after_first_pass / 2**20:.1f} MB held after the first pass, peak "
            f"{peak / 2**20:.1f} MB, held at the end {current / 2**20:.1f} MB, {count} plans; "
            "held, by line:"
        )
        for stat in snapshot.statistics("lineno")[:12]:
            print(f"  {stat}")
        print("held, by the innermost line of opp_docs that led to it:")
        for where, size in _by_own_line(snapshot)[:12]:
            print(f"  {size / 2**20:7.1f} MB  {where}")
        return
    generate(workbook, folder / "warm", jobs=1)
    profiler = cProfile.Profile()
    if what == "generate":
        profiler.enable()
        generate(workbook, folder / "gen", jobs=1)
    else:
        profiler.enable()
        collect([folder / "warm"], folder / "overzicht.xlsx", jobs=1, keep_plans=False)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def _by_own_line(snapshot: tracemalloc.Snapshot) -> list[tuple[str, int]]:
    """Allocations summed by the innermost frame inside src/opp_docs, largest first."""
    sizes: dict[str, int] = {}
    for stat in snapshot.statistics("traceback"):
        frame = next(
            (f for f in reversed(stat.traceback) if f"opp_docs{os.sep}" in f.filename), None
        )
        where = "elsewhere" if frame is None else f"{frame.filename}:{frame.lineno}"
        sizes[where] = sizes.get(where, 0) + stat.size
    return sorted(sizes.items(), key=lambda item: -item[1])


# --------------------------------------------------------------------------- the run


def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """The whole measurement in ``folder``; raises :class:`CheckError` on unequal work."""
    started = time.perf_counter()
    environment = run_environment(
        ("opp-docs", "docxtpl", "python-docx", "docx2python", "lxml", "openpyxl")
    )
    n: int = args.students
    rounds: int = args.rounds
    plans = mixed_plans(n, full_every=args.full_every)
    workbook = folder / f"leerlingen-{n}.xlsx"
    write_workbook(workbook, plans)
    warm_workbook = folder / "leerlingen-warm.xlsx"  # warm-up rounds: a few students
    write_workbook(warm_workbook, plans[: 2 * args.full_every])
    source = read_workbook(workbook)
    if source.problems:
        raise CheckError(f"the workbook has problems: {[p.code for p in source.problems[:5]]}")
    read_back = [item.plan for item in source.plans]
    jinja = _JINJA_TEMPLATE.read_bytes()
    check_comparable(plans, read_back, jinja)

    # 1-2. generate against the references, per document.
    def gen(jobs: int, label: str) -> Callable[[int], int]:
        def op(round_no: int) -> int:
            target = folder / "out" / f"{label}-{round_no}"
            if round_no < 0:
                generate(warm_workbook, target, jobs=jobs)
                shutil.rmtree(target)
                return 0
            result = generate(workbook, target, jobs=jobs)
            _check_generate(result, n, label)
            shutil.rmtree(target)
            return n

        return op

    def ref(render: Callable[[OPP, bytes], bytes], template: bytes) -> Callable[[int], int]:
        label = getattr(render, "__name__", "reference")

        def op(round_no: int) -> int:
            # Warm-up: a full and a part-A plan, enough to load everything once.
            chosen = read_back[:2] if round_no < 0 else read_back[round_no::rounds]
            target = folder / "out" / f"{label}-{round_no}"
            count = write_each(render, template, chosen, target)
            shutil.rmtree(target)
            return count

        return op

    timed = run_rounds(
        {
            GEN_1: gen(1, "gen1"),
            GEN_ALL: gen(_CPUS, "genall"),
            DOCXTPL: ref(docxtpl_render, jinja),
            PYTHON_DOCX: ref(python_docx_fill, _TEMPLATE.read_bytes()),
        },
        rounds=rounds,
    )

    # 3. collect against docx2python, on one set of generated forms.
    forms = folder / "forms"
    _check_generate(generate(workbook, forms, jobs=_CPUS), n, "generate for collect")
    files = sorted(forms.glob("*.docx"))

    def col(jobs: int, label: str) -> Callable[[int], int]:
        def op(round_no: int) -> int:
            overview = folder / f"overzicht-{label}-{round_no}.xlsx"
            if round_no < 0:
                collect(files[: 2 * args.full_every], overview, jobs=jobs, keep_plans=False)
                return 0
            result = collect([forms], overview, jobs=jobs, keep_plans=False)
            _check_collect(result, n, label)
            return n

        return op

    def extract(round_no: int) -> int:
        chosen = files[:2] if round_no < 0 else files[round_no::rounds]
        texts = docx2python_pass(chosen)
        for path, text in zip(chosen, texts, strict=True):
            if path.name.split(" ", 1)[0] not in text:
                raise CheckError(f"docx2python did not read the number in {path.name}")
        return len(chosen)

    timed |= run_rounds(
        {COL_1: col(1, "col1"), COL_ALL: col(_CPUS, "colall"), DOCX2PYTHON: extract},
        rounds=rounds,
    )
    shutil.rmtree(forms)

    # 4-5. Larger workbooks, each generate in a fresh child process.
    large = folder / f"leerlingen-{args.large}.xlsx"
    write_workbook(large, mixed_plans(args.large, full_every=args.full_every))
    memory = [
        measure_memory(large, folder / "large-all", jobs=_CPUS, timeout=args.timeout),
        measure_memory(large, folder / "large-1", jobs=1, timeout=args.timeout),
    ]
    if args.huge:
        huge = folder / f"leerlingen-{args.huge}.xlsx"
        scale_workbook(large, huge, -(-args.huge // args.large))
        memory.append(measure_memory(huge, folder / "huge-1", jobs=1, timeout=args.huge_timeout))
    for m in memory:
        if m.finished and (m.done != m.students or m.problems):
            raise CheckError(
                f"generate of {m.students} ({m.jobs} jobs): {m.done} written, {m.problems} problems"
            )

    # 6. The parallel speed-up, on the example list's mix.
    parallel = None
    if args.parallel_copies:
        place = folder / "parallel"
        place.mkdir()
        try:
            parallel = bench_parallel.measure(
                place, copies=args.parallel_copies, rounds=args.parallel_rounds
            )
        except bench_parallel.CheckError as exc:
            raise CheckError(str(exc)) from exc
        parallel["goals"] = bench_parallel.goals(parallel)

    ops = {name: t.summary() for name, t in timed.items()}
    return {
        "benchmark": "bench_bulk",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment,
        "settings": {
            "students": n,
            "full_every": args.full_every,
            "rounds": rounds,
            "large": args.large,
            "huge": args.huge,
            "timeout_s": args.timeout,
            "huge_timeout_s": args.huge_timeout,
            "parallel_copies": args.parallel_copies,
            "parallel_rounds": args.parallel_rounds,
        },
        "checks": "workbook reads back as the plans; parse() reads fill, docxtpl and "
        "python-docx output back as the plan without findings; every generate writes all "
        "files, every collect reads all plans, without problems; docx2python reads each number",
        "operations": ops,
        "memory": [asdict(m) for m in memory],
        "parallel": parallel,
        "goals": goals(ops, memory) + (parallel["goals"] if parallel else []),
        "seconds": time.perf_counter() - started,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=200, help="students (default 200)")
    parser.add_argument("--rounds", type=int, default=3, help="recorded rounds (default 3)")
    parser.add_argument(
        "--full-every", type=int, default=5, help="every k-th plan is a full one (default 5)"
    )
    parser.add_argument(
        "--large", type=int, default=1000, help="students for the wall-time run (default 1000)"
    )
    parser.add_argument(
        "--huge",
        type=int,
        default=10000,
        help="students for the second memory run; 0 skips memory (default 10000)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="time box in seconds for each run of --large students (default 300)",
    )
    parser.add_argument(
        "--huge-timeout",
        type=float,
        default=60.0,
        help="time box in seconds for the run of --huge students (default 60; about 250 "
        "lets 10,000 finish on 2 cores)",
    )
    parser.add_argument(
        "--parallel-copies",
        type=int,
        default=20,
        help="copies of the example list for the parallel speed-up (default 20: 600 "
        "students; 0 skips it)",
    )
    parser.add_argument(
        "--parallel-rounds", type=int, default=5, help="rounds of the parallel speed-up"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the run as JSON")
    parser.add_argument(
        "--profile",
        choices=["generate", "collect", "memory"],
        help="instead of timing, profile one generate or collect of --students (cProfile), "
        "or the allocations of generate's workbook read, one student at a time (tracemalloc)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        workbook, output, jobs = args.child
        return child_main(Path(workbook), Path(output), int(jobs))
    if args.rounds < 1 or args.students < 10 or args.large < 1:
        parser.error("--rounds must be at least 1, --students at least 10, --large at least 1")

    with tempfile.TemporaryDirectory(prefix="opp-bench-bulk-") as tmp:
        if args.profile:
            _profile(args.profile, Path(tmp), args.students)
            return 0
        try:
            data = run(args, Path(tmp))
        except CheckError as exc:
            print(f"check failed: {exc}", file=sys.stderr)
            return 1
    print_report(format_table(data), data, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

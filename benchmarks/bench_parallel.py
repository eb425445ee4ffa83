"""Benchmark of the bulk jobs' parallel speed-up: ``generate`` and ``collect`` with all CPUs
against one job, on the example list's mix, measured in the same run.

    .venv/bin/python benchmarks/bench_parallel.py [--copies 20] [--rounds 5] [--json PATH]

``make bench`` runs it as part of ``benchmarks/bench_bulk.py`` (``--parallel-copies``).

The workbook is examples/leerlingen.xlsx (30 students, one in six with a full plan, one bad
date) repeated ``--copies`` times (default 20: 600 students), each copy's numbers 1,000 further
on (:func:`example_mix`). Each round runs ``generate`` with one job and with all CPUs, then
``collect`` of 600 forms with one job and with all CPUs, which of the two goes first
alternating; each run in a fresh process, as ``opp maken`` and ``opp verzamelen`` run, timed
inside it from after its imports (so this process's own heap weighs on neither). The figures
are medians over the rounds; the ratio is that of the medians, each round's own ratio beside
it.

Beside each run: the CPU seconds of this process and its workers (``getrusage``), and the CPU
seconds other processes used meanwhile (all CPU time in /proc/stat less ours; the kernel's
writing of our files counts there too). An operation's round is *disturbed* when others used
more than a tenth of a core during either of its two runs: a machine shared with other work
gives a 2-job run less than two cores, and its ratio says nothing about the program. Before
each round the run waits up to ``--quiet-wait`` seconds (default 30) for a quiet second. The
verdicts are judged on the undisturbed rounds when there are at least two, else UNDECIDED;
all rounds are shown.

Reference, in the same rounds: the machine's own speed-up on this kind of work, the mix's
plans filled (:func:`opp_docs.filling.fill`, no files) in one process and split over a
process pool of all CPUs started beforehand, each in a fresh process too. It is the ceiling
for a job that is all CPU; the bulk jobs also read, write files and send work between
processes.

Checks, which stop the run (exit code 1) when they fail: every generate writes a form for
every student, with the same problems and file names whatever the jobs; the forms of all CPUs
are byte for byte those of one job (first round); both collects read every form, and their
overviews are equal but for the time stamps openpyxl writes into docProps/core.xml.

Goals (issue 14): generate with 2 jobs at least 1.7 x one job, collect at least 1.8 x.
Timings are never asserted: the test suite has no timed tests.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from opp_docs.bulk import collect, generate
from opp_docs.excel.layout import KEY_HEADER
from opp_docs.excel.read import read_workbook
from opp_docs.filling import fill, prepare_template
from opp_docs.model import OPP

__all__ = ["GOALS", "example_mix", "format_lines", "goals", "measure"]

_ROOT = Path(__file__).resolve().parent.parent
_EXAMPLE = _ROOT / "examples" / "leerlingen.xlsx"
_CPUS = os.cpu_count() or 1
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_DISTURBED = 0.1  # cores' worth of other work during a run that makes its round disturbed

GEN, COL, FILL = "generate", "collect", "fill only (reference)"
GOALS = {GEN: 1.7, COL: 1.8}
"""At least this many times one job's speed, with all CPUs (2 on the machines here)."""


def example_mix(target: Path, copies: int, source: Path = _EXAMPLE) -> int:
    """The example list ``copies`` times in ``target``; the number of students. Sheets
    without a Leerlingnummer (Toelichting) are copied once; empty rows are dropped. The
    workbook is saved as openpyxl saves any (with its dimension, as Excel writes it)."""
    workbook = load_workbook(source)
    students = 0
    for worksheet in workbook.worksheets:
        headers = [cell.value for cell in worksheet[1]]
        rows = [list(row) for row in worksheet.iter_rows(min_row=2, values_only=True)]
        body = [row for row in rows if any(value is not None for value in row)]
        worksheet.delete_rows(2, worksheet.max_row)
        if KEY_HEADER not in headers:
            for row in body:
                worksheet.append(row)
            continue
        if worksheet is workbook.worksheets[0]:
            students = len(body) * copies
        key = headers.index(KEY_HEADER)
        for copy in range(copies):
            for row in body:
                worksheet.append(
                    [*row[:key], str(int(str(row[key])) + 1000 * copy), *row[key + 1 :]]
                )
    workbook.save(target)
    return students


class CheckError(Exception):
    """The runs compared did not do the same work: the run stops."""


# --------------------------------------------------------------------------- CPU accounting


def _busy_seconds() -> float | None:
    """CPU seconds all processes have used since boot (/proc/stat), or None elsewhere."""
    try:
        with Path("/proc/stat").open(encoding="ascii") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / _TICK


def _own_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(call: Callable[[], Any]) -> tuple[Any, dict[str, float | None]]:
    """``call()`` with its wall seconds, our CPU seconds and others' CPU seconds meanwhile."""
    gc.collect()
    busy, own = _busy_seconds(), _own_seconds()
    started = time.perf_counter()
    result = call()
    wall = time.perf_counter() - started
    cpu = _own_seconds() - own
    after = _busy_seconds()
    others = None if busy is None or after is None else max(0.0, after - busy - cpu)
    return result, {"seconds": wall, "cpu": cpu, "others": others}


def wait_until_quiet(limit_s: float) -> bool:
    """Wait up to ``limit_s`` for one second in which others used under a tenth of a core."""
    deadline = time.monotonic() + limit_s
    while True:
        before = _busy_seconds()
        time.sleep(1.0)
        after = _busy_seconds()
        if before is None or after is None or after - before < _DISTURBED:
            return True
        if time.monotonic() >= deadline:
            return False


# --------------------------------------------------------------------------- one run


_PLANS: list[OPP] = []  # set in each worker of the reference's pool


def _fill_init(plans: list[OPP]) -> None:
    _PLANS[:] = plans
    prepare_template()


def _fill_range(span: tuple[int, int]) -> tuple[int, float]:
    """Fill the plans of ``span``: how many, and the CPU seconds it took."""
    started = time.process_time()
    for plan in _PLANS[span[0] : span[1]]:
        fill(plan)
    return span[1] - span[0], time.process_time() - started


def _spans(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` items in ranges small enough to share out evenly over ``parts``."""
    size = max(1, count // (parts * 8))
    return [(start, min(count, start + size)) for start in range(0, count, size)]


def child_main(what: str, source: Path, output: Path, jobs: int) -> int:
    """One run in this fresh process (its imports done before the clock starts), as
    ``opp maken`` or ``opp verzamelen`` would make it; its figures as one JSON line."""
    report: dict[str, Any] = {}
    if what == GEN:
        result, figures = _timed(functools.partial(generate, source, output, jobs=jobs))
        report["written"] = [path.name for path in result.written]
        report["existing"] = len(result.existing)
        report["problems"] = [[p.code, p.location.sheet, p.location.row] for p in result.problems]
    elif what == COL:
        call = functools.partial(collect, source, output, jobs=jobs, keep_plans=False)
        result, figures = _timed(call)
        report["plans"] = result.plan_count
        report["problems"] = [[p.code, p.location.file] for p in result.problems]
    else:
        plans = [item.plan for item in read_workbook(source).plans]
        _fill_init(plans)  # this process's template, as a worker's, before the clock starts
        if jobs == 1:
            (count, cpu), figures = _timed(functools.partial(_fill_range, (0, len(plans))))
        else:
            with ProcessPoolExecutor(jobs, initializer=_fill_init, initargs=(plans,)) as pool:
                list(pool.map(_fill_range, [(0, 1)] * jobs))  # started and warm
                spans = _spans(len(plans), jobs)
                (count, cpu), figures = _timed(functools.partial(_fill_pool, pool, spans))
            # The workers were still running: getrusage did not see their CPU, /proc/stat
            # counted it as others'.
            others = figures["others"]
            figures["cpu"] = cpu
            figures["others"] = None if others is None else max(0.0, others - cpu)
        report["plans"] = count
    print(json.dumps(figures | report), flush=True)
    return 0


def _fill_pool(pool: ProcessPoolExecutor, spans: list[tuple[int, int]]) -> tuple[int, float]:
    done = list(pool.map(_fill_range, spans))
    return sum(count for count, _ in done), sum(cpu for _, cpu in done)


def _run_child(what: str, source: Path, output: Path, jobs: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", what]
    command += [str(source), str(output), str(jobs)]
    here = str(Path(__file__).resolve().parent)
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": path}
    )
    if done.returncode != 0:
        raise CheckError(f"{what} with {jobs} jobs failed: {done.stderr.strip()[-500:]}")
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return found


# --------------------------------------------------------------------------- the run


def _compare_generate(one: dict[str, Any], many: dict[str, Any], students: int) -> None:
    if len(one["written"]) != students or one["existing"] or many["existing"]:
        raise CheckError(f"generate wrote {len(one['written'])} of {students} forms")
    if one["written"] != many["written"]:
        raise CheckError("generate with all CPUs named other files than with one job")
    if one["problems"] != many["problems"]:
        raise CheckError("generate with all CPUs gave other problems than with one job")


def _same_files(one: Path, many: Path) -> None:
    for path in sorted(one.iterdir()):
        if path.suffix == ".docx" and path.read_bytes() != (many / path.name).read_bytes():
            raise CheckError(f"{path.name} with all CPUs differs from one job's")


def _overview_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}


def measure(
    folder: Path, *, copies: int = 20, rounds: int = 5, quiet_wait: float = 30.0
) -> dict[str, Any]:
    """The whole measurement in ``folder`` (see the module docstring)."""
    workbook = folder / "leerlingen-voorbeeld.xlsx"
    students = example_mix(workbook, copies)
    forms = folder / "formulieren"
    runs: dict[str, dict[int, list[dict[str, Any]]]] = {
        name: {1: [], _CPUS: []} for name in (GEN, COL, FILL)
    }
    quiet: list[bool] = []
    for round_no in range(rounds):
        quiet.append(wait_until_quiet(quiet_wait))
        order = (1, _CPUS) if round_no % 2 == 0 else (_CPUS, 1)
        made = {jobs: _run_child(GEN, workbook, folder / f"uit-{jobs}", jobs) for jobs in order}
        _compare_generate(made[1], made[_CPUS], students)
        if round_no == 0:
            _same_files(folder / "uit-1", folder / f"uit-{_CPUS}")
            (folder / "uit-1").rename(forms)
        for jobs in order:
            runs[GEN][jobs].append(made[jobs])
            shutil.rmtree(folder / f"uit-{jobs}", ignore_errors=True)
        overviews = {jobs: folder / f"overzicht-{round_no}-{jobs}.xlsx" for jobs in order}
        read = {jobs: _run_child(COL, forms, overviews[jobs], jobs) for jobs in order}
        for jobs in order:
            if read[jobs]["plans"] != students or read[jobs]["problems"]:
                raise CheckError(f"collect read {read[jobs]['plans']} of {students} forms")
            runs[COL][jobs].append(read[jobs])
        if _overview_parts(overviews[1]) != _overview_parts(overviews[_CPUS]):
            raise CheckError("collect with all CPUs wrote another overview than one job")
        for jobs in order:
            filled = _run_child(FILL, workbook, folder, jobs)
            if filled["plans"] != students:
                raise CheckError("the reference did not fill every plan")
            runs[FILL][jobs].append(filled)
    return {
        "students": students,
        "copies": copies,
        "rounds": rounds,
        "jobs": _CPUS,
        "quiet_before_round": quiet,
        "runs": runs,
        "summary": _summary(runs, rounds),
    }


def _disturbed(figures: dict[str, Any]) -> bool:
    others = figures["others"]
    return others is not None and others / figures["seconds"] > _DISTURBED


def _summary(runs: dict[str, dict[int, list[dict[str, Any]]]], rounds: int) -> dict[str, Any]:
    """Per operation: medians, ratio of the medians, each round's ratio, over all rounds
    and over those in which other work disturbed neither of its two runs."""
    found: dict[str, Any] = {}
    for name, by_jobs in runs.items():
        one, many = by_jobs[1], by_jobs[_CPUS]
        disturbed = [_disturbed(one[r]) or _disturbed(many[r]) for r in range(rounds)]
        per_round = [o["seconds"] / m["seconds"] for o, m in zip(one, many, strict=True)]
        clean = [r for r in range(rounds) if not disturbed[r]]
        entry: dict[str, Any] = {
            "one_s": statistics.median(o["seconds"] for o in one),
            "many_s": statistics.median(m["seconds"] for m in many),
            "one_cpu": statistics.median(o["cpu"] for o in one),
            "many_cpu": statistics.median(m["cpu"] for m in many),
            "round_ratios": per_round,
            "disturbed": disturbed,
        }
        entry["ratio"] = entry["one_s"] / entry["many_s"]
        if len(clean) >= 2:
            entry["clean_ratio"] = statistics.median(one[r]["seconds"] for r in clean) / (
                statistics.median(many[r]["seconds"] for r in clean)
            )
        found[name] = entry
    return found


# --------------------------------------------------------------------------- reporting


def format_lines(data: dict[str, Any]) -> list[str]:
    """The measurement as lines of text."""
    jobs = data["jobs"]
    lines = [
        f"parallel: {data['students']} students of the example list's mix "
        f"({data['copies']} copies), {data['rounds']} rounds; all CPUs = {jobs}",
        f"{'operation':<22} {'1 job':>7} {f'{jobs} jobs':>7} {'ratio':>6} {'undisturbed':>11}"
        f"  {'CPU s 1 / all':>13}  rounds (* disturbed: others used > {_DISTURBED:g} core)",
    ]
    for name, s in data["summary"].items():
        clean = f"{s['clean_ratio']:.2f} x" if "clean_ratio" in s else "-"
        rounds = " ".join(
            f"{r:.2f}" + ("*" if d else "")
            for r, d in zip(s["round_ratios"], s["disturbed"], strict=True)
        )
        lines.append(
            f"{name:<22} {s['one_s']:>6.2f}s {s['many_s']:>6.2f}s {s['ratio']:>5.2f}x "
            f"{clean:>11}  {s['one_cpu']:>5.2f} / {s['many_cpu']:<5.2f}  {rounds}"
        )
    return lines


def _shown(ratio: float, goal: float) -> str:
    """``ratio`` with two decimals, or three where two would round onto the goal."""
    return f"{ratio:.3f}" if f"{ratio:.2f}" == f"{goal:.2f}" else f"{ratio:.2f}"


def goals(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The goals of issue 14 with their verdicts (see the module docstring)."""
    found = []
    ceiling = data["summary"][FILL]
    for name, factor in GOALS.items():
        s = data["summary"][name]
        ratio = s.get("clean_ratio")
        verdict = "UNDECIDED" if ratio is None else ("HOLDS" if ratio >= factor else "FAILS")
        shown = "no two undisturbed rounds" if ratio is None else f"{_shown(ratio, factor)} x"
        reference = ceiling.get("clean_ratio", ceiling["ratio"])
        found.append(
            {
                "goal": f"{name} {data['jobs']} jobs >= {factor:g} x 1 job",
                "verdict": verdict,
                "ratio": ratio,
                "ratio_all_rounds": s["ratio"],
                "text": f"{name} of {data['students']} students (example mix) with "
                f"{data['jobs']} jobs at least {factor:g} x one job: {shown} (all rounds "
                f"{s['ratio']:.2f} x; this machine's own on fill only: {reference:.2f} x)",
            }
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--copies", type=int, default=20, help="copies of the example list")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument(
        "--quiet-wait", type=float, default=30.0, help="seconds to wait for a quiet machine"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the run as JSON")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        what, source, output, jobs = args.child
        return child_main(what, Path(source), Path(output), int(jobs))
    with tempfile.TemporaryDirectory(prefix="opp-bench-parallel-") as tmp:
        try:
            data = measure(
                Path(tmp), copies=args.copies, rounds=args.rounds, quiet_wait=args.quiet_wait
            )
        except CheckError as exc:
            print(f"check failed: {exc}", file=sys.stderr)
            return 1
    data["goals"] = goals(data)
    print("\n".join(format_lines(data)))
    for goal in data["goals"]:
        print(f"  {goal['verdict']}: {goal['text']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

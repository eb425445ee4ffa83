"""Benchmark of fill and parse on the example plan, with references measured in the same run.

    .venv/bin/python benchmarks/bench_fill_parse.py [--rounds N] [--warmup N] [--json PATH]
    .venv/bin/python benchmarks/bench_fill_parse.py --profile fill     # or: --profile parse

Five operations, each on one document:

- ``parse``: :func:`opp_docs.parsing.parse` of the filled example form (.docx bytes in memory);
- ``docx2python``: docx2python's extraction of the same bytes into its nested text lists
  (``docx2python(BytesIO(data)).body``, checkboxes as ☐/☒) -- the reference for parse. It
  reads text and boxes only; it does not map them to fields, validate or report strays;
- ``fill``: :func:`opp_docs.filling.fill` of the example plan into the bundled form, to bytes;
- ``python-docx fill``: the same plan written into the same form by a plain python-docx script
  (:mod:`python_docx_fill`, whose docstring lists what it does and does not do) -- the
  reference for fill;
- ``fill floor``: what any filler must at least do to hand over the filled form, the yardstick
  of issue 14: lxml parses the ``word/document.xml`` of :func:`~opp_docs.filling.fill`'s own
  output, serialises it again (``etree.tostring(root, xml_declaration=True,
  encoding="UTF-8", standalone=True)``), and a new zip is written (``ZIP_DEFLATED``,
  ``compresslevel=3``) with every member of the filled package, ``document.xml`` replaced by
  those bytes. The goal is fill at most 1.0 x this floor (median ratio).

Before timing, the run checks that the work is comparable: both fills read back through
``parse`` as the example plan without findings, and docx2python sees the student's name and
ticked boxes. A failed check stops the run (exit code 1).

Timing: ``time.perf_counter`` around one call. The operations run interleaved, one call each
per round in a rotating order, so drift on a busy machine (another build, thermal throttling)
hits all four alike. Warm-up rounds come first and are not recorded (they include opp_docs'
one-time template and mapping loading). Garbage is collected before every call, with the
collector left on during it, so one operation's garbage is not charged to the next. Reported
per operation: the median, the quartiles and the minimum in ms per document, and documents
per second from the median. The ratio against the reference is the figure to compare between
machines; absolute figures are printed against a budget of 50 ms per document ("well under"
meaning at most half of it).

Timings are never asserted: the test suite has no timed tests.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# docx2python 3.x ships py.typed: no stubs or type: ignore needed.
from docx2python import docx2python
from lxml import etree

from benchenv import environment as run_environment
from benchenv import report as print_report
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.model import OPP
from opp_docs.parsing import parse
from python_docx_fill import python_docx_fill

_ROOT = Path(__file__).resolve().parent.parent
_TEMPLATE = _ROOT / "templates" / "OPP_2024-2025.docx"
_BUDGET_MS = 50.0
_TIME_LIMIT_S = 40.0  # stop adding rounds after this, so a slow machine still ends within a minute
_MIN_ROUNDS = 10

PARSE, DOCX2PYTHON, FILL, PYTHON_DOCX = "parse", "docx2python", "fill", "python-docx fill"
FLOOR = "fill floor"
_MAIN_PART = "word/document.xml"
# Each opp_docs operation and the reference it is compared against.
_COMPARISONS = ((PARSE, DOCX2PYTHON), (FILL, PYTHON_DOCX), (FILL, FLOOR))
_FLOOR_GOAL = 1.0  # fill / fill floor, at most
_CHECKED, _UNCHECKED = "\u2612", "\u2610"  # docx2python's ☒ and ☐


@dataclass(frozen=True)
class Stats:
    """One operation's timings in ms per document."""

    median: float
    q1: float
    q3: float
    min: float
    samples: int

    @property
    def docs_per_s(self) -> float:
        return 1000.0 / self.median

    @classmethod
    def of(cls, samples_ms: Sequence[float]) -> Stats:
        q1, median, q3 = statistics.quantiles(samples_ms, n=4, method="inclusive")
        return cls(median, q1, q3, min(samples_ms), len(samples_ms))


# --------------------------------------------------------------------------- the work


def docx2python_body(data: bytes) -> list[list[list[list[str]]]]:
    """docx2python's text of the main document: tables, rows, cells, paragraphs."""
    with docx2python(io.BytesIO(data)) as content:
        body: list[list[list[list[str]]]] = content.body
    return body


def fill_floor(members: Sequence[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """The floor for a fill: the main part of ``members`` (a filled package's members, in
    order) parsed and serialised again by lxml, and every member zipped at level 3."""
    data = next(content for info, content in members if info.filename == _MAIN_PART)
    root = etree.fromstring(data)
    main = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as archive:
        for info, content in members:
            archive.writestr(info.filename, main if info.filename == _MAIN_PART else content)
    return buffer.getvalue()


def package_members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every member of a .docx with its bytes, in the package's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info, package.read(info)) for info in package.infolist()]


def _operations(plan: OPP, filled: bytes, template: bytes) -> dict[str, Callable[[], object]]:
    members = package_members(filled)
    return {
        PARSE: lambda: parse(filled),
        DOCX2PYTHON: lambda: docx2python_body(filled),
        FILL: lambda: fill(plan),
        PYTHON_DOCX: lambda: python_docx_fill(plan, template),
        FLOOR: lambda: fill_floor(members),
    }


def _check(plan: OPP, filled: bytes, reference: bytes) -> list[str]:
    """What makes the comparison unfair, if anything: the outputs must hold the same plan."""
    failures = []
    for name, data in ((FILL, filled), (PYTHON_DOCX, reference)):
        result = parse(data)
        if result.plan != plan or result.problems:
            failures.append(
                f"parse({name} output) is not the example plan "
                f"({len(result.problems)} findings: {[p.code for p in result.problems]})"
            )
    text = "\n".join(
        paragraph
        for table in docx2python_body(filled)
        for row in table
        for cell in row
        for paragraph in cell
    )
    naam = plan.leerling.naam or ""
    if naam not in text or _CHECKED not in text or _UNCHECKED not in text:
        failures.append("docx2python did not read the name or the boxes of the filled form")
    members = package_members(filled)
    floor = [(info.filename, content) for info, content in package_members(fill_floor(members))]
    if floor != [(info.filename, content) for info, content in members]:
        failures.append("the fill floor does not write the filled form's package back")
    return failures


# --------------------------------------------------------------------------- timing


def measure(
    operations: dict[str, Callable[[], object]], *, rounds: int, warmup: int
) -> tuple[dict[str, list[float]], float]:
    """Samples in ms per operation, interleaved in rotating order; and the seconds taken."""
    names = list(operations)
    samples: dict[str, list[float]] = {name: [] for name in names}
    started = time.perf_counter()
    for round_no in range(warmup + rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            t0 = time.perf_counter()
            operations[name]()
            elapsed = time.perf_counter() - t0
            if round_no >= warmup:
                samples[name].append(elapsed * 1000.0)
        recorded = round_no + 1 - warmup
        if recorded >= _MIN_ROUNDS and time.perf_counter() - started > _TIME_LIMIT_S:
            break
    return samples, time.perf_counter() - started


def _verdict(ms: float) -> str:
    if ms <= _BUDGET_MS / 2:
        return f"well under {_BUDGET_MS:.0f} ms"
    if ms <= _BUDGET_MS:
        return f"under {_BUDGET_MS:.0f} ms, but not well under (> {_BUDGET_MS / 2:.0f} ms)"
    return f"OVER {_BUDGET_MS:.0f} ms"


# --------------------------------------------------------------------------- reporting


def report(
    stats: dict[str, Stats],
    *,
    environment: dict[str, Any],
    settings: dict[str, Any],
    sizes: dict[str, int],
) -> dict[str, Any]:
    """The run as one JSON-ready dict."""
    comparisons = [
        {
            "operation": op,
            "reference": ref,
            "ratio": stats[op].median / stats[ref].median,
        }
        for op, ref in _COMPARISONS
    ]
    floor_ratio = stats[FILL].median / stats[FLOOR].median
    return {
        "benchmark": "bench_fill_parse",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment,
        "settings": settings,
        "document_bytes": sizes,
        "checks": "parse() reads both fills back as the example plan without findings; "
        "docx2python reads the name and the boxes; the fill floor writes the filled package "
        "back member for member",
        "operations": {
            name: {**asdict(s), "docs_per_s": s.docs_per_s} for name, s in stats.items()
        },
        "comparisons": comparisons,
        "goals": {
            "fill / fill floor": {
                "at_most": _FLOOR_GOAL,
                "ratio": floor_ratio,
                "holds": floor_ratio <= _FLOOR_GOAL,
            }
        },
        "budget": {
            "ms": _BUDGET_MS,
            "well_under_ms": _BUDGET_MS / 2,
            **{
                op: {
                    "well_under": stats[op].median <= _BUDGET_MS / 2,
                    "verdict": _verdict(stats[op].median),
                }
                for op in (PARSE, FILL)
            },
        },
    }


def format_table(data: dict[str, Any]) -> str:
    """The run as a plain-text table with the budget verdicts below it."""
    env, settings = data["environment"], data["settings"]
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items())
    lines = [
        f"opp-docs fill/parse benchmark: example plan, {data['document_bytes']['fill']} bytes "
        f"filled; {settings['rounds_recorded']} interleaved rounds after {settings['warmup']} "
        f"warm-up ({settings['seconds']:.1f} s)",
        f"Python {env['python']} on {env['platform']}, {env['cpus']} CPUs, load before "
        f"{' '.join(f'{x:.2f}' for x in env['load_average_before'] or [])}; {versions}",
        "",
        f"{'operation':<18} {'ms/doc median':>13} {'q1-q3':>13} {'min':>7} {'docs/s':>7}  "
        "vs reference (median ratio)",
    ]
    for name, s in data["operations"].items():
        versus = "; ".join(
            f"{c['ratio']:.2f} x {c['reference']} ("
            + (f"{1 / c['ratio']:.1f}x faster" if c["ratio"] < 1 else f"{c['ratio']:.1f}x slower")
            + ")"
            for c in data["comparisons"]
            if c["operation"] == name
        )
        if not versus and name in (ref for _, ref in _COMPARISONS):
            versus = "(reference)"
        lines.append(
            f"{name:<18} {s['median']:>13.1f} {s['q1']:>6.1f}-{s['q3']:<6.1f} "
            f"{s['min']:>7.1f} {s['docs_per_s']:>7.1f}  {versus}"
        )
    lines.append("")
    for op in (PARSE, FILL):
        median = data["operations"][op]["median"]
        lines.append(f"{op}: {median:.1f} ms per document (median): {_verdict(median)}")
    goal = data["goals"]["fill / fill floor"]
    fill_ms, floor_ms = (data["operations"][name]["median"] for name in (FILL, FLOOR))
    lines.append(
        f"{'HOLDS' if goal['holds'] else 'MISSES'}: fill at most {goal['at_most']:.1f} x the "
        f"fill floor (parse + serialise the filled document.xml + zip at level 3): "
        f"{fill_ms:.2f} vs {floor_ms:.2f} ms = {goal['ratio']:.2f} x"
    )
    return "\n".join(lines)


def _profile(operation: Callable[[], object], *, calls: int, top: int) -> None:
    for _ in range(3):
        operation()  # warm-up: one-time loading is not what we want to see
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        operation()
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=60, help="recorded rounds (default 60)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up rounds (default 5)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the run as JSON")
    parser.add_argument(
        "--profile",
        choices=[FILL, PARSE],
        help="instead of timing, profile one operation with cProfile (cumulative time)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 2 or args.warmup < 0:
        parser.error("--rounds must be at least 2 and --warmup at least 0")

    plan = example_plan()
    template = _TEMPLATE.read_bytes()
    filled = fill(plan)
    operations = _operations(plan, filled, template)
    if args.profile:
        _profile(operations[args.profile], calls=20, top=30)
        return 0

    failures = _check(plan, filled, python_docx_fill(plan, template))
    if failures:
        for failure in failures:
            print(f"check failed: {failure}", file=sys.stderr)
        return 1

    environment = run_environment(
        ("opp-docs", "python-docx", "docx2python", "lxml")
    )  # before timing: the load average is other processes' load
    samples, seconds = measure(operations, rounds=args.rounds, warmup=args.warmup)
    stats = {name: Stats.of(values) for name, values in samples.items()}
    data = report(
        stats,
        environment=environment,
        settings={
            "rounds_requested": args.rounds,
            "rounds_recorded": stats[PARSE].samples,
            "warmup": args.warmup,
            "seconds": seconds,
            "budget_ms": _BUDGET_MS,
        },
        sizes={
            "template": len(template),
            FILL: len(filled),
            PYTHON_DOCX: len(python_docx_fill(plan, template)),
        },
    )
    print_report(format_table(data), data, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

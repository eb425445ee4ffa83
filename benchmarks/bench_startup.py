"""Start-up of the command line against the floor of its own dependencies, in one run.

    .venv/bin/python benchmarks/bench_startup.py [--rounds N] [--json PATH]

Two pairs, each run as fresh processes the way a user or a script starts them:

- ``opp --help`` against ``python -c "import argparse"`` (the command table costs argparse and
  itself, nothing of the library);
- ``opp uitlezen FORM --json`` (the filled example form, read and printed as JSON) against
  ``python -c "import pydantic, lxml.etree, zipfile"`` (what reading a form cannot do without).

Beside them, for information: ``opp uitlezen`` against a process that defines one Pydantic
model. ``import pydantic`` is lazy (BaseModel, the schema builder and the plugin loader come
with the first model), so the floor above leaves out about as much time again as it takes;
that third figure says how much of the distance is ours.

Each round runs every command once, in a rotating order, so that drift on a busy machine
hits all alike; the figure is the median of each command's wall times and the ratio of the
medians of a pair (goal in issue 14: at most 2.5 x for each). The ``opp`` used is the one
installed in this interpreter's environment (``.venv/bin/opp``).

Before the first round the package's bytecode is compiled (``compileall``), as ``pip install``
does for a user's copy: an editable install under ``PYTHONDONTWRITEBYTECODE`` (set on some
build machines) would otherwise compile every module from source in every run, a cost no
installed ``opp`` pays. The floors' packages are compiled by their own installation.

Timings are never asserted: the test suite has no timed tests.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import opp_docs
from benchenv import environment as run_environment
from benchenv import report as print_report
from opp_docs.example import example_plan
from opp_docs.filling import fill_to_path

GOAL = 2.5


def _commands(form: Path) -> dict[str, list[str]]:
    opp = str(Path(sys.executable).with_name("opp"))
    return {
        "import argparse": [sys.executable, "-c", "import argparse"],
        "opp --help": [opp, "--help"],
        "import pydantic, lxml.etree, zipfile": [
            sys.executable,
            "-c",
            "import pydantic, lxml.etree, zipfile",
        ],
        "opp uitlezen FORM --json": [opp, "uitlezen", str(form), "--json"],
        _PYDANTIC_IN_USE: [sys.executable, "-c", _IN_USE_CODE],
    }


# ``import pydantic`` loads Pydantic's package only: BaseModel and the schema machinery come
# with the first model. This command pays that too, as anything with one model does; its
# figure is shown beside the goal's (information, no goal), to say how much of the distance
# to the floor is Pydantic's own.
_PYDANTIC_IN_USE = "pydantic in use (one model), lxml, zipfile"
_IN_USE_CODE = """import lxml.etree, zipfile
from pydantic import BaseModel
class One(BaseModel):
    x: int
"""


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(rounds: int, warmup: int) -> dict[str, list[float]]:
    compileall.compile_dir(Path(opp_docs.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        form = fill_to_path(example_plan(), Path(folder) / "voorbeeld.docx")
        commands = _commands(form)
        names = list(commands)
        times: dict[str, list[float]] = {name: [] for name in names}
        for number in range(warmup + rounds):
            order = names[number % len(names) :] + names[: number % len(names)]
            for name in order:
                elapsed = _once(commands[name])
                if number >= warmup:
                    times[name].append(elapsed)
    return times


def report(times: dict[str, list[float]]) -> dict[str, Any]:
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    pairs = {
        "opp --help": ("opp --help", "import argparse"),
        "opp uitlezen --json": ("opp uitlezen FORM --json", "import pydantic, lxml.etree, zipfile"),
    }
    ratios = {label: medians[ours] / medians[floor] for label, (ours, floor) in pairs.items()}
    in_use = medians["opp uitlezen FORM --json"] / medians[_PYDANTIC_IN_USE]
    return {"median_ms": medians, "ratios": ratios, "goal": GOAL, "against_pydantic_in_use": in_use}


def format_table(data: dict[str, Any]) -> str:
    lines = [f"{'command':40} {'median ms':>10}"]
    lines += [f"{name:40} {ms:10.1f}" for name, ms in data["median_ms"].items()]
    lines.append("")
    for label, ratio in data["ratios"].items():
        verdict = "holds" if ratio <= data["goal"] else "misses"
        lines.append(f"{label:40} {ratio:6.2f} x its floor (goal <= {data['goal']} x: {verdict})")
    in_use = data["against_pydantic_in_use"]
    lines.append(f"{'opp uitlezen --json':40} {in_use:6.2f} x {_PYDANTIC_IN_USE} (no goal)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    data: dict[str, Any] = {"environment": run_environment(["opp-docs", "pydantic", "lxml"])}
    data.update(report(measure(args.rounds, args.warmup)))
    print_report(format_table(data), data, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

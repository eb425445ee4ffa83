"""A school script that only does ``import opp_docs``, as an IT person writes it.

Plain ``str`` paths everywhere, and the ``spawn`` start method that Windows and macOS use,
so every worker process starts by importing the script again.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = """
import multiprocessing
import sys

import opp_docs


def main(folder: str, workbook: str) -> None:
    plan = opp_docs.example_plan()
    data = opp_docs.fill(plan)
    assert data[:2] == b"PK"
    written = opp_docs.fill_to_path(plan, folder + "/noor.docx")
    assert opp_docs.parse(str(written)).plan == plan
    with open(folder + "/noor.docx", "rb") as stream:
        assert opp_docs.parse(stream).plan == plan

    made = opp_docs.generate(workbook, folder + "/plannen", jobs=2)
    # Row 15 of the example holds a date that does not exist: that form has the date empty.
    assert made.written and made.row_count == len(made.written), made.problems
    assert [p.code for p in made.problems] == ["excel.datum_bestaat_niet"]

    read = opp_docs.collect(folder + "/plannen", folder + "/overzicht.xlsx", jobs=2)
    assert read.plan_count == len(made.written) == len(read.plans), read.problems
    overview = opp_docs.read_plans(folder + "/overzicht.xlsx")
    by_number = {item.plan.leerling.leerlingnummer: item.plan for item in read.plans}
    assert len(overview.plans) == len(by_number) == len(made.written)
    for item in overview.plans:
        assert item.plan == by_number[item.plan.leerling.leerlingnummer]

    findings = opp_docs.check_plan(plan)
    print("klaar", len(made.written), len(overview.plans), len(findings) >= 0)


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    main(sys.argv[1], sys.argv[2])
"""

UNGUARDED = """
import multiprocessing
import sys

import opp_docs

multiprocessing.set_start_method("spawn", force=True)
opp_docs.generate(sys.argv[2], sys.argv[1] + "/plannen", jobs=2)
"""


def _run(tmp_path: Path, repo: Path, script: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(script), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(path), str(tmp_path), str(repo / "examples" / "leerlingen.xlsx")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )


def test_a_script_with_str_paths_under_spawn(tmp_path: Path, repo: Path) -> None:
    done = _run(tmp_path, repo, SCRIPT)
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[0] == "klaar" and int(words[1]) > 1 and words[1] == words[2]


def test_a_script_without_the_main_guard_is_told_what_to_add(tmp_path: Path, repo: Path) -> None:
    done = _run(tmp_path, repo, UNGUARDED)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("opp_docs.errors.InputError: De werkprocessen zijn gestopt.")
    assert 'if __name__ == "__main__":' in last
    assert "BrokenProcessPool" not in done.stderr and "RuntimeError" not in done.stderr
    assert not (tmp_path / "plannen").exists() or not any((tmp_path / "plannen").iterdir())

"""What ``opp`` writes to the console: one line per problem, flags instead of the library's
arguments, and output that survives a console that cannot show every character (cp1252)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opp_docs.cli import console, main
from opp_docs.cli.console import as_flags, console_streams, problem_line
from opp_docs.errors import Location, Problem
from opp_docs.example import example_plan
from opp_docs.filling import fill_to_path
from opp_docs.planfile import plan_to_json

NAME = "Zoë ☒ Jansen"  # 'ë' is in cp1252, the ballot box '☒' is not


def test_arguments_become_flags() -> None:
    assert as_flags("toestemming (overwrite=True).") == "toestemming (--overschrijven)."
    assert as_flags("of gebruik jobs=1.") == "of gebruik --processen 1."
    assert as_flags("met minder werkprocessen (jobs).") == "met minder werkprocessen (--processen)."
    assert as_flags("overwrite en jobs staan los") == "overwrite en jobs staan los"


def test_a_problem_is_one_line_with_code_place_and_flags() -> None:
    problem = Problem("bestand.bestaat_al", "Of (overwrite=True).", Location(file="x.json"))
    line = problem_line(problem)
    assert line == "opp: [bestand.bestaat_al] bestand 'x.json': Of (--overschrijven)."
    assert problem_line(Problem("a.b", "Zo.")) == "opp: [a.b] Zo."


def test_the_second_example_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.json"
    assert main(["example", "-o", str(target)]) == 0
    capsys.readouterr()
    assert main(["example", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"opp: [bestand.bestaat_al] bestand '{target}': ")
    assert "--overschrijven" in err and "overwrite=True" not in err


@pytest.fixture(scope="module")
def plan_and_form(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("console")
    plan = example_plan()
    plan.leerling.naam = NAME
    path = folder / "zoe.json"
    path.write_text(plan_to_json(plan), encoding="utf-8")
    form = folder / "zoe.docx"
    fill_to_path(plan, form)
    return path, form


def _opp(args: list[str], encoding: str) -> subprocess.CompletedProcess[bytes]:
    opp = Path(sys.executable).with_name("opp")
    return subprocess.run(
        [str(opp), *args],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )


@pytest.mark.parametrize("encoding", ["cp1252", "cp1252:strict"])
@pytest.mark.parametrize(
    "command", ["check", "check --json", "parse", "parse --report", "inspect --json"]
)
def test_a_cp1252_console_gets_a_question_mark_not_a_traceback(
    command: str, encoding: str, plan_and_form: tuple[Path, Path]
) -> None:
    plan, form = plan_and_form
    name, *flags = command.split()
    if name == "check":
        flags += ["--op", "01-11-2025"]  # the example plan passes on that day
    result = _opp([name, str(plan if name == "check" else form), *flags], encoding)
    err = result.stderr.decode("cp1252")
    assert result.returncode == 0, err
    assert "Traceback" not in err and "interne fout" not in err
    out = result.stdout.decode("cp1252")
    assert "Zoë ? Jansen" in out


def test_a_cp1252_stderr_shows_a_file_name_it_cannot_spell(tmp_path: Path) -> None:
    missing = tmp_path / "weg☒.json"
    result = _opp(["check", str(missing)], "cp1252:strict")
    err = result.stderr.decode("cp1252")
    assert result.returncode == 2
    assert err.startswith("opp: [bestand.niet_gevonden] ") and "Traceback" not in err


def test_a_utf8_console_is_left_as_it_is(plan_and_form: tuple[Path, Path]) -> None:
    _, form = plan_and_form
    result = _opp(["parse", str(form)], "utf-8")
    assert result.returncode == 0
    assert NAME in result.stdout.decode("utf-8")


def test_the_streams_are_restored_after_main(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", stdout)
    with console_streams():
        print(NAME)
        assert stdout.errors == "replace"
    assert stdout.errors == "strict"
    stdout.flush()
    assert raw.getvalue().decode("cp1252") == "Zoë ? Jansen\n"


def test_identical_lines_are_merged_with_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    same = Problem("x.y", "Dezelfde melding.", Location(file="a.docx"))
    other = Problem("x.z", "Een andere.", Location(file="a.docx"))
    console.report([same, other, same, same])
    assert capsys.readouterr().err.splitlines() == [
        "opp: [x.y] bestand 'a.docx': Dezelfde melding. (3 keer)",
        "opp: [x.z] bestand 'a.docx': Een andere.",
    ]


def test_past_the_limit_one_line_counts_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    problems = [Problem("x.y", f"Melding {n}.", Location(row=n)) for n in range(5)]
    console.report([*problems, problems[4]], limit=3)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4 and lines[-1] == "opp: ... en nog 3 melding(en)."

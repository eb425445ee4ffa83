"""Every command that takes forms or plans reads files, folders and quoted glob patterns alike.

Windows shells expand no patterns, so ``opp check "plannen/*.docx"`` reaches opp as typed; a
source naming nothing is reported with ``bestand.niet_gevonden`` and makes the exit code 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opp_docs.cli import main
from opp_docs.example import example_plan
from opp_docs.excel.read import read_workbook
from opp_docs.filling import fill_to_path

STUDENTS = {"300001": "Ada de Vries", "300002": "Bram Smit", "300003": "Chloë Jansen"}


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a filled form per student of STUDENTS, and a Word lock file."""
    folder = tmp_path_factory.mktemp("formulieren")
    plan = example_plan()
    for number, name in STUDENTS.items():
        leerling = plan.leerling.model_copy(update={"leerlingnummer": number, "naam": name})
        fill_to_path(plan.model_copy(update={"leerling": leerling}), folder / f"{number}.docx")
    (folder / "~$300001.docx").write_bytes(b"Word's lock file")  # never a plan
    return folder


def _check(out: Path) -> list[str]:
    del out
    return ["check", "--op", "01-11-2025"]


def _planning(out: Path) -> list[str]:
    return ["planning", "-o", str(out / "e.ics"), "--werkmap", str(out / "p.xlsx")]


def _collect(out: Path) -> list[str]:
    return ["collect", "-o", str(out / "overzicht.xlsx"), "--jobs", "1", "--quiet"]


def _companion(kind: str) -> Callable[[Path], list[str]]:
    return lambda out: [kind, "-o", str(out / "uit")]


def _checked(out: Path, stdout: str) -> set[str]:
    del out
    return {number for number in STUDENTS if f"({number})" in stdout}


def _planned(out: Path, stdout: str) -> set[str]:
    del stdout
    rod = load_workbook(out / "p.xlsx")["ROD"]
    return {str(row[0]) for row in rod.iter_rows(min_row=2, values_only=True) if row[0]}


def _collected(out: Path, stdout: str) -> set[str]:
    del stdout
    return {
        source.plan.leerling.leerlingnummer or ""
        for source in read_workbook(out / "overzicht.xlsx").plans
    }


def _written(out: Path, stdout: str) -> set[str]:
    del stdout
    return {path.name.split()[0] for path in (out / "uit").glob("*.docx")}


# Each command: the argv after the sources, and the student numbers it handled.
COMMANDS: dict[str, tuple[Callable[[Path], list[str]], Callable[[Path, str], set[str]]]] = {
    "check": (_check, _checked),
    "planning": (_planning, _planned),
    "collect": (_collect, _collected),
    "handelingswijzer": (_companion("handelingswijzer"), _written),
    "uitnodiging": (_companion("uitnodiging"), _written),
}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _argv(command: str, sources: list[str], out: Path) -> list[str]:
    before, _ = COMMANDS[command]
    head, *rest = before(out)
    return [head, *sources, *rest]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["pattern", "folder"])
def test_a_pattern_and_a_folder_read_every_form(
    command: str, kind: str, forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(forms / "*.docx") if kind == "pattern" else str(forms)
    code, out, err = _run(_argv(command, [source], tmp_path), capsys)
    assert "[bestand." not in err and "Traceback" not in err
    _, handled = COMMANDS[command]
    assert handled(tmp_path, out) == set(STUDENTS)
    # check fails the filled forms on their empty signature boxes; the others are done.
    assert code == (1 if command == "check" else 0)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_pattern_naming_nothing_is_reported_and_the_rest_handled(
    command: str, forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(forms / "geen-*.docx")
    code, out, err = _run(_argv(command, [missing, str(forms / "*.docx")], tmp_path), capsys)
    assert code == 1
    [line] = [line for line in err.splitlines() if "[bestand.niet_gevonden]" in line]
    assert line.startswith("opp: [bestand.niet_gevonden] ") and f"'{missing}'" in line
    _, handled = COMMANDS[command]
    assert handled(tmp_path, out) == set(STUDENTS)


@pytest.mark.parametrize("command", COMMANDS)
def test_only_a_pattern_naming_nothing_exits_2(
    command: str, forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(_argv(command, [str(forms / "geen-*.docx")], tmp_path), capsys)
    assert code == 2
    assert "opp: [bestand.niet_gevonden] " in err and "Traceback" not in err


@pytest.mark.parametrize("kind", ["handelingswijzer", "uitnodiging"])
def test_a_rerun_does_not_read_its_own_output_in_the_plans_folder(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``opp handelingswijzer plannen -o plannen/wijzers`` twice: the second run reads the
    plans, not the documents the first one wrote beside them; the report workbook that
    generate leaves in the folder is no plan either."""
    plannen = tmp_path / "plannen"
    fill_to_path(example_plan(), plannen / "a.docx")
    (plannen / "meldingen.xlsx").write_bytes(b"not read")
    argv = [kind, str(plannen), "-o", str(plannen / "uit"), "--overwrite"]
    for _ in range(2):
        code, _, err = _run(argv, capsys)
        assert code == 0, err
        assert "[" not in err  # no problem line at all

"""One expansion of what people type: files, folders and glob patterns (opp_docs.sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

from opp_docs.example import example_plan
from opp_docs.excel.write import workbook_bytes
from opp_docs.filling import fill_to_path
from opp_docs.planfile import plan_to_json
from opp_docs.sources import expand_sources, iter_plans


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """plannen/ as a coordinator's folder holds it after generate and a companion run."""
    plannen = tmp_path / "plannen"
    plan = example_plan()
    fill_to_path(plan, plannen / "1b" / "a.docx")
    fill_to_path(plan, plannen / "b.docx")
    (plannen / "c.json").write_text(plan_to_json(plan), encoding="utf-8")
    (plannen / "meldingen.xlsx").write_bytes(workbook_bytes([]))  # a report, not plans
    (plannen / "~$b.docx").write_bytes(b"Word's lock file")
    (plannen / ".b.docx.123.tmp").write_bytes(b"")
    (plannen / "notities.txt").write_text("geen plan", encoding="utf-8")
    fill_to_path(plan, plannen / "wijzers" / "a.docx")  # what a companion run wrote
    return plannen


def _names(files: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in files]


def test_a_folder_gives_its_forms_and_plans_below_it_and_no_workbooks(folder: Path) -> None:
    files, problems = expand_sources(folder)
    assert problems == []
    assert _names(files, folder) == ["1b/a.docx", "b.docx", "c.json", "wijzers/a.docx"]


def test_a_workbook_is_read_when_named_or_matched(folder: Path) -> None:
    files, _ = expand_sources([str(folder / "meldingen.xlsx"), str(folder / "*.xlsx")])
    assert _names(files, folder) == ["meldingen.xlsx"]  # each file once


def test_patterns_are_expanded_by_python(folder: Path) -> None:
    files, problems = expand_sources([f"{folder}/*.docx", f"{folder}/**/a.docx"])
    assert problems == []
    assert _names(files, folder) == ["b.docx", "1b/a.docx", "wijzers/a.docx"]


def test_the_output_folder_is_left_out(folder: Path) -> None:
    files, _ = expand_sources([folder, f"{folder}/**/*.docx"], exclude=[folder / "wijzers"])
    assert "wijzers/a.docx" not in _names(files, folder)


def test_a_str_is_one_source(folder: Path) -> None:
    files, problems = expand_sources(str(folder / "b.docx"))
    assert problems == [] and files == [folder / "b.docx"]


@pytest.mark.parametrize("source", ["geen-map", "geen-map/*.docx", "plannen/*.pdf"])
def test_a_source_naming_nothing_is_a_located_problem(folder: Path, source: str) -> None:
    files, problems = expand_sources(str(folder.parent / source))
    assert files == []
    (problem,) = problems
    assert problem.code == "bestand.niet_gevonden"
    assert problem.location.file == str(folder.parent / source)


def test_iter_plans_reads_every_file_and_never_raises_for_one(folder: Path) -> None:
    (folder / "kapot.json").write_text("{", encoding="utf-8")
    reads = list(iter_plans([folder, folder / "ontbreekt.docx"]))
    problems = [problem for read in reads for problem in read.problems]
    assert sorted((p.code, Path(p.location.file or "").name) for p in problems) == [
        ("bestand.niet_gevonden", "ontbreekt.docx"),
        ("json.ongeldig", "kapot.json"),
    ]
    plans = [item for read in reads for item in read.plans]
    assert len(plans) == 4 and all(item.plan == example_plan() for item in plans)

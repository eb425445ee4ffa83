"""A bad cell costs the cell, not the student: the plan is read with that field empty and a
problem at the cell's sheet, row and column; ``strict`` holds the plan back as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from opp_docs.errors import Problem
from opp_docs.excel.draft import Draft, validate
from opp_docs.excel.read import read_workbook
from opp_docs.model import Vervolgtraject


def _workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with these sheets, each a header row and then its rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def _places(problems: list[Problem]) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(p.code, p.location.sheet, p.location.row, p.location.column) for p in problems]


_STUDENTS: list[list[Any]] = [
    ["Leerlingnummer", "Naam leerling", "Geboortedatum"],
    ["1", "Noor", date(2010, 5, 3)],
    ["2", "Daan", "31-02-2009"],
]


def test_an_impossible_birth_date_leaves_the_field_empty(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lijst.xlsx", {"Leerlingen": _STUDENTS})
    result = read_workbook(path)
    assert [(p.row, p.plan.leerling.geboortedatum) for p in result.plans] == [
        (2, date(2010, 5, 3)),
        (3, None),
    ]
    assert _places(result.problems) == [
        ("excel.datum_bestaat_niet", "Leerlingen", 3, "Geboortedatum")
    ]
    (problem,) = result.problems
    assert problem.input == "31-02-2009" and problem.location.label == "Geboortedatum"
    assert "februari" in problem.message and "2" in problem.message  # which form, which month


def test_strict_holds_the_student_back(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lijst.xlsx", {"Leerlingen": _STUDENTS})
    result = read_workbook(path, strict=True)
    assert [p.plan.leerling.leerlingnummer for p in result.plans] == ["1"]
    assert _places(result.problems) == [
        ("excel.datum_bestaat_niet", "Leerlingen", 3, "Geboortedatum")
    ]


def test_the_plans_sheet_is_named_as_it_is_called(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "export.xlsx", {"Export": _STUDENTS})
    result = read_workbook(path)
    assert len(result.plans) == 2
    assert _places(result.problems) == [("excel.datum_bestaat_niet", "Export", 3, "Geboortedatum")]
    problems: list[Problem] = []
    assert validate("export.xlsx", Draft(4, "Export", data={"leerling": 5}), problems) is None
    assert {p.location.sheet for p in problems} == {"Export"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("3 mei", "excel.datum_onleesbaar"),
        ("morgen", "excel.datum_onleesbaar"),
        ("31-02-2009", "excel.datum_bestaat_niet"),
        ("31-04-2009", "excel.datum_bestaat_niet"),
        ("12-13-2009", "excel.datum_bestaat_niet"),
        ("2009-02-30", "excel.datum_bestaat_niet"),
    ],
)
def test_not_a_date_and_a_date_that_does_not_exist_differ(
    tmp_path: Path, text: str, code: str
) -> None:
    rows = [_STUDENTS[0], ["1", "Noor", text]]
    result = read_workbook(_workbook(tmp_path / "lijst.xlsx", {"Leerlingen": rows}))
    assert [p.code for p in result.problems] == [code]
    assert len(result.plans) == 1


_TRAJECT = "Verwacht vervolg(onderwijs)traject"


def test_choices_separated_by_commas_are_read_and_noted(tmp_path: Path) -> None:
    rows = [
        ["Leerlingnummer", _TRAJECT],
        ["1", "MBO niveau 3, MBO niveau 4"],
        ["2", "HBO; Arbeid, Anders, namelijk:"],
        ["3", "MBO niveau 3, Gymnasium"],
    ]
    path = _workbook(tmp_path / "lijst.xlsx", {"Leerlingen": rows})
    result = read_workbook(path)
    trajects = [p.plan.ontwikkelingsperspectief.vervolgtrajecten for p in result.plans]
    assert trajects == [
        [Vervolgtraject.MBO_3, Vervolgtraject.MBO_4],
        [Vervolgtraject.HBO, Vervolgtraject.ARBEID, Vervolgtraject.ANDERS],
        [],
    ]
    assert _places(result.problems) == [
        ("excel.keuze_komma_gelezen", "Leerlingen", 2, _TRAJECT),
        ("excel.keuze_komma_gelezen", "Leerlingen", 3, _TRAJECT),
        ("excel.keuze_komma", "Leerlingen", 4, _TRAJECT),
    ]
    assert all(";" in p.message for p in result.problems)


def test_strict_reads_no_commas(tmp_path: Path) -> None:
    rows = [["Leerlingnummer", _TRAJECT], ["1", "MBO niveau 3, MBO niveau 4"]]
    result = read_workbook(_workbook(tmp_path / "lijst.xlsx", {"Leerlingen": rows}), strict=True)
    assert result.plans == []
    assert _places(result.problems) == [("excel.keuze_komma", "Leerlingen", 2, _TRAJECT)]


def test_a_bad_cell_on_a_list_sheet_keeps_the_row(tmp_path: Path) -> None:
    sheets = {
        "Leerlingen": [["Leerlingnummer"], ["1"]],
        "Evaluaties": [
            ["Leerlingnummer", "Soort", "Datum", "Aanwezig"],
            ["1", "Tussenevaluatie", "32-01-2025", "Mentor, ouders"],
        ],
    }
    result = read_workbook(_workbook(tmp_path / "lijst.xlsx", sheets))
    (plan,) = [p.plan for p in result.plans]
    assert [(e.aanwezig, e.datum) for e in plan.evaluaties] == [("Mentor, ouders", None)]
    assert _places(result.problems) == [("excel.datum_bestaat_niet", "Evaluaties", 2, "Datum")]
    assert "1" in result.problems[0].message  # the student whose form lacks the date

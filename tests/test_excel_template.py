"""The workbook a coordinator starts from: empty data sheets, the example on a sheet of its
own that is never read, and a dropdown for every choice column."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from opp_docs.bulk.generating import generate
from opp_docs.cli.main import main
from opp_docs.excel.layout import layout
from opp_docs.excel.read import read_workbook
from opp_docs.excel.write import EXAMPLE_SHEET, LISTS_SHEET


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "t.xlsx"
    assert main(["excel-template", "-o", str(path)]) == 0
    return path


def test_the_template_gives_no_form(template: Path, tmp_path: Path) -> None:
    result = generate(template, tmp_path / "uit", jobs=1)
    assert result.written == [] and result.problems == [] and result.row_count == 0


def test_two_students_typed_in_give_two_forms(template: Path, tmp_path: Path) -> None:
    workbook = load_workbook(template)
    students = workbook["Leerlingen"]
    headers = [cell.value for cell in students[1]]
    for row, (number, name) in enumerate([("1001", "Sem Jansen"), ("1002", "Lina Bakker")], 2):
        students.cell(row=row, column=headers.index("Leerlingnummer") + 1, value=number)
        students.cell(row=row, column=headers.index("Naam leerling") + 1, value=name)
    workbook.save(template)
    result = generate(template, tmp_path / "uit", jobs=1)
    assert len(result.written) == 2 and result.problems == []
    assert sorted(p.name.split(" ")[0] for p in result.written) == ["1001", "1002"]


def test_data_sheets_hold_headers_only_and_the_example_stands_apart(template: Path) -> None:
    workbook = load_workbook(template)
    for sheet in layout():
        worksheet = workbook[sheet.name]
        values = [cell.value for row in worksheet.iter_rows(min_row=2) for cell in row]
        assert all(value is None for value in values), sheet.name
        assert worksheet.freeze_panes == ("B2" if sheet.name == "Leerlingen" else "A2")
    assert workbook.sheetnames[0] == "Leerlingen"
    assert workbook.active is not None and workbook.active.title == "Leerlingen"
    example = workbook[EXAMPLE_SHEET]
    texts = {str(cell.value) for row in example.iter_rows() for cell in row if cell.value}
    assert "Noor" in " ".join(texts) and "Leerlingnummer" in texts
    notes = [str(row[2].value) for row in workbook["Toelichting"].iter_rows(min_row=2)]
    assert any(EXAMPLE_SHEET in note and "niet gelezen" in note for note in notes)
    assert any("';'" in note and "keuzes" in note for note in notes)
    assert read_workbook(template).row_count == 0


def _options(workbook: object, formula: str) -> list[str]:
    """The values a list rule's formula stands for: an inline list or a range of Lijsten."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.split("!")
    assert sheet.strip("'") == LISTS_SHEET
    first, last = cells.replace("$", "").split(":")
    assert first[0] == last[0]
    worksheet = workbook[LISTS_SHEET]  # type: ignore[index]
    assert isinstance(worksheet, Worksheet)
    return [
        str(worksheet[f"{first[0]}{row}"].value) for row in range(int(first[1:]), int(last[1:]) + 1)
    ]


def test_every_choice_column_has_a_dropdown_with_its_options(template: Path) -> None:
    workbook = load_workbook(template)
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    checked = []
    for sheet in layout():
        worksheet = workbook[sheet.name]
        headers = [cell.value for cell in worksheet[1]]
        rules = worksheet.data_validations.dataValidation
        for column in sheet.columns:
            if column.kind not in ("choice", "multi", "bool"):
                continue
            letter = get_column_letter(headers.index(column.header) + 1)
            found = [rule for rule in rules if f"{letter}2" in rule.sqref and rule.type == "list"]
            assert len(found) == 1, (sheet.name, column.header)
            (rule,) = found
            assert len(rule.formula1) <= 255
            expected = (
                ["ja", "nee"]
                if column.kind == "bool"
                else [str(member.value) for member in column.enum or ()]
            )
            assert _options(workbook, rule.formula1) == expected, (sheet.name, column.header)
            # A multiple choice must accept "A; B", which is no single option of the list.
            assert rule.showErrorMessage is (column.kind != "multi")
            checked.append(column.header)
    assert (
        "Verwacht uitstroomprofiel" in checked and "Verwacht vervolg(onderwijs)traject" in checked
    )
    assert len(checked) >= 15

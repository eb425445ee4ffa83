"""Rows read by lxml and openpyxl's cell parser equal openpyxl's own ``iter_rows``, for
sheets as Excel, LibreOffice, openpyxl and odd exporters write them."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from defusedxml import DTDForbidden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from opp_docs.excel.sheetrows import _row_elements, column_values, fast_path, sheet_rows

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET = "xl/worksheets/sheet1.xml"
_STRINGS = (
    f'<sst xmlns="{_MAIN}" count="3" uniqueCount="3"><si><t>gedeeld</t></si>'
    "<si><r><t>rijke </t></r><r><rPr><b/></rPr><t>tekst</t></r></si><si><t>300001</t></si></sst>"
)


def _workbook(sheet_data: str, dimension: str | None = "A1:D6") -> bytes:
    """An openpyxl workbook (style 1 is a date) whose sheet is replaced by ``sheet_data``,
    with a shared strings part."""
    workbook = Workbook()
    workbook.worksheets[0]["A2"] = date(2024, 9, 1)  # makes cell style 1 a date format
    buffer = io.BytesIO()
    workbook.save(buffer)
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f'<worksheet xmlns="{_MAIN}">{head}<sheetData>{sheet_data}</sheetData></worksheet>'
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == _SHEET:
                data = sheet.encode()
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>",
                )
            target.writestr(info.filename, data)
        target.writestr("xl/sharedStrings.xml", _STRINGS)
    return out.getvalue()


_KINDS = (
    '<c r="A{r}" t="s"><v>0</v></c>'  # a shared string
    '<c r="B{r}" t="s"><v>1</v></c>'  # a rich shared string
    '<c r="C{r}" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>'
    '<c r="D{r}"><v>300001</v></c>'
)

CASES: dict[str, tuple[str, str | None]] = {
    "every kind of cell": (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Leerlingnummer</t></is></c>'
        '<c r="B1" t="str"><v>formule</v></c><c r="C1" t="b"><v>1</v></c>'
        '<c r="D1" t="e"><v>#N/A</v></c></row>'
        f'<row r="2">{_KINDS.format(r=2)}</row>'
        '<row r="3"><c r="A3" s="1"><v>45536</v></c><c r="B3"><v>2.5</v></c>'
        '<c r="C3" t="d"><v>2024-09-01T00:00:00</v></c><c r="D3"><f>A3+1</f><v>45537</v></c>'
        "</row>"
        '<row r="4"><c r="A4" t="s"><v>2</v></c><c r="D4"><v>3E2</v></c></row>',
        "A1:D6",
    ),
    "rows and cells without numbers": (
        "<row><c><v>1</v></c><c/><c><v>3</v></c></row>"
        '<row><c t="s"><v>0</v></c><c r="C2"><v>5</v></c><c><v>6</v></c></row>'
        '<row><c r="B3"><v>7</v></c></row>',
        None,
    ),
    "missing rows and a row going back": (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="A4"><v>4</v></c></row>'
        '<row r="3"><c r="A3"><v>3</v></c></row><row r="5"><c r="B5"><v>5</v></c></row>',
        "A1:B5",
    ),
    "more rows and columns than the dimension says": (
        '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>'
        '<row r="4"><c r="A4"><v>4</v></c></row>',
        "A1:B2",
    ),
    "fewer rows than the dimension says": (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>',
        "A1:D6",
    ),
    "comments, instructions, unordered and repeated cells": (
        '<row r="1"><!-- x --><c r="C1"><v>3</v></c><?pi x?><c r="A1"><v>1</v></c>'
        '<c r="A1"><v>9</v></c></row>'
        '<row r="2" ht="30" customHeight="1"><c r="B2"><v>2</v></c></row>'
        '<!-- between rows --><row r="3"></row><row r="4"><c r="A4"/></row>',
        None,
    ),
    "real numbers in row numbers": (
        '<row r="1.0"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
        "A1:A2",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_rows_are_what_openpyxl_reads(tmp_path: Path, case: str) -> None:
    path = tmp_path / "werkmap.xlsx"
    path.write_bytes(_workbook(*CASES[case]))
    workbook = load_workbook(path, read_only=True, data_only=True)
    worksheet = workbook.worksheets[0]
    assert fast_path(worksheet)
    expected = list(worksheet.iter_rows(values_only=True))
    assert any(value is not None for row in expected for value in row)
    assert list(sheet_rows(worksheet)) == expected
    for columns in ([0], [3, 0], [2], [1, 5]):
        picked = [tuple(_at(row, i) for i in columns) for row in expected]
        projected = [
            (number, values)
            for number, values in enumerate(picked, start=1)
            if any(v is not None for v in values)
        ]
        assert list(column_values(worksheet, columns)) == projected, columns
    workbook.close()


def _at(row: tuple[Any, ...], index: int) -> Any:
    return row[index] if index < len(row) else None


def test_the_values_are_typed_as_openpyxl_types_them(tmp_path: Path) -> None:
    path = tmp_path / "werkmap.xlsx"
    path.write_bytes(_workbook(*CASES["every kind of cell"]))
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = list(sheet_rows(workbook.worksheets[0]))
    assert rows[1] == ("gedeeld", "rijke tekst", "inline", 300001)
    assert rows[2][0].date() == date(2024, 9, 1) and rows[2][1] == 2.5 and rows[2][3] == 45537
    workbook.close()


def test_a_doctype_anywhere_is_refused() -> None:
    """check_archive looks at a part's first 4 KiB; a DOCTYPE after a long comment is
    refused when the sheet is read."""
    xml = (
        b"<?xml version='1.0'?><!--" + b" " * 5000 + b"-->"
        b'<!DOCTYPE worksheet [<!ENTITY x "y">]>'
        b'<worksheet xmlns="' + _MAIN.encode() + b'"><sheetData><row r="1"><c r="A1"><v>1</v>'
        b"</c></row></sheetData></worksheet>"
    )

    class Sheet:
        @staticmethod
        def _get_source() -> io.BytesIO:
            return io.BytesIO(xml)

    with pytest.raises(DTDForbidden):
        list(_row_elements(Sheet()))


_CELL_TEXT = st.text(st.characters(codec="utf-8"), max_size=40).filter(
    lambda text: all(ch in "\t\n\r" or ord(ch) >= 32 for ch in text)
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_CELL_TEXT, min_size=1, max_size=4))
def test_plain_inline_strings_are_read_as_openpyxl_reads_them(
    tmp_path: Path, texts: list[str]
) -> None:
    """Strings as openpyxl writes them (inline), read directly, equal openpyxl's reading:
    spaces, line breaks, markup characters, empty strings and formula-like text alike."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    for number, text in enumerate(texts, start=1):
        worksheet.cell(row=number, column=1).value = text
        worksheet.cell(row=number, column=1).data_type = "s"  # "=1+1" stays text
        worksheet.cell(row=number, column=2).value = number
    path = tmp_path / "tekst.xlsx"
    workbook.save(path)
    read = load_workbook(path, read_only=True, data_only=True)
    sheet = read.worksheets[0]
    assert fast_path(sheet)
    assert list(sheet_rows(sheet)) == list(sheet.iter_rows(values_only=True))
    read.close()

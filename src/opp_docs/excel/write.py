"""Write plans to a workbook in the layout of :mod:`opp_docs.excel.layout`.

Used for the empty workbook a coordinator starts from (``opp excel-template``: one example
row, dropdowns for choices, date formats, frozen headers, a Toelichting sheet) and for the
overview of collected forms (``opp collect``, with a Meldingen sheet). Texts a spreadsheet
would take for a formula are stored as text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from opp_docs.errors import Problem
from opp_docs.excel.cells import FORMULA_STARTS, to_cell
from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, SEPARATOR, Column, Sheet, layout
from opp_docs.model import OPP

__all__ = ["PROBLEM_HEADERS", "OverviewRows", "workbook_bytes"]

PROBLEM_HEADERS = ("Bestand", "Blad", "Rij", "Kolom", "Veld", "Code", "Melding", "Waarde")
_HEADER_FILL = PatternFill("solid", fgColor="DEEAF6")
_HEADER_FONT = Font(bold=True)
_DATE_FORMAT = "DD-MM-YYYY"
_MAX_ROWS = 5000  # how far down dropdowns and date formats reach in an empty workbook


def _get(obj: Any, path: Sequence[str]) -> Any:
    for step in path:
        obj = getattr(obj, step)
    return obj


def _headers(sheet: Sheet) -> list[str]:
    keys = [KEY_HEADER] if sheet.path else []
    if sheet.numbered:
        keys.append(NUMBER_HEADER)
    return keys + [column.header for column in sheet.columns]


def _rows(sheet: Sheet, plans: Sequence[OPP]) -> Iterable[list[Any]]:
    """The rows of one sheet for the given plans."""
    for plan in plans:
        number = plan.leerling.leerlingnummer
        if not sheet.path:
            yield [to_cell(column, _get(plan, column.path)) for column in sheet.columns]
            continue
        if sheet.numbered:
            parent, child = sheet.path[:-1], sheet.path[-1]
            for index, item in enumerate(_get(plan, parent), start=1):
                for sub in getattr(item, child):
                    cells = [to_cell(column, _get(sub, column.path)) for column in sheet.columns]
                    yield [number, index, *cells]
            continue
        for item in _get(plan, sheet.path):
            yield [number, *[to_cell(column, _get(item, column.path)) for column in sheet.columns]]


class OverviewRows:
    """The rows of every sheet for plans added one at a time, for :func:`workbook_bytes`.

    A plan is turned into its rows when it is added and not kept: the rows hold plain values
    only (text, numbers, dates), so collecting thousands of forms holds no model objects,
    which the garbage collector would walk again and again.
    """

    def __init__(self) -> None:
        self._sheets = layout()
        self._rows: dict[str, list[tuple[Any, ...]]] = {sheet.name: [] for sheet in self._sheets}
        self.plans = 0

    def add(self, plan: OPP) -> None:
        for sheet in self._sheets:
            self._rows[sheet.name].extend(tuple(row) for row in _rows(sheet, [plan]))
        self.plans += 1

    def rows(self, sheet: Sheet) -> list[tuple[Any, ...]]:
        return self._rows[sheet.name]


def _write_value(cell: Cell, value: Any) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        cell.quotePrefix = True
    elif isinstance(value, date):
        cell.number_format = _DATE_FORMAT


def _append(worksheet: Worksheet, row: int, values: Sequence[Any]) -> None:
    """Write ``values`` as row ``row`` (counted by the caller: openpyxl's ``max_row`` scans
    every cell, which made writing a large overview quadratic)."""
    for index, value in enumerate(values, start=1):
        cell = worksheet.cell(row=row, column=index)
        assert isinstance(cell, Cell)  # a fresh row has no merged cells
        _write_value(cell, value)


def _header_row(worksheet: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    worksheet.append(list(headers))
    for index, width in enumerate(widths, start=1):
        cell = worksheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"
    worksheet.row_dimensions[1].height = 45  # room for headers that wrap to three lines


def _width(column: Column | None, header: str) -> int:
    if column is None:
        return 16
    if column.kind in ("date", "int", "bool"):
        return max(14, min(len(header), 24))
    if column.kind in ("choice", "multi"):
        return 36
    return max(18, min(len(header) + 4, 40))


def _validations(worksheet: Worksheet, sheet: Sheet, offset: int) -> None:
    """Dropdowns for choices and yes/no, date formats for date columns."""
    for index, column in enumerate(sheet.columns, start=offset + 1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{_MAX_ROWS}"
        options: list[str] | None = None
        if column.kind == "choice" and column.enum is not None:
            options = [str(member.value) for member in column.enum]
        elif column.kind == "bool":
            options = ["ja", "nee"]
        if column.kind == "date":
            for row in range(2, 50):
                worksheet.cell(row=row, column=index).number_format = _DATE_FORMAT
        if options is None:
            continue
        formula = '"' + ",".join(option.replace('"', '""') for option in options) + '"'
        if len(formula) > 255:  # Excel's limit for a list written in the rule itself
            continue
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Geen keuze van het formulier",
            error="Kies een waarde uit de lijst.",
        )
        validation.add(area)
        worksheet.add_data_validation(validation)


def _explanations(workbook: Workbook) -> None:
    worksheet = workbook.create_sheet("Toelichting")
    _header_row(worksheet, ("Blad", "Kolom", "Wat vul je in"), (24, 44, 100))
    for sheet in layout():
        if sheet.path:
            worksheet.append(
                [sheet.name, KEY_HEADER, "Het leerlingnummer van het plan waar deze rij bij hoort."]
            )
        if sheet.numbered:
            worksheet.append(
                [sheet.name, NUMBER_HEADER, "Het nummer van de evaluatie (1 = de eerste)."]
            )
        for column in sheet.columns:
            hint = column.description or ""
            if column.kind == "date":
                hint += " Een datum (dd-mm-jjjj)."
            elif column.kind == "multi" and column.enum is not None:
                choices = "; ".join(str(m.value) for m in column.enum)
                hint += f" Eén of meer van: {choices} (gescheiden door '{SEPARATOR}')."
            elif column.kind == "choice" and column.enum is not None:
                hint += " Kies uit de lijst."
            elif column.kind == "bool":
                hint += " ja of nee."
            worksheet.append([sheet.name, column.header, hint.strip()])
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _problems_sheet(workbook: Workbook, problems: Sequence[Problem], title: str) -> None:
    worksheet = workbook.create_sheet(title)
    _header_row(worksheet, PROBLEM_HEADERS, (30, 18, 8, 28, 28, 26, 80, 30))
    for number, problem in enumerate(problems, start=2):
        where = problem.location
        raw = problem.input if isinstance(problem.input, (str, int, float, date)) else None
        values = [
            where.file,
            where.sheet,
            where.row,
            where.column,
            where.label,
            problem.code,
            problem.message,
            raw,
        ]
        _append(worksheet, number, values)


def workbook_bytes(
    plans: Sequence[OPP] | OverviewRows,
    *,
    template: bool = False,
    problems: Sequence[Problem] | None = None,
    problems_title: str = "Meldingen",
) -> bytes:
    """A workbook with one sheet per part of the layout, filled with ``plans`` (or the rows
    of plans gathered in an :class:`OverviewRows`).

    ``template`` adds dropdowns, date formats and the Toelichting sheet; ``problems`` adds a
    sheet listing them (file, sheet, row, column, field, code, message, value).
    """
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    for sheet in layout():
        worksheet = workbook.create_sheet(sheet.name)
        headers = _headers(sheet)
        keys = len(headers) - len(sheet.columns)
        widths = [_width(None, h) for h in headers[:keys]] + [
            _width(c, c.header) for c in sheet.columns
        ]
        _header_row(worksheet, headers, widths)
        rows = plans.rows(sheet) if isinstance(plans, OverviewRows) else _rows(sheet, plans)
        for number, values in enumerate(rows, start=2):
            _append(worksheet, number, values)
        if template:
            _validations(worksheet, sheet, keys)
    if template:
        _explanations(workbook)
    if problems is not None:
        _problems_sheet(workbook, problems, problems_title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

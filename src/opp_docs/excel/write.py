"""Write plans to a workbook in the layout of :mod:`opp_docs.excel.layout`.

Used for the empty workbook a coordinator starts from (``opp lege-werkmap``: empty data
sheets with dropdowns for every choice, date formats and frozen headers; a Toelichting sheet;
a Voorbeeld sheet with a fictional student, which the reader never reads; a hidden Lijsten
sheet the dropdowns take their options from) and for the overview of collected forms (``opp
collect``, with a Meldingen sheet). Texts a spreadsheet would take for a formula are stored as
text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from opp_docs.errors import Problem
from opp_docs.excel.cells import FORMULA_STARTS, to_cell
from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, SEPARATOR, Column, Sheet, layout
from opp_docs.model import OPP

__all__ = [
    "EXAMPLE_SHEET",
    "LISTS_SHEET",
    "PROBLEM_HEADERS",
    "Overview",
    "problems_workbook_bytes",
    "workbook_bytes",
]

EXAMPLE_SHEET = "Voorbeeld"
"""The template's sheet with a fictional student; not a sheet of the layout, so never read."""

LISTS_SHEET = "Lijsten"
"""The template's hidden sheet with the options of every choice column, one column each.

Excel keeps a list written in the rule itself to 255 characters and drops a longer one
without a word ("Verwacht uitstroomprofiel" is longer); a range reference has no limit."""

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


class Overview:
    """The workbook :func:`workbook_bytes` writes, filled one plan at a time.

    ``collect`` adds each plan as it is read: the plan becomes its rows of plain values (text,
    numbers, dates) and is not kept. The rows become the workbook's cells when saved, or
    earlier with :meth:`write_pending`: ``collect`` with workers calls it while they read, so
    that after the last form only the saving is left. (Cells, unlike rows of plain values, are
    objects the garbage collector walks, which costs a run in one process more than it
    gains.) One overview is saved once.

    >>> from opp_docs.example import example_plan
    >>> overview = Overview()
    >>> overview.add(example_plan())
    >>> overview.plans, overview.to_bytes(problems=[])[:2]
    (1, b'PK')
    """

    def __init__(self, *, template: bool = False) -> None:
        self._workbook = Workbook()
        default = self._workbook.active
        if default is not None:
            self._workbook.remove(default)
        self._lists = _Lists(self._workbook) if template else None
        self._sheets: list[tuple[Sheet, Worksheet, int]] = []
        for sheet in layout():
            worksheet = self._workbook.create_sheet(sheet.name)
            headers = _headers(sheet)
            keys = len(headers) - len(sheet.columns)
            widths = [_width(None, h) for h in headers[:keys]] + [
                _width(c, c.header) for c in sheet.columns
            ]
            _header_row(worksheet, headers, widths)
            if not sheet.path:
                worksheet.freeze_panes = "B2"  # the Leerlingnummer stays in view
            self._sheets.append((sheet, worksheet, keys))
        self._next_row = [2] * len(self._sheets)  # counted here: openpyxl's max_row scans
        self._pending: list[list[tuple[Any, ...]]] = [[] for _ in self._sheets]
        self._saved = False
        self.plans = 0

    def add(self, plan: OPP) -> None:
        """Take ``plan``'s rows, below those of the plans added before it on every sheet;
        they become cells at :meth:`write_pending` or the save."""
        self._refuse_if_saved()
        for (sheet, _worksheet, _keys), pending in zip(self._sheets, self._pending, strict=True):
            pending.extend(tuple(values) for values in _rows(sheet, [plan]))
        self.plans += 1

    def write_pending(self) -> None:
        """Make the cells of the rows added since the last call."""
        self._refuse_if_saved()
        for index, (_sheet, worksheet, _keys) in enumerate(self._sheets):
            number = self._next_row[index]
            for values in self._pending[index]:
                _append(worksheet, number, values)
                number += 1
            self._next_row[index] = number
            self._pending[index].clear()

    def _refuse_if_saved(self) -> None:
        if self._saved:
            raise RuntimeError("this overview has been saved; start a new one")

    def to_bytes(
        self,
        *,
        example: OPP | None = None,
        problems: Sequence[Problem] | None = None,
        problems_title: str = "Meldingen",
    ) -> bytes:
        """The workbook as .xlsx bytes, with the sheets :func:`workbook_bytes` describes."""
        self.write_pending()  # refuses a second save
        self._saved = True
        workbook, lists = self._workbook, self._lists
        if lists is not None:
            for sheet, worksheet, keys in self._sheets:
                _validations(worksheet, sheet, keys, lists)
            _explanations(workbook, example is not None)
        if example is not None:
            _example_sheet(workbook, example)
        if lists is not None:
            workbook.move_sheet(lists.worksheet, len(workbook.sheetnames) - 1)
            lists.hide()
        if problems is not None:
            _problems_sheet(workbook, problems, problems_title)
        return _saved(workbook)


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


def _fit_rows(worksheet: Worksheet, first: int = 2) -> None:
    """Row heights for wrapped text from row ``first`` on: LibreOffice keeps a row one line
    high for a file written without heights, and the lines of long cells overlap the next."""
    widths = {
        letter: dimension.width or 13 for letter, dimension in worksheet.column_dimensions.items()
    }
    for number, row in enumerate(worksheet.iter_rows(min_row=first), start=first):
        lines = 1
        for cell in row:
            if cell.value is None:
                continue
            width = widths.get(get_column_letter(cell.column), 13)
            text = str(cell.value)
            per_line = max(1, int(width * 1.1))
            needed = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
            lines = max(lines, needed)
        if lines > 1:
            worksheet.row_dimensions[number].height = 15 * lines


def _print_fit(worksheet: Worksheet) -> None:
    """Printed (and converted to PDF) as wide as the page, landscape."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.fitToWidth = 1
    # As many pages down as needed; 0 would mean that, but LibreOffice reads it as one page.
    worksheet.page_setup.fitToHeight = 99
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _width(column: Column | None, header: str) -> int:
    if column is None:
        return 16
    if column.kind in ("date", "int", "bool"):
        return max(14, min(len(header), 24))
    if column.kind in ("choice", "multi"):
        return 36
    return max(18, min(len(header) + 4, 40))


class _Lists:
    """The Lijsten sheet: one column per set of options, shared by the columns that use it."""

    def __init__(self, workbook: Workbook) -> None:
        self.worksheet = workbook.create_sheet(LISTS_SHEET)
        self.ranges: dict[type[Enum], str] = {}

    def range_of(self, column: Column) -> str:
        """``Lijsten!$A$2:$A$11``: the cells holding the options of ``column``."""
        assert column.enum is not None
        found = self.ranges.get(column.enum)
        if found is None:
            index = len(self.ranges) + 1
            letter = get_column_letter(index)
            options = [str(member.value) for member in column.enum]
            _write_value(self.worksheet.cell(row=1, column=index), column.header)
            for row, option in enumerate(options, start=2):
                _write_value(self.worksheet.cell(row=row, column=index), option)
            self.worksheet.column_dimensions[letter].width = 40
            found = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(options) + 1}"
            self.ranges[column.enum] = found
        return found

    def hide(self) -> None:
        self.worksheet.sheet_state = "hidden"


def _validations(worksheet: Worksheet, sheet: Sheet, offset: int, lists: _Lists) -> None:
    """Dropdowns for choices (from the Lijsten sheet) and yes/no, date formats for dates."""
    for index, column in enumerate(sheet.columns, start=offset + 1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{_MAX_ROWS}"
        if column.kind == "date":
            for row in range(2, 50):
                worksheet.cell(row=row, column=index).number_format = _DATE_FORMAT
            continue
        if column.kind in ("choice", "multi") and column.enum is not None:
            formula = lists.range_of(column)
        elif column.kind == "bool":
            formula = '"ja,nee"'
        else:
            continue
        if column.kind == "multi":
            # A list rule takes one option per cell; more, separated by ';', must be allowed.
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=False,
                showInputMessage=True,
                promptTitle="Eén of meer keuzes",
                prompt=(
                    f"Kies uit de lijst. Meer keuzes: zet '{SEPARATOR}' ertussen, bijvoorbeeld "
                    f"'MBO niveau 3{SEPARATOR} MBO niveau 4'."
                ),
            )
        else:
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


_GENERAL: tuple[tuple[str, str, str], ...] = (
    (
        "Algemeen",
        "Eén rij per leerling",
        "Vul op het blad Leerlingen één rij per leerling in; elke rij wordt een formulier. "
        "Alleen de kolom Leerlingnummer is nodig.",
    ),
    (
        "Algemeen",
        "Andere bladen",
        "Ouders, doelen, evaluaties en ondertekeningen staan elk op een eigen blad, één rij "
        "per ouder, doel, ...; elke rij begint met het leerlingnummer van de leerling.",
    ),
    (
        "Algemeen",
        "Keuzelijsten",
        "Een kolom met keuzes heeft een keuzelijst: klik op de cel en dan op het pijltje.",
    ),
    (
        "Algemeen",
        "Meer keuzes in één cel",
        f"Zet '{SEPARATOR}' tussen de keuzes, bijvoorbeeld: MBO niveau 3{SEPARATOR} MBO niveau "
        "4. De keuzelijst zet er één neer; typ de andere erachter.",
    ),
    (
        "Algemeen",
        "Datums",
        "Een Excel-datum of dd-mm-jjjj, bijvoorbeeld 03-05-2010.",
    ),
)


def _explanations(workbook: Workbook, example: bool) -> None:
    worksheet = workbook.create_sheet("Toelichting")
    _header_row(worksheet, ("Blad", "Kolom", "Wat vul je in"), (24, 44, 100))
    if example:
        worksheet.append(
            [
                EXAMPLE_SHEET,
                "Voorbeeld",
                f"Het blad {EXAMPLE_SHEET} toont een fictieve leerling, helemaal ingevuld, als "
                "voorbeeld. Het wordt niet gelezen: er komt geen formulier van.",
            ]
        )
    for row in _GENERAL:
        worksheet.append(list(row))
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
                hint += f" Eén of meer van: {choices}. Zet '{SEPARATOR}' tussen de keuzes."
            elif column.kind == "choice" and column.enum is not None:
                hint += " Kies uit de lijst."
            elif column.kind == "bool":
                hint += " ja of nee."
            worksheet.append([sheet.name, column.header, hint.strip()])
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    worksheet.row_dimensions[1].height = 20  # one line of headers here
    _fit_rows(worksheet)
    _print_fit(worksheet)


def _example_sheet(workbook: Workbook, plan: OPP) -> None:
    """The example plan, each sheet's part as a small table turned on its side: a line per
    column that holds a value, a column per row of that sheet."""
    worksheet = workbook.create_sheet(EXAMPLE_SHEET)
    worksheet.append(
        [
            f"Voorbeeld: een fictieve leerling. Dit blad wordt niet gelezen; vul je eigen "
            f"leerlingen in op het blad {layout()[0].name} en de bladen daarna."
        ]
    )
    worksheet.cell(row=1, column=1).font = _HEADER_FONT
    worksheet.column_dimensions["A"].width = 24
    worksheet.column_dimensions["B"].width = 48
    widest = 1
    row = 3
    for sheet in layout():
        rows = list(_rows(sheet, [plan]))
        if not rows:
            continue
        headers = _headers(sheet)
        titles = ["Blad", "Kolom", *(f"Rij {n}" for n in range(1, len(rows) + 1))]
        for index, title in enumerate(titles, start=1):
            cell = worksheet.cell(row=row, column=index, value=title)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
        row += 1
        first = True
        for position, header in enumerate(headers):
            values = [values[position] for values in rows]
            if all(value is None for value in values):
                continue
            _append(worksheet, row, [sheet.name if first else None, header, *values])
            first = False
            row += 1
        row += 1
        widest = max(widest, len(rows))
    for index in range(3, 3 + widest):
        worksheet.column_dimensions[get_column_letter(index)].width = 36
    for line in worksheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_rows(worksheet, first=3)
    _print_fit(worksheet)


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
    plans: Iterable[OPP],
    *,
    template: bool = False,
    example: OPP | None = None,
    problems: Sequence[Problem] | None = None,
    problems_title: str = "Meldingen",
) -> bytes:
    """A workbook with one sheet per part of the layout, filled with ``plans``.

    ``template`` adds dropdowns for every choice (from a hidden Lijsten sheet), date formats
    and the Toelichting sheet; ``example`` a Voorbeeld sheet with that plan, which the reader
    never reads (the template is ``workbook_bytes([], template=True, example=example_plan())``);
    ``problems`` a sheet listing them (file, sheet, row, column, field, code, message, value).
    """
    overview = Overview(template=template)
    for plan in plans:
        overview.add(plan)
    return overview.to_bytes(example=example, problems=problems, problems_title=problems_title)


def problems_workbook_bytes(problems: Sequence[Problem], title: str = "Meldingen") -> bytes:
    """A workbook of one sheet, ``title``, listing ``problems`` as :func:`workbook_bytes`
    does: the report ``generate`` leaves beside the forms, which opens on its meldingen."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    _problems_sheet(workbook, problems, title)
    return _saved(workbook)


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

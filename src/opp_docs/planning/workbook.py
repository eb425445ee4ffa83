"""The planning workbook: a Planning sheet (every evaluation) and a ROD sheet (per plan).

Planning: who, which kind, the date, vastgesteld or voorstel, and an Opmerking when a
proposal was moved off a weekend or school holiday (or the calendar has no data for it).

ROD: leerlingnummer, naam, startdatum and einddatum OPP, and whether the plan has to be
registered (not for praktijkonderwijs and VSO, as :func:`opp_docs.checks.rod.rod_required`
decides). Text that starts like a formula is stored as text, never run.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from opp_docs.checks.rod import rod_required
from opp_docs.excel.cells import FORMULA_STARTS
from opp_docs.model import OPP
from opp_docs.planning.schedule import Afspraak

__all__ = ["PLANNING_HEADERS", "ROD_HEADERS", "workbook_bytes"]

PLANNING_HEADERS = ("Leerlingnummer", "Naam", "Soort evaluatie", "Datum", "Status", "Opmerking")
ROD_HEADERS = ("Leerlingnummer", "Naam", "Startdatum OPP", "Einddatum OPP", "Registratie in ROD")
_DATE_FORMAT = "DD-MM-YYYY"


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: list[list[Any]]) -> None:
    worksheet: Worksheet = workbook.create_sheet(title)
    worksheet.append(list(headers))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        worksheet.append([None] * len(values))
        for column, value in enumerate(values, start=1):
            cell = worksheet.cell(row=worksheet.max_row, column=column)
            cell.value = value
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
                cell.quotePrefix = True
            elif isinstance(value, date):
                cell.number_format = _DATE_FORMAT
    for index, header in enumerate(headers, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = max(14, len(header) + 4)
    worksheet.freeze_panes = "A2"


def workbook_bytes(afspraken: Sequence[Afspraak], plans: Sequence[OPP]) -> bytes:
    """The .xlsx with the sheets Planning and ROD."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    planning = [
        [
            a.leerlingnummer,
            a.naam,
            a.soort.value,
            a.datum,
            "vastgesteld" if a.vastgesteld else "voorstel",
            a.opmerking,
        ]
        for a in afspraken
    ]
    rod = [
        [
            plan.leerling.leerlingnummer,
            plan.leerling.naam,
            plan.startdatum_opp,
            plan.einddatum_opp,
            "verplicht" if rod_required(plan) else "niet nodig (PrO/VSO)",
        ]
        for plan in plans
    ]
    _sheet(workbook, "Planning", PLANNING_HEADERS, planning)
    _sheet(workbook, "ROD", ROD_HEADERS, rod)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

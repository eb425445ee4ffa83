"""One value, one cell: how a model value is written to a cell and read back from one.

Messages never repeat the cell's value (it may be personal data and messages reach terminals
and logs); the caller keeps the value in the problem's ``input``.

Reading is forgiving where people are (dates as Excel dates or typed text, ``ja``/``x``/``1``
for yes, option labels in any case) and strict where guessing would be wrong (an ambiguous
date, an option that does not exist): those raise :class:`CellError` with a Dutch message.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from opp_docs.docx.boxes import normalize_label
from opp_docs.excel.layout import SEPARATOR, Column
from opp_docs.formats import parse_date

__all__ = ["FORMULA_STARTS", "CellError", "from_cell", "to_cell"]

FORMULA_STARTS = ("=", "+", "-", "@")
"""A text starting with one of these would be a formula to a spreadsheet; it is kept as text."""

_YES = frozenset({"ja", "j", "x", "yes", "y", "waar", "true", "1", "v", "✓"})
_NO = frozenset({"nee", "n", "no", "onwaar", "false", "0"})


class CellError(ValueError):
    """A cell value that does not fit its column; ``message`` is Dutch, says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def to_cell(column: Column, value: Any) -> Any:
    """The cell value for a model value (None stays empty)."""
    if value is None:
        return None
    if column.kind == "multi":
        return f"{SEPARATOR} ".join(str(member.value) for member in value) or None
    if column.kind == "bool":
        return "ja" if value else "nee"
    if isinstance(value, Enum):
        return str(value.value)
    return value


def _option(column: Column, text: str) -> str:
    assert column.enum is not None
    wanted = normalize_label(text)
    for member in column.enum:
        if normalize_label(str(member.value)) == wanted:
            return str(member.value)
    choices = "; ".join(str(member.value) for member in column.enum)
    raise CellError(
        "excel.keuze_onbekend",
        f"Deze waarde is geen keuze van het formulier. Kies uit: {choices}.",
    )


def from_cell(column: Column, value: Any) -> Any:
    """The model value for a cell value; raises :class:`CellError` when it does not fit."""
    if value is None or (isinstance(value, str) and not value.strip() and column.kind != "text"):
        return [] if column.kind == "multi" else None
    kind = column.kind
    if kind == "text":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))  # 240117.0 from a number cell is the number 240117
        if isinstance(value, datetime):
            if value.time() == datetime.min.time():
                return value.strftime("%d-%m-%Y")
            return value.strftime("%d-%m-%Y %H:%M")
        if isinstance(value, date):
            return value.strftime("%d-%m-%Y")
        return value if isinstance(value, str) else str(value)
    if kind == "date":
        if isinstance(value, datetime):
            if value.time() != datetime.min.time():
                raise CellError(
                    "excel.datum_met_tijd",
                    "Deze datum heeft ook een tijd. Gebruik alleen een datum (dd-mm-jjjj).",
                )
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except ValueError:
                raise CellError(
                    "excel.datum_onleesbaar",
                    "Dit is geen geldige datum. Gebruik dd-mm-jjjj.",
                ) from None
        raise CellError(
            "excel.datum_onleesbaar",
            "Dit is geen datum. Gebruik een Excel-datum of dd-mm-jjjj.",
        )
    if kind == "int":
        if isinstance(value, bool):
            raise CellError("excel.geen_getal", "Dit is geen geheel getal.")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        raise CellError("excel.geen_getal", "Dit is geen geheel getal.")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = normalize_label(str(value))
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise CellError("excel.geen_ja_nee", "Dit is geen ja of nee. Vul ja of nee in.")
    if kind == "choice":
        return _option(column, str(value))
    if kind == "multi":
        return [_option(column, part) for part in str(value).split(SEPARATOR) if part.strip()]
    raise AssertionError(f"unknown column kind {kind}")

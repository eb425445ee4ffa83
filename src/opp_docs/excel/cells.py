"""One value, one cell: how a model value is written to a cell and read back from one.

Messages never repeat the cell's value (it may be personal data and messages reach terminals
and logs); the caller keeps the value in the problem's ``input``.

Reading is forgiving where people are (dates as Excel dates or typed text, ``ja``/``x``/``1``
for yes, option labels in any case) and strict where guessing would be wrong (an ambiguous
date, an option that does not exist): those raise :class:`CellError` with a Dutch message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from opp_docs.docx.boxes import normalize_label
from opp_docs.excel.layout import SEPARATOR, Column
from opp_docs.formats import no_such_date, parse_date

__all__ = ["FORMULA_STARTS", "CellError", "CellNote", "from_cell", "to_cell"]

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


@dataclass(frozen=True)
class CellNote:
    """A cell read with a guess the user should know of (choices separated by commas): the
    value is used, the note collected; ``message`` is Dutch."""

    code: str
    message: str


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


def _date_error(text: str) -> CellError:
    """Why a text is no date: a day that does not exist, or no date at all."""
    why = no_such_date(text)
    if why is None:
        return CellError(
            "excel.datum_onleesbaar",
            "Dit is geen datum. Gebruik dd-mm-jjjj (bijvoorbeeld 03-05-2010) of een Excel-datum.",
        )
    return CellError(
        "excel.datum_bestaat_niet",
        f"Deze datum bestaat niet ({why}). Controleer dag en maand.",
    )


def _options(column: Column, text: str, notes: list[CellNote] | None) -> list[str]:
    """The labels of a multiple choice separated by ``;``; with ``notes``, a part whose
    comma-separated pieces are all options is read too, and noted."""
    found: list[str] = []
    commas = False
    for part in text.split(SEPARATOR):
        if not part.strip():
            continue
        try:
            found.append(_option(column, part))
            continue
        except CellError as exc:
            pieces = _comma_options(column, part.split(",")) if "," in part else None
            if pieces is None or notes is None:
                if "," not in part:
                    raise
                raise CellError(
                    "excel.keuze_komma",
                    f"Zet '{SEPARATOR}' tussen de keuzes, geen komma: bijvoorbeeld "
                    f"'MBO niveau 3{SEPARATOR} MBO niveau 4'. {exc.message}",
                ) from None
        found.extend(pieces)
        commas = True
    if commas and notes is not None:
        notes.append(
            CellNote(
                "excel.keuze_komma_gelezen",
                f"De keuzes zijn gescheiden door komma's; ze zijn gelezen als {len(found)} "
                f"keuzes. Zet voortaan '{SEPARATOR}' ertussen.",
            )
        )
    return found


def _comma_options(column: Column, pieces: list[str]) -> list[str] | None:
    """The options that ``pieces`` (a text split at its commas) make when runs of pieces are
    joined again ("Anders, namelijk:" holds a comma itself), or None."""
    if not pieces:
        return []
    for end in range(len(pieces), 0, -1):
        try:
            first = _option(column, ",".join(pieces[:end]))
        except CellError:
            continue
        rest = _comma_options(column, pieces[end:])
        if rest is not None:
            return [first, *rest]
    return None


def from_cell(column: Column, value: Any, notes: list[CellNote] | None = None) -> Any:
    """The model value for a cell value; raises :class:`CellError` when it does not fit.

    With ``notes``, a multiple choice separated by commas is read when every part is an
    option, and a :class:`CellNote` says so; without, it is an error.
    """
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
                raise _date_error(value) from None
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
        return _options(column, str(value), notes)
    raise AssertionError(f"unknown column kind {kind}")

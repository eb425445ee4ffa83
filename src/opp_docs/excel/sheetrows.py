"""The rows of a read-only worksheet, as ``iter_rows(values_only=True)`` gives them, in flat
memory, and optionally only a few of their columns at a fraction of the cost.

openpyxl's read-only mode parses a sheet with ElementTree and keeps every row element it has
read (emptied, about 150 bytes each) until the sheet is read to its end. Reading all sheets of
a workbook side by side, as :mod:`opp_docs.excel.read` does, would so hold every row of the
workbook at the end. Here lxml walks the rows and drops each one once read, and openpyxl's own
parser turns the cells into values, so a value is exactly what openpyxl gives (shared and
inline strings, numbers, dates by their number format, cached formula results). Asked for a
few columns, only those cells are turned into values: the first pass of the reader, which
wants each row's Leerlingnummer only, costs about a quarter of a full read.

This uses a few openpyxl internals (the sheet's part, its cell parser, the workbook's date
styles). Where they are missing (another openpyxl version) the rows come from ``iter_rows``:
the same values, slower, and memory growing with the rows read; tests check that the fast
path is the one taken.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from functools import cache
from typing import Any

from defusedxml import DTDForbidden
from lxml import etree
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from openpyxl.xml.constants import SHEET_MAIN_NS

from opp_docs.docx.package import SAFE_PARSING

try:
    from openpyxl.worksheet._reader import WorkSheetParser
except ImportError:  # another openpyxl: the rows come from iter_rows
    # mypy: the name is a class where the import works; None marks the slow path.
    WorkSheetParser = None  # type: ignore[assignment,misc]

__all__ = ["column_values", "fast_path", "sheet_rows"]

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_DIGITS = "0123456789"


def sheet_rows(worksheet: Any) -> Generator[tuple[Any, ...], None, None]:
    """Every row of a read-only worksheet from the first, as openpyxl's
    ``iter_rows(values_only=True)`` gives it. Close it to stop reading early."""
    parser = _parser(worksheet)
    if parser is None:
        yield from worksheet.iter_rows(values_only=True)
        return
    for _, values in _rows(worksheet, parser, None):
        yield values


def column_values(worksheet: Any, columns: Sequence[int]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The row number and the values of ``columns`` (0-based, in that order) of each row
    that holds a value in one of them; only those cells are parsed."""
    parser = _parser(worksheet)
    if parser is None:
        return _through_openpyxl(worksheet, columns)
    wanted = {column + 1: position for position, column in enumerate(columns)}
    return _rows(worksheet, parser, wanted)


def fast_path(worksheet: Any) -> bool:
    """Whether this openpyxl lets this module parse the sheet itself."""
    return _parser(worksheet) is not None


def _parser(worksheet: Any) -> WorkSheetParser | None:
    """openpyxl's cell parser set up as its read-only worksheet sets it up, or None."""
    workbook = worksheet.parent
    if WorkSheetParser is None:
        return None
    try:
        parser = WorkSheetParser(
            b"",  # no source: the rows are parsed here, the parser only reads their cells
            worksheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
    except (AttributeError, TypeError):
        return None
    needed = ("_get_source", "max_row", "max_column")
    if not all(hasattr(worksheet, name) for name in needed):
        return None
    if not all(hasattr(parser, name) for name in ("parse_row", "parse_cell", "row_dimensions")):
        return None
    if not parser.rich_text:
        # An instance attribute: this parser only, openpyxl's class stays as it is.
        parser.parse_cell = _with_plain_inline_strings(parser.parse_cell)  # type: ignore[method-assign,assignment]
    return parser


def _with_plain_inline_strings(
    parse_cell: Callable[[Any], dict[str, Any]],
) -> Callable[[Any], dict[str, Any]]:
    """openpyxl's ``parse_cell``, with the common inline string (``<is><t>text</t></is>``,
    as openpyxl itself writes every string) read directly: openpyxl builds a rich-text
    object for each, which costs more than the rest of the row."""

    def parse(element: Any) -> dict[str, Any]:
        text = _plain_inline_string(element)
        if text is None:
            return parse_cell(element)
        element.remove(element[0])  # read here; openpyxl still places the cell
        cell = parse_cell(element)
        cell["value"], cell["data_type"] = text, "s"
        return cell

    return parse


def _plain_inline_string(element: Any) -> str | None:
    """The text of a cell that holds nothing but one plain inline string, else None."""
    if element.get("t") != "inlineStr" or len(element) != 1:
        return None
    inline = element[0]
    if inline.tag != _INLINE or len(inline) != 1 or inline[0].tag != _TEXT or len(inline[0]):
        return None
    return str(inline[0].text or "")


def _through_openpyxl(
    worksheet: Any, columns: Sequence[int]
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        values = tuple(row[i] if i < len(row) else None for i in columns)
        if any(value is not None for value in values):
            yield number, values


def _rows(
    worksheet: Any, parser: WorkSheetParser, wanted: dict[int, int] | None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """What openpyxl's ``ReadOnlyWorksheet._cells_by_row`` yields for the whole sheet, with
    row numbers: rows numbered by their ``r`` (or one after the previous), a missing row as
    an empty one, a row whose number goes back skipped, nothing after the sheet's dimension.
    With ``wanted`` (1-based column -> position) only those values, of rows holding one."""
    max_row: int | None = worksheet.max_row
    max_col: int | None = worksheet.max_column
    empty: tuple[Any, ...] = () if max_col is None else (None,) * max_col
    counter = 1
    number = 1
    parsed = 0  # the number of the last row element, as openpyxl's parser counts
    for element in _row_elements(worksheet):
        if wanted is None:
            number, cells = parser.parse_row(element)
            parser.row_dimensions.clear()  # heights of rows already read: not needed
        else:
            number = parsed = _row_number(element, parsed)
        if max_row is not None and number > max_row:
            break
        if wanted is None:
            while counter < number:
                yield counter, empty
                counter += 1
        if counter <= number:
            counter = number + 1
            if wanted is None:
                yield number, _values(cells, max_col)
            else:
                values = _some_values(parser, element, wanted, max_col)
                if values is not None:
                    yield number, values
    if wanted is None and max_row is not None and max_row < number:
        for filler in range(counter, max_row + 1):
            yield filler, empty


def _row_elements(worksheet: Any) -> Iterator[Any]:
    """The sheet's ``row`` elements, each dropped from the tree once the caller is done."""
    with worksheet._get_source() as source:
        # Hardened as the package layer parses: no DTD, no entities, no network, libxml2's
        # limits on. Comments and processing instructions are dropped, as ElementTree (which
        # openpyxl parses with) drops them; they would otherwise count as cells.
        events = etree.iterparse(
            source,
            events=("end",),
            tag=_ROW,
            remove_comments=True,
            remove_pis=True,
            **SAFE_PARSING,
        )
        for _, element in events:
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            while element.getprevious() is not None and parent is not None:
                del parent[0]
        info = events.root.getroottree().docinfo if events.root is not None else None
        if info is not None and (info.internalDTD is not None or info.externalDTD is not None):
            # check_archive looks for a DOCTYPE in each part's first 4 KiB only; openpyxl
            # (through defusedxml) would refuse it wherever it stands.
            raise DTDForbidden(info.root_name, info.system_url, info.public_id)


def _row_number(element: Any, previous: int) -> int:
    """The row's number as openpyxl's ``WorkSheetParser.parse_row`` reads it."""
    text = element.get("r")
    if text is None:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if value.is_integer():
            return int(value)
        raise ValueError(f"{text} is not a valid row number") from None


def _values(cells: list[dict[str, Any]], max_col: int | None) -> tuple[Any, ...]:
    """A parsed row's values by column, as ``ReadOnlyWorksheet._get_row`` places them."""
    if not cells and not max_col:
        return ()
    width = max_col or cells[-1]["column"]
    values: list[Any] = [None] * width
    for cell in cells:
        column = cell["column"]
        if 1 <= column <= width:
            values[column - 1] = cell["value"]
    return tuple(values)


def _some_values(
    parser: WorkSheetParser, element: Any, wanted: dict[int, int], max_col: int | None
) -> tuple[Any, ...] | None:
    """The values of the wanted columns, or None if all are empty; only the wanted cells are
    parsed. As in openpyxl, a cell's column is its reference's letters or one after the
    previous cell's, a later cell for the same column wins, and a row is as wide as the
    sheet's dimension says or else up to its last cell."""
    found: dict[int, Any] = {}
    column = 0
    for cell in element.iterchildren():
        ref = cell.get("r")
        column = _column(ref) if ref else column + 1
        if column in wanted:
            found[column] = cell
    width = max_col or column
    values: list[Any] = [None] * len(wanted)
    for column, cell in found.items():
        if 1 <= column <= width:
            values[wanted[column]] = parser.parse_cell(cell)["value"]
    if all(value is None for value in values):
        return None
    return tuple(values)


def _column(ref: str) -> int:
    """The column of a cell reference ("AB12" -> 28), as openpyxl's ``coordinate_to_tuple``
    reads it (and failing where it fails)."""
    letters = ref.rstrip(_DIGITS)
    if letters.isalpha() and letters.isascii() and len(letters) < len(ref):
        return _letters_column(letters)
    return coordinate_to_tuple(ref)[1]


@cache
def _letters_column(letters: str) -> int:
    return column_index_from_string(letters)

"""Tables as a grid, and the block structure of a body, as Word shows them.

A ``w:tbl`` holds ``w:tr`` rows of ``w:tc`` cells; a cell covers ``w:tcPr/w:gridSpan``
grid columns and may continue a vertical merge (``w:tcPr/w:vMerge`` without
``w:val="restart"``). Rows and cells may sit inside content controls (``w:sdt`` at row or
cell level) or custom XML; rows marked as a tracked deletion (``w:trPr/w:del``) are gone
once accepted, and ``w:gridBefore`` leaves empty columns before a row's first cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from opp_docs.docx.namespaces import qn

__all__ = ["GridCell", "GridRow", "blocks", "cell_at", "grid_row", "table_rows"]

_P = qn("w:p")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_CUSTOM_XML = qn("w:customXml")
_INS = qn("w:ins")
_VAL = qn("w:val")
_GRID_SPAN = qn("w:gridSpan")
_V_MERGE = qn("w:vMerge")
_GRID_BEFORE = qn("w:gridBefore")
_DEL = qn("w:del")
# Where each of those counts: in the properties of a cell or of a row.
_PROPERTIES = {
    _GRID_SPAN: qn("w:tcPr"),
    _V_MERGE: qn("w:tcPr"),
    _GRID_BEFORE: qn("w:trPr"),
    _DEL: qn("w:trPr"),
}
_WRAPPERS = (_SDT, _CUSTOM_XML, _INS)


@dataclass(frozen=True)
class GridCell:
    """A cell with its place in the grid: first grid column and the number it spans."""

    element: etree._Element
    col: int
    span: int
    continues_merge: bool

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.span


@dataclass(frozen=True)
class GridRow:
    """A live row and its cells in order."""

    element: etree._Element
    cells: tuple[GridCell, ...]


def _unwrap(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of ``element`` with tag ``tag``, looking through sdt/customXml wrappers."""
    for child in element.iterchildren(tag, *_WRAPPERS):
        if child.tag == tag:
            yield child
        else:
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _unwrap(inner, tag)


def _int(node: etree._Element | None, default: int) -> int:
    if node is None:
        return default
    try:
        return max(1, int(node.get(_VAL, str(default))))
    except ValueError:
        return default


class _Properties:
    """The grid properties of the rows and cells in an element, found in one pass.

    For each row ``./w:trPr/w:gridBefore`` and ``./w:trPr/w:del``, for each cell
    ``./w:tcPr/w:gridSpan`` and ``./w:tcPr/w:vMerge`` (the first of each, as ``find`` would
    return it). Few rows and cells have any, so one search of the subtree in C is much
    cheaper than four ``find`` calls per row and cell.
    """

    def __init__(self, element: etree._Element) -> None:
        # Per property tag: the row or cell that has it -> the property element.
        self.found: dict[str, dict[etree._Element, etree._Element]] = {
            tag: {} for tag in _PROPERTIES
        }
        self.wrapping: set[etree._Element] = set()  # elements with a wrapper as a child
        for node in element.iter(_GRID_SPAN, _V_MERGE, _GRID_BEFORE, _DEL, *_WRAPPERS):
            parent = node.getparent()
            tag = node.tag
            if parent is None:
                continue
            if tag in _WRAPPERS:
                self.wrapping.add(parent)
            elif parent.tag == _PROPERTIES[tag]:  # not a w:del in a run, or out of place
                owner = parent.getparent()
                if owner is not None:
                    self.found[tag].setdefault(owner, node)

    def children(self, element: etree._Element, tag: str) -> Iterable[etree._Element]:
        """:func:`_unwrap`, or plain children where no wrapper is."""
        if element in self.wrapping:
            return _unwrap(element, tag)
        return element.iterchildren(tag)

    def row(self, row: etree._Element) -> GridRow:
        """One ``w:tr`` with its cells placed on the grid (deleted or not)."""
        spans = self.found[_GRID_SPAN]
        merges = self.found[_V_MERGE]
        before = self.found[_GRID_BEFORE].get(row)
        col = 0 if before is None else _int(before, 0)
        cells: list[GridCell] = []
        for cell in self.children(row, _TC):
            span = spans.get(cell)
            width = 1 if span is None else _int(span, 1)
            merge = merges.get(cell)
            continues = merge is not None and merge.get(_VAL, "continue") != "restart"
            cells.append(GridCell(cell, col, width, continues))
            col += width
        return GridRow(row, tuple(cells))

    def deleted(self, row: etree._Element) -> bool:
        """Whether a row is marked as a tracked deletion."""
        return row in self.found[_DEL]


def grid_row(row: etree._Element) -> GridRow:
    """One ``w:tr`` with its cells placed on the grid (deleted or not)."""
    return _Properties(row).row(row)


def table_rows(table: etree._Element) -> list[GridRow]:
    """The live rows of ``table`` (a ``w:tbl``) with their cells placed on the grid."""
    properties = _Properties(table)
    return [
        properties.row(row)
        for row in properties.children(table, _TR)
        if not properties.deleted(row)
    ]


def cell_at(row: GridRow, col: int) -> GridCell | None:
    """The cell of ``row`` that covers grid column ``col``, if any."""
    for cell in row.cells:
        if cell.covers(col):
            return cell
    return None


def blocks(body: etree._Element) -> Iterator[etree._Element]:
    """The body's paragraphs and tables in order, looking through block-level wrappers."""
    for child in body:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from blocks(inner)

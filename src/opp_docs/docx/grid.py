"""Tables as a grid, and the block structure of a body, as Word shows them.

A ``w:tbl`` holds ``w:tr`` rows of ``w:tc`` cells; a cell covers ``w:tcPr/w:gridSpan``
grid columns and may continue a vertical merge (``w:tcPr/w:vMerge`` without
``w:val="restart"``). Rows and cells may sit inside content controls (``w:sdt`` at row or
cell level) or custom XML; rows marked as a tracked deletion (``w:trPr/w:del``) are gone
once accepted, and ``w:gridBefore`` leaves empty columns before a row's first cell.
"""

from __future__ import annotations

from collections.abc import Iterator
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
_GRID_SPAN = f"{qn('w:tcPr')}/{qn('w:gridSpan')}"
_V_MERGE = f"{qn('w:tcPr')}/{qn('w:vMerge')}"
_GRID_BEFORE = f"{qn('w:trPr')}/{qn('w:gridBefore')}"
_TRPR_DEL = f"{qn('w:trPr')}/{qn('w:del')}"
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
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
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


def grid_row(row: etree._Element) -> GridRow:
    """One ``w:tr`` with its cells placed on the grid (deleted or not)."""
    before = row.find(_GRID_BEFORE)
    col = 0 if before is None else _int(before, 0)
    cells: list[GridCell] = []
    for cell in _unwrap(row, _TC):
        span = _int(cell.find(_GRID_SPAN), 1)
        merge = cell.find(_V_MERGE)
        continues = merge is not None and merge.get(_VAL, "continue") != "restart"
        cells.append(GridCell(cell, col, span, continues))
        col += span
    return GridRow(row, tuple(cells))


def table_rows(table: etree._Element) -> list[GridRow]:
    """The live rows of ``table`` (a ``w:tbl``) with their cells placed on the grid."""
    return [grid_row(row) for row in _unwrap(table, _TR) if row.find(_TRPR_DEL) is None]


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

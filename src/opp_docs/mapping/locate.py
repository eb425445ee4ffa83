"""Find the places of a mapping in a form: sections, label cells, value cells, header rows,
titled tables. Everything is found by printed text; nothing by position.

A section runs from a paragraph outside tables whose text is its heading up to the next
heading. Texts are compared with :func:`~opp_docs.docx.boxes.normalize_label` (case, white
space, line breaks and a trailing colon do not count).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from lxml import etree

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.grid import GridCell, GridRow, blocks, cell_at, table_rows
from opp_docs.docx.namespaces import qn
from opp_docs.docx.text import read_text
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry, TablesEntry

__all__ = ["FormIndex", "HeaderMatch", "Miss", "TitledTable", "ValuePlace"]

_P = qn("w:p")
_TBL = qn("w:tbl")


@dataclass(frozen=True)
class Miss:
    """A mapping entry that could not be placed: missing, or found more than once."""

    code: str  # "mapping.label_ontbreekt", "mapping.label_dubbel", ...
    what: str  # the printed text that was looked for
    section: str | None


@dataclass(frozen=True)
class ValuePlace:
    """Where a field's value goes: the value cell and the label cell it belongs to."""

    cell: GridCell
    label: GridCell | None
    table: etree._Element


@dataclass(frozen=True)
class HeaderMatch:
    """A header row: its table, the rows of that table, its index and its columns."""

    table: etree._Element
    rows: list[GridRow]
    index: int
    columns: dict[str, int]  # normalised header text -> grid column

    @property
    def item_rows(self) -> list[GridRow]:
        return self.rows[self.index + 1 :]


@dataclass(frozen=True)
class TitledTable:
    """A table whose first row names an item: the enum member and the title cell."""

    table: etree._Element
    member: Enum
    title: GridCell


class FormIndex:
    """An index over one document body for one mapping (build it once per document)."""

    def __init__(self, body: etree._Element, mapping: Mapping) -> None:
        self.body = body
        headings = {normalize_label(text): key for key, text in mapping.sections.items()}
        self.sections: list[tuple[str | None, etree._Element]] = []
        self.headings: list[etree._Element] = []
        current: str | None = None
        for block in blocks(body):
            if block.tag == _P:
                key = headings.get(normalize_label(read_text(block)))
                if key is not None:
                    current = key
                    self.headings.append(block)
            self.sections.append((current, block))
        self._rows: dict[etree._Element, list[GridRow]] = {}
        self._texts: dict[etree._Element, str] = {}

    # ------------------------------------------------------------------ basics

    def tables(self, section: str | None) -> list[etree._Element]:
        """The top-level tables of a section, in document order."""
        return [b for s, b in self.sections if s == section and b.tag == _TBL]

    def rows(self, table: etree._Element) -> list[GridRow]:
        if table not in self._rows:
            self._rows[table] = table_rows(table)
        return self._rows[table]

    def forget(self, table: etree._Element) -> None:
        """Drop cached rows of a table whose rows changed."""
        self._rows.pop(table, None)

    def forget_text(self, cell: etree._Element) -> None:
        """Drop the cached text of a cell that was written to."""
        self._texts.pop(cell, None)

    def text(self, cell: GridCell) -> str:
        """The normalised text of a cell (cached)."""
        element = cell.element
        if element not in self._texts:
            self._texts[element] = normalize_label(read_text(element))
        return self._texts[element]

    # ------------------------------------------------------------------ fields

    def label_cells(
        self, tables: Iterable[etree._Element], label: str
    ) -> list[tuple[etree._Element, int, GridCell]]:
        wanted = normalize_label(label)
        found = []
        for table in tables:
            for index, row in enumerate(self.rows(table)):
                for cell in row.cells:
                    if not cell.continues_merge and self.text(cell) == wanted:
                        found.append((table, index, cell))
        return found

    def value_place(self, entry: FieldEntry, tables: Sequence[etree._Element]) -> ValuePlace | Miss:
        """The value cell of a field among ``tables`` (a section's, or one table)."""
        if entry.place == "first_cell":
            for table in tables:
                rows = self.rows(table)
                if rows and rows[0].cells:
                    return ValuePlace(rows[0].cells[0], None, table)
            return Miss("mapping.tabel_ontbreekt", "(eerste tabel)", entry.section)
        assert entry.label is not None  # the schema guarantees it
        found = self.label_cells(tables, entry.label)
        if not found:
            return Miss("mapping.label_ontbreekt", entry.label, entry.section)
        if len(found) > 1:
            return Miss("mapping.label_dubbel", entry.label, entry.section)
        table, index, label = found[0]
        rows = self.rows(table)
        value: GridCell | None = None
        if entry.place == "beside":
            cells = rows[index].cells
            position = cells.index(label)
            value = cells[position + 1] if position + 1 < len(cells) else None
        elif index + 1 < len(rows):
            value = cell_at(rows[index + 1], label.col)
        if value is None:
            return Miss("mapping.waardecel_ontbreekt", entry.label, entry.section)
        return ValuePlace(value, label, table)

    # ------------------------------------------------------------------ rows

    def header(
        self, entry: RowsEntry | TablesEntry, tables: Iterable[etree._Element]
    ) -> HeaderMatch | Miss:
        """The (first) row holding the entry's header texts in order."""
        assert entry.header is not None
        wanted = [normalize_label(text) for text in entry.header]
        for table in tables:
            rows = self.rows(table)
            for index, row in enumerate(rows):
                texts = [self.text(cell) for cell in row.cells]
                for start in range(len(texts) - len(wanted) + 1):
                    if texts[start : start + len(wanted)] == wanted:
                        columns = {
                            text: row.cells[start + offset].col
                            for offset, text in enumerate(wanted)
                        }
                        return HeaderMatch(table, rows, index, columns)
        return Miss("mapping.kopregel_ontbreekt", " | ".join(entry.header), entry.section)

    # ------------------------------------------------------------------ tables

    def titled_tables(
        self, entry: TablesEntry, enum: type[Enum], tables: Iterable[etree._Element]
    ) -> list[TitledTable]:
        """The tables whose first cell's text is (or starts with) a member's printed label."""
        members = [(normalize_label(str(member.value)), member) for member in enum]
        found = []
        for table in tables:
            rows = self.rows(table)
            if not rows or not rows[0].cells:
                continue
            title = rows[0].cells[0]
            text = self.text(title)
            for printed, member in members:
                exact = text == printed
                prefix = entry.title_match == "prefix" and text.startswith(printed)
                if exact or prefix:
                    found.append(TitledTable(table, member, title))
                    break
        return found

"""What a form prints beyond a drafted mapping's places: the texts no entry reads (which go
to ``static``, as parse would otherwise report them), and whether the form holds values
(a filled form, whose texts the draft must not repeat: they may be a student's)."""

from __future__ import annotations

from enum import Enum

from lxml import etree

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.grid import cell_at
from opp_docs.docx.namespaces import qn
from opp_docs.docx.walk import is_live
from opp_docs.mapping.drafting.similarity import printed
from opp_docs.mapping.locate import FormIndex, HeaderMatch, Miss, ValuePlace
from opp_docs.mapping.paths import resolve
from opp_docs.mapping.schema import Mapping, RowsEntry

__all__ = ["holds_values", "unplaced_texts"]

_P = qn("w:p")


def unplaced_texts(body: etree._Element, mapping: Mapping) -> list[str]:
    """The texts of ``body`` that no entry of ``mapping`` reads and no heading is, each
    once, in document order: what parse would report as text outside the fields."""
    index = FormIndex(body, mapping)
    consumed: set[etree._Element] = set()

    def rows_read(entry: RowsEntry, match: HeaderMatch) -> None:
        consumed.update(cell.element for cell in match.rows[match.index].cells)
        cols = [match.columns[normalize_label(text)] for text in entry.columns.values()]
        for row in match.item_rows:
            consumed.update(c.element for c in row.cells if any(c.covers(col) for col in cols))

    def fields_read(places: list[ValuePlace | Miss]) -> None:
        for place in places:
            if isinstance(place, ValuePlace):
                consumed.add(place.cell.element)
                if place.label is not None:
                    consumed.add(place.label.element)

    items = index.item_cells(mapping)
    for section in mapping.sections:
        entries = [e for e in mapping.fields if e.section == section]
        fields_read(index.value_places(entries, index.tables(section), row_cells=lambda: items))
    for rows in mapping.rows:
        match = index.header(rows, index.tables(rows.section))
        if isinstance(match, HeaderMatch):
            rows_read(rows, match)
    for tables in mapping.tables:
        title = _title_enum(tables.path, tables.title)
        for titled in index.titled_tables(tables, title, index.tables(tables.section)):
            consumed.add(titled.title.element)
            if tables.header:
                match = index.header(tables, [titled.table])
                if isinstance(match, HeaderMatch):
                    consumed.update(
                        c.element for row in match.rows[match.index :] for c in row.cells
                    )
            inner = frozenset(index.rows_cells(tables.rows, [titled.table]))
            fields_read(index.value_places(tables.fields, [titled.table], inner))
            for rows in tables.rows:
                match = index.header(rows, [titled.table])
                if isinstance(match, HeaderMatch):
                    rows_read(rows, match)
    headings = {normalize_label(text) for text in mapping.sections.values()}
    texts: dict[str, str] = {}
    for paragraph in body.iter(_P):
        if not is_live(paragraph) or _inside(paragraph, consumed):
            continue
        text = printed(index.raw_text(paragraph))
        if text and normalize_label(text) not in headings:
            texts.setdefault(normalize_label(text), text)
    return list(texts.values())


def _title_enum(path: str, title: str) -> type[Enum]:
    slot = resolve(path)
    assert slot is not None and slot.model is not None
    found = resolve(title, slot.model)
    assert found is not None and found.enum is not None
    return found.enum


def _inside(paragraph: etree._Element, consumed: set[etree._Element]) -> bool:
    node: etree._Element | None = paragraph
    while node is not None:
        if node in consumed:
            return True
        node = node.getparent()
    return False


def holds_values(body: etree._Element, mapping: Mapping) -> bool:
    """Whether a value cell of ``mapping``'s fields, or a cell of a row list's item rows
    (other than its pre-printed key), holds text: the form is filled."""
    index = FormIndex(body, mapping)
    for section in mapping.sections:
        entries = [e for e in mapping.fields if e.section == section and e.place != "after_label"]
        for place in index.value_places(entries, index.tables(section)):
            if isinstance(place, ValuePlace) and _filled(index, place.cell.element):
                return True
    for rows in mapping.rows:
        match = index.header(rows, index.tables(rows.section))
        if not isinstance(match, HeaderMatch):
            continue
        for name, text in rows.columns.items():
            if name == rows.key:
                continue
            col = match.columns[normalize_label(text)]
            for row in match.item_rows:
                cell = cell_at(row, col)
                if cell is not None and _filled(index, cell.element):
                    return True
    return False


def _filled(index: FormIndex, cell: etree._Element) -> bool:
    return bool(index.raw_text(cell).strip()) and not index.checkboxes(cell)

"""The compiled fill: the DOM writer's work done straight into the template's bytes.

:mod:`opp_docs.filling` copies the blocks a plan writes to, changes them with the docx
primitives and serialises them. For one template and mapping the same primitives land at
the same places every time, so :class:`CompiledFill` takes the template's answers (the
memoised :class:`~opp_docs.mapping.replay.TemplatePlaces`) and, per cell, a recipe of what
the primitive does to the cell's bytes (:mod:`opp_docs.docx.splice`, found once by running
the primitive on a copy). A fill then makes the same decisions as the DOM writer, in the same
order and with the same problems, and writes bytes: text, boxes, text after an option, rows
and tables copied from blank ones.

Whatever it has no recipe for (a content control or FORMTEXT field to write, a copied row or
table with ids to renumber, a table nested in a cell, a label paragraph, a question the
template's answers cannot settle) makes it give up the document (:class:`DeclinedError`), and
fill writes that document through the tree: the DOM writer stays the reference and the
fallback. Tests hold the two byte-identical (tests/test_fill_compiled.py).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from lxml import etree
from pydantic import BaseModel

from opp_docs.docx.boxes import Checkbox
from opp_docs.docx.cellvalue import is_plain_value_cell, write_cell_value
from opp_docs.docx.grid import GridCell, GridRow, cell_at, grid_row
from opp_docs.docx.ids import DocumentIds
from opp_docs.docx.inline import inline_slot
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import serialize_xml
from opp_docs.docx.runs import set_cell_text
from opp_docs.docx.skeleton import Skeleton, in_place
from opp_docs.docx.splice import (
    BoxSlot,
    Edit,
    Layout,
    LinesSlot,
    TextSlot,
    box_slot,
    insertion_fits,
    lines_slot,
    splice,
    text_slot,
)
from opp_docs.docx.text import prepare_text, read_text
from opp_docs.mapping import resolve
from opp_docs.mapping.locate import HeaderMatch, Miss, TitledTable
from opp_docs.mapping.replay import TemplatePlaces
from opp_docs.mapping.schema import FieldEntry, RowsEntry, TablesEntry
from opp_docs.mapping.values import get_path, option_matches, printed_option, printed_value
from opp_docs.model import OPP
from opp_docs.writing import Report, describe, format_value, is_idle, norm

__all__ = ["CompiledFill", "DeclinedError"]

_P = qn("w:p")
_MARK = "opp-docs-spacer"


class DeclinedError(Exception):
    """This plan needs something the compiled fill has no recipe for: fill it as a tree."""


def _write(cell: etree._Element, text: str) -> None:
    write_cell_value(cell, text)


class CompiledFill:
    """Recipes for one template and mapping, made when first needed and kept."""

    def __init__(self, places: TemplatePlaces, skeleton: Skeleton, ids: DocumentIds) -> None:
        self.places = places
        self.skeleton = skeleton
        self.ids = ids
        frame = skeleton.frame()
        # Blocks stand side by side in the part: nothing between them to keep apart.
        self.usable = all(not piece for piece in frame[1:-1])
        self.head, self.tail = frame[0], frame[-1]
        self._layouts: dict[etree._Element, Layout | None] = {}
        self._texts: dict[tuple[etree._Element, str], TextSlot] = {}
        self._alike: dict[tuple[bytes, str], TextSlot] = {}
        self._boxes: dict[tuple[etree._Element, etree._Element], BoxSlot | None] = {}
        self._lines: dict[tuple[etree._Element, etree._Element], LinesSlot | None] = {}
        self._plain: dict[etree._Element, bool] = {}
        self._sections: dict[str | None, list[tuple[etree._Element, int]] | None] = {}
        self._read: dict[etree._Element, str] = {}
        self._fits: dict[tuple[etree._Element, etree._Element, etree._Element], bool] = {}
        self._no_ids: dict[etree._Element, bool] = {}
        self._grid: dict[etree._Element, GridRow] = {}
        self.spacer = _spacer(skeleton)

    def fill(self, plan: OPP, report: Report) -> bytes:
        """The filled main part's bytes, problems added to ``report``; :class:`DeclinedError`
        when the plan needs the tree."""
        if not self.usable:
            raise DeclinedError
        return _Document(self, report).write(plan)

    # ------------------------------------------------------------------ recipes

    def layout(self, element: etree._Element, data: bytes) -> Layout:
        if element not in self._layouts:
            self._layouts[element] = Layout.of(element, data)
        found = self._layouts[element]
        if found is None:
            raise DeclinedError
        return found

    def block_layout(self, number: int) -> Layout:
        return self.layout(self.skeleton.blocks[number], self.skeleton.serialized[number])

    def row_layout(self, prototype: etree._Element) -> Layout:
        if prototype not in self._layouts:
            self._layouts[prototype] = Layout.of(prototype, in_place(prototype))
        found = self._layouts[prototype]
        if found is None:
            raise DeclinedError
        return found

    def text(self, cell: etree._Element, kind: str) -> TextSlot:
        key = (cell, kind)
        if key not in self._texts:
            # A recipe is a function of the cell's bytes: cells alike share one (a form's
            # blank cells mostly are), found once.
            alike = (in_place(cell), kind)
            if alike not in self._alike:
                write = _write if kind == "value" else set_cell_text
                self._alike[alike] = text_slot(cell, write)
            self._texts[key] = self._alike[alike]
        return self._texts[key]

    def box(self, cell: etree._Element, box: Checkbox) -> BoxSlot:
        key = (cell, box.element)
        if key not in self._boxes:
            self._boxes[key] = box_slot(cell, box)
        found = self._boxes[key]
        if found is None:
            raise DeclinedError
        return found

    def lines(self, cell: etree._Element, paragraph: etree._Element) -> LinesSlot:
        key = (cell, paragraph)
        if key not in self._lines:
            self._lines[key] = lines_slot(cell, paragraph)
        found = self._lines[key]
        if found is None:
            raise DeclinedError
        return found

    def section(self, section: str | None) -> list[tuple[etree._Element, int]]:
        """The template's tables of a section, each with the number of its block."""
        if section not in self._sections:
            found = self.places.index.tables(section)
            if any(table not in self.places.block_of for table in found):
                self._sections[section] = None  # nested tables: the DOM writer answers afresh
            else:
                self._sections[section] = [(t, self.places.block_of[t][0]) for t in found]
        tables = self._sections[section]
        if tables is None:
            raise DeclinedError
        return tables

    def plain(self, cell: etree._Element) -> bool:
        if cell not in self._plain:
            self._plain[cell] = is_plain_value_cell(cell)
        return self._plain[cell]

    def read(self, cell: etree._Element) -> str:
        if cell not in self._read:
            self._read[cell] = read_text(cell)
        return self._read[cell]

    def grid(self, row: etree._Element) -> GridRow:
        if row not in self._grid:
            self._grid[row] = grid_row(row)
        return self._grid[row]

    def without_ids(self, element: etree._Element) -> bool:
        """Whether a copy of ``element`` keeps every value as it is when renumbered (it
        holds no bookmark, paraId, field name or control id): then copying it needs no
        fresh ids, and its copies are its own bytes."""
        if element not in self._no_ids:
            ids = self.ids.copy()
            duplicate = copy.deepcopy(element)
            before = in_place(duplicate)
            ids.renumber(duplicate)
            same = vars(ids) == vars(self.ids)
            self._no_ids[element] = same and in_place(duplicate) == before
        return self._no_ids[element]

    def fits(self, table: etree._Element, data: bytes, row: etree._Element, new: Any) -> bool:
        key = (table, row, new)
        if key not in self._fits:
            layout = self.layout(table, data)
            at = layout.spans[row][1]
            self._fits[key] = insertion_fits(table, data, row, new, at)
        return self._fits[key]


# --------------------------------------------------------------------------- one document


class _Instance:
    """One written copy of a block, a copied table or a copied row: its layout, and the
    edits and rows added so far."""

    def __init__(self, compiled: CompiledFill, element: etree._Element, layout: Layout) -> None:
        self.compiled = compiled
        self.element = element  # the template's element (or blank row) it is a copy of
        self.layout = layout
        self.edits: dict[Any, Edit] = {}
        self.written: set[etree._Element] = set()  # cells with text (not only boxes)
        self.boxed: set[etree._Element] = set()
        self.rows: list[_Row] | None = None  # once rows were looked for: in order

    def _at(self, cell: etree._Element, edit: Edit) -> Edit:
        span = self.layout.spans.get(cell)
        if span is None:
            raise DeclinedError  # a cell in a nested table
        start, end, new = edit
        return span[0] + start, span[0] + end, new

    def untouched(self, cell: etree._Element) -> None:
        if cell in self.written or cell in self.boxed:
            raise DeclinedError  # what is read must be the template's

    def write(self, cell: etree._Element, text: str, kind: str = "value") -> None:
        if kind == "value" and not self.compiled.plain(cell):
            raise DeclinedError  # a control or FORMTEXT field of its own
        self.untouched(cell)
        edit = self.compiled.text(cell, kind).render(prepare_text(text))
        if edit is None:
            raise DeclinedError
        self.edits[("text", cell)] = self._at(cell, edit)
        self.written.add(cell)

    def append(self, cell: etree._Element, paragraph: etree._Element, text: str) -> None:
        if cell in self.written:
            raise DeclinedError
        edit = self.compiled.lines(cell, paragraph).render(prepare_text(text))
        self.edits[("after", cell)] = self._at(cell, edit)
        self.written.add(cell)

    def set_box(self, cell: etree._Element, box: Checkbox, checked: bool) -> None:
        if cell in self.written:
            raise DeclinedError
        edit = self.compiled.box(cell, box).render(checked)
        self.edits[("box", cell, box.element)] = self._at(cell, edit)
        self.boxed.add(cell)

    def to_bytes(self) -> bytes:
        edits = list(self.edits.values())
        if self.rows is not None:
            added: dict[etree._Element, list[bytes]] = {}
            last: etree._Element | None = None
            for row in self.rows:
                if not row.added:
                    last = row.grid.element
                else:
                    assert last is not None  # rows are added after the header at the earliest
                    added.setdefault(last, []).append(row.instance.to_bytes())
            for after, new in added.items():
                end = self.layout.spans[after][1]
                edits.append((end, end, b"".join(new)))
        data = splice(self.layout.data, edits)
        if data is None:
            raise DeclinedError
        return data


@dataclass(eq=False)
class _Row:
    """A row of a written table: the template's (``instance`` the table's) or added (its
    own instance)."""

    grid: GridRow
    instance: _Instance
    added: bool = False


@dataclass(eq=False)
class _Match:
    header: HeaderMatch
    instance: _Instance


class _Spacer:
    """An empty paragraph put between tables (Word merges tables that touch)."""


_Item = int | _Instance | _Spacer
_Tables = Sequence[tuple[etree._Element, _Instance]]


class _Document:
    """One plan written into copies of the template's blocks, as the DOM writer would."""

    def __init__(self, compiled: CompiledFill, report: Report) -> None:
        self.compiled = compiled
        self.places = compiled.places
        self.mapping = compiled.places.mapping
        self.report = report
        self.blocks: dict[int, _Instance] = {}
        self.body: list[_Item] = list(range(len(compiled.skeleton.blocks)))

    # ------------------------------------------------------------------ output

    def write(self, plan: OPP) -> bytes:
        mapping = self.mapping
        for section in mapping.sections:
            entries = [e for e in mapping.fields if e.section == section]
            self._fields(entries, self._tables(section), plan, OPP, "")
        for rows in mapping.rows:
            assert rows.section is not None
            items = list(get_path(plan, rows.path))
            if not items:
                continue
            found = self._header(rows, self._tables(rows.section))
            if isinstance(found, Miss):
                self.report.miss(found, rows.path)
                continue
            self._rows(rows, found, items, rows.path)
        for tables in mapping.tables:
            items = list(get_path(plan, tables.path))
            if items:
                self._titled(tables, items)
        return self._bytes()

    def _bytes(self) -> bytes:
        skeleton = self.compiled.skeleton
        out = [self.compiled.head]
        for item in self.body:
            if isinstance(item, int):
                block = self.blocks.get(item)
                out.append(skeleton.serialized[item] if block is None else block.to_bytes())
            elif isinstance(item, _Instance):
                out.append(item.to_bytes())
            else:
                out.append(self.compiled.spacer)
        out.append(self.compiled.tail)
        return b"".join(out)

    # ------------------------------------------------------------------ the template's tables

    def _block(self, number: int) -> _Instance:
        found = self.blocks.get(number)
        if found is None:
            element = self.compiled.skeleton.blocks[number]
            found = _Instance(self.compiled, element, self.compiled.block_layout(number))
            self.blocks[number] = found
        return found

    def _tables(self, section: str | None) -> list[tuple[etree._Element, _Instance]]:
        return [(table, self._block(number)) for table, number in self.compiled.section(section)]

    def _instance(self, element: etree._Element, tables: _Tables) -> _Instance:
        """The copy ``element`` (of the template) is written in, as ReplayIndex translates."""
        outer = self.places.outer_table(element)
        for table, instance in tables:
            if element is table or outer is table:
                return instance
        raise DeclinedError

    # ------------------------------------------------------------------ fields

    def _fields(
        self,
        entries: list[FieldEntry],
        tables: _Tables,
        obj: Any,
        model: type[BaseModel],
        prefix: str,
        inner_rows: Sequence[RowsEntry] | None = None,
    ) -> None:
        entries = sorted(entries, key=lambda entry: entry.after_option is not None)
        values = [get_path(obj, entry.path) for entry in entries]
        answers = self.places.value_answers(entries, [t for t, _ in tables], inner_rows)
        places: list[tuple[etree._Element, _Instance] | Miss | None] = []
        for entry, value, place in zip(entries, values, answers, strict=True):
            if isinstance(place, Miss):
                places.append(place)
            elif is_idle(entry, value, model) and not self.places.has_checked_box(
                place.cell.element
            ):
                places.append(None)
            else:
                instance = self._instance(place.cell.element, tables)
                if place.label is not None:
                    self._instance(place.label.element, tables)
                self._instance(place.table, tables)
                places.append((place.cell.element, instance))
        for entry, value, found in zip(entries, values, places, strict=True):
            path = prefix + entry.path
            if isinstance(found, Miss):
                self.report.miss(found, path)
            elif found is not None:
                self._field(entry, value, found[0], found[1], model, path)

    def _field(
        self,
        entry: FieldEntry,
        value: Any,
        cell: etree._Element,
        instance: _Instance,
        model: type[BaseModel],
        path: str,
    ) -> None:
        slot = resolve(entry.path, model)
        assert slot is not None
        if entry.place == "after_label":
            if value is not None:
                raise DeclinedError  # a value after a label in a paragraph
        elif entry.after_option is not None:
            if value is not None:
                self._after_option(cell, instance, entry.after_option, value, path)
        elif slot.kind in ("choice", "multi"):
            chosen = set(value) if slot.kind == "multi" else {value} - {None}
            assert slot.enum is not None
            found = self.places.boxes(cell)
            for member in slot.enum:
                printed = printed_option(entry, member)
                matching = [b for b in found if option_matches(b.label, printed)]
                if not matching:
                    self.report.missing_option(path, printed)
                for box in matching:
                    instance.set_box(cell, box, member in chosen)
        elif slot.kind == "bool":
            assert entry.option is not None
            matching = [b for b in self.places.boxes(cell) if option_matches(b.label, entry.option)]
            if not matching:
                self.report.missing_option(path, entry.option)
            for box in matching:
                instance.set_box(cell, box, bool(value))
        elif value is not None:
            instance.write(cell, format_value(value))

    def _after_option(
        self, cell: etree._Element, instance: _Instance, option: str, value: str, path: str
    ) -> None:
        matching = [b for b in self.places.boxes(cell) if option_matches(b.label, option)]
        if not matching or matching[0].paragraph is None:
            self.report.missing_option(path, option)
            return
        paragraph = matching[0].paragraph
        if inline_slot(paragraph) is not None:
            raise DeclinedError  # a field or control after the box
        instance.append(cell, paragraph, value)

    # ------------------------------------------------------------------ rows

    def _header(self, entry: RowsEntry | TablesEntry, tables: _Tables) -> _Match | Miss:
        answer = self.places.header_answer(entry, [t for t, _ in tables])
        if isinstance(answer, Miss):
            return answer
        instance = self._instance(answer.table, tables)
        if instance.rows is not None:
            raise DeclinedError  # rows were looked for in this table before
        return _Match(answer, instance)

    def _rows(
        self, entry: RowsEntry | TablesEntry, match: _Match, items: list[Any], path: str
    ) -> None:
        if not items:
            return
        header, table = match.header, match.instance
        rows = [_Row(row, table) for row in header.rows]
        table.rows = rows
        item_rows = header.item_rows
        prototype = self.places.blank_row(item_rows[0].element) if item_rows else None
        key = entry.key if isinstance(entry, RowsEntry) else None
        key_col = header.columns[norm(entry.columns[key])] if key else None
        used: set[int] = set()
        previous = rows[header.index]
        for item in items:
            start = next(i for i, r in enumerate(rows) if r is previous) + 1
            target: _Row | None = None
            for row in rows[start:]:
                if id(row) in used:
                    continue
                if key_col is None or self._key_matches(
                    entry, row, key_col, getattr(item, key or "")
                ):
                    target = row
                    break
            added = False
            if target is None:
                can_add = entry.add_rows if isinstance(entry, RowsEntry) else True
                if prototype is None or not can_add:
                    self.report.miss(
                        Miss("mapping.rij_ontbreekt", describe(item, key), entry.section), path
                    )
                    continue
                target = self._new_row(table, rows[:start], prototype)
                rows.insert(start, target)
                added = True
            self._write_row(entry, header, target, item, write_key=added)
            used.add(id(target))
            previous = target

    def _new_row(self, table: _Instance, before: list[_Row], prototype: etree._Element) -> _Row:
        """A copy of ``prototype`` (a blank row) to go after the rows ``before``."""
        compiled = self.compiled
        if not compiled.without_ids(prototype):
            raise DeclinedError  # a copied row needs fresh ids
        anchor = next(row for row in reversed(before) if not row.added)  # the header at least
        if not compiled.fits(table.element, table.layout.data, anchor.grid.element, prototype):
            raise DeclinedError
        instance = _Instance(compiled, prototype, compiled.row_layout(prototype))
        return _Row(compiled.grid(prototype), instance, added=True)

    def _key_matches(self, entry: RowsEntry | TablesEntry, row: _Row, col: int, value: Any) -> bool:
        if value is None:
            return False
        cell = cell_at(row.grid, col)
        return self._text(row, cell) == norm(printed_value(entry, format_value(value)))

    def _text(self, row: _Row, cell: GridCell | None) -> str:
        if cell is None:
            return ""
        if row.added:
            raise DeclinedError  # an added row's text is not the template's
        row.instance.untouched(cell.element)
        return self.places.index.text(cell)

    def _write_row(
        self,
        entry: RowsEntry | TablesEntry,
        header: HeaderMatch,
        row: _Row,
        item: Any,
        *,
        write_key: bool,
    ) -> None:
        key = entry.key if isinstance(entry, RowsEntry) else None
        signature = entry.signature if isinstance(entry, RowsEntry) else None
        box_values = entry.boxes if isinstance(entry, RowsEntry) else {}
        instance = row.instance
        for name, column in entry.columns.items():
            cell = cell_at(row.grid, header.columns[norm(column)])
            if cell is None or name == signature:
                continue
            value = getattr(item, name)
            if isinstance(value, Enum) or (name == key and value is not None):
                value = printed_value(entry, format_value(value))
            if name == key and not write_key:
                instance.untouched(cell.element)
                if self.compiled.read(cell.element) == value:
                    continue
            if name in box_values:
                for box in self.places.boxes(cell.element):
                    for text, meaning in box_values[name].items():
                        if option_matches(box.label, text):
                            instance.set_box(cell.element, box, value is meaning)
            elif value is not None:
                instance.write(cell.element, format_value(value))

    # ------------------------------------------------------------------ tables

    def _titled(self, entry: TablesEntry, items: list[Any]) -> None:
        assert entry.section is not None
        item_model = resolve(entry.path)
        assert item_model is not None and item_model.model is not None
        title_slot = resolve(entry.title, item_model.model)
        assert title_slot is not None and title_slot.enum is not None
        section = self._tables(entry.section)
        answers = self.places.titled_answer(entry, title_slot.enum, [t for t, _ in section])
        found = [(t, self._instance(t.table, section)) for t in answers]
        for t in answers:
            self._instance(t.title.element, section)
        if not found:
            self.report.miss(
                Miss("mapping.tabel_ontbreekt", entry.title, entry.section), entry.path
            )
            return
        prototypes = {t.member: t.table for t, _ in reversed(found)}
        groups: list[tuple[Enum, list[Any]]] = []
        for item in items:
            member = getattr(item, entry.title)
            if entry.header and groups and groups[-1][0] is member:
                groups[-1][1].append(item)
            else:
                groups.append((member, [item]))
        tables: list[tuple[TitledTable, _Instance]] = list(found)
        used: set[int] = set()
        position = -1
        counts: dict[Enum, int] = {}
        for member, group in groups:
            counts[member] = counts.get(member, 0) + 1
            choice = next(
                (
                    i
                    for i, (t, _) in enumerate(tables)
                    if i > position and i not in used and t.member is member
                ),
                None,
            )
            if choice is None:
                if member not in prototypes:
                    self.report.miss(
                        Miss(
                            "mapping.tabel_ontbreekt", printed_option(entry, member), entry.section
                        ),
                        entry.path,
                    )
                    continue
                prototype = prototypes[member]
                anchor = tables[position] if position >= 0 else tables[0]
                duplicate = self._insert_table(prototype, anchor, before=position < 0)
                title = self.places.index.rows(prototype)[0].cells[0]
                if entry.numbered:
                    printed = printed_option(entry, member)
                    duplicate.write(title.element, f"{printed} {counts[member]}", "cell")
                tables.insert(position + 1, (TitledTable(prototype, member, title), duplicate))
                choice = position + 1
                used = {i + 1 if i > position else i for i in used}
            used.add(choice)
            position = choice
            titled, instance = tables[choice]
            self._write_table(entry, titled.table, instance, group)

    def _insert_table(
        self, prototype: etree._Element, anchor: tuple[TitledTable, _Instance], *, before: bool
    ) -> _Instance:
        """A copy of a blank table next to ``anchor``, kept apart by an empty paragraph."""
        number = self.places.block_of[prototype][0]
        if self.compiled.skeleton.blocks[number] is not prototype:
            raise DeclinedError  # a table inside a block-level wrapper
        if not self.compiled.without_ids(prototype):
            raise DeclinedError  # a copied table needs fresh ids
        duplicate = _Instance(self.compiled, prototype, self.compiled.block_layout(number))
        at = self._place(anchor)
        if before:
            self.body[at:at] = [duplicate, _Spacer()]
        else:
            following = self.body[at + 1] if at + 1 < len(self.body) else None
            if following is not None and self._empty_paragraph(following):
                self.body[at + 2 : at + 2] = [duplicate, _Spacer()]
            else:
                self.body[at + 1 : at + 1] = [_Spacer(), duplicate]
        return duplicate

    def _place(self, anchor: tuple[TitledTable, _Instance]) -> int:
        """Where a table stands in the body."""
        titled, instance = anchor
        for at, item in enumerate(self.body):
            if item is instance:
                return at
            if isinstance(item, int) and self.blocks.get(item) is instance:
                if self.compiled.skeleton.blocks[item] is not titled.table:
                    raise DeclinedError  # the table stands inside a block-level wrapper
                return at
        raise DeclinedError

    def _empty_paragraph(self, item: _Item) -> bool:
        if isinstance(item, _Spacer):
            return True
        if isinstance(item, int):
            block = self.compiled.skeleton.blocks[item]
            return block.tag == _P and not len(block)
        return False

    def _write_table(
        self, entry: TablesEntry, table: etree._Element, instance: _Instance, items: list[Any]
    ) -> None:
        tables = [(table, instance)]
        if entry.header:
            match = self._header(entry, tables)
            if isinstance(match, Miss):
                self.report.miss(match, entry.path)
                return
            self._rows(entry, match, items, entry.path)
            return
        (item,) = items
        item_model = resolve(entry.path)
        assert item_model is not None and item_model.model is not None
        self._fields(entry.fields, tables, item, item_model.model, f"{entry.path}.", entry.rows)
        for rows in entry.rows:
            match = self._header(rows, tables)
            if isinstance(match, Miss):
                self.report.miss(match, f"{entry.path}.{rows.path}")
                continue
            self._rows(rows, match, list(getattr(item, rows.path)), f"{entry.path}.{rows.path}")


def _spacer(skeleton: Skeleton) -> bytes:
    """An empty ``w:p`` made as the DOM writer makes it (``etree.Element``), as it
    serialises in the part's body (the part names its namespace prefix)."""
    root = copy.deepcopy(skeleton.root)
    body = root.find(qn("w:body"))
    assert body is not None
    for child in list(body):
        body.remove(child)
    body.extend(
        [etree.ProcessingInstruction(_MARK), etree.Element(_P), etree.ProcessingInstruction(_MARK)]
    )
    return serialize_xml(root).split(b"<?" + _MARK.encode() + b" ?>")[1]

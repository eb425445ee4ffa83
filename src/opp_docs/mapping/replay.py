"""Locate once on a template, replay on every copy of it.

Filling many plans into one template asks the same questions of every copy: where is the
label "Mentor", which row holds the header "Rol | Naam | Datum | Handtekening". A
:class:`TemplatePlaces` answers them on the pristine template once; a :class:`ReplayIndex`
translates the answers to a copy by the elements' positions inside their table (a copy is a
deep copy, and a copied table a deep copy of a template table, so positions agree).

A translated element is checked against the original (same tag); when anything does not
line up (a table the template did not have, a mismatch) the question is answered afresh on
the copy with a :class:`~opp_docs.mapping.locate.FormIndex`, so replaying is only ever an
optimisation.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from lxml import etree

from opp_docs.docx.boxes import Checkbox, find_checkboxes
from opp_docs.docx.clone import clear_values
from opp_docs.docx.grid import GridCell, GridRow, blocks
from opp_docs.docx.namespaces import qn
from opp_docs.docx.skeleton import SkeletonCopy
from opp_docs.mapping.locate import FormIndex, HeaderMatch, Miss, TitledTable, ValuePlace
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry, TablesEntry

__all__ = ["ReplayIndex", "TemplatePlaces"]

_BODY = qn("w:body")
_TBL = qn("w:tbl")
_TC = qn("w:tc")


class TemplatePlaces:
    """Answers about a pristine template, computed once and kept."""

    def __init__(self, root: etree._Element, mapping: Mapping) -> None:
        body = root.find(_BODY)
        assert body is not None
        self.mapping = mapping
        self.index = FormIndex(body, mapping)
        self.tables = [block for block in blocks(body) if block.tag == _TBL]
        # Where each table stands: the body's child holding it, and which of the tables
        # in that child it is (a table in a block-level content control).
        self.block_of: dict[etree._Element, tuple[int, int]] = {}
        for number, child in enumerate(body):
            for position, table in enumerate(_block_tables(child)):
                self.block_of[table] = (number, position)
        # Keys hold elements themselves, not their id(): a key keeps its element's proxy
        # alive, so an id can never be reused by another element.
        self._memo: dict[tuple[Any, ...], Any] = {}
        self.kept_rows: set[etree._Element] = set()  # the blank rows handed out
        self.compiled: Any = None  # the fill compiled from these answers (opp_docs.compiled)
        self.filled = False  # whether a form was filled from these answers yet
        self._paths: dict[tuple[etree._Element, etree._Element], tuple[int, ...]] = {}
        self._outer: dict[etree._Element, etree._Element | None] = {}

    def memo(self, key: tuple[Any, ...], compute: Any) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def value_answers(
        self,
        entries: Sequence[FieldEntry],
        pristine: Sequence[etree._Element],
        inner_rows: Sequence[RowsEntry] | None,
    ) -> list[ValuePlace | Miss]:
        """The template's places of ``entries`` among its tables ``pristine`` (cached), the
        cells of row lists left out before a guess: those of ``inner_rows`` among
        ``pristine``, else of all the mapping's."""
        key = ("values", tuple(map(id, entries)), tuple(map(id, pristine)), id(inner_rows))
        return self.memo(key, lambda: _places_in(self, self.index, entries, pristine, inner_rows))  # type: ignore[no-any-return]

    def header_answer(
        self, entry: RowsEntry | TablesEntry, pristine: Sequence[etree._Element]
    ) -> HeaderMatch | Miss:
        """The template's header row of ``entry`` among ``pristine`` (cached)."""
        key = ("header", id(entry), tuple(map(id, pristine)))
        return self.memo(key, lambda: self.index.header(entry, pristine))  # type: ignore[no-any-return]

    def titled_answer(
        self, entry: TablesEntry, enum: type[Enum], pristine: Sequence[etree._Element]
    ) -> list[TitledTable]:
        """The template's titled tables of ``entry`` among ``pristine`` (cached)."""
        key = ("titled", id(entry), tuple(map(id, pristine)))
        return self.memo(key, lambda: self.index.titled_tables(entry, enum, pristine))  # type: ignore[no-any-return]

    def boxes(self, cell: etree._Element) -> list[Checkbox]:
        """The boxes of a cell of the template, or of a blank row (cached)."""
        return self.memo(("boxes", cell), lambda: find_checkboxes(cell))  # type: ignore[no-any-return]

    def blank_row(self, pristine: etree._Element) -> etree._Element:
        """The template row ``pristine`` with its values cleared, made once and shared by
        every document: copy it, never change it."""
        prototype: etree._Element = self.memo(("blank_row", pristine), lambda: _blank(pristine))
        self.kept_rows.add(prototype)
        return prototype

    def has_checked_box(self, cell: etree._Element) -> bool:
        """Whether a cell of the template holds a checked box (cached)."""
        return bool(
            self.memo(("checked", cell), lambda: any(b.checked for b in find_checkboxes(cell)))
        )

    def outer_table(self, element: etree._Element) -> etree._Element | None:
        """The template's block-level table that holds ``element`` (cached), if any."""
        if element not in self._outer:
            self._outer[element] = next(
                (t for t in element.iterancestors(_TBL) if t in self.block_of), None
            )
        return self._outer[element]

    def path(self, element: etree._Element, table: etree._Element) -> tuple[int, ...]:
        """Child positions from ``table`` (or any ancestor) down to ``element`` (cached)."""
        found = self._paths.get((element, table))
        if found is None:
            steps: list[int] = []
            node = element
            while node is not table:
                parent = node.getparent()
                assert parent is not None, "the element is not inside the table"
                steps.append(parent.index(node))
                node = parent
            found = tuple(reversed(steps))
            self._paths[(element, table)] = found
        return found


def _block_tables(child: etree._Element) -> list[etree._Element]:
    """The tables a child of the body holds as blocks: itself, or those in a wrapper (not
    tables nested in cells)."""
    return [t for t in child.iter(_TBL) if next(t.iterancestors(_TBL), None) is None]


def _places_in(
    places: TemplatePlaces,
    index: FormIndex,
    entries: Sequence[FieldEntry],
    tables: Sequence[etree._Element],
    inner_rows: Sequence[RowsEntry] | None,
    exclude: frozenset[etree._Element] = frozenset(),
) -> list[ValuePlace | Miss]:
    """``index``'s answer, the cells of the row lists left out before a guess: those of
    ``inner_rows`` among ``tables``, else of all the mapping's."""

    def row_cells() -> frozenset[etree._Element]:
        if inner_rows is None:
            return index.item_cells(places.mapping)
        return frozenset(index.rows_cells(inner_rows, tables))

    return index.value_places(entries, tables, exclude, row_cells=row_cells)


def _blank(row: etree._Element) -> etree._Element:
    blank = copy.deepcopy(row)
    clear_values(blank)
    return blank


class _MismatchError(Exception):
    """A replayed answer does not fit the copy; answer afresh."""


class ReplayIndex:
    """The :class:`FormIndex` questions fill asks, for one copy of a template.

    The copy is either a whole deep copy of the template's body, or a
    :class:`~opp_docs.docx.skeleton.SkeletonCopy` whose blocks are copied when an answer
    first reaches into them. Until then :meth:`tables` hands out a block's placeholder,
    which every question accepts in place of the table. A question that has to be answered
    afresh first copies every block, so a fresh answer always sees the whole form.
    """

    def __init__(
        self, places: TemplatePlaces, body: etree._Element, skeleton: SkeletonCopy | None = None
    ) -> None:
        self.places = places
        self.body = body
        self.skeleton = skeleton
        # A skeleton copy's body is mostly placeholders: the template says whether the
        # form holds content controls.
        controls = None if skeleton is None else places.index.has_controls
        self.live = FormIndex(body, places.mapping, controls=controls)
        self._template_of: dict[etree._Element, etree._Element] = {}
        self.origin: dict[etree._Element, etree._Element] = {}
        if skeleton is None:
            copies = [block for block in blocks(body) if block.tag == _TBL]
            if len(copies) == len(places.tables):
                self.origin = dict(zip(copies, places.tables, strict=True))

    # ------------------------------------------------------------------ the copy's blocks

    def live_block(self, node: etree._Element) -> etree._Element:
        """``node``, or the copy of the block it is a placeholder of (made now if needed)."""
        number = None if self.skeleton is None else self.skeleton.number(node)
        if number is None:
            return node
        assert self.skeleton is not None
        block = self.skeleton.block(number)
        template_table = self.origin.get(node)
        if template_table is not None:
            self.origin[block] = template_table
        return block

    def _live_tables(self, tables: Iterable[etree._Element]) -> list[etree._Element]:
        return [self.live_block(table) for table in tables]

    def _fresh(self) -> FormIndex:
        """The index to answer afresh with: over the whole copy (every block copied)."""
        if self.skeleton is not None and not self._whole:
            self.skeleton.copy_all()
            for node in list(self.origin):
                self.live_block(node)
            self.live = FormIndex(self.body, self.places.mapping)
            self._whole = True
        return self.live

    _whole = False

    def _handle(self, template_table: etree._Element) -> etree._Element:
        """What stands for a template table in the copy: its copy or its placeholder (a
        table inside a block-level wrapper is copied with its wrapper at once)."""
        assert self.skeleton is not None
        number, position = self.places.block_of[template_table]
        if self.skeleton.skeleton.blocks[number] is template_table:
            node = self.skeleton.current(number)
        else:
            node = _block_tables(self.skeleton.block(number))[position]
        self.origin[node] = template_table
        return node

    # ------------------------------------------------------------------ translation

    def copied(self, copy_: etree._Element, template_table: etree._Element) -> None:
        """Record that ``copy_`` is a deep copy of the template's ``template_table``."""
        if template_table in self.places.block_of:
            self.origin[copy_] = template_table

    def _origins(self, tables: Sequence[etree._Element]) -> list[etree._Element] | None:
        found = [self.origin.get(table) for table in tables]
        return None if any(t is None for t in found) else found  # type: ignore[return-value]

    def _element(
        self,
        element: etree._Element,
        pristine: Sequence[etree._Element],
        copies: Sequence[etree._Element],
    ) -> etree._Element:
        outer = self.places.outer_table(element)
        for template_table, copy_table in zip(pristine, copies, strict=True):
            if element is template_table:
                return self.live_block(copy_table)
            if outer is template_table:
                node = self._inside(element, template_table, self.live_block(copy_table))
                self._template_of[node] = element
                return node
        raise _MismatchError

    def _cell(
        self, cell: GridCell, pristine: Sequence[etree._Element], copies: Sequence[etree._Element]
    ) -> GridCell:
        # Built directly: dataclasses.replace costs several times as much, for every cell.
        element = self._element(cell.element, pristine, copies)
        return GridCell(element, cell.col, cell.span, cell.continues_merge)

    # ------------------------------------------------------------------ questions

    def tables(self, section: str | None) -> list[etree._Element]:
        if self.skeleton is None or self._whole:
            return self.live.tables(section)
        found = self.places.index.tables(section)
        if any(table not in self.places.block_of for table in found):
            return self._fresh().tables(section)  # nested tables: answered on the copy
        return [self._handle(table) for table in found]

    def value_places(
        self,
        entries: Sequence[FieldEntry],
        tables: Sequence[etree._Element],
        exclude: frozenset[etree._Element] = frozenset(),
        *,
        idle: Sequence[bool] | None = None,
        inner_rows: Sequence[RowsEntry] | None = None,
    ) -> list[ValuePlace | Miss | None]:
        """The place of each entry, as :meth:`FormIndex.value_places` finds it, leaving out
        the cells of row lists before guessing between repeated labels: those of
        ``inner_rows`` (the row lists inside ``tables``), else of every row list.

        ``idle[i]`` says that the caller would only clear entry ``i``'s place (an empty
        value: no text to write, no box to tick). Such an entry gets ``None`` instead of its
        place when the template's place holds no checked box: there is nothing to undo.
        """
        pristine = self._origins(tables)
        if pristine is None or exclude:
            return self._fresh_places(entries, tables, exclude, inner_rows)
        answers = self.places.value_answers(entries, pristine, inner_rows)
        skip = idle or [False] * len(answers)
        try:
            return [
                place
                if isinstance(place, Miss)
                else None
                if quiet and not self.places.has_checked_box(place.cell.element)
                else ValuePlace(
                    self._cell(place.cell, pristine, tables),
                    None if place.label is None else self._cell(place.label, pristine, tables),
                    self._element(place.table, pristine, tables),
                )
                for place, quiet in zip(answers, skip, strict=True)
            ]
        except _MismatchError:
            return self._fresh_places(entries, tables, exclude, inner_rows)

    def _fresh_places(
        self,
        entries: Sequence[FieldEntry],
        tables: Sequence[etree._Element],
        exclude: frozenset[etree._Element],
        inner_rows: Sequence[RowsEntry] | None,
    ) -> list[ValuePlace | Miss | None]:
        fresh = self._fresh()
        live = self._live_tables(tables)
        return list(_places_in(self.places, fresh, entries, live, inner_rows, exclude))

    def header(
        self, entry: RowsEntry | TablesEntry, tables: Iterable[etree._Element]
    ) -> HeaderMatch | Miss:
        listed = list(tables)
        pristine = self._origins(listed)
        if pristine is None:
            return self._fresh().header(entry, self._live_tables(listed))
        answer = self.places.header_answer(entry, pristine)
        if isinstance(answer, Miss):
            return answer
        try:
            table = self._element(answer.table, pristine, listed)
        except _MismatchError:
            return self._fresh().header(entry, self._live_tables(listed))
        rows = self.live.rows(table)
        if len(rows) <= answer.index or len(rows[answer.index].cells) != len(
            answer.rows[answer.index].cells
        ):
            return self._fresh().header(entry, self._live_tables(listed))
        if len(rows) == len(answer.rows):  # no row added yet: the rows still line up
            for live, pristine_row in zip(rows, answer.rows, strict=True):
                self._template_of[live.element] = pristine_row.element
                if len(live.cells) == len(pristine_row.cells):
                    for cell, pristine_cell in zip(live.cells, pristine_row.cells, strict=True):
                        self._template_of[cell.element] = pristine_cell.element
        return HeaderMatch(table, rows, answer.index, answer.columns)

    def blank_row(self, row: etree._Element) -> etree._Element:
        """A row to copy for each new item: shaped like ``row``, every value cleared
        (:func:`~opp_docs.docx.clone.clear_values`). Copy it, never change it; the
        copies still need fresh ids.

        For a row :meth:`header` handed out it is made once from the template's row and
        shared by every document; for any other row it is made from ``row`` itself, which
        must not have been written to yet."""
        pristine = self._template_of.get(row)
        if pristine is None or pristine.tag != row.tag:
            return _blank(row)
        return self.places.blank_row(pristine)

    def new_row(self, prototype: etree._Element) -> etree._Element:
        """A copy of a row from :meth:`blank_row`, its cells' boxes known in advance."""
        row = copy.deepcopy(prototype)
        if prototype in self.places.kept_rows:
            for cell, source in zip(row.iter(_TC), prototype.iter(_TC), strict=True):
                self._template_of[cell] = source
        return row

    def titled_tables(
        self, entry: TablesEntry, enum: type[Enum], tables: Iterable[etree._Element]
    ) -> list[TitledTable]:
        listed = list(tables)
        pristine = self._origins(listed)
        if pristine is None:
            return self._fresh().titled_tables(entry, enum, self._live_tables(listed))
        answers = self.places.titled_answer(entry, enum, pristine)
        try:
            return [
                TitledTable(
                    self._element(t.table, pristine, listed),
                    t.member,
                    self._cell(t.title, pristine, listed),
                )
                for t in answers
            ]
        except _MismatchError:
            return self._fresh().titled_tables(entry, enum, self._live_tables(listed))

    def checkboxes(self, cell: etree._Element) -> list[Checkbox]:
        """The boxes of a cell: found once in the template's cell, replayed here.

        Replayed for a cell handed out by :meth:`value_places`, a cell of a row
        :meth:`header` matched or of a row from :meth:`new_row`, as long as nothing but box
        states changed in it since (its paragraphs and runs are still the template's); any
        other cell is searched afresh."""
        template_cell = self._template_of.get(cell)
        if template_cell is None:
            return find_checkboxes(cell)
        found = self.places.boxes(template_cell)
        try:
            return [
                Checkbox(
                    box.kind,
                    self._inside(box.element, template_cell, cell),
                    None
                    if box.paragraph is None
                    else self._inside(box.paragraph, template_cell, cell),
                    box.label,
                    box.offset,
                    box.mark,
                )
                for box in found
            ]
        except _MismatchError:
            return find_checkboxes(cell)

    def _inside(
        self, element: etree._Element, template_scope: etree._Element, scope: etree._Element
    ) -> etree._Element:
        """What stands in ``scope`` (a copy of ``template_scope``) where ``element`` stands
        in the template; :class:`_MismatchError` when the copy has no such element."""
        node = scope
        for step in self.places.path(element, template_scope):
            if step >= len(node):
                raise _MismatchError
            node = node[step]
        if node.tag != element.tag:
            raise _MismatchError
        return node

    # ------------------------------------------------------------------ the copy itself

    def rows(self, table: etree._Element) -> list[GridRow]:
        return self.live.rows(self.live_block(table))

    def row_inserted(self, table: etree._Element, row: etree._Element) -> GridRow:
        return self.live.row_inserted(table, row)

    def text(self, cell: GridCell) -> str:
        return self.live.text(cell)

    def forget_text(self, cell: etree._Element) -> None:
        self.live.forget_text(cell)

    def rows_cells(
        self, entries: Iterable[RowsEntry], tables: Sequence[etree._Element] | None = None
    ) -> set[etree._Element]:
        listed = None if tables is None else self._live_tables(tables)
        return self._fresh().rows_cells(entries, listed)

    def item_cells(self, mapping: Mapping) -> frozenset[etree._Element]:
        return self._fresh().item_cells(mapping)

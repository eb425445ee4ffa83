"""Find the places of a mapping in a form: sections, label cells, value cells, header rows,
titled tables. Everything is found by printed text; nothing by position.

A section runs from its heading up to the next heading (its tables are the top-level ones and
the tables nested in their cells): a paragraph outside tables whose
text is the heading, or a table whose first row holds only the heading (a shaded title row,
merged or not); that table is the section's first. Tables Word merged
(:func:`split_merged_tables`) are split before reading. Texts are compared with
:func:`~opp_docs.docx.boxes.normalize_label` (case, white space, line breaks and a trailing
colon do not count).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from lxml import etree

from opp_docs.docx.boxes import Checkbox, find_checkboxes, normalize_label
from opp_docs.docx.clone import split_table
from opp_docs.docx.grid import GridCell, GridRow, blocks, cell_at, grid_row, table_rows
from opp_docs.docx.namespaces import qn
from opp_docs.docx.text import read_text, text_of
from opp_docs.docx.walk import Token, token_list
from opp_docs.mapping.paths import resolve
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry, TablesEntry
from opp_docs.mapping.values import printed_option

__all__ = [
    "FormIndex",
    "HeaderMatch",
    "Miss",
    "TitledTable",
    "ValuePlace",
    "split_merged_tables",
]

_P = qn("w:p")
_TBL = qn("w:tbl")
_SDT = qn("w:sdt")


@dataclass(frozen=True)
class Miss:
    """A mapping entry that could not be placed: missing, or found more than once."""

    code: str  # "mapping.label_ontbreekt", "mapping.label_dubbel", ...
    what: str  # the printed text that was looked for
    section: str | None
    places: tuple[str, ...] = ()  # where each copy stands, for a text found more than once

    def message(self) -> str:
        """What is wrong, in Dutch, without the section and without what to do."""
        text = _MISS_MESSAGES.get(self.code, "Het sjabloon mist '{what}'.").format(what=self.what)
        if self.places:
            text = text.rstrip(".") + ": " + " en ".join(self.places) + "."
        return text


_MISS_MESSAGES = {
    "mapping.label_ontbreekt": "Het label '{what}' ontbreekt in het sjabloon.",
    "mapping.label_dubbel": "Het label '{what}' staat meer dan eens in het sjabloon.",
    "mapping.waardecel_ontbreekt": "Naast of onder het label '{what}' is geen invulcel.",
    "mapping.kopregel_ontbreekt": "De tabel met kopregel '{what}' ontbreekt.",
    "mapping.tabel_ontbreekt": "De tabel '{what}' ontbreekt.",
    "mapping.optie_ontbreekt": "Het vakje met de tekst '{what}' ontbreekt.",
    "mapping.rij_ontbreekt": "De voorgedrukte rij '{what}' ontbreekt.",
    "mapping.sectie_ontbreekt": (
        "De kop '{what}' staat niet als alinea of als tabelrij in het sjabloon; de velden "
        "eronder worden niet gevonden."
    ),
}


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


def _is_title(text: str, entry: TablesEntry, titles: list[str]) -> bool:
    prefix = entry.title_match == "prefix"
    return any(text == title or (prefix and text.startswith(title)) for title in titles)


def split_merged_tables(
    body: etree._Element, mapping: Mapping, index: FormIndex | None = None
) -> int:
    """Split tables Word merged from titled tables (see ``[[tables]]``); return how many
    splits were made.

    Delete the empty paragraph between two tables and Word joins them into one: the title
    row of the second (an evaluation, a domain) or a section's heading row then sits inside
    the first, and the rows under it would be read as rows of the first. A later row of one
    cell whose text is an item's title, or a row whose only text is a section's heading,
    starts a table of its own again. It changes ``body``: call it before
    building the :class:`FormIndex` to read with, or pass that index (its texts are reused)
    and build a new one when a split was made.
    """
    splits = 0
    index = index or FormIndex(body, mapping)
    headings = index.heading_keys
    pending = [block for _, block in index.sections if block.tag == _TBL]
    while pending:  # a section's heading row that Word joined to the table before it
        table = pending.pop(0)
        for row in index.rows(table)[1:]:
            if row.element.getparent() is table and index.row_heading(row, headings):
                pending.insert(0, split_table(row.element))
                index.forget(table)
                splits += 1
                break
    if splits:
        index = FormIndex(body, mapping)
    for entry in mapping.tables:
        slot = resolve(entry.path)
        title_slot = resolve(entry.title, slot.model) if slot and slot.model else None
        if title_slot is None or title_slot.enum is None:
            continue
        titles = [normalize_label(printed_option(entry, member)) for member in title_slot.enum]
        pending = index.tables(entry.section)
        while pending:
            table = pending.pop(0)
            for row in index.rows(table)[1:]:
                if len(row.cells) != 1 or row.element.getparent() is not table:
                    continue  # a title row is one cell; rows in wrappers stay where they are
                if _is_title(index.text(row.cells[0]), entry, titles):
                    pending.insert(0, split_table(row.element))
                    index.forget(table)
                    splits += 1
                    break
    return splits


class FormIndex:
    """An index over one document body for one mapping (build it once per document)."""

    def __init__(
        self, body: etree._Element, mapping: Mapping, *, controls: bool | None = None
    ) -> None:
        """``controls``: whether the body holds content controls, when the caller knows (a
        copy of a template whose body is not all there yet); else it is looked up."""
        self.body = body
        self._rows: dict[etree._Element, list[GridRow]] = {}
        self._texts: dict[etree._Element, str] = {}
        self._raw: dict[etree._Element, str] = {}
        # Per table: normalised text -> the cells that read so (see _labels_of).
        self._labels: dict[etree._Element, dict[str, list[tuple[int, GridCell]]]] = {}
        self._table_of: dict[etree._Element, etree._Element] = {}  # cell -> its table
        self._boxes: dict[etree._Element, list[Checkbox]] = {}
        self._tokens: dict[etree._Element, list[Token]] = {}  # of the cells read, for boxes
        self._controls = controls  # whether the body holds content controls
        self._nesting: dict[etree._Element, bool] = {}  # cell -> whether it holds a table
        headings = self.heading_keys = {
            normalize_label(text): key for key, text in mapping.sections.items()
        }
        self.sections: list[tuple[str | None, etree._Element]] = []
        self.headings: list[etree._Element] = []
        current: str | None = None
        for block in blocks(body):
            if block.tag == _P:
                key = headings.get(normalize_label(self.raw_text(block)))
            else:
                key = self._row_heading(block, headings)
            if key is not None:
                current = key
                self.headings.append(block)
            self.sections.append((current, block))

    def _row_heading(self, table: etree._Element, headings: dict[str, str]) -> str | None:
        """The section a table starts: its first row is a heading row (:meth:`row_heading`)."""
        rows = self.rows(table)
        return self.row_heading(rows[0], headings) if rows else None

    def row_heading(self, row: GridRow, headings: dict[str, str]) -> str | None:
        """The section whose heading is the row's only text (in one merged cell or in the
        first of several), or None."""
        texts = [self.text(cell) for cell in row.cells if not cell.continues_merge]
        filled = [text for text in texts if text]
        return headings.get(filled[0]) if len(filled) == 1 else None

    # ------------------------------------------------------------------ basics

    def tables(self, section: str | None) -> list[etree._Element]:
        """The tables of a section in document order: each top-level table, followed by
        the tables nested in its cells."""
        return [
            table
            for s, block in self.sections
            if s == section and block.tag == _TBL
            for table in block.iter(_TBL)
        ]

    def _holds_table(self, cell: GridCell) -> bool:
        """Whether a cell holds a nested table: its text is that table's, no label's."""
        found = self._nesting.get(cell.element)
        if found is None:
            found = self._nesting[cell.element] = next(cell.element.iter(_TBL), None) is not None
        return found

    def rows(self, table: etree._Element) -> list[GridRow]:
        if table not in self._rows:
            self._rows[table] = table_rows(table)
        return self._rows[table]

    def forget(self, table: etree._Element) -> None:
        """Drop cached rows of a table whose rows changed."""
        self._rows.pop(table, None)
        self._labels.pop(table, None)

    def row_inserted(self, table: etree._Element, row: etree._Element) -> GridRow:
        """Record a row just inserted into ``table`` (after a row the index knows)."""
        new = grid_row(row)
        self._labels.pop(table, None)
        rows = self._rows.get(table)
        if rows is not None:
            previous = row.getprevious()
            position = next((i for i, r in enumerate(rows) if r.element is previous), None)
            if position is None:
                self.forget(table)
            else:
                rows.insert(position + 1, new)
        return new

    def forget_text(self, cell: etree._Element) -> None:
        """Drop the cached text (and boxes) of a cell that was written to."""
        self._texts.pop(cell, None)
        self._raw.pop(cell, None)
        self._boxes.pop(cell, None)
        self._tokens.pop(cell, None)
        table = self._table_of.get(cell)
        if table is not None:
            self._labels.pop(table, None)

    @property
    def has_controls(self) -> bool:
        """Whether the body holds content controls (looked up once)."""
        if self._controls is None:
            self._controls = next(self.body.iter(_SDT), None) is not None
        return self._controls

    def raw_text(self, element: etree._Element) -> str:
        """The text of a cell or paragraph as the user sees it (cached: labels and values
        share it)."""
        found = self._raw.get(element)
        if found is None:
            if self.has_controls:
                found = read_text(element)  # which reads no text under a placeholder
            else:
                # No content control, so no placeholder around the cell: its text is its own.
                walked = self._tokens[element] = token_list(element)
                found = text_of(walked)
            self._raw[element] = found
        return found

    def text(self, cell: GridCell) -> str:
        """The normalised text of a cell (cached)."""
        element = cell.element
        found = self._texts.get(element)
        if found is None:
            found = self._texts[element] = normalize_label(self.raw_text(element))
        return found

    def checkboxes(self, cell: etree._Element) -> list[Checkbox]:
        """The boxes in a cell (cached; see :func:`~opp_docs.docx.boxes.find_checkboxes`)."""
        found = self._boxes.get(cell)
        if found is None:
            found = self._boxes[cell] = find_checkboxes(cell, self._tokens.get(cell))
        return found

    def _labels_of(self, table: etree._Element) -> dict[str, list[tuple[int, GridCell]]]:
        """The cells of a table by their normalised text, each with its row's index, in
        document order; cells that continue a vertical merge are left out (cached)."""
        found = self._labels.get(table)
        if found is None:
            found = self._labels[table] = {}
            for index, row in enumerate(self.rows(table)):
                for cell in row.cells:
                    if not cell.continues_merge and not self._holds_table(cell):
                        found.setdefault(self.text(cell), []).append((index, cell))
                        self._table_of[cell.element] = table
        return found

    # ------------------------------------------------------------------ fields

    def label_cells(
        self,
        tables: Iterable[etree._Element],
        label: str,
        exclude: frozenset[etree._Element] = frozenset(),
    ) -> list[tuple[etree._Element, int, GridCell]]:
        wanted = normalize_label(label)
        return [
            (table, index, cell)
            for table in tables
            for index, cell in self._labels_of(table).get(wanted, ())
            if cell.element not in exclude
        ]

    def value_places(
        self,
        entries: Sequence[FieldEntry],
        tables: Sequence[etree._Element],
        exclude: frozenset[etree._Element] = frozenset(),
        *,
        row_cells: Callable[[], frozenset[etree._Element]] | None = None,
    ) -> list[ValuePlace | Miss]:
        """The value cells of several fields at once.

        A value may read like a label (a class called "Mentor"). A label found more than
        once is looked up again without the cells the other fields took (their labels and
        values) and without ``exclude``; then also without ``row_cells()`` (the cells of
        row lists, asked for only then); only then does a heuristic choose
        (:meth:`value_place` with ``guess``).
        """
        places: list[ValuePlace | Miss] = [self.value_place(e, tables, exclude) for e in entries]
        for attempt in ("taken", "taken", "rows", "guess"):
            ambiguous = [
                i
                for i, place in enumerate(places)
                if isinstance(place, Miss) and place.code == "mapping.label_dubbel"
            ]
            if not ambiguous:
                break
            if attempt == "rows":
                if row_cells is None:
                    continue
                exclude = exclude | row_cells()
            guess = attempt == "guess"
            taken = set(exclude)
            for place in places:
                if isinstance(place, ValuePlace):
                    taken.add(place.cell.element)
                    if place.label is not None:
                        taken.add(place.label.element)
            for i in ambiguous:
                places[i] = self.value_place(entries[i], tables, frozenset(taken), guess=guess)
        return places

    def value_place(
        self,
        entry: FieldEntry,
        tables: Sequence[etree._Element],
        exclude: frozenset[etree._Element] = frozenset(),
        *,
        guess: bool = False,
    ) -> ValuePlace | Miss:
        """The value cell of a field among ``tables`` (a section's, or one table)."""
        if entry.place == "first_cell":
            for table in tables:
                rows = self.rows(table)
                if table in self.headings:
                    rows = rows[1:]  # the section's heading stands in the first row
                if rows and rows[0].cells:
                    return ValuePlace(rows[0].cells[0], None, table)
            return Miss("mapping.tabel_ontbreekt", "(eerste tabel)", entry.section)
        assert entry.label is not None  # the schema guarantees it
        if entry.place == "after_label":
            return self._after_label(entry, entry.label, tables, exclude)
        found = self.label_cells(tables, entry.label, exclude)
        if not found:
            return Miss("mapping.label_ontbreekt", entry.label, entry.section)
        every = found
        if len(found) > 1 and not guess:
            return self._repeated(entry, entry.label, tables, every)
        if len(found) > 1:
            # A value may read like a label (a class called "Mentor", or "Samenvattende
            # analyse" typed under that label). A label has a value cell; of two that do, the
            # label is the one whose value cell is the other.
            found = [f for f in found if self._value_cell(entry, *f) is not None] or found
            if len(found) > 1:
                candidates = {cell.element for _, _, cell in found}
                found = [
                    f
                    for f in found
                    if (value := self._value_cell(entry, *f)) is not None
                    and value.element in candidates
                ]
            if len(found) != 1:
                return self._repeated(entry, entry.label, tables, every)
        table, index, label = found[0]
        value = self._value_cell(entry, table, index, label)
        if value is None:
            return Miss("mapping.waardecel_ontbreekt", entry.label, entry.section)
        return ValuePlace(value, label, table)

    def _after_label(
        self,
        entry: FieldEntry,
        label: str,
        tables: Sequence[etree._Element],
        exclude: frozenset[etree._Element],
    ) -> ValuePlace | Miss:
        """The paragraph that starts with the label (its value follows in it): in a cell of
        ``tables`` or, for a field of a section, outside tables in that section."""
        wanted = normalize_label(label)
        found: list[tuple[etree._Element, etree._Element]] = []
        candidates: list[tuple[etree._Element, etree._Element]] = [
            (table, paragraph)
            for table in tables
            for row in self.rows(table)
            for cell in row.cells
            if not cell.continues_merge and not self._holds_table(cell)
            for paragraph in cell.element.iter(_P)
        ]
        if entry.section is not None:
            candidates += [
                (self.body, block)
                for section, block in self.sections
                if section == entry.section and block.tag == _P
            ]
        for container, paragraph in candidates:
            if paragraph in exclude:
                continue
            text = normalize_label(self.raw_text(paragraph))
            if text.startswith(wanted) and text[len(wanted) : len(wanted) + 1] in ("", ":", " "):
                found.append((container, paragraph))
        if not found:
            return Miss("mapping.label_ontbreekt", label, entry.section)
        if len(found) > 1:
            where = tuple(
                "buiten tabellen" if container is self.body else self._where(tables, container)
                for container, _ in found
            )
            return Miss("mapping.label_dubbel", label, entry.section, where)
        container, paragraph = found[0]
        return ValuePlace(GridCell(paragraph, 0, 1, False), None, container)

    def _repeated(
        self,
        entry: FieldEntry,
        label: str,
        tables: Sequence[etree._Element],
        found: list[tuple[etree._Element, int, GridCell]],
    ) -> Miss:
        where = tuple(self._where(tables, table, index) for table, index, _ in found)
        return Miss("mapping.label_dubbel", label, entry.section, where)

    @staticmethod
    def _where(
        tables: Sequence[etree._Element], table: etree._Element, row: int | None = None
    ) -> str:
        """Where a copy stands, for a person: "tabel 2, rij 3" (counted in the section)."""
        number = next((i for i, t in enumerate(tables, start=1) if t is table), None)
        place = "een tabel" if number is None else f"tabel {number}"
        return place if row is None else f"{place}, rij {row + 1}"

    def _value_cell(
        self, entry: FieldEntry, table: etree._Element, index: int, label: GridCell
    ) -> GridCell | None:
        rows = self.rows(table)
        if entry.place == "beside":
            cells = rows[index].cells
            position = cells.index(label)
            return cells[position + 1] if position + 1 < len(cells) else None
        if index + 1 < len(rows):
            return cell_at(rows[index + 1], label.col)
        return None

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

    def rows_cells(
        self, entries: Iterable[RowsEntry], tables: Sequence[etree._Element] | None = None
    ) -> set[etree._Element]:
        """The cells of the item rows of row lists (in ``tables``, else their sections)."""
        cells: set[etree._Element] = set()
        for entry in entries:
            scope = tables if tables is not None else self.tables(entry.section)
            match = self.header(entry, scope)
            if isinstance(match, HeaderMatch):
                cells.update(c.element for row in match.item_rows for c in row.cells)
        return cells

    def item_cells(self, mapping: Mapping) -> frozenset[etree._Element]:
        """The cells of every row list's item rows: values, never labels of fields."""
        cells = self.rows_cells(mapping.rows)
        for tables in mapping.tables:
            if not tables.header:
                continue
            for table in self.tables(tables.section):
                match = self.header(tables, [table])
                if isinstance(match, HeaderMatch):
                    cells.update(c.element for row in match.item_rows for c in row.cells)
        return frozenset(cells)

    # ------------------------------------------------------------------ tables

    def titled_tables(
        self, entry: TablesEntry, enum: type[Enum], tables: Iterable[etree._Element]
    ) -> list[TitledTable]:
        """The tables whose first cell's text is (or starts with) a member's printed label
        (the entry's ``options``, else the member's value)."""
        members = [(normalize_label(printed_option(entry, member)), member) for member in enum]
        found = []
        for table in tables:
            rows = self.rows(table)
            if not rows or not rows[0].cells:
                continue
            title = rows[0].cells[0]
            if self._holds_table(title):
                continue  # the tables nested in it are looked at on their own
            text = self.text(title)
            for printed, member in members:
                if _is_title(text, entry, [printed]):
                    found.append(TitledTable(table, member, title))
                    break
        return found

"""Drafting a mapping for a form: each entry of a known mapping (the prior) looked up in the
form by its printed text; here the row lists (``[[rows]]``: a header row, its columns, the
keys pre-printed in it, the boxes of a yes/no column) and the table lists (``[[tables]]``:
tables whose first cell names an item), on top of the fields (:mod:`.fields`).

What the prior looks for is what the form is searched for, with the model's own option texts
beside it; a text is taken when it is alike enough (:mod:`.similarity`) and the structure
fits: a header row holds the columns in order (a new column between them is kept in the
header), a titled table's first cell names an item. Texts are given out one to one, the most
alike pairs first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree
from pydantic import BaseModel

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.grid import GridCell, GridRow, cell_at
from opp_docs.mapping.drafting.base import (
    COLUMN_THRESHOLD,
    KNOWN_KEYS,
    OPTION_THRESHOLD,
    left_entry,
    prior_values,
)
from opp_docs.mapping.drafting.fields import FieldDrafter
from opp_docs.mapping.drafting.similarity import (
    Likeness,
    best_assignment,
    likeness,
    strip_number,
)
from opp_docs.mapping.drafting.writing import DraftEntry
from opp_docs.mapping.paths import resolve
from opp_docs.mapping.schema import RowsEntry, TablesEntry
from opp_docs.mapping.values import printed_option, printed_value

__all__ = ["Drafter"]


@dataclass(frozen=True)
class _Header:
    """A row that holds a list's header texts in order: its cells' texts, and for each
    header text of the prior found, the index of its cell and how alike it is."""

    table: etree._Element
    rows: list[GridRow]
    index: int
    texts: list[str]
    found: dict[int, tuple[int, Likeness]]

    @property
    def item_rows(self) -> list[GridRow]:
        return self.rows[self.index + 1 :]

    def cells(self) -> set[etree._Element]:
        return {cell.element for row in self.rows[self.index :] for cell in row.cells}


class Drafter(FieldDrafter):
    """Drafts the entries of a mapping for one form body from a prior mapping."""

    # ------------------------------------------------------------------ rows

    def find_header(
        self, header: Sequence[str], tables: Iterable[etree._Element]
    ) -> _Header | None:
        """The row most like ``header``: its texts in order, at least half of them."""
        best: tuple[float, _Header] | None = None
        for table in tables:
            rows = self.index.rows(table)
            for r in range(self.start(table), len(rows)):
                texts = [self.text(cell) for cell in rows[r].cells]
                found: dict[int, tuple[int, Likeness]] = {}
                at = 0
                for i, text in enumerate(header):
                    scored = [(likeness(text, texts[j]), j) for j in range(at, len(texts))]
                    scored = [(a, j) for a, j in scored if a.score >= COLUMN_THRESHOLD]
                    if scored:
                        alike, j = max(scored, key=lambda pair: (pair[0].score, -pair[1]))
                        found[i] = (j, alike)
                        at = j + 1
                score = sum(alike.score for _, alike in found.values()) / len(header)
                enough = 2 * len(found) >= len(header) and score >= 0.5
                if enough and (best is None or score > best[0]):
                    best = (score, _Header(table, rows, r, texts, found))
        return None if best is None else best[1]

    def _header_candidates(self, tables: Iterable[etree._Element]) -> list[str]:
        return [
            " | ".join(text for text in texts if text)
            for table in tables
            for row in self.index.rows(table)
            if len(texts := [self.text(cell) for cell in row.cells if self.text(cell)]) > 1
        ]

    def _columns(
        self,
        done: DraftEntry,
        entry: RowsEntry | TablesEntry,
        header: _Header,
        path: str,
    ) -> dict[str, str]:
        """``header`` and ``columns`` of a list from the row found: the header runs from
        the first column found to the last (a new column between them included)."""
        assert entry.header is not None
        spots = sorted(j for j, _ in header.found.values())
        done.values["header"] = header.texts[spots[0] : spots[-1] + 1]
        at = {normalize_label(entry.header[i]): found for i, found in header.found.items()}
        columns: dict[str, str] = {}
        notes = []
        for name, text in entry.columns.items():
            found = at.get(normalize_label(text))
            if found is None:
                note = self.leave(path, "kolom", [text], header.texts, entry.section)
                done.todo.append(note)
                continue
            j, alike = found
            columns[name] = header.texts[j]
            note = self.place(path, "kolom", text, header.texts[j], alike)
            if alike.how != "exact":
                notes.append(note)
        done.notes["header"] = "; ".join(notes) if notes else "exact"
        return columns

    def draft_rows(
        self,
        entry: RowsEntry,
        tables: Sequence[etree._Element],
        model: type[BaseModel],
        prefix: str = "",
        table: str = "rows",
    ) -> tuple[DraftEntry, set[etree._Element]]:
        """A row list's entry, and the cells of its header and item rows."""
        path = prefix + entry.path
        header = self.find_header(entry.header, tables)
        if header is None:
            wanted = [" | ".join(entry.header)]
            note = self.leave(
                path, "kopregel", wanted, self._header_candidates(tables), entry.section
            )
            return left_entry(table, entry, note), set()
        done = DraftEntry(table, {"path": entry.path})
        if entry.section is not None:
            done.values["section"] = entry.section
        columns = self._columns(done, entry, header, path)
        if entry.key is not None and entry.key not in columns:
            done.values = prior_values(entry)
            done.left = True
            return done, header.cells()
        if entry.key is not None:
            done.values["key"] = entry.key
        if not entry.add_rows:
            done.values["add_rows"] = False
        if entry.signature is not None and entry.signature in columns:
            done.values["signature"] = entry.signature
        done.values["columns"] = columns
        self._row_boxes(done, entry, header, columns, path)
        if entry.key is not None:
            self._keys(done, entry, header, columns[entry.key], model, path)
        return done, header.cells()

    def _column_cells(self, header: _Header, text: str) -> list[GridCell]:
        heading = header.rows[header.index].cells
        j = header.texts.index(text)
        cells = [cell_at(row, heading[j].col) for row in header.item_rows]
        return [cell for cell in cells if cell is not None]

    def _row_boxes(
        self,
        done: DraftEntry,
        entry: RowsEntry,
        header: _Header,
        columns: dict[str, str],
        path: str,
    ) -> None:
        """``boxes``: the texts of a yes/no column's boxes (ja, nee) as the form prints them."""
        boxes: dict[str, dict[str, bool]] = {}
        notes = []
        for name, meanings in entry.boxes.items():
            if name not in columns:
                continue
            cells = self._column_cells(header, columns[name])
            found = self.boxes(cells[0]) if cells else []
            texts = list(meanings)
            chosen = best_assignment([[text] for text in texts], found, OPTION_THRESHOLD)
            boxes[name] = {}
            for i, text in enumerate(texts):
                if i not in chosen:
                    done.todo.append(self.leave(path, "vakje", [text], found, entry.section))
                    continue
                j, alike = chosen[i]
                boxes[name][found[j]] = meanings[text]
                note = self.place(path, "vakje", text, found[j], alike)
                if alike.how != "exact":
                    notes.append(note)
        if boxes:
            done.values["boxes"] = boxes
            done.notes["boxes"] = "; ".join(notes) if notes else "exact"

    def _keys(
        self,
        done: DraftEntry,
        entry: RowsEntry,
        header: _Header,
        column: str,
        model: type[BaseModel],
        path: str,
    ) -> None:
        """``options`` of a list's pre-printed key (a domain, a role, a bijlage) where the
        form prints it otherwise."""
        assert entry.key is not None
        slot = resolve(entry.path, model)
        item = slot.model if slot is not None else None
        key = resolve(entry.key, item) if item is not None else None
        if key is None:
            return
        cells = self._column_cells(header, column)
        found = list(dict.fromkeys(t for t in (self.text(cell) for cell in cells) if t))
        if key.enum is not None:
            values = [str(member.value) for member in key.enum]
        else:
            values = list(dict.fromkeys([*KNOWN_KEYS.get(path, ()), *entry.options]))
        wanted = [[printed_value(entry, value), value] for value in values]
        chosen = best_assignment(wanted, found, OPTION_THRESHOLD)
        used = {j for j, _ in chosen.values()}
        rest = [text for j, text in enumerate(found) if j not in used]
        options: dict[str, str] = {}
        notes = []
        for i, value in enumerate(values):
            if i not in chosen:
                if rest or not entry.add_rows:
                    note = self.leave(path, "rij", wanted[i], rest, entry.section)
                    done.todo.append(f'{note}. Zet bij options: "{value}" = "<tekst>"')
                continue
            j, alike = chosen[i]
            note = self.place(path, "rij", wanted[i][0], found[j], alike)
            # A text key is read back as printed, a choice as the choice it resembles.
            differs = (
                normalize_label(found[j]) != normalize_label(value)
                if key.enum is not None
                else found[j] != value
            )
            if differs:
                options[value] = found[j]
                notes.append(note)
        if options:
            done.values["options"] = options
            done.notes["options"] = "; ".join(notes)

    # ------------------------------------------------------------------ tables

    def draft_tables(self, entry: TablesEntry) -> tuple[DraftEntry, set[etree._Element]]:
        """A table list's entry (with the fields and row lists of its tables, read in the
        first of them), and the cells of every table it found."""
        assert entry.section is not None
        slot = resolve(entry.path)
        assert slot is not None and slot.model is not None
        title = resolve(entry.title, slot.model)
        assert title is not None and title.enum is not None
        prefix = entry.title_match == "prefix"
        titled: list[tuple[etree._Element, str]] = []
        for table in self.index.tables(entry.section):
            rows = self.index.rows(table)
            if rows and rows[0].cells:
                text = self.text(rows[0].cells[0])
                if text:
                    titled.append((table, strip_number(text) if prefix else text))
        unique: dict[str, str] = {}
        for _, text in titled:
            unique.setdefault(normalize_label(text), text)
        texts = list(unique.values())
        members = list(title.enum)
        wanted = [[printed_option(entry, m), str(m.value)] for m in members]
        chosen = best_assignment(wanted, texts, OPTION_THRESHOLD)
        done = DraftEntry("tables", {"path": entry.path, "section": entry.section})
        done.values["title"] = entry.title
        if prefix:
            done.values["title_match"] = "prefix"
        if entry.numbered:
            done.values["numbered"] = True
        if not chosen:
            note = self.leave(entry.path, "titel", wanted[0], texts, entry.section)
            return left_entry("tables", entry, note), set()
        options: dict[str, str] = {}
        notes = []
        used = {j for j, _ in chosen.values()}
        for i, member in enumerate(members):
            if i not in chosen:
                rest = [text for j, text in enumerate(texts) if j not in used]
                note = self.leave(entry.path, "titel", wanted[i], rest, entry.section)
                done.todo.append(f'{note}. Zet bij options: "{member.value}" = "<tekst>"')
                continue
            j, alike = chosen[i]
            note = self.place(entry.path, "titel", wanted[i][0], texts[j], alike)
            if normalize_label(texts[j]) != normalize_label(str(member.value)):
                options[str(member.value)] = texts[j]
                notes.append(note)
        found = {normalize_label(texts[j]) for j, _ in chosen.values()}
        tables = [table for table, text in titled if normalize_label(text) in found]
        first = tables[0]
        exclude = {cell.element for cell in self.index.rows(first)[0].cells}
        if entry.header:
            header = self.find_header(entry.header, [first])
            if header is None:
                note = self.leave(
                    entry.path, "kopregel", [" | ".join(entry.header)], (), entry.section
                )
                done.todo.append(note)
            else:
                done.values["columns"] = self._columns(done, entry, header, entry.path)
        if options:
            done.values["options"] = options
            done.notes["options"] = "; ".join(notes)
        children = []
        for inner in entry.rows:
            child, cells = self.draft_rows(
                inner, [first], slot.model, f"{entry.path}.", "tables.rows"
            )
            children.append(child)
            exclude |= cells
        fields = self.draft_fields(entry.fields, [first], slot.model, exclude, "tables.fields")
        done.children = [*fields, *children]
        return done, {
            cell.element for t in tables for row in self.index.rows(t) for cell in row.cells
        }

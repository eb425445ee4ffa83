"""What drafting a mapping for a form shares: the records of what was placed and left, the
section headings, and reading the form's cells.

A section's heading is a paragraph outside tables or a table's first row holding only it, as
the locator reads them (:class:`~opp_docs.mapping.locate.FormIndex`); a label is a cell with
text and no boxes that has an empty cell (or a cell of boxes) beside or below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from opp_docs.docx import fields, sdt
from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.grid import GridCell, blocks, cell_at
from opp_docs.docx.namespaces import qn
from opp_docs.mapping.drafting.result import Left, Placement
from opp_docs.mapping.drafting.similarity import (
    Likeness,
    best_assignment,
    likeness,
    nearest,
    printed,
    strip_number,
)
from opp_docs.mapping.drafting.writing import DraftEntry
from opp_docs.mapping.locate import FormIndex
from opp_docs.mapping.paths import resolve
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry, TablesEntry
from opp_docs.mapping.values import printed_option, printed_value
from opp_docs.model import VOORGEDRUKTE_RIJEN

__all__ = [
    "COLUMN_THRESHOLD",
    "KNOWN_KEYS",
    "LABEL_THRESHOLD",
    "OPTION_THRESHOLD",
    "DraftBase",
    "Label",
    "left_entry",
    "prior_values",
]

_P = qn("w:p")
_TBL = qn("w:tbl")

# How alike a text must be to be taken: a label or heading, an option, key or title (which
# tell apart items of one list, so need more), a column in a row whose other columns fit.
LABEL_THRESHOLD = 0.6
OPTION_THRESHOLD = 0.7
COLUMN_THRESHOLD = 0.45

# The texts a list pre-prints in its key column when the key is text, not a choice, by the
# list's path as a mapping writes it.
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    ".".join(path): texts for path, (_field, texts) in VOORGEDRUKTE_RIJEN.items()
}


@dataclass(frozen=True)
class Label:
    """A cell that may be a label: it has text, no boxes, and an empty cell (or a cell of
    boxes) beside or below it; or a paragraph whose value follows its label in it (``after``:
    the paragraph, as the locator's value place of ``place = "after_label"``)."""

    text: str
    cell: GridCell
    beside: GridCell | None
    below: GridCell | None
    after: GridCell | None = None


def _holds_value(paragraph: etree._Element) -> bool:
    """Whether a paragraph holds a place for a value: a text field (``FORMTEXT``) or a
    content control that is no checkbox."""
    if any(field.kind == "text" for field in fields.find_form_fields(paragraph)):
        return True
    return any(sdt.sdt_kind(control) != "checkbox" for control in sdt.find_sdts(paragraph))


def prior_values(entry: FieldEntry | RowsEntry | TablesEntry) -> dict[str, Any]:
    """An entry of the prior as the keys a mapping file writes (defaults left out)."""
    values = entry.model_dump(exclude_defaults=True, exclude={"fields", "rows"})
    values.setdefault("path", entry.path)
    return values


def left_entry(table: str, entry: FieldEntry | RowsEntry | TablesEntry, note: str) -> DraftEntry:
    """An entry of the prior as it was, written commented out for a person, with ``note``
    (a table list with its fields and row lists)."""
    children = []
    if isinstance(entry, TablesEntry):
        children = [
            *(DraftEntry("tables.fields", prior_values(field)) for field in entry.fields),
            *(DraftEntry("tables.rows", prior_values(rows)) for rows in entry.rows),
        ]
    return DraftEntry(table, prior_values(entry), todo=[note], children=children, left=True)


class DraftBase:
    """The records and the form's cells, for drafting one form body from a prior mapping."""

    def __init__(self, body: etree._Element, prior: Mapping, *, quiet: bool = False) -> None:
        """``quiet``: name no candidates (the form is filled; a text may be a value)."""
        self.body = body
        self.quiet = quiet
        self.prior = prior
        self.placed: list[Placement] = []
        self.left: list[Left] = []
        self.sections: dict[str, str] = {}  # key -> the heading the form prints
        self.section_notes: dict[str, str] = {}
        self._order: dict[etree._Element, int] | None = None  # element -> document position
        # Until the headings are known, an index with a heading no paragraph reads: for the
        # texts and rows of the form (cached), before any section is.
        self.index = FormIndex(body, Mapping(name="ontwerp", sections={"": "\x00"}))

    # ------------------------------------------------------------------ records

    def place(self, path: str, what: str, wanted: str, found: str, alike: Likeness) -> str:
        """Record a text found; its comment for the mapping line."""
        self.placed.append(Placement(path, what, wanted, found, alike))
        if alike.how == "exact":
            return "exact"
        return f"{alike.describe()}: '{found}' voor '{wanted}'"

    def leave(
        self,
        path: str,
        what: str,
        wanted: Sequence[str],
        candidates: Iterable[str],
        section: str | None,
    ) -> str:
        """Record a text not found, with the ``candidates`` most like it; the comment for
        the mapping (NAKIJKEN: ...)."""
        near = () if self.quiet else tuple(nearest(wanted, list(candidates)))
        heading = self.sections.get(section or "") if section else None
        self.left.append(Left(path, what, wanted[0], near, heading, named=not self.quiet))
        alike = ", ".join(f"'{text}' ({score:.2f})" for text, score in near)
        return f"NAKIJKEN: '{wanted[0]}' niet gevonden" + (
            f"; het meest lijkt: {alike}" if alike else ""
        )

    # ------------------------------------------------------------------ sections

    def draft_sections(self) -> None:
        """Find each section's heading: a paragraph outside tables, or a table's first row
        holding only it."""
        texts: list[str] = []
        seen: set[str] = set()
        for block in blocks(self.body):
            text = ""
            if block.tag == _P:
                text = self.index.raw_text(block)
            elif block.tag == _TBL:
                rows = self.index.rows(block)
                filled = [
                    self.index.raw_text(cell.element)
                    for cell in (rows[0].cells if rows else ())
                    if not cell.continues_merge
                ]
                filled = [t for t in filled if t.strip()]
                text = filled[0] if len(filled) == 1 else ""
            if printed(text) and normalize_label(text) not in seen:
                seen.add(normalize_label(text))
                texts.append(printed(text))
        # A table's title ("Tussenevaluatie 1"), a label alone in a first row or a fixed
        # text ("HANDELINGSDEEL") is no heading, however alike it is to one.
        headings = {normalize_label(text) for text in self.prior.sections.values()}
        others = self._other_texts()
        texts = [
            text
            for text in texts
            if normalize_label(text) in headings
            or not any(likeness(other, strip_number(text)).score >= 0.95 for other in others)
        ]
        keys = list(self.prior.sections)
        wanted = [[self.prior.sections[key]] for key in keys]
        chosen = best_assignment(wanted, texts, LABEL_THRESHOLD)
        used = {j for j, _ in chosen.values()}
        for i, key in enumerate(keys):
            heading = self.prior.sections[key]
            if i in chosen:
                j, alike = chosen[i]
                self.sections[key] = texts[j]
                self.section_notes[key] = self.place(key, "kop", heading, texts[j], alike)
            else:
                rest = [t for j, t in enumerate(texts) if j not in used]
                self.section_notes[key] = self.leave(key, "kop", [heading], rest, None)
        found = self.sections or {"": "\x00"}
        self.index = FormIndex(self.body, Mapping(name="ontwerp", sections=found))

    def _other_texts(self) -> set[str]:
        """What the prior prints that is no heading: fixed texts, labels, table titles,
        pre-printed keys."""
        prior = self.prior
        texts = set(prior.static) | {entry.label for entry in prior.fields if entry.label}
        for tables in prior.tables:
            texts |= {entry.label for entry in tables.fields if entry.label}
            slot = resolve(tables.path)
            title = resolve(tables.title, slot.model) if slot and slot.model else None
            if title is not None and title.enum is not None:
                texts |= {printed_option(tables, member) for member in title.enum}
        for rows in prior.rows:
            slot = resolve(rows.path)
            key = resolve(rows.key, slot.model) if rows.key and slot and slot.model else None
            if key is not None and key.enum is not None:
                texts |= {printed_option(rows, member) for member in key.enum}
            texts |= {printed_value(rows, v) for v in KNOWN_KEYS.get(rows.path, ())}
        return texts

    # ------------------------------------------------------------------ cells

    def text(self, cell: GridCell) -> str:
        """A cell's text as a mapping holds it."""
        return printed(self.index.raw_text(cell.element))

    def empty(self, cell: GridCell | None) -> bool:
        """Whether a cell can take a value: no text, or only boxes with their options."""
        return cell is not None and (
            not self.index.text(cell) or bool(self.index.checkboxes(cell.element))
        )

    def start(self, table: etree._Element) -> int:
        """The first row that is no section heading."""
        return 1 if table in self.index.headings else 0

    def labels(self, tables: Iterable[etree._Element], exclude: set[etree._Element]) -> list[Label]:
        """The cells of ``tables`` that may be labels (:class:`Label`), in document order,
        without those of ``exclude`` (header and item rows, titles)."""
        labels = []
        for table in tables:
            rows = self.index.rows(table)
            for r in range(self.start(table), len(rows)):
                cells = rows[r].cells
                for k, cell in enumerate(cells):
                    if cell.continues_merge or cell.element in exclude:
                        continue
                    text = self.text(cell)
                    if not text or self.index.checkboxes(cell.element):
                        continue
                    beside = cells[k + 1] if k + 1 < len(cells) else None
                    below = cell_at(rows[r + 1], cell.col) if r + 1 < len(rows) else None
                    beside = beside if self.empty(beside) else None
                    below = below if self.empty(below) else None
                    if beside is not None or below is not None:
                        labels.append(Label(text, cell, beside, below))
        return labels

    def paragraph_labels(
        self,
        tables: Iterable[etree._Element],
        section: str | None,
        exclude: set[etree._Element],
    ) -> list[Label]:
        """Paragraphs that may be a label with its value after it (:class:`Label` with
        ``after``): a paragraph with text and a text field or control after it, or one
        ending in a colon (the value is typed after it) outside tables in ``section`` or in
        a cell of ``tables`` that has no cell beside it and no empty cell below it (where
        else would its value go?). The label is the text up to its first colon."""
        paragraphs: list[tuple[etree._Element, bool]] = []  # each with: may be typed after
        for table in tables:
            rows = self.index.rows(table)
            for r in range(self.start(table), len(rows)):
                cells = rows[r].cells
                for k, cell in enumerate(cells):
                    element = cell.element
                    if (
                        cell.continues_merge
                        or element in exclude
                        or element.find(f".//{_TBL}") is not None
                    ):
                        continue
                    below = cell_at(rows[r + 1], cell.col) if r + 1 < len(rows) else None
                    alone = k + 1 == len(cells) and not self.empty(below)
                    paragraphs += [(p, alone) for p in element.iter(_P)]
        if section is not None:
            paragraphs += [
                (block, True)
                for key, block in self.index.sections
                if key == section and block.tag == _P and block not in self.index.headings
            ]
        labels = []
        for paragraph, typed in paragraphs:
            text = printed(self.index.raw_text(paragraph))
            if not text or self.index.checkboxes(paragraph):
                continue
            if not _holds_value(paragraph) and not (typed and text.endswith(":")):
                continue
            label = text.split(":", 1)[0] + ":" if ":" in text else text
            place = GridCell(paragraph, 0, 1, False)
            labels.append(Label(label, place, None, None, place))
        return labels

    def in_order(self, labels: Iterable[Label]) -> list[Label]:
        """``labels`` in document order."""
        if self._order is None:
            self._order = {element: i for i, element in enumerate(self.body.iter())}
        order = self._order
        return sorted(labels, key=lambda label: order.get(label.cell.element, 0))

    def boxes(self, cell: GridCell, *, cut: bool = False) -> list[str]:
        """The option texts of a cell's boxes, in order; with ``cut`` (or in a filled
        form) each up to its first colon, where the free text after an option begins
        ("Anders, namelijk: ...")."""
        texts = [printed(box.label) for box in self.index.checkboxes(cell.element)]
        if cut or self.quiet:
            texts = [text.split(":", 1)[0] + ":" if ":" in text else text for text in texts]
        return texts

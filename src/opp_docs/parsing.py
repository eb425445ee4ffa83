"""Read a filled form back into a plan, and report everything that could not be placed.

    result = parse("noor.docx")
    result.plan        # an OPP
    result.problems    # Problems: code, Dutch message, place in the form, raw content

The form is read through the same mapping that fill uses. Values become one plain dict,
validated once by the model; a value the model refuses (a date that does not exist, an
unknown option) is left out and reported, never guessed. Text typed outside every mapped
field, rows nobody expected and tables the mapping does not know are reported with their
text, so nothing in the document is silently dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from pydantic import BaseModel, ValidationError

from opp_docs.docx import boxes
from opp_docs.docx.cellvalue import cell_date
from opp_docs.docx.grid import GridCell, cell_at
from opp_docs.docx.inline import inline_date, inline_slot, read_inline
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import Package, Source, open_package, source_name
from opp_docs.docx.text import read_text
from opp_docs.docx.walk import is_live
from opp_docs.errors import DocxError, InputError, Location, Problem
from opp_docs.formats import parse_date, parse_int, parse_periode
from opp_docs.mapping import Mapping, as_mapping, default_mapping, resolve
from opp_docs.mapping.locate import (
    FormIndex,
    HeaderMatch,
    Miss,
    ValuePlace,
    split_merged_tables,
)
from opp_docs.mapping.schema import FieldEntry, RowsEntry, TablesEntry
from opp_docs.mapping.values import from_printed, option_matches, printed_option
from opp_docs.model import OPP
from opp_docs.validation import field_title, translate_errors

__all__ = ["ParseResult", "parse"]

_BODY = qn("w:body")
_P = qn("w:p")
_TC = qn("w:tc")
_TBL = qn("w:tbl")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PICTURES = (qn("w:drawing"), qn("w:pict"), qn("w:object"))
_MISSING = object()


@dataclass(frozen=True)
class ParseResult:
    """A plan read from a form, and what could not be placed in it.

    Attributes:
        plan: The plan, with every value the form holds that the model accepts.
        problems: What could not be placed or was refused, each with its code, its place in
            the form and the raw content: text outside every field, two boxes ticked where
            one may be, a date that cannot be read. Empty for a form read in full.
    """

    plan: OPP
    problems: list[Problem] = field(default_factory=list)


def parse(source: Source, mapping: Mapping | str | os.PathLike[str] | None = None) -> ParseResult:
    """Read a filled form into a plan, with the problems of what could not be placed.

    ``source`` is a path, the .docx bytes or a binary file object; ``mapping`` is as for
    :func:`fill`. Raises :class:`~opp_docs.errors.DocxError` when the file is no readable
    .docx, and :class:`~opp_docs.errors.InputError` (``formulier.geen_opp``) when it is a Word
    document but not this form. Everything wrong *inside* the form is one of the result's
    ``problems``, and the plan holds the rest.

    >>> import opp_docs
    >>> plan = opp_docs.example_plan()
    >>> path = opp_docs.fill_to_path(plan, "noor.docx")
    >>> result = opp_docs.parse("noor.docx")
    >>> result.plan == plan, result.problems
    (True, [])
    """
    package = open_package(source)
    file = source_name(source)
    root = package.xml(package.main_part())
    body = root.find(_BODY)
    if body is None:
        raise DocxError(
            Problem("pakket.geen_docx", "Het document heeft geen inhoud.", Location(file=file))
        )
    mapping = as_mapping(mapping) or default_mapping()
    index = FormIndex(body, mapping)
    if split_merged_tables(body, mapping, index):
        index = FormIndex(body, mapping)  # the tables changed
    found = {section for section, _ in index.sections if section is not None}
    if len(found) < min(2, len(mapping.sections)):
        raise InputError(
            Problem(
                "formulier.geen_opp",
                f"Dit is geen OPP-formulier: de koppen van '{mapping.name}' staan er niet in. "
                "Kies het ingevulde OPP-formulier.",
                Location(file=file),
            )
        )
    reader = _Reader(index, mapping, file)
    reader.report_external(package, package.main_part())
    data = reader.read()
    plan = reader.validate(data)
    reader.report_unplaced(body)
    return ParseResult(plan, reader.problems)


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for step in parents:
        data = data.setdefault(step, {})
    data[last] = value


def _delete(data: Any, loc: Sequence[str | int]) -> Any:
    """Remove the value at ``loc`` from nested dicts/lists; return what was removed."""
    *parents, last = loc
    for step in parents:
        data = data[step]
    removed = data[last]
    del data[last]
    return removed


class _Reader:
    """Reads one document through one mapping, collecting problems."""

    def __init__(self, index: FormIndex, mapping: Mapping, file: str | None) -> None:
        self.index = index
        self.mapping = mapping
        self.file = file
        self.problems: list[Problem] = []
        self.consumed: set[etree._Element] = set()
        self._item_cells: frozenset[etree._Element] | None = None

    @property
    def item_cells(self) -> frozenset[etree._Element]:
        """The cells of the row lists (computed only when a label turns out to repeat)."""
        if self._item_cells is None:
            self._item_cells = self.index.item_cells(self.mapping)
        return self._item_cells

    # ------------------------------------------------------------------ problems

    def _finding(self, code: str, message: str, label: str | None, path: str, raw: Any) -> None:
        steps: tuple[str | int, ...] = tuple(
            int(step) if step.isdigit() else step for step in path.split(".") if step
        )
        self.problems.append(
            Problem(code, message, Location(file=self.file, label=label, path=steps), raw)
        )

    def _miss(self, miss: Miss, path: str) -> None:
        self._finding(
            "formulier.veld_ontbreekt",
            f"Het formulier mist '{miss.what}'; dit veld is niet gelezen. "
            "Is het een OPP-formulier, en is er niets uit verwijderd?",
            miss.what,
            path,
            None,
        )

    def report_external(self, package: Package, part: str) -> None:
        """Report references to files outside the document (never followed). Hyperlinks are
        ordinary and not reported; a linked template, picture or object is."""
        folder, _, name = part.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        if rels not in package:
            return
        for rel in package.xml(rels).iter(_RELATIONSHIP):
            external = rel.get("TargetMode") == "External"
            if external and not rel.get("Type", "").endswith("/hyperlink"):
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                self._finding(
                    "pakket.externe_verwijzing",
                    f"Het document verwijst naar iets buiten het bestand ({kind}); dat is niet "
                    "geopend of opgehaald.",
                    None,
                    "",
                    rel.get("Target"),
                )

    # ------------------------------------------------------------------ reading

    def read(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for section in self.mapping.sections:
            entries = [e for e in self.mapping.fields if e.section == section]
            for path, value in self._fields(entries, self.index.tables(section), OPP, "").items():
                _set(data, path, value)
        for rows in self.mapping.rows:
            assert rows.section is not None
            match = self.index.header(rows, self.index.tables(rows.section))
            if isinstance(match, Miss):
                self._miss(match, rows.path)
                continue
            _set(data, rows.path, self._rows(rows, match, rows.path, OPP))
        for tables in self.mapping.tables:
            _set(data, tables.path, self._tables(tables))
        return data

    def _fields(
        self,
        entries: list[FieldEntry],
        tables: Sequence[etree._Element],
        model: type[BaseModel],
        prefix: str,
        exclude: frozenset[etree._Element] | None = None,
    ) -> dict[str, Any]:
        """The values of several fields, by their paths (within ``model``)."""
        values: dict[str, Any] = {}
        # A value may read like a label: before guessing, the cells of the row lists are
        # left out (``exclude``: an evaluation's own rows, left out from the start).
        places = self.index.value_places(
            entries,
            tables,
            exclude or frozenset(),
            row_cells=(lambda: self.item_cells) if exclude is None else None,
        )
        for entry, place in zip(entries, places, strict=True):
            if isinstance(place, Miss):
                self._miss(place, prefix + entry.path)
                continue
            value = self._field(entry, place, model, prefix + entry.path)
            if value is not _MISSING:
                values[entry.path] = value
        return values

    def _field(
        self, entry: FieldEntry, place: ValuePlace, model: type[BaseModel], path: str
    ) -> Any:
        self.consumed.add(place.cell.element)
        if place.label is not None:
            self.consumed.add(place.label.element)
        cell = place.cell.element
        label = entry.label or entry.path
        slot = resolve(entry.path, model)
        assert slot is not None
        if entry.place == "after_label":  # ``cell`` is the label's paragraph
            day = inline_date(cell) if slot.kind == "date" else None
            if day is not None:
                return day.isoformat()
            return self._scalar(read_inline(cell, label) or "", slot.kind, label, path)
        if entry.after_option is not None:
            return self._after_option(cell, entry.after_option)
        if slot.kind in ("choice", "multi"):
            assert slot.enum is not None
            chosen: list[Any] = []
            options = [(m, printed_option(entry, m)) for m in slot.enum]
            # An option ending in a colon ("Anders, namelijk:") is followed by free text.
            before_text = [printed for _, printed in options if printed.rstrip().endswith(":")]
            free_text = False  # after such an option's box the cell holds free text
            for box in self.index.checkboxes(cell):
                if free_text and box.kind in ("typed", "glyph"):
                    continue
                if any(option_matches(box.label, printed) for printed in before_text):
                    free_text = True
                if not box.checked:
                    continue
                member = next(
                    (m for m, printed in options if option_matches(box.label, printed)), None
                )
                if member is None:
                    self._finding(
                        "keuze.onbekend",
                        f"Bij '{label}' is een vakje aangekruist dat geen keuze van het "
                        "formulier is.",
                        label,
                        path,
                        box.label,
                    )
                elif member.value not in chosen:
                    chosen.append(member.value)
            if slot.kind == "multi":
                return chosen
            if len(chosen) > 1:
                self._finding(
                    "keuze.meerdere",
                    f"Bij '{label}' zijn {len(chosen)} vakjes aangekruist; er mag er één. "
                    "Het veld is leeg gelaten: kruis één keuze aan.",
                    label,
                    path,
                    chosen,
                )
                return None
            return chosen[0] if chosen else None
        if slot.kind == "bool":
            assert entry.option is not None
            matching = [
                b for b in self.index.checkboxes(cell) if option_matches(b.label, entry.option)
            ]
            if not matching:
                self._miss(Miss("mapping.optie_ontbreekt", entry.option, entry.section), path)
                return _MISSING
            return any(box.checked for box in matching)
        if slot.kind == "date" and self.index.has_controls:
            day = cell_date(cell)  # a date picker's own date, whatever it shows
            if day is not None:
                return day.isoformat()
        return self._scalar(self.index.raw_text(cell), slot.kind, label, path)

    def _scalar(self, text: str, kind: str, label: str, path: str) -> Any:
        if kind == "date":
            if not text.strip():
                return None
            try:
                return parse_date(text).isoformat()
            except ValueError:
                self._finding(
                    "datum.onleesbaar",
                    f"'{label}' is geen datum die te lezen is; het veld is leeg gelaten. "
                    "Schrijf de datum als dd-mm-jjjj.",
                    label,
                    path,
                    text,
                )
                return _MISSING
        if kind == "int":
            if not text.strip():
                return None
            try:
                return parse_int(text)
            except ValueError:
                self._finding(
                    "getal.onleesbaar",
                    f"'{label}' is geen geheel getal; het veld is leeg gelaten.",
                    label,
                    path,
                    text,
                )
                return _MISSING
        return text or None

    def _after_option(self, cell: etree._Element, option: str) -> str | None:
        """The free text after an option: the rest of its paragraph (less one space) and the
        paragraphs below it up to the next box."""
        matching = [b for b in self.index.checkboxes(cell) if option_matches(b.label, option)]
        if not matching or matching[0].paragraph is None:
            return None
        paragraph = matching[0].paragraph
        if inline_slot(paragraph) is not None:  # a field or control after the box
            return read_inline(paragraph, option)
        text = read_text(paragraph)
        pattern = r"\s*".join(re.escape(word) for word in option.rstrip(":").split())
        found = re.search(pattern + r":?", text, re.IGNORECASE)
        rest = text[found.end() :] if found else ""
        if rest.startswith(" "):
            rest = rest[1:]
        lines = [rest]
        paragraphs = [p for p in cell.iter(_P) if _cell_of(p) is cell]
        for following in paragraphs[paragraphs.index(paragraph) + 1 :]:
            if any(b.kind in ("legacy", "sdt") for b in boxes.find_checkboxes(following)):
                break
            lines.append(read_text(following))
        value = "\n".join(lines)
        return value or None

    # ------------------------------------------------------------------ rows

    def _rows(
        self, entry: RowsEntry | TablesEntry, match: HeaderMatch, path: str, model: type[BaseModel]
    ) -> list[dict[str, Any]]:
        slot = resolve(entry.path, model)
        assert slot is not None and slot.model is not None
        item_model = slot.model
        for header_cell in match.rows[match.index].cells:
            self.consumed.add(header_cell.element)
        items = []
        for number, row in enumerate(match.item_rows):
            item: dict[str, Any] = {}
            item_path = f"{path}.{number}"
            for name, header in entry.columns.items():
                cell = cell_at(row, match.columns[boxes.normalize_label(header)])
                if cell is None:
                    continue
                self.consumed.add(cell.element)
                value = self._column(entry, cell, name, item_model, header, f"{item_path}.{name}")
                if value is not _MISSING:
                    item[name] = value
            items.append(item)
        return items

    def _column(
        self,
        entry: RowsEntry | TablesEntry,
        cell: GridCell,
        name: str,
        model: type[BaseModel],
        label: str,
        path: str,
    ) -> Any:
        signature = entry.signature if isinstance(entry, RowsEntry) else None
        box_values = entry.boxes if isinstance(entry, RowsEntry) else {}
        element = cell.element
        if name == signature:
            return bool(self.index.raw_text(element).strip()) or any(
                element.find(f".//{tag}") is not None for tag in _PICTURES
            )
        if name in box_values:
            chosen = {
                meaning
                for box in self.index.checkboxes(element)
                if box.checked
                for text, meaning in box_values[name].items()
                if option_matches(box.label, text)
            }
            if len(chosen) > 1:
                self._finding(
                    "keuze.meerdere",
                    f"Bij '{label}' zijn zowel ja als nee aangekruist; het veld is leeg gelaten.",
                    label,
                    path,
                    sorted(chosen),
                )
                return None
            return chosen.pop() if chosen else None
        slot = resolve(name, model)
        assert slot is not None
        text = self.index.raw_text(element)
        if slot.kind == "composite":
            return parse_periode(text)
        if slot.kind == "choice":
            assert slot.enum is not None
            wanted = boxes.normalize_label(text)
            if not wanted:
                return None
            member = next(
                (m for m in slot.enum if boxes.normalize_label(printed_option(entry, m)) == wanted),
                None,
            )
            return text if member is None else member.value
        if isinstance(entry, RowsEntry) and name == entry.key and entry.options:
            return from_printed(entry, text)  # a renamed pre-printed key (a role)
        return self._scalar(text, slot.kind, label, path)

    # ------------------------------------------------------------------ tables

    def _tables(self, entry: TablesEntry) -> list[dict[str, Any]]:
        assert entry.section is not None
        slot = resolve(entry.path)
        assert slot is not None and slot.model is not None
        item_model = slot.model
        title_slot = resolve(entry.title, item_model)
        assert title_slot is not None and title_slot.enum is not None
        items: list[dict[str, Any]] = []
        for titled in self.index.titled_tables(
            entry, title_slot.enum, self.index.tables(entry.section)
        ):
            self.consumed.add(titled.title.element)
            title = titled.member.value
            if entry.header:
                match = self.index.header(entry, [titled.table])
                if isinstance(match, Miss):
                    self._miss(match, entry.path)
                    continue
                for item in self._rows(entry, match, f"{entry.path}.{len(items)}", OPP):
                    item[entry.title] = title
                    items.append(item)
                continue
            item_path = f"{entry.path}.{len(items)}"
            item = {entry.title: title}
            inner = frozenset(self.index.rows_cells(entry.rows, [titled.table]))
            item.update(
                self._fields(entry.fields, [titled.table], item_model, item_path + ".", inner)
            )
            for rows in entry.rows:
                match = self.index.header(rows, [titled.table])
                if isinstance(match, Miss):
                    self._miss(match, f"{item_path}.{rows.path}")
                    continue
                item[rows.path] = self._rows(rows, match, f"{item_path}.{rows.path}", item_model)
            items.append(item)
        return items

    # ------------------------------------------------------------------ validation

    def validate(self, data: dict[str, Any]) -> OPP:
        """Validate once; a refused value is reported and left out, and validation is
        tried again (an item that loses a required key is left out as a whole)."""
        for _ in range(100):
            try:
                return OPP.model_validate(data)
            except ValidationError as exc:
                problems = translate_errors(exc, Location(file=self.file))
                # Deepest first, so removing one value does not move the next one's place.
                for problem in sorted(problems, key=lambda p: len(p.location.path), reverse=True):
                    loc = list(problem.location.path)
                    if problem.code == "waarde.missing" or not loc:
                        loc = loc[:-1]
                    if not loc:
                        continue
                    try:
                        raw = _delete(data, loc)
                    except (KeyError, IndexError, TypeError):
                        continue
                    self.problems.append(
                        Problem(
                            problem.code,
                            problem.message + " Het veld is leeg gelaten.",
                            Location(
                                file=self.file, label=field_title(tuple(loc)), path=tuple(loc)
                            ),
                            raw,
                        )
                    )
        return OPP()  # unreachable in practice: every round removes at least one value

    # ------------------------------------------------------------------ the rest

    def report_unplaced(self, body: etree._Element) -> None:
        """Report text in the document that no mapped field took, with its section."""
        static = {boxes.normalize_label(t) for t in self.mapping.sections.values()}
        static |= {boxes.normalize_label(t) for t in self.mapping.static}
        section_of = {element: section for section, element in self.index.sections}
        current: str | None = None
        for block in list(body):
            current = section_of.get(block, current)
            for paragraph in block.iter(_P) if block.tag != _P else [block]:
                # A paragraph in a row deleted with changes tracked is gone once accepted.
                if _inside(paragraph, self.consumed) or not is_live(paragraph):
                    continue
                text = self.index.raw_text(paragraph)
                if not text.strip() or boxes.normalize_label(text) in static:
                    continue
                heading = self.mapping.sections.get(current or "", None)
                parent = paragraph.getparent()
                in_table = parent is not None and parent.tag == _TC
                self._finding(
                    "tekst.buiten_veld",
                    "Deze tekst staat buiten de velden van het formulier en is niet ingelezen"
                    + (f" (onderdeel '{heading}')" if heading else "")
                    + ("; staat in een tabelcel zonder label." if in_table else ".")
                    + " Zet de tekst in het juiste veld.",
                    heading,
                    "",
                    text,
                )


def _cell_of(paragraph: etree._Element) -> etree._Element | None:
    node = paragraph.getparent()
    while node is not None and node.tag != _TC:
        node = node.getparent()
    return node


def _inside(paragraph: etree._Element, consumed: set[etree._Element]) -> bool:
    node: etree._Element | None = paragraph
    while node is not None:
        if node in consumed:
            return True
        node = node.getparent()
    return False

"""Fill the form from a plan: boxes ticked, text in the right cells, rows and tables copied.

The form carries no tags: every place comes from the mapping, found by printed text
(:mod:`opp_docs.mapping.locate`). The template is read and prepared once per process;
each fill works on a copy of its document part.

    data = fill(plan)                       # the bundled OPP 2024-2025 form and mapping
    fill_to_path(plan, "noor.docx")         # atomically, never over an existing file

Order is kept: a list's items land in slots in document order, so reading the form back
gives the list in the same order. Pre-printed rows (a role, a domain, a bijlage) are used
for the items that name them; other items get a copied row right after the previous item.
Evaluations beyond the printed tables get a copied table, numbered on.

A document is written by the compiled fill (:mod:`opp_docs.compiled`: the same decisions,
straight into the template's bytes) unless it declines; then, and as the reference the tests
hold it to, by the DOM writer here (:class:`_Writer`), on a copy of the template's tree.
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import BaseModel

from opp_docs.compiled import CompiledFill, DeclinedError
from opp_docs.docx import boxes
from opp_docs.docx.cellvalue import write_cell_value
from opp_docs.docx.grid import GridRow, cell_at
from opp_docs.docx.ids import DocumentIds
from opp_docs.docx.inline import inline_slot, write_inline
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import Package, open_package, serialize_xml
from opp_docs.docx.properties import drop_thumbnail, scrub_properties
from opp_docs.docx.revisions import accept_and_uncomment, drop_comment_parts
from opp_docs.docx.runs import append_text, set_cell_text
from opp_docs.docx.skeleton import Skeleton
from opp_docs.docx.text import read_text
from opp_docs.errors import Location, OppError, Problem, TemplateError
from opp_docs.files import write_atomic
from opp_docs.mapping import Mapping, as_mapping, default_mapping, resolve
from opp_docs.mapping.locate import HeaderMatch, Miss, TitledTable, split_merged_tables
from opp_docs.mapping.replay import ReplayIndex, TemplatePlaces
from opp_docs.mapping.schema import FieldEntry, RowsEntry, TablesEntry
from opp_docs.mapping.values import get_path, option_matches, printed_option, printed_value
from opp_docs.model import OPP
from opp_docs.resources import DEFAULT_TEMPLATE, bundled_file
from opp_docs.writing import Report, describe, format_value, is_idle, norm

__all__ = ["fill", "fill_to_path", "fill_what_fits", "prepare_template"]

_BODY = qn("w:body")
_P = qn("w:p")
_PPR = qn("w:pPr")
_TC = qn("w:tc")
_TR = qn("w:tr")
_DOCUMENT = "word/document.xml"
_COMPRESS_LEVEL = 3


@dataclass(frozen=True)
class _Prepared:
    """A template read once: its package and the parsed main part to copy per fill.

    ``rest`` is the template as a zip without its main part, compressed once: a fill
    appends its own main part to a copy of those bytes instead of compressing the styles,
    settings and theme again for every document.
    """

    package: Package
    part: str
    root: etree._Element
    file: str | None
    ids: DocumentIds  # the unique ids the template uses; copied per fill
    rest: bytes
    skeleton: Skeleton | None  # the main part copied block by block, if it can be
    places: OrderedDict[int, tuple[Mapping, TemplatePlaces]] = field(default_factory=OrderedDict)
    # Per mapping: the template with the tables Word joined split apart, or None (none were).
    apart: OrderedDict[int, tuple[Mapping, _Prepared | None]] = field(default_factory=OrderedDict)

    def for_mapping(self, mapping: Mapping) -> _Prepared:
        """The template as ``mapping`` reads it: itself, or (when Word joined a table that
        starts a section or an evaluation to the table before it, because the empty line
        between them was deleted) a copy with those tables apart again, an empty paragraph
        between, as :func:`~opp_docs.parsing.parse` reads a form. Worked out once per
        mapping (the last :data:`KEPT` are kept)."""
        known = self.apart.get(id(mapping))
        if known is None:
            root = copy.deepcopy(self.root)
            body = root.find(_BODY)
            split = None
            if body is not None and split_merged_tables(body, mapping):
                skeleton = Skeleton.of(root)
                split = _Prepared(
                    self.package, self.part, root, self.file, DocumentIds(root), self.rest, skeleton
                )
            known = (mapping, split)  # keeps ``mapping`` alive
            self.apart[id(mapping)] = known
            _trim(self.apart)
        else:
            self.apart.move_to_end(id(mapping))
        return known[1] or self

    def places_for(self, mapping: Mapping) -> TemplatePlaces:
        """The template's answers for ``mapping``, computed the first time they are asked
        (the answers for the last :data:`KEPT` mappings are kept)."""
        known = self.places.get(id(mapping))
        if known is None:
            known = (mapping, TemplatePlaces(self.root, mapping))  # keeps ``mapping`` alive
            self.places[id(mapping)] = known
            _trim(self.places)
        else:
            self.places.move_to_end(id(mapping))
        return known[1]


KEPT = 8
"""How many templates (and mappings per template) a process keeps prepared, the most recently
used: a bulk job uses one, a server that is sent templates and mappings does not grow."""

_PREPARED: OrderedDict[tuple[str, ...], _Prepared] = OrderedDict()


def _trim(cache: OrderedDict[Any, Any]) -> None:
    while len(cache) > KEPT:
        cache.popitem(last=False)


Template = str | os.PathLike[str] | bytes
"""A template: its path or the .docx bytes."""


def _prepare(template: Template | None) -> _Prepared:
    if template is None:
        template = bundled_file("templates", DEFAULT_TEMPLATE)
    elif not isinstance(template, bytes):
        template = Path(template)
    if isinstance(template, bytes):
        key: tuple[str, ...] = ("bytes", hashlib.sha256(template).hexdigest())
        file = None
    else:
        stat = template.stat()
        key = ("path", str(template.resolve()), str(stat.st_mtime_ns), str(stat.st_size))
        file = str(template)
    prepared = _PREPARED.get(key)
    if prepared is not None:
        _PREPARED.move_to_end(key)
    else:
        package = open_package(template)
        part = package.main_part()
        root = package.xml(part)
        # Nothing of the template's authors travels into the plans: no names in the
        # properties, no thumbnail, no comments, no tracked changes.
        accept_and_uncomment(root)
        drop_comment_parts(package, part)
        _normalize_boxes(root)
        scrub_properties(package, title="Ontwikkelingsperspectiefplan")
        drop_thumbnail(package)
        rest = package.copy()
        rest.remove(part)
        prepared = _Prepared(
            package, part, root, file, DocumentIds(root), rest.to_bytes(), Skeleton.of(root)
        )
        _PREPARED[key] = prepared
        _trim(_PREPARED)
    return prepared


def _normalize_boxes(root: etree._Element) -> None:
    """Write every box's state out in full (a legacy box gets both ``w:default`` and
    ``w:checked``), so that a fill which leaves a box in its state writes what setting it
    would: fill skips the boxes of empty values (see :meth:`ReplayIndex.value_places`)."""
    for box in boxes.find_checkboxes(root):
        if box.kind in ("legacy", "sdt"):
            boxes.set_checked(box, box.checked)


def prepare_template(
    template: Template | None = None, mapping: Mapping | str | os.PathLike[str] | None = None
) -> None:
    """Read and prepare a template (and its places for ``mapping``) now rather than at the
    first :func:`fill`, for a process that will fill many forms: a bulk job's, which then
    writes its first form through the compiled fill too (see :func:`fill_what_fits`)."""
    loaded = as_mapping(mapping) or default_mapping()
    prepared = _prepare(template).for_mapping(loaded)
    _compiled(prepared, prepared.places_for(loaded))


def _compiled(prepared: _Prepared, places: TemplatePlaces) -> CompiledFill | None:
    """The compiled fill of a template's answers (made now if need be), or None when the
    template's main part cannot be written block by block."""
    if not COMPILED or prepared.skeleton is None:
        return None
    if places.compiled is None:
        places.compiled = CompiledFill(places, prepared.skeleton, prepared.ids)
    found: CompiledFill = places.compiled
    return found


def fill(
    plan: OPP,
    template: Template | None = None,
    mapping: Mapping | str | os.PathLike[str] | None = None,
) -> bytes:
    """The filled form as .docx bytes: the bundled OPP 2024-2025 form unless ``template`` (a
    path or .docx bytes) and ``mapping`` (a :class:`~opp_docs.Mapping` or the path of a
    mapping file) name another.

    Boxes are ticked, text goes into the cells beside or below the printed labels, and rows
    and tables are copied where a list is longer than the form. Raises
    :class:`~opp_docs.errors.TemplateError` when the template lacks a place the plan needs
    (``opp mapping controleren`` says which).

    >>> import opp_docs
    >>> plan = opp_docs.example_plan()
    >>> data = opp_docs.fill(plan)
    >>> opp_docs.parse(data).plan == plan
    True
    """
    data, problems = fill_what_fits(plan, template, mapping)
    if problems:
        raise TemplateError(problems)
    return data


def fill_what_fits(
    plan: OPP,
    template: Template | None = None,
    mapping: Mapping | str | os.PathLike[str] | None = None,
) -> tuple[bytes, list[Problem]]:
    """The form filled as :func:`fill` fills it, and the problems of the values that have no
    place in ``template`` instead of a :class:`~opp_docs.errors.TemplateError`: every value
    that fits is written (for carrying a plan into another form)."""
    mapping = as_mapping(mapping) or default_mapping()
    prepared = _prepare(template).for_mapping(mapping)
    places = prepared.places_for(mapping)
    # The compiled fill works out its recipes as it goes, which makes a process's first form
    # cost about 80 ms against 25 through the tree: a single form (one command, one request)
    # goes through the tree; the compiled fill starts at the second, or at the first after
    # prepare_template (a bulk job).
    started = places.filled or places.compiled is not None
    compiled = _compiled(prepared, places) if started else None
    if compiled is not None:
        report = Report(mapping, prepared.file)
        try:
            part = compiled.fill(plan, report)
        except (DeclinedError, OppError):
            pass  # written through the tree below, which raises what is wrong, if anything
        else:
            return _package(prepared, part), report.problems
    # Only the blocks a plan writes to are copied (docx.skeleton), when the template allows.
    skeleton = None if prepared.skeleton is None else prepared.skeleton.copy()
    root = copy.deepcopy(prepared.root) if skeleton is None else skeleton.root
    body = root.find(_BODY)
    if body is None:
        raise TemplateError(
            Problem(
                "sjabloon.geen_body",
                "Het sjabloon heeft geen documentinhoud.",
                Location(file=prepared.file),
            )
        )
    index = ReplayIndex(places, body, skeleton)
    writer = _Writer(index, mapping, prepared.file, prepared.ids)
    writer.write(plan)
    places.filled = True
    part = serialize_xml(root) if skeleton is None else skeleton.to_bytes()
    return _package(prepared, part), writer.problems


COMPILED = True
"""Whether fill first tries the compiled fill (:mod:`opp_docs.compiled`), which writes the
same bytes as the tree without building it; tests turn it off to compare the two."""


def _package(prepared: _Prepared, part: bytes) -> bytes:
    """The template's package with ``part`` as its main part."""
    buffer = io.BytesIO(prepared.rest)
    buffer.seek(0, io.SEEK_END)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        member = zipfile.ZipInfo(prepared.part, date_time=(1980, 1, 1, 0, 0, 0))
        member.compress_type = zipfile.ZIP_DEFLATED
        # Level 3 compresses about six times faster than the default (6), for a main part
        # about a third larger: a few kilobytes a document.
        archive.writestr(member, part, compresslevel=_COMPRESS_LEVEL)
    return buffer.getvalue()


def fill_to_path(
    plan: OPP,
    output: str | os.PathLike[str],
    *,
    template: Template | None = None,
    mapping: Mapping | str | os.PathLike[str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Fill the form (see :func:`fill`) and write it to ``output``; the path written.

    The file is written atomically (a reader never sees half a form; missing folders are
    made) and gets the permissions the umask gives any new file, ``0644`` under umask 022.
    Raises :class:`~opp_docs.errors.FileError` (``bestand.bestaat_al``) when ``output`` exists
    and ``overwrite`` is false: nothing is ever written over a file unless asked.

    >>> import opp_docs
    >>> plan = opp_docs.example_plan()
    >>> opp_docs.fill_to_path(plan, "noor.docx").name
    'noor.docx'
    >>> try:
    ...     opp_docs.fill_to_path(plan, "noor.docx")
    ... except opp_docs.OppError as error:
    ...     print(error.code)
    bestand.bestaat_al
    """
    output = Path(output)
    write_atomic(output, fill(plan, template, mapping), overwrite=overwrite)
    return output


def _write_value(cell: etree._Element, value: Any) -> None:
    """``value`` into a value cell, into the cell's own form control when it has one."""
    write_cell_value(cell, format_value(value), day=value if isinstance(value, date) else None)


class _Writer:
    """Writes one plan into one copy of the document, collecting template problems."""

    def __init__(
        self, index: ReplayIndex, mapping: Mapping, file: str | None, ids: DocumentIds
    ) -> None:
        self.index = index
        self.mapping = mapping
        self.file = file
        self.report = Report(mapping, file)
        self.problems = self.report.problems
        self._miss = self.report.miss
        self._missing_option = self.report.missing_option
        self._template_ids = ids
        self._ids: DocumentIds | None = None

    def _renumber(self, copy_: etree._Element) -> None:
        """Fresh unique ids (bookmarks, paraIds, ...) for a copied row or table; the ids in
        use were counted once, when the template was prepared, and are copied for this
        document when it first copies something."""
        if self._ids is None:
            self._ids = self._template_ids.copy()
        self._ids.renumber(copy_)

    # ----------------------------------------------------------------- entry points

    def write(self, plan: OPP) -> None:
        mapping = self.mapping
        for section in mapping.sections:
            entries = [e for e in mapping.fields if e.section == section]
            self._fields(entries, self.index.tables(section), plan, OPP, "")
        for rows in mapping.rows:
            assert rows.section is not None
            items = list(get_path(plan, rows.path))
            if not items:
                continue  # the template's rows stay as they are
            found = self.index.header(rows, self.index.tables(rows.section))
            if isinstance(found, Miss):
                self._miss(found, rows.path)
                continue
            self._rows(rows, found, items, rows.path)
        for tables in mapping.tables:
            items = list(get_path(plan, tables.path))
            if items:  # else the template's tables stay as they are
                self._tables(tables, items)

    # ----------------------------------------------------------------- fields

    def _fields(
        self,
        entries: list[FieldEntry],
        tables: Sequence[etree._Element],
        obj: Any,
        model: type[BaseModel],
        prefix: str,
        inner_rows: Sequence[RowsEntry] | None = None,
    ) -> None:
        """Write fields found among ``tables``; ``inner_rows`` are the row lists inside them
        (an evaluation's signatures), whose cells are never labels."""
        # Free text after an option goes last: it changes the option's paragraph text.
        entries = sorted(entries, key=lambda entry: entry.after_option is not None)
        values = [get_path(obj, entry.path) for entry in entries]
        idle = [is_idle(entry, value, model) for entry, value in zip(entries, values, strict=True)]
        places = self.index.value_places(entries, tables, idle=idle, inner_rows=inner_rows)
        for entry, value, place in zip(entries, values, places, strict=True):
            path = prefix + entry.path
            if isinstance(place, Miss):
                self._miss(place, path)
            elif place is not None:
                self._field(entry, value, place.cell.element, model, path)

    def _field(
        self, entry: FieldEntry, value: Any, cell: etree._Element, model: type[BaseModel], path: str
    ) -> None:
        slot = resolve(entry.path, model)
        assert slot is not None  # checked when the mapping was loaded
        if entry.place == "after_label":
            if value is not None:  # ``cell`` is the label's paragraph
                day = value if isinstance(value, date) else None
                write_inline(cell, format_value(value), day=day)
        elif entry.after_option is not None:
            if value is not None:
                self._after_option(cell, entry.after_option, value, path)
        elif slot.kind in ("choice", "multi"):
            chosen = set(value) if slot.kind == "multi" else {value} - {None}
            assert slot.enum is not None
            all_boxes = self.index.checkboxes(cell)
            for member in slot.enum:
                printed = printed_option(entry, member)
                matching = [b for b in all_boxes if option_matches(b.label, printed)]
                if not matching:
                    self._missing_option(path, printed)
                for box in matching:
                    boxes.set_checked(box, member in chosen)
        elif slot.kind == "bool":
            assert entry.option is not None
            matching = [
                b for b in self.index.checkboxes(cell) if option_matches(b.label, entry.option)
            ]
            if not matching:
                self._missing_option(path, entry.option)
            for box in matching:
                boxes.set_checked(box, bool(value))
        elif value is not None:
            _write_value(cell, value)

    def _after_option(self, cell: etree._Element, option: str, value: str, path: str) -> None:
        """Append ``value`` after the option's text: its first line in the option's own
        paragraph (after one space), further lines as paragraphs below it."""
        matching = [b for b in self.index.checkboxes(cell) if option_matches(b.label, option)]
        if not matching or matching[0].paragraph is None:
            self._missing_option(path, option)
            return
        paragraph = matching[0].paragraph
        if inline_slot(paragraph) is not None:  # a field or control after the box
            write_inline(paragraph, value)
            return
        append_text(paragraph, value)

    # ----------------------------------------------------------------- rows

    def _rows(
        self, entry: RowsEntry | TablesEntry, match: HeaderMatch, items: list[Any], path: str
    ) -> None:
        """Write items into the rows under a header, adding rows where needed."""
        if not items:
            return
        table = match.table
        header_row = match.rows[match.index].element
        item_rows = match.item_rows
        prototype = self.index.blank_row(item_rows[0].element) if item_rows else None
        key = entry.key if isinstance(entry, RowsEntry) else None
        key_col = match.columns[norm(entry.columns[key])] if key else None
        used: set[etree._Element] = set()
        previous = header_row
        for item in items:
            rows = self.index.rows(table)
            start = next(i for i, r in enumerate(rows) if r.element is previous) + 1
            target: GridRow | None = None
            for row in rows[start:]:
                if row.element in used:
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
                    self._miss(
                        Miss("mapping.rij_ontbreekt", describe(item, key), entry.section), path
                    )
                    continue
                new_row = self.index.new_row(prototype)
                previous.addnext(new_row)
                self._renumber(new_row)
                target = self.index.row_inserted(table, new_row)
                added = True
            self._write_row(entry, match, target, item, write_key=added)
            used.add(target.element)
            previous = target.element

    def _row_key(self, row: GridRow, col: int) -> str:
        cell = cell_at(row, col)
        return "" if cell is None else self.index.text(cell)

    def _key_matches(
        self, entry: RowsEntry | TablesEntry, row: GridRow, col: int, value: Any
    ) -> bool:
        if value is None:
            return False
        return self._row_key(row, col) == norm(printed_value(entry, format_value(value)))

    def _write_row(
        self,
        entry: RowsEntry | TablesEntry,
        match: HeaderMatch,
        row: GridRow,
        item: Any,
        *,
        write_key: bool,
    ) -> None:
        key = entry.key if isinstance(entry, RowsEntry) else None
        signature = entry.signature if isinstance(entry, RowsEntry) else None
        box_values = entry.boxes if isinstance(entry, RowsEntry) else {}
        for name, header in entry.columns.items():
            cell = cell_at(row, match.columns[norm(header)])
            if cell is None or name == signature:
                continue  # the signature cell is signed by hand afterwards
            value = getattr(item, name)
            if isinstance(value, Enum) or (name == key and value is not None):
                value = printed_value(entry, format_value(value))  # as the form prints it
            if name == key and not write_key and read_text(cell.element) == value:
                continue  # pre-printed exactly as the item has it
            if name in box_values:
                for box in self.index.checkboxes(cell.element):
                    for text, meaning in box_values[name].items():
                        if option_matches(box.label, text):
                            boxes.set_checked(box, value is meaning)
            elif value is not None:
                _write_value(cell.element, value)
                self.index.forget_text(cell.element)

    # ----------------------------------------------------------------- tables

    def _tables(self, entry: TablesEntry, items: list[Any]) -> None:
        assert entry.section is not None
        item_model = resolve(entry.path)
        assert item_model is not None and item_model.model is not None
        title_slot = resolve(entry.title, item_model.model)
        assert title_slot is not None and title_slot.enum is not None
        found = self.index.titled_tables(entry, title_slot.enum, self.index.tables(entry.section))
        if not found:
            self._miss(Miss("mapping.tabel_ontbreekt", entry.title, entry.section), entry.path)
            return
        # A new table copies a blank one: the template's own (never written to) where the
        # table came from the template, else a copy taken before anything is written.
        prototypes = {t.member: self._blank_table(t.table) for t in reversed(found)}
        groups: list[tuple[Enum, list[Any]]] = []
        for item in items:
            member = getattr(item, entry.title)
            if entry.header and groups and groups[-1][0] is member:
                groups[-1][1].append(item)
            else:
                groups.append((member, [item]))
        tables = list(found)
        used: set[int] = set()
        position = -1
        counts: dict[Enum, int] = {}
        for member, group in groups:
            counts[member] = counts.get(member, 0) + 1
            choice = next(
                (
                    i
                    for i, t in enumerate(tables)
                    if i > position and i not in used and t.member is member
                ),
                None,
            )
            if choice is None:
                if member not in prototypes:
                    self._miss(
                        Miss(
                            "mapping.tabel_ontbreekt", printed_option(entry, member), entry.section
                        ),
                        entry.path,
                    )
                    continue
                prototype = prototypes[member]
                anchor = tables[position].table if position >= 0 else tables[0].table
                copy_ = self._insert_table(prototype, anchor, before=position < 0)
                self.index.copied(copy_, prototype)
                title = self.index.rows(copy_)[0].cells[0]
                if entry.numbered:
                    printed = printed_option(entry, member)
                    set_cell_text(title.element, f"{printed} {counts[member]}")
                tables.insert(position + 1, TitledTable(copy_, member, title))
                choice = position + 1
                used = {i + 1 if i > position else i for i in used}
            used.add(choice)
            position = choice
            self._write_table(entry, tables[choice].table, group)

    def _blank_table(self, table: etree._Element) -> etree._Element:
        pristine = self.index.origin.get(table)
        return copy.deepcopy(table) if pristine is None else pristine

    def _insert_table(
        self, prototype: etree._Element, anchor: etree._Element, *, before: bool
    ) -> etree._Element:
        """A fresh copy of a blank table next to ``anchor``, kept apart by an empty paragraph
        (Word merges tables that touch)."""
        duplicate = copy.deepcopy(prototype)
        spacer = etree.Element(_P)
        if before:
            anchor.addprevious(duplicate)
            anchor.addprevious(spacer)
        else:
            following = anchor.getnext()
            if following is not None:
                following = self.index.live_block(following)  # a placeholder: copy the block
            if following is not None and following.tag == _P and not len(following):
                following.addnext(duplicate)
                duplicate.addnext(etree.Element(_P))
            else:
                anchor.addnext(spacer)
                spacer.addnext(duplicate)
        self._renumber(duplicate)
        return duplicate

    def _write_table(self, entry: TablesEntry, table: etree._Element, items: list[Any]) -> None:
        if entry.header:
            match = self.index.header(entry, [table])
            if isinstance(match, Miss):
                self._miss(match, entry.path)
                return
            self._rows(entry, match, items, entry.path)
            return
        (item,) = items
        item_model = resolve(entry.path)
        assert item_model is not None and item_model.model is not None
        self._fields(entry.fields, [table], item, item_model.model, f"{entry.path}.", entry.rows)
        for rows in entry.rows:
            match = self.index.header(rows, [table])
            if isinstance(match, Miss):
                self._miss(match, f"{entry.path}.{rows.path}")
                continue
            self._rows(rows, match, list(getattr(item, rows.path)), f"{entry.path}.{rows.path}")

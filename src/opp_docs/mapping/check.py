"""``opp mapping controleren``: does every entry of a mapping find its place in a template?

Reports, in Dutch, each section heading, label, header row, titled table and checkbox option
that is missing or found more than once. A new year's template passes when its mapping file
is right; no code changes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from lxml import etree
from pydantic import BaseModel

from opp_docs.docx import boxes
from opp_docs.docx.grid import cell_at
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import Source, open_package, source_name
from opp_docs.errors import Location, Problem
from opp_docs.mapping.load import as_mapping, default_mapping
from opp_docs.mapping.locate import FormIndex, HeaderMatch, Miss, ValuePlace, split_merged_tables
from opp_docs.mapping.paths import resolve
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry
from opp_docs.mapping.values import option_matches, printed_option
from opp_docs.model import OPP
from opp_docs.resources import DEFAULT_TEMPLATE, bundled_file

__all__ = ["check_mapping"]


class _Checker:
    def __init__(self, index: FormIndex, mapping: Mapping, file: str | None) -> None:
        self.index = index
        self.mapping = mapping
        self.file = file
        self.problems: list[Problem] = []
        self.missing: set[str] = set()  # sections whose heading is not in the template

    def report(self, code: str, what: str, path: str, section: str | None) -> None:
        self.miss(Miss(code, what, section), path)

    def miss(self, miss: Miss, path: str) -> None:
        if miss.section in self.missing:
            return  # its heading is reported once, not every label under it
        section = miss.section
        where = f" (onderdeel '{self.mapping.sections[section]}')" if section else ""
        self.problems.append(
            Problem(
                miss.code,
                miss.message() + where + " Pas het sjabloon of de mapping aan.",
                Location(file=self.file, label=miss.what, path=tuple(path.split("."))),
            )
        )

    def sections(self) -> None:
        found = {section for section, _ in self.index.sections}
        for key, heading in self.mapping.sections.items():
            if key not in found:
                self.report("mapping.sectie_ontbreekt", heading, key, None)
                self.missing.add(key)

    def fields(
        self,
        entries: list[FieldEntry],
        tables: Sequence[etree._Element],
        model: type[BaseModel],
        prefix: str,
    ) -> None:
        places = self.index.value_places(entries, tables)
        for entry, place in zip(entries, places, strict=True):
            path = prefix + entry.path
            if isinstance(place, Miss):
                self.miss(place, path)
            elif isinstance(place, ValuePlace):
                self.options(entry, place, model, path)

    def options(
        self, entry: FieldEntry, place: ValuePlace, model: type[BaseModel], path: str
    ) -> None:
        slot = resolve(entry.path, model)
        assert slot is not None
        found = boxes.find_checkboxes(place.cell.element)
        wanted: list[str] = []
        if entry.option is not None:
            wanted = [entry.option]
        elif entry.after_option is not None:
            wanted = [entry.after_option]
        elif slot.enum is not None:
            wanted = [printed_option(entry, member) for member in slot.enum]
        for text in wanted:
            if not any(option_matches(box.label, text) for box in found):
                self.report("mapping.optie_ontbreekt", text, path, entry.section)

    def key_rows(self, rows: RowsEntry, match: HeaderMatch) -> None:
        """A list that may not add rows needs a pre-printed row for every choice."""
        assert rows.key is not None
        slot = resolve(rows.path)
        key = resolve(rows.key, slot.model) if slot is not None and slot.model else None
        if key is None or key.enum is None:
            return
        col = match.columns[boxes.normalize_label(rows.columns[rows.key])]
        texts = set()
        for row in match.item_rows:
            cell = cell_at(row, col)
            if cell is not None:
                texts.add(self.index.text(cell))
        for member in key.enum:
            printed = printed_option(rows, member)
            if boxes.normalize_label(printed) not in texts:
                self.report("mapping.rij_ontbreekt", printed, rows.path, rows.section)

    def run(self) -> None:
        self.sections()
        for section in self.mapping.sections:
            entries = [e for e in self.mapping.fields if e.section == section]
            self.fields(entries, self.index.tables(section), OPP, "")
        for rows in self.mapping.rows:
            match = self.index.header(rows, self.index.tables(rows.section))
            if isinstance(match, Miss):
                self.miss(match, rows.path)
            elif rows.key is not None and not rows.add_rows:
                self.key_rows(rows, match)
        for tables in self.mapping.tables:
            slot = resolve(tables.path)
            assert slot is not None and slot.model is not None
            title = resolve(tables.title, slot.model)
            assert title is not None and title.enum is not None
            titled = self.index.titled_tables(tables, title.enum, self.index.tables(tables.section))
            present = {t.member for t in titled}
            for member in title.enum:
                if member not in present:
                    printed = printed_option(tables, member)
                    self.report("mapping.tabel_ontbreekt", printed, tables.path, tables.section)
            for table in titled:
                if tables.header:
                    match = self.index.header(tables, [table.table])
                    if not isinstance(match, HeaderMatch):
                        self.miss(match, tables.path)
                prefix = f"{tables.path}."
                self.fields(list(tables.fields), [table.table], slot.model, prefix)
                for rows in tables.rows:
                    match = self.index.header(rows, [table.table])
                    if isinstance(match, Miss):
                        self.miss(match, prefix + rows.path)


def check_mapping(
    template: Source | None = None, mapping: Mapping | str | os.PathLike[str] | None = None
) -> list[Problem]:
    """Every problem of ``mapping`` (default: the bundled one) against ``template``
    (default: the bundled form); an empty list means every entry has exactly one place.

    >>> check_mapping()
    []
    """
    source = template if template is not None else bundled_file("templates", DEFAULT_TEMPLATE)
    package = open_package(source)
    file = source_name(source)
    body = package.xml(package.main_part()).find(qn("w:body"))
    mapping = as_mapping(mapping) or default_mapping()
    if body is None:
        return [Problem("pakket.geen_docx", "Het sjabloon heeft geen inhoud.", Location(file=file))]
    # Tables Word joined (the empty line between them deleted) are read apart, as parse and
    # fill read them; the index is built again only when a table was split.
    index = FormIndex(body, mapping)
    if split_merged_tables(body, mapping, index):
        index = FormIndex(body, mapping)
    checker = _Checker(index, mapping, file)
    checker.run()
    # One problem per place: a label shared by two fields is reported once.
    unique: dict[tuple[str, str | None], Problem] = {}
    for problem in checker.problems:
        unique.setdefault((problem.code, problem.location.label), problem)
    return list(unique.values())

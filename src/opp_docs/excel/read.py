"""Read plans from a workbook: the layout's sheets, or a student administration's export.

The workbook is read streaming (openpyxl read-only). Only known columns are read; others
(an export's address or BSN columns) are ignored and never stored. Every value is checked
where it stands, every plan is validated once by the model, and every problem keeps its
sheet, row, column and value. A plan with a problem is held back; the others are returned.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from pydantic import ValidationError

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.package import check_archive
from opp_docs.errors import FileError, Location, Problem, UnsafePackageError
from opp_docs.excel.aliases import NameParts, aliases
from opp_docs.excel.cells import CellError, from_cell
from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, Column, Sheet, layout
from opp_docs.model import OPP
from opp_docs.validation import translate_errors

__all__ = ["SourcePlan", "WorkbookPlans", "open_workbook", "read_workbook"]

_PLANS = "Leerlingen"


@dataclass(frozen=True)
class SourcePlan:
    """A valid plan and the row of the plans sheet it came from."""

    plan: OPP
    row: int


@dataclass
class WorkbookPlans:
    """What a workbook held: the valid plans, the problems, and the columns not read.

    From :func:`open_workbook`, ``plans`` stays empty and :meth:`iter_plans` validates the
    plans one at a time (a problem of a plan is added to ``problems`` when it comes up), so
    that 10,000 students never sit in memory as 10,000 validated plans at once.
    """

    plans: list[SourcePlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0  # rows of the plans sheet that held anything
    file: str = ""
    _pending: list[_Draft] = field(default_factory=list, repr=False)

    @property
    def pending(self) -> int:
        """How many plans :meth:`iter_plans` has still to validate."""
        return len(self._pending)

    def iter_plans(self) -> Iterator[SourcePlan]:
        """Validate and yield the pending plans in row order, forgetting each draft."""
        while self._pending:
            draft = self._pending.pop(0)
            plan = _validate_one(self, draft)
            if plan is not None:
                yield SourcePlan(plan, draft.row)


_Place = tuple[str, int, str | None]


@dataclass(slots=True)
class _Draft:
    """One plan being read: its data, where each value came from, whether it failed."""

    row: int
    data: dict[str, Any] = field(default_factory=dict)
    # Where each value came from, compactly: (sheet, row, column header). A Location is made
    # only for a problem; 10,000 students times their values would otherwise fill memory.
    places: dict[tuple[str | int, ...], _Place] = field(default_factory=dict)
    failed: bool = False
    names: NameParts = field(default_factory=NameParts)


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    data[path[-1]] = value


def _get_list(data: dict[str, Any], path: tuple[str, ...]) -> list[Any]:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    found: list[Any] = data.setdefault(path[-1], [])
    return found


class _Reader:
    def __init__(self, file: Path) -> None:
        self.file = str(file)
        self.result = WorkbookPlans()

    def problem(self, code: str, message: str, where: Location, value: Any = None) -> None:
        self.result.problems.append(Problem(code, message, where, value))

    def location(self, sheet: str, row: int, column: str | None) -> Location:
        return Location(file=self.file, sheet=sheet, row=row, column=column)


def _header_map(
    headers: list[Any], sheet: Sheet, with_aliases: bool
) -> tuple[dict[int, Column | str], list[str]]:
    """Which column of the sheet each header is (a Column, a key header, or a name part)."""
    by_header = {normalize_label(c.header): c for c in sheet.columns}
    keys = {normalize_label(KEY_HEADER): KEY_HEADER, normalize_label(NUMBER_HEADER): NUMBER_HEADER}
    table = aliases() if with_aliases else None
    found: dict[int, Column | str] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        if header is None or not str(header).strip():
            continue
        text = normalize_label(str(header))
        if sheet.path and text in keys:
            found[index] = keys[text]
        elif text in by_header:
            found[index] = by_header[text]
        elif table is not None and text in table.columns:
            target = normalize_label(table.columns[text])
            if target in by_header:
                found[index] = by_header[target]
        elif table is not None and text in table.name_parts:
            found[index] = table.name_parts[text]
        if index not in found:
            ignored.append(str(header).strip())
    return found, ignored


def _rows(worksheet: Any) -> Iterator[tuple[int, list[Any]]]:
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        yield number, list(values)


def read_workbook(path: Path) -> WorkbookPlans:
    """Read and validate every plan of a workbook (see the module docstring)."""
    result = open_workbook(path)
    result.plans = list(result.iter_plans())
    return result


def open_workbook(path: Path) -> WorkbookPlans:
    """Read a workbook; the plans are validated as :meth:`WorkbookPlans.iter_plans` goes."""
    reader = _Reader(path)
    check_archive(path, "xlsx")  # what it is if no zip, zip bombs, macros: before openpyxl
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise FileError(
            Problem("bestand.niet_gevonden", "Het bestand bestaat niet.", Location(file=str(path)))
        ) from exc
    except DefusedXmlException as exc:
        raise UnsafePackageError(
            Problem(
                "excel.onveilig",
                "De werkmap bevat XML met een DTD of entiteiten; die wordt niet gelezen. Sla het "
                "bestand opnieuw op in Excel.",
                Location(file=str(path)),
            )
        ) from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileError(
            Problem(
                "excel.onleesbaar",
                "Dit is geen leesbaar Excel-bestand (.xlsx). Sla het in Excel op als "
                "'Excel-werkmap (.xlsx)' en probeer opnieuw.",
                Location(file=str(path)),
            )
        ) from exc
    try:
        drafts = _read_plans(reader, workbook)
        for sheet in layout()[1:]:
            if sheet.name in workbook.sheetnames:
                _read_list(reader, workbook[sheet.name], sheet, drafts)
        reader.result.file = reader.file
        reader.result._pending = sorted(
            (d for d in drafts.values() if not d.failed), key=lambda d: d.row
        )
    except DefusedXmlException as exc:
        raise UnsafePackageError(
            Problem(
                "excel.onveilig",
                "De werkmap bevat XML met een DTD of entiteiten; die wordt niet gelezen. Sla het "
                "bestand opnieuw op in Excel.",
                Location(file=str(path)),
            )
        ) from exc
    except (ElementTree.ParseError, etree.XMLSyntaxError, zipfile.BadZipFile, KeyError) as exc:
        raise FileError(
            Problem(
                "excel.onleesbaar",
                "Een deel van de werkmap is beschadigd en kan niet worden gelezen. Open het "
                "bestand in Excel, sla het opnieuw op en probeer het nog eens.",
                Location(file=str(path)),
            )
        ) from exc
    finally:
        workbook.close()
    return reader.result


def _read_plans(reader: _Reader, workbook: Any) -> dict[str, _Draft]:
    sheet = layout()[0]
    # A school's export has one sheet with any name; the layout's own is called Leerlingen.
    name = _PLANS if _PLANS in workbook.sheetnames else workbook.sheetnames[0]
    rows = _rows(workbook[name])
    _, headers = next(rows, (1, []))
    columns, ignored = _header_map(headers, sheet, with_aliases=True)
    reader.result.ignored_columns = ignored
    if not any(
        (isinstance(c, Column) and c.header == KEY_HEADER) or c == KEY_HEADER
        for c in columns.values()
    ):
        raise FileError(
            Problem(
                "excel.geen_leerlingnummer",
                f"Het blad '{name}' heeft geen kolom '{KEY_HEADER}' (of 'Stamnummer'). Zet "
                "de kolomkoppen in de eerste rij.",
                Location(file=reader.file, sheet=name, row=1),
            )
        )
    drafts: dict[str, _Draft] = {}
    duplicates: dict[str, list[_Draft]] = {}
    for number, values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        reader.result.rows += 1
        draft = _Draft(number)
        for index, target in columns.items():
            value = values[index] if index < len(values) else None
            header = str(headers[index]).strip()
            if isinstance(target, str):
                draft.names = draft.names.with_part(target, value)
                continue
            if value is None or value == "":
                continue  # an empty cell is the model's default: keep nothing for it
            try:
                converted = from_cell(target, value)
            except CellError as exc:
                where = reader.location(name, number, header)
                reader.problem(exc.code, exc.message, replace(where, label=target.header), value)
                draft.failed = True
                continue
            _set(draft.data, target.path, converted)
            draft.places[target.path] = (name, number, header)
        composed = draft.names.compose()
        if composed and not draft.data.get("leerling", {}).get("naam"):
            _set(draft.data, ("leerling", "naam"), composed)
            draft.places[("leerling", "naam")] = (name, number, "Naam")
        key = draft.data.get("leerling", {}).get("leerlingnummer")
        if not key or not str(key).strip():
            reader.problem(
                "excel.leerlingnummer_ontbreekt",
                "Deze rij heeft geen leerlingnummer. Vul het in; het koppelt de rij aan de "
                "andere bladen en aan de bestandsnaam.",
                reader.location(name, number, KEY_HEADER),
            )
            continue
        key = str(key).strip()
        if key in drafts or key in duplicates:
            duplicates.setdefault(key, [drafts.pop(key)] if key in drafts else []).append(draft)
            continue
        drafts[key] = draft
    for key, group in duplicates.items():
        for draft in group:
            reader.problem(
                "excel.leerlingnummer_dubbel",
                f"Het leerlingnummer staat in {len(group)} rijen; geen van die plannen is "
                "gemaakt. Geef elke leerling een eigen nummer.",
                reader.location(name, draft.row, KEY_HEADER),
                key,
            )
        drafts[key] = _Draft(group[0].row, failed=True)  # child rows still find their plan
    return drafts


def _read_list(reader: _Reader, worksheet: Any, sheet: Sheet, drafts: dict[str, _Draft]) -> None:
    rows = _rows(worksheet)
    _, headers = next(rows, (1, []))
    columns, _ = _header_map(headers, sheet, with_aliases=False)
    key_index = next((i for i, c in columns.items() if c == KEY_HEADER), None)
    number_index = next((i for i, c in columns.items() if c == NUMBER_HEADER), None)
    if key_index is None or (sheet.numbered and number_index is None):
        needed = f"'{KEY_HEADER}'" + (f" en '{NUMBER_HEADER}'" if sheet.numbered else "")
        reader.problem(
            "excel.kolom_ontbreekt",
            f"Het blad mist de kolom {needed}; de rijen zijn niet gelezen.",
            reader.location(sheet.name, 1, None),
        )
        return
    for number, values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        raw_key = values[key_index] if key_index < len(values) else None
        key = str(int(raw_key) if isinstance(raw_key, float) and raw_key.is_integer() else raw_key)
        draft = drafts.get(key.strip()) if raw_key is not None else None
        if draft is None:
            reader.problem(
                "excel.onbekende_leerling",
                "Bij dit leerlingnummer staat geen leerling op het blad Leerlingen; de rij is "
                "niet gebruikt. Controleer het nummer.",
                reader.location(sheet.name, number, KEY_HEADER),
                raw_key,
            )
            continue
        if draft.failed and not draft.data:
            continue  # a plan held back for a duplicate number
        item: dict[str, Any] = {}
        for index, target in columns.items():
            if not isinstance(target, Column):
                continue
            value = values[index] if index < len(values) else None
            if value is None or value == "":
                continue
            header = str(headers[index]).strip()
            try:
                converted = from_cell(target, value)
            except CellError as exc:
                where = reader.location(sheet.name, number, header)
                reader.problem(exc.code, exc.message, where, value)
                draft.failed = True
                continue
            _set(item, target.path, converted)
        if sheet.numbered:
            container = _nested_container(reader, draft, sheet, values[number_index or 0], number)
            if container is None:
                continue
            items, prefix = container
        else:
            items = _get_list(draft.data, sheet.path)
            prefix = sheet.path
        position = len(items)
        items.append(item)
        # One place per row: a value's column is found from the layout when it is needed.
        draft.places[(*prefix, position)] = (sheet.name, number, None)


def _nested_container(
    reader: _Reader, draft: _Draft, sheet: Sheet, raw: Any, row: int
) -> tuple[list[Any], tuple[str | int, ...]] | None:
    parent_path, child = sheet.path[:-1], sheet.path[-1]
    parents = _get_list(draft.data, parent_path)
    try:
        index = int(raw) - 1
    except (TypeError, ValueError):
        index = -1
    if not 0 <= index < len(parents):
        reader.problem(
            "excel.onbekend_nummer",
            "Deze leerling heeft geen evaluatie met dit nummer op het blad Evaluaties; "
            "de rij is niet gebruikt.",
            reader.location(sheet.name, row, NUMBER_HEADER),
            raw,
        )
        return None
    items: list[Any] = parents[index].setdefault(child, [])
    return items, (*parent_path, index, child)


def _validate_one(result: WorkbookPlans, draft: _Draft) -> OPP | None:
    try:
        return OPP.model_validate(draft.data)
    except ValidationError as exc:
        for problem in translate_errors(exc):
            path = problem.location.path
            sheet, row, column = _place_of(draft.places, path) or (_PLANS, draft.row, None)
            result.problems.append(
                Problem(
                    problem.code,
                    problem.message,
                    Location(
                        file=result.file,
                        sheet=sheet,
                        row=row,
                        column=column,
                        label=problem.location.label,
                        path=path,
                    ),
                    problem.input,
                )
            )
        return None


def _place_of(
    places: dict[tuple[str | int, ...], _Place], path: tuple[str | int, ...]
) -> _Place | None:
    """Where the value at ``path`` came from; for a row of a list sheet, its column is the
    layout's header for the rest of the path."""
    for end in range(len(path), 0, -1):
        found = places.get(path[:end])
        if found is None:
            continue
        sheet, row, column = found
        rest = tuple(str(step) for step in path[end:])
        if column is None and rest:
            column = _COLUMN_HEADERS.get((sheet, rest))
        return sheet, row, column
    return None


_COLUMN_HEADERS: dict[tuple[str, tuple[str, ...]], str] = {
    (sheet.name, column.path): column.header for sheet in layout() for column in sheet.columns
}

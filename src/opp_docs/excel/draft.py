"""Rows of a workbook turned into one plan's dict, with the place of every value kept aside.

A row of the plans sheet starts a :class:`Draft`; a row of a list sheet becomes a
:class:`ListRow` (its cells checked where they stand) and is attached to its student's draft;
:func:`validate` then checks the draft once with the model and gives each problem the sheet,
row and column its value came from. Only known columns are read: a header becomes a
:class:`~opp_docs.excel.layout.Column`, a key header or a name part of an export, or is
ignored (an export's address or BSN columns are never stored).

:func:`build` does all of that for one student from its rows as read (:class:`StudentRows`,
flat values) and what the reading of the workbook found (:class:`Reading`), so that it can run
in a worker process while the workbook is still being read: the reader
(:mod:`opp_docs.excel.read`) only finds each student's rows, and the caller hands back each
:class:`StudentPlan` in row order, so the problems come in the same order wherever it ran.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from opp_docs.docx.boxes import normalize_label
from opp_docs.errors import Location, Problem
from opp_docs.excel.aliases import NameParts, aliases
from opp_docs.excel.cells import CellError, CellNote, from_cell
from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, Column, Sheet, layout
from opp_docs.model import OPP
from opp_docs.validation import translate_errors

__all__ = [
    "NAME_PATHS",
    "PLANS",
    "Columns",
    "Draft",
    "ListRow",
    "RawRow",
    "Reading",
    "StudentPlan",
    "StudentRows",
    "attach",
    "blank",
    "build",
    "header_map",
    "leerling_values",
    "list_key",
    "list_row",
    "plan_draft",
    "plan_key",
    "validate",
]

PLANS = "Leerlingen"
"""The plans sheet of the layout (an export's plans sheet may have any name)."""

_Place = tuple[str, int, str | None]


@dataclass(frozen=True)
class Columns:
    """What each column of a sheet is, by its index in a row: a Column, a key header or an
    export's name part; with the headers as typed, and those not read."""

    targets: dict[int, Column | str]
    headers: dict[int, str]
    ignored: list[str]

    def index(self, key: str) -> int | None:
        """The first column that is the key header ``key`` (Leerlingnummer, Nr)."""
        return next((i for i, target in self.targets.items() if target == key), None)

    @property
    def plan_keys(self) -> list[tuple[int, Column]]:
        """The columns of the plans sheet that hold the Leerlingnummer (an export may have
        it twice, under two aliases; the last filled one counts)."""
        return [
            (i, target)
            for i, target in self.targets.items()
            if isinstance(target, Column) and target.header == KEY_HEADER
        ]

    def only(self, paths: Collection[tuple[str, ...]]) -> Columns:
        """These columns with only the targets at ``paths`` and the name parts: enough to
        read a few values of a row the way :func:`plan_draft` reads them."""
        kept = {
            i: t
            for i, t in self.targets.items()
            if isinstance(t, str) or (isinstance(t, Column) and t.path in paths)
        }
        return Columns(kept, {i: self.headers[i] for i in kept}, [])


def header_map(headers: Iterable[Any], sheet: Sheet, with_aliases: bool) -> Columns:
    """Which column of ``sheet`` each header is; with export aliases for the plans sheet."""
    by_header = {normalize_label(c.header): c for c in sheet.columns}
    keys = {normalize_label(KEY_HEADER): KEY_HEADER, normalize_label(NUMBER_HEADER): NUMBER_HEADER}
    table = aliases() if with_aliases else None
    found: dict[int, Column | str] = {}
    texts: dict[int, str] = {}
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
        if index in found:
            texts[index] = str(header).strip()
        else:
            ignored.append(str(header).strip())
    return Columns(found, texts, ignored)


@dataclass(slots=True)
class Draft:
    """One plan being read: its data, where each value came from, whether it failed."""

    row: int
    sheet: str = PLANS  # the plans sheet's real name (an export's may be 'Export')
    data: dict[str, Any] = field(default_factory=dict)
    # Where each value came from, compactly: (sheet, row, column header), one place per list
    # row. A Location is made only for a problem.
    places: dict[tuple[str | int, ...], _Place] = field(default_factory=dict)
    failed: bool = False
    names: NameParts = field(default_factory=NameParts)


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row of a list sheet, its cells converted: the item, whether a cell failed, and
    the raw number of the item it belongs to (a signature's evaluation)."""

    number: int
    item: dict[str, Any]
    failed: bool
    parent: Any = None


def blank(values: Iterable[Any]) -> bool:
    """Whether a row holds nothing but empty cells and spaces."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _value(values: tuple[Any, ...] | list[Any], index: int) -> Any:
    return values[index] if index < len(values) else None


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    data[path[-1]] = value


def _get_list(data: dict[str, Any], path: tuple[str, ...]) -> list[Any]:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    found: list[Any] = data.setdefault(path[-1], [])
    return found


def _where(file: str, sheet: str, row: int, column: str | None) -> Location:
    return Location(file=file, sheet=sheet, row=row, column=column)


def plan_key(cells: Iterable[tuple[Column, Any]]) -> str | None:
    """The Leerlingnummer of a plans row from its key columns' cells, as the plan's data
    holds it (the last filled one), stripped; None if there is none."""
    key: Any = None
    for column, value in cells:
        if value is None or value == "":
            continue
        try:
            key = from_cell(column, value)
        except CellError:
            continue  # reported where the row is read in full
    if not key or not str(key).strip():
        return None
    return str(key).strip()


def list_key(raw: Any) -> str | None:
    """The Leerlingnummer a list row points to (240117.0 from a number cell is 240117)."""
    if raw is None:
        return None
    return str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw).strip()


def _cell_problem(
    exc: CellError | CellNote, where: Location, value: Any, key: str | None, strict: bool
) -> Problem:
    """A cell that does not fit (or was read with a guess), saying what it costs the form."""
    whose = f"van leerling {key}" if key else "van deze leerling"
    if isinstance(exc, CellNote):
        cost = ""
    elif strict:
        cost = f" Het formulier {whose} is niet gemaakt."
    else:
        cost = f" Het formulier {whose} is gemaakt met dit veld leeg."
    return Problem(exc.code, exc.message + cost, where, value)


def _read_cell(
    target: Column,
    value: Any,
    where: Location,
    key: str | None,
    strict: bool,
    problems: list[Problem],
) -> tuple[bool, Any]:
    """Whether the cell was read, and its value; each problem it has added to ``problems``."""
    notes: list[CellNote] | None = None if strict else []
    try:
        converted = from_cell(target, value, notes)
    except CellError as exc:
        problems.append(_cell_problem(exc, where, value, key, strict))
        return False, None
    for note in notes or ():
        problems.append(_cell_problem(note, where, value, key, strict))
    return True, converted


def plan_draft(
    file: str,
    sheet: str,
    columns: Columns,
    number: int,
    values: tuple[Any, ...] | list[Any],
    problems: list[Problem],
    strict: bool = False,
) -> Draft:
    """A plans row as a draft. A cell that does not fit is a problem and left empty; with
    ``strict`` it fails the draft."""
    draft = Draft(number, sheet)
    key = plan_key((c, _value(values, i)) for i, c in columns.plan_keys)
    for index, target in columns.targets.items():
        value = _value(values, index)
        if isinstance(target, str):
            draft.names = draft.names.with_part(target, value)
            continue
        if value is None or value == "":
            continue  # an empty cell is the model's default: keep nothing for it
        header = columns.headers[index]
        where = replace(_where(file, sheet, number, header), label=target.header)
        read, converted = _read_cell(target, value, where, key, strict, problems)
        if not read:
            draft.failed = draft.failed or strict
            continue
        _set(draft.data, target.path, converted)
        draft.places[target.path] = (sheet, number, header)
    composed = draft.names.compose()
    if composed and not draft.data.get("leerling", {}).get("naam"):
        _set(draft.data, ("leerling", "naam"), composed)
        draft.places[("leerling", "naam")] = (sheet, number, "Naam")
    return draft


def list_row(
    file: str,
    sheet: Sheet,
    columns: Columns,
    number: int,
    values: tuple[Any, ...] | list[Any],
    problems: list[Problem],
    strict: bool = False,
) -> ListRow:
    """A list sheet's row as an item. A cell that does not fit is a problem and left empty;
    with ``strict`` it fails the row (and so its plan)."""
    item: dict[str, Any] = {}
    failed = False
    position = columns.index(KEY_HEADER)
    key = None if position is None else list_key(_value(values, position))
    for index, target in columns.targets.items():
        if not isinstance(target, Column):
            continue
        value = _value(values, index)
        if value is None or value == "":
            continue
        where = _where(file, sheet.name, number, columns.headers[index])
        read, converted = _read_cell(target, value, where, key, strict, problems)
        if not read:
            failed = failed or strict
            continue
        _set(item, target.path, converted)
    parent = None
    if sheet.numbered:
        position = columns.index(NUMBER_HEADER)
        parent = None if position is None else _value(values, position)
    return ListRow(number, item, failed, parent)


def attach(file: str, draft: Draft, sheet: Sheet, row: ListRow, problems: list[Problem]) -> None:
    """Add a list row's item to its plan (a signature to its evaluation, by number)."""
    if row.failed:
        draft.failed = True  # the row still counts: a later row may point to it by number
    if sheet.numbered:
        parent_path, child = sheet.path[:-1], sheet.path[-1]
        parents = _get_list(draft.data, parent_path)
        try:
            index = int(row.parent) - 1
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < len(parents):
            problems.append(
                Problem(
                    "excel.onbekend_nummer",
                    "Deze leerling heeft geen evaluatie met dit nummer op het blad Evaluaties; "
                    "de rij is niet gebruikt.",
                    _where(file, sheet.name, row.number, NUMBER_HEADER),
                    row.parent,
                )
            )
            return
        items: list[Any] = parents[index].setdefault(child, [])
        prefix: tuple[str | int, ...] = (*parent_path, index, child)
    else:
        items = _get_list(draft.data, sheet.path)
        prefix = sheet.path
    position = len(items)
    items.append(row.item)
    # One place per row: a value's column is found from the layout when it is needed.
    draft.places[(*prefix, position)] = (sheet.name, row.number, None)


def validate(file: str, draft: Draft, problems: list[Problem], strict: bool = False) -> OPP | None:
    """The draft as a plan, or None, with its problems placed at sheet, row and column.

    A value the model refuses costs that value, as a bad cell does: it is left out (a row of
    a list sheet with it) and the plan is made without it. With ``strict``, or when leaving
    values out does not help (a rule over the whole plan), the plan is held back.
    """
    try:
        return OPP.model_validate(draft.data)
    except ValidationError as exc:
        refused = translate_errors(exc, data=draft.data)
    plan = None if strict else _without_refused(draft.data, refused)
    whose = _whose(draft)
    for problem in refused:
        path = problem.location.path
        if plan is None:
            cost = f" Het formulier {whose} is niet gemaakt."
        elif any(isinstance(step, int) for step in path):
            cost = f" Het formulier {whose} is gemaakt zonder deze rij."
        else:
            cost = f" Het formulier {whose} is gemaakt zonder deze waarde."
        sheet, row, column = _place_of(draft.places, path) or (draft.sheet, draft.row, None)
        where = Location(
            file=file,
            sheet=sheet,
            row=row,
            column=column,
            label=problem.location.label,
            path=path,
        )
        problems.append(Problem(problem.code, problem.message + cost, where, problem.input))
    return plan


def _without_refused(data: dict[str, Any], refused: list[Problem]) -> OPP | None:
    """The plan made from ``data`` without the values (or list rows) the model refused;
    None when that does not make a valid plan."""
    pruned = copy.deepcopy(data)
    rows: dict[tuple[str | int, ...], set[int]] = {}
    for problem in refused:
        path = problem.location.path
        index = next((i for i, step in enumerate(path) if isinstance(step, int)), None)
        if index is not None:  # a value in a list row: that row goes
            rows.setdefault(path[:index], set()).add(int(path[index]))
        elif not path or (path[0] in _SECTIONS and len(path) == 1) or not _drop(pruned, path):
            return None  # a whole part of the plan is not left out
    for list_path, gone in rows.items():
        items = _find(pruned, list_path)
        if not isinstance(items, list):
            return None
        items[:] = [item for i, item in enumerate(items) if i not in gone]
    try:
        return OPP.model_validate(pruned)
    except ValidationError:
        return None


_SECTIONS = frozenset(
    name for name, value in OPP().__dict__.items() if isinstance(value, BaseModel)
)


def _find(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        found = isinstance(data, dict) and step in data
        if not found and not (isinstance(data, list) and isinstance(step, int)):
            return None
        if not found and not 0 <= int(step) < len(data):
            return None
        data = data[step]
    return data


def _drop(data: dict[str, Any], path: tuple[str | int, ...]) -> bool:
    """Remove the value at ``path``; whether it was there."""
    parent = _find(data, path[:-1])
    if isinstance(parent, dict) and path[-1] in parent:
        del parent[path[-1]]
        return True
    return False


def _whose(draft: Draft) -> str:
    leerling = draft.data.get("leerling")
    key = leerling.get("leerlingnummer") if isinstance(leerling, dict) else None
    return f"van leerling {key}" if key else "van deze leerling"


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


# --------------------------------------------------------------------------- one student

RawRow = tuple[int, tuple[Any, ...]]
"""A row as read: its number and its values (as openpyxl's ``values_only`` gives them)."""


@dataclass(frozen=True, slots=True)
class StudentRows:
    """One row of the plans sheet and, for a student, the rows of each list sheet that belong
    to it, as read: flat values, cheap to send to a worker process."""

    number: int
    values: tuple[Any, ...]
    lists: tuple[tuple[RawRow, ...], ...] = ()  # by list sheet, in the order of Reading.lists
    missing_key: bool = False  # the row has no Leerlingnummer: no plan, a problem
    repeated: bool = False  # its Leerlingnummer stands on more rows: no plan

    @property
    def student(self) -> bool:
        """Whether a plan is built from this row (else it is read for its problems only)."""
        return not (self.missing_key or self.repeated)


@dataclass(frozen=True)
class Reading:
    """What turning a workbook's rows into plans needs besides the rows themselves: the
    file, the plans sheet as the workbook names it and its columns, each list sheet read
    with its columns (a sheet whose key column is missing too: it gives no rows), strict."""

    file: str
    sheet: str
    columns: Columns
    lists: tuple[tuple[Sheet, Columns], ...]
    strict: bool = False


@dataclass
class StudentPlan:
    """One row of the plans sheet built: its plan (None when none is made) and the problems
    found, by where they go in the reader's order of problems."""

    row: int
    plan: OPP | None = None
    problems: list[Problem] = field(default_factory=list)  # the plans sheet's
    list_problems: tuple[list[Problem], ...] = ()  # each list sheet's, as Reading.lists
    model_problems: list[Problem] = field(default_factory=list)


def build(reading: Reading, rows: StudentRows) -> StudentPlan:
    """The plan of one row of the plans sheet, from its rows as read, with its problems:
    its cells checked, its list rows attached, the draft validated once."""
    file, strict = reading.file, reading.strict
    built = StudentPlan(rows.number)
    draft = plan_draft(
        file, reading.sheet, reading.columns, rows.number, rows.values, built.problems, strict
    )
    if rows.missing_key:
        built.problems.append(
            Problem(
                "excel.leerlingnummer_ontbreekt",
                "Deze rij heeft geen leerlingnummer. Vul het in; het koppelt de rij aan "
                "de andere bladen en aan de bestandsnaam.",
                _where(file, reading.sheet, rows.number, KEY_HEADER),
            )
        )
    if not rows.student:
        return built
    found: list[list[Problem]] = []
    for (sheet, columns), raw in zip(reading.lists, rows.lists, strict=True):
        problems: list[Problem] = []
        for number, values in raw:
            row = list_row(file, sheet, columns, number, values, problems, strict)
            attach(file, draft, sheet, row, problems)
        found.append(problems)
    built.list_problems = tuple(found)
    if not draft.failed:
        built.plan = validate(file, draft, built.model_problems, strict)
    return built


NAME_PATHS = frozenset({("leerling", "leerlingnummer"), ("leerling", "naam"), ("leerling", "klas")})
"""The model paths of the values a form's file name may use (:func:`leerling_values`)."""


def leerling_values(columns: Columns, values: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    """The Leerlingnummer, name and class of a plans row as its draft holds them (the name
    composed from an export's name parts when there is no name column), read without the
    rest of the row: enough to name a student's form before its plan is built.

    ``columns`` is the plans sheet's, best narrowed once with
    ``columns.only(NAME_PATHS)``. A text cell always reads, so these are the plan's values
    whenever the plan is made (the model keeps every character of a text).
    """
    draft = plan_draft("", "", columns, 0, values, [], strict=False)
    leerling = draft.data.get("leerling", {})
    return {name: leerling.get(name) for name in ("leerlingnummer", "naam", "klas")}

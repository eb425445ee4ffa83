"""Model paths of a mapping: what kind of value sits at ``leerling.naam`` and friends.

The kind decides how a value is written to and read from the form: text in a cell, a date,
a number, one box of a group (an enum), several boxes (a list of enums), one box (a bool),
rows (a list of models) or a composite cell (a model such as Periode).
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from opp_docs.errors import Location, Problem
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry, TablesEntry
from opp_docs.model import OPP

__all__ = ["Kind", "Slot", "check_against_model", "resolve"]

Kind = Literal["text", "date", "int", "bool", "choice", "multi", "items", "composite"]


@dataclass(frozen=True)
class Slot:
    """What a model path holds: its kind, the enum or item model, and its printed title."""

    kind: Kind
    title: str | None
    enum: type[Enum] | None = None
    model: type[BaseModel] | None = None
    optional: bool = True


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _slot(annotation: Any, title: str | None) -> Slot | None:
    inner, optional = _strip_optional(annotation)
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        if isinstance(item, type) and issubclass(item, Enum):
            return Slot("multi", title, enum=item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return Slot("items", title, model=item)
        return None
    if not isinstance(inner, type):
        return None
    kind: Kind | None = None
    if issubclass(inner, Enum):
        return Slot("choice", title, enum=inner, optional=optional)
    if issubclass(inner, BaseModel):
        return Slot("composite", title, model=inner)
    if issubclass(inner, bool):
        kind = "bool"
    elif issubclass(inner, int):
        kind = "int"
    elif issubclass(inner, date):
        kind = "date"
    elif issubclass(inner, str):
        kind = "text"
    return None if kind is None else Slot(kind, title, optional=optional)


@cache
def resolve(path: str, model: type[BaseModel] = OPP) -> Slot | None:
    """The slot at a dotted model path, or None when the path does not exist."""
    current: type[BaseModel] = model
    slot: Slot | None = None
    for step in path.split("."):
        info = current.model_fields.get(step)
        if info is None:
            return None
        slot = _slot(info.annotation, info.title)
        if slot is None:
            return None
        if slot.model is not None:
            current = slot.model
    return slot


def _problem(code: str, message: str, path: str) -> Problem:
    return Problem(code, message, Location(path=tuple(path.split("."))), path)


def _check_field(entry: FieldEntry, model: type[BaseModel], prefix: str) -> list[Problem]:
    full = prefix + entry.path
    slot = resolve(entry.path, model)
    if slot is None:
        return [_problem("mapping.pad_onbekend", f"'{full}' is geen veld van het OPP.", full)]
    allowed: dict[Kind, bool] = {
        "text": entry.option is None,
        "date": entry.option is None and entry.after_option is None,
        "int": entry.option is None and entry.after_option is None,
        "choice": entry.option is None and entry.after_option is None,
        "multi": entry.option is None and entry.after_option is None,
        "bool": entry.option is not None,
    }
    if entry.place == "after_label":
        allowed = {kind: kind in ("text", "date", "int") for kind in allowed}
    if not allowed.get(slot.kind, False):
        hint = " (een ja/nee-veld heeft 'option' nodig)" if slot.kind == "bool" else ""
        return [
            _problem(
                "mapping.soort",
                f"'{full}' ({slot.kind}) past niet bij deze plaatsing{hint}.",
                full,
            )
        ]
    problems = []
    if slot.enum is not None:
        values = {member.value for member in slot.enum}
        for value in entry.options:
            if value not in values:
                problems.append(
                    _problem("mapping.optie_onbekend", f"'{full}': '{value}' is geen keuze.", full)
                )
    return problems


def _check_columns(
    entry: RowsEntry | TablesEntry, item: type[BaseModel], full: str
) -> list[Problem]:
    problems = []
    for name in entry.columns:
        column = resolve(name, item)
        if column is None or column.kind in ("items", "multi"):
            problems.append(
                _problem(
                    "mapping.kolom_onbekend",
                    f"'{full}': kolom '{name}' is geen enkelvoudig veld.",
                    full,
                )
            )
    return problems


def _check_rows(entry: RowsEntry, model: type[BaseModel], prefix: str) -> list[Problem]:
    full = prefix + entry.path
    slot = resolve(entry.path, model)
    if slot is None or slot.kind != "items" or slot.model is None:
        return [_problem("mapping.pad_onbekend", f"'{full}' is geen lijst van het OPP.", full)]
    problems = _check_columns(entry, slot.model, full)
    problems += _check_options(entry, slot.model, full)
    for name in (entry.signature, *entry.boxes):
        if name is not None:
            column = resolve(name, slot.model)
            if column is None or column.kind != "bool":
                problems.append(
                    _problem("mapping.soort", f"'{full}': '{name}' is geen ja/nee-veld.", full)
                )
    return problems


def _check_tables(entry: TablesEntry, model: type[BaseModel]) -> list[Problem]:
    slot = resolve(entry.path, model)
    if slot is None or slot.kind != "items" or slot.model is None:
        return [
            _problem(
                "mapping.pad_onbekend", f"'{entry.path}' is geen lijst van het OPP.", entry.path
            )
        ]
    item = slot.model
    problems = _check_columns(entry, item, entry.path)
    title = resolve(entry.title, item)
    if title is None or title.kind != "choice":
        problems.append(
            _problem(
                "mapping.titel",
                f"'{entry.path}': de titel '{entry.title}' moet een keuzeveld zijn.",
                entry.path,
            )
        )
    problems += _check_options(entry, item, entry.path)
    for field in entry.fields:
        problems.extend(_check_field(field, item, entry.path + "."))
    for rows in entry.rows:
        problems.extend(_check_rows(rows, item, entry.path + "."))
    return problems


def _check_options(
    entry: RowsEntry | TablesEntry, item: type[BaseModel], full: str
) -> list[Problem]:
    """Each ``options`` value is a choice of the title, the key or an enum column; a text
    key (a role) may print any value otherwise."""
    names = [entry.title] if isinstance(entry, TablesEntry) else []
    names += list(entry.columns)
    key = entry.key if isinstance(entry, RowsEntry) else None
    slots = [(name, resolve(name, item)) for name in names]
    if key is not None and any(n == key and s is not None and s.enum is None for n, s in slots):
        return []
    values = {m.value for _, slot in slots if slot is not None and slot.enum for m in slot.enum}
    return [
        _problem("mapping.optie_onbekend", f"'{full}': '{value}' is geen keuze.", full)
        for value in entry.options
        if value not in values
    ]


def check_against_model(mapping: Mapping, model: type[BaseModel] = OPP) -> list[Problem]:
    """Every entry's path exists in the model and has a kind its placement can hold."""
    problems: list[Problem] = []
    for field in mapping.fields:
        problems.extend(_check_field(field, model, ""))
    for rows in mapping.rows:
        problems.extend(_check_rows(rows, model, ""))
    for tables in mapping.tables:
        problems.extend(_check_tables(tables, model))
    return problems

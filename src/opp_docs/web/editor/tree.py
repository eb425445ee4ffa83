"""The editor's page described from the model: sections of groups, lists and controls.

:func:`build_editor` walks a plan model (:class:`~opp_docs.OPP`) field by field and says
what the page shows for each, so that a field added to the model appears on ``/plan``
without page code:

- a nested model is a :class:`Group` (a part of the form: A, B, the motivering, a period);
- a list of models is a :class:`ListNode`: rows or cards that can be added, removed and
  moved, with the rows the form pre-prints there from the start;
- every other field is a :class:`Control` of one :data:`Kind`, labelled with the field's
  ``title`` (the printed label), helped by its ``description`` (the handreiking).

Which lists the form pre-prints rows in by text is the model's table
:data:`~opp_docs.model.VOORGEDRUKTE_RIJEN`. Whether a list allows one item
per key or many is asked of the model itself (:func:`_one_per_key`).
"""

from __future__ import annotations

import datetime
import enum
import types
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from opp_docs.model import OPP, VOORGEDRUKTE_RIJEN

__all__ = [
    "TOP",
    "Control",
    "Editor",
    "Group",
    "Kind",
    "ListNode",
    "Node",
    "Section",
    "build_editor",
]

Kind = Literal["tekst", "datum", "getal", "vink", "keuze", "keuzes", "janee"]
"""What a control is: free text (a growing text area), a date (dd-mm-jjjj with a picker), a
whole number, one box (``bool``), one choice (radio buttons), several choices (boxes), or
ja/nee/open (``bool | None``)."""

TOP = "Bovenaan het plan"
"""The section of the plan's own dates, as ``opp controleren`` names it."""


@dataclass(frozen=True)
class Control:
    """One value: a field of the model that is no part and no list of parts."""

    shape: ClassVar[str] = "control"  # what the template renders (Jinja has no isinstance)
    name: str
    path: tuple[str, ...]  # from the plan, list positions left out
    kind: Kind
    title: str
    help: str | None = None
    options: tuple[str, ...] = ()
    clearable: bool = True  # a choice that may be left open (the model allows None)
    default: str | None = None  # the choice ticked from the start (an evaluation's kind)
    minimum: int | None = None
    maximum: int | None = None
    free_texts: dict[str, Control] = field(default_factory=dict)  # option -> its "namelijk"


@dataclass(frozen=True)
class Group:
    """A nested part of the plan (a model), with its fields in the model's order."""

    shape: ClassVar[str] = "group"
    name: str
    path: tuple[str, ...]
    title: str
    help: str | None
    children: tuple[Node, ...]

    @property
    def controls(self) -> tuple[Control, ...]:
        """The children that are plain values."""
        return tuple(child for child in self.children if isinstance(child, Control))


@dataclass(frozen=True)
class ListNode:
    """A list of parts: the rows of a table on the form, or tables (evaluations).

    Attributes:
        item: The fields of one item, as a group named after the list.
        key: The field an item is known by on the form (a role, a domain, a bijlage).
        fixed: The keys the form pre-prints, in order: a row each from the start, which
            stays (its key is printed, not typed).
        extra: Whether items beyond the pre-printed ones may be added.
        grouped: Items are grouped per key, each group a list of its own (F: the goals per
            domain). Otherwise a pre-printed key is one row.
        rows: Items are table rows (every field a plain value); otherwise cards.
        kind_field: The field that names an item and numbers it within its kind
            ('Tussenevaluatie 2', 'Eindevaluatie'), if any.
        ignore: The fields that do not make an item filled in (its key, its kind), as the
            model drops an item with nothing else.
    """

    shape: ClassVar[str] = "list"
    name: str
    path: tuple[str, ...]
    title: str
    help: str | None
    item: Group
    key: str | None = None
    fixed: tuple[str, ...] = ()
    extra: bool = True
    grouped: bool = False
    rows: bool = False
    kind_field: str | None = None
    ignore: tuple[str, ...] = ()

    @property
    def children(self) -> tuple[Node, ...]:
        """What an item shows besides its key (a printed row's key is its heading)."""
        return tuple(
            child
            for child in self.item.children
            if not (isinstance(child, Control) and child.name == self.key)
        )

    @property
    def columns(self) -> tuple[Control, ...]:
        """The columns of a row besides its key (rows hold plain values only)."""
        return tuple(child for child in self.children if isinstance(child, Control))

    @property
    def key_control(self) -> Control | None:
        """The key as a control of its own: the text of a row added beyond the printed ones
        (a role, a bijlage). None where the key is a choice (the domain of its group)."""
        found = next((c for c in self.item.controls if c.name == self.key), None)
        return found if found is not None and found.kind == "tekst" else None

    @property
    def key_title(self) -> str:
        """The printed heading of the key column ('Rol', 'Domein', 'Bijlage')."""
        found = next((c for c in self.item.controls if c.name == self.key), None)
        return found.title if found is not None else ""


Node = Control | Group | ListNode


@dataclass(frozen=True)
class Section:
    """One part of the form on the page: a heading, its help and what it holds.

    ``id`` is the first step of the model paths inside it (``"leerling"``), or ``"top"`` for
    the plan's own dates; a finding belongs to the section of its path's first step.
    """

    id: str
    title: str
    help: str | None
    node: Group | ListNode | Control | None = None
    controls: tuple[Control, ...] = ()  # the plain values of the plan itself ("top")

    @property
    def names(self) -> tuple[str, ...]:
        """The plan's fields in this section."""
        if self.node is not None:
            return (self.node.name,)
        return tuple(control.name for control in self.controls)


@dataclass(frozen=True)
class Editor:
    """The whole page: the plan's sections in the model's order."""

    title: str
    sections: tuple[Section, ...]


def build_editor(model: type[BaseModel] = OPP) -> Editor:
    """The page of ``model`` (a plan model): one section per part, the plan's own plain
    fields before the first part together as :data:`TOP`.

    Raises ``TypeError`` for a field of a type the page has no control for.
    """
    sections: list[Section] = []
    top: list[Control] = []
    for name, info in model.model_fields.items():
        node = _node(model, name, info, ())
        if isinstance(node, Control) and not sections:
            top.append(node)
            continue
        if top and not sections:
            sections.append(Section("top", TOP, None, controls=tuple(top)))
        sections.append(Section(name, info.title or name, info.description, node=node))
    if top and not sections:
        sections.append(Section("top", TOP, None, controls=tuple(top)))
    title = str(model.model_config.get("title") or model.__name__)
    return Editor(title, tuple(sections))


def _optional(annotation: Any) -> tuple[Any, bool]:
    """``(T, True)`` for ``T | None``; ``(annotation, False)`` otherwise."""
    if get_origin(annotation) in (Union, types.UnionType):
        others = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(others) == 1:
            return others[0], True
    return annotation, False


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _is_choice(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _node(model: type[BaseModel], name: str, info: FieldInfo, parent: tuple[str, ...]) -> Node:
    path = (*parent, name)
    title = info.title or name
    kind, optional = _optional(info.annotation)
    if _is_model(kind):
        return _group(kind, name, path, title, info.description)
    if get_origin(kind) is list:
        (item,) = get_args(kind)
        if _is_model(item):
            return _list(model, name, item, path, title, info.description)
        if _is_choice(item):
            return Control(name, path, "keuzes", title, info.description, _options(item))
        raise TypeError(f"{'.'.join(path)}: a list of {item!r} has no control on the page")
    if _is_choice(kind):
        default = info.get_default(call_default_factory=True)
        return Control(
            name,
            path,
            "keuze",
            title,
            info.description,
            _options(kind),
            clearable=optional,
            default=str(default.value) if isinstance(default, enum.Enum) else None,
        )
    if kind is bool:
        return Control(name, path, "janee" if optional else "vink", title, info.description)
    if kind is datetime.date:
        return Control(name, path, "datum", title, info.description)
    if kind is int:
        low = next((m.ge for m in info.metadata if isinstance(m, Ge)), None)
        high = next((m.le for m in info.metadata if isinstance(m, Le)), None)
        return Control(
            name,
            path,
            "getal",
            title,
            info.description,
            minimum=int(low) if low is not None else None,  # type: ignore[call-overload]
            maximum=int(high) if high is not None else None,  # type: ignore[call-overload]
        )
    if kind is str:
        return Control(name, path, "tekst", title, info.description)
    raise TypeError(f"{'.'.join(path)}: a field of type {kind!r} has no control on the page")


def _options(choice: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in choice)


def _group(
    model: type[BaseModel], name: str, path: tuple[str, ...], title: str, help: str | None
) -> Group:
    children = [_node(model, child, info, path) for child, info in model.model_fields.items()]
    return Group(name, path, title, help, _with_free_texts(children))


def _with_free_texts(children: Sequence[Node]) -> tuple[Node, ...]:
    """The children, a text whose label is an option of an earlier choice ("Anders,
    namelijk:") moved under that option, as the form prints it."""
    kept: list[Node] = []
    for child in children:
        if isinstance(child, Control) and child.kind == "tekst":
            owner = next(
                (
                    index
                    for index in reversed(range(len(kept)))
                    if isinstance(other := kept[index], Control)
                    and child.title in other.options
                    and child.title not in other.free_texts
                ),
                None,
            )
            if owner is not None:
                choice = kept[owner]
                assert isinstance(choice, Control)
                kept[owner] = replace(choice, free_texts={**choice.free_texts, child.title: child})
                continue
        kept.append(child)
    return tuple(kept)


def _list(
    parent: type[BaseModel],
    name: str,
    model: type[BaseModel],
    path: tuple[str, ...],
    title: str,
    help: str | None,
) -> ListNode:
    item = _group(model, name, path, title, help)
    fields = model.model_fields
    key: str | None = None
    fixed: tuple[str, ...] = ()
    extra, grouped = True, False
    choice_key = next(
        (n for n, info in fields.items() if info.is_required() and _is_choice(info.annotation)),
        None,
    )
    if choice_key is not None:
        key = choice_key
        fixed = _options(fields[choice_key].annotation)  # type: ignore[arg-type]
        grouped = not _one_per_key(parent, name, choice_key, fixed[0])
        extra = grouped
    elif path in VOORGEDRUKTE_RIJEN:
        key, fixed = VOORGEDRUKTE_RIJEN[path]
    kind_field = next(
        (
            n
            for n, info in fields.items()
            if n != key and not info.is_required() and _is_choice(info.annotation)
        ),
        None,
    )
    rows = all(isinstance(child, Control) for child in item.children) and len(item.children) <= 4
    ignore = tuple(n for n in (key, kind_field) if n is not None)
    return ListNode(
        name, path, title, help, item, key, fixed, extra, grouped, rows, kind_field, ignore
    )


def _one_per_key(parent: type[BaseModel], name: str, key: str, value: str) -> bool:
    """Whether the model refuses two items of ``parent.name`` with the same ``key``: the
    domains of C are one row each, the goals of F many per domain."""
    try:
        parent.model_validate({name: [{key: value}, {key: value}]})
    except ValidationError:
        return True
    return False

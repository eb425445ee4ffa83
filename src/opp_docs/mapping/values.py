"""Shared by fill and parse: a plan's values by model path, and option texts of a field."""

from __future__ import annotations

from enum import Enum
from typing import Any

from opp_docs.docx.boxes import normalize_label
from opp_docs.mapping.schema import FieldEntry, RowsEntry, TablesEntry

__all__ = ["from_printed", "get_path", "option_matches", "printed_option", "printed_value"]

Entry = FieldEntry | RowsEntry | TablesEntry


def get_path(obj: Any, path: str) -> Any:
    """``get_path(plan, "leerling.naam")``: follow attributes along a dotted path."""
    for step in path.split("."):
        obj = getattr(obj, step)
    return obj


def printed_option(entry: Entry, member: Enum) -> str:
    """The text printed for a member (after its box, as a table's title, as a pre-printed
    key): the mapping's ``options`` override or the member's value."""
    value = str(member.value)
    return entry.options.get(value, value)


def printed_value(entry: Entry, value: str) -> str:
    """The text printed for a key or title ``value`` (an enum's value or a text such as a
    role): the mapping's ``options`` override, else the value itself."""
    return entry.options.get(value, value)


def from_printed(entry: Entry, text: str) -> str:
    """The value a printed key or title stands for: the inverse of :func:`printed_value`
    (texts compared as labels); the text itself when no override prints so."""
    wanted = normalize_label(text)
    for value, printed in entry.options.items():
        if normalize_label(printed) == wanted:
            return value
    return text


def option_matches(box_label: str, printed: str) -> bool:
    """Whether a box's option text is ``printed``.

    An option that ends in a colon ("Anders, namelijk:") is followed by free text in the same
    paragraph, so the box's text only has to start with it.
    """
    label = normalize_label(box_label)
    wanted = normalize_label(printed)
    if label == wanted:
        return True
    return printed.rstrip().endswith(":") and label.startswith(wanted)

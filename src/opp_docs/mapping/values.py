"""Shared by fill and parse: a plan's values by model path, and option texts of a field."""

from __future__ import annotations

from enum import Enum
from typing import Any

from opp_docs.docx.boxes import normalize_label
from opp_docs.mapping.schema import FieldEntry

__all__ = ["get_path", "option_matches", "printed_option"]


def get_path(obj: Any, path: str) -> Any:
    """``get_path(plan, "leerling.naam")``: follow attributes along a dotted path."""
    for step in path.split("."):
        obj = getattr(obj, step)
    return obj


def printed_option(entry: FieldEntry, member: Enum) -> str:
    """The text printed after a member's box: the mapping's override or the member's value."""
    value = str(member.value)
    return entry.options.get(value, value)


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

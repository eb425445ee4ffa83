"""A drafted mapping as TOML text, with a comment on the lines a person should know about.

There is no TOML writer among the dependencies, and a mapping needs little: strings, booleans,
lists of strings and one-line inline tables, in basic strings escaped as TOML 1.0 says. An
entry left for a person is written with ``#`` before every line, so the file loads as it is
and the person fills in the text and removes the ``#``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DraftEntry", "comment", "toml_string", "toml_text"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


@dataclass
class DraftEntry:
    """One ``[[fields]]``, ``[[rows]]`` or ``[[tables]]`` entry (``table``), its keys in the
    order written, a comment per key (``notes``), comment lines after its keys (``todo``),
    the entries inside a table list (``children``: ``tables.fields``, ``tables.rows``), and
    whether it is written commented out (``left``: a person has to place it)."""

    table: str
    values: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    todo: list[str] = field(default_factory=list)
    children: list[DraftEntry] = field(default_factory=list)
    left: bool = False


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string.

    >>> toml_string('Naam "roep"\\tnaam')
    '"Naam \\\\"roep\\\\"\\\\tnaam"'
    """
    out = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else toml_string(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_string(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {type(value).__name__}")


def comment(text: str) -> str:
    """``text`` fit for a TOML comment: on one line, without control characters."""
    return "".join(" " if ord(c) < 0x20 or ord(c) == 0x7F else c for c in text).rstrip()


def _line(key: str, value: Any, note: str | None) -> str:
    line = f"{_key(key)} = {_value(value)}"
    return f"{line}  # {comment(note)}" if note else line


def _entry(entry: DraftEntry) -> list[str]:
    lines = [f"[[{entry.table}]]"]
    lines += [_line(k, v, entry.notes.get(k)) for k, v in entry.values.items()]
    lines += [f"# {comment(text)}" for text in entry.todo]
    for child in entry.children:
        lines += ["", *_entry(child)]
    if entry.left:
        lines = [line if line.startswith("#") else f"# {line}" if line else "#" for line in lines]
    return lines


def toml_text(
    intro: Iterable[str],
    top: dict[str, Any],
    static: Iterable[tuple[str, str]],
    sections: Iterable[tuple[str, str, str]],
    groups: Iterable[tuple[str, list[DraftEntry]]],
) -> str:
    """The whole mapping: ``intro`` comment lines, the ``top`` keys (name, regio), ``static``
    (text, note), ``[sections]`` (key, text, note; a text of ``""`` is written commented
    out), and per section its entries under a rule with the section's name."""
    lines = [f"# {comment(text)}" if text else "#" for text in intro]
    lines.append("")
    lines += [_line(key, value, None) for key, value in top.items()]
    lines += ["", "static = ["]
    lines += [
        f"    {toml_string(text)},{'  # ' + comment(note) if note else ''}" for text, note in static
    ]
    lines += ["]", "", "[sections]"]
    for key, text, note in sections:
        if text:
            lines.append(_line(key, text, note))
        else:
            lines.append(f'# {_key(key)} = ""  # {comment(note)}')
    for title, entries in groups:
        if not entries:
            continue
        lines += ["", f"# {'-' * 66} {comment(title)}"]
        for entry in entries:
            lines += ["", *_entry(entry)]
    return "\n".join(lines) + "\n"

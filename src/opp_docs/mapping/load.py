"""Loading a mapping file: TOML, the schema, then the check against the model."""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from opp_docs.errors import Location, Problem, TemplateError
from opp_docs.mapping.paths import check_against_model
from opp_docs.mapping.schema import Mapping
from opp_docs.resources import bundled_file
from opp_docs.validation import DUTCH_MESSAGES, dutch_message

__all__ = ["DEFAULT_MAPPING", "as_mapping", "default_mapping", "load_mapping"]

DEFAULT_MAPPING = "OPP_2024-2025.toml"


def load_mapping(path: str | os.PathLike[str] | None = None) -> Mapping:
    """Read and validate a mapping file (default: the bundled 2024-2025 mapping).

    ``path`` is a TOML file like ``mappings/OPP_2024-2025.toml``. It is checked against its
    schema and against the model, so that a wrong path or a missing option fails here, in
    Dutch, and not halfway through a fill. Raises :class:`~opp_docs.errors.TemplateError`
    with every problem of the file.

    >>> import opp_docs
    >>> mapping = opp_docs.load_mapping()
    >>> mapping.name, list(mapping.sections)[:3]
    ('OPP 2024-2025', ['titel', 'A', 'B'])
    """
    source = Path(path) if path is not None else bundled_file("mappings", DEFAULT_MAPPING)
    location = Location(file=str(source))
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TemplateError(
            Problem("mapping.niet_gevonden", "Het mappingbestand bestaat niet.", location)
        ) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(Problem("mapping.onleesbaar", _unreadable(exc), location)) from exc
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(
            [
                Problem(
                    "mapping.ongeldig",
                    _schema_message(error, data),
                    Location(file=location.file, path=tuple(error["loc"])),
                    error.get("input"),
                )
                for error in exc.errors(include_url=False)
            ]
        ) from exc
    problems = check_against_model(mapping)
    if problems:
        raise TemplateError([Problem(p.code, p.message, location, p.input) for p in problems])
    return mapping


def _unreadable(exc: Exception) -> str:
    """Why the file is no TOML, in Dutch: tomllib's English reason is left to the chain."""
    if isinstance(exc, UnicodeDecodeError):
        return (
            f"Het mappingbestand is geen UTF-8-tekst (byte {exc.start + 1}). Sla het op als UTF-8."
        )
    if isinstance(exc, tomllib.TOMLDecodeError):
        found = _TOML_PLACE.search(str(exc))
        where = f" (regel {found[1]}, kolom {found[2]})" if found else ""
        return f"Het mappingbestand is geen geldige TOML{where}. Controleer de opmaak."
    return "Het mappingbestand kan niet gelezen worden. Controleer of het een leesbaar bestand is."


_TOML_PLACE = re.compile(r"at line (\d+), column (\d+)")

# The mapping's lists of entries, and what one entry is called in a message.
_ENTRIES = {"fields": "veld", "rows": "rijtabel", "tables": "tabel"}

# Where the OPP's texts do not fit a mapping file (a TOML table, a key).
_MAPPING_MESSAGES = DUTCH_MESSAGES | {
    "extra_forbidden": "hoort hier niet. Controleer de spelling.",
    "model_type": "is geen TOML-tabel.",
    "dict_type": "is geen TOML-tabel.",
}


def _schema_message(error: ErrorDetails, data: Any) -> str:
    """A schema error in words: 'veld 3 (pad 'leerling.naam')': 'label' is geen tekst.', its
    entries counted from 1 and named by their path."""
    entries: list[str] = []
    keys: list[str] = []
    node = data
    loc = list(error["loc"])
    while loc:
        step = loc.pop(0)
        index = loc[0] if loc else None
        if isinstance(step, str) and step in _ENTRIES and not keys and isinstance(index, int):
            loc.pop(0)
            items = node.get(step) if isinstance(node, dict) else None
            node = items[index] if isinstance(items, list) and index < len(items) else None
            path = node.get("path") if isinstance(node, dict) else None
            entry = f"{_ENTRIES[step]} {index + 1}"
            entries.append(f"{entry} (pad '{path}')" if isinstance(path, str) else entry)
            continue
        keys.append(f"plaats {step + 1}" if isinstance(step, int) else f"'{step}'")
    text = dutch_message(error, Mapping, _MAPPING_MESSAGES)
    subject = " ".join(keys)
    said = f"{subject} {text}" if subject else text
    return f"{', '.join(entries)}: {said}" if entries else said[0].upper() + said[1:]


@cache
def default_mapping() -> Mapping:
    """The bundled mapping, loaded once per process."""
    return load_mapping()


def as_mapping(mapping: Mapping | str | os.PathLike[str] | None) -> Mapping | None:
    """``mapping`` as read: a :class:`Mapping` as it is, a path through :func:`load_mapping`."""
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    return load_mapping(mapping)

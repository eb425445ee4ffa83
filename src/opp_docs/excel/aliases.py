"""The headers of student administration exports, from ``mappings/excel-aliassen.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from opp_docs.docx.boxes import normalize_label
from opp_docs.errors import Location, Problem, TemplateError
from opp_docs.resources import bundled_file

__all__ = ["ALIASES_FILE", "Aliases", "NamePart", "NameParts", "aliases"]

ALIASES_FILE = "excel-aliassen.toml"

NamePart = Literal["voornamen", "roepnaam", "tussenvoegsel", "achternaam"]
_PARTS: tuple[NamePart, ...] = ("voornamen", "roepnaam", "tussenvoegsel", "achternaam")


@dataclass(frozen=True)
class Aliases:
    """Normalised export header -> OPP workbook header, and -> name part."""

    columns: dict[str, str]
    name_parts: dict[str, NamePart]


@dataclass(frozen=True)
class NameParts:
    """The parts of a name from separate export columns."""

    voornamen: str | None = None
    roepnaam: str | None = None
    tussenvoegsel: str | None = None
    achternaam: str | None = None

    def with_part(self, part: str, value: Any) -> NameParts:
        text = None if value is None else " ".join(str(value).split()) or None
        return replace(self, **{part: text})

    def compose(self) -> str | None:
        """ "Pieter Johannes de Vries (Piet)"; the roepnaam alone when there are no voornamen."""
        first = self.voornamen or self.roepnaam
        parts = [p for p in (first, self.tussenvoegsel, self.achternaam) if p]
        if not parts:
            return None
        name = " ".join(parts)
        first_name = (self.voornamen or "").split(" ")[0]
        if self.voornamen and self.roepnaam and self.roepnaam != first_name:
            name += f" ({self.roepnaam})"
        return name


@cache
def aliases() -> Aliases:
    """The bundled alias table, read once."""
    path = bundled_file("mappings", ALIASES_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        columns = {normalize_label(k): str(v) for k, v in data.get("kolommen", {}).items()}
        parts: dict[str, NamePart] = {}
        for header, part in data.get("naamdelen", {}).items():
            if part not in _PARTS:
                raise ValueError(f"unknown name part {part!r}")
            parts[normalize_label(header)] = part
    except (OSError, tomllib.TOMLDecodeError, ValueError, AttributeError) as exc:
        raise TemplateError(
            Problem(
                "excel.aliassen_ongeldig",
                f"Het bestand met kolomnamen is ongeldig ({exc}).",
                Location(file=str(path)),
            )
        ) from exc
    return Aliases(columns, parts)

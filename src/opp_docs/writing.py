"""What fill's two writers share: values as the form prints them, which values only clear
their place, and the problems of places the template lacks.

The DOM writer (:mod:`opp_docs.filling`) and the compiled one (:mod:`opp_docs.compiled`)
must print, skip and report alike, value for value: both take these from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from opp_docs.docx import boxes
from opp_docs.errors import Location, Problem
from opp_docs.formats import format_date, format_periode
from opp_docs.mapping import Mapping, resolve
from opp_docs.mapping.locate import Miss
from opp_docs.mapping.schema import FieldEntry
from opp_docs.model import Periode

__all__ = ["Report", "describe", "format_value", "is_idle", "norm"]


def format_value(value: Any) -> str:
    """A value as the form prints it: dates dd-mm-jjjj, a period as its text, an option
    by its value."""
    if isinstance(value, Periode):
        return format_periode(value.van, value.tot_en_met, value.frequentie)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def is_idle(entry: FieldEntry, value: Any, model: type[BaseModel]) -> bool:
    """Whether writing ``value`` would only clear its place: no text, no box ticked."""
    slot = resolve(entry.path, model)
    if entry.after_option is None and slot is not None and slot.kind in ("multi", "bool"):
        return not value
    return value is None


def norm(text: str) -> str:
    """A header or key text as the locator compares it."""
    return boxes.normalize_label(text)


def describe(item: Any, key: str | None) -> str:
    """An item of a row list as a problem names it: its key, or "(rij)"."""
    if key is None:
        return "(rij)"
    return format_value(getattr(item, key))


@dataclass
class Report:
    """The problems of one fill: values whose place the template lacks."""

    mapping: Mapping
    file: str | None
    problems: list[Problem] = field(default_factory=list)

    def miss(self, miss: Miss, path: str) -> None:
        heading = self.mapping.sections.get(miss.section or "")
        section = f" (onderdeel '{heading}')" if heading else ""
        self.problems.append(
            Problem(
                miss.code,
                miss.message()
                + section
                + " Controleer het sjabloon met 'opp mapping controleren'.",
                Location(file=self.file, label=miss.what, path=tuple(path.split("."))),
            )
        )

    def missing_option(self, path: str, option: str) -> None:
        self.problems.append(
            Problem(
                "mapping.optie_ontbreekt",
                f"Het sjabloon heeft geen vakje met de tekst '{option}'. "
                "Controleer het sjabloon met 'opp mapping controleren'.",
                Location(file=self.file, label=option, path=tuple(path.split("."))),
            )
        )

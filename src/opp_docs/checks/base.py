"""The parts every rule is made of: a severity, a rule, a finding, and what a check sees.

A :class:`Regel` is one rule of the handreiking (or the law): a stable code, a severity, a
source and a one-line Dutch summary for the docs. A check is a function that takes a
:class:`Context` and returns :class:`Bevinding` records, each built by its rule with
:meth:`Regel.bevinding`, so code, severity and source can never disagree with the rule.

A finding is its own record rather than a bare :class:`~opp_docs.errors.Problem` because it
carries two things a problem has no room for (severity and source); :meth:`Bevinding.problem`
gives the problem view for code that prints problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from opp_docs.errors import Location, Problem
from opp_docs.model import OPP
from opp_docs.school_calendar import DEFAULT_REGIO, Regio
from opp_docs.validation import field_title

__all__ = ["Bevinding", "Context", "Ernst", "Pad", "Regel"]

Pad = tuple[str | int, ...]
"""A model path: ``("leerling", "naam")``, ``("evaluaties", 0, "datum")``."""


class Ernst(StrEnum):
    """How bad a finding is: a fout blocks (exit 1), a waarschuwing asks to look."""

    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


@dataclass(frozen=True)
class Regel:
    """One rule: its stable code, severity, source and a Dutch summary (for docs/regels.md)."""

    code: str
    ernst: Ernst
    bron: str
    samenvatting: str

    def bevinding(
        self, message: str, path: Pad, *, input: Any = None, groep: str | None = None
    ) -> Bevinding:
        """A finding of this rule at ``path``, labelled with the printed title of that field."""
        return Bevinding(
            regel=self,
            message=message,
            location=Location(label=field_title(path), path=path),
            input=input,
            groep=groep,
        )


@dataclass(frozen=True)
class Bevinding:
    """One finding: the rule it breaks, a Dutch message, its place and the raw input.

    ``input`` holds the offending content (say the text that looks like a phone number); it
    is never put into the message. ``groep`` names the table of a finding about one of its
    rows (an empty signature box): the text report merges the findings of one rule and group
    into one line, the JSON form keeps every row.
    """

    regel: Regel
    message: str
    location: Location
    input: Any = None
    groep: str | None = None

    @property
    def code(self) -> str:
        """The rule's stable code, e.g. ``"termijn.zes_weken"``."""
        return self.regel.code

    @property
    def ernst(self) -> Ernst:
        """The rule's severity."""
        return self.regel.ernst

    @property
    def bron(self) -> str:
        """Where the rule comes from (a section of the handreiking, or the law)."""
        return self.regel.bron

    @property
    def path(self) -> Pad:
        """The model path of the place."""
        return self.location.path

    def problem(self) -> Problem:
        """The finding as a plain :class:`Problem` (code, message, place, input)."""
        return Problem(self.code, self.message, self.location, self.input)


@dataclass(frozen=True)
class Context:
    """What a check sees: the plan, the "as of" date and the options of the run.

    ``regio`` is the school holiday region (:mod:`opp_docs.school_calendar`) whose school year
    the 6-week rule counts from.
    """

    plan: OPP
    today: date
    acta: bool = False
    signatures_known: bool = False
    regio: Regio = DEFAULT_REGIO

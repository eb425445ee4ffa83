"""The rule for rules that cannot be applied: their input is missing.

A rule never passes silently because a date it needs is empty; it reports this finding
instead, naming itself and the empty field.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Ernst, Pad, Regel
from opp_docs.validation import field_title

__all__ = ["NIET_MOGELIJK", "RULES", "cannot_check", "is_empty"]

NIET_MOGELIJK = Regel(
    "controle.niet_mogelijk",
    Ernst.WAARSCHUWING,
    "Handreiking (de regel die het veld nodig heeft)",
    "Een regel kan niet worden gecontroleerd omdat een veld dat hij nodig heeft leeg is.",
)

RULES = (NIET_MOGELIJK,)


def cannot_check(what: str, path: Pad) -> Bevinding:
    """A finding that the rule described by ``what`` needs the empty field at ``path``."""
    label = field_title(path) or ".".join(str(step) for step in path)
    return NIET_MOGELIJK.bevinding(
        f"{what} kan niet worden gecontroleerd: '{label}' is leeg. Vul het in.", path
    )


def is_empty(value: object) -> bool:
    """True for None and for text of only spaces, tabs and newlines."""
    return value is None or (isinstance(value, str) and not value.strip())

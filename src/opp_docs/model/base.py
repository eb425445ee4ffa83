"""Shared building blocks of the OPP model: the base class, text and date types."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from opp_docs.formats import parse_date

__all__ = ["Datum", "Onderdeel", "Tekst", "is_blank"]


def _empty_to_none(value: Any) -> Any:
    # An empty cell and an absent value are the same thing on a form; keep one spelling (None)
    # so that a plan read back from a document equals the plan that was written.
    if value == "":
        return None
    return value


Tekst = Annotated[str | None, BeforeValidator(_empty_to_none)]
"""Free text as typed on the form. ``""`` becomes ``None``; every other character is kept,
including leading and trailing spaces, tabs and newlines (one paragraph per line)."""


def _date_from_text(value: Any) -> Any:
    # The form's own way of writing a date (dd-mm-jjjj) is read by the one date reader that
    # Excel and parse use, so a script may write Leerling(geboortedatum="03-05-2010").
    value = _empty_to_none(value)
    if not isinstance(value, str):
        return value
    try:
        return parse_date(value)
    except ValueError:
        raise PydanticCustomError(
            "date_parsing", "Input should be a valid date, as dd-mm-yyyy or yyyy-mm-dd"
        ) from None


Datum = Annotated[date | None, BeforeValidator(_date_from_text)]
"""A date on the form, printed as dd-mm-jjjj; a ``date``, or text as ``dd-mm-jjjj`` (also
``d-m-jjjj``, ``dd/mm/jjjj``) or ISO ``jjjj-mm-dd``. An impossible date is refused."""


class Onderdeel(BaseModel):
    """Base of every part of the plan: unknown keys are refused, assignments validated."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        use_enum_values=False,
    )


def is_blank(item: BaseModel, *, ignore: frozenset[str] = frozenset()) -> bool:
    """True when every field of ``item`` (except ``ignore``) still has its default value.

    A blank row or table on the form (say an evaluation table nobody filled in) is no item;
    lists drop blank items so that "printed but empty" and "absent" are one state. A field
    whose default is None counts ``False`` as an answer ("nee" ticked); a field that defaults
    to ``False`` (a box) counts only ``True``.
    """
    for name, default in _defaults(type(item)):
        if name in ignore:
            continue
        value = getattr(item, name)
        if isinstance(value, BaseModel):
            if not is_blank(value):
                return False
        elif value != default:
            return False
    return True


@cache
def _defaults(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """Each field's default, made once per model (only compared with, never changed):
    pydantic inspects a default factory's signature every time it is asked."""
    return tuple(
        (name, info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
    )

"""Carry a filled plan from one form into another: last year's OPP into next year's form.

:func:`convert` reads the old form through its mapping, fills the new form through its own
and reads the result back: every value of the old form that the new one does not hold (a
field the new mapping has no place for, a table it lacks) is a problem named by its printed
label, so nothing is lost silently. What fits is written all the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from opp_docs.docx.package import Source, source_name
from opp_docs.errors import Location, Problem
from opp_docs.filling import Template, fill_what_fits
from opp_docs.mapping import Mapping
from opp_docs.model import OPP
from opp_docs.parsing import parse
from opp_docs.validation import place_label

__all__ = ["ConvertResult", "convert"]


@dataclass
class ConvertResult:
    """The new form and what did not come along.

    Attributes:
        data: The new form as .docx bytes, with every value that has a place in it.
        plan: The plan read from the old form.
        problems: What could not be read from the old form, and each value of it that has
            no place in the new one (code ``omzetten.geen_plaats``).
    """

    data: bytes
    plan: OPP
    problems: list[Problem] = field(default_factory=list)


def convert(
    source: Source,
    *,
    template: Template | None = None,
    mapping: Mapping | str | os.PathLike[str] | None = None,
    source_mapping: Mapping | str | os.PathLike[str] | None = None,
) -> ConvertResult:
    """The plan of the filled form ``source`` (read with ``source_mapping``, default the
    bundled one) in the form ``template`` (filled with ``mapping``).

    >>> import opp_docs
    >>> from opp_docs.converting import convert
    >>> old = opp_docs.fill(opp_docs.example_plan())
    >>> result = convert(old)
    >>> result.problems, opp_docs.parse(result.data).plan == result.plan
    ([], True)
    """
    file = source_name(source)
    read = parse(source, source_mapping)
    data, _ = fill_what_fits(read.plan, template, mapping)  # a miss shows in the read-back
    back = parse(data, mapping).plan
    old, new = read.plan.model_dump(mode="json"), back.model_dump(mode="json")
    lost = [
        Problem(
            "omzetten.geen_plaats",
            "Deze waarde van het oude formulier heeft in het nieuwe formulier geen plaats en is "
            "niet overgenomen. Zet haar met de hand in het nieuwe formulier, of geef het veld "
            "een plaats in de mapping.",
            Location(file=file, label=place_label(path, old), path=path),
        )
        for path in _lost(old, new, ())
    ]
    return ConvertResult(data, read.plan, [*read.problems, *lost])


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_empty(v) for v in value)
    return value in (None, "", False)


def _lost(old: Any, new: Any, path: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """The highest places where ``old`` holds something ``new`` does not."""
    if old == new or _empty(old):
        return []
    if _empty(new):
        return [path]  # a whole part (a table, a list) has no place: one problem
    if isinstance(old, dict) and isinstance(new, dict):
        return [p for key, value in old.items() for p in _lost(value, new.get(key), (*path, key))]
    if isinstance(old, list) and isinstance(new, list):
        if len(new) < len(old) and all(item == new[i] for i, item in enumerate(old[: len(new)])):
            return [(*path, i) for i in range(len(new), len(old)) if not _empty(old[i])]
        if len(new) == len(old):
            return [p for i, item in enumerate(old) for p in _lost(item, new[i], (*path, i))]
    return [path]

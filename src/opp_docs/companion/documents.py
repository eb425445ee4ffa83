"""Companion documents of plans: render one, or write one per plan into a folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from opp_docs.bulk.names import fill_pattern, safe_name, student_values, unique_names
from opp_docs.companion.kinds import DEFAULT_PATTERNS, KINDS, Kind
from opp_docs.companion.template import CompanionTemplate
from opp_docs.errors import InputError, OppError, Problem
from opp_docs.files import write_atomic
from opp_docs.model import OPP
from opp_docs.resources import bundled_file

__all__ = ["CompanionResult", "load_template", "render", "write_companions"]


@dataclass
class CompanionResult:
    """What :func:`write_companions` did: the files written and the problems (one per file
    that was not written, with the file in its location)."""

    written: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)  # there already, left alone
    problems: list[Problem] = field(default_factory=list)


def load_template(kind: Kind, template: str | os.PathLike[str] | None = None) -> CompanionTemplate:
    """The checked template of ``kind``: the bundled one, or the school's own ``template``."""
    if template is not None:
        return CompanionTemplate.load(Path(template))
    path = bundled_file("templates", KINDS[kind])
    return CompanionTemplate(path.read_bytes(), f"templates/{KINDS[kind]}")


def render(
    kind: Kind,
    plan: OPP,
    template: str | os.PathLike[str] | None = None,
    *,
    today: date | None = None,
) -> bytes:
    """The companion document ``kind`` of ``plan`` as .docx bytes.

    ``today`` (default: today) is the letter's date and decides which evaluation is next
    (:func:`~opp_docs.companion.context.next_evaluation`).
    """
    return load_template(kind, template).render(plan, today=today or date.today())


def _names(plans: Sequence[OPP], pattern: str) -> list[str]:
    names = []
    for plan in plans:
        try:
            names.append(safe_name(fill_pattern(pattern, student_values(plan.leerling))))
        except (KeyError, ValueError, IndexError) as exc:
            raise InputError(
                Problem(
                    "patroon.ongeldig",
                    "Het naampatroon is ongeldig. Gebruik tekst met {leerlingnummer}, {naam} "
                    "en {klas}.",
                    input=pattern,
                )
            ) from exc
    return unique_names(names)


def write_companions(
    kind: Kind,
    plans: Sequence[OPP],
    output: str | os.PathLike[str],
    *,
    pattern: str | None = None,
    template: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    today: date | None = None,
) -> CompanionResult:
    """One document of ``kind`` per plan in the folder ``output``, named by ``pattern``.

    The template is checked first and every document is rendered before any is written, so
    an error in the template (a :class:`~opp_docs.errors.TemplateError`) leaves the folder
    untouched. Files are written atomically and never over an existing file unless
    ``overwrite``: a file that is there already is left alone and counted in ``existing``,
    not a problem; a file that cannot be written is a problem in the result, and the others
    are still written.
    """
    output = Path(output)
    names = _names(plans, pattern or DEFAULT_PATTERNS[kind])
    loaded = load_template(kind, template)
    day = today or date.today()
    result = CompanionResult()
    todo: list[tuple[Path, bytes]] = []
    for name, plan in zip(names, plans, strict=True):
        target = output / name
        if target.exists() and not overwrite:
            result.existing.append(target)  # left alone, so not rendered either
        else:
            todo.append((target, loaded.render(plan, today=day)))
    for target, data in todo:
        try:
            write_atomic(target, data, overwrite=overwrite)
        except OppError as exc:
            if exc.problems[0].code == "bestand.bestaat_al":
                result.existing.append(target)
            else:
                result.problems.extend(exc.problems)
        else:
            result.written.append(target)
    return result

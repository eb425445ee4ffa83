"""``opp mapping ontwerpen``: a mapping drafted for a form it has never seen, from a known
mapping (the bundled one unless another is given), written as TOML with a comment on every
line saying how sure it is, loaded back, and checked against the form."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from lxml import etree

from opp_docs.docx.boxes import find_checkboxes, normalize_label
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import Source, open_package, source_name
from opp_docs.errors import DocxError, InputError, Location, Problem, TemplateError
from opp_docs.mapping.check import check_mapping
from opp_docs.mapping.drafting.base import LABEL_THRESHOLD, left_entry
from opp_docs.mapping.drafting.drafter import Drafter
from opp_docs.mapping.drafting.result import DraftResult
from opp_docs.mapping.drafting.similarity import best_likeness
from opp_docs.mapping.drafting.texts import holds_values, unplaced_texts
from opp_docs.mapping.drafting.writing import DraftEntry, toml_text
from opp_docs.mapping.load import as_mapping, default_mapping
from opp_docs.mapping.paths import check_against_model
from opp_docs.mapping.schema import Mapping
from opp_docs.model import OPP

__all__ = ["draft_mapping"]

_P = qn("w:p")


def draft_mapping(
    form: Source,
    prior: Mapping | str | os.PathLike[str] | None = None,
    *,
    name: str | None = None,
) -> DraftResult:
    """A mapping for ``form`` (a path, the .docx bytes or a binary file object), drafted
    from ``prior`` (default: the bundled mapping): every heading, label, header row, titled
    table and option text the prior looks for, found in the form as it prints it.

    The result's ``text`` is the TOML (``name`` is its name; default the file's name), a
    comment on every line saying how sure the draft is ("exact", "na normaliseren",
    "vaag (0.83): ..."); what the form does not print recognisably is written commented out
    with the nearest texts the form does print, and is one of the result's ``problems``.
    Raises :class:`~opp_docs.errors.DocxError` when ``form`` is no readable .docx and
    :class:`~opp_docs.errors.InputError` (``formulier.geen_opp``) when it has none of the
    prior's headings.

    >>> from opp_docs.resources import bundled_file
    >>> result = draft_mapping(bundled_file("templates", "OPP_2024-2025.docx"))
    >>> result.problems, len(result.left), result.mapping.name
    ([], 0, 'OPP 2024-2025')
    """
    file = source_name(form)
    if not isinstance(form, str | os.PathLike | bytes):
        form = form.read()
    package = open_package(form)
    body = package.xml(package.main_part()).find(qn("w:body"))
    if body is None:
        raise DocxError(
            Problem("pakket.geen_docx", "Het document heeft geen inhoud.", Location(file=file))
        )
    prior = as_mapping(prior) or default_mapping()
    if name is None:
        name = Path(file).stem.replace("_", " ") if file else f"{prior.name} (ontwerp)"
    # A form with a box ticked is filled: its texts are not named, lest a value be shown.
    quiet = any(box.checked for box in find_checkboxes(body))
    result = _draft(body, prior, form, file, name, quiet=quiet)
    if result.looks_filled and not quiet:
        result = _draft(body, prior, form, file, name, quiet=True)
    return result


def _draft(
    body: etree._Element,
    prior: Mapping,
    form: str | os.PathLike[str] | bytes,
    file: str | None,
    name: str,
    *,
    quiet: bool,
) -> DraftResult:
    drafter = Drafter(body, prior, quiet=quiet)
    drafter.draft_sections()
    if not drafter.sections:
        raise InputError(
            Problem(
                "formulier.geen_opp",
                f"Dit is geen OPP-formulier: geen enkele kop van '{prior.name}' staat erin. "
                "Kies het lege formulier van het samenwerkingsverband.",
                Location(file=file),
            )
        )
    groups = [(_rule(prior, key, drafter), _section(drafter, key)) for key in prior.sections]
    top: dict[str, Any] = {"name": name}
    if prior.regio is not None:
        top["regio"] = prior.regio
    intro = _intro(prior, file)
    sections = [
        (key, drafter.sections.get(key, ""), drafter.section_notes[key]) for key in prior.sections
    ]
    first = _load(toml_text(intro, top, [], sections, groups))
    filled = quiet or holds_values(body, first)
    notes = [(text, _static_note(text, prior)) for text in unplaced_texts(body, first)]
    if filled:  # texts no entry reads may be values: only the prior's fixed texts are kept
        fixed = {normalize_label(text) for text in prior.static}
        notes = [(text, note) for text, note in notes if normalize_label(text) in fixed]
    text = toml_text(intro, top, notes, sections, groups)
    mapping = _load(text)
    problems = [left.problem(file) for left in drafter.left]
    known = {(problem.code, problem.location.label) for problem in problems}
    for problem in check_mapping(form, mapping):
        if (problem.code, problem.location.label) not in known:
            problems.append(problem if file is None else problem.in_file(file))
    entries = [e for _, group in groups for top_entry in group for e in _flat(top_entry)]
    return DraftResult(
        text=text,
        mapping=mapping,
        placed=drafter.placed,
        left=drafter.left,
        problems=problems,
        entry_count=sum(not e.left for e in entries),
        left_entry_count=sum(e.left for e in entries),
        unknown_texts=[text for text, note in notes if note.startswith("NAKIJKEN")],
        looks_filled=filled,
    )


def _flat(entry: DraftEntry) -> list[DraftEntry]:
    if entry.left:
        return [entry, *(DraftEntry(c.table, c.values, left=True) for c in entry.children)]
    return [entry, *entry.children]


def _intro(prior: Mapping, file: str | None) -> list[str]:
    form = f"'{Path(file).name}'" if file else "een nieuw formulier"
    return [
        f"Mapping voor {form}, ontworpen door 'opp mapping ontwerpen' vanuit '{prior.name}'.",
        "",
        "Elke regel met een tekst uit het formulier zegt hoe zeker het ontwerp is:",
        "- exact: het formulier drukt dezelfde tekst;",
        "- na normaliseren: alleen hoofdletters, spaties, leestekens of een dubbele punt",
        "  verschillen;",
        "- vaag (0.82): een andere tekst die erop lijkt (1.00 is gelijk); kijk of het klopt;",
        "- geraden op de plaats: de enige tekst die staat waar de oude stond; kijk of het klopt.",
        "Wat het formulier niet herkenbaar drukt, staat hieronder met '#' ervoor en NAKIJKEN:",
        "zet de tekst van het formulier erin en haal de '#' weg. Controleer daarna met",
        "  opp mapping controleren --formulier FORMULIER.docx --mapping DIT-BESTAND.toml",
    ]


def _rule(prior: Mapping, key: str, drafter: Drafter) -> str:
    found = drafter.sections.get(key)
    return f"{key}: {found}" if found else f"{key}: {prior.sections[key]} (niet gevonden)"


def _section(drafter: Drafter, key: str) -> list[DraftEntry]:
    """The entries of one section of the prior, drafted, or commented out when the form has
    no such section."""
    prior = drafter.prior
    fields = [entry for entry in prior.fields if entry.section == key]
    rows = [entry for entry in prior.rows if entry.section == key]
    tables = [entry for entry in prior.tables if entry.section == key]
    if key not in drafter.sections:
        note = f"NAKIJKEN: het onderdeel '{prior.sections[key]}' is niet gevonden"
        return [
            left_entry(kind, entry, note)
            for kind, group in (("fields", fields), ("rows", rows), ("tables", tables))
            for entry in group
        ]
    found = drafter.index.tables(key)
    taken: set[etree._Element] = set()
    drafted_rows = []
    for entry in rows:
        done, cells = drafter.draft_rows(entry, found, OPP)
        drafted_rows.append(done)
        taken |= cells
    drafted_tables = []
    for table in tables:
        done, cells = drafter.draft_tables(table)
        drafted_tables.append(done)
        taken |= cells
    return [*drafter.draft_fields(fields, found, OPP, taken), *drafted_rows, *drafted_tables]


def _load(text: str) -> Mapping:
    """The drafted text as a mapping, as :func:`~opp_docs.mapping.load_mapping` reads one;
    what it refuses is an error of the draft, reported as such."""
    mapping = Mapping.model_validate(tomllib.loads(text))
    problems = check_against_model(mapping)
    if problems:
        raise TemplateError(problems)
    return mapping


def _static_note(text: str, prior: Mapping) -> str:
    if prior.static and best_likeness(prior.static, text).score >= LABEL_THRESHOLD:
        return f"vaste tekst, ook in '{prior.name}'"
    return (
        "NAKIJKEN: bij deze tekst hoort geen veld van de mapping; vraagt het formulier hier "
        "iets dat het OPP niet kent?"
    )

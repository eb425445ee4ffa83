"""A reworded form for the tests of ``opp mapping ontwerpen``, and how a test measures a
drafted mapping: the example plan's round trip and the values it loses.

:func:`reworded_form` changes the bundled form as a neighbouring samenwerkingsverband (or
next year's edition) might: labels and option texts reworded, two headings changed, sections
E and F swapped (and lettered anew), an extra column in the parents' table. Every change finds
what it changes by printed text, within its section, never by position.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from lxml import etree

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.errors import TemplateError
from opp_docs.filling import fill
from opp_docs.mapping import Mapping, default_mapping
from opp_docs.model import OPP
from opp_docs.parsing import parse

_P = qn("w:p")
_T = qn("w:t")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_W = _TBL.split("}")[0][1:]

# (section key, old text, new text): each old text is replaced wherever it stands in the
# section (the evaluation tables each print theirs), at least once.
REWORDED: tuple[tuple[str, str, str], ...] = (
    # labels
    (
        "titel",
        "Datum vaststelling ondersteuningsbehoefte:",
        "Ondersteuningsbehoefte vastgesteld op:",
    ),
    ("A", "Leerlingnummer", "Leerlingnummer (stamnummer)"),
    ("A", "Niveau/afdeling", "Niveau / afdeling"),
    ("A", "Datum inschrijving", "Ingeschreven sinds"),  # found only by its place
    ("A", "Ondersteuningscoördinator", "Zorgcoördinator"),
    ("A", "Relatie tot de leerling", "Relatie tot leerling"),
    ("B", "Verwacht uitstroomprofiel", "Uitstroomprofiel (verwachting)"),
    ("C", "Wat vinden ouder(s)/verzorger(s)?", "Wat vinden de ouders/verzorgers?"),
    ("G", "Vervolgacties", "Vervolgafspraken"),
    ("aanvraag", "Beoogde school of voorziening", "Beoogde school/voorziening"),
    # option texts
    ("B", "leerweg (BL)", "leerweg (BB)"),
    ("B", "leerweg (KL)", "leerweg (KB)"),
    ("B", "MBO niveau 1 (entree)", "Entreeopleiding"),  # for a person
    ("G", "Ja, namelijk:", "Ja, te weten:"),
    ("aanvraag", "Toelaatbaarheidsverklaring VSO", "TLV VSO"),
    ("aanvraag", "Toelaatbaarheidsverklaring praktijkonderwijs", "TLV praktijkonderwijs"),
    ("aanvraag", "Laag", "Categorie 1"),  # for a person, as the next two
    ("aanvraag", "Midden", "Categorie 2"),
    ("aanvraag", "Hoog", "Categorie 3"),
    ("aanvraag", "Anders, namelijk:", "Anders, te weten:"),
    ("checklist", "Aanvraag digitaal ingevuld", "Aanvraag is digitaal ingevuld"),
    # headings
    ("A", "A. Gegevens van de leerling", "A. Leerlinggegevens"),
    ("G", "G. Evaluaties", "G. Evaluaties van het OPP"),
)

# What a person writes into the drafted mapping for the option texts the draft leaves:
# path -> {model value: printed text}.
PERSON_OPTIONS: dict[str, dict[str, str]] = {
    "ontwikkelingsperspectief.vervolgtrajecten": {"MBO niveau 1 (entree)": "Entreeopleiding"},
    "aanvraag.bekostigingscategorie": {
        "Laag": "Categorie 1",
        "Midden": "Categorie 2",
        "Hoog": "Categorie 3",
    },
}

EXTRA_COLUMN = "Wettelijk gezag"


def _sections(body: etree._Element) -> dict[str, list[etree._Element]]:
    """The blocks of each section of the bundled mapping, by its heading paragraphs."""
    headings = {normalize_label(text): key for key, text in default_mapping().sections.items()}
    found: dict[str, list[etree._Element]] = {}
    current = ""
    for block in body:
        if block.tag == _P:
            text = "".join(t.text or "" for t in block.iter(_T))
            current = headings.get(normalize_label(text), current)
        found.setdefault(current, []).append(block)
    return found


def _replace(blocks: list[etree._Element], old: str, new: str) -> int:
    count = 0
    for block in blocks:
        for text in block.iter(_T):
            if text.text and old in text.text:
                text.text = text.text.replace(old, new)
                count += 1
    return count


def _cell(template: etree._Element, text: str) -> etree._Element:
    cell = copy.deepcopy(template)
    for extra in cell.findall(_P)[1:]:
        cell.remove(extra)
    paragraph = cell.find(_P)
    assert paragraph is not None
    runs = paragraph.findall(qn("w:r"))
    for run in runs[1:]:
        paragraph.remove(run)
    if runs:
        for t in runs[0].iter(_T):
            t.text = text
    elif text:
        paragraph.append(etree.fromstring(f'<w:r xmlns:w="{_W}"><w:t>{text}</w:t></w:r>'))
    return cell


def _add_parents_column(blocks: list[etree._Element]) -> None:
    """A column after 'Naam' in the parents' rows of section A's table; the label rows'
    value cells span one grid column more."""
    table = next(block for block in blocks if block.tag == _TBL)
    grid = table.find(qn("w:tblGrid"))
    assert grid is not None
    columns = grid.findall(qn("w:gridCol"))
    width = sum(int(col.get(qn("w:w"), "0")) for col in columns[1:]) // 3
    for col in columns[1:]:
        col.set(qn("w:w"), str(width))
    grid.append(copy.deepcopy(columns[-1]))
    parents = False
    for row in table.iter(_TR):
        cells = row.findall(_TC)
        texts = ["".join(t.text or "" for t in cell.iter(_T)) for cell in cells]
        parents = parents or texts[1:2] == ["Naam"]
        if parents:
            header = texts[1] == "Naam"
            cells[1].addnext(_cell(cells[1], EXTRA_COLUMN if header else ""))
        else:
            span = cells[-1].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            assert span is not None
            span.set(qn("w:val"), str(int(span.get(qn("w:val"), "1")) + 1))
    assert parents


def reworded_form(template: bytes) -> bytes:
    """The bundled form reworded (:data:`REWORDED`), sections E and F swapped and lettered
    anew, and a column 'Wettelijk gezag' between the parents' name and relation."""
    package = open_package(template)
    part = package.main_part()
    root = package.xml(part)
    body = root.find(qn("w:body"))
    assert body is not None
    sections = _sections(body)
    for key, old, new in REWORDED:
        assert _replace(sections[key], old, new), (key, old)
    _add_parents_column(sections["A"])
    # E (its heading and table) moves to just before G; then F is E and E is F.
    first_of_g = sections["G"][0]
    for block in sections["E"]:
        first_of_g.addprevious(block)
    assert _replace(sections["E"][:1], "E. Handelingsadviezen", "F. Handelingsadviezen")
    assert _replace(sections["F"][:1], "F. Handelingsdeel", "E. Handelingsdeel")
    package.replace(part, root)
    return package.to_bytes()


# ---------------------------------------------------------------------- measuring a draft


def with_options(mapping: Mapping, options: dict[str, dict[str, str]]) -> Mapping:
    """``mapping`` with the ``options`` a person adds to its top-level fields."""
    fields = [
        entry.model_copy(update={"options": {**entry.options, **options[entry.path]}})
        if entry.path in options and entry.after_option is None
        else entry
        for entry in mapping.fields
    ]
    return mapping.model_copy(update={"fields": fields})


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _leaves(item, f"{path}.{key}").items()
        }
    if isinstance(value, list):
        return {
            k: v for i, item in enumerate(value) for k, v in _leaves(item, f"{path}.{i}").items()
        }
    return {path.lstrip("."): value}


def differences(want: OPP, got: OPP) -> list[str]:
    """The paths of every value that differs between two plans (missing counts)."""
    a, b = _leaves(want.model_dump(mode="json")), _leaves(got.model_dump(mode="json"))
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def _clear(data: Any, path: tuple[str | int, ...]) -> None:
    """Empty the value at ``path`` in a plan's dict; a step into a list empties it in every
    item (fill names a list's field without the item)."""
    if not path or data is None:
        return
    if isinstance(data, list):
        for item in data:
            _clear(item, path)
        return
    step = str(path[0])
    if len(path) == 1:
        data[step] = [] if isinstance(data.get(step), list) else None
    else:
        _clear(data.get(step), path[1:])


def round_trip(
    plan: OPP, form: bytes, mapping: Mapping, on_refusal: Callable[[list[str]], None] | None = None
) -> tuple[list[str], list[str]]:
    """Fill ``plan`` into ``form`` with ``mapping`` and read it back: the paths that differ
    from ``plan``, and the paths fill refused (a choice the mapping has no text for), whose
    values were left out of the plan so that fill could write the rest."""
    refused: list[str] = []
    data = plan.model_dump(mode="json")
    for _ in range(10):
        try:
            filled = fill(OPP.model_validate(data), form, mapping)
        except TemplateError as error:
            for problem in error.problems:
                refused.append(".".join(str(step) for step in problem.location.path))
                _clear(data, problem.location.path)
            continue
        if on_refusal is not None:
            on_refusal(refused)
        return differences(plan, parse(filled, mapping).plan), refused
    raise AssertionError("fill keeps refusing")

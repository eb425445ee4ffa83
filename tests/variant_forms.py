"""Forms another samenwerkingsverband might publish, built from the bundled one for the tests,
each with the mapping a person would write for it.

Every builder changes one kind of thing and finds what it changes by printed text (never by
position), as the mapping does; :func:`mapping_text` returns the bundled mapping with the
lines such a form needs.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable

from lxml import etree

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.namespaces import qn
from opp_docs.mapping import default_mapping
from opp_docs.resources import bundled_file
from tests.control_forms import content_control
from tests.forms import EditedForm

_P = qn("w:p")
_T = qn("w:t")
_TBL = qn("w:tbl")

# (old printed text, new printed text, which occurrence: 0 the first, -1 the last, None all)
RENAMED: tuple[tuple[str, str, int | None], ...] = (
    ("Cognitieve en didactische ontwikkeling", "Cognitieve ontwikkeling", None),
    ("Mentor", "Mentor/coach", -1),  # the role in D; the first is the label in A
    ("Verslag ondersteuningsteam/MDO", "Verslag MDO", None),
    ("Ouder(s)/verzorger(s)", "Ouders/verzorgers", -1),  # the role in the request
    ("Tussenevaluatie", "Tussentijdse evaluatie", None),  # a title's start: "... 2"
)

# The lines the renamed form's mapping adds, after the line that starts each entry's options.
_OPTIONS = {
    'key = "domein"\n': (
        'options = { "Cognitieve en didactische ontwikkeling" = "Cognitieve ontwikkeling" }\n'
    ),
    'title = "domein"\n': (
        'options = { "Cognitieve en didactische ontwikkeling" = "Cognitieve ontwikkeling" }\n'
    ),
    'title = "soort"\n': 'options = { "Tussenevaluatie" = "Tussentijdse evaluatie" }\n',
    'path = "ondertekening"\nsection = "D"\n': 'options = { "Mentor" = "Mentor/coach" }\n',
    'path = "aanvraag.bijlagen"\nsection = "bijlagen"\n': (
        'options = { "Verslag ondersteuningsteam/MDO" = "Verslag MDO" }\n'
    ),
    'path = "aanvraag.ondertekening"\nsection = "ondertekening_aanvraag"\n': (
        'options = { "Ouder(s)/verzorger(s)" = "Ouders/verzorgers" }\n'
    ),
}


def _paragraphs_reading(body: etree._Element, text: str) -> list[etree._Element]:
    """Paragraphs whose text is ``text``, or starts with it and goes on with a number."""
    wanted = normalize_label(text)
    found = []
    for paragraph in body.iter(_P):
        read = normalize_label("".join(t.text or "" for t in paragraph.iter(_T)))
        rest = read[len(wanted) :].strip()
        if read.startswith(wanted) and (not rest or rest.isdigit()):
            found.append(paragraph)
    return found


def _rename(paragraph: etree._Element, old: str, new: str) -> None:
    runs = list(paragraph.iter(_T))
    text = "".join(t.text or "" for t in runs)
    runs[0].text = text.replace(old, new, 1)
    for extra in runs[1:]:
        extra.text = ""


def renamed_form(template: bytes) -> bytes:
    """The form with a domain, two roles, an attachment and an evaluation kind renamed."""
    form = EditedForm(template)
    body = form.body
    for old, new, which in RENAMED:
        found = _paragraphs_reading(body, old)
        assert found, old
        for paragraph in found if which is None else [found[which]]:
            _rename(paragraph, old, new)
    return form.to_bytes()


def mapping_text(extra: dict[str, str]) -> str:
    """The bundled mapping with ``extra[line]`` inserted after each ``line`` (each once)."""
    text = bundled_file("mappings", "OPP_2024-2025.toml").read_text(encoding="utf-8")
    for line, addition in extra.items():
        assert text.count(line) == 1, line
        text = text.replace(line, line + addition)
    return text


def renamed_mapping() -> str:
    """The mapping of :func:`renamed_form`: the bundled one with ``options`` for each."""
    return mapping_text(_OPTIONS)


# ---------------------------------------------------------------------- headings in rows

_W = qn("w:tbl").split("}")[0][1:]
# Sections whose first table starts with an item's title (a domain, an evaluation): their
# heading gets a one-row table of its own, as such forms print it.
_OWN_TABLE = {"F", "G"}


def _heading_row(text: str, columns: int, merged: bool) -> etree._Element:
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>'
    heading = f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"
    if merged:
        cells = f'<w:tc><w:tcPr><w:gridSpan w:val="{columns}"/>{shading}</w:tcPr>{heading}</w:tc>'
    else:
        cells = f"<w:tc><w:tcPr>{shading}</w:tcPr>{heading}</w:tc>"
        cells += "<w:tc><w:p/></w:tc>" * (columns - 1)
    return etree.fromstring(f'<w:tr xmlns:w="{_W}">{cells}</w:tr>')


def _columns(table: etree._Element) -> int:
    grid = table.find(qn("w:tblGrid"))
    assert grid is not None
    return len(grid.findall(qn("w:gridCol")))


def row_heading_form(template: bytes) -> bytes:
    """The form with each section's heading in the first row of a table instead of in a
    paragraph: shaded, in one merged cell for every other section, in the first of several
    cells for the rest; a section that starts with a titled table gets a one-row table."""
    mapping = default_mapping()
    headings = {normalize_label(text): key for key, text in mapping.sections.items()}
    form = EditedForm(template)
    body = form.body
    moved = 0
    for paragraph in [child for child in body if child.tag == _P]:
        text = "".join(t.text or "" for t in paragraph.iter(_T))
        key = headings.get(normalize_label(text))
        following = paragraph.getnext()
        if key in (None, "titel") or following is None or following.tag != _TBL:
            continue
        merged = moved % 2 == 0
        if key in _OWN_TABLE:
            own = copy.deepcopy(following)
            for row in own.findall(qn("w:tr")):
                own.remove(row)
            own.append(_heading_row(text, _columns(own), merged=True))
            paragraph.addprevious(own)
        else:
            first = following.find(qn("w:tr"))
            assert first is not None
            first.addprevious(_heading_row(text, _columns(following), merged))
        # The paragraph stays, empty: it keeps the tables apart (Word joins tables that
        # touch).
        for run in paragraph.findall(qn("w:r")):
            paragraph.remove(run)
        moved += 1
    assert moved >= 10
    return form.to_bytes()


def join_tables_after(data: bytes, heading: str) -> bytes:
    """The form with the empty paragraph before the table that starts with ``heading``
    deleted, so that Word joins that table to the one before: the heading is then a row in
    the middle of a table."""
    form = EditedForm(data)
    body = form.body
    wanted = normalize_label(heading)
    for table in body.iter(_TBL):
        first = table.find(qn("w:tr"))
        text = "" if first is None else "".join(t.text or "" for t in first.iter(_T))
        if normalize_label(text) != wanted:
            continue
        spacer = table.getprevious()
        before = spacer.getprevious() if spacer is not None else None
        assert spacer is not None and spacer.tag == _P and before is not None
        assert before.tag == _TBL
        body.remove(spacer)
        for row in table.findall(qn("w:tr")):
            before.append(row)
        body.remove(table)
        break
    else:
        raise AssertionError(heading)
    return form.to_bytes()


# ---------------------------------------------------------------------- nested tables

_OUTER = (
    f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
    '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>'
    '</w:tblPr><w:tblGrid><w:gridCol w:w="9638"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
    '<w:tcW w:w="5000" w:type="pct"/></w:tcPr></w:tc></w:tr></w:tbl>'
)


def _first_text(table: etree._Element) -> str:
    first = table.find(f"{qn('w:tr')}/{qn('w:tc')}")
    return "" if first is None else normalize_label("".join(t.text or "" for t in first.iter(_T)))


def _nest(body: etree._Element, starts: tuple[str, ...]) -> None:
    """Move the run of top-level tables whose first cell starts with one of ``starts`` (and
    the paragraphs between them) into the one cell of a new outer table."""
    wanted = tuple(normalize_label(text) for text in starts)
    children = list(body)
    hits = [
        i
        for i, child in enumerate(children)
        if child.tag == _TBL and _first_text(child).startswith(wanted)
    ]
    assert hits, starts
    outer = etree.fromstring(_OUTER)
    cell = outer.find(f".//{qn('w:tc')}")
    assert cell is not None
    children[hits[0]].addprevious(outer)
    for child in children[hits[0] : hits[-1] + 1]:
        cell.append(child)
    etree.SubElement(cell, _P)  # a cell ends in a paragraph


def nested_form(template: bytes) -> bytes:
    """The form with C's domain table, F's domain tables and G's evaluation tables each
    nested in the one cell of an outer table."""
    from opp_docs.model import Domein, EvaluatieSoort

    form = EditedForm(template)
    body = form.body
    _nest(body, ("Domein",))
    _nest(body, tuple(member.value for member in Domein))
    _nest(body, tuple(member.value for member in EvaluatieSoort))
    return form.to_bytes()


# ---------------------------------------------------------------------- labels in paragraphs

_FORMTEXT = (
    '<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/>'
    '<w:enabled/><w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>'
    '<w:r xmlns:w="{w}"><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
    '<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r xmlns:w="{w}"><w:t>\u2002\u2002\u2002\u2002\u2002</w:t></w:r>'
    '<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="end"/></w:r>'
)

# Part A's single fields become paragraphs "Label: " + a FORMTEXT field (the dates a date
# picker), outside the table; the title block's labels become "Label: " + a text control
# inside their cell.
_A_FIELDS = tuple(
    entry.label
    for entry in default_mapping().fields
    if entry.section == "A" and entry.label and entry.place == "beside"
)
_TITLE_FIELDS = tuple(
    entry.label for entry in default_mapping().fields if entry.section == "titel" and entry.label
)


def _label_paragraph(label: str, value: list[etree._Element]) -> etree._Element:
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{_W}"><w:r><w:rPr><w:b/></w:rPr>'
        f'<w:t xml:space="preserve">{label} </w:t></w:r></w:p>'
    )
    paragraph.extend(value)
    return paragraph


def _formtext(name: str) -> list[etree._Element]:
    wrapper = etree.fromstring(f'<w:p xmlns:w="{_W}">{_FORMTEXT.format(w=_W, name=name)}</w:p>')
    return list(wrapper)


def label_paragraph_form(template: bytes) -> bytes:
    """The form with part A's fields as paragraphs "Naam leerling: " + a text field (the
    dates a date picker) before A's table, and the title block's labels as "Datum: " + a
    text control in the label's cell (the value cell beside it removed)."""
    form = EditedForm(template)
    body = form.body
    number = itertools.count(9000)
    rows_by_label = _rows_by_label(body)
    a_table = rows_by_label[normalize_label("Naam leerling")].getparent()
    assert a_table is not None
    for label in _A_FIELDS:
        row = rows_by_label[normalize_label(label)]
        dated = label.startswith(("Geboortedatum", "Datum"))
        value = (
            [content_control(next(number), date=True)]
            if dated
            else _formtext(f"veld{next(number)}")
        )
        a_table.addprevious(_label_paragraph(f"{label}:", value))
        a_table.remove(row)
    _title_labels_in_one_cell(rows_by_label, lambda: [content_control(next(number), date=False)])
    return form.to_bytes()


def _rows_by_label(body: etree._Element) -> dict[str, etree._Element]:
    rows: dict[str, etree._Element] = {}
    for row in body.iter(qn("w:tr")):
        first = row.find(qn("w:tc"))
        if first is not None:
            text = "".join(t.text or "" for t in first.iter(_T))
            rows.setdefault(normalize_label(text), row)
    return rows


def _title_labels_in_one_cell(
    rows_by_label: dict[str, etree._Element], value: Callable[[], list[etree._Element]]
) -> None:
    """Each label of the title block and its value cell made one cell: the label's
    paragraph followed by ``value()``."""
    for label in _TITLE_FIELDS:
        row = rows_by_label[normalize_label(label)]
        cells = row.findall(qn("w:tc"))
        label_cell, value_cell = cells[0], cells[1]
        properties = label_cell.find(qn("w:tcPr"))
        if properties is None:
            properties = etree.Element(qn("w:tcPr"))
            label_cell.insert(0, properties)
        span = etree.Element(qn("w:gridSpan"), {qn("w:val"): "2"})
        width = properties.find(qn("w:tcW"))
        properties.insert(0 if width is None else properties.index(width) + 1, span)
        row.remove(value_cell)
        for paragraph in label_cell.findall(_P):
            label_cell.remove(paragraph)
        label_cell.append(_label_paragraph(label, value()))


def typed_label_form(template: bytes) -> bytes:
    """The form with each label of the title block and its value cell made one cell that
    reads "Datum: ", the value to be typed after the label: no field, no control."""
    form = EditedForm(template)
    _title_labels_in_one_cell(_rows_by_label(form.body), list)
    return form.to_bytes()


def typed_label_mapping() -> str:
    """The mapping of :func:`typed_label_form`: the title block ``place = "after_label"``."""
    extra = {f'label = "{label}"\n': 'place = "after_label"\n' for label in _TITLE_FIELDS}
    return mapping_text(extra)


def label_paragraph_mapping() -> str:
    """The mapping of :func:`label_paragraph_form`: those fields ``place = "after_label"``."""
    extra = {
        f'label = "{label}"\n': 'place = "after_label"\n' for label in (*_A_FIELDS, *_TITLE_FIELDS)
    }
    return mapping_text(extra)


# ---------------------------------------------------------------------- text after an option


def after_option_control_form(template: bytes) -> bytes:
    """The form with a text control (every other one a FORMTEXT field) after each option
    that asks for free text ("Anders, namelijk:", "Ja, namelijk:", ...)."""
    form = EditedForm(template)
    body = form.body
    number = itertools.count(9500)
    added = 0
    for paragraph in body.iter(_P):
        text = "".join(t.text or "" for t in paragraph.iter(_T)).rstrip()
        if not text.endswith(("namelijk:", "afwijkingen:")):
            continue
        space = etree.SubElement(etree.SubElement(paragraph, qn("w:r")), _T)
        space.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        space.text = " "  # Word types a space before the control
        if added % 2 == 0:
            paragraph.append(content_control(next(number), date=False))
        else:
            paragraph.extend(_formtext(f"anders{next(number)}"))
        added += 1
    assert added >= 3
    return form.to_bytes()

"""The bundled form rebuilt as a Word 2010+ content-control form, for the fill-in-place tests.

Every empty value cell of the bundled template (no text, box, field or nested table) gets
what Word writes for a control inserted from the Developer tab: a run-level plain-text
control showing "Klik of tik om tekst in te voeren." in the PlaceholderText style or, where
the label beside or above it speaks of a date, a date picker with ``d-M-yyyy`` showing
"Klik of tik om een datum in te voeren.". The boxes stay legacy boxes: this form changes
one thing, the text places.
"""

from __future__ import annotations

import itertools

from lxml import etree

from opp_docs.docx.boxes import find_checkboxes
from opp_docs.docx.fields import find_form_fields
from opp_docs.docx.namespaces import qn
from opp_docs.docx.text import read_text
from tests.forms import EditedForm

TEXT_PROMPT = "Klik of tik om tekst in te voeren."
DATE_PROMPT = "Klik of tik om een datum in te voeren."

_TC = qn("w:tc")
_TBL = qn("w:tbl")
_P = qn("w:p")
_PPR = qn("w:pPr")
_VAL = qn("w:val")


def _w(tag: str, parent: etree._Element, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, qn(tag), {qn(f"w:{k}"): v for k, v in attributes.items()})


def content_control(number: int, date: bool) -> etree._Element:
    """A run-level plain-text control or date picker as Word inserts it, showing its prompt."""
    sdt = etree.Element(qn("w:sdt"))
    properties = _w("w:sdtPr", sdt)
    _w("w:id", properties, val=str(number))
    _w("w:showingPlcHdr", properties)
    if date:
        picker = _w("w:date", properties)
        _w("w:dateFormat", picker, val="d-M-yyyy")
        _w("w:lid", picker, val="nl-NL")
        _w("w:storeMappedDataAs", picker, val="dateTime")
        _w("w:calendar", picker, val="gregorian")
    else:
        _w("w:text", properties)
    content = _w("w:sdtContent", sdt)
    run = _w("w:r", content)
    _w("w:rStyle", _w("w:rPr", run), val="PlaceholderText")
    _w("w:t", run).text = DATE_PROMPT if date else TEXT_PROMPT
    return sdt


def _continues_a_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _is_empty_value_cell(cell: etree._Element) -> bool:
    return (
        not _continues_a_merge(cell)  # Word shows the merged cell's first part only
        and not read_text(cell).strip()
        and not find_checkboxes(cell)
        and not find_form_fields(cell)
        and cell.find(f".//{_TBL}") is None
    )


def _speaks_of_a_date(cell: etree._Element) -> bool:
    """The label left of ``cell`` or the header above it names a date."""
    before = cell.getprevious()
    texts = [read_text(before)] if before is not None and before.tag == _TC else []
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    if row is not None and table is not None:
        index = [c for c in row if c.tag == _TC].index(cell)
        for earlier in table.iterchildren(qn("w:tr")):
            if earlier is row:
                break
            cells = [c for c in earlier if c.tag == _TC]
            if len(cells) == len([c for c in row if c.tag == _TC]):
                texts.append(read_text(cells[index]))
    return any("datum" in text.lower() for text in texts[-1:] + texts[:1])


def content_control_form(template: bytes) -> bytes:
    """``template`` with a content control in every empty value cell (see the module)."""
    form = EditedForm(template)
    numbers = itertools.count(1_000_001)
    for cell in list(form.body.iter(_TC)):
        if not _is_empty_value_cell(cell):
            continue
        paragraph = cell.find(_P)
        if paragraph is None:
            paragraph = _w("w:p", cell)
        for child in list(paragraph):
            if child.tag != _PPR:
                paragraph.remove(child)
        paragraph.append(content_control(next(numbers), _speaks_of_a_date(cell)))
    return form.to_bytes()

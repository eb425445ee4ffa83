"""A value cell's text, written into the cell's own form control when it has one.

A form built with content controls has a control in each value cell: a plain or rich text
control showing "Klik of tik om tekst in te voeren.", a date picker, a dropdown. A form
built with legacy fields has a ``FORMTEXT`` field there. Writing the cell's text over it
would turn the form into plain text (and leave the grey placeholder style on the value);
:func:`write_cell_value` writes into the control instead, so the form stays a form:

- the cell's one text-like content control (``w:sdt`` of kind text, rich text, date,
  dropdown or combo box) gets the text, its ``w:showingPlcHdr`` and the placeholder style
  removed (:func:`.sdt.set_sdt_text`); a date control also gets ``w:date/@w:fullDate`` and
  the text in its own ``w:dateFormat`` (:func:`.sdt.set_sdt_date`);
- else the cell's one ``FORMTEXT`` field gets the text as its result (its
  ``w:maxLength`` respected: a longer text is a :class:`~opp_docs.errors.DocxError`);
- else the cell's text is replaced (:func:`.runs.set_cell_text`).

A cell with two such controls is written as a plain cell: which one would be meant?
:func:`cell_date` reads a date control's ``w:fullDate`` back, whatever its display format.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from opp_docs.docx.fields import FormField, find_form_fields, set_text_field
from opp_docs.docx.runs import set_cell_text
from opp_docs.docx.sdt import find_sdts, sdt_date, sdt_kind, set_sdt_date, set_sdt_text
from opp_docs.docx.text import is_showing_placeholder

__all__ = ["TEXT_KINDS", "cell_date", "is_plain_value_cell", "value_control", "write_cell_value"]

TEXT_KINDS = frozenset({"text", "richText", "date", "dropDownList", "comboBox"})
"""The kinds of content control that hold a typed value (not a box, picture or group)."""

_SDT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdt"


def value_control(cell: etree._Element) -> etree._Element | None:
    """The one text-like content control in ``cell`` (nested controls count once, as the
    outer one), or None when it has none or more than one."""
    found = [
        sdt
        for sdt in find_sdts(cell)
        if sdt_kind(sdt) in TEXT_KINDS
        and not any(
            ancestor.tag == _SDT for ancestor in sdt.iterancestors() if ancestor is not cell
        )
    ]
    return found[0] if len(found) == 1 else None


def write_cell_value(cell: etree._Element, text: str, *, day: date | None = None) -> None:
    """Write ``text`` (the value as the form prints it) into ``cell``, into its own control
    when it has one; ``day`` is the date ``text`` shows, for a date control."""
    control = value_control(cell)
    if control is not None:
        if day is not None and sdt_kind(control) == "date":
            set_sdt_date(control, day)
        else:
            set_sdt_text(control, text)
        return
    field = _text_field(cell)
    if field is not None:
        set_text_field(field, text)
        return
    set_cell_text(cell, text)


def is_plain_value_cell(cell: etree._Element) -> bool:
    """Whether :func:`write_cell_value` writes ``cell`` as plain text (no control, no
    ``FORMTEXT`` field of its own), whatever the text."""
    return value_control(cell) is None and _text_field(cell) is None


def _text_field(cell: etree._Element) -> FormField | None:
    fields = [field for field in find_form_fields(cell) if field.kind == "text"]
    return fields[0] if len(fields) == 1 and not find_sdts(cell) else None


def cell_date(cell: etree._Element) -> date | None:
    """The date of the cell's date control (``w:fullDate``), unless it shows its
    placeholder or has none."""
    control = value_control(cell)
    if control is None or sdt_kind(control) != "date" or is_showing_placeholder(control):
        return None
    return sdt_date(control)

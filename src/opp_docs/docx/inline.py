"""A value inside a paragraph, after printed text: "Naam leerling: ..." or "Anders, namelijk: ...".

Forms put a value in the same paragraph as the text that asks for it, in one of three ways:

- a content control after the text (plain text, rich text, date picker or list) showing
  "Klik of tik om tekst in te voeren." until it is filled;
- a ``FORMTEXT`` field after the text (five grey EN SPACEs until it is filled);
- nothing: the value is typed after the text.

:func:`inline_slot` tells which (the paragraph's one text-like control or text field; with
none or more than one, plain text); :func:`read_inline` reads the value and
:func:`write_inline` writes it, so that a value written and read back is the same text: no
space is added or lost.

    >>> from lxml import etree
    >>> from opp_docs.docx.namespaces import NS
    >>> p = etree.fromstring(
    ...     f'<w:p xmlns:w="{NS["w"]}"><w:r><w:t xml:space="preserve">Naam: </w:t></w:r></w:p>'
    ... )
    >>> write_inline(p, "Noor")
    >>> read_inline(p, "Naam:")
    'Noor'
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from opp_docs.docx.fields import FormField, field_text, find_form_fields, set_text_field
from opp_docs.docx.runs import build_run, first_run_properties
from opp_docs.docx.sdt import find_sdts, sdt_date, sdt_kind, sdt_text, set_sdt_date, set_sdt_text
from opp_docs.docx.text import is_showing_placeholder, prepare_text, read_text

__all__ = ["inline_date", "inline_slot", "read_inline", "text_after", "write_inline"]

_TEXT_KINDS = frozenset({"text", "richText", "date", "dropDownList", "comboBox"})


def inline_slot(paragraph: etree._Element) -> etree._Element | FormField | None:
    """The paragraph's one text-like content control or ``FORMTEXT`` field, else None."""
    controls = [sdt for sdt in find_sdts(paragraph) if sdt_kind(sdt) in _TEXT_KINDS]
    fields = [field for field in find_form_fields(paragraph) if field.kind == "text"]
    if len(controls) + len(fields) != 1:
        return None
    return controls[0] if controls else fields[0]


def text_after(text: str, printed: str) -> str | None:
    """What follows ``printed`` in ``text`` (compared ignoring case and the spacing between
    its words, a trailing colon optional), less the spaces before it; None if ``printed``
    is not in ``text``."""
    words = printed.rstrip().rstrip(":").split()
    if not words:
        return text.lstrip()
    pattern = r"\s*".join(re.escape(word) for word in words) + r":?"
    found = re.search(pattern, text, re.IGNORECASE)
    return None if found is None else text[found.end() :].lstrip(" \t\u2002")


def read_inline(paragraph: etree._Element, printed: str) -> str | None:
    """The value after ``printed`` in ``paragraph``: its control's or field's text, else the
    typed text after ``printed``; None when there is none."""
    slot = inline_slot(paragraph)
    if isinstance(slot, FormField):
        value = field_text(slot)
    elif slot is not None:
        value = sdt_text(slot)
    else:
        value = text_after(read_text(paragraph), printed) or ""
    return value or None


def inline_date(paragraph: etree._Element) -> date | None:
    """The date of the paragraph's date picker (``w:fullDate``), unless it shows its
    placeholder or the paragraph has none."""
    slot = inline_slot(paragraph)
    if slot is None or isinstance(slot, FormField) or sdt_kind(slot) != "date":
        return None
    return None if is_showing_placeholder(slot) else sdt_date(slot)


def write_inline(paragraph: etree._Element, value: str, *, day: date | None = None) -> None:
    """Write ``value`` as the paragraph's value: into its control or field when it has one
    (a date picker gets ``day``), else as a run at the end (line breaks as ``w:br``), after
    one space when the paragraph does not already end in one."""
    slot = inline_slot(paragraph)
    if isinstance(slot, FormField):
        set_text_field(slot, value)
    elif slot is not None:
        if day is not None and sdt_kind(slot) == "date":
            set_sdt_date(slot, day)
        else:
            set_sdt_text(slot, value)
    else:
        text = prepare_text(value)
        shown = read_text(paragraph)
        space = "" if not shown or shown[-1].isspace() else " "
        paragraph.append(build_run(space + text, first_run_properties(paragraph)))

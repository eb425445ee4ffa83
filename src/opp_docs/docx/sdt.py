"""Content controls (``w:sdt``) at run, block, row and cell level: properties and text.

A content control is ``w:sdt`` with ``w:sdtPr`` (its tag, alias, id, kind and
placeholder state) and ``w:sdtContent``, which holds runs, paragraphs, rows or cells
depending on where the control stands. While ``w:sdtPr/w:showingPlcHdr`` is set the
content is the placeholder prompt ("Klik of tik om tekst in te voeren."), which reads as
empty. Checkbox controls are read and written by :mod:`.checkbox`.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Literal

from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.docx.runs import build_run, first_run_properties, set_block_text
from opp_docs.docx.text import is_showing_placeholder, prepare_text, read_text
from opp_docs.docx.walk import is_live
from opp_docs.errors import DocxError, Problem
from opp_docs.formats import MONTHS

__all__ = [
    "SdtLevel",
    "find_sdt",
    "find_sdts",
    "format_date_picture",
    "sdt_alias",
    "sdt_date",
    "sdt_id",
    "sdt_kind",
    "sdt_level",
    "sdt_list_items",
    "sdt_tag",
    "sdt_text",
    "set_sdt_date",
    "set_sdt_text",
]

SdtLevel = Literal["run", "block", "row", "cell"]

_VAL = qn("w:val")
_SDT = qn("w:sdt")
_SDT_PR = qn("w:sdtPr")
_CONTENT = qn("w:sdtContent")
_RPR = qn("w:rPr")
_BLOCK_PARENTS = frozenset(
    qn(t)
    for t in (
        "w:body",
        "w:tc",
        "w:txbxContent",
        "w:hdr",
        "w:ftr",
        "w:footnote",
        "w:endnote",
        "w:comment",
        "w:docPartBody",
    )
)
# The kind of a control is the one child of w:sdtPr among these (none means rich text).
_KINDS = {
    qn("w14:checkbox"): "checkbox",
    qn("w:dropDownList"): "dropDownList",
    qn("w:comboBox"): "comboBox",
    qn("w:date"): "date",
    qn("w:text"): "text",
    qn("w:picture"): "picture",
    qn("w:group"): "group",
    qn("w:docPartObj"): "docPartObj",
    qn("w:citation"): "citation",
    qn("w:bibliography"): "bibliography",
    qn("w:equation"): "equation",
    qn("w:richText"): "richText",
}
_MARKERS = frozenset(
    qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd")
)


def find_sdts(element: etree._Element) -> list[etree._Element]:
    """Every live ``w:sdt`` in ``element`` (nested ones too), in document order."""
    return [sdt for sdt in element.iter(_SDT) if is_live(sdt)]


def _property(sdt: etree._Element, tag: str) -> str | None:
    node = sdt.find(f"{_SDT_PR}/{qn(tag)}")
    return None if node is None else node.get(_VAL)


def sdt_tag(sdt: etree._Element) -> str | None:
    """``w:sdtPr/w:tag/@w:val``: the name a template gives a control for code."""
    return _property(sdt, "w:tag")


def sdt_alias(sdt: etree._Element) -> str | None:
    """``w:sdtPr/w:alias/@w:val``: the title Word shows on the control."""
    return _property(sdt, "w:alias")


def sdt_id(sdt: etree._Element) -> int | None:
    """``w:sdtPr/w:id/@w:val``, a signed 32-bit number unique in the document."""
    value = _property(sdt, "w:id")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def sdt_kind(sdt: etree._Element) -> str:
    """``checkbox``, ``dropDownList``, ``comboBox``, ``date``, ``text``, ... or ``richText``."""
    properties = sdt.find(_SDT_PR)
    if properties is not None:
        for child in properties:
            if child.tag in _KINDS:
                return _KINDS[child.tag]
    return "richText"


def sdt_list_items(sdt: etree._Element) -> list[tuple[str, str]]:
    """The ``(displayText, value)`` pairs of a dropdown or combo box, in order.

    ``w:displayText`` defaults to ``w:value`` when absent (ECMA-376 17.5.2.21).
    """
    items = []
    for kind in ("w:dropDownList", "w:comboBox"):
        for item in sdt.iterfind(f"{_SDT_PR}/{qn(kind)}/{qn('w:listItem')}"):
            value = item.get(qn("w:value"), "")
            items.append((item.get(qn("w:displayText"), value), value))
    return items


def sdt_level(sdt: etree._Element) -> SdtLevel:
    """Where the control stands: around runs, paragraphs/tables, rows or cells."""
    content = sdt.find(_CONTENT)
    tags = {child.tag for child in content} if content is not None else set()
    if qn("w:tr") in tags:
        return "row"
    if qn("w:tc") in tags:
        return "cell"
    if qn("w:p") in tags or qn("w:tbl") in tags:
        return "block"
    if tags - _MARKERS:
        return "run"
    # An empty control: its parent tells.
    parent = sdt.getparent()
    if parent is None or parent.tag in _BLOCK_PARENTS:
        return "block"
    if parent.tag == qn("w:tr"):
        return "cell"
    if parent.tag == qn("w:tbl"):
        return "row"
    outer = parent.getparent()
    if parent.tag == _CONTENT and outer is not None:
        return sdt_level(outer)
    return "run"


def sdt_text(sdt: etree._Element) -> str:
    """The text of a control; empty while it shows its placeholder."""
    content = sdt.find(_CONTENT)
    if content is None or is_showing_placeholder(sdt):
        return ""
    return read_text(content)


def find_sdt(
    element: etree._Element, *, tag: str | None = None, alias: str | None = None
) -> etree._Element | None:
    """The first control in ``element`` with the given ``w:tag`` and/or ``w:alias``."""
    for sdt in find_sdts(element):
        if (tag is None or sdt_tag(sdt) == tag) and (alias is None or sdt_alias(sdt) == alias):
            return sdt
    return None


def _run_properties(sdt: etree._Element, content: etree._Element) -> etree._Element | None:
    # Word formats typed text with the control's own w:sdtPr/w:rPr when it has one;
    # otherwise keep the content's formatting, minus the placeholder's grey style.
    own = sdt.find(f"{_SDT_PR}/{_RPR}")
    if own is not None:
        return own
    rpr = first_run_properties(content) if len(content) else None
    if rpr is None or not is_showing_placeholder(sdt):
        return rpr
    rpr = copy.deepcopy(rpr)
    for style in rpr.findall(qn("w:rStyle")):
        if style.get(_VAL) == "PlaceholderText":
            rpr.remove(style)
    return rpr


def set_sdt_text(sdt: etree._Element, value: str) -> None:
    """Write ``value`` into a control and switch its placeholder off.

    Run level: one run, newlines as ``w:br``. Block level: paragraphs as in
    :func:`.runs.set_block_text`. Cell level: the text of the control's cell. A row
    control holds no text of its own, a checkbox is set with :mod:`.checkbox` and a
    dropdown only takes one of its entries: those raise :class:`DocxError`. A date
    control's ``w:date/@w:fullDate`` is not changed.
    """
    text = prepare_text(value)
    kind = sdt_kind(sdt)
    level = sdt_level(sdt)
    label = sdt_alias(sdt) or sdt_tag(sdt) or ""
    if kind == "checkbox" or level == "row":
        message = f"In het invulveld '{label}' kan geen tekst worden gezet ({kind}, {level})."
        raise DocxError(Problem(code="invulveld.geen_tekst", message=message, input=value))
    shown = [display for display, _ in sdt_list_items(sdt)]
    if kind == "dropDownList" and text not in shown:
        options = ", ".join(f"'{option}'" for option in shown)
        message = f"'{text}' staat niet in de keuzelijst '{label}'. Kies uit: {options}."
        raise DocxError(Problem(code="keuzelijst.onbekende_waarde", message=message, input=value))
    content = sdt.find(_CONTENT)
    if content is None:
        content = etree.SubElement(sdt, _CONTENT)
    rpr = _run_properties(sdt, content)
    if level == "run":
        for child in list(content):
            if child.tag not in _MARKERS:
                content.remove(child)
        content.append(build_run(text, rpr))
    elif level == "cell":
        cell = content.find(qn("w:tc"))
        assert cell is not None  # sdt_level found one
        set_block_text(cell, text, run_properties=rpr)
    else:
        set_block_text(content, text, run_properties=rpr)
    properties = sdt.find(_SDT_PR)
    if properties is not None:
        for flag in properties.findall(qn("w:showingPlcHdr")):
            properties.remove(flag)


_DATE = qn("w:date")
_FULL_DATE = qn("w:fullDate")
_DATE_FORMAT = qn("w:dateFormat")
_MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_DAYS_SHORT = ["ma", "di", "wo", "do", "vr", "za", "zo"]
# Word's date pictures (the date-time picture of its fields): a run of one letter is one token;
# text between single quotes is printed as it is.
_PICTURE = re.compile(r"'[^']*'|d{1,4}|M{1,4}|y{1,4}|.", re.DOTALL)


def format_date_picture(day: date, picture: str) -> str:
    """``day`` as Word shows it for a date picture (``w:dateFormat``), in Dutch.

    >>> format_date_picture(date(2024, 10, 1), "d-M-yyyy")
    '1-10-2024'
    >>> format_date_picture(date(2024, 10, 1), "dddd d MMMM yyyy")
    'dinsdag 1 oktober 2024'
    """
    parts = []
    for token in _PICTURE.findall(picture):
        letter, width = token[0], len(token)
        if letter == "'":
            parts.append(token[1:-1])
        elif letter == "d":
            weekday = day.weekday()
            parts.append(
                (str(day.day), f"{day.day:02d}", _DAYS_SHORT[weekday], _DAYS[weekday])[width - 1]
            )
        elif letter == "M":
            month = day.month - 1
            parts.append(
                (str(day.month), f"{day.month:02d}", _MONTHS_SHORT[month], MONTHS[month])[width - 1]
            )
        elif letter == "y":
            parts.append(f"{day.year % 100:02d}" if width <= 2 else f"{day.year:04d}")
        else:
            parts.append(token)
    return "".join(parts)


def sdt_date(sdt: etree._Element) -> date | None:
    """``w:sdtPr/w:date/@w:fullDate`` of a date control as a date, or None."""
    node = sdt.find(f"{_SDT_PR}/{_DATE}")
    value = None if node is None else node.get(_FULL_DATE)
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def set_sdt_date(sdt: etree._Element, day: date) -> None:
    """Set a date control to ``day``: ``w:fullDate`` (what Word's picker holds) and the
    text in the control's ``w:dateFormat`` (``d-M-yyyy`` when it names none)."""
    node = sdt.find(f"{_SDT_PR}/{_DATE}")
    if node is None:
        raise DocxError(
            Problem(
                code="invulveld.geen_datum",
                message=f"Het invulveld '{sdt_alias(sdt) or sdt_tag(sdt) or ''}' is geen "
                "datumveld.",
                input=day.isoformat(),
            )
        )
    node.set(_FULL_DATE, f"{day.isoformat()}T00:00:00Z")
    picture = node.find(_DATE_FORMAT)
    set_sdt_text(
        sdt,
        format_date_picture(day, picture.get(_VAL, "") if picture is not None else "d-M-yyyy")
        or day.isoformat(),
    )

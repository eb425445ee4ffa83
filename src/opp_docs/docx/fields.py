"""Legacy form fields: ``FORMTEXT``, ``FORMDROPDOWN`` and ``FORMCHECKBOX``.

A legacy form field is a complex field whose ``begin`` ``w:fldChar`` holds ``w:ffData``::

    <w:r><w:fldChar w:fldCharType="begin"><w:ffData>...</w:ffData></w:fldChar></w:r>
    <w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>
    <w:r><w:fldChar w:fldCharType="separate"/></w:r>
    <w:r><w:t>the result, what Word shows</w:t></w:r>
    <w:r><w:fldChar w:fldCharType="end"/></w:r>

The value of a text field is its result. A dropdown's value is the list entry
(``w:ddList/w:listEntry/@w:val``) at index ``w:ddList/w:result/@w:val``; Word leaves the
result runs empty and omits ``w:result`` while the first entry is selected.
Checkbox state lives in :mod:`.checkbox`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml import etree

from opp_docs.docx import checkbox
from opp_docs.docx.namespaces import qn
from opp_docs.docx.runs import build_run
from opp_docs.docx.text import FORMTEXT_FILLER, TextCollector, mark_deleted, prepare_text
from opp_docs.docx.walk import Token, tokens
from opp_docs.errors import DocxError, Problem

__all__ = [
    "FieldKind",
    "FormField",
    "dropdown_entries",
    "dropdown_index",
    "dropdown_value",
    "field_text",
    "find_form_field",
    "find_form_fields",
    "read_field",
    "set_dropdown_value",
    "set_text_field",
]

FieldKind = Literal["checkbox", "text", "dropdown"]

_VAL = qn("w:val")
_FFDATA = qn("w:ffData")
_R = qn("w:r")
_T = qn("w:t")
_RPR = qn("w:rPr")
_DDLIST = f"{_FFDATA}/{qn('w:ddList')}"
_KINDS: dict[str, FieldKind] = {
    "FORMCHECKBOX": "checkbox",
    "FORMTEXT": "text",
    "FORMDROPDOWN": "dropdown",
}
# Markers kept in place when a field's result is rewritten.
_MARKERS = frozenset(
    qn(t)
    for t in (
        "w:bookmarkStart",
        "w:bookmarkEnd",
        "w:commentRangeStart",
        "w:commentRangeEnd",
        "w:permStart",
        "w:permEnd",
    )
)


@dataclass
class FormField:
    """One legacy form field: its kind and its ``begin``/``separate``/``end`` fldChars."""

    kind: FieldKind
    begin: etree._Element
    separate: etree._Element | None
    end: etree._Element | None

    @property
    def ffdata(self) -> etree._Element:
        """The field's ``w:ffData``."""
        ffdata = self.begin.find(_FFDATA)
        assert ffdata is not None, "a FormField is only made for a begin with w:ffData"
        return ffdata

    @property
    def name(self) -> str:
        """``w:ffData/w:name/@w:val``; Word also names the field's bookmark so."""
        node = self.ffdata.find(qn("w:name"))
        return "" if node is None else node.get(_VAL, "")


def _kind(begin: etree._Element, instruction: str) -> FieldKind:
    words = instruction.split()
    if words and words[0].upper() in _KINDS:
        return _KINDS[words[0].upper()]
    ffdata = begin.find(_FFDATA)
    if ffdata is not None and ffdata.find(qn("w:checkBox")) is not None:
        return "checkbox"
    if ffdata is not None and ffdata.find(qn("w:ddList")) is not None:
        return "dropdown"
    return "text"  # ECMA-376 17.16.17: w:textInput is the default


def find_form_fields(element: etree._Element) -> list[FormField]:
    """Every live legacy form field in ``element``, in document order of their begins."""
    # Slots are taken at each begin, so the result is in document order of the begins
    # even when fields nest (the inner one ends first).
    slots: list[FormField | None] = []
    stack: list[tuple[int, etree._Element, list[str], list[etree._Element]]] = []
    for token in tokens(element):
        if token.kind == "fld_begin":
            stack.append((len(slots), token.element, [], []))
            slots.append(None)
        elif not stack:
            continue
        elif token.kind == "instr" and not stack[-1][3]:
            stack[-1][2].append(token.text)
        elif token.kind == "fld_separate":
            stack[-1][3].append(token.element)
        elif token.kind == "fld_end":
            slot, begin, instruction, separate = stack.pop()
            if begin.find(_FFDATA) is not None:
                kind = _kind(begin, "".join(instruction))
                sep = separate[0] if separate else None
                slots[slot] = FormField(kind, begin, sep, token.element)
    return [field for field in slots if field is not None]


def find_form_field(element: etree._Element, name: str) -> FormField | None:
    """The first form field in ``element`` named ``name`` (``w:ffData/w:name``)."""
    return next((f for f in find_form_fields(element) if f.name == name), None)


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element:
    ancestors = [a, *a.iterancestors()]
    for node in [b, *b.iterancestors()]:
        if any(node is ancestor for ancestor in ancestors):
            return node
    raise ValueError("the elements are not in one tree")


def field_text(field: FormField) -> str:
    """The result of a field as text; Word's five EN SPACE filler reads as empty."""
    if field.separate is None or field.end is None:
        return ""
    collector = TextCollector()
    inside = False
    for token in tokens(_common_ancestor(field.separate, field.end)):
        if token.element is field.separate:
            inside = True
        elif token.element is field.end:
            break
        elif inside and token.kind == "para_end":
            # The result runs on into the next paragraph.
            newline = "" if mark_deleted(token.element) else "\n"
            collector.feed(Token("text", token.element, newline))
        elif inside and token.kind != "para_start":
            collector.feed(token)
    text = collector.text
    return "" if text == FORMTEXT_FILLER else text


def dropdown_entries(field: FormField) -> list[str]:
    """The entries of a dropdown: ``w:ddList/w:listEntry/@w:val``, in order."""
    return [e.get(_VAL, "") for e in field.ffdata.iterfind(f"{qn('w:ddList')}/{qn('w:listEntry')}")]


def dropdown_index(field: FormField) -> int:
    """The selected index: ``w:ddList/w:result``, else ``w:ddList/w:default``, else 0."""
    for tag in ("w:result", "w:default"):
        node = field.ffdata.find(f"{qn('w:ddList')}/{qn(tag)}")
        if node is not None:
            try:
                return int(node.get(_VAL, "0"))
            except ValueError:
                continue  # not a number: Word would not write it; fall through
    return 0


def dropdown_value(field: FormField) -> str | None:
    """The selected entry, or ``None`` when the list is empty or the index is outside it."""
    entries = dropdown_entries(field)
    index = dropdown_index(field)
    return entries[index] if 0 <= index < len(entries) else None


def read_field(field: FormField) -> str | bool | None:
    """A field's value: the text, the selected entry, or the checkbox state."""
    if field.kind == "checkbox":
        return checkbox.legacy_checked(field.begin)
    if field.kind == "dropdown":
        return dropdown_value(field)
    return field_text(field)


def _problem(code: str, message: str, value: str) -> DocxError:
    return DocxError(Problem(code=code, message=message, input=value))


def set_dropdown_value(field: FormField, value: str) -> None:
    """Select ``value`` in a dropdown by writing ``w:ddList/w:result/@w:val``.

    The result runs are left as they are: Word shows the entry ``w:result`` names.
    An unknown value raises :class:`DocxError` (``keuzelijst.onbekende_waarde``).
    """
    entries = dropdown_entries(field)
    if value not in entries:
        options = ", ".join(f"'{e}'" for e in entries)
        message = f"'{value}' staat niet in de keuzelijst '{field.name}'. Kies uit: {options}."
        raise _problem("keuzelijst.onbekende_waarde", message, value)
    ddlist = field.ffdata.find(qn("w:ddList"))
    assert ddlist is not None  # entries were found in it
    result = ddlist.find(qn("w:result"))
    if result is None:
        result = etree.SubElement(ddlist, qn("w:result"))
        ddlist.insert(0, result)  # schema order: w:result, w:default, w:listEntry*
    result.set(_VAL, str(entries.index(value)))


def set_text_field(field: FormField, value: str) -> None:
    """Write ``value`` as the result of a ``FORMTEXT`` field.

    The runs between ``separate`` and ``end`` are replaced by one run (newline as
    ``w:br``, tab as ``w:tab``) with the ``w:rPr`` of the first old result run, else of
    the ``separate`` run. An empty value is written as Word's five EN SPACEs. Text longer
    than ``w:textInput/w:maxLength`` raises :class:`DocxError`.
    """
    text = prepare_text(value)
    limit = field.ffdata.find(f"{qn('w:textInput')}/{qn('w:maxLength')}")
    maximum = int(limit.get(_VAL, "0")) if limit is not None else 0
    if maximum and len(text) > maximum:
        message = (
            f"De tekst voor veld '{field.name}' is {len(text)} tekens lang; er passen er "
            f"{maximum}. Maak de tekst korter."
        )
        raise _problem("tekstveld.te_lang", message, value)
    end_run = field.end.getparent() if field.end is not None else None
    separate_run = field.separate.getparent() if field.separate is not None else None
    parent = end_run.getparent() if end_run is not None else None
    if end_run is None or parent is None or end_run.tag != _R:
        raise _problem("tekstveld.onvolledig", _broken(field), value)
    if separate_run is None:
        separate_run = etree.SubElement(parent, _R)
        etree.SubElement(separate_run, qn("w:fldChar"), {qn("w:fldCharType"): "separate"})
        end_run.addprevious(separate_run)
        field.separate = separate_run[0]
    if separate_run.getparent() is not parent or separate_run is end_run:
        raise _problem("tekstveld.onvolledig", _broken(field), value)
    between = []
    node = separate_run.getnext()
    while node is not None and node is not end_run:
        between.append(node)
        node = node.getnext()
    rpr = next((r.find(_RPR) for r in between if r.tag == _R and r.find(_T) is not None), None)
    if rpr is None:
        rpr = separate_run.find(_RPR)
    for node in between:
        if node.tag not in _MARKERS:
            parent.remove(node)
    end_run.addprevious(build_run(text or FORMTEXT_FILLER, rpr))


def _broken(field: FormField) -> str:
    return (
        f"Het tekstveld '{field.name}' is in het document anders opgebouwd dan Word het "
        "maakt (het loopt bijvoorbeeld over meer alinea's). Vul het in Word in of maak het "
        "opnieuw."
    )

"""The state of one checkbox, of each kind Word knows, and new legacy checkboxes.

- Legacy form field (``FORMCHECKBOX``): ``w:fldChar[@w:fldCharType="begin"]/w:ffData/
  w:checkBox``. ECMA-376 17.16.7: ``w:checked`` decides when present (a bare element
  means true), otherwise ``w:default``, otherwise unchecked.
- Content control: ``w:sdt`` with ``w:sdtPr/w14:checkbox/w14:checked/@w14:val``; the
  box Word displays is a glyph in ``w:sdtContent`` (``w14:checkedState``/
  ``w14:uncheckedState`` name its code point and font).
- A glyph typed as text (``☐ □`` unchecked, ``☒ ☑ ■`` checked): a character in ``w:t``.
"""

from __future__ import annotations

import copy

from lxml import etree

from opp_docs.docx.namespaces import NS, XML_NS, qn
from opp_docs.docx.walk import is_live

__all__ = [
    "CHECKED_GLYPHS",
    "UNCHECKED_GLYPHS",
    "glyph_state",
    "legacy_checked",
    "new_legacy_checkbox",
    "on_off",
    "sdt_checkbox",
    "sdt_checked",
    "set_glyph",
    "set_legacy_checked",
    "set_sdt_checked",
    "toggled_glyph",
]

UNCHECKED_GLYPHS = "☐□"
CHECKED_GLYPHS = "☒☑■"
# Each glyph's counterpart, so a box keeps its look: ☐ <-> ☒, □ <-> ■, ☑ -> ☐.
_COUNTERPART = {"☐": "☒", "□": "■", "☒": "☐", "☑": "☐", "■": "□"}

_VAL = qn("w:val")
_W14_VAL = qn("w14:val")
_W14_FONT = qn("w14:font")
_CHECK_BOX = qn("w:checkBox")
_FFDATA = qn("w:ffData")
_SDT_CHECKBOX = f"{qn('w:sdtPr')}/{qn('w14:checkbox')}"
_T = qn("w:t")
_R = qn("w:r")
_RPR = qn("w:rPr")

# Word's own content-control glyphs (MS Gothic U+2612 / U+2610) when the control does not
# name its states.
_DEFAULT_STATES = {True: ("2612", "MS Gothic"), False: ("2610", "MS Gothic")}


def on_off(node: etree._Element | None, attribute: str = _VAL) -> bool | None:
    """The value of an ST_OnOff element: ``None`` if absent, a bare element is true."""
    if node is None:
        return None
    return node.get(attribute, "true").strip().lower() in ("1", "true", "on")


def _check_box(element: etree._Element) -> etree._Element:
    """The ``w:checkBox`` of a begin ``w:fldChar``, a ``w:ffData`` or itself."""
    if element.tag == _CHECK_BOX:
        return element
    found = element.find(_CHECK_BOX) if element.tag == _FFDATA else None
    if found is None:
        found = element.find(f"{_FFDATA}/{_CHECK_BOX}")
    if found is None:
        raise ValueError(f"no w:checkBox in {element.tag}")
    return found


def legacy_checked(element: etree._Element) -> bool:
    """Whether a legacy checkbox is checked (``element``: fldChar, ffData or checkBox)."""
    box = _check_box(element)
    checked = on_off(box.find(qn("w:checked")))
    if checked is not None:
        return checked
    return bool(on_off(box.find(qn("w:default"))))


def set_legacy_checked(element: etree._Element, checked: bool) -> None:
    """Check or uncheck a legacy checkbox, keeping ``w:default`` and ``w:checked`` equal.

    Word itself only adds ``<w:checked/>`` when a user ticks a box, but some readers
    look at ``w:default`` alone; writing both means every reader sees the same state.
    Schema order in ``w:checkBox``: ``w:size``/``w:sizeAuto``, ``w:default``, ``w:checked``.
    """
    box = _check_box(element)
    default = box.find(qn("w:default"))
    if default is None:
        default = etree.SubElement(box, qn("w:default"))
    default.set(_VAL, "1" if checked else "0")
    state = box.find(qn("w:checked"))
    if state is None:
        state = etree.SubElement(box, qn("w:checked"))
    else:
        box.remove(state)
        default.addnext(state)
    # Word writes a checked box as a bare <w:checked/>.
    if checked:
        if _VAL in state.attrib:
            del state.attrib[_VAL]
    else:
        state.set(_VAL, "0")


def sdt_checkbox(sdt: etree._Element) -> etree._Element | None:
    """The ``w14:checkbox`` of a content control, or ``None`` if it is another kind."""
    return sdt.find(_SDT_CHECKBOX)


def sdt_checked(sdt: etree._Element) -> bool:
    """Whether a checkbox content control is checked (``w14:checked/@w14:val``)."""
    box = sdt_checkbox(sdt)
    if box is None:
        raise ValueError("not a checkbox content control")
    return bool(on_off(box.find(qn("w14:checked")), _W14_VAL))


def _state(box: etree._Element, checked: bool) -> tuple[str, str]:
    node = box.find(qn("w14:checkedState" if checked else "w14:uncheckedState"))
    code, font = _DEFAULT_STATES[checked]
    if node is not None:
        code, font = node.get(_W14_VAL, code), node.get(_W14_FONT, font)
    return chr(int(code, 16)), font


def set_sdt_checked(sdt: etree._Element, checked: bool) -> None:
    """Check or uncheck a checkbox content control: ``w14:checked`` and its glyph together.

    The glyph is the text of the first live ``w:t`` in ``w:sdtContent`` (other ``w:t`` of
    the control are removed); its run's ``w:rFonts`` is set to the state's font.
    """
    box = sdt_checkbox(sdt)
    if box is None:
        raise ValueError("not a checkbox content control")
    state = box.find(qn("w14:checked"))
    if state is None:
        state = etree.Element(qn("w14:checked"), nsmap={"w14": NS["w14"]})
        box.insert(0, state)
    state.set(_W14_VAL, "1" if checked else "0")
    glyph, font = _state(box, checked)
    content = sdt.find(qn("w:sdtContent"))
    if content is None:
        content = etree.SubElement(sdt, qn("w:sdtContent"))
    texts = [t for t in content.iter(_T) if is_live(t)]
    if texts:
        target = texts[0]
        for extra in texts[1:]:
            parent = extra.getparent()
            if parent is not None:
                parent.remove(extra)
    else:
        target = etree.SubElement(etree.SubElement(content, _R), _T)
    target.text = glyph
    run = target.getparent()
    if run is not None and run.tag == _R:
        _set_font(run, font)


def _set_font(run: etree._Element, font: str) -> None:
    rpr = run.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        run.insert(0, rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.Element(qn("w:rFonts"))
        # Schema order: w:rStyle comes before w:rFonts in w:rPr.
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, fonts)
    for attribute in ("w:ascii", "w:eastAsia", "w:hAnsi"):
        fonts.set(qn(attribute), font)


def glyph_state(char: str) -> bool | None:
    """``True`` for a checked box glyph, ``False`` for an empty one, else ``None``."""
    if char in CHECKED_GLYPHS:
        return True
    if char in UNCHECKED_GLYPHS:
        return False
    return None


def toggled_glyph(char: str, checked: bool) -> str:
    """The glyph to show for ``checked`` in place of the box glyph ``char``."""
    if glyph_state(char) is None:
        raise ValueError(f"{char!r} is not a box glyph")
    return char if glyph_state(char) == checked else _COUNTERPART[char]


def set_glyph(t: etree._Element, offset: int, checked: bool) -> None:
    """Check or uncheck the box glyph at ``offset`` in the text of a ``w:t``."""
    text = t.text or ""
    t.text = text[:offset] + toggled_glyph(text[offset], checked) + text[offset + 1 :]


def new_legacy_checkbox(
    checked: bool = False,
    *,
    name: str = "",
    rpr: etree._Element | None = None,
    bookmark_id: int | None = None,
) -> list[etree._Element]:
    """The runs of a new legacy checkbox, as Word writes them.

    Four runs: ``begin`` with ``w:ffData`` (``w:name``, ``w:enabled``, ``w:calcOnExit``,
    ``w:checkBox`` with ``w:sizeAuto`` and ``w:default``), ``w:instrText``
    " FORMCHECKBOX ", ``separate`` and ``end``. Word stores a box inserted as checked in
    ``w:default`` only. ``rpr`` is copied into every run. Word wraps a named box in a
    bookmark of the same name; given ``bookmark_id`` (and a ``name``) the list holds
    ``w:bookmarkStart`` after the first run and ``w:bookmarkEnd`` at the end, like Word.
    Word limits form field names to 20 characters.
    """
    nsmap = {"w": NS["w"]}

    def run() -> etree._Element:
        element = etree.Element(_R, nsmap=nsmap)
        if rpr is not None:
            element.append(copy.deepcopy(rpr))
        return element

    begin = run()
    fld_char = etree.SubElement(begin, qn("w:fldChar"), {qn("w:fldCharType"): "begin"})
    ffdata = etree.SubElement(fld_char, _FFDATA)
    etree.SubElement(ffdata, qn("w:name"), {_VAL: name})
    etree.SubElement(ffdata, qn("w:enabled"))
    etree.SubElement(ffdata, qn("w:calcOnExit"), {_VAL: "0"})
    box = etree.SubElement(ffdata, _CHECK_BOX)
    etree.SubElement(box, qn("w:sizeAuto"))
    etree.SubElement(box, qn("w:default"), {_VAL: "1" if checked else "0"})
    instruction = run()
    instr_text = etree.SubElement(instruction, qn("w:instrText"))
    instr_text.set(f"{{{XML_NS}}}space", "preserve")
    instr_text.text = " FORMCHECKBOX "
    separate = run()
    etree.SubElement(separate, qn("w:fldChar"), {qn("w:fldCharType"): "separate"})
    end = run()
    etree.SubElement(end, qn("w:fldChar"), {qn("w:fldCharType"): "end"})
    if not (name and bookmark_id is not None):
        return [begin, instruction, separate, end]
    start = etree.Element(qn("w:bookmarkStart"), {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    finish = etree.Element(qn("w:bookmarkEnd"), {qn("w:id"): str(bookmark_id)})
    return [begin, start, instruction, separate, end, finish]

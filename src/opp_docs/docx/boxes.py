"""Every checkbox in an element, in document order, with the option text that follows it.

A box is one of four kinds:

- ``legacy``: a ``FORMCHECKBOX`` field (``w:fldChar``/``w:ffData/w:checkBox``);
- ``sdt``: a checkbox content control (``w:sdt`` with ``w14:checkbox``);
- ``glyph``: a box character typed as text (``☐ □ ☒ ☑ ■``) outside those two;
- ``typed``: a mark someone typed where a box stood, because the box was deleted or could
  not be ticked: ``X``, ``x``, ``V``, ``v``, ``✓``, ``✔``, ``[X]``, ``[ ]``, ``(x)``,
  ``( )`` and the like. A mark is only recognised where a box can stand: at the start of
  a paragraph or after a tab, followed by a space or tab ("X Havo", "Ja\\tX Nee"). Typed
  boxes can be read, not written.

The option text (``label``) of a box is the live text after it up to the next box or the
end of the paragraph, stripped; it is read like :func:`.text.read_text` reads text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from lxml import etree

from opp_docs.docx import checkbox
from opp_docs.docx.namespaces import qn
from opp_docs.docx.text import TextCollector
from opp_docs.docx.walk import Token, token_list
from opp_docs.errors import DocxError, Problem

__all__ = [
    "Checkbox",
    "find_checkbox",
    "find_checkboxes",
    "is_checked",
    "normalize_label",
    "set_checked",
    "typed_mark_state",
]

BoxKind = Literal["legacy", "sdt", "glyph", "typed"]

# Longest first, so "[X]" wins over "X"; bare letters need a following space or tab.
_TYPED_MARKS: dict[str, bool] = {
    "[X]": True,
    "[x]": True,
    "[V]": True,
    "[v]": True,
    "(X)": True,
    "(x)": True,
    "[ ]": False,
    "( )": False,
    "[]": False,
    "()": False,
    "X": True,
    "x": True,
    "V": True,
    "v": True,
    "✓": True,
    "✔": True,
}
_MARK_STARTS = frozenset(mark[0] for mark in _TYPED_MARKS)
_GLYPHS = frozenset(checkbox.CHECKED_GLYPHS + checkbox.UNCHECKED_GLYPHS)
_T = qn("w:t")
_FFDATA_CHECKBOX = f"{qn('w:ffData')}/{qn('w:checkBox')}"


@dataclass(frozen=True)
class Checkbox:
    """One box found in a document.

    ``element`` is the ``w:fldChar`` (legacy), the ``w:sdt`` (sdt), the ``w:t`` holding
    the glyph (glyph, at ``offset`` in its text) or the ``w:p`` holding a typed mark
    (typed, ``mark`` at ``offset`` in the paragraph's text). ``label`` is the option text.
    """

    kind: BoxKind
    element: etree._Element
    paragraph: etree._Element | None
    label: str
    offset: int = 0
    mark: str = ""

    @property
    def checked(self) -> bool:
        """The current state, read from the XML (see :func:`is_checked`)."""
        return is_checked(self)


def typed_mark_state(text: str) -> bool | None:
    """What a typed mark means: ``True`` ("X", "[x]", "V", "✓"), ``False`` ("[ ]"), else None."""
    return _TYPED_MARKS.get(text.strip())


def is_checked(box: Checkbox) -> bool:
    """Whether ``box`` is checked now."""
    if box.kind == "legacy":
        return checkbox.legacy_checked(box.element)
    if box.kind == "sdt":
        return checkbox.sdt_checked(box.element)
    if box.kind == "glyph":
        return bool(checkbox.glyph_state((box.element.text or " ")[box.offset]))
    return bool(_TYPED_MARKS.get(box.mark))


def set_checked(box: Checkbox, checked: bool) -> None:
    """Check or uncheck ``box``; a typed mark raises :class:`DocxError`."""
    if box.kind == "legacy":
        checkbox.set_legacy_checked(box.element, checked)
    elif box.kind == "sdt":
        checkbox.set_sdt_checked(box.element, checked)
    elif box.kind == "glyph":
        checkbox.set_glyph(box.element, box.offset, checked)
    else:
        message = (
            f"Het vakje voor '{box.label}' is met de hand getypt ('{box.mark}') en kan niet "
            "worden aan- of uitgevinkt. Zet er een echt selectievakje voor in de plaats."
        )
        raise DocxError(Problem(code="vakje.getypt", message=message, input=box.mark))


@dataclass
class _Found:
    kind: BoxKind
    element: etree._Element | None  # None for a typed mark: it has no element of its own
    start: int  # position in the paragraph text where the box opens
    end: int = -1  # position where its label begins
    offset: int = 0
    mark: str = ""


class _Paragraph:
    """Collects the text of one paragraph and the boxes in it."""

    def __init__(self, element: etree._Element | None, anchor: etree._Element) -> None:
        self.element = element  # the w:p, or None when walking runs outside a paragraph
        self.anchor = anchor  # what a typed mark points at: the w:p or the walked element
        self.text = TextCollector()
        self.boxes: list[_Found] = []
        self._fields: list[_Found | None] = []  # open fields; a box for FORMCHECKBOX
        self._sdts: list[_Found | None] = []  # open content controls; a box for checkboxes

    def feed(self, token: Token) -> None:
        kind = token.kind
        here = len(self.text)
        if kind == "fld_begin":
            legacy = token.element.find(_FFDATA_CHECKBOX) is not None
            box = _Found("legacy", token.element, here) if legacy else None
            self._fields.append(box)
            if box is not None:
                self.boxes.append(box)
        elif kind == "fld_end" and self._fields:
            self.text.feed(token)
            box = self._fields.pop()
            if box is not None:
                box.end = len(self.text)
            return
        elif kind == "sdt_start":
            is_box = checkbox.sdt_checkbox(token.element) is not None
            box = _Found("sdt", token.element, here) if is_box else None
            self._sdts.append(box)
            if box is not None:
                self.boxes.append(box)
        elif kind == "sdt_end" and self._sdts:
            self.text.feed(token)
            box = self._sdts.pop()
            if box is not None:
                box.end = len(self.text)
            return
        added = self.text.feed(token)
        # Inside a checkbox content control the glyph is that control's face, not a box.
        if (
            kind == "text"
            and added
            and not _GLYPHS.isdisjoint(added)
            and token.element.tag == _T
            and not any(self._sdts)
        ):
            for i, char in enumerate(added):
                if checkbox.glyph_state(char) is not None:
                    self.boxes.append(_Found("glyph", token.element, here + i, here + i + 1, i))

    def result(self) -> Iterator[Checkbox]:
        text = self.text.text
        found = sorted(self.boxes + list(_typed_marks(text, self.boxes)), key=lambda b: b.start)
        for i, box in enumerate(found):
            end = box.end if box.end >= 0 else box.start
            stop = found[i + 1].start if i + 1 < len(found) else len(text)
            label = text[end:stop].strip()
            element = self.anchor if box.element is None else box.element
            yield Checkbox(box.kind, element, self.element, label, box.offset, box.mark)


def _typed_marks(text: str, boxes: list[_Found]) -> Iterator[_Found]:
    taken = [(b.start, max(b.end, b.start + 1)) for b in boxes]
    candidates = [0]
    tab = text.find("\t")
    while tab >= 0:
        candidates.append(tab + 1)
        tab = text.find("\t", tab + 1)
    for position in candidates:
        while position < len(text) and text[position] == " ":
            position += 1
        if position >= len(text) or text[position] not in _MARK_STARTS:
            continue
        if any(start <= position < end for start, end in taken):
            continue
        for mark in _TYPED_MARKS:
            after = position + len(mark)
            if text.startswith(mark, position) and after < len(text) and text[after] in " \t":
                yield _Found("typed", None, position, after, position, mark)
                break


def find_checkboxes(
    element: etree._Element, walked: Sequence[Token] | None = None
) -> list[Checkbox]:
    """Every box in ``element`` (a paragraph, cell, table, body, ...) in document order.

    ``walked`` may hand in ``element``'s tokens (:func:`~.walk.token_list`) when the caller
    has them already.
    """
    found: list[Checkbox] = []
    current: _Paragraph | None = None
    for token in token_list(element) if walked is None else walked:
        if token.kind == "para_start":
            current = _Paragraph(token.element, token.element)
        elif token.kind == "para_end":
            if current is not None:
                found.extend(current.result())
            current = None
        else:
            if current is None:
                current = _Paragraph(None, element)  # runs outside a paragraph
            current.feed(token)
    if current is not None:
        found.extend(current.result())
    return found


@lru_cache(maxsize=8192)
def normalize_label(label: str) -> str:
    """A label for comparing: NFC, case-folded, whitespace collapsed, ':' trimmed."""
    return " ".join(unicodedata.normalize("NFC", label).casefold().split()).rstrip(":").strip()


def find_checkbox(element: etree._Element, label: str) -> Checkbox | None:
    """The one box in ``element`` whose option text is ``label`` (see :func:`normalize_label`).

    ``None`` when there is none; :class:`DocxError` when several boxes carry that label.
    """
    wanted = normalize_label(label)
    matches = [b for b in find_checkboxes(element) if normalize_label(b.label) == wanted]
    if len(matches) > 1:
        message = (
            f"Er staan {len(matches)} vakjes met de tekst '{label}'; "
            "het is niet duidelijk welk vakje bedoeld is. Maak de teksten verschillend."
        )
        raise DocxError(Problem(code="vakje.dubbel", message=message, input=label))
    return matches[0] if matches else None

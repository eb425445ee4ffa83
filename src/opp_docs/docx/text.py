"""Reading the text a user sees in a paragraph, cell or body, and checking text to write.

:func:`read_text` follows the tokens of :mod:`.walk` (tracked changes accepted, comments
ignored) and turns them into one string:

- ``w:t`` as is, however the text is split into runs; ``w:tab``/``w:ptab`` as ``\\t``;
  ``w:br``/``w:cr`` as ``\\n``; ``w:noBreakHyphen`` as ``-``;
- paragraphs joined by ``\\n``; a paragraph whose mark is a tracked deletion
  (``w:pPr/w:rPr/w:del``) runs on into the next one, as Word shows it once accepted;
- field instructions (``w:instrText``) are not text; field results are;
- two of Word's stand-ins for "nothing" read as empty: the result of a ``FORMTEXT``
  field that is Word's filler of five EN SPACEs (U+2002), and the placeholder text of a
  content control that shows it (``w:sdtPr/w:showingPlcHdr``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.docx.walk import Token, token_list
from opp_docs.errors import InvalidTextError, Problem

__all__ = [
    "FORMTEXT_FILLER",
    "TextCollector",
    "check_text",
    "is_showing_placeholder",
    "mark_deleted",
    "normalize_newlines",
    "prepare_text",
    "read_text",
    "text_of",
]

# Word fills an empty FORMTEXT field with five EN SPACEs so that the grey box has a width.
FORMTEXT_FILLER = "\u2002" * 5

_SHOWING_PLCHDR = f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}"
_MARK_RPR = f"{qn('w:pPr')}/{qn('w:rPr')}"
_MARK_DELETIONS = frozenset({qn("w:del"), qn("w:moveFrom")})
# Everything XML 1.0 cannot hold (see _is_xml_char), for a fast first check in C. Written as
# the few characters refused rather than the complement of those allowed: the same set (no
# Python character lies above U+10FFFF), compiled in a tenth of a millisecond instead of four.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SDT = qn("w:sdt")


def mark_deleted(paragraph: etree._Element) -> bool:
    """Whether a paragraph's mark is a tracked deletion or move away.

    Such a paragraph (``w:pPr/w:rPr/w:del`` or ``w:moveFrom``) runs on into the next
    one once the change is accepted.
    """
    mark = paragraph.find(_MARK_RPR)
    return mark is not None and any(child.tag in _MARK_DELETIONS for child in mark)


def is_showing_placeholder(sdt: etree._Element) -> bool:
    """Whether a ``w:sdt`` shows its placeholder (``./w:sdtPr/w:showingPlcHdr``)."""
    node = sdt.find(_SHOWING_PLCHDR)
    # ST_OnOff: a bare element means true.
    return node is not None and node.get(qn("w:val"), "true") not in ("0", "false", "off")


@dataclass
class _OpenField:
    in_result: bool = False
    instruction: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)


class TextCollector:
    """Turns :class:`~.walk.Token` objects into text, one token at a time.

    :meth:`feed` returns what a token added to the collected text (empty when the token
    is dropped or held back inside a field result), so a caller can keep positions.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._fields: list[_OpenField] = []
        self._placeholders: list[bool] = []
        self._seen_paragraph = False
        self._run_on = False

    @property
    def text(self) -> str:
        """The text collected so far."""
        return "".join(self._parts)

    def __len__(self) -> int:
        return self._length

    def feed(self, token: Token) -> str:
        """Take one token; return the text it added to :attr:`text`."""
        kind = token.kind
        if kind == "text":
            return "" if any(self._placeholders) else self._emit(token.text)
        if kind == "para_start":
            separator = "" if not self._seen_paragraph or self._run_on else "\n"
            self._seen_paragraph = True
            return self._emit(separator)
        if kind == "para_end":
            self._run_on = mark_deleted(token.element)
            return ""
        if kind == "sdt_start":
            self._placeholders.append(is_showing_placeholder(token.element))
            return ""
        if kind == "sdt_end":
            if self._placeholders:
                self._placeholders.pop()
            return ""
        return self._feed_field(token)

    def _feed_field(self, token: Token) -> str:
        if token.kind == "fld_begin":
            self._fields.append(_OpenField())
        elif not self._fields:
            return ""  # a stray separate/end/instruction without its begin
        elif token.kind == "instr":
            if not self._fields[-1].in_result:
                self._fields[-1].instruction.append(token.text)
        elif token.kind == "fld_separate":
            self._fields[-1].in_result = True
        elif token.kind == "fld_end":
            closed = self._fields.pop()
            result = "".join(closed.result) if closed.in_result else ""
            if result == FORMTEXT_FILLER and "FORMTEXT" in "".join(closed.instruction):
                result = ""
            return self._emit(result)
        return ""

    def _emit(self, text: str) -> str:
        if self._fields:
            innermost = self._fields[-1]
            if innermost.in_result:
                innermost.result.append(text)
            # Text between begin and separate belongs to the instruction (nested fields).
            return ""
        if text:
            self._parts.append(text)
            self._length += len(text)
        return text


def read_text(element: etree._Element) -> str:
    """The text of a ``w:p``, ``w:tc``, ``w:tbl``, ``w:body``, ``w:sdtContent`` or run.

    Text inside a content control that shows its placeholder reads as empty, also when
    ``element`` is a paragraph within such a control.
    """
    ancestor = element.getparent()
    while ancestor is not None:
        if ancestor.tag == _SDT and is_showing_placeholder(ancestor):
            return ""
        ancestor = ancestor.getparent()
    return text_of(token_list(element))


def text_of(found: list[Token]) -> str:
    """The text of tokens from :func:`~.walk.token_list`, as :func:`read_text` reads it
    (without its check for a placeholder around the walked element)."""
    # Most cells and paragraphs hold no field and no content control: join their text
    # directly. Anything else goes through the TextCollector, which knows fields.
    parts: list[str] = []
    seen = False  # a paragraph opened before
    ended: etree._Element | None = None  # the paragraph that closed last
    for token in found:
        kind = token.kind
        if kind == "text":
            parts.append(token.text)
        elif kind == "para_start":
            if seen and (ended is None or not mark_deleted(ended)):
                parts.append("\n")
            seen = True
        elif kind == "para_end":
            ended = token.element
        else:
            collector = TextCollector()
            for each in found:
                collector.feed(each)
            return collector.text
    return "".join(parts)


def _is_xml_char(code: int) -> bool:
    # XML 1.0, production [2] Char.
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def check_text(value: str) -> None:
    """Refuse text that XML 1.0 cannot hold, with :class:`InvalidTextError`.

    Refused are control characters other than tab, line feed and carriage return, the
    surrogate code points U+D800 to U+DFFF (a Python string can hold them alone) and
    U+FFFE/U+FFFF. The problem names the first bad character by its 1-based position.
    """
    if _NOT_XML.search(value) is None:
        return
    bad = [i for i, char in enumerate(value) if not _is_xml_char(ord(char))]
    first = bad[0]
    others = len(bad) - 1
    extra = f" (en nog {others} zo'n teken)" if others == 1 else ""
    if others > 1:
        extra = f" (en nog {others} zulke tekens)"
    message = (
        f"Teken {first + 1} van de tekst (U+{ord(value[first]):04X}){extra} kan niet in een "
        "Word-document worden opgeslagen. Haal het weg of vervang het door een spatie."
    )
    raise InvalidTextError(Problem(code="tekst.ongeldig_teken", message=message, input=value))


def normalize_newlines(value: str) -> str:
    """Replace ``\\r\\n`` and lone ``\\r`` by ``\\n``.

    Word has no carriage return of its own: a line ends in a new paragraph (or a
    ``w:br``), which reads back as ``\\n``. Normalising on write keeps read(write(s))
    equal to ``normalize_newlines(s)``.
    """
    return value.replace("\r\n", "\n").replace("\r", "\n")


def prepare_text(value: str) -> str:
    """:func:`check_text` then :func:`normalize_newlines`: the text a writer stores."""
    check_text(value)
    return normalize_newlines(value)

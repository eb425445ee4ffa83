"""The live content of a WordprocessingML element as a stream of tokens, in document order.

"Live" means what Word shows with all tracked changes accepted:

- ``w:del`` and ``w:moveFrom`` (and everything in them, ``w:delText`` included) are dropped;
  ``w:ins`` and ``w:moveTo`` are walked like any other container;
- a table row marked deleted (``w:tr/w:trPr/w:del``) is dropped;
- drawings, VML pictures, embedded objects and ``mc:AlternateContent`` are not walked:
  the paragraphs of a text box belong to the text box, not to the paragraph that anchors it;
- comments leave no trace: ``w:commentRangeStart``/``End`` are empty markers and a
  ``w:commentReference`` run holds no text.

The tokens are read by :mod:`.text` (plain text), :mod:`.fields` (legacy form fields) and
:mod:`.boxes` (checkboxes with their option text), so those three agree on what is live.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from opp_docs.docx.namespaces import qn

__all__ = ["Token", "TokenKind", "is_live", "tokens"]

TokenKind = Literal[
    "text",  # displayed characters: w:t, w:tab, w:ptab, w:br, w:cr, w:noBreakHyphen
    "instr",  # field instruction text: w:instrText
    "fld_begin",  # w:fldChar w:fldCharType="begin"
    "fld_separate",  # w:fldChar w:fldCharType="separate"
    "fld_end",  # w:fldChar w:fldCharType="end"
    "para_start",  # a w:p opens
    "para_end",  # a w:p closes
    "sdt_start",  # a w:sdt (content control) opens, at any level
    "sdt_end",  # a w:sdt closes
]


@dataclass(frozen=True)
class Token:
    """One event of the walk: its kind, the element it comes from and its text."""

    kind: TokenKind
    element: etree._Element
    text: str = ""


# Containers whose content is not live (tracked deletions) or not part of the
# paragraph's own text (drawings and text boxes, objects, property elements).
_SKIPPED = frozenset(
    qn(tag)
    for tag in (
        "w:del",
        "w:moveFrom",
        "w:delText",
        "w:delInstrText",
        "w:drawing",
        "w:pict",
        "w:object",
        "mc:AlternateContent",
        "w:pPr",
        "w:rPr",
        "w:tblPr",
        "w:tblGrid",
        "w:trPr",
        "w:tcPr",
        "w:sectPr",
        "w:sdtPr",
        "w:sdtEndPr",
        "w:footnoteReference",
        "w:endnoteReference",
    )
)

# Run content that Word displays as a character.
_CHARACTERS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    # A non-breaking hyphen is stored as an element, not as U+2011.
    qn("w:noBreakHyphen"): "-",
}

_FLD_KINDS: dict[str | None, TokenKind] = {
    "begin": "fld_begin",
    "separate": "fld_separate",
    "end": "fld_end",
}

_DELETED = frozenset((qn("w:del"), qn("w:moveFrom")))
_T = qn("w:t")
_P = qn("w:p")
_TR = qn("w:tr")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_FLD_CHAR = qn("w:fldChar")
_FLD_CHAR_TYPE = qn("w:fldCharType")
_INSTR = qn("w:instrText")
_TRPR_DEL = f"{qn('w:trPr')}/{qn('w:del')}"


def tokens(element: etree._Element) -> Iterator[Token]:
    """Yield the live tokens of ``element`` and its descendants, in document order.

    ``element`` itself is included: walking a ``w:p`` yields ``para_start`` first.
    """
    tag = element.tag
    if not isinstance(tag, str) or tag in _SKIPPED:
        return  # comments, processing instructions and non-live containers
    if tag == _T:
        yield Token("text", element, element.text or "")
    elif tag in _CHARACTERS:
        yield Token("text", element, _CHARACTERS[tag])
    elif tag == _FLD_CHAR:
        kind = _FLD_KINDS.get(element.get(_FLD_CHAR_TYPE))
        if kind is not None:
            yield Token(kind, element)
    elif tag == _INSTR:
        yield Token("instr", element, element.text or "")
    elif tag == _P:
        yield Token("para_start", element)
        yield from _children(element)
        yield Token("para_end", element)
    elif tag == _TR:
        if element.find(_TRPR_DEL) is None:
            yield from _children(element)
    elif tag == _SDT:
        yield Token("sdt_start", element)
        content = element.find(_SDT_CONTENT)
        if content is not None:
            yield from _children(content)
        yield Token("sdt_end", element)
    else:
        yield from _children(element)


def _children(element: etree._Element) -> Iterator[Token]:
    for child in element:
        yield from tokens(child)


def is_live(element: etree._Element) -> bool:
    """Whether ``element`` is outside every tracked deletion and deleted row."""
    node: etree._Element | None = element
    while node is not None:
        if node.tag in _DELETED or (node.tag == _TR and node.find(_TRPR_DEL) is not None):
            return False
        node = node.getparent()
    return True

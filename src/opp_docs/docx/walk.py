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
from typing import Literal, NamedTuple

from lxml import etree

from opp_docs.docx.namespaces import qn

__all__ = ["Token", "TokenKind", "is_live", "token_list", "tokens"]

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


class Token(NamedTuple):
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
_R = qn("w:r")
_RPR = qn("w:rPr")
# Elements that make one token and whose children are never walked.
_LEAVES = frozenset((_T, _FLD_CHAR, _INSTR, *_CHARACTERS))


def tokens(element: etree._Element) -> Iterator[Token]:
    """The live tokens of ``element`` and its descendants, in document order.

    ``element`` itself is included: walking a ``w:p`` yields ``para_start`` first.
    """
    return iter(token_list(element))


def token_list(element: etree._Element) -> list[Token]:
    """:func:`tokens` as a list."""
    found: list[Token] = []
    _walk(element, element.tag, found)
    return found


# The walk is the innermost loop of reading a form: one plain recursive function (no
# generators, whose ``yield from`` chains cost a resumption per level for every token), each
# tag read once, and a run's content handled in place, since nearly every element is a run
# or inside one.


def _walk(element: etree._Element, tag: object, found: list[Token]) -> None:
    """The tokens of ``element``, whose tag is ``tag``, appended to ``found``."""
    if tag == _R:
        _run(element, found)
    elif tag.__class__ is not str or tag in _SKIPPED:
        return  # comments, processing instructions and non-live containers
    elif tag == _P:
        found.append(Token("para_start", element))
        _children(element, found)
        found.append(Token("para_end", element))
    elif tag == _TR:
        if element.find(_TRPR_DEL) is None:
            _children(element, found)
    elif tag == _SDT:
        found.append(Token("sdt_start", element))
        content = element.find(_SDT_CONTENT)
        if content is not None:
            _children(content, found)
        found.append(Token("sdt_end", element))
    elif tag in _LEAVES:
        _leaf(element, tag, found)
    else:
        _children(element, found)


def _children(element: etree._Element, found: list[Token]) -> None:
    for child in element:
        tag = child.tag
        if tag == _R:
            _run(child, found)
        elif tag not in _SKIPPED:
            _walk(child, tag, found)


def _run(run: etree._Element, found: list[Token]) -> None:
    """The content of a ``w:r`` (its properties skipped)."""
    for child in run:
        tag = child.tag
        if tag == _T:
            found.append(Token("text", child, child.text or ""))
        elif tag == _RPR:
            continue
        elif tag in _LEAVES:
            _leaf(child, tag, found)
        else:
            _walk(child, tag, found)


def _leaf(element: etree._Element, tag: object, found: list[Token]) -> None:
    """A token for one of :data:`_LEAVES`."""
    if tag == _T:
        found.append(Token("text", element, element.text or ""))
    elif tag == _FLD_CHAR:
        kind = _FLD_KINDS.get(element.get(_FLD_CHAR_TYPE))
        if kind is not None:
            found.append(Token(kind, element))
    elif tag == _INSTR:
        found.append(Token("instr", element, element.text or ""))
    else:
        found.append(Token("text", element, _CHARACTERS[str(tag)]))


def is_live(element: etree._Element) -> bool:
    """Whether ``element`` is outside every tracked deletion and deleted row."""
    node: etree._Element | None = element
    while node is not None:
        if node.tag in _DELETED or (node.tag == _TR and node.find(_TRPR_DEL) is not None):
            return False
        node = node.getparent()
    return True

"""Writing text: runs for one line, paragraphs for a cell or block-level content control.

The text is checked and normalised first (:func:`.text.prepare_text`): characters XML 1.0
cannot hold raise :class:`~opp_docs.errors.InvalidTextError`, ``\\r\\n`` and ``\\r``
become ``\\n``. A tab becomes ``w:tab``; every ``w:t`` whose spaces Word would otherwise
trim carries ``xml:space="preserve"``. Read back with :func:`.text.read_text`, the
text is exactly the normalised input.
"""

from __future__ import annotations

import copy

from lxml import etree

from opp_docs.docx.namespaces import NS, XML_NS, qn
from opp_docs.docx.text import prepare_text
from opp_docs.docx.walk import is_live

__all__ = [
    "append_text",
    "blank_paragraph",
    "build_run",
    "first_run_properties",
    "set_block_text",
    "set_cell_text",
    "text_bytes",
]

_W = {"w": NS["w"]}
_P = qn("w:p")
_R = qn("w:r")
_T = qn("w:t")
_RPR = qn("w:rPr")
_PPR = qn("w:pPr")
_TCPR = qn("w:tcPr")
_SPACE = f"{{{XML_NS}}}space"

# Paragraph-mark revision marks: copied onto new paragraphs they would turn every
# paragraph mark into a tracked insertion or deletion.
_MARK_REVISIONS = frozenset(qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo"))

# Markers that anchor something elsewhere (bookmarks, comments, permissions). When a
# cell is rewritten they move to the start or the end of the new text instead of being
# lost, so no bookmark, comment or editing permission is left half-open.
_STARTS = frozenset(qn(t) for t in ("w:bookmarkStart", "w:commentRangeStart", "w:permStart"))
_ENDS = frozenset(qn(t) for t in ("w:bookmarkEnd", "w:commentRangeEnd", "w:permEnd"))
_COMMENT_REFERENCE = qn("w:commentReference")


def _needs_preserve(text: str) -> bool:
    # Without xml:space="preserve" Word drops leading and trailing spaces and may
    # collapse runs of spaces.
    return text != text.strip(" ") or "  " in text


def build_run(text: str, rpr: etree._Element | None = None) -> etree._Element:
    """A ``w:r`` showing ``text`` on one line: ``w:t`` pieces with ``w:tab`` and ``w:br``.

    ``rpr`` (a ``w:rPr``) is deep-copied into the run. ``text`` must already be
    prepared (:func:`.text.prepare_text`); a ``\\n`` becomes ``w:br``.
    """
    run = etree.Element(_R, nsmap=_W)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            etree.SubElement(run, qn("w:br"))
        for piece_no, piece in enumerate(line.split("\t")):
            if piece_no:
                etree.SubElement(run, qn("w:tab"))
            if piece:
                t = etree.SubElement(run, _T)
                t.text = piece
                if _needs_preserve(piece):
                    t.set(_SPACE, "preserve")
    return run


def text_bytes(text: str) -> bytes:
    """What :func:`build_run` puts in its run for one line of ``text`` (no ``\\n``), as a
    part whose WordprocessingML prefix is ``w`` serialises it: ``w:t`` pieces, ``w:tab``
    between them. Escaped as lxml escapes text: ``&``, ``<`` and ``>``."""
    pieces = []
    for piece_no, piece in enumerate(text.split("\t")):
        if piece_no:
            pieces.append("<w:tab/>")
        if piece:
            escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if _needs_preserve(piece):
                pieces.append(f'<w:t xml:space="preserve">{escaped}</w:t>')
            else:
                pieces.append(f"<w:t>{escaped}</w:t>")
    return "".join(pieces).encode()


def first_run_properties(element: etree._Element) -> etree._Element | None:
    """The ``w:rPr`` new text in ``element`` should take, or ``None`` for plain text.

    That is the ``w:rPr`` of the first live run with text (``w:t``) in the first
    paragraph (or in ``element`` itself when it holds runs, not paragraphs), else of its
    first live run, else the paragraph mark's run properties
    (``w:pPr/w:rPr``, as Word formats what is typed into an empty paragraph) without
    their revision marks.
    """
    paragraph = element if element.tag == _P else element.find(f".//{_P}")
    # Run-level content (a w:sdtContent in a paragraph) has runs but no paragraph.
    scope = element if paragraph is None else paragraph
    runs = [r for r in scope.iter(_R) if is_live(r)]
    for run in [r for r in runs if r.find(_T) is not None] + runs:
        return run.find(_RPR)
    mark = paragraph.find(f"{_PPR}/{_RPR}") if paragraph is not None else None
    if mark is None:
        return None
    rpr = etree.Element(_RPR, nsmap=_W)
    for child in mark:
        if child.tag not in _MARK_REVISIONS and child.tag != qn("w:rPrChange"):
            rpr.append(copy.deepcopy(child))
    return rpr if len(rpr) else None


def _paragraph_properties(element: etree._Element) -> etree._Element | None:
    ppr = element.find(f"{_P}/{_PPR}")
    if ppr is None:
        return None
    ppr = copy.deepcopy(ppr)
    mark = ppr.find(_RPR)
    if mark is not None:
        for child in list(mark):
            if child.tag in _MARK_REVISIONS:
                mark.remove(child)
    return ppr


def _format_mark(paragraph: etree._Element, rpr: etree._Element) -> None:
    # An empty paragraph keeps the text formatting on its mark (w:pPr/w:rPr), as Word
    # does: the empty line gets the height of the text, and text written later (see
    # first_run_properties) gets the formatting back.
    ppr = paragraph.find(_PPR)
    if ppr is None:
        ppr = etree.SubElement(paragraph, _PPR)
        paragraph.insert(0, ppr)
    if ppr.find(_RPR) is not None:
        return
    mark = etree.SubElement(ppr, _RPR)
    for child in rpr:
        if child.tag != qn("w:rPrChange"):
            mark.append(copy.deepcopy(child))
    # Schema order: w:rPr comes before w:sectPr and w:pPrChange in w:pPr.
    for later in (qn("w:sectPr"), qn("w:pPrChange")):
        node = ppr.find(later)
        if node is not None:
            node.addprevious(mark)
            break


def set_block_text(
    container: etree._Element, value: str, *, run_properties: etree._Element | None = None
) -> None:
    """Replace the block content of ``container`` by ``value``, one paragraph per line.

    ``container`` is a ``w:tc`` (its ``w:tcPr`` is kept) or a block-level
    ``w:sdtContent``. Every new paragraph gets a copy of the first paragraph's
    ``w:pPr``; its run a copy of ``run_properties`` if given, else of
    :func:`first_run_properties`. A tab becomes ``w:tab``; an empty line an empty
    paragraph whose mark (``w:pPr/w:rPr``, unless the copied ``w:pPr`` has one) carries
    the run formatting, so the formatting survives clearing a cell. Bookmarks, comment
    ranges and comment references are kept: starts before the new text, ends after it.
    """
    text = prepare_text(value)
    if _fill_blank_paragraph(container, text, run_properties):
        return
    ppr = _paragraph_properties(container)
    rpr = run_properties if run_properties is not None else first_run_properties(container)
    starts: list[etree._Element] = []
    ends: list[etree._Element] = []
    for node in container.iter(*_STARTS, *_ENDS, _COMMENT_REFERENCE):
        if node.tag in _STARTS:
            starts.append(node)
        elif node.tag in _ENDS:
            ends.append(node)
        else:
            reference_run = node.getparent()
            if reference_run is not None:
                ends.append(reference_run)
    keep = [copy.deepcopy(node) for node in starts], [copy.deepcopy(node) for node in ends]
    for child in list(container):
        if child.tag != _TCPR:
            container.remove(child)
    paragraphs = []
    for line in text.split("\n"):
        paragraph = etree.SubElement(container, _P)
        if ppr is not None:
            paragraph.append(copy.deepcopy(ppr))
        if line:
            paragraph.append(build_run(line, rpr))
        elif rpr is not None:
            _format_mark(paragraph, rpr)
        paragraphs.append(paragraph)
    first, last = paragraphs[0], paragraphs[-1]
    at = 1 if paragraphs[0].find(_PPR) is not None else 0
    for offset, node in enumerate(keep[0]):
        first.insert(at + offset, node)
    for node in keep[1]:
        last.append(node)


def blank_paragraph(container: etree._Element) -> etree._Element | None:
    """The one empty paragraph of ``container`` (a blank form cell: nothing but a ``w:p``
    holding at most its ``w:pPr``, beside the ``w:tcPr``), into which :func:`set_block_text`
    writes one line in place; ``None`` when the container is not so."""
    children = [child for child in container if child.tag != _TCPR]
    if len(children) != 1 or children[0].tag != _P:
        return None
    paragraph = children[0]
    if len(paragraph) > 1 or (len(paragraph) == 1 and paragraph[0].tag != _PPR):
        return None
    mark = paragraph.find(f"{_PPR}/{_RPR}")
    if mark is not None and any(child.tag in _MARK_REVISIONS for child in mark):
        return None
    return paragraph


def _fill_blank_paragraph(
    container: etree._Element, text: str, run_properties: etree._Element | None
) -> bool:
    """The common case done in place: one line of text into a container holding one empty
    paragraph (a blank form cell, :func:`blank_paragraph`). The result is what
    :func:`set_block_text` builds, except that the paragraph keeps its own attributes (its
    ``w14:paraId``). False when the case does not apply."""
    if not text or "\n" in text:
        return False
    paragraph = blank_paragraph(container)
    if paragraph is None:
        return False
    rpr = run_properties if run_properties is not None else first_run_properties(paragraph)
    paragraph.append(build_run(text, rpr))
    return True


def append_text(paragraph: etree._Element, value: str) -> None:
    """Append ``value`` to what ``paragraph`` (a ``w:p``) shows: its first line in the
    paragraph itself after one space, further lines as paragraphs right after it, each with
    a copy of the paragraph's ``w:pPr``; runs take :func:`first_run_properties`."""
    lines = prepare_text(value).split("\n")
    rpr = first_run_properties(paragraph)
    paragraph.append(build_run(" " + lines[0], rpr))
    anchor = paragraph
    ppr = paragraph.find(_PPR)
    for line in lines[1:]:
        new = etree.Element(_P)
        if ppr is not None:
            new.append(copy.deepcopy(ppr))
        if line:
            new.append(build_run(line, rpr))
        anchor.addnext(new)
        anchor = new


def set_cell_text(cell: etree._Element, value: str) -> None:
    """Write ``value`` into a table cell (``w:tc``); see :func:`set_block_text`."""
    if cell.tag != qn("w:tc"):
        raise ValueError(f"set_cell_text needs a w:tc, not {cell.tag}")
    set_block_text(cell, value)

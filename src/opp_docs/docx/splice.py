"""Writing into an element's bytes instead of its tree: where a primitive writes, found once.

A form filled for many students gets the same primitives at the same places every time
(:func:`~.cellvalue.write_cell_value` into a cell, :func:`~.boxes.set_checked` on a box,
:func:`~.runs.append_text` after an option, a blank row copied after a row). This module
runs such a primitive once on a copy of the cell with probe values, compares the bytes
before and after, and keeps a recipe: which span of the cell's bytes is replaced, and by
what bytes around the text (:func:`~.runs.text_bytes` of each line). A recipe is checked on
more probes against the primitive itself; where the primitive's result does not follow the
pattern there is no recipe (``None``) and the caller writes through the tree instead.

:class:`Layout` finds the bytes of the rows and cells of an element (a block of the body, a
row to copy) in the element's bytes, checked to put the element's bytes back together, and
:func:`splice` applies edits found that way.

    layout = Layout.of(table, data)        # once: data is the table as its part holds it
    slot = text_slot(cell, write)          # once: write(cell, text) is the primitive
    start, end, new = slot.render("Noor")  # per value, within layout.spans[cell]
    data = splice(data, [(cell_start + start, cell_start + end, new)])
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from opp_docs.docx.boxes import Checkbox, set_checked
from opp_docs.docx.namespaces import qn
from opp_docs.docx.runs import append_text, blank_paragraph, text_bytes
from opp_docs.docx.skeleton import in_place

__all__ = [
    "BoxSlot",
    "Edit",
    "Layout",
    "LinesSlot",
    "TextSlot",
    "box_slot",
    "insertion_fits",
    "lines_slot",
    "splice",
    "text_slot",
]

Edit = tuple[int, int, bytes]
"""``data[start:end]`` replaced by the bytes."""

_TR = qn("w:tr")
_TC = qn("w:tc")
_TCPR = qn("w:tcPr")
_MARK = "opp-docs-splice"
_MARKS = re.compile(rb"<\?" + _MARK.encode() + rb" (\d+)\?>")
_X = text_bytes("x")

# Probes for the recipes: spaces Word would trim, tabs, characters to escape, letters
# outside ASCII, empty lines first, last and in the middle.
_ONE_LINE = ("x", "Zoë & <Noor> \"'", " a\tb  c ", "\t", "a\t")
_LINES = ("x\n\nx", "", "\n", "a\n", "\nb c  \n\t&<>é", "\n\n\n")


def _path(element: etree._Element, top: etree._Element) -> list[int]:
    steps: list[int] = []
    node = element
    while node is not top:
        parent = node.getparent()
        if parent is None:
            raise ValueError("the element is not inside top")
        steps.append(parent.index(node))
        node = parent
    return steps[::-1]


def _follow(top: etree._Element, path: Sequence[int]) -> etree._Element:
    node = top
    for step in path:
        node = node[step]
    return node


def _prefix(a: bytes, b: bytes, limit: int) -> int:
    n = 0
    while n < limit and a[n] == b[n]:
        n += 1
    return n


def _suffix(a: bytes, b: bytes, limit: int) -> int:
    n = 0
    while n < limit and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _span(before: bytes, around: tuple[bytes, bytes]) -> tuple[int, int, bytes, bytes] | None:
    """Where a mark put between ``around[0]`` and ``around[1]`` stands in ``before``: the
    span of ``before`` it replaces and what ``around`` has instead on each side of it (an
    empty ``<w:p/>`` becomes ``<w:p>`` ... ``</w:p>``)."""
    head, tail = around
    start = _prefix(before, head, min(len(before), len(head)))
    end = len(before) - _suffix(before, tail, min(len(before) - start, len(tail)))
    if start > end:
        return None
    return start, end, head[start:], tail[: len(tail) - (len(before) - end)]


def _marked(element: etree._Element, place: Callable[[etree._Element], None]) -> list[bytes]:
    """The bytes of a copy of ``element`` cut where ``place`` put marks in the copy."""
    duplicate = copy.deepcopy(element)
    place(duplicate)
    return _MARKS.split(in_place(duplicate))[0::2]


def _mark() -> etree._Element:
    return etree.ProcessingInstruction(_MARK, "0")


def _between(data: bytes, head: bytes, tail: bytes) -> bytes | None:
    if len(data) < len(head) + len(tail) or not data.startswith(head) or not data.endswith(tail):
        return None
    return data[len(head) : len(data) - len(tail)]


def _around_x(middle: bytes | None, text: str = "x") -> tuple[bytes, bytes] | None:
    needle = text_bytes(text)
    if middle is None or middle.count(needle) != 1:
        return None
    before, after = middle.split(needle)
    return before, after


@dataclass(frozen=True)
class _Lines:
    """Paragraphs for lines: ``open + text_bytes(line) + close`` each, ``empty`` for an
    empty line."""

    open: bytes
    close: bytes
    empty: bytes

    @classmethod
    def of(cls, middle: bytes | None) -> _Lines | None:
        """From what the lines ``x``, (empty), ``x`` became."""
        if middle is None or middle.count(_X) != 2:
            return None
        first, between, last = middle.split(_X)
        if len(between) < len(last) + len(first):
            return None
        if not between.startswith(last) or not between.endswith(first):
            return None
        return cls(first, last, between[len(last) : len(between) - len(first)])

    def render(self, lines: Sequence[str]) -> bytes:
        return b"".join(
            self.open + text_bytes(line) + self.close if line else self.empty for line in lines
        )


@dataclass(frozen=True)
class TextSlot:
    """How one cell's bytes change when a primitive writes text into it."""

    blank: bool  # one line goes into the cell's blank paragraph, in place
    in_place: tuple[int, int, bytes, bytes] | None  # that line's recipe
    rebuilt: tuple[int, int, _Lines] | None  # the cell's paragraphs made anew

    def render(self, text: str) -> Edit | None:
        """The edit of the cell's bytes for ``text`` (already prepared: see
        :func:`.text.prepare_text`), or ``None`` when there is no recipe for it."""
        if self.blank and text and "\n" not in text:
            if self.in_place is None:
                return None
            start, end, head, tail = self.in_place
            return start, end, head + text_bytes(text) + tail
        if self.rebuilt is None:
            return None
        start, end, lines = self.rebuilt
        return start, end, lines.render(text.split("\n"))


def text_slot(cell: etree._Element, write: Callable[[etree._Element, str], None]) -> TextSlot:
    """The recipe for ``write(cell, text)`` (:func:`~.cellvalue.write_cell_value` or
    :func:`~.runs.set_cell_text` on a cell that is plain text), from a copy of ``cell``."""
    before = in_place(cell)

    def written(text: str) -> bytes:
        duplicate = copy.deepcopy(cell)
        write(duplicate, text)
        return in_place(duplicate)

    blank = blank_paragraph(cell) is not None
    fast = None
    if blank:
        head, tail = _marked(cell, lambda c: _blank(c).append(_mark()))
        span = _span(before, (head, tail))
        run = _around_x(_between(written("x"), head, tail))
        if span is not None and run is not None:
            start, end, left, right = span
            fast = start, end, left + run[0], run[1] + right
            recipe = TextSlot(blank, fast, None)
            if any(_rendered(before, recipe.render(p)) != written(p) for p in _ONE_LINE):
                fast = None
    rebuilt = None
    head, tail = _marked(cell, _emptied)
    span = _span(before, (head, tail))
    lines = _Lines.of(_between(written("x\n\nx"), head, tail))
    if span is not None and lines is not None and not span[2] and not span[3]:
        rebuilt = span[0], span[1], lines  # (the cell's own tags are kept as they are)
        recipe = TextSlot(blank, fast, rebuilt)
        probes = _LINES if blank else _LINES + _ONE_LINE
        if any(_rendered(before, recipe.render(p)) != written(p) for p in probes):
            rebuilt = None
    return TextSlot(blank, fast, rebuilt)


def _blank(cell: etree._Element) -> etree._Element:
    paragraph = blank_paragraph(cell)
    assert paragraph is not None
    return paragraph


def _emptied(cell: etree._Element) -> None:
    for child in list(cell):
        if child.tag != _TCPR:
            cell.remove(child)
    cell.append(_mark())


def _rendered(before: bytes, edit: Edit | None) -> bytes | None:
    if edit is None:
        return None
    start, end, new = edit
    return before[:start] + new + before[end:]


@dataclass(frozen=True)
class BoxSlot:
    """How one cell's bytes change when one of its boxes is checked or unchecked."""

    start: int
    end: int
    checked: bytes
    unchecked: bytes

    def render(self, checked: bool) -> Edit:
        return self.start, self.end, self.checked if checked else self.unchecked


def box_slot(cell: etree._Element, box: Checkbox) -> BoxSlot | None:
    """The recipe for :func:`~.boxes.set_checked` on ``box``, a box in ``cell``; ``None``
    for a box that cannot be set (a typed mark)."""
    if box.kind == "typed":
        return None
    before = in_place(cell)
    element = _path(box.element, cell)
    paragraph = None if box.paragraph is None else _path(box.paragraph, cell)
    outputs = []
    for state in (True, False):
        duplicate = copy.deepcopy(cell)
        twin = Checkbox(
            box.kind,
            _follow(duplicate, element),
            None if paragraph is None else _follow(duplicate, paragraph),
            box.label,
            box.offset,
            box.mark,
        )
        set_checked(twin, state)
        outputs.append(in_place(duplicate))
    start, end = len(before), 0
    for output in outputs:
        if output == before:  # the box is in this state already
            continue
        low = _prefix(before, output, min(len(before), len(output)))
        high = _suffix(before, output, min(len(before), len(output)) - low)
        start, end = min(start, low), max(end, len(before) - high)
    if start > end:  # neither state changes anything: the box is not in the cell's bytes
        return None
    checked, unchecked = (out[start : len(out) - (len(before) - end)] for out in outputs)
    return BoxSlot(start, end, checked, unchecked)


@dataclass(frozen=True)
class LinesSlot:
    """How one cell's bytes change when :func:`~.runs.append_text` writes after one of its
    paragraphs: the first line at the paragraph's end, the others as paragraphs after it."""

    start: int
    end: int
    run: tuple[bytes, bytes]
    kept: bytes
    lines: _Lines

    def render(self, text: str) -> Edit:
        """The edit for ``text`` (already prepared)."""
        first, *rest = text.split("\n")
        head, tail = self.run
        new = head + text_bytes(" " + first) + tail + self.kept + self.lines.render(rest)
        return self.start, self.end, new


def lines_slot(cell: etree._Element, paragraph: etree._Element) -> LinesSlot | None:
    """The recipe for ``append_text(paragraph, text)``, ``paragraph`` a paragraph of
    ``cell``; ``None`` when the result does not follow the pattern."""
    before = in_place(cell)
    path = _path(paragraph, cell)

    def written(text: str) -> bytes:
        duplicate = copy.deepcopy(cell)
        append_text(_follow(duplicate, path), text)
        return in_place(duplicate)

    end_of = _marked(cell, lambda c: _follow(c, path).append(_mark()))
    after = _marked(cell, lambda c: _follow(c, path).addnext(_mark()))
    if b"".join(end_of) != before or b"".join(after) != before:
        return None
    start, end = len(end_of[0]), len(after[0])
    kept = before[start:end]
    run = _around_x(_between(written("x"), before[:start], before[start:]), " x")
    if run is None:
        return None
    first = run[0] + text_bytes(" y") + run[1] + kept
    lines = _Lines.of(_between(written("y\nx\n\nx"), before[:start] + first, before[end:]))
    if lines is None:
        return None
    recipe = LinesSlot(start, end, run, kept, lines)
    for probe in _ONE_LINE + _LINES:
        if _rendered(before, recipe.render(probe)) != written(probe):
            return None
    return recipe


@dataclass(frozen=True)
class Layout:
    """An element's bytes and the span of each of its rows and cells in them (those not
    inside a nested table's cell)."""

    data: bytes
    spans: dict[etree._Element, tuple[int, int]]

    @classmethod
    def of(cls, element: etree._Element, data: bytes) -> Layout | None:
        """The layout of ``element``, whose bytes are ``data``; ``None`` when its rows or
        cells do not stand in ``data`` as they serialise alone."""
        spans: dict[etree._Element, tuple[int, int]] = {}
        for tag in (_TR, _TC):
            parts = [
                node
                for node in element.iter(tag)
                if node is not element and not any(a.tag == _TC for a in _ancestors(node, element))
            ]
            found = _spans(element, data, parts)
            if found is None:
                return None
            spans.update(found)
        return cls(data, spans)


def _ancestors(node: etree._Element, top: etree._Element) -> list[etree._Element]:
    found = []
    parent = node.getparent()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.getparent()
    return found


def _spans(
    element: etree._Element, data: bytes, parts: Sequence[etree._Element]
) -> dict[etree._Element, tuple[int, int]] | None:
    if not parts:
        return {}
    paths = [_path(part, element) for part in parts]
    duplicate = copy.deepcopy(element)
    twins = [_follow(duplicate, path) for path in paths]
    for number, twin in enumerate(twins):
        parent = twin.getparent()
        assert parent is not None
        mark = etree.ProcessingInstruction(_MARK, str(number))
        mark.tail = twin.tail
        parent.replace(twin, mark)
    pieces = _MARKS.split(in_place(duplicate))
    frame, order = pieces[0::2], [int(n) for n in pieces[1::2]]
    spans: dict[etree._Element, tuple[int, int]] = {}
    position = len(frame[0])
    out: list[bytes] = [frame[0]]
    for number, following in zip(order, frame[1:], strict=True):
        own = in_place(parts[number])
        spans[parts[number]] = (position, position + len(own))
        position += len(own) + len(following)
        out += (own, following)
    if b"".join(out) != data or len(spans) != len(parts):
        return None
    return spans


def insertion_fits(
    element: etree._Element, data: bytes, row: etree._Element, new: etree._Element, at: int
) -> bool:
    """Whether ``new`` (a row standing alone) put right after ``row`` (a row of
    ``element``) serialises as its own bytes at ``at`` in ``data``."""
    duplicate = copy.deepcopy(element)
    _follow(duplicate, _path(row, element)).addnext(copy.deepcopy(new))
    return in_place(duplicate) == data[:at] + in_place(new) + data[at:]


def splice(data: bytes, edits: Sequence[Edit]) -> bytes | None:
    """``data`` with every edit applied, or ``None`` when two edits overlap or meet where
    their order would matter (an insertion where another edit starts or ends)."""
    out: list[bytes] = []
    position = 0
    previous: bool | None = None  # whether the previous edit was an insertion; None: none yet
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        empty = start == end
        if start < position or (start == position and previous is not None and (empty or previous)):
            return None
        out += (data[position:start], new)
        position, previous = end, empty
    out.append(data[position:])
    return b"".join(out)

"""A document part whose body is copied block by block, only where a copy is written to.

Filling one form for many students copies the template's main part for every document, and
most documents change a few of its tables. A :class:`Skeleton` keeps the template's part
with a placeholder (a processing instruction) for every child of ``w:body`` and the bytes of
each child as the whole part serialises them. A :class:`SkeletonCopy` starts as a copy of
the skeleton alone; :meth:`SkeletonCopy.block` puts a deep copy of one child in place of its
placeholder when it is needed; :meth:`SkeletonCopy.to_bytes` serialises the copy and puts
the kept bytes where placeholders remain. The result is byte for byte what copying and
serialising the whole part gives: :meth:`Skeleton.of` checks that on the template and
declines (returns ``None``) when it does not hold, so callers then copy the whole part.

    skeleton = Skeleton.of(root)          # once per template
    live = skeleton.copy()                # per document
    table = live.block(7)                 # the body's 8th child, now a real copy
    data = live.to_bytes()
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import serialize_xml

__all__ = ["Skeleton", "SkeletonCopy", "in_place"]

_BODY = qn("w:body")
_TARGET = "opp-docs-block"
_PLACEHOLDER = re.compile(rb"<\?" + _TARGET.encode() + rb" (\d+)\?>")
_DECLARATION = re.compile(rb'\s+xmlns(?::[A-Za-z_][\w.-]*)?="[^"]*"')


@dataclass(frozen=True)
class Skeleton:
    """A part's root with placeholders for the body's children, and those children."""

    root: etree._Element  # a copy of the part with placeholders in the body
    blocks: tuple[etree._Element, ...]  # the template's own body children (never changed)
    serialized: tuple[bytes, ...]  # each child as the whole part serialises it

    @classmethod
    def of(cls, root: etree._Element) -> Skeleton | None:
        """The skeleton of ``root`` (a main document part), or ``None`` when its body cannot
        be split so that the pieces give back the part's exact bytes."""
        body = root.find(_BODY)
        if body is None or not len(body):
            return None
        blocks = tuple(body)
        if any(not isinstance(block.tag, str) for block in blocks):
            return None  # comments or processing instructions in the body: keep it whole
        serialized = tuple(in_place(block) for block in blocks)
        skeleton = copy.deepcopy(root)
        skeleton_body = skeleton.find(_BODY)
        assert skeleton_body is not None
        for number, child in enumerate(list(skeleton_body)):
            skeleton_body.replace(child, etree.ProcessingInstruction(_TARGET, str(number)))
        made = cls(skeleton, blocks, serialized)
        if made.copy().to_bytes() != serialize_xml(root):
            return None
        return made

    def copy(self) -> SkeletonCopy:
        """A new copy of the part for one document."""
        return SkeletonCopy(self, copy.deepcopy(self.root))

    def frame(self) -> tuple[bytes, ...]:
        """The part's bytes around its blocks: ``frame[0]`` before the first block,
        ``frame[i]`` between blocks ``i - 1`` and ``i``, the last after the last block (one
        more than there are blocks)."""
        return _frame(self.root)


class SkeletonCopy:
    """One document's copy: the skeleton with the blocks written to put in place."""

    def __init__(self, skeleton: Skeleton, root: etree._Element) -> None:
        self.skeleton = skeleton
        self.root = root
        body = root.find(_BODY)
        assert body is not None
        self.body = body
        self._placeholders: list[etree._Element] = list(body)
        self._blocks: list[etree._Element | None] = [None] * len(skeleton.blocks)

    def __len__(self) -> int:
        return len(self._blocks)

    def is_copied(self, number: int) -> bool:
        """Whether block ``number`` is a real copy yet."""
        return self._blocks[number] is not None

    def current(self, number: int) -> etree._Element:
        """What stands in the body for block ``number`` now: its copy or its placeholder."""
        found = self._blocks[number]
        return self._placeholders[number] if found is None else found

    def number(self, placeholder: etree._Element) -> int | None:
        """The block a placeholder of this copy stands (or stood) for; ``None`` for any
        other node."""
        if not isinstance(placeholder, etree._ProcessingInstruction):
            return None
        if placeholder.target != _TARGET or not (placeholder.text or "").isdigit():
            return None
        number = int(placeholder.text or "")
        if number >= len(self._placeholders) or self._placeholders[number] is not placeholder:
            return None
        return number

    def block(self, number: int) -> etree._Element:
        """The copy of the body's child ``number``, made (and put in place) on first use."""
        found = self._blocks[number]
        if found is None:
            found = copy.deepcopy(self.skeleton.blocks[number])
            self.body.replace(self._placeholders[number], found)
            self._blocks[number] = found
        return found

    def copy_all(self) -> None:
        """Make every block a real copy: the body is then a whole copy of the template's."""
        for number in range(len(self._blocks)):
            self.block(number)

    def to_bytes(self) -> bytes:
        """The part's bytes: the copy serialised, the kept bytes where placeholders remain."""
        serialized = self.skeleton.serialized
        return _PLACEHOLDER.sub(lambda m: serialized[int(m[1])], serialize_xml(self.root))


@lru_cache(maxsize=8)
def _frame(root: etree._Element) -> tuple[bytes, ...]:
    return tuple(_PLACEHOLDER.split(serialize_xml(root))[0::2])


def in_place(block: etree._Element) -> bytes:
    """``block`` as it stands in its document's serialisation: without the namespace
    declarations ``tostring`` repeats from its ancestors on its start tag (or puts on the
    start tag of a copy standing alone)."""
    data = etree.tostring(block, encoding="UTF-8")
    end = data.index(b">")
    return _DECLARATION.sub(b"", data[:end]) + data[end:]

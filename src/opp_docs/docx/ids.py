"""Values that must stay unique in a document, and fresh ones for copied content.

When a row or table is copied, these would otherwise appear twice:

- bookmarks: ``w:bookmarkStart/@w:id`` with its ``w:bookmarkEnd/@w:id``, and
  ``w:bookmarkStart/@w:name`` (Word compares names case-insensitively, 40 characters
  at most);
- legacy form field names, ``w:ffData/w:name/@w:val`` (20 characters at most in Word),
  which Word keeps equal to the name of the bookmark around the field;
- ``w14:paraId`` and ``w14:textId`` on paragraphs and rows: 8 hex digits, below
  0x80000000 ([MS-DOCX] 2.6.2);
- content control ids, ``w:sdtPr/w:id/@w:val`` (a signed 32-bit number);
- drawing ids, ``wp:docPr/@id`` (an unsigned 32-bit number).

:class:`DocumentIds` collects what a document uses; :meth:`DocumentIds.renumber` gives a
copied subtree fresh values. New numbers continue after the highest in use, so the
result does not depend on chance.
"""

from __future__ import annotations

from lxml import etree

from opp_docs.docx.namespaces import qn

__all__ = ["BOOKMARK_NAME_MAX", "FIELD_NAME_MAX", "DocumentIds", "renumber"]

BOOKMARK_NAME_MAX = 40
FIELD_NAME_MAX = 20

_W_ID = qn("w:id")
_W_NAME = qn("w:name")
_W_VAL = qn("w:val")
_START = qn("w:bookmarkStart")
_END = qn("w:bookmarkEnd")
_PARA_ID = qn("w14:paraId")
_TEXT_ID = qn("w14:textId")
_FFDATA_NAME = f"{qn('w:ffData')}/{qn('w:name')}"
_SDT_ID = f"{qn('w:sdtPr')}/{qn('w:id')}"
_DOC_PR = qn("wp:docPr")
_HEX_LIMIT = 0x7FFFFFFF
_INT32_MAX = 0x7FFFFFFF
_UINT32_MAX = 0xFFFFFFFF


def _int(value: str | None, base: int = 10) -> int | None:
    try:
        return int(value, base) if value is not None else None
    except ValueError:
        return None  # not a number: it cannot clash with the numbers we hand out


def _fresh(used: set[int], low: int, high: int) -> int:
    candidate = max(used, default=low - 1) + 1
    if not low <= candidate <= high:
        candidate = next(n for n in range(low, high + 1) if n not in used)
    used.add(candidate)
    return candidate


class DocumentIds:
    """The unique values in use in one document part, and fresh ones on request."""

    def __init__(self, document: etree._Element) -> None:
        self.bookmark_ids: set[int] = set()
        self.names: set[str] = set()  # bookmark and form field names, case-folded
        self.para_ids: set[int] = set()
        self.text_ids: set[int] = set()
        self.sdt_ids: set[int] = set()
        self.drawing_ids: set[int] = set()
        self.add(document)

    def copy(self) -> DocumentIds:
        """An independent copy: what one more copy of the same document uses.

        Cheaper than ``copy.deepcopy``, which copies every number one by one; the numbers
        and names themselves are immutable."""
        duplicate = DocumentIds.__new__(DocumentIds)
        duplicate.bookmark_ids = set(self.bookmark_ids)
        duplicate.names = set(self.names)
        duplicate.para_ids = set(self.para_ids)
        duplicate.text_ids = set(self.text_ids)
        duplicate.sdt_ids = set(self.sdt_ids)
        duplicate.drawing_ids = set(self.drawing_ids)
        return duplicate

    def add(self, element: etree._Element) -> None:
        """Count the values used in ``element`` and below as taken."""
        for node in element.iter(_START, _END):
            number = _int(node.get(_W_ID))
            if number is not None:
                self.bookmark_ids.add(number)
            if node.get(_W_NAME):
                self.names.add(node.get(_W_NAME, "").casefold())
        for name in element.iterfind(f".//{_FFDATA_NAME}"):
            if name.get(_W_VAL):
                self.names.add(name.get(_W_VAL, "").casefold())
        for node in element.iter():
            for attribute, pool in ((_PARA_ID, self.para_ids), (_TEXT_ID, self.text_ids)):
                number = _int(node.get(attribute), 16)
                if number is not None:
                    pool.add(number)
        for node in element.iterfind(f".//{_SDT_ID}"):
            number = _int(node.get(_W_VAL))
            if number is not None:
                self.sdt_ids.add(number)
        for node in element.iter(_DOC_PR):
            number = _int(node.get("id"))
            if number is not None:
                self.drawing_ids.add(number)

    def fresh_name(self, base: str, limit: int) -> str:
        """A name not yet used, made from ``base`` with ``_2``, ``_3``, ... within ``limit``."""
        for n in range(2, 1_000_000):
            suffix = f"_{n}"
            name = base[: limit - len(suffix)] + suffix
            if name.casefold() not in self.names:
                self.names.add(name.casefold())
                return name
        raise RuntimeError("no free name")  # a million copies of one name: not reachable

    def renumber(self, subtree: etree._Element) -> None:
        """Give every unique value in ``subtree`` (a copy) a fresh one, in place.

        A bookmark whose start or end lies outside ``subtree`` is dropped from it: its
        other half stays with the original. A form field and its bookmark get the same
        new name.
        """
        renamed: dict[str, str] = {}
        for name in subtree.iterfind(f".//{_FFDATA_NAME}"):
            old = name.get(_W_VAL, "")
            if old:
                renamed[old] = self.fresh_name(old, FIELD_NAME_MAX)
                name.set(_W_VAL, renamed[old])
        self._renumber_bookmarks(subtree, renamed)
        for node in subtree.iter():
            if node.get(_PARA_ID) is not None:
                node.set(_PARA_ID, f"{_fresh(self.para_ids, 1, _HEX_LIMIT):08X}")
            if node.get(_TEXT_ID) is not None:
                node.set(_TEXT_ID, f"{_fresh(self.text_ids, 1, _HEX_LIMIT):08X}")
        for node in subtree.iterfind(f".//{_SDT_ID}"):
            node.set(_W_VAL, str(_fresh(self.sdt_ids, 1, _INT32_MAX)))
        for node in subtree.iter(_DOC_PR):
            node.set("id", str(_fresh(self.drawing_ids, 1, _UINT32_MAX)))

    def _renumber_bookmarks(self, subtree: etree._Element, renamed: dict[str, str]) -> None:
        starts = {node.get(_W_ID): node for node in subtree.iter(_START)}
        ends = {node.get(_W_ID): node for node in subtree.iter(_END)}
        for key in set(starts) ^ set(ends):
            half = starts.get(key, ends.get(key))
            parent = half.getparent() if half is not None else None
            if half is not None and parent is not None:
                parent.remove(half)
        for key in sorted(set(starts) & set(ends), key=lambda k: _int(k) or 0):
            start, end = starts[key], ends[key]
            number = str(_fresh(self.bookmark_ids, 0, _INT32_MAX))
            start.set(_W_ID, number)
            end.set(_W_ID, number)
            old = start.get(_W_NAME, "")
            if old in renamed:
                start.set(_W_NAME, renamed[old])
            elif old:
                start.set(_W_NAME, self.fresh_name(old, BOOKMARK_NAME_MAX))


def renumber(subtree: etree._Element, document: etree._Element) -> None:
    """Give ``subtree`` fresh unique values, given everything ``document`` uses."""
    DocumentIds(document).renumber(subtree)

"""Copying table rows and tables, splitting a table, and clearing what was filled in.

A copy (``copy.deepcopy``) gets fresh unique values (:mod:`.ids`): bookmarks, form field
names, ``w14:paraId``/``w14:textId``, content control ids, drawing ids. Comment anchors
(``w:commentRangeStart``/``End`` and ``w:commentReference`` runs) are not copied: the
comment belongs to the original, and a second reference to it is not allowed.
"""

from __future__ import annotations

import copy

from lxml import etree

from opp_docs.docx import boxes, fields, sdt
from opp_docs.docx.ids import DocumentIds
from opp_docs.docx.namespaces import qn
from opp_docs.docx.runs import set_cell_text
from opp_docs.docx.text import is_showing_placeholder

__all__ = ["clear_values", "clone_row", "clone_table", "split_table"]

_TR = qn("w:tr")
_TBL = qn("w:tbl")
_TC = qn("w:tc")
_P = qn("w:p")
_COMMENT_MARKS = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"))
_COMMENT_REFERENCE = qn("w:commentReference")
_TABLE_SETTINGS = (qn("w:tblPr"), qn("w:tblGrid"))


def _copy(element: etree._Element, document: etree._Element | None) -> etree._Element:
    ids = DocumentIds(document if document is not None else element.getroottree().getroot())
    duplicate = copy.deepcopy(element)
    for mark in list(duplicate.iter(*_COMMENT_MARKS)):
        _remove(mark)
    for reference in list(duplicate.iter(_COMMENT_REFERENCE)):
        run = reference.getparent()
        _remove(reference)
        if run is not None and all(child.tag == qn("w:rPr") for child in run):
            _remove(run)
    ids.renumber(duplicate)
    return duplicate


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def clone_row(
    row: etree._Element, *, index: int | None = None, document: etree._Element | None = None
) -> etree._Element:
    """Copy a ``w:tr`` into its table, right after it or at row ``index``; return the copy.

    ``index`` is the position the copy takes among the rows of the table (``len(rows)``
    or more appends). ``document`` is the part whose unique values the copy must avoid;
    by default the root of ``row``'s tree.
    """
    if row.tag != _TR:
        raise ValueError(f"clone_row needs a w:tr, not {row.tag}")
    table = row.getparent()
    if table is None:
        raise ValueError("the row is not in a table")
    duplicate = _copy(row, document)
    rows = table.findall(_TR)
    if index is None:
        row.addnext(duplicate)
    elif index >= len(rows):
        rows[-1].addnext(duplicate)
    else:
        rows[index].addprevious(duplicate)
    return duplicate


def clone_table(
    table: etree._Element,
    *,
    after: etree._Element | None = None,
    document: etree._Element | None = None,
) -> etree._Element:
    """Copy a ``w:tbl`` and insert it after ``after`` (by default the table itself).

    Word merges two tables that touch, so an empty ``w:p`` is put between the copy and
    a table right before or after it; a copy that ends a cell gets the paragraph a
    ``w:tc`` must end with.
    """
    if table.tag != _TBL:
        raise ValueError(f"clone_table needs a w:tbl, not {table.tag}")
    anchor = table if after is None else after
    parent = anchor.getparent()
    if parent is None:
        raise ValueError("the table has no parent to insert the copy into")
    duplicate = _copy(table, document)
    anchor.addnext(duplicate)
    before = duplicate.getprevious()
    if before is not None and before.tag == _TBL:
        duplicate.addprevious(etree.Element(_P))
    following = duplicate.getnext()
    if (following is not None and following.tag == _TBL) or (
        following is None and parent.tag == _TC
    ):
        duplicate.addnext(etree.Element(_P))
    return duplicate


def split_table(row: etree._Element) -> etree._Element:
    """Split a ``w:tbl`` above ``row`` (one of its ``w:tr``); return the new, lower table.

    Undoes what Word does when the paragraph between two tables is deleted: it merges
    them into one. ``row`` and everything after it in the table move into a new table
    with copies of the table's ``w:tblPr`` and ``w:tblGrid``, put right after it with an
    empty ``w:p`` between (as Word's Split Table does), so the two stay apart.
    """
    if row.tag != _TR:
        raise ValueError(f"split_table needs a w:tr, not {row.tag}")
    table = row.getparent()
    if table is None or table.tag != _TBL:
        raise ValueError("the row is not a direct child of a table")
    lower = etree.Element(_TBL)
    for tag in _TABLE_SETTINGS:
        settings = table.find(tag)
        if settings is not None:
            lower.append(copy.deepcopy(settings))
    for moving in [row, *row.itersiblings()]:
        lower.append(moving)  # lxml moves the element
    spacer = etree.Element(_P)
    table.addnext(spacer)
    spacer.addnext(lower)
    return lower


def clear_values(element: etree._Element) -> None:
    """Empty what a user fills in within ``element`` (a row, table or cell), keep the form.

    Boxes are unchecked (legacy, content control and glyph; a typed mark stays as it
    is), ``FORMTEXT`` fields get Word's empty filler, dropdowns select their first entry,
    content controls other than checkboxes are emptied. A cell's own text is cleared only
    when it holds no box, form field or content control and no nested table: text next
    to those is taken to be the form's labels.
    """
    for box in boxes.find_checkboxes(element):
        if box.kind != "typed":
            boxes.set_checked(box, False)
    for field in fields.find_form_fields(element):
        if field.kind == "text":
            fields.set_text_field(field, "")
        elif field.kind == "dropdown":
            for result in field.ffdata.iterfind(f"{qn('w:ddList')}/{qn('w:result')}"):
                _remove(result)
    for control in sdt.find_sdts(element):
        if sdt.sdt_kind(control) not in ("checkbox", "group") and sdt.sdt_level(control) != "row":
            if sdt.sdt_kind(control) == "dropDownList":
                continue  # only its entries are allowed, and "" is none of them
            if is_showing_placeholder(control):
                continue  # empty already, and its prompt tells the user what goes there
            sdt.set_sdt_text(control, "")
    cells = [element] if element.tag == _TC else list(element.iter(_TC))
    for cell in cells:
        if _is_plain(cell):
            set_cell_text(cell, "")


def _is_plain(cell: etree._Element) -> bool:
    if cell.find(f".//{_TBL}") is not None or cell.find(f".//{qn('w:sdt')}") is not None:
        return False
    if cell.find(f".//{qn('w:ffData')}") is not None:
        return False
    return not boxes.find_checkboxes(cell)

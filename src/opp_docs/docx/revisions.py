"""A template clean for reuse: tracked changes accepted, comments gone.

What a reviewer left in a school's template (tracked changes, comments with names and
remarks) must not reach every generated document. :func:`accept_and_uncomment` accepts all
revisions in a part's tree and removes every comment anchor; :func:`drop_comment_parts` then
removes the comment parts, their relationships and content types from the package.
"""

from __future__ import annotations

from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import Package

__all__ = ["accept_and_uncomment", "drop_comment_parts"]

_UNWRAP = (qn("w:ins"), qn("w:moveTo"))
_REMOVE = tuple(
    qn(tag)
    for tag in (
        "w:del",
        "w:moveFrom",
        "w:rPrChange",
        "w:pPrChange",
        "w:tblPrChange",
        "w:trPrChange",
        "w:tcPrChange",
        "w:sectPrChange",
        "w:tblGridChange",
        "w:numberingChange",
        "w:moveFromRangeStart",
        "w:moveFromRangeEnd",
        "w:moveToRangeStart",
        "w:moveToRangeEnd",
        "w:commentRangeStart",
        "w:commentRangeEnd",
    )
)
_TR = qn("w:tr")
_TRPR = qn("w:trPr")
_DEL = qn("w:del")
_COMMENT_REFERENCE = qn("w:commentReference")
_COMMENT_TYPES = (
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
)
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def accept_and_uncomment(root: etree._Element) -> None:
    """Accept every tracked change under ``root`` and remove every comment anchor.

    Deleted rows and deleted content go, with the records of property changes; inserted
    content stays without its ``w:ins``/``w:moveTo`` wrapper (the empty ``w:ins`` marks in
    ``w:rPr`` and ``w:trPr`` go with it). A deleted paragraph mark is dropped, not merged.
    """
    for row in list(root.iter(_TR)):
        properties = row.find(_TRPR)
        if properties is not None and properties.find(_DEL) is not None:
            _detach(row)
    for element in list(root.iter(*_REMOVE)):
        _detach(element)
    for element in list(root.iter(*_UNWRAP)):
        parent = element.getparent()
        if parent is None:
            continue
        position = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(position + offset, child)
        parent.remove(element)
    for reference in list(root.iter(_COMMENT_REFERENCE)):
        run = reference.getparent()
        if run is not None:
            _detach(run)


def _detach(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def drop_comment_parts(package: Package, part: str) -> None:
    """Remove the comment parts of ``part`` with their relationships and content types."""
    folder, _, name = part.rpartition("/")
    rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    if rels_name not in package:
        return
    rels = package.xml(rels_name)
    dropped: list[str] = []
    for rel in list(rels):
        if rel.get("Type", "").endswith(_COMMENT_TYPES):
            target = rel.get("Target", "")
            dropped.append(target.lstrip("/") if target.startswith("/") else f"{folder}/{target}")
            rels.remove(rel)
    if not dropped:
        return
    package.replace(rels_name, rels)
    for target in dropped:
        package.remove(target)
    if "[Content_Types].xml" in package:
        types = package.xml("[Content_Types].xml")
        for override in list(types.iter(f"{{{_CT}}}Override")):
            if override.get("PartName", "").lstrip("/") in dropped:
                types.remove(override)
        package.replace("[Content_Types].xml", types)

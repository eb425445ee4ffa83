"""An inventory of a document: every form control in order, its headings and its tables.

For people wiring a new template to a mapping (``opp bekijken``): what boxes, dropdowns and
text fields there are and what state they are in, which paragraphs stand outside tables, and
what every table cell says.
"""

from __future__ import annotations

from typing import Any, Literal

from lxml import etree

from opp_docs.docx import boxes, fields, sdt
from opp_docs.docx.grid import blocks, table_rows
from opp_docs.docx.namespaces import qn
from opp_docs.docx.text import read_text

__all__ = ["BOX_KINDS", "inventory"]

_P = qn("w:p")
_TBL = qn("w:tbl")

BOX_KINDS: dict[str, Literal["legacy", "content_control", "glyph"]] = {
    "legacy": "legacy",
    "sdt": "content_control",
    "glyph": "glyph",
    "typed": "glyph",  # a typed "X" is a character in place of a box, like a glyph
}


def _controls(body: etree._Element) -> dict[str, list[dict[str, Any]]]:
    checkboxes = [
        {"checked": box.checked, "kind": BOX_KINDS[box.kind], "label": box.label}
        for box in boxes.find_checkboxes(body)
    ]
    # Legacy fields and content controls, merged into document order by their position.
    order = {element: i for i, element in enumerate(body.iter())}
    dropdowns: list[tuple[int, dict[str, Any]]] = []
    text_fields: list[tuple[int, dict[str, Any]]] = []
    for field in fields.find_form_fields(body):
        at = order[field.begin]
        if field.kind == "dropdown":
            dropdowns.append(
                (
                    at,
                    {
                        "value": fields.dropdown_value(field),
                        "options": fields.dropdown_entries(field),
                    },
                )
            )
        elif field.kind == "text":
            text_fields.append((at, {"value": fields.field_text(field)}))
    for control in sdt.find_sdts(body):
        kind = sdt.sdt_kind(control)
        at = order[control]
        if kind in ("dropDownList", "comboBox"):
            options = [display for display, _ in sdt.sdt_list_items(control)]
            value = sdt.sdt_text(control) or None
            dropdowns.append((at, {"value": value, "options": options}))
        elif kind in ("text", "richText", "date") and sdt.sdt_level(control) == "run":
            text_fields.append((at, {"value": sdt.sdt_text(control)}))
    return {
        "checkboxes": checkboxes,
        "dropdowns": [item for _, item in sorted(dropdowns, key=lambda pair: pair[0])],
        "text_fields": [item for _, item in sorted(text_fields, key=lambda pair: pair[0])],
    }


def inventory(body: etree._Element) -> dict[str, Any]:
    """Controls, paragraphs outside tables (headings) and tables of a ``w:body``."""
    result: dict[str, Any] = _controls(body)
    paragraphs: list[str] = []
    tables: list[dict[str, Any]] = []
    for block in blocks(body):
        if block.tag == _P:
            text = read_text(block).strip()
            if text:
                paragraphs.append(text)
        elif block.tag == _TBL:
            rows = [[read_text(cell.element) for cell in row.cells] for row in table_rows(block)]
            tables.append({"after": paragraphs[-1] if paragraphs else None, "rows": rows})
    result["paragraphs"] = paragraphs
    result["tables"] = tables
    return result

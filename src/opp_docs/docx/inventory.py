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

__all__ = ["BOX_KINDS", "describe", "inventory"]

_P = qn("w:p")
_T = qn("w:t")
_TC = qn("w:tc")
_TBL = qn("w:tbl")

BOX_KINDS: dict[str, Literal["legacy", "content_control", "glyph"]] = {
    "legacy": "legacy",
    "sdt": "content_control",
    "glyph": "glyph",
    "typed": "glyph",  # a typed "X" is a character in place of a box, like a glyph
}


def _label_before(element: etree._Element, order: dict[etree._Element, int]) -> str | None:
    """The text a control stands after: its paragraph's text before it ("Naam leerling:"),
    else the cell before its cell (a label cell), else the paragraph above it."""
    paragraph = next(element.iterancestors(_P), None)
    if paragraph is not None:
        before = "".join(
            t.text or "" for t in paragraph.iter(_T) if order.get(t, -1) < order[element]
        ).strip()
        if before:
            return before
    cell = next(element.iterancestors(_TC), None)
    if cell is not None:
        previous = cell.getprevious()
        while previous is not None and previous.tag != _TC:
            previous = previous.getprevious()
        if previous is not None and (text := read_text(previous).strip()):
            return text
    above = paragraph.getprevious() if paragraph is not None else None
    if above is not None and above.tag == _P and (text := read_text(above).strip()):
        return text
    return None


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
        label = _label_before(field.begin, order)
        if field.kind == "dropdown":
            value = fields.dropdown_value(field)
            options = fields.dropdown_entries(field)
            dropdowns.append((at, {"label": label, "value": value, "options": options}))
        elif field.kind == "text":
            text = fields.field_text(field)
            text_fields.append((at, {"label": label, "kind": "FORMTEXT", "value": text}))
    for control in sdt.find_sdts(body):
        kind = sdt.sdt_kind(control)
        at = order[control]
        label = sdt.sdt_alias(control) or _label_before(control, order)
        if kind in ("dropDownList", "comboBox"):
            options = [display for display, _ in sdt.sdt_list_items(control)]
            value = sdt.sdt_text(control) or None
            dropdowns.append((at, {"label": label, "value": value, "options": options}))
        elif kind in ("text", "richText", "date"):
            value = sdt.sdt_text(control)
            text_fields.append((at, {"label": label, "kind": kind, "value": value}))
    return {
        "checkboxes": checkboxes,
        "dropdowns": [item for _, item in sorted(dropdowns, key=lambda pair: pair[0])],
        "text_fields": [item for _, item in sorted(text_fields, key=lambda pair: pair[0])],
    }


def _own_text(cell: etree._Element) -> str:
    """A cell's text without the text of the tables nested in it."""
    if next(cell.iter(_TBL), None) is None:
        return read_text(cell)
    return "\n".join(read_text(child) for child in cell if child.tag == _P).strip()


def _table(table: etree._Element, after: str | None) -> dict[str, Any]:
    """A table's rows of cell texts, and the tables nested in its cells (``nested``: each
    with its row and column, 0-based, and the same keys)."""
    rows: list[list[str]] = []
    nested: list[dict[str, Any]] = []
    for r, row in enumerate(table_rows(table)):
        rows.append([_own_text(cell.element) for cell in row.cells])
        for c, cell in enumerate(row.cells):
            for inner in cell.element.iter(_TBL):
                if next(inner.iterancestors(_TBL), None) is table:
                    nested.append({"row": r, "cell": c, **_table(inner, None)})
    found: dict[str, Any] = {"after": after, "rows": rows}
    if nested:
        found["nested"] = nested
    return found


def inventory(body: etree._Element) -> dict[str, Any]:
    """Controls, paragraphs outside tables (headings) and tables of a ``w:body``; ``order``
    lists the paragraphs and tables as they follow each other (``["p", 0]``, ``["t", 0]``)."""
    result: dict[str, Any] = _controls(body)
    paragraphs: list[str] = []
    tables: list[dict[str, Any]] = []
    order: list[tuple[str, int]] = []
    for block in blocks(body):
        if block.tag == _P:
            text = read_text(block).strip()
            if text:
                order.append(("p", len(paragraphs)))
                paragraphs.append(text)
        elif block.tag == _TBL:
            order.append(("t", len(tables)))
            tables.append(_table(block, paragraphs[-1] if paragraphs else None))
    result["paragraphs"] = paragraphs
    result["tables"] = tables
    result["order"] = order
    return result


def describe(found: dict[str, Any]) -> str:
    """An inventory as text, as ``opp bekijken`` prints it: the controls, each with the text
    before it, then the headings and tables in document order (nested tables indented)."""
    lines = []
    for box in found["checkboxes"]:
        mark = "[x]" if box["checked"] else "[ ]"
        lines.append(f"vakje {mark} ({box['kind']}) {box['label']}")
    for dropdown in found["dropdowns"]:
        where = f"{dropdown['label']} " if dropdown.get("label") else ""
        lines.append(f"keuzelijst: {where}{dropdown['value']!r} uit {dropdown['options']}")
    for field in found["text_fields"]:
        where = f"{field['label']} " if field.get("label") else ""
        lines.append(f"tekstveld ({field.get('kind', 'tekst')}): {where}{field['value']!r}")
    lines.append("")
    for kind, number in found["order"]:
        if kind == "p":
            lines.append(f"alinea: {found['paragraphs'][number]}")
        else:
            lines.append(f"tabel {number + 1}:")
            lines.extend(_table_lines(found["tables"][number], "  "))
    counts = f"{len(found['paragraphs'])} koppen en alinea's, {len(found['tables'])} tabellen"
    return "\n".join([*lines, counts]) + "\n"


def _table_lines(table: dict[str, Any], indent: str) -> list[str]:
    lines = []
    nested = table.get("nested", [])
    for r, row in enumerate(table["rows"]):
        cells = [" ".join(text.split()) for text in row]
        lines.append(indent + " | ".join(cells))
        for inner in (n for n in nested if n["row"] == r):
            lines.append(f"{indent}  tabel in cel {inner['cell'] + 1}:")
            lines.extend(_table_lines(inner, indent + "    "))
    return lines

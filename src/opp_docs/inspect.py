"""``opp bekijken``: every form control of a document in order, and its headings and tables."""

from __future__ import annotations

from typing import Any

from opp_docs.docx.inventory import inventory
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import Source, open_package, source_name
from opp_docs.errors import DocxError, Location, Problem

__all__ = ["inspect_form"]


def inspect_form(source: Source) -> dict[str, Any]:
    """``{"checkboxes", "dropdowns", "text_fields", "paragraphs", "tables", "order"}`` of a
    .docx: every form control in document order, with its headings and tables (for writing a
    mapping).

    ``source`` is a path, the file's bytes or a binary file object, of any Word document, not
    only an OPP. A checkbox is ``{"label", "kind", "checked"}``; a text field or dropdown
    carries the text before it as its ``label`` ("Naam leerling:", or the label cell beside
    it); a table is its rows of cell texts, with the tables nested in its cells under
    ``nested``; ``order`` gives the paragraphs and tables in document order. ``opp bekijken``
    prints the same (``opp_docs.docx.inventory.describe``). Raises
    :class:`~opp_docs.errors.DocxError` when the file is no readable .docx.

    >>> import opp_docs
    >>> path = opp_docs.fill_to_path(opp_docs.example_plan(), "noor.docx")
    >>> form = opp_docs.inspect_form("noor.docx")
    >>> sorted(form)
    ['checkboxes', 'dropdowns', 'order', 'paragraphs', 'tables', 'text_fields']
    >>> [box["label"] for box in form["checkboxes"] if box["checked"]][:2]
    ['VMBO kaderberoepsgerichte leerweg (KL)', 'MBO niveau 2']
    """
    package = open_package(source)
    body = package.xml(package.main_part()).find(qn("w:body"))
    if body is None:
        file = source_name(source)
        raise DocxError(
            Problem("pakket.geen_docx", "Het document heeft geen inhoud.", Location(file=file))
        )
    return inventory(body)

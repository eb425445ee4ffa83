"""``opp inspect``: every form control of a document in order, and its headings and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opp_docs.docx.inventory import inventory
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.errors import DocxError, Location, Problem

__all__ = ["inspect_form"]


def inspect_form(source: Path | bytes) -> dict[str, Any]:
    """``{"checkboxes", "dropdowns", "text_fields", "paragraphs", "tables"}`` of a .docx."""
    package = open_package(source)
    body = package.xml(package.main_part()).find(qn("w:body"))
    if body is None:
        file = None if isinstance(source, bytes) else str(source)
        raise DocxError(
            Problem("pakket.geen_docx", "Het document heeft geen inhoud.", Location(file=file))
        )
    return inventory(body)

"""Document properties without personal data: who wrote a template does not travel along.

A school's template carries its author, the last person who saved it, a company, a manager
and a title in ``docProps/core.xml`` and ``docProps/app.xml``; a generated plan must not.
:func:`scrub_properties` empties every such element (keeping the element, so the part stays
valid) and sets a neutral title. Custom properties (``docProps/custom.xml``) are dropped
whole from the package by the caller's choice of parts; here they are emptied too.
"""

from __future__ import annotations

from lxml import etree

from opp_docs.docx.package import Package

__all__ = ["PERSONAL_CORE", "PERSONAL_EXTENDED", "drop_thumbnail", "scrub_properties"]

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

PERSONAL_CORE = (
    f"{{{_DC}}}creator",
    f"{{{_CP}}}lastModifiedBy",
    f"{{{_DC}}}description",
    f"{{{_CP}}}keywords",
    f"{{{_CP}}}category",
    f"{{{_CP}}}contentStatus",
    f"{{{_DC}}}subject",
)
"""Core properties that may name a person or say something about a document's content."""

PERSONAL_EXTENDED = (
    f"{{{_EP}}}Company",
    f"{{{_EP}}}Manager",
    f"{{{_EP}}}HyperlinkBase",
    f"{{{_EP}}}Template",
)
"""Extended (app) properties that may name a person, an organisation or a network path."""


def _empty(root: etree._Element, tags: tuple[str, ...]) -> None:
    for element in root.iter(*tags):
        for child in list(element):
            element.remove(child)
        element.text = None


def scrub_properties(package: Package, title: str) -> None:
    """Empty the personal properties of ``package`` in place and set its title."""
    if "docProps/core.xml" in package:
        core = package.xml("docProps/core.xml")
        _empty(core, PERSONAL_CORE)
        for element in core.iter(f"{{{_DC}}}title"):
            element.text = title
        package.replace("docProps/core.xml", core)
    if "docProps/app.xml" in package:
        app = package.xml("docProps/app.xml")
        _empty(app, PERSONAL_EXTENDED)
        # The titles of a document's parts repeat its title and headings.
        for element in app.iter(f"{{{_EP}}}TitlesOfParts"):
            for text in element.iter(f"{{{_VT}}}lpstr"):
                text.text = None
        package.replace("docProps/app.xml", app)
    if "docProps/custom.xml" in package:
        custom = package.xml("docProps/custom.xml")
        for prop in list(custom):
            custom.remove(prop)
        package.replace("docProps/custom.xml", custom)


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def drop_thumbnail(package: Package) -> None:
    """Remove the package's thumbnail (a picture of the first page, of whoever saved it)."""
    if "_rels/.rels" not in package:
        return
    rels = package.xml("_rels/.rels")
    for rel in list(rels):
        if rel.get("Type") == _THUMBNAIL:
            package.remove(rel.get("Target", "").lstrip("/"))
            rels.remove(rel)
            package.replace("_rels/.rels", rels)

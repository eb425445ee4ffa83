"""The XML namespaces of WordprocessingML and a helper to spell qualified names.

Code in this package writes tags as ``qn("w:p")`` (Clark notation
``{http://...}p`` for lxml) so that prefixes never leak into comparisons: a document
may bind ``w`` to the main namespace under any prefix and lxml only sees the URI.
"""

from __future__ import annotations

__all__ = ["NS", "XML_NS", "qn"]

XML_NS = "http://www.w3.org/XML/1998/namespace"

NS: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xml": XML_NS,
}


def qn(tag: str) -> str:
    """The Clark name of a prefixed tag: ``qn("w:p")`` is ``"{...wordprocessingml...}p"``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"

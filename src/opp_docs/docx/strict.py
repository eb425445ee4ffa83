"""Strict Open XML documents, read as the transitional ones everything else here reads.

Word can save a document as "Strict Open XML" (ISO/IEC 29500 Strict). The parts and their
elements are the same as in a normal (transitional) .docx; the namespaces differ
(``http://purl.oclc.org/ooxml/wordprocessingml/main`` for
``http://schemas.openxmlformats.org/wordprocessingml/2006/main``, and so on for relationships,
DrawingML and the document properties). :func:`to_transitional` rewrites those names in one
part's bytes; a package whose main document relationship is a Strict one
(:func:`is_strict`) has every XML part rewritten when it is opened, so the rest of the code
sees, and a fill writes, a transitional document that every Word version opens.

    >>> is_strict(b'<Relationships><Relationship Type="'
    ...     b'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"/>'
    ...     b'</Relationships>')
    True
    >>> to_transitional(b'<w:p xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>')
    b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["STRICT_NAMESPACES", "is_strict", "to_transitional"]

_STRICT = "http://purl.oclc.org/ooxml/"
_TRANSITIONAL = "http://schemas.openxmlformats.org/"

#: Each Strict namespace (or relationship-type prefix) and its transitional name.
STRICT_NAMESPACES: dict[str, str] = {
    _STRICT + "wordprocessingml/main": _TRANSITIONAL + "wordprocessingml/2006/main",
    _STRICT + "officeDocument/relationships/extendedProperties": (
        _TRANSITIONAL + "officeDocument/2006/relationships/extended-properties"
    ),
    _STRICT + "officeDocument/relationships/customProperties": (
        _TRANSITIONAL + "officeDocument/2006/relationships/custom-properties"
    ),
    _STRICT + "officeDocument/relationships": _TRANSITIONAL + "officeDocument/2006/relationships",
    _STRICT + "officeDocument/extendedProperties": (
        _TRANSITIONAL + "officeDocument/2006/extended-properties"
    ),
    _STRICT + "officeDocument/customProperties": (
        _TRANSITIONAL + "officeDocument/2006/custom-properties"
    ),
    _STRICT + "officeDocument/docPropsVTypes": _TRANSITIONAL + "officeDocument/2006/docPropsVTypes",
    _STRICT + "officeDocument/sharedTypes": _TRANSITIONAL + "officeDocument/2006/sharedTypes",
    _STRICT + "officeDocument/customXml": _TRANSITIONAL + "officeDocument/2006/customXml",
    _STRICT + "officeDocument/bibliography": _TRANSITIONAL + "officeDocument/2006/bibliography",
    _STRICT + "officeDocument/math": _TRANSITIONAL + "officeDocument/2006/math",
    _STRICT + "drawingml/main": _TRANSITIONAL + "drawingml/2006/main",
    _STRICT + "drawingml/wordprocessingDrawing": (
        _TRANSITIONAL + "drawingml/2006/wordprocessingDrawing"
    ),
    _STRICT + "drawingml/picture": _TRANSITIONAL + "drawingml/2006/picture",
    _STRICT + "drawingml/chart": _TRANSITIONAL + "drawingml/2006/chart",
    _STRICT + "drawingml/diagram": _TRANSITIONAL + "drawingml/2006/diagram",
    _STRICT + "schemaLibrary/main": _TRANSITIONAL + "schemaLibrary/2006/main",
}


@cache
def _pattern() -> re.Pattern[bytes]:
    """Every Strict name, longest first so that a relationship type is not cut at its
    namespace's end (compiled when a Strict part is first met, not at import)."""
    names = sorted(STRICT_NAMESPACES, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)).encode())


_BY_BYTES = {name.encode(): value.encode() for name, value in STRICT_NAMESPACES.items()}
_MAIN_RELATIONSHIP = (_STRICT + "officeDocument/relationships/officeDocument").encode()
# Strict marks the document so; transitional has no such attribute value to keep.
_CONFORMANCE = re.compile(rb'\s+w:conformance="strict"')


def is_strict(package_relationships: bytes) -> bool:
    """Whether a package's ``_rels/.rels`` names a Strict main document."""
    return _MAIN_RELATIONSHIP in package_relationships


def to_transitional(data: bytes) -> bytes:
    """One XML part's bytes with every Strict namespace replaced by its transitional name."""
    if _STRICT.encode() not in data:
        return data
    return _CONFORMANCE.sub(b"", _pattern().sub(lambda m: _BY_BYTES[m.group(0)], data))

"""Check the WordprocessingML parts of .docx files against the ECMA-376 schemas.

Word refuses a document whose XML breaks the schema ("unreadable content"), for example
elements out of order in ``w:rPr`` or ``w:tcPr``; LibreOffice opens it without a word. This
check sees a part the way Word does: Markup Compatibility first (``mc:AlternateContent``
resolved, ``mc:Ignorable`` markup dropped), then the part is validated with lxml against
``wml.xsd`` from ``tools/ooxml-schemas`` (ECMA-376 transitional, see its README).

Checked parts, found by their content type in ``[Content_Types].xml``: the main document,
styles, settings, numbering, footnotes, endnotes, comments, headers and footers.

    python tools/ooxml_check.py FILE.docx [FILE.docx ...]
    make validate FILE=uitvoer/x.docx

Prints one line per problem (file, part, line, message) and one ``OK`` line per valid file.
Exit code 0 when every part of every file is valid, 1 when a part is not, 2 when a file
cannot be checked at all (missing, not a .docx package).

In Python (``tools`` is on the tests' ``pythonpath``)::

    from ooxml_check import check_docx

    problems = check_docx(Path("uitvoer/x.docx"))  # [] when valid
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Protocol, cast

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "ooxml-schemas"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XSD = "http://www.w3.org/2001/XMLSchema"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# The main part's content type differs between a document, a template and their
# macro-enabled variants; the other checked parts have one content type each.
MAIN_TYPES = frozenset(
    {
        _WML + "document.main+xml",
        _WML + "template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
PART_TYPES = MAIN_TYPES | {
    _WML + kind + "+xml"
    for kind in (
        "styles",
        "settings",
        "numbering",
        "footnotes",
        "endnotes",
        "comments",
        "header",
        "footer",
    )
}

# A part larger than this is refused unread: the project's own forms are well under 1 MiB.
MAX_PART_SIZE = 64 * 1024 * 1024

# Prefixes for the namespaces that schema messages name most, so a problem line reads
# "w:rPr" rather than "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr".
_PREFIXES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
    "urn:schemas-microsoft-com:vml": "v",
    "urn:schemas-microsoft-com:office:office": "o",
    "urn:schemas-microsoft-com:office:word": "w10",
    MC: "mc",
}


class _LogEntry(Protocol):
    """An entry of ``XMLSchema.error_log``, which lxml-stubs 0.5 types as an opaque class."""

    @property
    def line(self) -> int: ...

    @property
    def message(self) -> str: ...


class NotADocxError(ValueError):
    """The file cannot be checked at all: missing, not a zip, or no WordprocessingML package."""


def _parser() -> etree.XMLParser:
    """A parser for untrusted parts: no entities expanded, no network, no DTD, no huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )


@cache
def load_schema() -> etree.XMLSchema:
    """The WordprocessingML schema (``wml.xsd`` and what it imports), loaded once per process.

    Every import in the bundled schemas has a local ``schemaLocation``, so this works offline.
    """
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "wml.xsd"), parser))


@cache
def understood_namespaces() -> frozenset[str]:
    """The target namespaces of the bundled schemas: what this check "understands".

    Markup Compatibility keeps content in a namespace a consumer understands and drops
    ignorable content in one it does not. Word understands more (``w14``, ``w15``, ...) than
    the ECMA-376 schemas describe; for validation the schemas are the consumer.
    """
    parser = _parser()
    found = {"http://www.w3.org/XML/1998/namespace"}
    for path in sorted(SCHEMA_DIR.rglob("*.xsd")):
        namespace = etree.parse(str(path), parser).getroot().get("targetNamespace")
        if namespace:
            found.add(namespace)
    return frozenset(found)


@dataclass(frozen=True)
class _Scope:
    """The Markup Compatibility declarations in force at one element.

    ``ignorable`` holds namespace URIs (``mc:Ignorable``), ``process`` pairs of namespace URI
    and local name, ``*`` for any (``mc:ProcessContent``): an ignorable element listed there
    is unwrapped (its children kept) instead of dropped.
    """

    ignorable: frozenset[str] = frozenset()
    process: frozenset[tuple[str, str]] = frozenset()

    def entered(self, element: etree._Element) -> _Scope:
        """This scope with the declarations on ``element`` added (they hold for its subtree)."""
        ignorable = {
            uri
            for prefix in element.get(f"{{{MC}}}Ignorable", "").split()
            if (uri := element.nsmap.get(prefix)) is not None
        }
        process: set[tuple[str, str]] = set()
        for name in element.get(f"{{{MC}}}ProcessContent", "").split():
            prefix, _, local = name.rpartition(":")
            uri = element.nsmap.get(prefix)
            if uri is not None:
                process.add((uri, local))
        if not ignorable and not process:
            return self
        return _Scope(
            self.ignorable | (ignorable - understood_namespaces()), self.process | process
        )

    def drops(self, namespace: str | None) -> bool:
        return namespace is not None and namespace in self.ignorable

    def unwraps(self, qname: etree.QName) -> bool:
        namespace = qname.namespace or ""
        return not self.process.isdisjoint({(namespace, qname.localname), (namespace, "*")})


def _replace(node: etree._Element, replacements: list[etree._Element]) -> None:
    """Put ``replacements`` where ``node`` is, keeping the text that followed ``node``."""
    parent = node.getparent()
    assert parent is not None, "the root element is never replaced"
    index = parent.index(node)
    tail = node.tail
    parent.remove(node)  # lxml moves the tail with the node: restore it below
    for offset, replacement in enumerate(replacements):
        parent.insert(index + offset, replacement)
    if tail:
        if replacements:
            replacements[-1].tail = (replacements[-1].tail or "") + tail
        elif index > 0:
            before = parent[index - 1]
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _chosen(alternate: etree._Element) -> list[etree._Element]:
    """The content Word shows for ``mc:AlternateContent``: the first ``mc:Choice`` whose
    ``Requires`` namespaces are all understood, else ``mc:Fallback``, else nothing."""
    understood = understood_namespaces()
    for branch in alternate:
        if branch.tag == f"{{{MC}}}Choice":
            required = [branch.nsmap.get(p) for p in branch.get("Requires", "").split()]
            if required and all(uri in understood for uri in required):
                return list(branch)
        elif branch.tag == f"{{{MC}}}Fallback":
            return list(branch)
    return []


def _resolve_children(element: etree._Element, scope: _Scope) -> list[etree._Element]:
    """Resolve Markup Compatibility among the children of ``element`` in place; return the
    children that remain, for the caller to descend into.

    What replaces a child (a chosen branch, an unwrapped element's children) is examined again
    at the same position: it may be ``mc:`` markup itself.
    """
    remaining: list[etree._Element] = []
    index = 0
    while index < len(element):
        child = element[index]
        if not isinstance(child.tag, str):
            index += 1  # comments and processing instructions stay as they are
            continue
        qname = etree.QName(child)
        if qname.namespace == MC and qname.localname == "AlternateContent":
            _replace(child, _chosen(child))
        elif scope.drops(qname.namespace):
            _replace(child, list(child) if scope.unwraps(qname) else [])
        else:
            remaining.append(child)
            index += 1
    return remaining


def apply_markup_compatibility(root: etree._Element) -> etree._Element:
    """Resolve Markup Compatibility in ``root`` in place, as Word does before it reads a part.

    ``mc:AlternateContent`` becomes its chosen branch (``mc:Fallback`` for everything the
    schemas here do not describe); elements and attributes in an ``mc:Ignorable`` namespace
    that is not understood are removed, or unwrapped when ``mc:ProcessContent`` names them;
    the ``mc:`` attributes themselves go. ``mc:MustUnderstand`` is dropped unchecked: the
    namespaces named there in practice (``w14``, ``w15``) are ones Word understands.
    """
    # Depth-first with an explicit stack: no recursion limit to think about.
    stack: list[tuple[etree._Element, _Scope]] = [(root, _Scope())]
    while stack:
        element, inherited = stack.pop()
        scope = inherited.entered(element)
        for name in list(element.attrib):
            namespace = etree.QName(name).namespace
            if namespace == MC or scope.drops(namespace):
                del element.attrib[name]
        stack.extend((child, scope) for child in _resolve_children(element, scope))
    return root


def _short(message: str) -> str:
    """A schema message with the common namespace URIs written as their usual prefixes."""
    for uri, prefix in _PREFIXES.items():
        message = message.replace(f"{{{uri}}}", f"{prefix}:")
    return message


def _content_types(package: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without the leading slash) -> content type, from ``[Content_Types].xml``."""
    try:
        data = package.read("[Content_Types].xml")
    except KeyError as exc:
        raise NotADocxError("no [Content_Types].xml: not an Office Open XML package") from exc
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise NotADocxError(f"[Content_Types].xml is not well-formed XML: {exc}") from exc
    defaults = {
        (d.get("Extension") or "").lower(): d.get("ContentType") or ""
        for d in root.iter(f"{{{CONTENT_TYPES}}}Default")
    }
    overrides = {
        (o.get("PartName") or "").lstrip("/").lower(): o.get("ContentType") or ""
        for o in root.iter(f"{{{CONTENT_TYPES}}}Override")
    }
    types: dict[str, str] = {}
    for name in package.namelist():
        # Part names are compared case-insensitively (ECMA-376 part 2, 9.1.1.1.2).
        key = name.lower()
        extension = PurePosixPath(key).suffix.lstrip(".")
        found = overrides.get(key, defaults.get(extension))
        if found is not None:
            types[name] = found
    return types


def _check_part(name: str, data: bytes, schema: etree.XMLSchema) -> list[str]:
    """Problems of one part: not well-formed, a DOCTYPE, or what the schema reports."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return [f"{name}:{exc.lineno}: not well-formed XML: {exc.msg}"]
    problems: list[str] = []
    # lxml-stubs 0.5 lacks DocInfo.doctype (lxml has it): type: ignore below for that reason.
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        # ECMA-376 part 2 (8.1.4) forbids DTD declarations in a package; Word refuses them.
        problems.append(f"{name}:1: DOCTYPE declaration (not allowed in a package)")
    if not schema.validate(apply_markup_compatibility(root)):
        entries = cast("Iterable[_LogEntry]", schema.error_log)
        problems.extend(f"{name}:{entry.line}: {_short(entry.message)}" for entry in entries)
    return problems


def check_docx(source: Path | bytes, schema: etree.XMLSchema | None = None) -> list[str]:
    """The schema problems of a .docx (a path or its bytes), one line each: ``part:line: what``.

    An empty list means every WordprocessingML part is valid. Raises :class:`NotADocxError`
    when the file is missing, is no zip, or holds no WordprocessingML main part.
    """
    schema = load_schema() if schema is None else schema
    if isinstance(source, Path):
        try:
            data = source.read_bytes()
        except FileNotFoundError as exc:
            raise NotADocxError("no such file") from exc
        except IsADirectoryError as exc:
            raise NotADocxError("a folder, not a file") from exc
    else:
        data = source
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotADocxError("not a zip file, so not a .docx package") from exc
    with package:
        types = _content_types(package)
        if not any(kind in MAIN_TYPES for kind in types.values()):
            raise NotADocxError("no WordprocessingML main document part: not a .docx package")
        problems: list[str] = []
        for name in sorted(n for n, kind in types.items() if kind in PART_TYPES):
            info = package.getinfo(name)
            if info.file_size > MAX_PART_SIZE:
                problems.append(f"{name}:0: {info.file_size} bytes, more than this check reads")
                continue
            try:
                data = package.read(info)
            except (zipfile.BadZipFile, OSError) as exc:
                problems.append(f"{name}:0: cannot be read from the zip: {exc}")
                continue
            problems.extend(_check_part(name, data, schema))
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: check every file given, print problems, return the exit code."""
    parser = argparse.ArgumentParser(
        prog="ooxml_check.py",
        description=__doc__.splitlines()[0] if __doc__ else None,
        epilog="exit code: 0 all valid, 1 schema problems, 2 a file could not be checked",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.docx")
    args = parser.parse_args(argv)
    files: list[Path] = args.files
    schema = load_schema()
    unreadable = problems = 0
    for path in files:
        try:
            found = check_docx(path, schema)
        except NotADocxError as exc:
            print(f"{path}: cannot check: {exc}", file=sys.stderr)
            unreadable += 1
            continue
        for line in found:
            print(f"{path}: {line}")
        if not found:
            print(f"{path}: OK, valid against ECMA-376 (wml.xsd)")
        problems += len(found)
    print(f"{len(files)} file(s), {problems} schema problem(s), {unreadable} not checked")
    if unreadable:
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Safe package I/O: open a .docx as a zip, parse its XML parts hardened, write it back.

A .docx comes from users, so nothing in it is trusted:

- the zip is checked before anything is inflated: at most :data:`MAX_MEMBERS` members,
  at most :data:`MAX_TOTAL_UNCOMPRESSED` bytes in all, and no member larger than
  :data:`RATIO_FLOOR` may inflate more than :data:`MAX_RATIO` times (a zip bomb);
  while inflating, a member that grows beyond its declared size is refused too;
- XML parts are parsed without DTD loading, entity expansion or network access, and
  libxml2's limits for huge documents stay on; a part with a DOCTYPE is refused outright
  (WordprocessingML never has one, so it can only be an attack);
- duplicate member names are refused (which one would Word read?).

Every refusal is an :class:`~opp_docs.errors.UnsafePackageError`; a file that is no zip
or no WordprocessingML package at all is a :class:`~opp_docs.errors.DocxError`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Final, Literal, TypedDict

from lxml import etree

from opp_docs.docx.namespaces import NS
from opp_docs.docx.strict import is_strict, to_transitional
from opp_docs.errors import DocxError, Location, Problem, UnsafePackageError

__all__ = [
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_TOTAL_UNCOMPRESSED",
    "RATIO_FLOOR",
    "SAFE_PARSING",
    "Kind",
    "Package",
    "SafeParsing",
    "Source",
    "check_archive",
    "open_package",
    "parse_xml",
    "serialize_xml",
    "source_name",
]

#: Most members a package may have. Word's own documents hold 10 to 40.
MAX_MEMBERS = 2_000
#: Most bytes all members may inflate to together (256 MiB; an OPP is well under 5 MiB).
MAX_TOTAL_UNCOMPRESSED = 256 * 1024 * 1024
#: Highest compression ratio (uncompressed / compressed) of one member. Word's XML
#: compresses 10 to 30 times; zip bombs go to 1000 and beyond.
MAX_RATIO = 200
#: Members up to this size (1 MiB) are not held to :data:`MAX_RATIO`: a small,
#: very repetitive part may legitimately compress far, and cannot do harm.
RATIO_FLOOR = 1024 * 1024

_CHUNK = 64 * 1024
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


class SafeParsing(TypedDict):
    """Options of etree.XMLParser and etree.iterparse (see :data:`SAFE_PARSING`)."""

    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    dtd_validation: bool
    huge_tree: bool


# How every XML part is parsed: no entities resolved, no DTD loaded, nothing fetched,
# libxml2's size limits on.
SAFE_PARSING: Final = SafeParsing(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(remove_blank_text=False, **SAFE_PARSING)


def _unsafe(code: str, message: str, file: str | None, part: str | None = None) -> Problem:
    where = f"onderdeel '{part}': " if part else ""
    return Problem(code=code, message=where + message, location=Location(file=file), input=part)


_DOCTYPE_MESSAGE = (
    "bevat een DOCTYPE. Een Office-document heeft dat nooit; het bestand is geweigerd omdat "
    "het zo onveilige verwijzingen kan bevatten."
)
_PROLOG_NOISE = re.compile(rb"<\?.*?\?>|<!--.*?-->", re.DOTALL)


def _has_doctype(data: bytes) -> bool:
    """Whether a DOCTYPE stands before the root element (checked before parsing, so that an
    entity bomb is named as what it is instead of failing libxml2's amplification limit)."""
    index = data.find(b"<!DOCTYPE")
    if index < 0:
        return False
    return b"<" not in _PROLOG_NOISE.sub(b"", data[:index])


def parse_xml(data: bytes, *, part: str = "", file: str | None = None) -> etree._Element:
    """Parse one XML part with the hardened parser; refuse a DOCTYPE.

    ``part`` and ``file`` only name the place in error messages.
    """
    if _has_doctype(data):
        raise UnsafePackageError(_unsafe("pakket.doctype", _DOCTYPE_MESSAGE, file, part))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        message = "is geen geldige XML. Sla het document opnieuw op in Word."
        raise DocxError(_unsafe("pakket.xml_ongeldig", message, file, part)) from error
    info = root.getroottree().docinfo
    # libxml2 records any <!DOCTYPE ...> as an internal subset, even one without
    # declarations or one that only names an external DTD (tests cover each form).
    if info.internalDTD is not None or info.externalDTD is not None or info.public_id:
        raise UnsafePackageError(_unsafe("pakket.doctype", _DOCTYPE_MESSAGE, file, part))
    return root


def serialize_xml(root: etree._Element) -> bytes:
    """A part's bytes as Word writes them: UTF-8 with ``standalone="yes"`` declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class _Member:
    """One member of a package: its bytes, inflated from the archive when first read."""

    __slots__ = ("_archive", "_data", "_file", "info")

    def __init__(
        self,
        info: zipfile.ZipInfo,
        data: bytes | None,
        archive: zipfile.ZipFile | None = None,
        file: str | None = None,
    ) -> None:
        self.info = info
        self._data = data
        self._archive = archive  # where to inflate from, until it is inflated
        self._file = file

    @property
    def data(self) -> bytes:
        if self._data is None:
            assert self._archive is not None
            with _reading(self._file):
                self._data = _inflate(self._archive, self.info, self._file)
            self._archive = None
        return self._data

    @data.setter
    def data(self, value: bytes) -> None:
        self._data, self._archive = value, None

    def copy(self) -> _Member:
        return _Member(self.info, self._data, self._archive, self._file)


class Package:
    """The members of a .docx, in their order, with changed parts replaced on write."""

    def __init__(self, members: list[_Member], file: str | None = None) -> None:
        self._members = members
        self._index = {m.info.filename: i for i, m in enumerate(members)}
        self.file = file

    @property
    def names(self) -> list[str]:
        """Member names in zip order."""
        return [m.info.filename for m in self._members]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def read(self, name: str) -> bytes:
        """The bytes of a member; :class:`DocxError` when it is missing."""
        if name not in self._index:
            message = f"Het document mist het onderdeel '{name}'. Is het wel een .docx?"
            problem = Problem("pakket.onderdeel_ontbreekt", message, Location(file=self.file), name)
            raise DocxError(problem)
        return self._members[self._index[name]].data

    def xml(self, name: str) -> etree._Element:
        """A fresh, hardened parse of an XML member (see :func:`parse_xml`)."""
        return parse_xml(self.read(name), part=name, file=self.file)

    def main_part(self) -> str:
        """The name of the main document part, from ``_rels/.rels`` (usually
        ``word/document.xml``)."""
        rels = self.xml("_rels/.rels")
        for rel in rels.iterfind(f"{{{NS['pr']}}}Relationship"):
            if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                return rel.get("Target", "").lstrip("/")
        message = "Het bestand is geen Word-document: het hoofddocument ontbreekt."
        raise DocxError(Problem("pakket.geen_docx", message, Location(file=self.file)))

    def replace(self, name: str, content: bytes | etree._Element) -> None:
        """Replace a member (an element is serialised with :func:`serialize_xml`) or add
        it at the end."""
        data = content if isinstance(content, bytes) else serialize_xml(content)
        if name in self._index:
            self._members[self._index[name]].data = data
        else:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            self._index[name] = len(self._members)
            self._members.append(_Member(info, data))

    def remove(self, name: str) -> None:
        """Drop a member (nothing happens when it is not there)."""
        if name in self._index:
            del self._members[self._index[name]]
            self._index = {m.info.filename: i for i, m in enumerate(self._members)}

    def to_transitional(self) -> None:
        """Rewrite a Strict Open XML package's XML parts to transitional namespaces
        (:mod:`opp_docs.docx.strict`); written back, it is a normal .docx."""
        for member in self._members:
            if member.info.filename.endswith((".xml", ".rels")):
                member.data = to_transitional(member.data)

    def copy(self) -> Package:
        """A package with the same members whose :meth:`replace` leaves this one alone."""
        return Package([m.copy() for m in self._members], self.file)

    def to_bytes(self) -> bytes:
        """The package as .docx bytes: every member in its original order and settings."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member in self._members:
                info = zipfile.ZipInfo(member.info.filename, date_time=member.info.date_time)
                info.compress_type = member.info.compress_type
                info.external_attr = member.info.external_attr
                archive.writestr(info, member.data)
        return buffer.getvalue()


# What zipfile raises on a damaged archive, besides BadZipFile: a corrupt header gives
# ValueError ("negative seek value"), struct.error or OverflowError; bad names decode errors.
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    ValueError,
    OverflowError,
    struct.error,
    UnicodeDecodeError,
    KeyError,
    IndexError,
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_MACRO_PARTS = ("word/vbaProject.bin", "xl/vbaProject.bin")


Kind = Literal["docx", "xlsx"]
_NAMES: dict[str, tuple[str, str, str]] = {
    "docx": ("Word-document", ".docx", "Word"),
    "xlsx": ("Excel-werkmap", ".xlsx", "Excel"),
}


def _sniff(head: bytes, file: str | None, kind: Kind = "docx") -> None:
    """Refuse, by its first bytes, a file that is not a zip: say what it is instead."""
    if head.startswith(b"PK"):
        return
    name, extension, program = _NAMES[kind]
    if head.startswith(_OLE2):
        if _ENCRYPTED in head:
            code = "pakket.versleuteld"
            message = (
                "Het bestand is met een wachtwoord beveiligd (versleuteld). Sla het in "
                f"{program} op zonder wachtwoord en probeer opnieuw."
            )
        else:
            code = "pakket.oud_formaat"
            message = (
                f"Dit is een oud Office-bestand (.doc of .xls). Open het in {program} en sla "
                f"het op als {extension}."
            )
    elif head.startswith(b"%PDF"):
        code = "pakket.pdf"
        message = f"Dit is een PDF, geen {name}. Gebruik het {extension}-bestand."
    else:
        code = "pakket.geen_zip"
        message = f"Het bestand is geen {name} ({extension}). Controleer of het het goede is."
    raise DocxError(Problem(code, message, Location(file=file)))


def _check_members(infos: list[zipfile.ZipInfo], file: str | None, kind: Kind) -> None:
    _check_sizes(infos, file)
    if any(info.filename in _MACRO_PARTS for info in infos):
        _, extension, program = _NAMES[kind]
        message = (
            f"Het bestand bevat macro's; die worden niet geopend. Sla het in {program} op "
            f"als gewoon bestand ({extension})."
        )
        raise UnsafePackageError(_unsafe("pakket.macro", message, file))


def check_archive(source: str | os.PathLike[str] | bytes, kind: Kind = "xlsx") -> None:
    """Refuse a file that another library is about to open, for the same reasons as
    :func:`open_package`: what it is if no zip, a zip bomb (checked before inflating), macros,
    and a DOCTYPE in any XML part (read from each part's first 4 KiB only)."""
    file = None if isinstance(source, bytes) else os.fspath(source)
    _sniff(_head(source, file), file, kind)
    stream: io.BytesIO | str = (
        io.BytesIO(source) if isinstance(source, bytes) else os.fspath(source)
    )
    name, _, _ = _NAMES[kind]
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            _check_members(infos, file, kind)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as member:
                        if _has_doctype(member.read(4096)):
                            raise UnsafePackageError(
                                _unsafe("pakket.doctype", _DOCTYPE_MESSAGE, file, info.filename)
                            )
    except _BROKEN_ZIP as error:
        message = f"Het bestand is geen geldige {name} (geen leesbaar zip-bestand)."
        raise DocxError(Problem("pakket.geen_zip", message, Location(file=file))) from error
    except OSError as error:
        message = f"Het bestand kan niet worden gelezen: {error.strerror or error}."
        raise DocxError(Problem("pakket.niet_leesbaar", message, Location(file=file))) from error


def _head(source: str | os.PathLike[str] | bytes, file: str | None) -> bytes:
    # An encrypted Office file keeps its "EncryptedPackage" stream name in the directory,
    # which sits in the first sectors; 64 KiB covers it in practice.
    if isinstance(source, bytes):
        return source[:65536]
    try:
        with open(source, "rb") as stream:  # noqa: PTH123 (source may be any PathLike)
            return stream.read(65536)
    except FileNotFoundError as error:
        message = "Het bestand bestaat niet."
        raise DocxError(Problem("pakket.niet_gevonden", message, Location(file=file))) from error
    except OSError as error:
        message = f"Het bestand kan niet worden gelezen: {error.strerror or error}."
        raise DocxError(Problem("pakket.niet_leesbaar", message, Location(file=file))) from error


Source = str | os.PathLike[str] | bytes | IO[bytes]
"""What a package is read from: a path, the file's bytes, or a binary file object."""


def source_name(source: Source) -> str | None:
    """The file name of ``source`` for messages: the path, a file object's name, or None."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)  # open() and uploaded files carry one
    return name if isinstance(name, str) else None


def open_package(source: Source) -> Package:
    """Open a .docx from a path, bytes or a binary file object, refusing zip bombs first.

    Refused with a message that says what the file is: an old binary .doc/.xls, an
    encrypted Office file, a PDF, anything else that is no zip; and a package with macros.
    The file is read into memory at once; a member is inflated when it is first read (a
    parse reads a few small parts, not the styles), each checked against its declared size.
    A Strict Open XML document is read as a transitional one (:mod:`opp_docs.docx.strict`).
    """
    file = source_name(source)
    if not isinstance(source, str | os.PathLike | bytes):
        with _reading(file):
            source = source.read()
    _sniff(_head(source, file), file)
    with _reading(file):
        if isinstance(source, bytes):
            data = source
        else:
            with open(source, "rb") as stream:  # noqa: PTH123 (source may be any PathLike)
                data = stream.read()
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        _check_members(infos, file, "docx")
    package = Package([_Member(info, None, archive, file) for info in infos], file)
    if "_rels/.rels" in package and is_strict(package.read("_rels/.rels")):
        package.to_transitional()
    return package


@contextlib.contextmanager
def _reading(file: str | None) -> Iterator[None]:
    """Turn what zipfile and the file system raise on a damaged or unreadable package into
    :class:`DocxError` with a Dutch message."""
    try:
        yield
    except _BROKEN_ZIP as error:
        message = "Het bestand is geen geldig Word-document (geen leesbaar zip-bestand)."
        raise DocxError(Problem("pakket.geen_zip", message, Location(file=file))) from error
    except RuntimeError as error:  # zipfile raises this for an encrypted member
        message = "Het document is versleuteld. Sla het zonder wachtwoord op en probeer opnieuw."
        raise DocxError(Problem("pakket.versleuteld", message, Location(file=file))) from error
    except OSError as error:
        message = f"Het bestand kan niet worden gelezen: {error.strerror or error}."
        raise DocxError(Problem("pakket.niet_leesbaar", message, Location(file=file))) from error


def _check_sizes(infos: list[zipfile.ZipInfo], file: str | None) -> None:
    if len(infos) > MAX_MEMBERS:
        message = (
            f"Het document heeft {len(infos)} onderdelen; meer dan {MAX_MEMBERS} wordt geweigerd."
        )
        raise UnsafePackageError(_unsafe("pakket.te_veel_onderdelen", message, file))
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        duplicate = next(n for n in names if names.count(n) > 1)
        message = "komt twee keer in het document voor; het bestand is geweigerd."
        raise UnsafePackageError(_unsafe("pakket.dubbel_onderdeel", message, file, duplicate))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        message = (
            f"Het document zou uitgepakt {total // (1024 * 1024)} MiB worden; meer dan "
            f"{MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MiB wordt geweigerd (zip-bom)."
        )
        raise UnsafePackageError(_unsafe("pakket.te_groot", message, file))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            message = (
                f"pakt {ratio:.0f} keer zo groot uit; meer dan {MAX_RATIO} keer wordt "
                "geweigerd (zip-bom)."
            )
            raise UnsafePackageError(_unsafe("pakket.zipbom", message, file, info.filename))


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str | None) -> bytes:
    # The declared size was checked; a member whose data inflates beyond it lies.
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > info.file_size:
                message = "pakt groter uit dan het zip-bestand aangeeft; geweigerd."
                raise UnsafePackageError(_unsafe("pakket.zipbom", message, file, info.filename))
            chunks.append(chunk)
    return b"".join(chunks)

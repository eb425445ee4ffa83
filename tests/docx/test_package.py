"""Safe package I/O (``opp_docs.docx.package``)."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import pytest

from opp_docs.docx import package
from opp_docs.docx.package import open_package, parse_xml, serialize_xml
from opp_docs.docx.text import read_text
from opp_docs.errors import DocxError, UnsafePackageError
from tests.docx.docx_xml import word_file

RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _zip(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return buffer.getvalue()


def test_open_from_path_and_bytes_and_write_back_unchanged() -> None:
    path = word_file("checked_boxes.docx")
    from_path = open_package(path)
    from_bytes = open_package(path.read_bytes())
    assert from_path.names == from_bytes.names
    assert from_path.names[0] == "[Content_Types].xml"
    assert from_path.main_part() == "word/document.xml"
    again = open_package(from_path.to_bytes())
    assert again.names == from_path.names
    assert all(again.read(n) == from_path.read(n) for n in from_path.names)
    with zipfile.ZipFile(io.BytesIO(from_path.to_bytes())) as archive:
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_replaced_part_is_written_in_place() -> None:
    pkg = open_package(word_file("check_drop_my.docx"))
    root = pkg.xml("word/document.xml")
    paragraph = root.find(".//{*}t")
    assert paragraph is not None
    paragraph.text = "veranderd"
    pkg.replace("word/document.xml", root)
    pkg.replace("customXml/extra.xml", b"<x/>")
    written = open_package(pkg.to_bytes())
    assert written.names.index("word/document.xml") == pkg.names.index("word/document.xml")
    assert written.names[-1] == "customXml/extra.xml"
    assert read_text(written.xml("word/document.xml")).startswith("veranderd")
    assert written.read("word/document.xml").startswith(
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
    )


@pytest.mark.parametrize(
    "data",
    [
        # billion laughs
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><w>&b;</w>',
        # external entity (XXE)
        b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]><w>&e;</w>',
        # external DTD
        b'<!DOCTYPE w SYSTEM "http://example.invalid/w.dtd"><w/>',
        b"<!DOCTYPE w><w/>",
    ],
)
def test_doctype_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafePackageError) as caught:
        parse_xml(data, part="word/document.xml")
    assert caught.value.code == "pakket.doctype"
    assert caught.value.problems[0].input == "word/document.xml"
    pkg = open_package(_zip([("_rels/.rels", RELS), ("word/document.xml", data)]))
    with pytest.raises(UnsafePackageError):
        pkg.xml("word/document.xml")


def test_broken_or_too_deep_xml_is_a_docx_error() -> None:
    for data in (b"<w:document", b"<a>" * 5000 + b"</a>" * 5000):
        with pytest.raises(DocxError) as caught:
            parse_xml(data)
        assert caught.value.code == "pakket.xml_ongeldig"
        assert not isinstance(caught.value, UnsafePackageError)


def test_zip_bomb_is_refused_by_ratio() -> None:
    bomb = _zip([("word/document.xml", b"\0" * (2 * 1024 * 1024))])
    with pytest.raises(UnsafePackageError) as caught:
        open_package(bomb)
    assert caught.value.code == "pakket.zipbom"


def test_small_parts_may_compress_far() -> None:
    pkg = open_package(_zip([("word/styles.xml", b" " * 500_000)]))
    assert pkg.read("word/styles.xml") == b" " * 500_000


def test_total_size_and_member_count_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _zip([(f"part{i}.xml", b"<x/>" * 100) for i in range(5)])
    monkeypatch.setattr(package, "MAX_MEMBERS", 4)
    with pytest.raises(UnsafePackageError) as caught:
        open_package(data)
    assert caught.value.code == "pakket.te_veel_onderdelen"
    monkeypatch.setattr(package, "MAX_MEMBERS", 10)
    monkeypatch.setattr(package, "MAX_TOTAL_UNCOMPRESSED", 1000)
    with pytest.raises(UnsafePackageError) as caught:
        open_package(data)
    assert caught.value.code == "pakket.te_groot"


def test_member_that_lies_about_its_size_is_not_inflated() -> None:
    data = bytearray(_zip([("a.xml", b"x" * 100_000)]))
    # Declare 10 bytes in both the local and the central header.
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    # Members are inflated when first read: reading it, or writing the package, stops at the
    # declared size.
    package = open_package(bytes(data))
    with pytest.raises(DocxError):
        package.read("a.xml")
    with pytest.raises(DocxError):
        open_package(bytes(data)).to_bytes()


def test_duplicate_members_are_refused() -> None:
    with pytest.raises(UnsafePackageError) as caught:
        open_package(_zip([("word/document.xml", b"<a/>"), ("word/document.xml", b"<b/>")]))
    assert caught.value.code == "pakket.dubbel_onderdeel"


def test_not_a_zip_missing_file_and_missing_part(tmp_path: Path) -> None:
    with pytest.raises(DocxError) as caught:
        open_package(b"dit is geen zip")
    assert caught.value.code == "pakket.geen_zip"
    missing = tmp_path / "weg.docx"
    with pytest.raises(DocxError) as caught:
        open_package(missing)
    assert caught.value.code == "pakket.niet_gevonden"
    assert caught.value.problems[0].location.file == str(missing)
    pkg = open_package(_zip([("a.xml", b"<a/>")]))
    with pytest.raises(DocxError) as caught:
        pkg.read("word/document.xml")
    assert caught.value.code == "pakket.onderdeel_ontbreekt"
    with pytest.raises(DocxError):
        pkg.main_part()


def test_serialize_xml_declares_utf8_standalone() -> None:
    data = serialize_xml(parse_xml("<a>é</a>".encode()))
    assert data == "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a>é</a>".encode()


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (_OLE2 + bytes(504) + "WordDocument".encode("utf-16-le"), "pakket.oud_formaat"),
        (_OLE2 + bytes(504) + "EncryptedPackage".encode("utf-16-le"), "pakket.versleuteld"),
        (b"%PDF-1.7\n%\xe2\xe3", "pakket.pdf"),
        (b"", "pakket.geen_zip"),
    ],
    ids=["doc", "encrypted", "pdf", "empty"],
)
def test_what_a_non_zip_file_is_is_said(tmp_path: Path, data: bytes, code: str) -> None:
    target = tmp_path / "formulier.docx"
    target.write_bytes(data)
    for source in (data, target):
        with pytest.raises(DocxError) as caught:
            open_package(source)
        assert caught.value.code == code


def test_a_truncated_zip_is_refused() -> None:
    data = _zip([("word/document.xml", b"<a/>" * 1000)])
    with pytest.raises(DocxError) as caught:
        open_package(data[: len(data) // 2])
    assert caught.value.code == "pakket.geen_zip"


def test_a_package_with_macros_is_refused() -> None:
    data = _zip([("word/document.xml", b"<a/>"), ("word/vbaProject.bin", b"\x00")])
    with pytest.raises(UnsafePackageError) as caught:
        open_package(data)
    assert caught.value.code == "pakket.macro"

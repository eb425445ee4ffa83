"""The project's schema check, ``tools/ooxml_check.py``: it passes what Word opens, names the
part and line of what Word would refuse, and tells a file it cannot check from an invalid one."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ooxml_check import NotADocxError, apply_markup_compatibility, check_docx, main
from opp_docs.docx.package import open_package
from tests.docx.docx_xml import canonical, word_file

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _with_part(source: Path, name: str, edit: str, before: str) -> bytes:
    """``source`` with the first ``before`` in part ``name`` replaced by ``edit`` + ``before``."""
    package = open_package(source)
    xml = package.read(name).decode("utf-8")
    assert before in xml, f"{before!r} not in {name}"
    package.replace(name, xml.replace(before, edit + before, 1).encode("utf-8"))
    return package.to_bytes()


def _paragraph_out_of_order(source: Path) -> bytes:
    # ECMA-376 transitional lets the children of w:rPr come in any order (EG_RPrBase is a
    # choice), but w:pPr is a sequence: w:pStyle must come first.
    paragraph = '<w:p><w:pPr><w:jc w:val="left"/><w:pStyle w:val="Normal"/></w:pPr></w:p>'
    return _with_part(source, "word/document.xml", paragraph, "<w:p>")


def test_the_generated_form_and_the_word_files_pass(template_path: Path) -> None:
    assert check_docx(template_path) == []
    assert check_docx(template_path.read_bytes()) == []
    for name in ("check_drop_my.docx", "checked_boxes.docx"):
        # Word's own files carry w14 content controls under mc:Ignorable="w14 ...".
        assert check_docx(word_file(name)) == [], name


def test_elements_out_of_order_are_reported_with_part_and_line(template_path: Path) -> None:
    problems = check_docx(_paragraph_out_of_order(template_path))
    assert len(problems) == 1, problems
    part, line, message = problems[0].split(":", 2)
    assert part == "word/document.xml"
    assert int(line) > 0
    assert "w:pStyle" in message


def test_a_problem_in_another_part_names_that_part(template_path: Path) -> None:
    data = _with_part(template_path, "word/styles.xml", "<w:bogus/>", "<w:style ")
    problems = check_docx(data)
    assert problems and all(p.startswith("word/styles.xml:") for p in problems), problems
    assert "w:bogus" in problems[0]


def test_unknown_markup_is_reported_unless_declared_ignorable() -> None:
    source = word_file("check_drop_my.docx")
    unknown = '<x:extra xmlns:x="urn:example:not-in-the-schema"><w:r/></x:extra>'
    data = _with_part(source, "word/document.xml", unknown, "<w:p ")
    problems = check_docx(data)
    assert len(problems) == 1 and "urn:example:not-in-the-schema" in problems[0]
    # The same element under mc:Ignorable on the root is dropped, as Word drops it.
    package = open_package(data)
    xml = package.read("word/document.xml")
    assert xml.count(b' mc:Ignorable="') == 1
    package.replace(
        "word/document.xml",
        xml.replace(
            b' mc:Ignorable="', b' xmlns:x="urn:example:not-in-the-schema" mc:Ignorable="x '
        ),
    )
    assert check_docx(package.to_bytes()) == []


def test_markup_compatibility_is_resolved_as_word_does() -> None:
    root = etree.fromstring(
        f'<w:body xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w14="{W14}" xmlns:wps="{WPS}"'
        ' mc:Ignorable="w14">'
        '<w:p w14:paraId="1A2B3C4D"><w14:kept/>'
        '<mc:AlternateContent><mc:Choice Requires="wps"><wps:wsp/></mc:Choice>'
        "<mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent>"
        "</w:p></w:body>"
    )
    resolved = apply_markup_compatibility(root)
    expected = f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>fallback</w:t></w:r></w:p></w:body>'
    assert canonical(resolved) == canonical(etree.fromstring(expected))


def test_process_content_keeps_the_children_of_an_ignorable_element() -> None:
    root = etree.fromstring(
        f'<w:p xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w14="{W14}" mc:Ignorable="w14"'
        ' mc:ProcessContent="w14:wrapper"><w14:wrapper><w:r/></w14:wrapper><w14:gone><w:r/>'
        "</w14:gone></w:p>"
    )
    resolved = apply_markup_compatibility(root)
    assert canonical(resolved) == canonical(etree.fromstring(f'<w:p xmlns:w="{W}"><w:r/></w:p>'))


def test_a_doctype_is_reported_and_its_entities_are_not_expanded(
    template_path: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    package = open_package(template_path)
    xml = package.read("word/document.xml")
    declaration, _, rest = xml.partition(b"?>")
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
    package.replace("word/document.xml", declaration + b"?>" + doctype + rest)
    problems = check_docx(package.to_bytes())
    assert any("DOCTYPE" in p for p in problems)
    assert not any("GEHEIM" in p for p in problems)


def test_what_is_no_docx_cannot_be_checked(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("geen Word-document", encoding="utf-8")
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as package:
        package.writestr("[Content_Types].xml", '<Types xmlns="urn:x"/>')
    for source in (tmp_path / "missing.docx", text, workbook.getvalue(), tmp_path):
        with pytest.raises(NotADocxError):
            check_docx(source)


def test_cli_exit_codes(
    template_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(template_path), str(word_file("checked_boxes.docx"))]) == 0
    out = capsys.readouterr().out
    assert f"{template_path}: OK" in out and "checked_boxes.docx: OK" in out

    broken = tmp_path / "broken.docx"
    broken.write_bytes(_paragraph_out_of_order(template_path))
    assert main([str(template_path), str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{template_path}: OK" in out
    problems = [line for line in out.splitlines() if line.startswith(f"{broken}: ")]
    assert len(problems) == 1 and problems[0].startswith(f"{broken}: word/document.xml:")

    assert main([str(tmp_path / "missing.docx"), str(template_path)]) == 2
    captured = capsys.readouterr()
    assert "missing.docx" in captured.err and f"{template_path}: OK" in captured.out


def test_cli_as_a_script_says_why_it_cannot_check(repo: Path, tmp_path: Path) -> None:
    text = tmp_path / "plain.docx"
    text.write_bytes(b"plain text")
    for argv in ([str(text)], [str(tmp_path / "missing.docx")], []):
        result = subprocess.run(
            [sys.executable, str(repo / "tools" / "ooxml_check.py"), *argv],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2, argv
        assert result.stderr.strip() and "Traceback" not in result.stderr, argv

"""A Strict Open XML document (Word's "Strict Open XML-document") is read like a normal one."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from opp_docs.docx.package import open_package
from opp_docs.docx.strict import STRICT_NAMESPACES, is_strict, to_transitional
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.inspect import inspect_form
from opp_docs.parsing import parse


def as_strict(data: bytes) -> bytes:
    """A .docx saved as Strict: every transitional namespace renamed, the document marked."""
    by_length = sorted(STRICT_NAMESPACES.items(), key=lambda item: len(item[1]), reverse=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                text = content.decode("utf-8")
                for strict, transitional in by_length:
                    text = text.replace(transitional, strict)
                text = text.replace("<w:document ", '<w:document w:conformance="strict" ', 1)
                content = text.encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def test_the_test_document_is_strict(template_path: Path) -> None:
    strict = as_strict(template_path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(strict)) as archive:
        assert is_strict(archive.read("_rels/.rels"))
        document = archive.read("word/document.xml")
    assert b"schemas.openxmlformats.org/wordprocessingml" not in document
    assert b'w:conformance="strict"' in document


def test_a_filled_strict_form_parses_to_its_plan() -> None:
    plan = example_plan()
    strict = as_strict(fill(plan))
    result = parse(strict)
    assert result.problems == []
    assert result.plan == plan


def test_a_strict_template_is_filled_as_a_normal_docx(
    template_path: Path, ooxml: Callable[[bytes], list[str]]
) -> None:
    plan = example_plan()
    filled = fill(plan, as_strict(template_path.read_bytes()))
    assert ooxml(filled) == []
    assert not is_strict(open_package(filled).read("_rels/.rels"))
    assert parse(filled).plan == plan


def test_inspect_reads_a_strict_form(template_path: Path) -> None:
    normal = inspect_form(template_path.read_bytes())
    assert inspect_form(as_strict(template_path.read_bytes())) == normal


def test_a_transitional_part_is_left_as_it_is() -> None:
    part = b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    assert to_transitional(part) is part

"""A part copied block by block gives the bytes copying it whole gives (``docx.skeleton``)."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from opp_docs.docx.namespaces import NS, qn
from opp_docs.docx.package import serialize_xml
from opp_docs.docx.runs import set_cell_text
from opp_docs.docx.skeleton import Skeleton
from tests.docx.docx_xml import word_file

_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "OPP_2024-2025.docx"


def _part(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


@pytest.mark.parametrize("name", ["OPP_2024-2025.docx", "check_drop_my.docx", "checked_boxes.docx"])
def test_an_untouched_copy_is_the_part_itself(name: str) -> None:
    # The Word files are looked up when the test runs, not when it is collected.
    root = _part(_TEMPLATE if name == _TEMPLATE.name else word_file(name))
    skeleton = Skeleton.of(root)
    assert skeleton is not None
    assert skeleton.copy().to_bytes() == serialize_xml(root)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_blocks_written_to_give_what_a_whole_copy_gives(data: st.DataObject) -> None:
    """Write into the cells of some blocks of a skeleton copy and of a whole copy alike."""
    root = _part(_TEMPLATE)
    skeleton = Skeleton.of(root)
    assert skeleton is not None
    live, whole = skeleton.copy(), copy.deepcopy(root)
    whole_body = whole.find(qn("w:body"))
    assert whole_body is not None
    chosen = data.draw(st.sets(st.integers(0, len(live) - 1), max_size=8))
    for number in sorted(chosen):
        for target in (live.block(number), whole_body[number]):
            for cell in target.iter(qn("w:tc")):
                set_cell_text(cell, f"blok {number}")
    assert live.to_bytes() == serialize_xml(whole)
    assert all(live.is_copied(n) == (n in chosen) for n in range(len(live)))


def test_copies_are_independent() -> None:
    root = _part(_TEMPLATE)
    skeleton = Skeleton.of(root)
    assert skeleton is not None
    first = skeleton.copy()
    table = next(n for n in range(len(first)) if first.block(n).tag == qn("w:tbl"))
    cell = next(first.block(table).iter(qn("w:tc")))
    set_cell_text(cell, "alleen in de eerste")
    assert skeleton.copy().to_bytes() == serialize_xml(root)
    assert b"alleen in de eerste" in first.to_bytes()


def test_copy_all_makes_the_body_whole() -> None:
    root = _part(_TEMPLATE)
    skeleton = Skeleton.of(root)
    assert skeleton is not None
    live = skeleton.copy()
    live.copy_all()
    assert not any(isinstance(node, etree._ProcessingInstruction) for node in live.body)
    assert etree.tostring(live.root) == etree.tostring(root)


def test_a_body_with_a_processing_instruction_is_kept_whole() -> None:
    root = etree.fromstring(
        f'<w:document xmlns:w="{NS["w"]}"><w:body><w:p/><?x y?><w:sectPr/></w:body></w:document>'
    )
    assert Skeleton.of(root) is None


def test_a_block_declaring_its_own_namespace_keeps_the_part_whole_or_exact() -> None:
    root = etree.fromstring(
        f'<w:document xmlns:w="{NS["w"]}"><w:body>'
        '<w:p xmlns:x="urn:x" x:a="1"/><w:p xmlns:w="' + NS["w"] + '"/><w:sectPr/>'
        "</w:body></w:document>"
    )
    skeleton = Skeleton.of(root)
    # Either it declines, or what it gives is exact: never different bytes.
    assert skeleton is None or skeleton.copy().to_bytes() == serialize_xml(root)

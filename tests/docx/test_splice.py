"""Recipes for writing into bytes (``opp_docs.docx.splice``): each gives, for any value,
the bytes the DOM primitive gives, or there is no recipe."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from opp_docs.docx.boxes import find_checkboxes, set_checked
from opp_docs.docx.cellvalue import write_cell_value
from opp_docs.docx.runs import append_text, build_run, set_cell_text, text_bytes
from opp_docs.docx.skeleton import in_place
from opp_docs.docx.splice import Layout, box_slot, lines_slot, splice, text_slot
from opp_docs.docx.text import prepare_text
from tests.docx.docx_xml import xml

BLANK = (
    '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>'
    "<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:p></w:tc>"
)
EMPTY_P = "<w:tc><w:tcPr/><w:p/></w:tc>"
FILLED = (
    '<w:tc><w:tcPr/><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    "<w:r><w:rPr><w:i/></w:rPr><w:t>oud</w:t></w:r></w:p><w:p/></w:tc>"
)
BOOKMARKED = (
    '<w:tc><w:p><w:bookmarkStart w:id="1" w:name="a"/><w:r><w:t>oud</w:t></w:r>'
    '<w:bookmarkEnd w:id="1"/></w:p></w:tc>'
)
BOXES = (
    '<w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val=""/>'
    '<w:checkBox><w:sizeAuto/><w:default w:val="0"/><w:checked w:val="0"/></w:checkBox>'
    '</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX '
    '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> Anders, namelijk:</w:t></w:r>'
    "</w:p><w:p><w:r><w:t>☐ Ja ☐ Nee</w:t></w:r></w:p></w:tc>"
)

# Text as the strategies of the round trips write it: XML specials, tabs, spaces Word would
# trim, newlines, empty lines, letters outside ASCII.
texts = st.text(st.sampled_from("ab é&<>\"'\t\n"), max_size=12) | st.sampled_from(
    ["", "\n", " x ", "a\n\nb", "\t"]
)


def _written(cell: etree._Element, write: object, *args: object) -> bytes:
    duplicate = copy.deepcopy(cell)
    write(duplicate, *args)  # type: ignore[operator]
    return in_place(duplicate)


def _applied(cell: etree._Element, edit: tuple[int, int, bytes] | None) -> bytes | None:
    if edit is None:
        return None
    start, end, new = edit
    data = in_place(cell)
    return data[:start] + new + data[end:]


@pytest.mark.parametrize("cell", [BLANK, EMPTY_P, FILLED], ids=["blank", "empty-p", "filled"])
@given(text=texts)
def test_a_text_recipe_writes_what_write_cell_value_writes(cell: str, text: str) -> None:
    element = xml(cell)
    slot = text_slot(element, write_cell_value)
    assert _applied(element, slot.render(prepare_text(text))) == _written(
        element, write_cell_value, text
    )


def test_a_blank_cell_has_both_recipes_and_a_bookmarked_one_none_to_rebuild() -> None:
    blank = text_slot(xml(BLANK), set_cell_text)
    assert blank.in_place is not None and blank.rebuilt is not None
    # set_block_text moves the bookmark into the new paragraphs: no recipe follows that.
    bookmarked = text_slot(xml(BOOKMARKED), set_cell_text)
    assert bookmarked.rebuilt is None and bookmarked.render("nieuw") is None


@given(text=st.text(st.sampled_from("ab é&<>\t "), max_size=10))
def test_text_bytes_are_what_build_run_serialises(text: str) -> None:
    run = in_place(build_run(text))
    assert run.split(b">", 1)[1].removesuffix(b"</w:r>") == text_bytes(text)


def test_a_box_recipe_sets_each_kind_as_set_checked_does() -> None:
    cell = xml(BOXES)
    boxes = find_checkboxes(cell)
    assert [box.kind for box in boxes] == ["legacy", "glyph", "glyph"]
    for number, box in enumerate(boxes):
        slot = box_slot(cell, box)
        assert slot is not None
        for state in (True, False):

            def tick(duplicate: etree._Element, state: bool = state, number: int = number) -> None:
                set_checked(find_checkboxes(duplicate)[number], state)

            assert _applied(cell, slot.render(state)) == _written(cell, tick)


@given(text=texts)
def test_a_lines_recipe_writes_what_append_text_writes(text: str) -> None:
    cell = xml(BOXES)
    paragraph = cell[0]
    slot = lines_slot(cell, paragraph)
    assert slot is not None

    def append(duplicate: etree._Element) -> None:
        append_text(duplicate[0], text)

    assert _applied(cell, slot.render(prepare_text(text))) == _written(cell, append)


def test_a_layout_finds_every_row_and_cell_in_the_bytes() -> None:
    table = xml(
        "<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
        "<w:p/></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    data = in_place(table)
    layout = Layout.of(table, data)
    assert layout is not None
    outer = [node for node in table.iter() if node.tag.endswith("}tr") or node.tag.endswith("}tc")]
    nested = {
        node
        for node in outer
        if node.getparent() is not None and len(list(node.iterancestors("{*}tc")))
    }
    assert set(layout.spans) == set(outer) - nested
    for element, (start, end) in layout.spans.items():
        assert data[start:end] == in_place(element)


def test_splice_applies_edits_and_refuses_overlaps_and_ambiguous_insertions() -> None:
    assert splice(b"abcdef", [(4, 5, b"E"), (1, 2, b"B")]) == b"aBcdEf"
    assert splice(b"abc", [(1, 1, b"x"), (2, 3, b"C")]) == b"axbC"
    assert splice(b"abcdef", [(1, 3, b""), (2, 4, b"")]) is None
    assert splice(b"abc", [(1, 1, b"x"), (1, 1, b"y")]) is None
    assert splice(b"abc", [(0, 0, b"x"), (0, 1, b"y")]) is None

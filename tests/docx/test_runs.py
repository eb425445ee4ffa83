"""Writing text into runs and cells (``opp_docs.docx.runs``), and reading it back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.docx.runs import build_run, first_run_properties, set_block_text, set_cell_text
from opp_docs.docx.text import normalize_newlines, read_text
from opp_docs.errors import InvalidTextError
from tests.docx.docx_xml import assert_xml_equal, xml

CELL = """
<w:tc>
  <w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>
  <w:p w14:paraId="1A2B3C4D">
    <w:pPr><w:spacing w:after="0"/><w:rPr><w:i/></w:rPr></w:pPr>
    <w:r><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="18"/></w:rPr><w:t>oud</w:t></w:r>
    <w:r><w:t xml:space="preserve"> en meer</w:t></w:r>
  </w:p>
  <w:p><w:r><w:t>tweede</w:t></w:r></w:p>
</w:tc>
"""

PPR = '<w:pPr><w:spacing w:after="0"/><w:rPr><w:i/></w:rPr></w:pPr>'
RPR = '<w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="18"/></w:rPr>'


def test_cell_text_keeps_first_paragraph_and_run_formatting() -> None:
    cell = xml(CELL)
    set_cell_text(cell, "  Jan\tde Vries \n\nregel 3")
    assert_xml_equal(
        cell,
        f"""
        <w:tc>
          <w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>
          <w:p>{PPR}<w:r>{RPR}<w:t xml:space="preserve">  Jan</w:t><w:tab/>
            <w:t xml:space="preserve">de Vries </w:t></w:r></w:p>
          <w:p>{PPR}</w:p>
          <w:p>{PPR}<w:r>{RPR}<w:t>regel 3</w:t></w:r></w:p>
        </w:tc>
        """,
    )


def test_empty_value_leaves_one_empty_paragraph() -> None:
    cell = xml(CELL)
    set_cell_text(cell, "")
    assert_xml_equal(
        cell, f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p>{PPR}</w:p></w:tc>'
    )
    assert read_text(cell) == ""


def test_bookmarks_and_comments_survive_a_rewrite() -> None:
    cell = xml(
        '<w:tc><w:p><w:bookmarkStart w:id="7" w:name="Naam"/><w:r><w:t>x</w:t></w:r>'
        '<w:commentRangeStart w:id="2"/><w:r><w:t>y</w:t></w:r><w:commentRangeEnd w:id="2"/>'
        '<w:r><w:commentReference w:id="2"/></w:r><w:bookmarkEnd w:id="7"/></w:p></w:tc>'
    )
    set_cell_text(cell, "a\nb")
    assert_xml_equal(
        cell,
        '<w:tc><w:p><w:bookmarkStart w:id="7" w:name="Naam"/><w:commentRangeStart w:id="2"/>'
        "<w:r><w:t>a</w:t></w:r></w:p>"
        # Ends keep their document order.
        '<w:p><w:r><w:t>b</w:t></w:r><w:commentRangeEnd w:id="2"/>'
        '<w:r><w:commentReference w:id="2"/></w:r><w:bookmarkEnd w:id="7"/></w:p></w:tc>',
    )


def test_paragraph_mark_revisions_are_not_copied() -> None:
    cell = xml(
        '<w:tc><w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:del w:id="1" w:author="A"/><w:b/>'
        "</w:rPr></w:pPr></w:p></w:tc>"
    )
    set_cell_text(cell, "a\nb")
    ppr = '<w:pPr><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr>'
    # With no run, new text takes the paragraph mark's formatting, as in Word.
    assert_xml_equal(
        cell,
        f"<w:tc><w:p>{ppr}<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r></w:p>"
        f"<w:p>{ppr}<w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r></w:p></w:tc>",
    )
    assert read_text(cell) == "a\nb"


@pytest.mark.parametrize("mark", ["", "<w:b/>", '<w:del w:id="1" w:author="A"/><w:b/>'])
def test_one_line_into_a_blank_cell_is_what_a_rewrite_gives(mark: str) -> None:
    """The in-place case (one line, one empty paragraph) builds what the general case
    builds; only the paragraph keeps its own attributes."""
    blank = (
        '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p w14:paraId="0000000A">'
        f'<w:pPr><w:jc w:val="center"/><w:rPr>{mark}</w:rPr></w:pPr></w:p></w:tc>'
    )
    in_place, rebuilt = xml(blank), xml(blank)
    set_cell_text(in_place, " Jan\tde Vries ")
    set_block_text(rebuilt, " Jan\tde Vries \n")  # two lines: always rebuilt
    last = rebuilt[-1]
    rebuilt.remove(last)
    rebuilt[-1].set(qn("w14:paraId"), "0000000A")
    if "w:del" in mark:  # the mark's revision is dropped, so the paragraph was rebuilt
        del rebuilt[-1].attrib[qn("w14:paraId")]
    assert_xml_equal(in_place, etree.tostring(rebuilt, encoding="unicode"))
    assert read_text(in_place) == " Jan\tde Vries "


def test_first_run_properties_prefer_a_run_with_text() -> None:
    p = xml(
        '<w:p><w:r><w:rPr><w:rFonts w:ascii="MS Gothic"/></w:rPr><w:fldChar w:fldCharType="begin"/>'
        "</w:r><w:r><w:rPr><w:b/></w:rPr><w:t>x</w:t></w:r></w:p>"
    )
    rpr = first_run_properties(p)
    assert rpr is not None
    assert etree.QName(rpr[0]).localname == "b"


def test_build_run_with_break_and_tab() -> None:
    run = build_run("a\tb\n c")
    assert_xml_equal(
        run,
        '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t xml:space="preserve"> c</w:t></w:r>',
    )


def test_set_cell_text_refuses_bad_characters_and_leaves_cell_alone() -> None:
    cell = xml(CELL)
    before = etree.tostring(cell)
    with pytest.raises(InvalidTextError) as caught:
        set_cell_text(cell, "ok\x01")
    assert caught.value.code == "tekst.ongeldig_teken"
    assert etree.tostring(cell) == before


def test_set_cell_text_wants_a_cell() -> None:
    with pytest.raises(ValueError, match="w:tc"):
        set_cell_text(xml("<w:p/>"), "x")


# Text a user may type: Dutch letters, XML specials, whitespace of every kind we keep.
_ALPHABET = st.one_of(
    st.sampled_from(list("éëïĳÉËÏĲ&<>\"' \t\n\r\u2002\u00a0-")),
    st.characters(codec="utf-8").filter(
        lambda c: c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff")
    ),
)


@given(st.text(_ALPHABET, max_size=300))
def test_cell_round_trip(value: str) -> None:
    cell = xml(CELL)
    set_cell_text(cell, value)
    # Serialise and parse again: what Word would read from the file.
    reparsed = etree.fromstring(etree.tostring(cell))
    assert read_text(reparsed) == normalize_newlines(value)


@given(st.text(_ALPHABET, max_size=50))
def test_block_round_trip_in_content_control(value: str) -> None:
    content = xml("<w:sdtContent><w:p/></w:sdtContent>")
    set_block_text(content, value)
    assert read_text(content) == normalize_newlines(value)


@given(st.text(max_size=40))
def test_any_string_is_stored_exactly_or_refused(value: str) -> None:
    cell = xml(CELL)
    try:
        set_cell_text(cell, value)
    except InvalidTextError as error:
        assert error.code == "tekst.ongeldig_teken"
        return
    assert read_text(etree.fromstring(etree.tostring(cell))) == normalize_newlines(value)


def test_long_text_round_trips() -> None:
    value = ("Leerling met een ontwikkelingsperspectief; é ë ï ĳ & <b>\t\n" * 400).strip()
    cell = xml(CELL)
    set_cell_text(cell, value)
    assert read_text(cell) == value

"""Reading text (``opp_docs.docx.text``) and checking text to write."""

from __future__ import annotations

import pytest

from opp_docs.docx.text import check_text, normalize_newlines, prepare_text, read_text
from opp_docs.errors import InvalidTextError
from tests.docx.docx_xml import w, xml


def test_text_split_over_runs_reads_as_one() -> None:
    p = w(
        "<w:r><w:t>Ont</w:t></w:r>"
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">wik </w:t></w:r>'
        '<w:proofErr w:type="spellStart"/><w:r><w:t>keling</w:t></w:r>'
    )
    assert read_text(p) == "Ontwik keling"


def test_tab_break_and_nonbreaking_hyphen() -> None:
    p = w(
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t>"
        '<w:cr/><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'
    )
    assert read_text(p) == "a\tb\nc-d\n\t"


def test_tracked_changes_are_accepted() -> None:
    p = w(
        "<w:r><w:t>De </w:t></w:r>"
        '<w:ins w:id="1" w:author="A"><w:r><w:t>nieuwe </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>oude </w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>weg </w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="A"><w:r><w:t>hier </w:t></w:r></w:moveTo>'
        "<w:r><w:t>tekst</w:t></w:r>"
    )
    assert read_text(p) == "De nieuwe hier tekst"


def test_comments_are_ignored() -> None:
    p = w(
        '<w:commentRangeStart w:id="0"/><w:r><w:t>leerling</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="Verwijzingopmerking"/>'
        '</w:rPr><w:commentReference w:id="0"/></w:r>'
    )
    assert read_text(p) == "leerling"


def test_paragraphs_joined_by_newline_in_a_cell() -> None:
    cell = xml(
        "<w:tc><w:tcPr/><w:p><w:r><w:t>een</w:t></w:r></w:p><w:p/>"
        "<w:p><w:r><w:t>drie</w:t></w:r></w:p></w:tc>"
    )
    assert read_text(cell) == "een\n\ndrie"


def test_deleted_paragraph_mark_runs_on() -> None:
    cell = xml(
        '<w:tc><w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr>'
        "<w:r><w:t>samen</w:t></w:r></w:p><w:p><w:r><w:t>gevoegd</w:t></w:r></w:p></w:tc>"
    )
    assert read_text(cell) == "samengevoegd"


def test_deleted_row_is_dropped() -> None:
    table = xml(
        "<w:tbl>"
        "<w:tr><w:tc><w:p><w:r><w:t>blijft</w:t></w:r></w:p></w:tc></w:tr>"
        '<w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr>'
        "<w:tc><w:p><w:r><w:t>weg</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    assert read_text(table) == "blijft"


def test_field_instruction_is_not_text_but_result_is() -> None:
    p = w(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert read_text(p) == "3"


def test_formtext_filler_reads_empty_but_other_spaces_do_not() -> None:
    def formtext(result: str) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="T"/>'
            "<w:textInput/></w:ffData></w:fldChar></w:r>"
            '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    filler = "".join("<w:r><w:t>\u2002</w:t></w:r>" for _ in range(5))
    assert read_text(w("<w:r><w:t>Naam: </w:t></w:r>" + formtext(filler))) == "Naam: "
    assert read_text(w(formtext("<w:r><w:t>\u2002\u2002</w:t></w:r>"))) == "\u2002\u2002"
    assert read_text(w(formtext("<w:r><w:t>Jan</w:t></w:r>"))) == "Jan"


def test_placeholder_of_content_control_reads_empty() -> None:
    p = w(
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        "<w:r><w:t>Klik of tik om tekst in te voeren.</w:t></w:r></w:sdtContent></w:sdt>"
    )
    assert read_text(p) == ""
    block = xml(
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>Kies een item.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    inner = block[1][0]
    assert read_text(inner) == ""


def test_text_box_content_is_not_the_paragraph_text() -> None:
    p = w(
        "<w:r><w:t>anker</w:t><w:drawing><w:p><w:r><w:t>tekstvak</w:t></w:r></w:p></w:drawing></w:r>"
    )
    assert read_text(p) == "anker"


@pytest.mark.parametrize(
    ("value", "position", "code_point"),
    [
        ("ab\x00c", 3, "U+0000"),
        ("\x07", 1, "U+0007"),
        ("x\ud800", 2, "U+D800"),
        ("\ufffe", 1, "U+FFFE"),
        ("ok\uffff", 3, "U+FFFF"),
        ("\x0c", 1, "U+000C"),
    ],
)
def test_invalid_characters_are_refused_with_a_problem(
    value: str, position: int, code_point: str
) -> None:
    with pytest.raises(InvalidTextError) as caught:
        check_text(value)
    problem = caught.value.problems[0]
    assert problem.code == "tekst.ongeldig_teken"
    assert problem.input == value
    assert f"Teken {position} " in problem.message
    assert code_point in problem.message


@pytest.mark.parametrize("value", ["", "tab\there", "a\nb\r\nc\rd", "é ë ï ĳ", "😀", "\x85"])
def test_valid_text_passes(value: str) -> None:
    check_text(value)


def test_carriage_returns_become_newlines() -> None:
    assert normalize_newlines("a\r\nb\rc\n\r") == "a\nb\nc\n\n"
    assert prepare_text("x\r\ny") == "x\ny"


def test_the_fast_check_refuses_exactly_what_xml_cannot_hold() -> None:
    # The first check in C and the per-character rule agree on every code point.
    from opp_docs.docx.text import _NOT_XML, _is_xml_char

    assert all(
        (_NOT_XML.match(chr(code)) is None) == _is_xml_char(code) for code in range(0x110000)
    )

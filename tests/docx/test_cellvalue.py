"""A value cell written into its own form control (``opp_docs.docx.cellvalue``) and date
controls (``opp_docs.docx.sdt``: ``set_sdt_date``, ``sdt_date``, ``format_date_picture``)."""

from __future__ import annotations

from datetime import date

import pytest

from opp_docs.docx.cellvalue import cell_date, value_control, write_cell_value
from opp_docs.docx.sdt import format_date_picture, sdt_date, set_sdt_date
from opp_docs.docx.text import read_text
from opp_docs.errors import DocxError
from tests.docx.docx_xml import assert_xml_equal, xml

PROMPT = '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Klik.</w:t></w:r>'


def _date_cell(picture: str = "d-M-yyyy", full: str = "") -> str:
    full_date = f' w:fullDate="{full}"' if full else ""
    return (
        '<w:tc><w:p><w:sdt><w:sdtPr><w:id w:val="7"/><w:showingPlcHdr/>'
        f'<w:date{full_date}><w:dateFormat w:val="{picture}"/><w:lid w:val="nl-NL"/></w:date>'
        f"</w:sdtPr><w:sdtContent>{PROMPT}</w:sdtContent></w:sdt></w:p></w:tc>"
    )


@pytest.mark.parametrize(
    ("picture", "shown"),
    [
        ("d-M-yyyy", "1-3-2025"),
        ("dd-MM-yyyy", "01-03-2025"),
        ("d MMMM yyyy", "1 maart 2025"),
        ("ddd d MMM yy", "za 1 mrt 25"),
        ("dddd 'de' d'e'", "zaterdag de 1e"),
    ],
)
def test_format_date_picture(picture: str, shown: str) -> None:
    assert format_date_picture(date(2025, 3, 1), picture) == shown


def test_a_date_control_gets_its_full_date_and_its_own_format() -> None:
    cell = xml(_date_cell("d MMMM yyyy"))
    write_cell_value(cell, "01-03-2025", day=date(2025, 3, 1))
    assert_xml_equal(
        cell,
        '<w:tc><w:p><w:sdt><w:sdtPr><w:id w:val="7"/>'
        '<w:date w:fullDate="2025-03-01T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/>'
        '<w:lid w:val="nl-NL"/></w:date></w:sdtPr>'
        "<w:sdtContent><w:r><w:rPr/><w:t>1 maart 2025</w:t></w:r></w:sdtContent>"
        "</w:sdt></w:p></w:tc>",
    )
    assert cell_date(cell) == date(2025, 3, 1)


def test_a_date_control_showing_its_prompt_has_no_date() -> None:
    assert cell_date(xml(_date_cell(full="2024-01-01T00:00:00Z"))) is None
    control = value_control(xml(_date_cell(full="2024-01-01T00:00:00Z")))
    assert control is not None and sdt_date(control) == date(2024, 1, 1)


def test_a_text_control_gets_the_text_in_place() -> None:
    cell = xml(
        "<w:tc><w:p><w:r><w:t>Naam: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/>"
        f"</w:sdtPr><w:sdtContent>{PROMPT}</w:sdtContent></w:sdt></w:p></w:tc>"
    )
    write_cell_value(cell, "Noor")
    assert_xml_equal(
        cell,
        "<w:tc><w:p><w:r><w:t>Naam: </w:t></w:r><w:sdt><w:sdtPr><w:text/></w:sdtPr>"
        "<w:sdtContent><w:r><w:rPr/><w:t>Noor</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc>",
    )


def test_a_formtext_field_gets_the_text_as_its_result() -> None:
    cell = xml(
        '<w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Naam"/>'
        '<w:textInput><w:maxLength w:val="5"/></w:textInput></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>\u2002\u2002\u2002</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc>'
    )
    write_cell_value(cell, "Noor")
    assert read_text(cell) == "Noor"
    with pytest.raises(DocxError) as info:
        write_cell_value(cell, "Noor Elisabeth")
    assert info.value.code == "tekstveld.te_lang"


def test_two_controls_are_no_one_place_and_a_plain_cell_is_written_plainly() -> None:
    control = "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent/></w:sdt>"
    cell = xml(f"<w:tc><w:p>{control}{control}</w:p></w:tc>")
    assert value_control(cell) is None
    plain = xml("<w:tc><w:p/></w:tc>")
    write_cell_value(plain, "Noor")
    assert_xml_equal(plain, "<w:tc><w:p><w:r><w:t>Noor</w:t></w:r></w:p></w:tc>")


def test_set_sdt_date_refuses_a_control_that_is_no_date() -> None:
    control = xml("<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent/></w:sdt>")
    with pytest.raises(DocxError) as info:
        set_sdt_date(control, date(2025, 3, 1))
    assert info.value.code == "invulveld.geen_datum"

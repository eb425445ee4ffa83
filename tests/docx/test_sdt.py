"""Content controls (``opp_docs.docx.sdt``)."""

from __future__ import annotations

import pytest

from opp_docs.docx.sdt import (
    find_sdt,
    find_sdts,
    sdt_alias,
    sdt_id,
    sdt_kind,
    sdt_level,
    sdt_list_items,
    sdt_tag,
    sdt_text,
    set_sdt_text,
)
from opp_docs.errors import DocxError
from tests.docx.docx_xml import assert_xml_equal, xml

PLACEHOLDER_RUN = (
    '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:b/></w:rPr>'
    "<w:t>Klik of tik om tekst in te voeren.</w:t></w:r>"
)


def _props(extra: str = "", placeholder: bool = True) -> str:
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        '<w:sdtPr><w:alias w:val="Naam"/><w:tag w:val="naam"/><w:id w:val="-42"/>'
        f"{flag}{extra}</w:sdtPr>"
    )


def test_properties() -> None:
    sdt = xml(f"<w:sdt>{_props('<w:text/>')}<w:sdtContent>{PLACEHOLDER_RUN}</w:sdtContent></w:sdt>")
    assert (sdt_alias(sdt), sdt_tag(sdt), sdt_id(sdt), sdt_kind(sdt)) == (
        "Naam",
        "naam",
        -42,
        "text",
    )
    assert sdt_kind(xml("<w:sdt><w:sdtPr/></w:sdt>")) == "richText"


@pytest.mark.parametrize(
    ("fragment", "level"),
    [
        ("<w:p><w:sdt><w:sdtContent><w:r/></w:sdtContent></w:sdt></w:p>", "run"),
        ("<w:body><w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt></w:body>", "block"),
        ("<w:tbl><w:sdt><w:sdtContent><w:tr/></w:sdtContent></w:sdt></w:tbl>", "row"),
        ("<w:tr><w:sdt><w:sdtContent><w:tc/></w:sdtContent></w:sdt></w:tr>", "cell"),
        ("<w:p><w:sdt><w:sdtContent/></w:sdt></w:p>", "run"),
        ("<w:tc><w:sdt><w:sdtContent/></w:sdt></w:tc>", "block"),
        ("<w:tr><w:sdt><w:sdtContent/></w:sdt></w:tr>", "cell"),
        ("<w:tbl><w:sdt><w:sdtContent/></w:sdt></w:tbl>", "row"),
    ],
)
def test_level(fragment: str, level: str) -> None:
    (sdt,) = find_sdts(xml(fragment))
    assert sdt_level(sdt) == level


def test_placeholder_reads_empty_and_real_text_reads() -> None:
    sdt = xml(f"<w:sdt>{_props()}<w:sdtContent>{PLACEHOLDER_RUN}</w:sdtContent></w:sdt>")
    assert sdt_text(sdt) == ""
    filled = xml(
        f"<w:sdt>{_props(placeholder=False)}<w:sdtContent><w:r><w:t>Jan</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )
    assert sdt_text(filled) == "Jan"


def test_set_run_level_text_drops_placeholder_and_its_style() -> None:
    p = xml(f"<w:p><w:sdt>{_props()}<w:sdtContent>{PLACEHOLDER_RUN}</w:sdtContent></w:sdt></w:p>")
    sdt = p[0]
    set_sdt_text(sdt, "Jan\nde Vries")
    assert_xml_equal(
        sdt,
        f"<w:sdt>{_props(placeholder=False)}<w:sdtContent><w:r><w:rPr><w:b/></w:rPr>"
        "<w:t>Jan</w:t><w:br/><w:t>de Vries</w:t></w:r></w:sdtContent></w:sdt>",
    )
    assert sdt_text(sdt) == "Jan\nde Vries"


def test_set_text_uses_the_controls_own_run_properties() -> None:
    sdt = xml(
        f"<w:sdt>{_props('<w:rPr><w:i/></w:rPr>')}<w:sdtContent>{PLACEHOLDER_RUN}"
        "</w:sdtContent></w:sdt>"
    )
    set_sdt_text(sdt, "x")
    assert_xml_equal(
        sdt,
        f"<w:sdt>{_props('<w:rPr><w:i/></w:rPr>', placeholder=False)}<w:sdtContent>"
        "<w:r><w:rPr><w:i/></w:rPr><w:t>x</w:t></w:r></w:sdtContent></w:sdt>",
    )


def test_set_block_and_cell_level_text() -> None:
    block = xml(
        f'<w:sdt>{_props()}<w:sdtContent><w:p><w:pPr><w:jc w:val="left"/></w:pPr>'
        f"{PLACEHOLDER_RUN}</w:p></w:sdtContent></w:sdt>"
    )
    set_sdt_text(block, "een\n\ndrie")
    assert sdt_text(block) == "een\n\ndrie"
    assert len(block.findall(".//{*}p")) == 3
    row = xml(
        "<w:tr><w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:tcPr/><w:p/></w:tc></w:sdtContent>"
        "</w:sdt></w:tr>"
    )
    cell_sdt = row[0]
    set_sdt_text(cell_sdt, "cel")
    assert_xml_equal(
        cell_sdt,
        "<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:tcPr/><w:p><w:r><w:t>cel</w:t></w:r></w:p>"
        "</w:tc></w:sdtContent></w:sdt>",
    )


def test_dropdown_control_only_takes_its_entries() -> None:
    items = (
        '<w:dropDownList><w:listItem w:value="Kies een item."/>'
        '<w:listItem w:displayText="Havo" w:value="havo"/></w:dropDownList>'
    )
    p = xml(
        f"<w:p><w:sdt>{_props(items)}<w:sdtContent>{PLACEHOLDER_RUN}</w:sdtContent></w:sdt></w:p>"
    )
    sdt = p[0]
    assert sdt_list_items(sdt) == [("Kies een item.", "Kies een item."), ("Havo", "havo")]
    with pytest.raises(DocxError) as caught:
        set_sdt_text(sdt, "Vwo")
    assert caught.value.code == "keuzelijst.onbekende_waarde"
    set_sdt_text(sdt, "Havo")
    assert sdt_text(sdt) == "Havo"


def test_checkbox_and_row_controls_take_no_text() -> None:
    box = xml(
        "<w:sdt><w:sdtPr><w14:checkbox/></w:sdtPr><w:sdtContent><w:r/></w:sdtContent></w:sdt>"
    )
    row = xml("<w:tbl><w:sdt><w:sdtPr/><w:sdtContent><w:tr/></w:sdtContent></w:sdt></w:tbl>")[0]
    for sdt in (box, row):
        with pytest.raises(DocxError) as caught:
            set_sdt_text(sdt, "x")
        assert caught.value.code == "invulveld.geen_tekst"


def test_find_sdt_by_tag_or_alias_skips_deleted() -> None:
    body = xml(
        "<w:body>"
        '<w:p><w:del w:id="1" w:author="A"><w:sdt><w:sdtPr><w:tag w:val="x"/></w:sdtPr></w:sdt>'
        "</w:del></w:p>"
        '<w:sdt><w:sdtPr><w:alias w:val="A"/><w:tag w:val="x"/></w:sdtPr><w:sdtContent><w:p/>'
        "</w:sdtContent></w:sdt></w:body>"
    )
    found = find_sdt(body, tag="x")
    assert found is not None
    assert sdt_alias(found) == "A"
    assert find_sdt(body, alias="A", tag="y") is None

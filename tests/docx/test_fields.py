"""Legacy form fields (``opp_docs.docx.fields``)."""

from __future__ import annotations

import pytest
from lxml import etree

from opp_docs.docx.fields import (
    dropdown_entries,
    dropdown_index,
    dropdown_value,
    field_text,
    find_form_field,
    find_form_fields,
    read_field,
    set_dropdown_value,
    set_text_field,
)
from opp_docs.docx.text import read_text
from opp_docs.errors import DocxError, InvalidTextError
from tests.docx.docx_xml import assert_xml_equal, w, xml

BEGIN = (
    '<w:r>{rpr}<w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/>{data}'
    "</w:ffData></w:fldChar></w:r>"
)
INSTR = '<w:r>{rpr}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
SEP = '<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
END = '<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
FILLER = "\u2002" * 5
RPR = '<w:rPr><w:sz w:val="16"/></w:rPr>'


def _field(name: str, data: str, instr: str, result: str = "", rpr: str = "") -> str:
    return (
        BEGIN.format(rpr=rpr, name=name, data=data)
        + INSTR.format(rpr=rpr, instr=instr)
        + SEP.format(rpr=rpr)
        + result
        + END.format(rpr=rpr)
    )


def _text(name: str, result: str, data: str = "<w:textInput/>") -> str:
    return _field(name, data, "FORMTEXT", result, RPR)


def test_fields_are_found_in_order_with_kind_and_name() -> None:
    p = w(
        _text("Naam", f"<w:r><w:t>{FILLER}</w:t></w:r>")
        + _field(
            "Ja", '<w:checkBox><w:sizeAuto/><w:default w:val="1"/></w:checkBox>', "FORMCHECKBOX"
        )
        + _field("Keuze", '<w:ddList><w:listEntry w:val="a"/></w:ddList>', "FORMDROPDOWN")
    )
    fields = find_form_fields(p)
    assert [(f.kind, f.name) for f in fields] == [
        ("text", "Naam"),
        ("checkbox", "Ja"),
        ("dropdown", "Keuze"),
    ]
    assert [read_field(f) for f in fields] == ["", True, "a"]


def test_plain_fields_are_not_form_fields() -> None:
    p = w(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert find_form_fields(p) == []


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (f"<w:r><w:t>{FILLER}</w:t></w:r>", ""),
        ("".join(f"<w:r><w:t>{c}</w:t></w:r>" for c in FILLER), ""),
        ("", ""),
        (
            '<w:r><w:t>Jan </w:t></w:r><w:r><w:t xml:space="preserve">de </w:t></w:r>'
            "<w:r><w:t>Vries</w:t></w:r>",
            "Jan de Vries",
        ),
        ("<w:r><w:t>regel 1</w:t><w:br/><w:t>regel\t2</w:t></w:r>", "regel 1\nregel\t2"),
        (
            '<w:del w:id="1" w:author="A"><w:r><w:delText>oud</w:delText></w:r></w:del>'
            "<w:r><w:t>nieuw</w:t></w:r>",
            "nieuw",
        ),
    ],
)
def test_text_field_result(result: str, expected: str) -> None:
    (field,) = find_form_fields(w(_text("T", result)))
    assert field_text(field) == expected


def test_text_field_spanning_paragraphs() -> None:
    body = xml(
        "<w:body>"
        f"<w:p>{BEGIN.format(rpr='', name='T', data='<w:textInput/>')}"
        f"{INSTR.format(rpr='', instr='FORMTEXT')}{SEP.format(rpr='')}"
        "<w:r><w:t>een</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>twee</w:t></w:r>{END.format(rpr='')}<w:r><w:t>na</w:t></w:r></w:p>"
        "</w:body>"
    )
    (field,) = find_form_fields(body)
    assert field_text(field) == "een\ntwee"
    with pytest.raises(DocxError) as caught:
        set_text_field(field, "x")
    assert caught.value.code == "tekstveld.onvolledig"


def test_set_text_field_replaces_result_runs_keeping_format_and_bookmarks() -> None:
    p = w(
        '<w:bookmarkStart w:id="3" w:name="Naam"/>'
        + _text(
            "Naam", f'<w:r><w:rPr><w:b/></w:rPr><w:t>{FILLER}</w:t></w:r><w:bookmarkEnd w:id="9"/>'
        )
        + '<w:bookmarkEnd w:id="3"/>'
    )
    (field,) = find_form_fields(p)
    set_text_field(field, " Jan\tde Vries\n2b")
    assert field_text(field) == " Jan\tde Vries\n2b"
    expected = w(
        '<w:bookmarkStart w:id="3" w:name="Naam"/>'
        + _text(
            "Naam",
            '<w:bookmarkEnd w:id="9"/><w:r><w:rPr><w:b/></w:rPr>'
            '<w:t xml:space="preserve"> Jan</w:t>'
            "<w:tab/><w:t>de Vries</w:t><w:br/><w:t>2b</w:t></w:r>",
        )
        + '<w:bookmarkEnd w:id="3"/>'
    )
    assert_xml_equal(p, etree.tostring(expected).decode())


def test_set_text_field_empty_writes_words_filler() -> None:
    p = w(_text("T", "<w:r><w:t>oud</w:t></w:r>"))
    (field,) = find_form_fields(p)
    set_text_field(field, "")
    assert p.findall(".//{*}t")[-1].text == FILLER
    assert field_text(field) == ""
    assert read_text(p) == ""


def test_set_text_field_without_separate_adds_one() -> None:
    p = w(
        BEGIN.format(rpr="", name="T", data="<w:textInput/>")
        + INSTR.format(rpr="", instr="FORMTEXT")
        + END.format(rpr="")
    )
    (field,) = find_form_fields(p)
    assert field.separate is None
    set_text_field(field, "hallo")
    assert field.separate is not None
    assert field_text(field) == "hallo"
    assert read_text(p) == "hallo"


def test_set_text_field_respects_max_length_and_bad_characters() -> None:
    data = '<w:textInput><w:maxLength w:val="4"/></w:textInput>'
    (field,) = find_form_fields(w(_text("Kort", "", data)))
    with pytest.raises(DocxError) as caught:
        set_text_field(field, "vijf!")
    assert caught.value.code == "tekstveld.te_lang"
    set_text_field(field, "vier")
    with pytest.raises(InvalidTextError):
        set_text_field(field, "\x00")
    assert field_text(field) == "vier"


DDLIST = (
    '<w:ddList>{extra}<w:listEntry w:val="Kies..."/><w:listEntry w:val="Havo"/>'
    '<w:listEntry w:val="Vwo"/></w:ddList>'
)


@pytest.mark.parametrize(
    ("extra", "index", "value"),
    [
        ("", 0, "Kies..."),
        ('<w:result w:val="2"/>', 2, "Vwo"),
        ('<w:default w:val="1"/>', 1, "Havo"),
        ('<w:result w:val="1"/><w:default w:val="2"/>', 1, "Havo"),
        ('<w:result w:val="7"/>', 7, None),
    ],
)
def test_dropdown_selection(extra: str, index: int, value: str | None) -> None:
    (field,) = find_form_fields(w(_field("D", DDLIST.format(extra=extra), "FORMDROPDOWN")))
    assert dropdown_entries(field) == ["Kies...", "Havo", "Vwo"]
    assert dropdown_index(field) == index
    assert dropdown_value(field) == value


def test_set_dropdown_value_writes_result_first() -> None:
    p = w(_field("D", DDLIST.format(extra='<w:default w:val="0"/>'), "FORMDROPDOWN"))
    (field,) = find_form_fields(p)
    set_dropdown_value(field, "Vwo")
    assert_xml_equal(
        field.ffdata,
        '<w:ffData><w:name w:val="D"/>'
        + DDLIST.format(extra='<w:result w:val="2"/><w:default w:val="0"/>')
        + "</w:ffData>",
    )
    set_dropdown_value(field, "Havo")
    assert dropdown_value(field) == "Havo"
    with pytest.raises(DocxError) as caught:
        set_dropdown_value(field, "Gymnasium")
    assert caught.value.code == "keuzelijst.onbekende_waarde"


def test_find_form_field_by_name() -> None:
    p = w(_text("A", "<w:r><w:t>1</w:t></w:r>") + _text("B", "<w:r><w:t>2</w:t></w:r>"))
    field = find_form_field(p, "B")
    assert field is not None
    assert field_text(field) == "2"
    assert find_form_field(p, "C") is None

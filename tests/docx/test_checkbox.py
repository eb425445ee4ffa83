"""The state of single checkboxes (``opp_docs.docx.checkbox``)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from opp_docs.docx.checkbox import (
    glyph_state,
    legacy_checked,
    new_legacy_checkbox,
    sdt_checked,
    set_glyph,
    set_legacy_checked,
    set_sdt_checked,
    toggled_glyph,
)
from opp_docs.docx.namespaces import qn
from tests.docx.docx_xml import assert_xml_equal, canonical, word_file, xml


def _box(inner: str) -> etree._Element:
    return xml(
        '<w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="K"/><w:enabled/>'
        f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{inner}</w:checkBox>'
        "</w:ffData></w:fldChar>"
    )


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("", False),
        ('<w:default w:val="0"/>', False),
        ('<w:default w:val="1"/>', True),
        ('<w:default w:val="true"/>', True),
        ('<w:default w:val="0"/><w:checked/>', True),
        ('<w:default w:val="1"/><w:checked w:val="0"/>', False),
        ('<w:default w:val="1"/><w:checked w:val="false"/>', False),
        ('<w:default w:val="0"/><w:checked w:val="on"/>', True),
        ('<w:default w:val="1"/><w:checked w:val="off"/>', False),
        ('<w:default w:val="0"/><w:checked w:val="1"/>', True),
        ('<w:default w:val="0"/><w:checked w:val="true"/>', True),
    ],
)
def test_legacy_checked_follows_checked_then_default(inner: str, expected: bool) -> None:
    begin = _box(inner)
    assert legacy_checked(begin) is expected
    assert legacy_checked(begin[0]) is expected  # w:ffData
    assert legacy_checked(begin[0][3]) is expected  # w:checkBox


@pytest.mark.parametrize(
    ("inner", "checked", "expected"),
    [
        ('<w:default w:val="0"/>', True, '<w:default w:val="1"/><w:checked/>'),
        (
            '<w:default w:val="0"/><w:checked/>',
            False,
            '<w:default w:val="0"/><w:checked w:val="0"/>',
        ),
        ('<w:default w:val="1"/>', False, '<w:default w:val="0"/><w:checked w:val="0"/>'),
        ("", True, '<w:default w:val="1"/><w:checked/>'),
        (
            '<w:default w:val="0"/><w:checked w:val="0"/>',
            True,
            '<w:default w:val="1"/><w:checked/>',
        ),
    ],
)
def test_set_legacy_checked_keeps_default_and_checked_equal(
    inner: str, checked: bool, expected: str
) -> None:
    begin = _box(inner)
    set_legacy_checked(begin, checked)
    assert legacy_checked(begin) is checked
    assert canonical(begin) == canonical(_box(expected))


def _sdt(checked: str, glyph: str) -> etree._Element:
    return xml(
        f'<w:sdt><w:sdtPr><w:id w:val="-1"/><w14:checkbox><w14:checked w14:val="{checked}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
        f'w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent>'
        "</w:sdt>"
    )


def test_sdt_checkbox_state_and_glyph_change_together() -> None:
    sdt = _sdt("0", "☐")
    assert sdt_checked(sdt) is False
    set_sdt_checked(sdt, True)
    assert canonical(sdt) == canonical(_sdt("1", "☒"))
    assert sdt_checked(sdt) is True
    set_sdt_checked(sdt, False)
    assert canonical(sdt) == canonical(_sdt("0", "☐"))


def test_sdt_checkbox_uses_its_own_states_and_font() -> None:
    sdt = xml(
        '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="false"/>'
        '<w14:checkedState w14:val="00FE" w14:font="Wingdings"/>'
        '<w14:uncheckedState w14:val="00A8" w14:font="Wingdings"/></w14:checkbox></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>\u00a8</w:t></w:r><w:r><w:t>rest</w:t></w:r></w:sdtContent></w:sdt>"
    )
    set_sdt_checked(sdt, True)
    assert_xml_equal(
        sdt,
        '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/>'
        '<w14:checkedState w14:val="00FE" w14:font="Wingdings"/>'
        '<w14:uncheckedState w14:val="00A8" w14:font="Wingdings"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:eastAsia="Wingdings" '
        'w:hAnsi="Wingdings"/></w:rPr><w:t>\u00fe</w:t></w:r><w:r/></w:sdtContent></w:sdt>',
    )


def test_sdt_checked_refuses_other_controls() -> None:
    with pytest.raises(ValueError, match="checkbox"):
        sdt_checked(xml("<w:sdt><w:sdtPr><w:text/></w:sdtPr></w:sdt>"))


@pytest.mark.parametrize(
    ("glyph", "state", "checked", "unchecked"),
    [
        ("☐", False, "☒", "☐"),
        ("□", False, "■", "□"),
        ("☒", True, "☒", "☐"),
        ("☑", True, "☑", "☐"),
        ("■", True, "■", "□"),
    ],
)
def test_glyphs(glyph: str, state: bool, checked: str, unchecked: str) -> None:
    assert glyph_state(glyph) is state
    assert toggled_glyph(glyph, True) == checked
    assert toggled_glyph(glyph, False) == unchecked


def test_set_glyph_changes_only_that_character() -> None:
    t = xml("<w:t>☐ ja ☐ nee</w:t>")
    set_glyph(t, 5, True)
    assert t.text == "☐ ja ☒ nee"
    assert glyph_state("X") is None


def _fixture_runs(name: str) -> list[etree._Element]:
    with zipfile.ZipFile(word_file("check_drop_my.docx")) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for p in root.iter(qn("w:p")):
        names = [n.get(qn("w:val")) for n in p.iter(qn("w:name"))]
        if names == [name]:
            return [c for c in p if c.tag == qn("w:r") and c.find(qn("w:t")) is None]
    raise AssertionError(f"no box named {name!r}")


def test_new_legacy_checkbox_is_what_word_writes() -> None:
    word = _fixture_runs("")  # the unnamed, unchecked box in check_drop_my.docx
    ours = new_legacy_checkbox(False)
    for run in word:  # drop Word's revision ids, which carry no meaning here
        run.attrib.clear()
    assert [canonical(r) for r in ours] == [canonical(r) for r in word]


def test_new_checked_named_checkbox_with_bookmark() -> None:
    made = new_legacy_checkbox(True, name="Check1", bookmark_id=1, rpr=xml("<w:rPr><w:b/></w:rPr>"))
    tags = [etree.QName(e).localname for e in made]
    assert tags == ["r", "bookmarkStart", "r", "r", "r", "bookmarkEnd"]
    assert legacy_checked(made[0][1]) is True
    assert made[1].get(qn("w:name")) == "Check1"
    assert all(r[0].tag == qn("w:rPr") for r in made if r.tag == qn("w:r"))

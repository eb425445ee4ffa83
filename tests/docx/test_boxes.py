"""Finding checkboxes with their option text (``opp_docs.docx.boxes``)."""

from __future__ import annotations

import pytest

from opp_docs.docx.boxes import (
    find_checkbox,
    find_checkboxes,
    normalize_label,
    set_checked,
    typed_mark_state,
)
from opp_docs.errors import DocxError
from tests.docx.docx_xml import w, xml

LEGACY = (
    '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
    '<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="{default}"/>'
    "</w:checkBox></w:ffData></w:fldChar></w:r>"
    '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
SDT = (
    '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/></w14:checkbox></w:sdtPr>'
    "<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
)


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_all_kinds_in_document_order_with_labels() -> None:
    cell = xml(
        "<w:tc>"
        f"<w:p>{LEGACY.format(name='a', default=1)}{_t(' Praktijk')}<w:r><w:t>onderwijs</w:t></w:r>"
        f"{_t('  ')}{SDT.format(checked=0, glyph='☐')}{_t(' Vmbo')}</w:p>"
        f"<w:p>{_t('☒ Havo ☐ Vwo')}</w:p>"
        f"<w:p>{_t('X Anders')}</w:p>"
        "</w:tc>"
    )
    boxes = find_checkboxes(cell)
    assert [(b.kind, b.label, b.checked) for b in boxes] == [
        ("legacy", "Praktijkonderwijs", True),
        ("sdt", "Vmbo", False),
        ("glyph", "Havo", True),
        ("glyph", "Vwo", False),
        ("typed", "Anders", True),
    ]
    assert boxes[2].paragraph is cell[1]


def test_label_stops_at_the_next_box_and_reads_live_text() -> None:
    p = w(
        f"{_t('☐ Ja')}"
        '<w:del w:id="1" w:author="A"><w:r><w:delText>weg</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">, zeker</w:t></w:r></w:ins>'
        f"{_t(' ☐ Nee')}"
    )
    assert [b.label for b in find_checkboxes(p)] == ["Ja, zeker", "Nee"]


def test_glyph_in_deleted_text_or_placeholder_is_no_box() -> None:
    p = w(
        '<w:del w:id="1" w:author="A"><w:r><w:delText>☐ Oud</w:delText></w:r></w:del>'
        '<w:moveFrom w:id="2" w:author="A"><w:r><w:t>☐ Verplaatst</w:t></w:r></w:moveFrom>'
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>☐ kies</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )
    assert find_checkboxes(p) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X Havo", [("X", True, "Havo")]),
        ("  x havo", [("x", True, "havo")]),
        ("[X] Havo", [("[X]", True, "Havo")]),
        ("[ ] Havo", [("[ ]", False, "Havo")]),
        ("( ) Havo", [("( )", False, "Havo")]),
        ("V Havo", [("V", True, "Havo")]),
        ("✓ Havo", [("✓", True, "Havo")]),
        ("Ja\tX Nee", [("X", True, "Nee")]),
        ("Xander de Vries", []),  # no mark: the X is part of a word
        ("3 x per week", []),  # an x inside a sentence is not a box
        ("X", []),  # nothing follows: no option text
    ],
)
def test_typed_marks(text: str, expected: list[tuple[str, bool, str]]) -> None:
    boxes = find_checkboxes(w(_t(text)))
    assert [(b.mark, b.checked, b.label) for b in boxes] == expected
    assert all(b.kind == "typed" for b in boxes)


def test_typed_mark_after_a_real_box_splits_its_label_only_after_a_tab() -> None:
    p = w(_t("☐ Ja\tX Nee"))
    assert [(b.kind, b.label, b.checked) for b in find_checkboxes(p)] == [
        ("glyph", "Ja", False),
        ("typed", "Nee", True),
    ]


def test_typed_mark_state() -> None:
    assert typed_mark_state(" [x] ") is True
    assert typed_mark_state("[ ]") is False
    assert typed_mark_state("ja") is None


def test_set_checked_on_each_kind() -> None:
    p = w(
        f"{LEGACY.format(name='a', default=0)}{_t(' A ')}{SDT.format(checked=0, glyph='☐')}"
        f"{_t(' B ☐ C')}"
    )
    for box in find_checkboxes(p):
        set_checked(box, True)
    assert [b.checked for b in find_checkboxes(p)] == [True, True, True]
    for box in find_checkboxes(p):
        set_checked(box, False)
    assert [b.checked for b in find_checkboxes(p)] == [False, False, False]


def test_typed_box_cannot_be_written() -> None:
    (box,) = find_checkboxes(w(_t("X Havo")))
    with pytest.raises(DocxError) as caught:
        set_checked(box, False)
    assert caught.value.code == "vakje.getypt"


def test_find_checkbox_by_label() -> None:
    cell = xml(f"<w:tc><w:p>{_t('☐ Vmbo-basis  ☒ Havo:')}</w:p><w:p>{_t('☐ HAVO')}</w:p></w:tc>")
    box = find_checkbox(cell, "vmbo-basis")
    assert box is not None
    assert box.label == "Vmbo-basis"
    assert find_checkbox(cell, "Vwo") is None
    with pytest.raises(DocxError) as caught:
        find_checkbox(cell, "havo")
    assert caught.value.code == "vakje.dubbel"


def test_normalize_label() -> None:
    assert normalize_label("  Anders,\tnamelijk: ") == "anders, namelijk"
    assert normalize_label("e\u0301\u00e9") == "éé"

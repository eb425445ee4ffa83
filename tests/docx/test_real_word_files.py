"""The primitives on two documents saved by Word (``tests/fixtures/word``, see its README)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

import docx
from opp_docs.docx.boxes import find_checkbox, find_checkboxes, set_checked
from opp_docs.docx.fields import dropdown_entries, find_form_fields, read_field
from opp_docs.docx.sdt import find_sdts, sdt_kind, sdt_text
from opp_docs.docx.text import read_text
from tests.docx.docx_xml import word_file


def _document(name: str) -> etree._Element:
    with zipfile.ZipFile(word_file(name)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_check_drop_my_boxes() -> None:
    boxes = find_checkboxes(_document("check_drop_my.docx"))
    assert [(b.kind, b.checked, b.label) for b in boxes] == [
        ("legacy", False, "[user unchecked]"),  # w:default="0"
        ("legacy", True, "[user checked]"),  # w:default="1", no w:checked
        ("sdt", False, "[my unchecked]"),  # w14:checked="0"
        ("sdt", True, "[my checked]"),  # w14:checked="1"
    ]


def test_check_drop_my_dropdowns() -> None:
    root = _document("check_drop_my.docx")
    (dropdown,) = [f for f in find_form_fields(root) if f.kind == "dropdown"]
    assert dropdown.name == "Dropdown2"
    assert dropdown_entries(dropdown) == ["Piihan B", "PIlihan A"]
    assert read_field(dropdown) == "Piihan B"  # no w:result: the first entry
    controls = [s for s in find_sdts(root) if sdt_kind(s) == "dropDownList"]
    # One still shows its placeholder "Choose an item."; the others chose A and B.
    assert [sdt_text(s) for s in controls] == ["", "my_item_A", "my_item_B"]


def test_checked_boxes_states() -> None:
    boxes = find_checkboxes(_document("checked_boxes.docx"))
    assert len(boxes) == 44
    assert all(b.kind == "legacy" for b in boxes)
    # README: boxes 3 to 14 carry a bare <w:checked/>, the other 32 are unchecked.
    assert [i for i, b in enumerate(boxes, 1) if b.checked] == list(range(3, 15))
    assert boxes[2].label == "Adult Protective Services"
    assert boxes[13].label == "Other (describe):"
    assert boxes[0].label == "Urgent"


def test_checked_boxes_dropdowns_and_empty_text_fields() -> None:
    fields = find_form_fields(_document("checked_boxes.docx"))
    dropdowns = [f for f in fields if f.kind == "dropdown"]
    assert len(dropdowns) == 14
    assert {read_field(f) for f in dropdowns} == {"Select..."}
    assert dropdown_entries(dropdowns[0])[:3] == ["Select...", "APS", "Law Enforcement"]
    texts = [f for f in fields if f.kind == "text"]
    # Every text field holds Word's five EN SPACE filler: empty.
    assert texts
    assert {read_field(f) for f in texts} == {""}


def test_locate_by_option_text_and_toggle_in_a_real_file() -> None:
    root = _document("checked_boxes.docx")
    box = find_checkbox(root, "Psychologist")
    assert box is not None
    assert box.checked
    set_checked(box, False)
    again = find_checkbox(etree.fromstring(etree.tostring(root)), "Psychologist")
    assert again is not None
    assert not again.checked


def test_works_on_python_docx_elements() -> None:
    document = docx.Document(str(word_file("check_drop_my.docx")))
    body = document.element.body
    assert [b.checked for b in find_checkboxes(body)] == [False, True, False, True]
    assert read_text(document.paragraphs[0]._p) == "[user unchecked][user unchecked]"
    # Changes made through the primitives are saved by python-docx.
    for box in find_checkboxes(body):
        set_checked(box, True)
    buffer = io.BytesIO()
    document.save(buffer)
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    assert [b.checked for b in find_checkboxes(reopened.element.body)] == [True] * 4

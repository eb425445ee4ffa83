"""What the primitives write passes the ECMA-376 schemas (``tools/ooxml_check.py``).

Word refuses documents whose XML breaks the schema (elements out of order in ``w:rPr``,
``w:pPr``, ``w:checkBox``, ...); LibreOffice does not tell. Every writing primitive is
applied to the real Word files, then the package is written and validated.
"""

from __future__ import annotations

from lxml import etree

from ooxml_check import check_docx
from opp_docs.docx.boxes import find_checkboxes, set_checked
from opp_docs.docx.checkbox import new_legacy_checkbox
from opp_docs.docx.clone import clear_values, clone_row, clone_table
from opp_docs.docx.fields import find_form_fields, set_dropdown_value, set_text_field
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.docx.runs import set_cell_text
from opp_docs.docx.sdt import find_sdts, sdt_kind, sdt_list_items, set_sdt_text
from tests.docx.docx_xml import word_file


def _edit(document: etree._Element) -> None:
    for box in find_checkboxes(document):
        set_checked(box, not box.checked)
    for field in find_form_fields(document):
        if field.kind == "text":
            set_text_field(field, " Jan\tde Vries\nregel 2 ")
        elif field.kind == "dropdown":
            ddlist = field.ffdata.find(qn("w:ddList"))
            assert ddlist is not None
            set_dropdown_value(field, ddlist[-1].get(qn("w:val"), ""))
    for control in find_sdts(document):
        items = sdt_list_items(control)
        if sdt_kind(control) == "dropDownList":
            set_sdt_text(control, items[-1][0])
    for row in list(document.iter(qn("w:tr")))[:6]:
        copy = clone_row(row)
        clear_values(copy)
    for cell in list(document.iter(qn("w:tc")))[:3]:
        set_cell_text(cell, "een\n\n  twee\tdrie ")
    tables = list(document.iter(qn("w:tbl")))
    if tables:
        clone_table(tables[0])
    paragraph = document.find(f".//{qn('w:p')}")
    assert paragraph is not None
    for run in new_legacy_checkbox(True, name="Nieuw", bookmark_id=9999):
        paragraph.append(run)


def test_edited_real_files_pass_the_schema() -> None:
    for name in ("check_drop_my.docx", "checked_boxes.docx"):
        package = open_package(word_file(name))
        part = package.main_part()
        document = package.xml(part)
        _edit(document)
        package.replace(part, document)
        assert check_docx(package.to_bytes()) == [], name


def test_validator_catches_a_broken_document() -> None:
    # The check must be able to fail: w:rPr after w:t in a run breaks the schema.
    package = open_package(word_file("check_drop_my.docx"))
    document = package.xml("word/document.xml")
    run = document.find(f".//{qn('w:r')}")
    assert run is not None
    run.append(etree.Element(qn("w:rPr")))
    package.replace("word/document.xml", document)
    problems = check_docx(package.to_bytes())
    assert problems
    assert all(line.startswith("word/document.xml:") for line in problems)
    assert any("w:rPr" in line for line in problems)

"""Copying rows and tables, clearing values (``opp_docs.docx.clone``)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from opp_docs.docx.boxes import find_checkboxes
from opp_docs.docx.clone import clear_values, clone_row, clone_table, split_table
from opp_docs.docx.fields import find_form_fields, read_field
from opp_docs.docx.ids import DocumentIds
from opp_docs.docx.namespaces import qn
from opp_docs.docx.runs import set_cell_text
from opp_docs.docx.sdt import find_sdts, sdt_text
from opp_docs.docx.text import read_text
from tests.docx.docx_xml import assert_xml_equal, word_file, xml

TABLE = """
<w:tbl>
  <w:tblPr/>
  <w:tr w14:paraId="00000010"><w:tc><w:p w14:paraId="00000011"><w:r><w:t>Doel</w:t></w:r></w:p>
  </w:tc></w:tr>
  <w:tr w14:paraId="00000020"><w:tc><w:p w14:paraId="00000021">
    <w:commentRangeStart w:id="1"/><w:r><w:t>Lezen</w:t></w:r><w:commentRangeEnd w:id="1"/>
    <w:r><w:rPr><w:b/></w:rPr><w:commentReference w:id="1"/></w:r>
  </w:p></w:tc></w:tr>
</w:tbl>
"""


def _rows(table: etree._Element) -> list[str]:
    return [read_text(row) for row in table.findall(qn("w:tr"))]


def test_clone_row_after_original_with_fresh_ids_and_no_comment() -> None:
    body = xml(f"<w:body>{TABLE}</w:body>")
    table = body[0]
    copy = clone_row(table[2])
    assert _rows(table) == ["Doel", "Lezen", "Lezen"]
    assert table[3] is copy
    assert_xml_equal(
        copy,
        '<w:tr w14:paraId="00000022"><w:tc><w:p w14:paraId="00000023">'
        "<w:r><w:t>Lezen</w:t></w:r></w:p></w:tc></w:tr>",
    )
    # The original keeps its comment.
    assert table[2].find(f".//{qn('w:commentReference')}") is not None


@pytest.mark.parametrize(("index", "expected"), [(0, 0), (1, 1), (2, 2), (9, 2)])
def test_clone_row_at_index(index: int, expected: int) -> None:
    table = xml(TABLE)
    copy = clone_row(table[1], index=index)
    assert table.findall(qn("w:tr")).index(copy) == expected
    assert len(table.findall(qn("w:tr"))) == 3


def test_clone_table_puts_a_paragraph_between_tables() -> None:
    body = xml(f"<w:body>{TABLE}<w:p/><w:sectPr/></w:body>")
    copy = clone_table(body[0])
    assert [etree.QName(c).localname for c in body] == ["tbl", "p", "tbl", "p", "sectPr"]
    assert body[2] is copy
    assert read_text(copy) == "Doel\nLezen"
    paras = [p.get(qn("w14:paraId")) for p in body.iter() if p.get(qn("w14:paraId"))]
    assert len(paras) == len(set(paras))


def test_clone_table_at_end_of_cell_keeps_a_last_paragraph() -> None:
    cell = xml(f"<w:tc><w:p/>{TABLE}<w:p/></w:tc>")
    copy = clone_table(cell[1], after=cell[2])
    assert [etree.QName(c).localname for c in cell] == ["p", "tbl", "p", "tbl", "p"]
    assert cell[3] is copy


def test_split_table_moves_the_rest_into_a_new_table() -> None:
    body = xml(
        """
        <w:body>
          <w:tbl>
            <w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>
            <w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>
            <w:tr><w:tc><w:p><w:r><w:t>Een</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Twee</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Drie</w:t></w:r></w:p></w:tc></w:tr>
          </w:tbl>
          <w:sectPr/>
        </w:body>
        """
    )
    lower = split_table(body[0][3])
    assert [etree.QName(c).localname for c in body] == ["tbl", "p", "tbl", "sectPr"]
    assert body[2] is lower
    assert_xml_equal(
        lower,
        """
        <w:tbl>
          <w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>
          <w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>
          <w:tr><w:tc><w:p><w:r><w:t>Twee</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:p><w:r><w:t>Drie</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl>
        """,
    )
    assert _rows(body[0]) == ["Een"]


def test_clone_refuses_wrong_elements() -> None:
    with pytest.raises(ValueError, match="w:tr"):
        clone_row(xml("<w:tbl/>"))
    with pytest.raises(ValueError, match="w:tbl"):
        clone_table(xml("<w:tr/>"))
    with pytest.raises(ValueError, match="w:tr"):
        split_table(xml("<w:tbl/>"))
    with pytest.raises(ValueError, match="not a direct child"):
        split_table(xml("<w:tr/>"))


FORM_ROW = """
<w:tr>
  <w:tc><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Ingevuld door de mentor</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t xml:space="preserve">☒ Ja ☐ Nee</w:t></w:r></w:p></w:tc>
  <w:tc><w:p>
    <w:r><w:t xml:space="preserve">Datum: </w:t></w:r>
    <w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="D"/><w:textInput/></w:ffData>
    </w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>
    <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1-9-2024</w:t></w:r>
    <w:r><w:fldChar w:fldCharType="end"/></w:r>
    <w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="K"/><w:ddList>
      <w:result w:val="1"/><w:listEntry w:val="a"/><w:listEntry w:val="b"/></w:ddList></w:ffData>
    </w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r>
    <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
  </w:p></w:tc>
  <w:tc><w:p><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>vrij</w:t></w:r>
  </w:sdtContent></w:sdt></w:p></w:tc>
</w:tr>
"""


def test_clear_values_keeps_labels_and_boxes() -> None:
    row = xml(FORM_ROW)
    clear_values(row)
    cells = row.findall(qn("w:tc"))
    assert read_text(cells[0]) == ""
    set_cell_text(cells[0], "opnieuw")  # the run formatting survived clearing
    assert_xml_equal(
        cells[0],
        "<w:tc><w:p><w:pPr><w:rPr><w:i/></w:rPr></w:pPr>"
        "<w:r><w:rPr><w:i/></w:rPr><w:t>opnieuw</w:t></w:r></w:p></w:tc>",
    )
    assert read_text(cells[1]) == "☐ Ja ☐ Nee"
    assert [b.checked for b in find_checkboxes(row)] == [False, False]
    assert [read_field(f) for f in find_form_fields(row)] == ["", "a"]
    assert read_text(cells[2]) == "Datum: "
    assert [sdt_text(s) for s in find_sdts(row)] == [""]


def test_clone_and_clear_a_real_row() -> None:
    with zipfile.ZipFile(word_file("checked_boxes.docx")) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    row = next(r for r in document.iter(qn("w:tr")) if "Psychologist" in read_text(r))
    before = len(find_checkboxes(document))
    copy = clone_row(row)
    clear_values(copy)
    assert len(find_checkboxes(document)) == before + len(find_checkboxes(row))
    assert [b.label for b in find_checkboxes(copy)] == [b.label for b in find_checkboxes(row)]
    assert not any(b.checked for b in find_checkboxes(copy))
    assert any(b.checked for b in find_checkboxes(row))
    # Nothing that must be unique is used twice now.
    names = [n.get(qn("w:val")) for n in document.iter(qn("w:name"))]
    bookmarks = [b.get(qn("w:name")) for b in document.iter(qn("w:bookmarkStart"))]
    starts = [b.get(qn("w:id")) for b in document.iter(qn("w:bookmarkStart"))]
    ends = [b.get(qn("w:id")) for b in document.iter(qn("w:bookmarkEnd"))]
    para_ids = [p.get(qn("w14:paraId")) for p in document.iter() if p.get(qn("w14:paraId"))]
    for values in (names, bookmarks, starts, ends, para_ids):
        assert len(values) == len(set(values))
    assert sorted(int(s or "-1") for s in starts) == sorted(int(e or "-1") for e in ends)
    assert all(len(n or "") <= 20 for n in names)
    assert DocumentIds(document).para_ids == {int(p or "0", 16) for p in para_ids}

"""Unique values and fresh ones for copies (``opp_docs.docx.ids``)."""

from __future__ import annotations

import copy

from lxml import etree

from opp_docs.docx.ids import DocumentIds, renumber
from opp_docs.docx.namespaces import qn
from tests.docx.docx_xml import assert_xml_equal, xml

DOCUMENT = """
<w:body>
  <w:p w14:paraId="0000000A" w14:textId="77777777">
    <w:bookmarkStart w:id="0" w:name="Naam"/>
    <w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Naam"/></w:ffData>
    </w:fldChar></w:r>
    <w:bookmarkEnd w:id="0"/>
    <w:bookmarkStart w:id="5" w:name="half"/>
    <w:sdt><w:sdtPr><w:id w:val="-1547906787"/></w:sdtPr><w:sdtContent/></w:sdt>
    <w:sdt><w:sdtPr><w:id w:val="12"/></w:sdtPr><w:sdtContent/></w:sdt>
    <w:r><w:drawing><wp:inline><wp:docPr id="3" name="Afbeelding 3"/></wp:inline></w:drawing></w:r>
  </w:p>
  <w:p w14:paraId="7FFFFFF0"><w:bookmarkEnd w:id="5"/></w:p>
</w:body>
"""


def test_collects_what_is_used() -> None:
    ids = DocumentIds(xml(DOCUMENT))
    assert ids.bookmark_ids == {0, 5}
    assert ids.names == {"naam", "half"}
    assert ids.para_ids == {0xA, 0x7FFFFFF0}
    assert ids.text_ids == {0x77777777}
    assert ids.sdt_ids == {-1547906787, 12}
    assert ids.drawing_ids == {3}


def test_renumber_a_copy() -> None:
    document = xml(DOCUMENT)
    duplicate = copy.deepcopy(document[0])
    renumber(duplicate, document)
    # The bookmark "half" ends outside the copy: its start is dropped from the copy.
    assert_xml_equal(
        duplicate,
        """
        <w:p w14:paraId="7FFFFFF1" w14:textId="77777778">
          <w:bookmarkStart w:id="6" w:name="Naam_2"/>
          <w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Naam_2"/></w:ffData>
          </w:fldChar></w:r>
          <w:bookmarkEnd w:id="6"/>
          <w:sdt><w:sdtPr><w:id w:val="13"/></w:sdtPr><w:sdtContent/></w:sdt>
          <w:sdt><w:sdtPr><w:id w:val="14"/></w:sdtPr><w:sdtContent/></w:sdt>
          <w:r><w:drawing><wp:inline><wp:docPr id="4" name="Afbeelding 3"/></wp:inline>
          </w:drawing></w:r>
        </w:p>
        """,
    )


def test_para_ids_stay_below_0x80000000() -> None:
    document = xml('<w:body><w:p w14:paraId="7FFFFFFF"/><w:p w14:paraId="00000001"/></w:body>')
    duplicate = copy.deepcopy(document[0])
    renumber(duplicate, document)
    assert duplicate.get(qn("w14:paraId")) == "00000002"


def test_fresh_names_respect_limits_and_case() -> None:
    ids = DocumentIds(xml('<w:p><w:bookmarkStart w:id="0" w:name="ABCDEFGHIJKLMNOPQRST"/></w:p>'))
    ids.names.add("abcdefghijklmnopqr_2")
    name = ids.fresh_name("ABCDEFGHIJKLMNOPQRST", 20)
    assert name == "ABCDEFGHIJKLMNOPQR_3"
    assert len(name) == 20
    assert ids.fresh_name("x" * 60, 40) == "x" * 38 + "_2"


def test_two_copies_get_different_values() -> None:
    document = xml(DOCUMENT)
    ids = DocumentIds(document)
    first, second = copy.deepcopy(document[0]), copy.deepcopy(document[0])
    ids.renumber(first)
    ids.renumber(second)

    def values(p: etree._Element) -> tuple[str | None, ...]:
        name = p.find(f".//{qn('w:ffData')}/{qn('w:name')}")
        assert name is not None
        return (name.get(qn("w:val")), p.get(qn("w14:paraId")), p.get(qn("w14:textId")))

    assert values(first) == ("Naam_2", "7FFFFFF1", "77777778")
    assert values(second) == ("Naam_3", "7FFFFFF2", "77777779")

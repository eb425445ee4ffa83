"""Human edits of a filled form, stored the way Word stores them, for the edited-form tests.

A test opens filled .docx bytes as an :class:`EditedForm`, finds a place by its printed
text (never by position, like the mapping), changes the XML as Word would after that edit
and takes the bytes back. The XML is written out in full where it shows what Word writes:
``rsid`` attributes, ``w:proofErr``, bookmarks, revision marks, ``w14`` checkboxes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

from lxml import etree

from opp_docs.docx.boxes import Checkbox, find_checkboxes, normalize_label
from opp_docs.docx.namespaces import NS, qn
from opp_docs.docx.package import Package, open_package
from opp_docs.docx.text import read_text
from tests.docx.docx_xml import fragments as fragments  # re-exported for the form tests

_P = qn("w:p")
_R = qn("w:r")
_T = qn("w:t")
_TC = qn("w:tc")
_TR = qn("w:tr")
_TBL = qn("w:tbl")
_TCPR = qn("w:tcPr")
_FLD_CHAR = qn("w:fldChar")
_FLD_CHAR_TYPE = qn("w:fldCharType")

_CONTENT_TYPES = "[Content_Types].xml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


class EditedForm:
    """A .docx opened for editing: its main part parsed, other parts reachable."""

    def __init__(self, data: bytes) -> None:
        self.package: Package = open_package(data)
        self.part = self.package.main_part()
        self.root = self.package.xml(self.part)
        body = self.root.find(qn("w:body"))
        assert body is not None
        self.body = body

    def to_bytes(self) -> bytes:
        self.package.replace(self.part, self.root)
        return self.package.to_bytes()

    # ------------------------------------------------------------------ finding

    def cells(self, text: str, scope: etree._Element | None = None) -> list[etree._Element]:
        """Every ``w:tc`` whose text is ``text`` (compared like labels), in order."""
        wanted = normalize_label(text)
        where = self.body if scope is None else scope
        return [tc for tc in where.iter(_TC) if normalize_label(read_text(tc)) == wanted]

    def cell(self, text: str, scope: etree._Element | None = None) -> etree._Element:
        """The one ``w:tc`` whose text is ``text``."""
        found = self.cells(text, scope)
        assert len(found) == 1, f"{len(found)} cells read {text!r}"
        return found[0]

    def value_cell(self, label: str, scope: etree._Element | None = None) -> etree._Element:
        """The cell right of the one label cell ``label``."""
        value = self.cell(label, scope).getnext()
        assert value is not None and value.tag == _TC
        return value

    def below(self, label: str, scope: etree._Element | None = None) -> etree._Element:
        """The cell under the one label cell ``label`` (a one-column block)."""
        row = row_of(self.cell(label, scope)).getnext()
        assert row is not None and row.tag == _TR
        cell = row.find(_TC)
        assert cell is not None
        return cell

    def table(self, title: str) -> etree._Element:
        """The one top-level table whose first cell reads ``title``."""
        found = [
            tbl
            for tbl in self.body.iterchildren(_TBL)
            if normalize_label(read_text(_first_cell(tbl))) == normalize_label(title)
        ]
        assert len(found) == 1, f"{len(found)} tables titled {title!r}"
        return found[0]

    def paragraph(self, text: str) -> etree._Element:
        """The one body-level paragraph whose text is ``text`` (a heading)."""
        found = [
            p
            for p in self.body.iterchildren(_P)
            if normalize_label(read_text(p)) == normalize_label(text)
        ]
        assert len(found) == 1, f"{len(found)} paragraphs read {text!r}"
        return found[0]

    def box(self, cell: etree._Element, label: str) -> Checkbox:
        """The one box in ``cell`` whose option text is ``label``."""
        found = [b for b in find_checkboxes(cell) if b.label == label]
        assert len(found) == 1, f"{len(found)} boxes labelled {label!r}"
        return found[0]

    # ------------------------------------------------------------------ parts

    def add_part(self, name: str, root: etree._Element, content_type: str, rel_type: str) -> str:
        """Add a part related to the main part; return the relationship id."""
        self.package.replace(name, root)
        types = self.package.xml(_CONTENT_TYPES)
        etree.SubElement(
            types,
            f"{{{_CT}}}Override",
            {"PartName": "/" + name, "ContentType": content_type},
        )
        self.package.replace(_CONTENT_TYPES, types)
        folder, _, file = self.part.rpartition("/")
        rels_name = f"{folder}/_rels/{file}.rels"
        rels = self.package.xml(rels_name)
        taken = {rel.get("Id") for rel in rels}
        rel_id = next(f"rId{n}" for n in range(1, 10_000) if f"rId{n}" not in taken)
        target = name[len(folder) + 1 :] if name.startswith(folder + "/") else "/" + name
        etree.SubElement(
            rels,
            f"{{{NS['pr']}}}Relationship",
            {"Id": rel_id, "Type": rel_type, "Target": target},
        )
        self.package.replace(rels_name, rels)
        return rel_id

    def add_comment(self, comment_id: int, author: str, text: str) -> None:
        """Add ``word/comments.xml`` with one comment, as Word writes it."""
        (comments,) = fragments(
            f"""
            <w:comments mc:Ignorable="w14">
              <w:comment w:id="{comment_id}" w:author="{author}"
                         w:date="2024-10-02T09:14:00Z" w:initials="MG">
                <w:p w14:paraId="5A1B2C3D" w14:textId="77777777"
                     w:rsidR="00D41E2A" w:rsidRDefault="00D41E2A">
                  <w:pPr><w:pStyle w:val="CommentText"/></w:pPr>
                  <w:r>
                    <w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>
                    <w:annotationRef/>
                  </w:r>
                  <w:r><w:t>{text}</w:t></w:r>
                </w:p>
              </w:comment>
            </w:comments>
            """
        )
        self.add_part("word/comments.xml", comments, _COMMENTS_TYPE, _COMMENTS_REL)


# ---------------------------------------------------------------------- element helpers


def _first_cell(table: etree._Element) -> etree._Element:
    cell = table.find(f".//{_TC}")
    assert cell is not None
    return cell


def row_of(element: etree._Element) -> etree._Element:
    """The ``w:tr`` holding ``element``."""
    node = element.getparent()
    while node is not None and node.tag != _TR:
        node = node.getparent()
    assert node is not None
    return node


def set_content(cell: etree._Element, markup: str) -> None:
    """Replace the paragraphs of a ``w:tc`` (its ``w:tcPr`` stays) by ``markup``."""
    for child in list(cell):
        if child.tag != _TCPR:
            cell.remove(child)
    cell.extend(fragments(markup))


def only_paragraph(cell: etree._Element) -> etree._Element:
    """The single paragraph of a cell."""
    paragraphs = cell.findall(_P)
    assert len(paragraphs) == 1
    return paragraphs[0]


def field_runs(box: Checkbox) -> list[etree._Element]:
    """The runs of a legacy checkbox field: from its ``begin`` run to its ``end`` run."""
    begin = box.element.getparent()
    assert box.kind == "legacy" and begin is not None and begin.tag == _R
    runs = [begin]
    depth = 1
    for sibling in begin.itersiblings():
        runs.append(sibling)
        for char in sibling.iter(_FLD_CHAR):
            kind = char.get(_FLD_CHAR_TYPE)
            depth += {"begin": 1, "end": -1}.get(kind or "", 0)
        if depth == 0:
            return runs
    raise AssertionError("the field has no end")


def replace_legacy_box(box: Checkbox, replacement: list[etree._Element]) -> None:
    """Put ``replacement`` where the runs of a legacy checkbox were."""
    runs = field_runs(box)
    for element in replacement:
        runs[0].addprevious(element)
    for run in runs:
        parent = run.getparent()
        assert parent is not None
        parent.remove(run)


def content_control_box(checked: bool, sdt_id: int) -> etree._Element:
    """A checkbox content control as Word inserts it (Developer > Check Box Content Control)."""
    glyph = "☒" if checked else "☐"
    (sdt,) = fragments(
        f"""
        <w:sdt>
          <w:sdtPr>
            <w:id w:val="{sdt_id}"/>
            <w14:checkbox>
              <w14:checked w14:val="{int(checked)}"/>
              <w14:checkedState w14:val="2612" w14:font="MS Gothic"/>
              <w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>
            </w14:checkbox>
          </w:sdtPr>
          <w:sdtContent>
            <w:r w:rsidR="00B27A11">
              <w:rPr>
                <w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"
                          w:hint="eastAsia"/>
              </w:rPr>
              <w:t>{glyph}</w:t>
            </w:r>
          </w:sdtContent>
        </w:sdt>
        """
    )
    return sdt


def copy_row_after(row: etree._Element) -> etree._Element:
    """A copy of ``row`` right under it, as Word's "Insert row below" with the content
    copied (Word copies the row's formatting; the test then writes the cells)."""
    duplicate = copy.deepcopy(row)
    row.addnext(duplicate)
    return duplicate


def texts(element: etree._Element) -> Iterator[etree._Element]:
    """The ``w:t`` elements of ``element``."""
    return element.iter(_T)


def replace_check_box(box: Checkbox, markup: str) -> None:
    """Replace the ``w:checkBox`` of a legacy box by ``markup``."""
    old = box.element.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
    assert box.kind == "legacy" and old is not None
    parent = old.getparent()
    assert parent is not None
    parent.replace(old, fragments(markup)[0])


Edit = Callable[[EditedForm], None]


def edited(data: bytes, *edits: Edit) -> bytes:
    """``data`` with ``edits`` applied in order."""
    form = EditedForm(data)
    for edit in edits:
        edit(form)
    return form.to_bytes()

"""What the scripts that author Word files share: deterministic output and a few touches.

Used by tools/build_template.py (the form) and tools/build_companions.py (the team
documents). Both must give byte-equal files for equal input, so that tests can compare the
committed files with what the scripts build.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, RGBColor
from docx.styles.styles import Styles
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

__all__ = [
    "ACCENT",
    "FIXED_TIME",
    "FONT",
    "LABEL_FILL",
    "TITLE_FILL",
    "ZIP_TIME",
    "dutch_by_default",
    "fix_settings",
    "grid_table",
    "label",
    "normalise_zip",
    "set_properties",
    "shade",
    "simple_field",
    "write",
]

FIXED_TIME = dt.datetime(2024, 8, 1, 0, 0, 0)
ZIP_TIME = (2024, 8, 1, 0, 0, 0)

# The form's look, which the team documents share.
FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # dark blue of the headings
LABEL_FILL = "DEEAF6"  # light blue of label cells
TITLE_FILL = "BDD6EE"  # darker blue of table title rows


def grid_table(document: DocumentObject, rows: int, widths: Sequence[Length]) -> Table:
    """A bordered table with a fixed column grid of ``widths``."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    return table


def write(cell: _Cell, text: str, *, bold: bool = False) -> Paragraph:
    """Put ``text`` in the cell's (first, empty) paragraph."""
    paragraph: Paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    return paragraph


def label(cell: _Cell, text: str) -> None:
    """A label cell: bold text on the light blue of the form."""
    write(cell, text, bold=True)
    shade(cell, LABEL_FILL)


def shade(cell: _Cell, fill: str) -> None:
    """Give a cell a solid background: ``w:tcPr/w:shd``."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def simple_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A simple field (PAGE, NUMPAGES) as ``w:fldSimple`` with a placeholder result."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def dutch_by_default(styles: Styles) -> None:
    """Dutch on every run by default: the language in the document defaults' run
    properties."""
    doc_defaults_r_pr = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    assert doc_defaults_r_pr is not None
    r_pr_default = doc_defaults_r_pr.find(qn("w:rPr"))
    assert r_pr_default is not None
    lang = r_pr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr_default.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")


def fix_settings(document: DocumentObject) -> None:
    """python-docx's blank document has ``<w:zoom w:val="bestFit"/>`` without the
    ``w:percent`` the schema requires; Word is strict about such things."""
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")


def set_properties(document: DocumentObject, *, title: str, subject: str) -> None:
    """Properties without a person and without the build time."""
    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = title
    props.subject = subject
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.language = "nl-NL"


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a package with fixed member timestamps and canonical XML, so that equal
    content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            payload = source.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                root = etree.fromstring(
                    payload, etree.XMLParser(resolve_entities=False, no_network=True)
                )
                payload = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            target.writestr(member, payload)
    return out.getvalue()

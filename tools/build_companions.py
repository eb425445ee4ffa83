"""Build the companion templates: templates/handelingswijzer.docx and uitnodiging-evaluatie.docx.

Both are docxtpl templates: a Word layout made here with python-docx, with Jinja tags in its
text (``{{ leerling.naam }}``, ``{%tr for ... %}`` rows, ``{%p for ... %}`` paragraphs). Their
context is the plan dumped to a dict plus the helpers of :mod:`opp_docs.companion.context`;
``docs/dev/companions.md`` describes every field. Run ``make companions`` (or ``python
tools/build_companions.py templates``) and review the rendered pages; a test rebuilds both and
compares them, part by part, with the committed files.

The output is deterministic: fixed document properties, fixed zip timestamps, canonical XML.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from docx import Document
from wordbuild import (
    ACCENT,
    FONT,
    LABEL_FILL,
    TITLE_FILL,
    dutch_by_default,
    fix_settings,
    grid_table,
    label,
    normalise_zip,
    set_properties,
    shade,
    simple_field,
    write,
)

GREY = RGBColor(0x59, 0x59, 0x59)
CONTENT_WIDTH = Cm(17.0)  # A4 less 2 cm margins on each side

HANDELINGSWIJZER = "handelingswijzer.docx"
UITNODIGING = "uitnodiging-evaluatie.docx"


# --------------------------------------------------------------------------- low-level look


def _cell_margins(table: Table, top: Length, side: Length) -> None:
    """Room around the text of every cell: ``w:tblPr/w:tblCellMar``."""
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(width.twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr = table._tbl.tblPr
    # tblCellMar comes after tblLayout and before tblLook in CT_TblPr's sequence.
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _no_split(table: Table) -> None:
    """Keep every row on one page: ``w:trPr/w:cantSplit``."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(table: Table) -> None:
    """Repeat the first row on every page the table runs over: ``w:tblHeader``."""
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _table(document: DocumentObject, rows: int, widths: Sequence[Length]) -> Table:
    """The form's grid table, with a little more room in the cells for reading on paper."""
    table = grid_table(document, rows, widths)
    _cell_margins(table, Cm(0.08), Cm(0.15))
    return table


def _add_row(table: Table) -> _Row:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx lacks the hint
    return row


def _loop_row(table: Table, tag: str) -> None:
    """A row holding only a docxtpl row tag (``{%tr for ... %}``): docxtpl replaces the row."""
    write(_add_row(table).cells[0], tag)


def _paragraph(document: DocumentObject, text: str = "", style: str | None = None) -> Paragraph:
    paragraph: Paragraph = document.add_paragraph(text, style=style)
    return paragraph


# ------------------------------------------------------------------------ styles and page


def _styles(document: DocumentObject) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15

    dutch_by_default(styles)

    title = styles["Title"]
    title.font.size = Pt(22)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(0)
    # python-docx's Title style draws a bottom border; these documents do not want it.
    p_pr = title.element.find(qn("w:pPr"))
    if p_pr is not None:
        p_bdr = p_pr.find(qn("w:pBdr"))
        if p_bdr is not None:
            p_pr.remove(p_bdr)

    subtitle = styles["Subtitle"]
    subtitle.font.size = Pt(10.5)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(10)
    # python-docx's Subtitle style spaces its letters out (w:rPr/w:spacing); not here.
    for spacing in subtitle.element.iterfind(qn("w:rPr") + "/" + qn("w:spacing")):
        spacing.getparent().remove(spacing)

    heading = styles["Heading 1"]
    heading.font.size = Pt(13)
    heading.font.bold = True
    heading.font.color.rgb = ACCENT
    heading.paragraph_format.space_before = Pt(14)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(3)

    footer = styles["Footer"]
    footer.font.size = Pt(8)
    footer.font.color.rgb = GREY
    # The blank document's Footer style has Letter-size tab stops; the footer sets its own.
    tabs = footer.element.find(qn("w:pPr") + "/" + qn("w:tabs"))
    if tabs is not None:
        tabs.getparent().remove(tabs)

    # Theme fonts (w:asciiTheme, ...) win over w:ascii; drop them so every style is in FONT.
    for r_fonts in styles.element.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            r_fonts.attrib.pop(qn("w:" + attr), None)
        for attr in ("ascii", "hAnsi", "cs"):
            r_fonts.set(qn("w:" + attr), FONT)


def _page_setup(document: DocumentObject, footer_text: str) -> None:
    section = document.sections[0]
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = Cm(1.8)
    section.bottom_margin = Cm(1.8)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)
    paragraph = section.footer.paragraphs[0]
    paragraph.paragraph_format.tab_stops.add_tab_stop(CONTENT_WIDTH, alignment=2)  # right
    paragraph.add_run(footer_text + "\tpagina ")
    simple_field(paragraph, "PAGE", "1")
    paragraph.add_run(" van ")
    simple_field(paragraph, "NUMPAGES", "1")


# --------------------------------------------------------------------- the handelingswijzer


def _handelingswijzer(document: DocumentObject) -> None:
    _page_setup(
        document,
        "Handelingswijzer {{ leerling.naam }} · bij het OPP van {{ datum | datum }} · "
        "vertrouwelijk",
    )
    _paragraph(document, "Handelingswijzer", "Title")
    _paragraph(
        document,
        "Voor docenten en andere medewerkers. Vertrouwelijk: hang hem alleen op in een ruimte "
        "voor medewerkers.",
        "Subtitle",
    )

    table = _table(document, 3, (Cm(4.5), Cm(12.5)))
    rows = (
        ("Leerling", "{{ leerling.naam }}"),
        ("Klas", "{{ leerling.klas }}"),
        ("Aanspreekpunt", "{{ leerling.mentor }} (mentor)"),
    )
    for row, (text, value) in zip(table.rows, rows, strict=True):
        label(row.cells[0], text)
        write(row.cells[1], value, bold=text == "Leerling")

    _paragraph(document, "Wat helpt in de les", "Heading 1")
    _paragraph(document, "{%p for advies in handelingsadviezen | regels %}")
    _paragraph(document, "{{ advies }}", "List Bullet")
    _paragraph(document, "{%p else %}")
    _paragraph(document, "Er zijn (nog) geen handelingsadviezen vastgelegd.")
    _paragraph(document, "{%p endfor %}")

    _paragraph(document, "Wat goed gaat en wat nodig is, per domein", "Heading 1")
    widths = (Cm(4.5), Cm(6.0), Cm(6.5))
    domains = _table(document, 1, widths)
    header = ("Domein", "Wat goed gaat", "Wat de leerling nodig heeft")
    for cell, text in zip(domains.rows[0].cells, header, strict=True):
        write(cell, text, bold=True)
        shade(cell, TITLE_FILL)
    _loop_row(domains, "{%tr for rij in handelingswijzer_domeinen %}")
    row = _add_row(domains)
    write(row.cells[0], "{{ rij.domein }}", bold=True)
    shade(row.cells[0], LABEL_FILL)
    write(row.cells[1], "{{ rij.stimulerend }}")
    write(row.cells[2], "{{ rij.ondersteuningsbehoefte }}")
    _loop_row(domains, "{%tr endfor %}")
    _repeat_header(domains)
    _no_split(domains)

    closing = _paragraph(document)
    closing.paragraph_format.space_before = Pt(14)
    closing.add_run("Vragen, zorgen of iets opgemerkt? ").bold = True
    closing.add_run(
        "Neem contact op met de mentor, {{ leerling.mentor }}. Wat hierboven staat komt uit het "
        "ontwikkelingsperspectiefplan (OPP); de mentor weet wat er verder is afgesproken."
    )


# ------------------------------------------------------------------------- the invitation


def _uitnodiging(document: DocumentObject) -> None:
    _page_setup(document, "Uitnodiging evaluatie OPP {{ leerling.naam }} · vertrouwelijk")

    sender = _paragraph(document, "{{ leerling.school_en_locatie }}")
    sender.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sender.runs[0].bold = True
    sender.runs[0].font.color.rgb = ACCENT
    sender.paragraph_format.space_after = Pt(36)

    _paragraph(document, "Uitnodiging", "Title")
    _paragraph(
        document,
        "{{ volgende_evaluatie.omschrijving | capitalize }} van het "
        "ontwikkelingsperspectiefplan (OPP)",
        "Subtitle",
    )

    about = _table(document, 3, (Cm(3.5), Cm(13.5)))
    for row, (text, value) in zip(
        about.rows,
        (
            ("Datum brief", "{{ vandaag }}"),
            ("Betreft", "{{ volgende_evaluatie.omschrijving | capitalize }} OPP"),
            ("Leerling", "{{ leerling.naam }}, klas {{ leerling.klas }}"),
        ),
        strict=True,
    ):
        write(row.cells[0], text, bold=True)
        write(row.cells[1], value)
    _borderless(about)

    greeting = _paragraph(document, "Beste betrokkenen,")
    greeting.paragraph_format.space_before = Pt(18)
    _paragraph(
        document,
        "Graag nodig ik u uit voor de {{ volgende_evaluatie.omschrijving }} van het "
        "ontwikkelingsperspectiefplan (OPP) van {{ leerling.naam }}. Samen kijken we terug op "
        "de afgelopen periode en spreken we af hoe het verder gaat.",
    ).paragraph_format.space_after = Pt(10)

    when = _table(document, 3, (Cm(3.5), Cm(13.5)))
    for row, (text, value) in zip(
        when.rows,
        (
            ("Datum", "{{ volgende_evaluatie.datum }}"),
            ("Tijd", ""),
            ("Plaats", ""),
        ),
        strict=True,
    ):
        label(row.cells[0], text)
        write(row.cells[1], value, bold=True)
        row.height = Cm(0.9)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _no_split(when)

    _paragraph(document, "Uitgenodigd", "Heading 1")
    _paragraph(document, "{%p for genodigde in genodigden %}")
    _paragraph(document, "{{ genodigde.naam }}, {{ genodigde.rol }}", "List Bullet")
    _paragraph(document, "{%p endfor %}")

    _paragraph(document, "Wat we bespreken", "Heading 1")
    for point in (
        "Terugblik: hoe is de ondersteuning verlopen en wat zijn de resultaten?",
        "Vervolgacties: wat gaan we nu doen, en wie doet wat?",
        "Bijstelling: moet het OPP (het handelingsdeel) of het uitstroomprofiel worden bijgesteld?",
        "Ondertekening: alle aanwezigen ondertekenen de evaluatie.",
        "De datum van de volgende evaluatie.",
    ):
        _paragraph(document, point, "List Bullet")

    after = _paragraph(
        document,
        "Kunt u niet op dit moment? Laat het mij dan zo snel mogelijk weten; dan zoeken we "
        "samen een ander moment.",
    )
    after.paragraph_format.space_before = Pt(10)

    regards = _paragraph(document, "Met vriendelijke groet,")
    regards.paragraph_format.space_before = Pt(10)
    regards.paragraph_format.space_after = Pt(40)  # room to sign
    _paragraph(
        document, "{{ leerling.ondersteuningscoordinator }}"
    ).paragraph_format.space_after = Pt(0)
    _paragraph(document, "Ondersteuningscoördinator")


def _borderless(table: Table) -> None:
    """No borders, for a table that only lines text up: ``w:tblPr/w:tblBorders`` all nil."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr = table._tbl.tblPr
    # tblBorders comes before tblLayout, tblCellMar and tblLook in CT_TblPr's sequence.
    anchor = next(
        (
            tbl_pr.find(qn(f"w:{name}"))
            for name in ("shd", "tblLayout", "tblCellMar", "tblLook")
            if tbl_pr.find(qn(f"w:{name}")) is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


# -------------------------------------------------------------------------------- building

_BUILDERS: dict[str, tuple[Callable[[DocumentObject], None], str]] = {
    HANDELINGSWIJZER: (_handelingswijzer, "Handelingswijzer (sjabloon)"),
    UITNODIGING: (_uitnodiging, "Uitnodiging evaluatie OPP (sjabloon)"),
}


def build(name: str) -> bytes:
    """Build the template ``name`` (a key of the builders) and return its .docx bytes."""
    make, title = _BUILDERS[name]
    document = Document()
    _styles(document)
    make(document)
    fix_settings(document)
    set_properties(document, title=title, subject="opp-docs")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def names() -> list[str]:
    """The file names of the templates this script builds."""
    return list(_BUILDERS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="where to write the templates")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in names():
        output = folder / name
        temporary = output.with_name(output.name + ".tmp")
        temporary.write_bytes(build(name))
        temporary.replace(output)
        print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build templates/OPP_2024-2025.docx, the reconstruction of the official OPP 2024-2025 form.

The official Word file of the Samenwerkingsverband VO Westland cannot be downloaded here, so
the project ships a reconstruction made from ``docs/dev/template-spec.md``. This script is that
reconstruction's source: run ``make template`` (or ``python tools/build_template.py OUT``) and
review the diff of the rendered pages. A test rebuilds the form and compares it, part by part,
with the committed file.

Option texts, roles and attachment names come from ``opp_docs.model`` (the enums' values are the
printed labels), so the form and the model cannot drift apart. Every choice is a legacy Word
checkbox (``FORMCHECKBOX``), unchecked, followed by its option text in the same paragraph.

The output is deterministic: fixed document properties, no revision ids, no timestamps.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from docx import Document
from opp_docs.docx.checkbox import new_legacy_checkbox
from wordbuild import (
    ACCENT,
    FONT,
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

if TYPE_CHECKING:
    from docx.oxml.text.paragraph import CT_P

from opp_docs.model import (
    BIJLAGEN,
    ROLLEN_AANVRAAG,
    ROLLEN_ONDERTEKENING,
    ActaChecklistpunt,
    Afwijkingen,
    Arrangement,
    Bekostigingscategorie,
    Bijstelling,
    Domein,
    Looptijd,
    Uitstroomprofiel,
    Vervolgtraject,
)

BODY_SIZE = Pt(10)
CONTENT_WIDTH = Cm(17.0)  # A4 (21 cm) less 2 cm margins on each side
LABEL_WIDTH = Cm(5.6)


# --------------------------------------------------------------------------- low-level look


def _span(cell: _Cell, columns: int) -> None:
    """Let a cell span ``columns`` grid columns: ``w:tcPr/w:gridSpan``."""
    tc_pr = cell._tc.get_or_add_tcPr()
    grid_span = OxmlElement("w:gridSpan")
    grid_span.set(qn("w:val"), str(columns))
    # gridSpan comes right after tcW in CT_TcPr's sequence.
    tc_w = tc_pr.find(qn("w:tcW"))
    if tc_w is not None:
        tc_w.addnext(grid_span)
    else:
        tc_pr.insert(0, grid_span)


def _no_split(table: Table, *, keep_together: bool = True) -> None:
    """Keep every row on one page (``w:trPr/w:cantSplit``) and, unless told otherwise, the
    whole table on one page (``w:keepNext`` on every paragraph but the last row's)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
    if keep_together:
        for row in table.rows[:-1]:
            for paragraph in row._tr.iter(qn("w:p")):
                Paragraph(
                    cast("CT_P", paragraph), table._parent
                ).paragraph_format.keep_with_next = True


def _repeat_header(table: Table, rows: int) -> None:
    """Repeat the first ``rows`` rows on every page the table runs over: ``w:tblHeader``."""
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))


def _min_height(table: Table, row_index: int, height: Length) -> None:
    """Give a row a minimum height (room to write or sign): ``w:trPr/w:trHeight``."""
    tr_pr = table.rows[row_index]._tr.get_or_add_trPr()
    tr_height = OxmlElement("w:trHeight")
    tr_height.set(qn("w:val"), str(int(height.twips)))
    tr_height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(tr_height)


def _keep_with_next(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _title_cell(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, TITLE_FILL)


def _options(cell: _Cell, options: Iterable[str]) -> None:
    """One paragraph per option: an unchecked legacy checkbox, a space, the option text."""
    first = True
    for option in options:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        for run in new_legacy_checkbox(checked=False):
            paragraph._p.append(run)
        paragraph.add_run(" " + option)


def _merge_row(table: Table, row_index: int) -> _Cell:
    """Merge a whole row into one cell and return it."""
    row = table.rows[row_index]
    merged: _Cell = row.cells[0].merge(row.cells[-1])
    return merged


def _spacer(document: DocumentObject) -> None:
    document.add_paragraph(style="Ruimte")


def _page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# ------------------------------------------------------------------------------ the styles


def _styles(document: DocumentObject) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    r_pr = normal.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            r_fonts.set(qn(attr), FONT)

    dutch_by_default(styles)

    title = styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(20)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(2)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # python-docx's Title style draws a bottom border; the form does not want it.
    p_pr = title.element.find(qn("w:pPr"))
    if p_pr is not None:
        p_bdr = p_pr.find(qn("w:pBdr"))
        if p_bdr is not None:
            p_pr.remove(p_bdr)

    subtitle = styles["Subtitle"]
    subtitle.font.name = FONT
    subtitle.font.size = Pt(12)
    subtitle.font.italic = False
    subtitle.font.color.rgb = ACCENT
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(12)

    heading = styles["Heading 1"]
    heading.font.name = FONT
    heading.font.size = Pt(12)
    heading.font.bold = True
    heading.font.color.rgb = ACCENT
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True

    heading2 = styles["Heading 2"]
    heading2.font.name = FONT
    heading2.font.size = Pt(10.5)
    heading2.font.bold = True
    heading2.font.color.rgb = ACCENT
    heading2.paragraph_format.space_before = Pt(8)
    heading2.paragraph_format.space_after = Pt(2)
    heading2.paragraph_format.keep_with_next = True

    for name in ("Header", "Footer"):
        styles[name].font.name = FONT
        styles[name].font.size = Pt(8)
        # The blank document's Footer style has Letter-size tab stops; the footer sets its own.
        tabs = styles[name].element.find(qn("w:pPr") + "/" + qn("w:tabs"))
        if tabs is not None:
            tabs.getparent().remove(tabs)

    # Theme fonts (w:asciiTheme, ...) win over w:ascii; drop them so every style is in FONT.
    for r_fonts in styles.element.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            r_fonts.attrib.pop(qn("w:" + attr), None)
        for attr in ("ascii", "hAnsi", "cs"):
            r_fonts.set(qn("w:" + attr), FONT)

    spacer = styles.add_style("Ruimte", 1)  # 1: paragraph style
    spacer.base_style = normal
    spacer.font.size = Pt(4)
    spacer.paragraph_format.space_after = Pt(0)


# ---------------------------------------------------------------------- page and footer


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = Cm(1.8)
    section.bottom_margin = Cm(1.8)
    section.footer_distance = Cm(0.9)

    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.paragraph_format.tab_stops.add_tab_stop(CONTENT_WIDTH, alignment=2)  # 2: right
    footer.add_run("OPP 2024-2025 \u2013 Samenwerkingsverband VO Westland")
    footer.add_run("\tPagina ")
    simple_field(footer, " PAGE ", "1")
    footer.add_run(" van ")
    simple_field(footer, " NUMPAGES ", "1")


# ------------------------------------------------------------------------- the form's parts


def _label_value_table(
    document: DocumentObject, labels: Sequence[str], *, label_width: Length = LABEL_WIDTH
) -> Table:
    """Labels in a shaded left column, an empty value cell beside each."""
    table = grid_table(document, len(labels), (label_width, Emu(CONTENT_WIDTH - label_width)))
    for row, text in zip(table.rows, labels, strict=True):
        label(row.cells[0], text)
    _no_split(table)
    return table


def _stacked_table(document: DocumentObject, labels: Sequence[str], height: Length) -> Table:
    """For long texts: each label in a shaded row, an empty value row below it."""
    table = grid_table(document, 2 * len(labels), (CONTENT_WIDTH,))
    for index, text in enumerate(labels):
        label_cell = table.rows[2 * index].cells[0]
        label(label_cell, text)
        _keep_with_next(label_cell.paragraphs[0])  # never a label at the foot of a page
        _min_height(table, 2 * index + 1, height)
    for row in table.rows[::2]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def _title_block(document: DocumentObject) -> None:
    document.add_paragraph("ONTWIKKELINGSPERSPECTIEFPLAN", style="Title")
    document.add_paragraph(
        "Begeleidingsdocument voor leerlingen met een extra ondersteuningsvraag",
        style="Subtitle",
    )
    # The last row is not in the handreiking's form: the 6-week rule needs the date the
    # support need was established when that was during the school year.
    _label_value_table(
        document,
        (
            "Datum:",
            "Startdatum OPP:",
            "Einddatum OPP:",
            "Datum vaststelling ondersteuningsbehoefte:",
        ),
    )


def _part_a(document: DocumentObject) -> None:
    document.add_heading("A. Gegevens van de leerling", level=1)
    labels = (
        "Naam leerling",
        "Leerlingnummer",
        "Geboortedatum",
        "School en locatie",
        "Klas",
        "Leerjaar",
        "Niveau/afdeling",
        "Datum inschrijving",
        "Mentor",
        "Ondersteuningscoördinator",
    )
    value_width = Emu((CONTENT_WIDTH - LABEL_WIDTH) // 2)
    ouder_rows = 2
    table = grid_table(
        document, len(labels) + 1 + ouder_rows, (LABEL_WIDTH, value_width, value_width)
    )
    for row, text in zip(table.rows, labels, strict=False):
        label(row.cells[0], text)
        row.cells[1].merge(row.cells[2])
    # Ouder(s)/verzorger(s): a label spanning a small sub-table of name and relation; people
    # copy the last row for a third carer.
    first = len(labels)
    label_cell = table.cell(first, 0).merge(table.cell(first + ouder_rows, 0))
    label(label_cell, "Ouder(s)/verzorger(s)")
    sub_header = ("Naam", "Relatie tot de leerling")
    for cell, text in zip(table.rows[first].cells[1:], sub_header, strict=True):
        label(cell, text)
    _no_split(table)


def _part_b(document: DocumentObject) -> None:
    document.add_heading("B. Ontwikkelingsperspectief: uitstroomprofiel van de leerling", level=1)
    table = _label_value_table(
        document,
        ("Verwacht uitstroomprofiel", "Verwacht vervolg(onderwijs)traject", "Onderbouwing"),
    )
    _options(table.cell(0, 1), (option.value for option in Uitstroomprofiel))
    _options(table.cell(1, 1), (option.value for option in Vervolgtraject))
    _min_height(table, 2, Cm(3.0))


def _part_c(document: DocumentObject) -> None:
    document.add_heading(
        "C. Stimulerende en belemmerende factoren en de ondersteuningsbehoefte van de leerling",
        level=1,
    )
    domains = list(Domein)
    widths = (Cm(3.6), Cm(4.3), Cm(4.3), Emu(CONTENT_WIDTH - Cm(12.2)))
    table = grid_table(document, 1 + len(domains), widths)
    header = ("Domein", "Stimulerende factoren", "Belemmerende factoren", "Ondersteuningsbehoefte")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _title_cell(cell, text)
    for index, domein in enumerate(domains, start=1):
        label(table.cell(index, 0), domein.value)
        _min_height(table, index, Cm(2.2))
    _repeat_header(table, 1)
    _no_split(table, keep_together=False)
    _spacer(document)
    _stacked_table(
        document,
        (
            "Uitkomsten VOBL",
            "Samenvattende analyse",
            "Wat vindt de leerling?",
            "Wat vinden ouder(s)/verzorger(s)?",
        ),
        Cm(2.0),
    )


def _signature_table(document: DocumentObject, roles: Sequence[str]) -> None:
    """``Rol | Naam | Datum | Handtekening`` with one pre-printed row per role."""
    widths = (Cm(4.6), Cm(5.0), Cm(2.8), Emu(CONTENT_WIDTH - Cm(12.4)))
    table = grid_table(document, 1 + len(roles), widths)
    header = ("Rol", "Naam", "Datum", "Handtekening")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _title_cell(cell, text)
    for index, role in enumerate(roles, start=1):
        label(table.cell(index, 0), role)
        _min_height(table, index, Cm(1.1))
    _repeat_header(table, 1)
    _no_split(table)


def _part_d(document: DocumentObject) -> None:
    document.add_heading("D. Ondertekening", level=1)
    _signature_table(document, ROLLEN_ONDERTEKENING)


def _handelingsdeel(document: DocumentObject) -> None:
    _page_break(document)
    document.add_paragraph("ONTWIKKELINGSPERSPECTIEFPLAN", style="Title")
    document.add_paragraph("HANDELINGSDEEL", style="Subtitle")

    document.add_heading("E. Handelingsadviezen voor docenten", level=1)
    box = grid_table(document, 1, (CONTENT_WIDTH,))
    _min_height(box, 0, Cm(4.0))

    document.add_heading("F. Handelingsdeel", level=1)
    widths = (Cm(6.6), Cm(6.0), Emu(CONTENT_WIDTH - Cm(12.6)))
    for domein in Domein:
        table = grid_table(document, 3, widths)
        _title_cell(_merge_row(table, 0), domein.value)
        header = ("Beoogd resultaat", "Activiteiten door wie (incl. functie)", "Periode")
        for cell, text in zip(table.rows[1].cells, header, strict=True):
            label(cell, text)
        _min_height(table, 2, Cm(1.2))
        _repeat_header(table, 2)
        _no_split(table)
        _spacer(document)

    table = _label_value_table(
        document,
        (
            "Datum eerste tussenevaluatie",
            "Afwijkingen van het reguliere onderwijsprogramma",
            "Instemming handelingsdeel",
            "Zienswijze ouder(s)/verzorger(s) en leerling",
        ),
    )
    _options(table.cell(1, 1), (option.value for option in Afwijkingen))
    _options(
        table.cell(2, 1),
        (
            "Ouder(s)/verzorger(s) stemmen in met het handelingsdeel",
            "De leerling (16 jaar of ouder) stemt in met het handelingsdeel",
        ),
    )
    _min_height(table, 3, Cm(2.0))


def _evaluation_table(document: DocumentObject, title: str) -> None:
    widths = (
        LABEL_WIDTH,
        Emu((CONTENT_WIDTH - LABEL_WIDTH) // 2),
        Emu((CONTENT_WIDTH - LABEL_WIDTH) // 2),
    )
    labels = (
        "Datum",
        "Aanwezig",
        "Terugblik op de geboden ondersteuning en de resultaten",
        "Vervolgacties",
        "Bijstelling OPP of uitstroomprofiel",
        "Datum volgende evaluatie",
    )
    signature_rows = 3
    table = grid_table(document, 1 + len(labels) + 1 + signature_rows, widths)
    _title_cell(_merge_row(table, 0), title)
    for index, text in enumerate(labels, start=1):
        row = table.rows[index]
        label(row.cells[0], text)
        row.cells[1].merge(row.cells[2])
    _options(table.cell(5, 1), (option.value for option in Bijstelling))
    _min_height(table, 3, Cm(2.0))
    _min_height(table, 4, Cm(1.2))
    header_index = 1 + len(labels)
    header = ("Naam", "Functie", "Handtekening")
    for cell, text in zip(table.rows[header_index].cells, header, strict=True):
        label(cell, text)
    for index in range(header_index + 1, header_index + 1 + signature_rows):
        _min_height(table, index, Cm(1.0))
    _no_split(table)
    _spacer(document)


def _part_g(document: DocumentObject) -> None:
    document.add_heading("G. Evaluaties", level=1)
    for title in ("Tussenevaluatie 1", "Tussenevaluatie 2", "Tussenevaluatie 3", "Eindevaluatie"):
        _evaluation_table(document, title)


def _aanvraag(document: DocumentObject) -> None:
    _page_break(document)
    document.add_paragraph("Aanvraag arrangement bij het SWV VO Westland", style="Title")
    table = _label_value_table(
        document,
        (
            "Aangevraagd arrangement",
            "Bekostigingscategorie",
            "Gewenste looptijd",
            "Ingangsdatum",
            "Beoogde school of voorziening",
        ),
    )
    _options(table.cell(0, 1), (option.value for option in Arrangement))
    _options(table.cell(1, 1), (option.value for option in Bekostigingscategorie))
    _options(table.cell(2, 1), (option.value for option in Looptijd))

    document.add_heading("Motivering", level=2)
    _stacked_table(
        document,
        (
            "Waar zit de leerling nu (school, niveau, leerjaar)?",
            "Wat is er aan de hand?",
            "Wat is er al gedaan?",
            "Wat is er nu nodig en voor hoeveel jaar?",
        ),
        Cm(2.2),
    )

    document.add_heading("Bijlagen", level=2)
    widths = (Cm(7.0), Cm(2.6), Emu(CONTENT_WIDTH - Cm(9.6)))
    table = grid_table(document, 1 + len(BIJLAGEN), widths)
    header = ("Bijlage", "Bijgevoegd", "Toelichting indien niet bijgevoegd")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _title_cell(cell, text)
    for index, name in enumerate(BIJLAGEN, start=1):
        label(table.cell(index, 0), name)
        _options(table.cell(index, 1), ("ja", "nee"))
    _repeat_header(table, 1)
    _no_split(table, keep_together=False)

    document.add_heading("Ondertekening aanvraag", level=2)
    _signature_table(document, ROLLEN_AANVRAAG)


def _checklist(document: DocumentObject) -> None:
    _page_break(document)
    document.add_heading("Checklist aanleveren dossier bij de ACTA", level=1)
    table = grid_table(document, 1, (CONTENT_WIDTH,))
    _options(table.cell(0, 0), (point.value for point in ActaChecklistpunt))


# -------------------------------------------------------------------------------- building


def build() -> bytes:
    """Build the form and return the .docx bytes (deterministic)."""
    document = Document()
    _styles(document)
    _page_setup(document)
    # python-docx's blank document starts with no paragraphs; the first one is the title.
    _title_block(document)
    _part_a(document)
    _part_b(document)
    _part_c(document)
    _part_d(document)
    _handelingsdeel(document)
    _part_g(document)
    _aanvraag(document)
    _checklist(document)
    fix_settings(document)
    set_properties(
        document,
        title="Ontwikkelingsperspectiefplan 2024-2025",
        subject="OPP 2024-2025, Samenwerkingsverband VO Westland (reconstructie)",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", type=Path, help="where to write the .docx")
    args = parser.parse_args(argv)
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(output.name + ".tmp")
    temporary.write_bytes(build())
    temporary.replace(output)
    print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

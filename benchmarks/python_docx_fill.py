"""The reference fill: the OPP form filled the way a straightforward python-docx script would.

This is the yardstick ``bench_fill_parse.py`` measures :func:`opp_docs.filling.fill` against. It
writes every field of a plan into templates/OPP_2024-2025.docx with python-docx's public API
plus a little lxml, and nothing of opp_docs (not the mapping, not the formatters):

- opens the template from bytes with ``docx.Document`` for every document (python-docx has no
  way to reuse a parsed package) and saves the result to bytes;
- finds places by printed text, in one pass over the document: a label cell's value is the next
  distinct cell in its row (or the cell below it, for the C and Motivering blocks), a section
  without labels (E, the ACTA checklist) is the table after its heading, a row list the rows
  under its header row, a goal or evaluation table the one whose title row names it;
- writes text with ``cell.text = ...`` (newlines become ``w:br``, tabs ``w:tab``), dates as
  dd-mm-jjjj and a period as "Van dd/mm/jjjj t/m dd/mm/jjjj" with the frequency below;
- ticks legacy checkboxes by setting ``w:ffData/w:checkBox/w:default/@w:val`` (and
  ``w:checked`` when a form has one) on the paragraph whose text is the option;
- writes free text after an option ("Anders, namelijk: ...") as a run in that paragraph;
- adds a copied row for items beyond the printed rows (extra signatures, a second goal in a
  domain, an extra bijlage) right after the previous item, and a copied table for evaluations
  beyond the printed tables.

It does not do what opp_docs.filling does besides: keep the cell's paragraph and run formatting
(``cell.text`` writes one unformatted paragraph), keep bookmarks and comments in rewritten
cells, reject characters XML cannot hold, renumber ``w:docPr``/bookmark ids in copied rows,
handle other kinds of box (content controls, typed ☐ glyphs), tell a label typed twice apart
(the first one wins), report template problems as data, or read its places from a mapping file.
The benchmark checks that ``opp_docs.parsing`` reads its output back as the same plan, so the work
is comparable.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

import docx
from opp_docs.model import OPP, Periode

__all__ = ["python_docx_fill"]

_CHECKBOX = f"{qn('w:ffData')}/{qn('w:checkBox')}"
_VAL = qn("w:val")

# Printed texts the form uses for headings, titles and labels; the values come from the plan.
_HANDELINGSADVIEZEN = "E. Handelingsadviezen voor docenten"
_CHECKLIST = "Checklist aanleveren dossier bij de ACTA"


def python_docx_fill(plan: OPP, template: bytes) -> bytes:
    """The form ``template`` (.docx bytes) filled with ``plan``, as .docx bytes."""
    document = docx.Document(io.BytesIO(template))
    form = _Form(document)
    _write_fields(form, plan)
    _write_rows(form, plan)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- formatting


def cell_text(value: object) -> str:
    if isinstance(value, date):
        return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def period_text(periode: Periode) -> str:
    dates = []
    if periode.van is not None:
        dates.append(f"Van {periode.van:%d/%m/%Y}")
    if periode.tot_en_met is not None:
        dates.append(f"t/m {periode.tot_en_met:%d/%m/%Y}")
    line = " ".join(dates)
    if periode.frequentie is None:
        return line
    return f"{line}\n{periode.frequentie}"


# --------------------------------------------------------------------------- finding places


class _Labels:
    """One table read once: its rows' cells, and where each text first occurs."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.rows: list[tuple[_Cell, ...]] = [row.cells for row in table.rows]
        self.at: dict[str, tuple[int, int]] = {}
        self.texts: list[list[str]] = []
        for r, cells in enumerate(self.rows):
            texts: list[str] = []
            for c, cell in enumerate(cells):
                # A cell spanning columns comes once per column; read its text once.
                same = c > 0 and cell._tc is cells[c - 1]._tc
                texts.append(texts[-1] if same else cell.text.strip())
                self.at.setdefault(texts[-1], (r, c))
            self.texts.append(texts)
        self.title = self.texts[0][0] if self.texts and self.texts[0] else ""

    def value_cell(self, label: str, *, below: bool = False) -> _Cell:
        """The cell after ``label`` in its row, or the cell below it."""
        r, c = self.at[label]
        if below:
            return self.rows[r + 1][c]
        cells = self.rows[r]
        return next(cell for cell in cells[c + 1 :] if cell._tc is not cells[c]._tc)

    def header(self, first: str) -> tuple[int, dict[str, int]]:
        """The index of the row holding ``first``, and its columns by their text."""
        r, _ = self.at[first]
        return r, {text: c for c, text in enumerate(self.texts[r])}


class _Form:
    """The document's tables indexed once by printed text, in one pass."""

    def __init__(self, document: DocumentObject) -> None:
        self.tables: list[_Labels] = []
        self.labels: dict[str, _Labels] = {}
        self.after_heading: dict[str, _Labels] = {}
        heading: str | None = None
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                heading = block.text.strip() or heading
                continue
            table = _Labels(block)
            self.tables.append(table)
            if heading is not None:
                self.after_heading.setdefault(heading, table)
                heading = None
            for text in table.at:
                # The first table wins: "Mentor" is a label in A before it is a role in D.
                self.labels.setdefault(text, table)

    def value_cell(self, label: str, *, below: bool = False) -> _Cell:
        return self.labels[label].value_cell(label, below=below)

    def titled(self, title: str, *, prefix: bool = False) -> list[_Labels]:
        """Tables whose first cell reads ``title`` (or starts with it), in document order."""
        return [
            table
            for table in self.tables
            if table.title == title or (prefix and table.title.startswith(title))
        ]


# --------------------------------------------------------------------------- writing


def _set(cell: _Cell, value: object) -> None:
    if value is not None:
        cell.text = period_text(value) if isinstance(value, Periode) else cell_text(value)


def _boxes(cell: _Cell) -> Iterator[tuple[str, Paragraph, etree._Element]]:
    for paragraph in cell.paragraphs:
        for box in paragraph._p.iterfind(f".//{_CHECKBOX}"):
            yield paragraph.text.strip(), paragraph, box


def _tick(box: etree._Element, checked: bool) -> None:
    value = "1" if checked else "0"
    default = box.find(qn("w:default"))
    if default is None:
        default = etree.SubElement(box, qn("w:default"))
    default.set(_VAL, value)
    explicit = box.find(qn("w:checked"))
    if explicit is not None:
        explicit.set(_VAL, value)


def _choose(cell: _Cell, chosen: Iterable[str]) -> None:
    wanted = set(chosen)
    for label, _, box in _boxes(cell):
        _tick(box, label in wanted)


def _after_option(cell: _Cell, option: str, value: str | None) -> None:
    if value is None:
        return
    paragraph = next(p for label, p, _ in _boxes(cell) if label == option)
    paragraph.add_run(" " + value)


def _choice(form: _Form, label: str, value: Enum | None) -> None:
    _choose(form.value_cell(label), [] if value is None else [str(value.value)])


def _write_fields(form: _Form, plan: OPP) -> None:
    for label, value in (
        ("Datum:", plan.datum),
        ("Startdatum OPP:", plan.startdatum_opp),
        ("Einddatum OPP:", plan.einddatum_opp),
        ("Datum vaststelling ondersteuningsbehoefte:", plan.datum_ondersteuningsbehoefte),
    ):
        _set(form.value_cell(label), value)

    ll = plan.leerling
    for label, text in (
        ("Naam leerling", ll.naam),
        ("Leerlingnummer", ll.leerlingnummer),
        ("Geboortedatum", ll.geboortedatum),
        ("School en locatie", ll.school_en_locatie),
        ("Klas", ll.klas),
        ("Leerjaar", ll.leerjaar),
        ("Niveau/afdeling", ll.niveau_afdeling),
        ("Datum inschrijving", ll.datum_inschrijving),
        ("Mentor", ll.mentor),
        ("Ondersteuningscoördinator", ll.ondersteuningscoordinator),
    ):
        _set(form.value_cell(label), text)

    op = plan.ontwikkelingsperspectief
    _choice(form, "Verwacht uitstroomprofiel", op.uitstroomprofiel)
    trajecten = form.value_cell("Verwacht vervolg(onderwijs)traject")
    _choose(trajecten, [str(t.value) for t in op.vervolgtrajecten])
    _after_option(trajecten, "Anders, namelijk:", op.vervolgtraject_anders)
    _set(form.value_cell("Onderbouwing"), op.onderbouwing)

    fa = plan.factoren
    for label, text in (
        ("Uitkomsten VOBL", fa.uitkomsten_vobl),
        ("Samenvattende analyse", fa.samenvattende_analyse),
        ("Wat vindt de leerling?", fa.wat_vindt_de_leerling),
        ("Wat vinden ouder(s)/verzorger(s)?", fa.wat_vinden_ouders),
    ):
        _set(form.value_cell(label, below=True), text)

    _set(form.after_heading[_HANDELINGSADVIEZEN].rows[0][0], plan.handelingsadviezen)

    hd = plan.handelingsdeel
    _set(form.value_cell("Datum eerste tussenevaluatie"), hd.datum_eerste_tussenevaluatie)
    afwijkingen = form.value_cell("Afwijkingen van het reguliere onderwijsprogramma")
    _choose(afwijkingen, [] if hd.afwijkingen is None else [str(hd.afwijkingen.value)])
    _after_option(afwijkingen, "Er zijn de volgende afwijkingen:", hd.afwijkingen_omschrijving)
    instemming = form.value_cell("Instemming handelingsdeel")
    _choose(
        instemming,
        [
            label
            for label, chosen in (
                ("Ouder(s)/verzorger(s) stemmen in met het handelingsdeel", hd.instemming_ouders),
                (
                    "De leerling (16 jaar of ouder) stemt in met het handelingsdeel",
                    hd.instemming_leerling,
                ),
            )
            if chosen
        ],
    )
    _set(form.value_cell("Zienswijze ouder(s)/verzorger(s) en leerling"), hd.zienswijze)

    aa = plan.aanvraag
    _choice(form, "Aangevraagd arrangement", aa.arrangement)
    _choice(form, "Bekostigingscategorie", aa.bekostigingscategorie)
    _choice(form, "Gewenste looptijd", aa.looptijd)
    _after_option(form.value_cell("Gewenste looptijd"), "Anders, namelijk:", aa.looptijd_anders)
    _set(form.value_cell("Ingangsdatum"), aa.ingangsdatum)
    _set(form.value_cell("Beoogde school of voorziening"), aa.beoogde_school)
    mo = aa.motivering
    for label, text in (
        ("Waar zit de leerling nu (school, niveau, leerjaar)?", mo.huidige_situatie),
        ("Wat is er aan de hand?", mo.wat_is_er_aan_de_hand),
        ("Wat is er al gedaan?", mo.wat_is_er_al_gedaan),
        ("Wat is er nu nodig en voor hoeveel jaar?", mo.wat_is_er_nodig),
    ):
        _set(form.value_cell(label, below=True), text)

    checklist = form.after_heading[_CHECKLIST].rows[0][0]
    _choose(checklist, [str(punt.value) for punt in plan.acta_checklist])


# --------------------------------------------------------------------------- rows and tables


class _Rows:
    """The item rows under a header row; extra items get a copy of the first item row."""

    def __init__(self, labels: _Labels, first_header: str) -> None:
        self.table = labels.table
        self.header, self.columns = labels.header(first_header)
        # Copied before anything is written: blank cells, unticked boxes.
        self.prototype = copy.deepcopy(self.table.rows[self.header + 1]._tr)
        self.used: set[CT_Row] = set()
        self.previous = self.table.rows[self.header]._tr

    def take(self, key_column: str | None = None, key: str | None = None) -> tuple[_Cell, ...]:
        """The cells of the next unused row (whose key cell reads ``key``), else of a new row
        after the previous item's."""
        rows = self.table.rows
        start = next(i for i, row in enumerate(rows) if row._tr is self.previous) + 1
        for row in rows[start:]:
            if row._tr in self.used:
                continue
            cells = row.cells
            if key_column is None or cells[self.columns[key_column]].text.strip() == key:
                return self._use(row._tr, cells)
        new = copy.deepcopy(self.prototype)
        self.previous.addnext(new)
        cells = _Row(new, self.table).cells
        if key_column is not None:
            _set(cells[self.columns[key_column]], key)  # over the prototype's pre-printed key
        return self._use(new, cells)

    def _use(self, tr: CT_Row, cells: tuple[_Cell, ...]) -> tuple[_Cell, ...]:
        self.used.add(tr)
        self.previous = tr
        return cells

    def cell(self, cells: tuple[_Cell, ...], column: str) -> _Cell:
        return cells[self.columns[column]]


def _write_rows(form: _Form, plan: OPP) -> None:
    ouders = _Rows(form.labels["Relatie tot de leerling"], "Relatie tot de leerling")
    for ouder in plan.leerling.ouders:
        row = ouders.take()
        _set(ouders.cell(row, "Naam"), ouder.naam)
        _set(ouders.cell(row, "Relatie tot de leerling"), ouder.relatie)

    domeinen = _Rows(form.labels["Stimulerende factoren"], "Stimulerende factoren")
    for factoren in plan.factoren.domeinen:
        row = domeinen.take("Domein", cell_text(factoren.domein))
        _set(domeinen.cell(row, "Stimulerende factoren"), factoren.stimulerend)
        _set(domeinen.cell(row, "Belemmerende factoren"), factoren.belemmerend)
        _set(domeinen.cell(row, "Ondersteuningsbehoefte"), factoren.ondersteuningsbehoefte)

    for table, signatures in zip(
        form.titled("Rol"), (plan.ondertekening, plan.aanvraag.ondertekening), strict=True
    ):
        rows = _Rows(table, "Rol")
        for signature in signatures:
            row = rows.take("Rol", signature.rol)
            _set(rows.cell(row, "Naam"), signature.naam)
            _set(rows.cell(row, "Datum"), signature.datum)

    doelen: dict[str, _Rows] = {}
    for doel in plan.handelingsdeel.doelen:
        domein = cell_text(doel.domein)
        if domein not in doelen:
            (table,) = form.titled(domein)
            doelen[domein] = _Rows(table, "Beoogd resultaat")
        rows = doelen[domein]
        row = rows.take()
        _set(rows.cell(row, "Beoogd resultaat"), doel.beoogd_resultaat)
        _set(rows.cell(row, "Activiteiten door wie (incl. functie)"), doel.activiteiten)
        _set(rows.cell(row, "Periode"), doel.periode)

    _write_evaluations(form, plan)

    bijlagen = _Rows(form.labels["Toelichting indien niet bijgevoegd"], "Bijgevoegd")
    for bijlage in plan.aanvraag.bijlagen:
        row = bijlagen.take("Bijlage", bijlage.naam)
        if bijlage.bijgevoegd is not None:
            _choose(bijlagen.cell(row, "Bijgevoegd"), ["ja" if bijlage.bijgevoegd else "nee"])
        _set(bijlagen.cell(row, "Toelichting indien niet bijgevoegd"), bijlage.toelichting)


def _write_evaluations(form: _Form, plan: OPP) -> None:
    """One table per evaluation: the printed ones in order, then copies of a blank one."""
    printed: dict[str, list[_Labels]] = {}
    blank: dict[str, CT_Tbl] = {}
    counts: dict[str, int] = {}
    last: _Labels | None = None
    for evaluatie in plan.evaluaties:
        soort = cell_text(evaluatie.soort)
        if soort not in printed:
            printed[soort] = form.titled(soort, prefix=True)
            blank[soort] = copy.deepcopy(printed[soort][-1].table._tbl)
        counts[soort] = counts.get(soort, 0) + 1
        if printed[soort]:
            table = printed[soort].pop(0)
        else:
            after = last.table if last is not None else form.titled(soort, prefix=True)[-1].table
            copied = _copy_table(blank[soort], after)
            copied.cell(0, 0).text = f"{soort} {counts[soort]}"
            table = _Labels(copied)
        last = table
        for label, value in (
            ("Datum", evaluatie.datum),
            ("Aanwezig", evaluatie.aanwezig),
            ("Terugblik op de geboden ondersteuning en de resultaten", evaluatie.terugblik),
            ("Vervolgacties", evaluatie.vervolgacties),
            ("Datum volgende evaluatie", evaluatie.datum_volgende_evaluatie),
        ):
            _set(table.value_cell(label), value)
        bijstelling = table.value_cell("Bijstelling OPP of uitstroomprofiel")
        _choose(
            bijstelling, [] if evaluatie.bijstelling is None else [cell_text(evaluatie.bijstelling)]
        )
        _after_option(bijstelling, "Ja, namelijk:", evaluatie.bijstelling_toelichting)
        rows = _Rows(table, "Functie")
        for handtekening in evaluatie.ondertekening:
            row = rows.take()
            _set(rows.cell(row, "Naam"), handtekening.naam)
            _set(rows.cell(row, "Functie"), handtekening.functie)


def _copy_table(blank: CT_Tbl, after: Table) -> Table:
    """A copy of ``blank`` after ``after``, kept apart by an empty paragraph (Word merges
    tables that touch)."""
    spacer = OxmlElement("w:p")
    new = copy.deepcopy(blank)
    after._tbl.addnext(spacer)
    spacer.addnext(new)
    return Table(new, after._parent)

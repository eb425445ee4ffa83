"""Build the Jinja-tagged copy of the OPP form that ``bench_bulk.py`` renders with docxtpl.

    .venv/bin/python benchmarks/make_jinja_form.py [TEMPLATE] [OUTPUT]

Reads templates/OPP_2024-2025.docx and writes benchmarks/OPP_2024-2025_jinja.docx. The output
is a benchmark fixture, committed so the benchmark does not depend on this script at run time;
it is NOT a product template. Rerun the script when the form changes.

What it tags, in the names :func:`docxtpl_render.jinja_context` provides:

- every value cell with ``{{ ... }}`` (``{{ leerling.naam }}``, ``{{ factoren.uitkomsten_vobl }}``
  and so on), the heading-less E cell with ``{{ handelingsadviezen }}``;
- every repeating row with a docxtpl row loop: the item row is kept once, between a
  ``{%tr for x in ... %}`` row and a ``{%tr endfor %}`` row; the other printed item rows are
  removed (the context pads each list to the printed number of rows, so an empty plan renders
  the same blank rows). That covers ouders, the six C domains, both signature tables, the goal
  rows of each F table, the bijlagen and the signature rows of an evaluation;
- the evaluation tables with one paragraph loop (``{%p for e in evaluaties %}`` before the
  first table, ``{%p endfor %}`` after the empty paragraph that follows it); the other printed
  evaluation tables are removed, the title cell becomes ``{{ e.titel }}``;
- every legacy checkbox (the four runs of a ``FORMCHECKBOX`` field) with a glyph run
  ``{{ '☒' if 'Laag' in chosen.bekostigingscategorie else '☐' }}``: docxtpl cannot tick a
  legacy box, so the rendered form has typed glyphs where the product writes ticked fields;
- the free text after an option ("Anders, namelijk: ...") with a run after the option text.

Tables are found by their printed labels and titles, not by position.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from lxml import etree

import docx
from opp_docs.model import Domein

_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = _ROOT / "templates" / "OPP_2024-2025.docx"
OUTPUT = _ROOT / "benchmarks" / "OPP_2024-2025_jinja.docx"

_FIELD_RUNS = 4  # a legacy box: fldChar begin (with ffData), instrText, separate, end
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# --------------------------------------------------------------------------- XML helpers


def _run(text: str) -> etree._Element:
    """``<w:r><w:t xml:space="preserve">text</w:t></w:r>``."""
    run = etree.Element(qn("w:r"))
    t = etree.SubElement(run, qn("w:t"))
    t.set(_SPACE, "preserve")
    t.text = text
    return run


def _put(cell: _Cell, expression: str) -> None:
    """Make ``cell`` read ``{{ expression }}``: in its first run (keeping that run's
    formatting) or in a new run of its first paragraph; other runs and paragraphs go."""
    paragraphs = cell._tc.findall(qn("w:p"))
    for extra in paragraphs[1:]:
        cell._tc.remove(extra)
    p = paragraphs[0]
    runs = p.findall(qn("w:r"))
    for extra in runs[1:]:
        p.remove(extra)
    if runs:
        for t in runs[0].findall(qn("w:t")):
            runs[0].remove(t)
        t = etree.SubElement(runs[0], qn("w:t"))
        t.set(_SPACE, "preserve")
        t.text = "{{ " + expression + " }}"
    else:
        p.append(_run("{{ " + expression + " }}"))


def _label(box_run: etree._Element) -> str:
    """The text after the box that starts at ``box_run``: its option label."""
    after = list(box_run.itersiblings())[_FIELD_RUNS - 1 :]
    return "".join(_text_of(run) for run in after).strip()


def _box_runs(cell: _Cell) -> Iterator[tuple[etree._Element, etree._Element, str]]:
    """Each legacy box of ``cell``: its paragraph, its first run and its option label."""
    for p in cell._tc.iter(qn("w:p")):
        for run in p.findall(qn("w:r")):
            if run.find(f"{qn('w:fldChar')}/{qn('w:ffData')}/{qn('w:checkBox')}") is not None:
                yield p, run, _label(run)


def _glyphs(cell: _Cell, group: str, *, free_text: dict[str, str] | None = None) -> None:
    """Replace every legacy box of ``cell`` by a glyph run ticked when its label is in
    ``group``; ``free_text`` maps an option label to the expression written after it."""
    for p, run, label in list(_box_runs(cell)):
        if "'" in label:
            raise ValueError(f"option label with a quote cannot go into a Jinja literal: {label}")
        field = [run, *list(run.itersiblings())[: _FIELD_RUNS - 1]]
        glyph = _run("{{ '\u2612' if '" + label + "' in " + group + " else '\u2610' }}")
        run.addprevious(glyph)
        for r in field:
            p.remove(r)
        if free_text and label in free_text:
            x = free_text[label]
            p.append(_run("{{ (' ' + " + x + ") if " + x + " else '' }}"))


def _tag_row(prototype: etree._Element, tag: str) -> etree._Element:
    """A copy of the row ``prototype`` whose first cell holds only ``tag``: docxtpl replaces
    the whole row by the tag."""
    row = copy.deepcopy(prototype)
    for tc in row.findall(qn("w:tc")):
        for p in tc.findall(qn("w:p")):
            tc.remove(p)
        tc.append(etree.Element(qn("w:p")))
    first = row.find(qn("w:tc"))
    assert first is not None
    paragraph = first.find(qn("w:p"))
    assert paragraph is not None
    paragraph.append(_run(tag))
    return row


def _loop_rows(table: Table, first: int, count: int, loop: str) -> list[_Cell]:
    """Keep row ``first`` of ``table`` once between ``{%tr for <loop> %}`` and
    ``{%tr endfor %}``, dropping the ``count - 1`` printed item rows after it; the kept row's
    cells (one per grid column)."""
    rows = table.rows
    item = rows[first]._tr
    for row in rows[first + 1 : first + count]:
        table._tbl.remove(row._tr)
    item.addprevious(_tag_row(item, "{%tr for " + loop + " %}"))
    item.addnext(_tag_row(item, "{%tr endfor %}"))
    return list(table.rows[first + 1].cells)


# --------------------------------------------------------------------------- finding places


class _Form:
    """The tables of the form, found by printed text."""

    def __init__(self, document: DocumentObject) -> None:
        self.document = document

    def table(self, text: str, *, title: bool = False) -> Table:
        """The first table with a cell reading ``text`` (its first cell, when ``title``)."""
        for table in self.document.tables:
            texts = [table.cell(0, 0).text.strip()] if title else _texts(table)
            if text in texts:
                return table
        raise LookupError(f"no table with {text!r} in the form")

    def value(self, label: str, *, below: bool = False) -> _Cell:
        """The cell after ``label`` in its row, or the cell below it."""
        table = self.table(label)
        for r, row in enumerate(table.rows):
            cells: list[_Cell] = list(row.cells)
            for c, cell in enumerate(cells):
                if cell.text.strip() != label:
                    continue
                if below:
                    found: _Cell = table.rows[r + 1].cells[c]
                    return found
                return next(x for x in cells[c + 1 :] if x._tc is not cell._tc)
        raise LookupError(label)

    def after_heading(self, heading: str) -> Table:
        """The first table after the paragraph reading ``heading``."""
        seen = False
        for block in self.document.iter_inner_content():
            if isinstance(block, Table):
                if seen:
                    return block
            elif block.text.strip() == heading:
                seen = True
        raise LookupError(heading)


def _text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _texts(table: Table) -> list[str]:
    return [cell.text.strip() for row in table.rows for cell in row.cells]


def _row_of(table: Table, text: str) -> int:
    return next(
        r for r, row in enumerate(table.rows) if text in (c.text.strip() for c in row.cells)
    )


def _columns(cells: list[_Cell], expressions: list[str | None]) -> None:
    """Tag distinct cells of a row in order; None leaves a cell as it is."""
    distinct: list[_Cell] = []
    for cell in cells:
        if not distinct or cell._tc is not distinct[-1]._tc:
            distinct.append(cell)
    for cell, expression in zip(distinct, expressions, strict=True):
        if expression is not None:
            _put(cell, expression)


# --------------------------------------------------------------------------- the tags


def _tag_fields(form: _Form) -> None:
    for label, expression in (
        ("Datum:", "datum"),
        ("Startdatum OPP:", "startdatum_opp"),
        ("Einddatum OPP:", "einddatum_opp"),
        ("Datum vaststelling ondersteuningsbehoefte:", "datum_ondersteuningsbehoefte"),
        ("Naam leerling", "leerling.naam"),
        ("Leerlingnummer", "leerling.leerlingnummer"),
        ("Geboortedatum", "leerling.geboortedatum"),
        ("School en locatie", "leerling.school_en_locatie"),
        ("Klas", "leerling.klas"),
        ("Leerjaar", "leerling.leerjaar"),
        ("Niveau/afdeling", "leerling.niveau_afdeling"),
        ("Datum inschrijving", "leerling.datum_inschrijving"),
        ("Mentor", "leerling.mentor"),
        ("Ondersteuningscoördinator", "leerling.ondersteuningscoordinator"),
        ("Onderbouwing", "op.onderbouwing"),
        ("Datum eerste tussenevaluatie", "hd.datum_eerste_tussenevaluatie"),
        ("Zienswijze ouder(s)/verzorger(s) en leerling", "hd.zienswijze"),
        ("Ingangsdatum", "aanvraag.ingangsdatum"),
        ("Beoogde school of voorziening", "aanvraag.beoogde_school"),
    ):
        _put(form.value(label), expression)
    for label, expression in (
        ("Uitkomsten VOBL", "factoren.uitkomsten_vobl"),
        ("Samenvattende analyse", "factoren.samenvattende_analyse"),
        ("Wat vindt de leerling?", "factoren.wat_vindt_de_leerling"),
        ("Wat vinden ouder(s)/verzorger(s)?", "factoren.wat_vinden_ouders"),
        ("Waar zit de leerling nu (school, niveau, leerjaar)?", "motivering.huidige_situatie"),
        ("Wat is er aan de hand?", "motivering.wat_is_er_aan_de_hand"),
        ("Wat is er al gedaan?", "motivering.wat_is_er_al_gedaan"),
        ("Wat is er nu nodig en voor hoeveel jaar?", "motivering.wat_is_er_nodig"),
    ):
        _put(form.value(label, below=True), expression)
    _put(form.after_heading("E. Handelingsadviezen voor docenten").cell(0, 0), "handelingsadviezen")


def _tag_boxes(form: _Form) -> None:
    _glyphs(form.value("Verwacht uitstroomprofiel"), "chosen.uitstroomprofiel")
    _glyphs(
        form.value("Verwacht vervolg(onderwijs)traject"),
        "chosen.vervolgtrajecten",
        free_text={"Anders, namelijk:": "op.vervolgtraject_anders"},
    )
    _glyphs(
        form.value("Afwijkingen van het reguliere onderwijsprogramma"),
        "chosen.afwijkingen",
        free_text={"Er zijn de volgende afwijkingen:": "hd.afwijkingen_omschrijving"},
    )
    _glyphs(form.value("Instemming handelingsdeel"), "chosen.instemming")
    _glyphs(form.value("Aangevraagd arrangement"), "chosen.arrangement")
    _glyphs(form.value("Bekostigingscategorie"), "chosen.bekostigingscategorie")
    _glyphs(
        form.value("Gewenste looptijd"),
        "chosen.looptijd",
        free_text={"Anders, namelijk:": "aanvraag.looptijd_anders"},
    )
    checklist = form.after_heading("Checklist aanleveren dossier bij de ACTA").cell(0, 0)
    _glyphs(checklist, "chosen.acta_checklist")


def _tag_rows(form: _Form) -> None:
    leerling = form.table("Naam leerling")
    header = _row_of(leerling, "Relatie tot de leerling")
    cells = _loop_rows(leerling, header + 1, 2, "o in ouders")
    _columns(cells, [None, "o.naam", "o.relatie"])

    domeinen = form.table("Stimulerende factoren")
    cells = _loop_rows(domeinen, 1, 6, "d in domeinen")
    _columns(cells, ["d.domein", "d.stimulerend", "d.belemmerend", "d.ondersteuningsbehoefte"])

    for heading, name, printed in (
        ("D. Ondertekening", "ondertekening", 6),
        ("Ondertekening aanvraag", "aanvraag_ondertekening", 3),
    ):
        cells = _loop_rows(form.after_heading(heading), 1, printed, f"s in {name}")
        _columns(cells, ["s.rol", "s.naam", "s.datum", None])

    for table in form.document.tables:
        texts = _texts(table)
        if "Beoogd resultaat" in texts:
            key = _domain_key(table.cell(0, 0).text.strip())
            cells = _loop_rows(table, 2, 1, f"g in doelen.{key}")
            _columns(cells, ["g.beoogd_resultaat", "g.activiteiten", "g.periode"])

    bijlagen = form.table("Toelichting indien niet bijgevoegd")
    cells = _loop_rows(bijlagen, 1, 8, "b in bijlagen")
    _columns(cells, ["b.naam", None, "b.toelichting"])
    _glyphs(cells[1], "b.bijgevoegd")


def _domain_key(title: str) -> str:
    """The context key of a goal table: its domain's enum name (``COGNITIEF``)."""
    return Domein(title).name


def _tag_evaluations(form: _Form) -> None:
    """One evaluation table in a paragraph loop; the other printed ones removed."""
    tables = [
        t
        for t in form.document.tables
        if t.cell(0, 0).text.strip().startswith(("Tussenevaluatie", "Eindevaluatie"))
    ]
    first, rest = tables[0], tables[1:]
    body = first._tbl.getparent()
    assert body is not None
    for table in rest:
        spacer = table._tbl.getnext()
        body.remove(table._tbl)
        if spacer is not None and spacer.tag == qn("w:p") and not _text_of(spacer):
            body.remove(spacer)  # the empty paragraph that kept it apart from the next
    _put(first.cell(0, 0), "e.titel")
    for label, expression in (
        ("Datum", "e.datum"),
        ("Aanwezig", "e.aanwezig"),
        ("Terugblik op de geboden ondersteuning en de resultaten", "e.terugblik"),
        ("Vervolgacties", "e.vervolgacties"),
        ("Datum volgende evaluatie", "e.datum_volgende_evaluatie"),
    ):
        row = first.rows[_row_of(first, label)]
        _put(row.cells[-1], expression)
    bijstelling = first.rows[_row_of(first, "Bijstelling OPP of uitstroomprofiel")].cells[-1]
    _glyphs(bijstelling, "e.bijstelling", free_text={"Ja, namelijk:": "e.bijstelling_toelichting"})
    header = _row_of(first, "Functie")
    cells = _loop_rows(first, header + 1, 3, "h in e.ondertekening")
    _columns(cells, ["h.naam", "h.functie", None])

    loop = etree.Element(qn("w:p"))
    loop.append(_run("{%p for e in evaluaties %}"))
    first._tbl.addprevious(loop)
    spacer = first._tbl.getnext()
    assert spacer is not None and spacer.tag == qn("w:p")
    end = etree.Element(qn("w:p"))
    end.append(_run("{%p endfor %}"))
    spacer.addnext(end)


def make_jinja_form(template: Path, output: Path) -> None:
    """Write the Jinja-tagged copy of ``template`` to ``output``."""
    document = docx.Document(str(template))
    form = _Form(document)
    # Fields and boxes first: they find cells by label, before loops change the tables.
    _tag_fields(form)
    _tag_boxes(form)
    _tag_evaluations(form)
    _tag_rows(form)
    document.save(str(output))


def main(argv: list[str]) -> int:
    template = Path(argv[0]) if argv else TEMPLATE
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    make_jinja_form(template, output)
    print(f"written {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

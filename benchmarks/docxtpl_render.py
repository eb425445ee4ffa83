"""The docxtpl reference: a plan rendered into the Jinja-tagged copy of the form.

This is a yardstick ``bench_bulk.py`` measures :func:`opp_docs.bulk.generate` against. The
tagged form (benchmarks/OPP_2024-2025_jinja.docx, built by ``make_jinja_form.py``) has a
``{{ ... }}`` tag in every value cell, row loops for repeating rows, a paragraph loop for the
evaluation tables and a ``{{ '☒' if ... else '☐' }}`` glyph where each legacy box stood.

One document is: :func:`jinja_context` (every value of the plan as text: dates dd-mm-jjjj, a
period "Van dd/mm/jjjj t/m dd/mm/jjjj" with the frequency below, each list padded to the rows or
tables the form prints, items with a printed key put on their printed row), then
``DocxTemplate`` opened from the template bytes, ``render(context, autoescape=True)`` and
``save`` to bytes -- docxtpl's documented use, one template object per document (a rendered
``DocxTemplate`` reloads its file before rendering again anyway).

docxtpl writes newlines as ``w:br`` and tabs as ``w:tab`` itself. It does not tick legacy
boxes (the glyphs replace them), keep a printed blank row for a list longer than the printed
rows (it renders exactly the padded list), or check what it writes. The benchmark checks that
``opp_docs.parsing`` reads the output back as the same plan, so the work is comparable.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from docxtpl import DocxTemplate

from opp_docs.model import (
    BIJLAGEN,
    OPP,
    ROLLEN_AANVRAAG,
    ROLLEN_ONDERTEKENING,
    Domein,
    EvaluatieSoort,
    Leerling,
    Periode,
)
from python_docx_fill import cell_text, period_text

__all__ = ["docxtpl_render", "jinja_context"]

# How many of each the form prints: the context pads lists to these.
_OUDERS = 2
_EVALUATIE_HANDTEKENINGEN = 3
_EVALUATIES = {EvaluatieSoort.TUSSENEVALUATIE: 3, EvaluatieSoort.EINDEVALUATIE: 1}


def docxtpl_render(plan: OPP, template: bytes) -> bytes:
    """The tagged form ``template`` (.docx bytes) rendered with ``plan``, as .docx bytes."""
    document = DocxTemplate(io.BytesIO(template))
    document.render(jinja_context(plan), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- formatting


def _text(value: object) -> str:
    """Cell text as the python-docx reference writes it; nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Periode):
        return period_text(value)
    return cell_text(value)


def _texts(obj: object, fields: Iterable[str]) -> dict[str, str]:
    """The named fields of ``obj`` as text; all empty for no ``obj`` (a blank printed row)."""
    return {name: "" if obj is None else _text(getattr(obj, name)) for name in fields}


def _chosen(*values: Enum | None) -> list[str]:
    return [str(v.value) for v in values if v is not None]


def _pad(items: list[dict[str, Any]], count: int, blank: dict[str, Any]) -> list[dict[str, Any]]:
    return items + [dict(blank) for _ in range(count - len(items))]


def _on_printed_rows(
    printed: Sequence[str], items: Sequence[Any], key: Callable[[Any], str]
) -> list[tuple[str, Any]]:
    """Rows ``(key, item or None)``: each item on the first unused printed row with its key
    after the previous item's row, else on a new row right after it (as the fills do)."""
    rows: list[tuple[str, Any]] = [(k, None) for k in printed]
    previous = -1
    for item in items:
        k = key(item)
        at = next(
            (i for i in range(previous + 1, len(rows)) if rows[i][1] is None and rows[i][0] == k),
            None,
        )
        if at is None:
            at = previous + 1
            rows.insert(at, (k, item))
        else:
            rows[at] = (k, item)
        previous = at
    return rows


# --------------------------------------------------------------------------- the context


def jinja_context(plan: OPP) -> dict[str, Any]:
    """Every value of ``plan`` as text, in the names the tagged form uses."""
    ll, op, fa = plan.leerling, plan.ontwikkelingsperspectief, plan.factoren
    hd, aa = plan.handelingsdeel, plan.aanvraag

    def signatures(printed: Sequence[str], items: Sequence[Any]) -> list[dict[str, str]]:
        return [
            {"rol": rol, "naam": _text(s and s.naam), "datum": _text(s and s.datum)}
            for rol, s in _on_printed_rows(printed, items, lambda s: s.rol or "")
        ]

    domeinen = {f.domein: f for f in fa.domeinen if f.domein is not None}
    doelen: dict[str, list[dict[str, str]]] = {d.name: [] for d in Domein}
    for doel in hd.doelen:
        if doel.domein is not None:
            doelen[doel.domein.name].append(
                _texts(doel, ("beoogd_resultaat", "activiteiten", "periode"))
            )
    blank_doel = {"beoogd_resultaat": "", "activiteiten": "", "periode": ""}

    return {
        **_texts(
            plan,
            (
                "datum",
                "startdatum_opp",
                "einddatum_opp",
                "datum_ondersteuningsbehoefte",
                "handelingsadviezen",
            ),
        ),
        "leerling": _texts(ll, [name for name in Leerling.model_fields if name != "ouders"]),
        "ouders": _pad(
            [_texts(o, ("naam", "relatie")) for o in ll.ouders],
            _OUDERS,
            {"naam": "", "relatie": ""},
        ),
        "op": _texts(op, ("onderbouwing", "vervolgtraject_anders")),
        "chosen": {
            "uitstroomprofiel": _chosen(op.uitstroomprofiel),
            "vervolgtrajecten": _chosen(*op.vervolgtrajecten),
            "afwijkingen": _chosen(hd.afwijkingen),
            "instemming": [
                label
                for label, chosen in (
                    (
                        "Ouder(s)/verzorger(s) stemmen in met het handelingsdeel",
                        hd.instemming_ouders,
                    ),
                    (
                        "De leerling (16 jaar of ouder) stemt in met het handelingsdeel",
                        hd.instemming_leerling,
                    ),
                )
                if chosen
            ],
            "arrangement": _chosen(aa.arrangement),
            "bekostigingscategorie": _chosen(aa.bekostigingscategorie),
            "looptijd": _chosen(aa.looptijd),
            "acta_checklist": _chosen(*plan.acta_checklist),
        },
        "domeinen": [
            {
                "domein": str(d.value),
                **_texts(
                    domeinen.get(d),
                    ("stimulerend", "belemmerend", "ondersteuningsbehoefte"),
                ),
            }
            for d in Domein
        ],
        "factoren": _texts(
            fa,
            (
                "uitkomsten_vobl",
                "samenvattende_analyse",
                "wat_vindt_de_leerling",
                "wat_vinden_ouders",
            ),
        ),
        "ondertekening": signatures(ROLLEN_ONDERTEKENING, plan.ondertekening),
        "doelen": {key: _pad(rows, 1, blank_doel) for key, rows in doelen.items()},
        "hd": _texts(
            hd, ("datum_eerste_tussenevaluatie", "afwijkingen_omschrijving", "zienswijze")
        ),
        "evaluaties": _evaluations(plan),
        "aanvraag": _texts(aa, ("ingangsdatum", "beoogde_school", "looptijd_anders")),
        "motivering": _texts(
            aa.motivering,
            ("huidige_situatie", "wat_is_er_aan_de_hand", "wat_is_er_al_gedaan", "wat_is_er_nodig"),
        ),
        "bijlagen": [
            {
                "naam": naam,
                "bijgevoegd": []
                if b is None or b.bijgevoegd is None
                else ["ja" if b.bijgevoegd else "nee"],
                "toelichting": _text(b and b.toelichting),
            }
            for naam, b in _on_printed_rows(BIJLAGEN, aa.bijlagen, lambda b: b.naam or "")
        ],
        "aanvraag_ondertekening": signatures(ROLLEN_AANVRAAG, aa.ondertekening),
    }


def _evaluations(plan: OPP) -> list[dict[str, Any]]:
    """The evaluation tables in form order, each kind padded to its printed tables."""
    blank_signature = {"naam": "", "functie": ""}
    tables: list[dict[str, Any]] = []
    for soort, printed in _EVALUATIES.items():
        items = [e for e in plan.evaluaties if e.soort == soort]
        for number in range(1, max(printed, len(items)) + 1):
            e = items[number - 1] if number <= len(items) else None
            numbered = soort is EvaluatieSoort.TUSSENEVALUATIE or number > 1
            fields = (
                "datum",
                "aanwezig",
                "terugblik",
                "vervolgacties",
                "bijstelling_toelichting",
                "datum_volgende_evaluatie",
            )
            tables.append(
                {
                    "titel": f"{soort.value} {number}" if numbered else str(soort.value),
                    **_texts(e, fields),
                    "bijstelling": _chosen(e.bijstelling) if e is not None else [],
                    "ondertekening": _pad(
                        []
                        if e is None
                        else [_texts(h, ("naam", "functie")) for h in e.ondertekening],
                        _EVALUATIE_HANDTEKENINGEN,
                        blank_signature,
                    ),
                }
            )
    return tables

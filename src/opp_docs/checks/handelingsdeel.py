"""F. Handelingsdeel: every need of C worked out, each goal complete, afwijkingen stated.

Handreiking, F: the support needs named under C are worked out here per domain, with the
beoogd resultaat, the activities and who does them, and the period. Deviations from the
regular programme must always be described (a legal duty), or it must be stated that there
are none.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Context, Ernst, Pad, Regel
from opp_docs.checks.onbekend import is_empty
from opp_docs.formats import format_date
from opp_docs.model import Afwijkingen
from opp_docs.validation import field_title

__all__ = ["RULES", "check_handelingsdeel"]

DOMEIN_ZONDER_DOEL = Regel(
    "handelingsdeel.domein_zonder_doel",
    Ernst.FOUT,
    "Handreiking, F",
    "Een domein met een ondersteuningsbehoefte in C heeft geen doel in F.",
)
VELD_LEEG = Regel(
    "handelingsdeel.veld_leeg",
    Ernst.FOUT,
    "Handreiking, F",
    "Bij een doel is het beoogd resultaat, de activiteiten door wie of de periode leeg.",
)
PERIODE_OMGEKEERD = Regel(
    "handelingsdeel.periode_omgekeerd",
    Ernst.FOUT,
    "Handreiking, F",
    "De periode van een doel eindigt voor zij begint.",
)
AFWIJKINGEN_LEEG = Regel(
    "handelingsdeel.afwijkingen_leeg",
    Ernst.FOUT,
    "Handreiking, F (wettelijke verplichting)",
    "Bij de afwijkingen van het reguliere programma is niets aangekruist, of 'Er zijn de "
    "volgende afwijkingen:' is niet omschreven.",
)

RULES = (DOMEIN_ZONDER_DOEL, VELD_LEEG, PERIODE_OMGEKEERD, AFWIJKINGEN_LEEG)


def check_handelingsdeel(context: Context) -> list[Bevinding]:
    """Findings of F (goals and afwijkingen)."""
    plan = context.plan
    deel = plan.handelingsdeel
    found: list[Bevinding] = []
    with_goal = {doel.domein for doel in deel.doelen}
    for row in plan.factoren.domeinen:
        if not is_empty(row.ondersteuningsbehoefte) and row.domein not in with_goal:
            found.append(
                DOMEIN_ZONDER_DOEL.bevinding(
                    f"In C staat bij '{row.domein.value}' een ondersteuningsbehoefte, maar F "
                    "heeft voor dat domein geen doel. Werk de behoefte uit in een doel.",
                    ("handelingsdeel", "doelen"),
                    input=row.domein.value,
                )
            )
    for index, doel in enumerate(deel.doelen):
        where = f"doel {index + 1} ({doel.domein.value})"
        base: Pad = ("handelingsdeel", "doelen", index)
        paths: list[Pad] = [
            (*base, name)
            for name in ("beoogd_resultaat", "activiteiten")
            if is_empty(getattr(doel, name))
        ]
        paths += [
            (*base, "periode", name)
            for name in ("van", "tot_en_met")
            if getattr(doel.periode, name) is None
        ]
        for path in paths:
            label = field_title(path)
            if path[-2] == "periode":
                label = f"Periode, {label}"
            found.append(VELD_LEEG.bevinding(f"Bij {where} is '{label}' leeg. Vul het in.", path))
        van, tot = doel.periode.van, doel.periode.tot_en_met
        if van is not None and tot is not None and tot < van:
            found.append(
                PERIODE_OMGEKEERD.bevinding(
                    f"Bij {where} eindigt de periode ({format_date(tot)}) voor zij begint "
                    f"({format_date(van)}). Verbeter de data.",
                    (*base, "periode", "tot_en_met"),
                )
            )
    if deel.afwijkingen is None:
        found.append(
            AFWIJKINGEN_LEEG.bevinding(
                "Bij 'Afwijkingen van het reguliere onderwijsprogramma' is niets aangekruist. "
                "Omschrijf de afwijkingen, of kruis aan dat er geen zijn.",
                ("handelingsdeel", "afwijkingen"),
            )
        )
    elif deel.afwijkingen is Afwijkingen.WEL and is_empty(deel.afwijkingen_omschrijving):
        found.append(
            AFWIJKINGEN_LEEG.bevinding(
                "'Er zijn de volgende afwijkingen:' is aangekruist, maar de afwijkingen zijn niet "
                "omschreven. Omschrijf ze.",
                ("handelingsdeel", "afwijkingen_omschrijving"),
            )
        )
    return found

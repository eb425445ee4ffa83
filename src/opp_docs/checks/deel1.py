"""Part 1 of the plan (A to C, and the date at the top) is complete.

Handreiking, "Algemene aanwijzingen": 1. do not forget the date at the top; 2. in part 1
every field must be filled in. B asks for both the uitstroomprofiel and the vervolgtraject.
C: a domain without an extra support need leaves that column empty, but an OPP exists for
extra support, so at least one domain records one.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Context, Ernst, Pad, Regel
from opp_docs.checks.onbekend import is_empty
from opp_docs.model import Domein, Leerling, Vervolgtraject
from opp_docs.validation import field_title

__all__ = ["RULES", "check_deel1"]

DATUM_LEEG = Regel(
    "deel1.datum_leeg",
    Ernst.FOUT,
    "Handreiking, algemene aanwijzingen 1",
    "De datum bovenaan het plan is leeg.",
)
VELD_LEEG = Regel(
    "deel1.veld_leeg",
    Ernst.FOUT,
    "Handreiking, algemene aanwijzingen 2 (A, B, C)",
    "Een veld van deel 1 (A tot en met C) is leeg.",
)
GEEN_BEHOEFTE = Regel(
    "deel1.geen_ondersteuningsbehoefte",
    Ernst.WAARSCHUWING,
    "Handreiking, C (ondersteuningsbehoefte)",
    "Bij geen enkel domein van C staat een ondersteuningsbehoefte.",
)
PROFIEL_LEEG = Regel(
    "uitstroom.profiel_leeg",
    Ernst.FOUT,
    "Handreiking, B",
    "Er is geen verwacht uitstroomprofiel aangekruist.",
)
VERVOLG_LEEG = Regel(
    "uitstroom.vervolgtraject_leeg",
    Ernst.FOUT,
    "Handreiking, B",
    "Er is geen verwacht vervolg(onderwijs)traject aangekruist.",
)

RULES = (DATUM_LEEG, VELD_LEEG, GEEN_BEHOEFTE, PROFIEL_LEEG, VERVOLG_LEEG)

# Every field of part A, in the form's order; the parents have a rule of their own.
_LEERLING = tuple(name for name in Leerling.model_fields if name != "ouders")
_FACTOREN = (
    "uitkomsten_vobl",
    "samenvattende_analyse",
    "wat_vindt_de_leerling",
    "wat_vinden_ouders",
)


def _empty(path: Pad) -> Bevinding:
    return VELD_LEEG.bevinding(
        f"'{field_title(path)}' is leeg. Vul het in: in deel 1 moeten alle velden zijn ingevuld.",
        path,
    )


def check_deel1(context: Context) -> list[Bevinding]:
    """Findings of the date at the top and of A, B and C."""
    plan = context.plan
    found: list[Bevinding] = []
    if plan.datum is None:
        found.append(
            DATUM_LEEG.bevinding("De datum bovenaan het plan is leeg. Vul hem in.", ("datum",))
        )
    found += _leerling(context)
    found += _perspectief(context)
    found += _factoren(context)
    return found


def _leerling(context: Context) -> list[Bevinding]:
    leerling = context.plan.leerling
    found = [_empty(("leerling", name)) for name in _LEERLING if is_empty(getattr(leerling, name))]
    if not leerling.ouders:
        found.append(
            VELD_LEEG.bevinding(
                "Er staat geen ouder of verzorger bij 'Ouder(s)/verzorger(s)'. Vul naam en "
                "relatie tot de leerling in.",
                ("leerling", "ouders"),
            )
        )
    for index, ouder in enumerate(leerling.ouders):
        for name in ("naam", "relatie"):
            if is_empty(getattr(ouder, name)):
                path: Pad = ("leerling", "ouders", index, name)
                found.append(
                    VELD_LEEG.bevinding(
                        f"Bij ouder/verzorger {index + 1} is '{field_title(path)}' leeg. Vul "
                        "het in.",
                        path,
                    )
                )
    return found


def _perspectief(context: Context) -> list[Bevinding]:
    perspectief = context.plan.ontwikkelingsperspectief
    found: list[Bevinding] = []
    if perspectief.uitstroomprofiel is None:
        found.append(
            PROFIEL_LEEG.bevinding(
                "Bij 'Verwacht uitstroomprofiel' is niets aangekruist. Kruis precies één "
                "profiel aan.",
                ("ontwikkelingsperspectief", "uitstroomprofiel"),
            )
        )
    if not perspectief.vervolgtrajecten:
        found.append(
            VERVOLG_LEEG.bevinding(
                "Bij 'Verwacht vervolg(onderwijs)traject' is niets aangekruist. Kruis minstens "
                "één traject aan.",
                ("ontwikkelingsperspectief", "vervolgtrajecten"),
            )
        )
    if Vervolgtraject.ANDERS in perspectief.vervolgtrajecten and is_empty(
        perspectief.vervolgtraject_anders
    ):
        found.append(
            VELD_LEEG.bevinding(
                "Bij het vervolgtraject is 'Anders, namelijk:' aangekruist maar niet "
                "toegelicht. Schrijf erachter welk traject.",
                ("ontwikkelingsperspectief", "vervolgtraject_anders"),
            )
        )
    if is_empty(perspectief.onderbouwing):
        found.append(_empty(("ontwikkelingsperspectief", "onderbouwing")))
    return found


def _factoren(context: Context) -> list[Bevinding]:
    factoren = context.plan.factoren
    found: list[Bevinding] = []
    rows = {row.domein: (index, row) for index, row in enumerate(factoren.domeinen)}
    for domein in Domein:
        if domein not in rows:
            found.append(
                VELD_LEEG.bevinding(
                    f"Het domein '{domein.value}' is leeg. Vul de stimulerende en de "
                    "belemmerende factoren in.",
                    ("factoren", "domeinen"),
                    input=domein.value,
                )
            )
            continue
        index, row = rows[domein]
        for name in ("stimulerend", "belemmerend"):
            if is_empty(getattr(row, name)):
                path: Pad = ("factoren", "domeinen", index, name)
                found.append(
                    VELD_LEEG.bevinding(
                        f"Bij het domein '{domein.value}' is '{field_title(path)}' leeg. Vul "
                        "het in.",
                        path,
                    )
                )
    if all(is_empty(row.ondersteuningsbehoefte) for row in factoren.domeinen):
        found.append(
            GEEN_BEHOEFTE.bevinding(
                "Bij geen enkel domein staat een ondersteuningsbehoefte. Een OPP is er voor "
                "extra ondersteuning: vul in op welke domeinen de leerling die nodig heeft.",
                ("factoren", "domeinen"),
            )
        )
    found += [_empty(("factoren", name)) for name in _FACTOREN if is_empty(getattr(factoren, name))]
    return found

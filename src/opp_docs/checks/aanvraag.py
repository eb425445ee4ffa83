"""Aanvraag arrangement bij het SWV VO Westland, and the ACTA checklist.

Handreiking, "Aanvraag arrangement", algemene aanwijzingen: the motivering must always be
filled in and covers four questions; a TLV VSO always states the looptijd; every attachment
is added or its absence explained; all fields that apply are filled in; forms that are
incomplete or lack signatures are not handled by the ACTA; the checklist on the last page is
for delivering the dossier.

These rules apply when a request is filled in, or always with ``acta=True`` (``opp controleren
--acta``); then an empty request is one fout.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Context, Ernst, Pad, Regel
from opp_docs.checks.dates import age_on
from opp_docs.checks.onbekend import cannot_check, is_empty
from opp_docs.checks.ondertekening import check_signature_table, signature_boxes
from opp_docs.model import (
    BIJLAGEN,
    OPP,
    ROLLEN_AANVRAAG,
    ActaChecklistpunt,
    Arrangement,
    Looptijd,
)
from opp_docs.validation import field_title

__all__ = ["RULES", "check_aanvraag"]

_SOURCE = "Handreiking, aanvraag arrangement (algemene aanwijzingen)"

LEEG = Regel("aanvraag.leeg", Ernst.FOUT, _SOURCE, "Voor de ACTA: er is geen aanvraag ingevuld.")
ARRANGEMENT_LEEG = Regel(
    "aanvraag.arrangement_leeg", Ernst.FOUT, _SOURCE, "Er is geen arrangement aangekruist."
)
MOTIVERING_LEEG = Regel(
    "aanvraag.motivering_leeg",
    Ernst.FOUT,
    _SOURCE,
    "De motivering, of een van haar vier delen, is leeg.",
)
LOOPTIJD_LEEG = Regel(
    "aanvraag.looptijd_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Bij een (her)aanvraag van een TLV VSO is de gewenste looptijd niet aangegeven.",
)
VELD_LEEG = Regel(
    "aanvraag.veld_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Een veld dat van toepassing is (ingangsdatum en bekostigingscategorie bij een TLV VSO, "
    "beoogde school) is leeg.",
)
BIJLAGE_ONBEANTWOORD = Regel(
    "aanvraag.bijlage_onbeantwoord",
    Ernst.FOUT,
    _SOURCE,
    "Een bijlage is niet bijgevoegd en het ontbreken is niet toegelicht.",
)
ONDERTEKENING_LEEG = Regel(
    "aanvraag.ondertekening_leeg", Ernst.FOUT, _SOURCE, "De aanvraag is niet ondertekend."
)
ONDERTEKENING_ONVOLLEDIG = Regel(
    "aanvraag.ondertekening_onvolledig",
    Ernst.FOUT,
    _SOURCE,
    "Bij de ondertekening van de aanvraag ontbreekt een rol, een naam of een datum.",
)
CHECKLIST_OPEN = Regel(
    "acta.checklist_open",
    Ernst.FOUT,
    "Handreiking, aanvraag; checklist aanleveren dossier bij de ACTA",
    "Een punt van de ACTA-checklist is niet aangekruist.",
)

RULES = (
    LEEG,
    ARRANGEMENT_LEEG,
    MOTIVERING_LEEG,
    LOOPTIJD_LEEG,
    VELD_LEEG,
    BIJLAGE_ONBEANTWOORD,
    ONDERTEKENING_LEEG,
    ONDERTEKENING_ONVOLLEDIG,
    CHECKLIST_OPEN,
)

_TLV_VSO = (Arrangement.TLV_VSO, Arrangement.HERINDICATIE_TLV_VSO)
_PARTS = ("huidige_situatie", "wat_is_er_aan_de_hand", "wat_is_er_al_gedaan", "wat_is_er_nodig")
_LEERLING = "Leerling (16+)"


def ready_for_acta(plan: OPP, findings: list[Bevinding]) -> bool:
    """Whether ``plan`` may go to the ACTA: no fout among its ``findings`` (of
    :func:`~opp_docs.check_plan`, with or without ``acta``) and a request filled in (without
    ``acta`` an empty request is no finding, for the ACTA it is a fout)."""
    return plan.aanvraag.ingevuld and not any(f.ernst is Ernst.FOUT for f in findings)


def check_aanvraag(context: Context) -> list[Bevinding]:
    """Findings of the request and the ACTA checklist (see the module docstring)."""
    aanvraag = context.plan.aanvraag
    if not aanvraag.ingevuld:
        if not context.acta:
            return []
        return [
            LEEG.bevinding(
                "Er is geen aanvraag arrangement ingevuld. Vul de aanvraag in voordat het "
                "dossier naar de ACTA gaat.",
                ("aanvraag",),
            )
        ]
    found: list[Bevinding] = []
    if aanvraag.arrangement is None:
        found.append(
            ARRANGEMENT_LEEG.bevinding(
                "Bij 'Aangevraagd arrangement' is niets aangekruist. Kruis het arrangement aan.",
                ("aanvraag", "arrangement"),
            )
        )
    found += _motivering(context)
    found += _fields(context)
    found += _bijlagen(context)
    found += _signatures(context)
    found += _checklist(context)
    return found


def _motivering(context: Context) -> list[Bevinding]:
    motivering = context.plan.aanvraag.motivering
    empty = [part for part in _PARTS if is_empty(getattr(motivering, part))]
    if len(empty) == len(_PARTS):
        return [
            MOTIVERING_LEEG.bevinding(
                "De motivering is leeg. Vat het dossier samen: waar zit de leerling nu, wat is "
                "er aan de hand, wat is er al gedaan, wat is er nu nodig en voor hoeveel jaar?",
                ("aanvraag", "motivering"),
            )
        ]
    found: list[Bevinding] = []
    for part in empty:
        path: Pad = ("aanvraag", "motivering", part)
        found.append(
            MOTIVERING_LEEG.bevinding(
                f"In de motivering is '{field_title(path)}' leeg. Beantwoord die vraag.", path
            )
        )
    return found


def _fields(context: Context) -> list[Bevinding]:
    aanvraag = context.plan.aanvraag
    found: list[Bevinding] = []
    if aanvraag.arrangement in _TLV_VSO:
        if aanvraag.looptijd is None:
            found.append(
                LOOPTIJD_LEEG.bevinding(
                    "Bij een aanvraag voor een TLV VSO is 'Gewenste looptijd' leeg. Kruis de "
                    "looptijd aan.",
                    ("aanvraag", "looptijd"),
                )
            )
        elif aanvraag.looptijd is Looptijd.ANDERS and is_empty(aanvraag.looptijd_anders):
            found.append(
                LOOPTIJD_LEEG.bevinding(
                    "Bij 'Gewenste looptijd' is 'Anders, namelijk:' aangekruist maar niet "
                    "ingevuld. Schrijf de looptijd erachter.",
                    ("aanvraag", "looptijd_anders"),
                )
            )
        for name in ("ingangsdatum", "bekostigingscategorie"):
            if getattr(aanvraag, name) is None:
                found.append(_empty(("aanvraag", name), "Bij een aanvraag voor een TLV VSO is"))
    if is_empty(aanvraag.beoogde_school):
        found.append(_empty(("aanvraag", "beoogde_school"), "In de aanvraag is"))
    return found


def _empty(path: Pad, opening: str) -> Bevinding:
    return VELD_LEEG.bevinding(f"{opening} '{field_title(path)}' leeg. Vul het in.", path)


def _bijlagen(context: Context) -> list[Bevinding]:
    bijlagen = context.plan.aanvraag.bijlagen
    found: list[Bevinding] = []
    names = {(b.naam or "").strip().casefold() for b in bijlagen}
    for name in BIJLAGEN:
        if name.casefold() not in names:
            found.append(
                BIJLAGE_ONBEANTWOORD.bevinding(
                    f"De bijlage '{name}' staat niet in de lijst. Voeg hem bij, of leg uit "
                    "waarom hij ontbreekt.",
                    ("aanvraag", "bijlagen"),
                    input=name,
                )
            )
    for index, bijlage in enumerate(bijlagen):
        if bijlage.bijgevoegd is not True and is_empty(bijlage.toelichting):
            what = "niet bijgevoegd" if bijlage.bijgevoegd is False else "niet aangekruist"
            found.append(
                BIJLAGE_ONBEANTWOORD.bevinding(
                    f"Bijlage {index + 1} is {what} en het ontbreken is niet toegelicht. Voeg "
                    "hem bij, of vul 'Toelichting indien niet bijgevoegd' in.",
                    ("aanvraag", "bijlagen", index, "toelichting"),
                    input=bijlage.naam,
                )
            )
    return found


def _signatures(context: Context) -> list[Bevinding]:
    plan = context.plan
    rows = plan.aanvraag.ondertekening
    path: Pad = ("aanvraag", "ondertekening")
    table = "Ondertekening aanvraag"
    if not rows:
        return [
            ONDERTEKENING_LEEG.bevinding(
                "De aanvraag is niet ondertekend. Formulieren zonder handtekeningen neemt de "
                "ACTA niet in behandeling: laat elke rol tekenen, met naam en datum.",
                path,
            )
        ]
    found: list[Bevinding] = []
    required = [role for role in ROLLEN_AANVRAAG if role != _LEERLING]
    birth = plan.leerling.geboortedatum
    if birth is None:
        found.append(
            cannot_check("De handtekening van een leerling van 16+", ("leerling", "geboortedatum"))
        )
    elif age_on(birth, context.today) >= 16:
        required.append(_LEERLING)
    found += check_signature_table(rows, path, required, ONDERTEKENING_ONVOLLEDIG, table)
    found += signature_boxes(
        context, [row.ondertekend for row in rows], path, table, [row.rol for row in rows]
    )
    return found


def _checklist(context: Context) -> list[Bevinding]:
    plan = context.plan
    ticked = set(plan.acta_checklist)
    found: list[Bevinding] = []
    for point in ActaChecklistpunt:
        if point is ActaChecklistpunt.LOOPTIJD and plan.aanvraag.arrangement not in _TLV_VSO:
            continue
        if point not in ticked:
            found.append(
                CHECKLIST_OPEN.bevinding(
                    f"Op de ACTA-checklist is '{point.value}' niet aangekruist. Zorg dat het "
                    "klopt en kruis het aan.",
                    ("acta_checklist",),
                    input=point.value,
                )
            )
    return found

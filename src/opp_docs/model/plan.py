"""The Ontwikkelingsperspectiefplan as typed data: one class per part of the form.

Field titles are the labels printed on the form; descriptions carry the handreiking's
guidance. Every field may be empty: a half-filled plan is a valid object, and completeness
is a check (``opp controleren``), not a validation error. Lists drop blank items (a printed but
empty row or table is no item) and keep the order of the form where the form fixes one
(domains); elsewhere they keep the order given.

Deliberately absent (AVG, data minimisation): BSN, address, phone number, e-mail address.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, Field, field_validator

from opp_docs.model.base import Datum, Onderdeel, Tekst, is_blank
from opp_docs.model.keuzes import (
    ActaChecklistpunt,
    Afwijkingen,
    Arrangement,
    Bekostigingscategorie,
    Bijstelling,
    Domein,
    EvaluatieSoort,
    Looptijd,
    Uitstroomprofiel,
    Vervolgtraject,
)

__all__ = [
    "BIJLAGEN",
    "OPP",
    "ROLLEN_AANVRAAG",
    "ROLLEN_ONDERTEKENING",
    "Aanvraag",
    "Bijlage",
    "DomeinFactoren",
    "Evaluatie",
    "EvaluatieHandtekening",
    "Factoren",
    "Handelingsdeel",
    "Handelingsdoel",
    "Leerling",
    "Motivering",
    "Ondertekening",
    "Ontwikkelingsperspectief",
    "Ouder",
    "Periode",
]

ROLLEN_ONDERTEKENING: tuple[str, ...] = (
    "Leerling",
    "Ouder/verzorger",
    "Ouder/verzorger",
    "Mentor",
    "Ondersteuningscoördinator",
    "Namens het bevoegd gezag",
)
"""D. The roles pre-printed in the signature table, in order."""

ROLLEN_AANVRAAG: tuple[str, ...] = (
    "Namens het bevoegd gezag",
    "Ouder(s)/verzorger(s)",
    "Leerling (16+)",
)
"""Aanvraag. The roles pre-printed in the request's signature table, in order."""

BIJLAGEN: tuple[str, ...] = (
    "OPP met evaluaties",
    "Uitkomsten VOBL",
    "Onderzoeksverslag(en)",
    "Leerresultaten",
    "Verzuimoverzicht",
    "Verslag ondersteuningsteam/MDO",
    "Zienswijze ouder(s)/verzorger(s) en leerling",
    "Eerdere beschikking of TLV (bij herindicatie)",
)
"""Aanvraag. The attachments pre-printed in the Bijlagen table, in order."""

VOORGEDRUKTE_RIJEN: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {
    ("ondertekening",): ("rol", ROLLEN_ONDERTEKENING),
    ("aanvraag", "ondertekening"): ("rol", ROLLEN_AANVRAAG),
    ("aanvraag", "bijlagen"): ("naam", BIJLAGEN),
}
"""The lists whose rows the form pre-prints by text: the list's path in the plan, the item's
field that holds the printed text, and the texts in order. (A list keyed by a choice, the
domains, pre-prints every option of that choice, which the model says itself.)"""

_Item = TypeVar("_Item", bound=BaseModel)


def _without_blanks(items: list[_Item]) -> list[_Item]:
    return [item for item in items if not is_blank(item, ignore=_KEYS.get(type(item), _NO_KEYS))]


def _unique_in_order(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


_NO_KEYS: frozenset[str] = frozenset()


# ---------------------------------------------------------------- A. Gegevens van de leerling


class Ouder(Onderdeel):
    """One parent or carer: name and relation only."""

    naam: Tekst = Field(default=None, title="Naam")
    relatie: Tekst = Field(
        default=None,
        title="Relatie tot de leerling",
        description="Bijvoorbeeld moeder, vader, voogd, pleegouder.",
    )


class Leerling(Onderdeel):
    """A. Gegevens van de leerling."""

    naam: Tekst = Field(
        default=None,
        title="Naam leerling",
        description=(
            "Zoals officieel geregistreerd in de basisregistratie personen (BRP); de roepnaam "
            "mag tussen haakjes erachter, bijvoorbeeld 'Pieter Johannes de Vries (Piet)'."
        ),
    )
    leerlingnummer: Tekst = Field(
        default=None,
        title="Leerlingnummer",
        description="Het nummer in de leerlingadministratie (stamnummer).",
    )
    geboortedatum: Datum = Field(default=None, title="Geboortedatum")
    school_en_locatie: Tekst = Field(default=None, title="School en locatie")
    klas: Tekst = Field(default=None, title="Klas")
    leerjaar: Annotated[int | None, Field(ge=1, le=6)] = Field(default=None, title="Leerjaar")
    niveau_afdeling: Tekst = Field(default=None, title="Niveau/afdeling")
    datum_inschrijving: Datum = Field(default=None, title="Datum inschrijving")
    mentor: Tekst = Field(default=None, title="Mentor")
    ondersteuningscoordinator: Tekst = Field(default=None, title="Ondersteuningscoördinator")
    ouders: Annotated[list[Ouder], AfterValidator(_without_blanks)] = Field(
        default_factory=list,
        title="Ouder(s)/verzorger(s)",
        description="Alleen naam en relatie; adres en telefoonnummer horen in de administratie.",
    )

    @field_validator("leerjaar", mode="before")
    @classmethod
    def _leerjaar_empty(cls, value: Any) -> Any:
        return None if value == "" else value


# ------------------------------------------------------------ B. Ontwikkelingsperspectief


class Ontwikkelingsperspectief(Onderdeel):
    """B. Ontwikkelingsperspectief: uitstroomprofiel van de leerling."""

    uitstroomprofiel: Uitstroomprofiel | None = Field(
        default=None,
        title="Verwacht uitstroomprofiel",
        description=(
            "Kruis aan wat de verwachting is met betrekking tot het behalen van een diploma in "
            "het voortgezet onderwijs. Eén keuze."
        ),
    )
    vervolgtrajecten: Annotated[list[Vervolgtraject], AfterValidator(_unique_in_order)] = Field(
        default_factory=list,
        title="Verwacht vervolg(onderwijs)traject",
        description=(
            "Kruis aan wat de verwachting is voor het vervolg na het VO-diploma. Eén of meer."
        ),
    )
    vervolgtraject_anders: Tekst = Field(
        default=None,
        title="Anders, namelijk:",
        description="Toelichting bij 'Anders, namelijk:' onder het vervolgtraject.",
    )
    onderbouwing: Tekst = Field(
        default=None,
        title="Onderbouwing",
        description=(
            "Onderbouw de verwachting met de samenhangende argumenten uit de stimulerende en "
            "belemmerende factoren onder C, de gegevens over het onderwijs en de mate van "
            "onderwijsondersteunend gedrag van de ouder(s)/verzorger(s)."
        ),
    )

    @field_validator("vervolgtrajecten")
    @classmethod
    def _form_order(cls, value: list[Vervolgtraject]) -> list[Vervolgtraject]:
        order = list(Vervolgtraject)
        return sorted(value, key=order.index)


# ------------------------------------------------------------------------------ C. Factoren


class DomeinFactoren(Onderdeel):
    """C. One row of the factors table: a domain and its three columns."""

    domein: Domein = Field(title="Domein")
    stimulerend: Tekst = Field(
        default=None,
        title="Stimulerende factoren",
        description="De kwaliteiten van de leerling op dit domein.",
    )
    belemmerend: Tekst = Field(
        default=None,
        title="Belemmerende factoren",
        description="De beperkingen van de leerling op dit domein.",
    )
    ondersteuningsbehoefte: Tekst = Field(
        default=None,
        title="Ondersteuningsbehoefte",
        description=(
            "Welke ondersteuning is op dit domein nodig om het uitstroomprofiel te behalen? "
            "Leeg laten waar geen extra ondersteuning nodig is."
        ),
    )


class Factoren(Onderdeel):
    """C. Stimulerende en belemmerende factoren en de ondersteuningsbehoefte van de leerling."""

    domeinen: list[DomeinFactoren] = Field(
        default_factory=list,
        title="Domeinen",
        description=(
            "Eén rij per domein, in de volgorde van het formulier. Betrek de uitkomsten van de "
            "VOBL; benoem zowel kwaliteiten als beperkingen."
        ),
    )
    uitkomsten_vobl: Tekst = Field(
        default=None,
        title="Uitkomsten VOBL",
        description="De uitkomsten van de VOBL (vragenlijst ondersteuningsbehoefte).",
    )
    samenvattende_analyse: Tekst = Field(
        default=None,
        title="Samenvattende analyse",
        description=(
            "Wat heeft de leerling nodig om het benoemde uitstroomniveau te behalen, en welke "
            "vorm van ondersteuning kan daarbij helpen?"
        ),
    )
    wat_vindt_de_leerling: Tekst = Field(
        default=None,
        title="Wat vindt de leerling?",
        description=(
            "Wat denkt de leerling zelf nodig te hebben, en hoe draagt hij of zij er zelf aan "
            "bij? Maak duidelijke afspraken over het eigen aandeel."
        ),
    )
    wat_vinden_ouders: Tekst = Field(
        default=None,
        title="Wat vinden ouder(s)/verzorger(s)?",
        description="Wat is het aandeel van ouder(s)/verzorger(s) in het behalen van het niveau?",
    )

    @field_validator("domeinen")
    @classmethod
    def _one_row_per_domain(cls, value: list[DomeinFactoren]) -> list[DomeinFactoren]:
        seen: set[Domein] = set()
        for row in value:
            if row.domein in seen:
                raise ValueError(
                    f"het domein '{row.domein.value}' staat er meer dan eens in. Zet alles "
                    "van dat domein in één rij."
                )
            seen.add(row.domein)
        order = list(Domein)
        return sorted(_without_blanks(value), key=lambda row: order.index(row.domein))


# --------------------------------------------------------------------------- D. Ondertekening


class Ondertekening(Onderdeel):
    """D. One signature row (also used by the aanvraag): role, name, date, signed or not."""

    rol: Tekst = Field(default=None, title="Rol")
    naam: Tekst = Field(default=None, title="Naam")
    datum: Datum = Field(default=None, title="Datum")
    ondertekend: bool = Field(
        default=False,
        title="Handtekening",
        description=(
            "Of het handtekeningvak iets bevat (tekst of een afbeelding). Wordt bij het "
            "uitlezen bepaald; bij het invullen blijft het vak leeg om met de hand of digitaal "
            "te ondertekenen."
        ),
    )


# ------------------------------------------------------------------ E/F. Handelingsdeel


class Periode(Onderdeel):
    """F. The period of a goal: 'Van 01/10/2024 t/m 31/12/2024', optionally a frequency."""

    van: Datum = Field(default=None, title="Van")
    tot_en_met: Datum = Field(default=None, title="t/m")
    frequentie: Tekst = Field(
        default=None, title="Frequentie", description="Bijvoorbeeld 'wekelijks'."
    )


class Handelingsdoel(Onderdeel):
    """F. One item row of a domain table."""

    domein: Domein = Field(title="Domein")
    beoogd_resultaat: Tekst = Field(
        default=None,
        title="Beoogd resultaat",
        description=(
            "De doelen die je met deze ondersteuning hoopt te bereiken, zo SMART mogelijk: wat "
            "wil je bereiken in concreet waarneembaar gedrag, en wanneer?"
        ),
    )
    activiteiten: Tekst = Field(
        default=None,
        title="Activiteiten door wie (incl. functie)",
        description="Welke persoon (met functie) verricht welke activiteiten?",
    )
    periode: Periode = Field(
        default_factory=Periode,
        title="Periode",
        description="Gedurende welke periode, bijvoorbeeld 'Van 01/10/2024 t/m 31/12/2024'.",
    )


class Handelingsdeel(Onderdeel):
    """F. Handelingsdeel: the goals per domain and the agreements around them."""

    doelen: list[Handelingsdoel] = Field(
        default_factory=list,
        title="Handelingsdeel",
        description=(
            "De ondersteuningsbehoeften uit C, uitgewerkt in doelen en activiteiten; per domein "
            "in de volgorde van het formulier."
        ),
    )
    datum_eerste_tussenevaluatie: Datum = Field(
        default=None,
        title="Datum eerste tussenevaluatie",
        description=(
            "Wordt bij vaststelling van het OPP met alle betrokkenen afgesproken; uiterlijk "
            "3 maanden na de start."
        ),
    )
    afwijkingen: Afwijkingen | None = Field(
        default=None,
        title="Afwijkingen van het reguliere onderwijsprogramma",
        description=("Wettelijk verplicht: omschrijf de afwijkingen, of vermeld dat er geen zijn."),
    )
    afwijkingen_omschrijving: Tekst = Field(
        default=None,
        title="Er zijn de volgende afwijkingen:",
        description="Omschrijving van de afwijkingen.",
    )
    instemming_ouders: bool = Field(
        default=False,
        title="Ouder(s)/verzorger(s) stemmen in met het handelingsdeel",
        description="Het handelingsdeel wordt pas vastgesteld na instemming van de ouders.",
    )
    instemming_leerling: bool = Field(
        default=False,
        title="De leerling (16 jaar of ouder) stemt in met het handelingsdeel",
        description="Vanaf 16 jaar heeft de leerling zelf instemmingsrecht.",
    )
    zienswijze: Tekst = Field(
        default=None,
        title="Zienswijze ouder(s)/verzorger(s) en leerling",
        description="Indien nodig: de zienswijze van ouder(s)/verzorger(s) en leerling.",
    )

    @field_validator("doelen")
    @classmethod
    def _domain_order(cls, value: list[Handelingsdoel]) -> list[Handelingsdoel]:
        order = list(Domein)
        return sorted(_without_blanks(value), key=lambda item: order.index(item.domein))


# ------------------------------------------------------------------------------ G. Evaluaties


class EvaluatieHandtekening(Onderdeel):
    """G. One signature row of an evaluation table."""

    naam: Tekst = Field(default=None, title="Naam")
    functie: Tekst = Field(default=None, title="Functie")
    ondertekend: bool = Field(
        default=False,
        title="Handtekening",
        description="Of het handtekeningvak iets bevat; wordt bij het uitlezen bepaald.",
    )


class Evaluatie(Onderdeel):
    """G. One evaluation table (Tussenevaluatie n or Eindevaluatie)."""

    soort: EvaluatieSoort = Field(default=EvaluatieSoort.TUSSENEVALUATIE, title="Soort")
    datum: Datum = Field(default=None, title="Datum")
    aanwezig: Tekst = Field(default=None, title="Aanwezig")
    terugblik: Tekst = Field(
        default=None,
        title="Terugblik op de geboden ondersteuning en de resultaten",
        description="Terugblik door alle betrokkenen op de geboden ondersteuning en resultaten.",
    )
    vervolgacties: Tekst = Field(
        default=None, title="Vervolgacties", description="Welke vervolgacties moeten plaatsvinden?"
    )
    bijstelling: Bijstelling | None = Field(
        default=None,
        title="Bijstelling OPP of uitstroomprofiel",
        description="Moet het handelingsdeel of het uitstroomprofiel worden bijgesteld?",
    )
    bijstelling_toelichting: Tekst = Field(
        default=None, title="Ja, namelijk:", description="Welke bijstelling."
    )
    datum_volgende_evaluatie: Datum = Field(
        default=None,
        title="Datum volgende evaluatie",
        description="Tijdens elke evaluatie wordt de datum van de volgende vastgesteld.",
    )
    ondertekening: Annotated[list[EvaluatieHandtekening], AfterValidator(_without_blanks)] = Field(
        default_factory=list, title="Ondertekening"
    )


# ---------------------------------------------------------------------- Aanvraag arrangement


class Motivering(Onderdeel):
    """Aanvraag. Motivering: a short summary of the whole dossier, in four parts."""

    huidige_situatie: Tekst = Field(
        default=None, title="Waar zit de leerling nu (school, niveau, leerjaar)?"
    )
    wat_is_er_aan_de_hand: Tekst = Field(default=None, title="Wat is er aan de hand?")
    wat_is_er_al_gedaan: Tekst = Field(default=None, title="Wat is er al gedaan?")
    wat_is_er_nodig: Tekst = Field(default=None, title="Wat is er nu nodig en voor hoeveel jaar?")


class Bijlage(Onderdeel):
    """Aanvraag. One row of the Bijlagen table."""

    naam: Tekst = Field(default=None, title="Bijlage")
    bijgevoegd: bool | None = Field(
        default=None,
        title="Bijgevoegd",
        description="Ja of nee; leeg als geen van beide is aangekruist.",
    )
    toelichting: Tekst = Field(
        default=None,
        title="Toelichting indien niet bijgevoegd",
        description="Als een bijlage ontbreekt, leg dan uit waarom.",
    )


class Aanvraag(Onderdeel):
    """Aanvraag arrangement bij het SWV VO Westland. Empty when no arrangement is requested."""

    arrangement: Arrangement | None = Field(default=None, title="Aangevraagd arrangement")
    bekostigingscategorie: Bekostigingscategorie | None = Field(
        default=None, title="Bekostigingscategorie", description="Alleen bij een TLV VSO."
    )
    looptijd: Looptijd | None = Field(
        default=None,
        title="Gewenste looptijd",
        description="Verplicht bij een aanvraag voor een TLV VSO.",
    )
    looptijd_anders: Tekst = Field(
        default=None, title="Anders, namelijk:", description="Toelichting bij een andere looptijd."
    )
    ingangsdatum: Datum = Field(default=None, title="Ingangsdatum")
    beoogde_school: Tekst = Field(default=None, title="Beoogde school of voorziening")
    motivering: Motivering = Field(
        default_factory=Motivering,
        title="Motivering",
        description=(
            "Moet altijd worden ingevuld: een korte samenvatting van het dossier. De "
            "onderbouwing moet in het dossier terug te vinden zijn."
        ),
    )
    bijlagen: Annotated[list[Bijlage], AfterValidator(_without_blanks)] = Field(
        default_factory=list,
        title="Bijlagen",
        description="Voeg de bijlagen bij die de aanvraag onderbouwen, of leg uit waarom niet.",
    )
    ondertekening: Annotated[list[Ondertekening], AfterValidator(_without_blanks)] = Field(
        default_factory=list, title="Ondertekening aanvraag"
    )

    @property
    def ingevuld(self) -> bool:
        """True when anything of the request is filled in."""
        return not is_blank(self)


# ------------------------------------------------------------------------------- The plan


class OPP(Onderdeel):
    """An Ontwikkelingsperspectiefplan (OPP 2024-2025 of the SWV VO Westland)."""

    model_config = Onderdeel.model_config | {"title": "Ontwikkelingsperspectiefplan"}

    datum: Datum = Field(
        default=None,
        title="Datum",
        description="De datum van het plan, bovenaan het formulier. Vergeet hem niet.",
    )
    startdatum_opp: Datum = Field(
        default=None,
        title="Startdatum OPP",
        description="Begindatum voor de registratie in ROD (reguliere scholen).",
    )
    einddatum_opp: Datum = Field(
        default=None,
        title="Einddatum OPP",
        description="Einddatum voor de registratie in ROD (reguliere scholen).",
    )
    datum_ondersteuningsbehoefte: Datum = Field(
        default=None,
        title="Datum vaststelling ondersteuningsbehoefte",
        description=(
            "De datum waarop de extra ondersteuningsbehoefte is vastgesteld, als dat tijdens "
            "het schooljaar gebeurde. Het OPP wordt vastgesteld binnen 6 weken na de start van "
            "het schooljaar of binnen 6 weken na deze datum."
        ),
    )
    leerling: Leerling = Field(default_factory=Leerling, title="A. Gegevens van de leerling")
    ontwikkelingsperspectief: Ontwikkelingsperspectief = Field(
        default_factory=Ontwikkelingsperspectief,
        title="B. Ontwikkelingsperspectief: uitstroomprofiel van de leerling",
    )
    factoren: Factoren = Field(
        default_factory=Factoren,
        title=(
            "C. Stimulerende en belemmerende factoren en de ondersteuningsbehoefte van de leerling"
        ),
    )
    ondertekening: Annotated[list[Ondertekening], AfterValidator(_without_blanks)] = Field(
        default_factory=list,
        title="D. Ondertekening",
        description=(
            "Alle betrokkenen ondertekenen zodra het plan is besproken. Verplicht. Wie niet "
            "voorgedrukt staat, komt in een extra rij."
        ),
    )
    handelingsadviezen: Tekst = Field(
        default=None,
        title="E. Handelingsadviezen voor docenten",
        description=(
            "Een beknopte handelingswijzer voor docenten (neem de VOBL-resultaten mee); bespreek "
            "hem in het team."
        ),
    )
    handelingsdeel: Handelingsdeel = Field(
        default_factory=Handelingsdeel, title="F. Handelingsdeel"
    )
    evaluaties: Annotated[list[Evaluatie], AfterValidator(_without_blanks)] = Field(
        default_factory=list,
        title="G. Evaluaties",
        description=(
            "Minimaal 3 tussenevaluaties per jaar op vooraf vastgestelde data; de eindevaluatie "
            "na de looptijd en ten minste jaarlijks. In de volgorde van het formulier."
        ),
    )
    aanvraag: Aanvraag = Field(
        default_factory=Aanvraag, title="Aanvraag arrangement bij het SWV VO Westland"
    )
    acta_checklist: Annotated[list[ActaChecklistpunt], AfterValidator(_unique_in_order)] = Field(
        default_factory=list,
        title="Checklist aanleveren dossier bij de ACTA",
        description="De aangekruiste punten van de checklist.",
    )

    @field_validator("acta_checklist")
    @classmethod
    def _form_order(cls, value: list[ActaChecklistpunt]) -> list[ActaChecklistpunt]:
        order = list(ActaChecklistpunt)
        return sorted(value, key=order.index)


# Fields that identify an item rather than fill it: an item with only these is blank.
_KEYS: dict[type[BaseModel], frozenset[str]] = {
    DomeinFactoren: frozenset({"domein"}),
    Handelingsdoel: frozenset({"domein"}),
    Evaluatie: frozenset({"soort"}),
    Ondertekening: frozenset({"rol"}),
    Bijlage: frozenset({"naam"}),
}

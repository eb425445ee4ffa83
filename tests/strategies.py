"""Hypothesis strategies for whole plans, shared by the round-trip tests.

Plans are built through the model, so they are canonical (blank items dropped, domains in
form order). What fill cannot write is left at its default: a signature box is signed by
hand (``ondertekend`` stays False).

Text leaves out what XML cannot hold and ``\\r`` (stored as ``\\n``), and the checkbox glyphs
☐ ☒ ☑ ■ □: typed into free text they read as boxes, a documented limit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from opp_docs.model import (
    BIJLAGEN,
    OPP,
    ROLLEN_AANVRAAG,
    ROLLEN_ONDERTEKENING,
    Aanvraag,
    ActaChecklistpunt,
    Afwijkingen,
    Arrangement,
    Bekostigingscategorie,
    Bijlage,
    Bijstelling,
    Domein,
    DomeinFactoren,
    Evaluatie,
    EvaluatieHandtekening,
    EvaluatieSoort,
    Factoren,
    Handelingsdeel,
    Handelingsdoel,
    Leerling,
    Looptijd,
    Motivering,
    Ondertekening,
    Ontwikkelingsperspectief,
    Ouder,
    Periode,
    Uitstroomprofiel,
    Vervolgtraject,
)

_GLYPHS = "☐☒☑■□"
_SPECIAL = "éëïĳÉË&<>\"' \t\n"
_LABELS = [
    "Mentor",
    "Klas",
    "Datum",
    "Naam",
    "Samenvattende analyse",
    "Anders, namelijk:",
    "Tussenevaluatie 1",
    "X HBO",
    "Van 01/10/2024 t/m 31/12/2024",
]

_characters = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters=_GLYPHS + "\ufffe\uffff",
) | st.sampled_from(_SPECIAL)

text: st.SearchStrategy[str | None] = st.one_of(
    st.none(),
    st.none(),
    st.text(_characters, max_size=12),
    st.sampled_from(_LABELS),
    st.text(st.sampled_from("ab \t\n"), max_size=6),
)
long_text: st.SearchStrategy[str | None] = text | st.text(_characters, min_size=500, max_size=2000)
"""For the few fields that hold long stories (onderbouwing, analyse, handelingsadviezen)."""
dates: st.SearchStrategy[date | None] = st.none() | st.dates(date(1900, 1, 1), date(2100, 12, 31))


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _lists(strategy: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=max_size)


leerling = st.builds(
    Leerling,
    naam=text,
    leerlingnummer=text,
    geboortedatum=dates,
    school_en_locatie=text,
    klas=text,
    leerjaar=_maybe(st.integers(1, 6)),
    niveau_afdeling=text,
    datum_inschrijving=dates,
    mentor=text,
    ondersteuningscoordinator=text,
    ouders=_lists(st.builds(Ouder, naam=text, relatie=text)),
)

perspectief = st.builds(
    Ontwikkelingsperspectief,
    uitstroomprofiel=_maybe(st.sampled_from(Uitstroomprofiel)),
    vervolgtrajecten=st.lists(st.sampled_from(Vervolgtraject), unique=True),
    vervolgtraject_anders=text,
    onderbouwing=long_text,
)

factoren = st.builds(
    Factoren,
    domeinen=st.lists(st.sampled_from(Domein), unique=True).flatmap(
        lambda domains: st.tuples(
            *[
                st.builds(
                    DomeinFactoren,
                    domein=st.just(d),
                    stimulerend=text,
                    belemmerend=text,
                    ondersteuningsbehoefte=text,
                )
                for d in domains
            ]
        ).map(list)
    ),
    uitkomsten_vobl=text,
    samenvattende_analyse=long_text,
    wat_vindt_de_leerling=text,
    wat_vinden_ouders=text,
)


def _signatures(roles: tuple[str, ...]) -> st.SearchStrategy[list[Ondertekening]]:
    role = st.one_of(st.sampled_from(roles), text, st.just(" mentor "))
    return _lists(st.builds(Ondertekening, rol=role, naam=text, datum=dates), max_size=8)


handelingsdeel = st.builds(
    Handelingsdeel,
    doelen=_lists(
        st.builds(
            Handelingsdoel,
            domein=st.sampled_from(Domein),
            beoogd_resultaat=text,
            activiteiten=text,
            periode=st.builds(Periode, van=dates, tot_en_met=dates, frequentie=text),
        ),
        max_size=6,
    ),
    datum_eerste_tussenevaluatie=dates,
    afwijkingen=_maybe(st.sampled_from(Afwijkingen)),
    afwijkingen_omschrijving=text,
    instemming_ouders=st.booleans(),
    instemming_leerling=st.booleans(),
    zienswijze=text,
)

evaluatie = st.builds(
    Evaluatie,
    soort=st.sampled_from(EvaluatieSoort),
    datum=dates,
    aanwezig=text,
    terugblik=text,
    vervolgacties=text,
    bijstelling=_maybe(st.sampled_from(Bijstelling)),
    bijstelling_toelichting=text,
    datum_volgende_evaluatie=dates,
    ondertekening=_lists(st.builds(EvaluatieHandtekening, naam=text, functie=text)),
)

aanvraag = st.builds(
    Aanvraag,
    arrangement=_maybe(st.sampled_from(Arrangement)),
    bekostigingscategorie=_maybe(st.sampled_from(Bekostigingscategorie)),
    looptijd=_maybe(st.sampled_from(Looptijd)),
    looptijd_anders=text,
    ingangsdatum=dates,
    beoogde_school=text,
    motivering=st.builds(
        Motivering,
        huidige_situatie=text,
        wat_is_er_aan_de_hand=text,
        wat_is_er_al_gedaan=text,
        wat_is_er_nodig=text,
    ),
    bijlagen=_lists(
        st.builds(
            Bijlage,
            naam=st.one_of(st.sampled_from(BIJLAGEN), text),
            bijgevoegd=_maybe(st.booleans()),
            toelichting=text,
        ),
        max_size=10,
    ),
    ondertekening=_signatures(ROLLEN_AANVRAAG),
)

plans: st.SearchStrategy[OPP] = st.builds(
    OPP,
    datum=dates,
    startdatum_opp=dates,
    einddatum_opp=dates,
    datum_ondersteuningsbehoefte=dates,
    leerling=leerling,
    ontwikkelingsperspectief=perspectief,
    factoren=factoren,
    ondertekening=_signatures(ROLLEN_ONDERTEKENING),
    handelingsadviezen=long_text,
    handelingsdeel=handelingsdeel,
    evaluaties=_lists(evaluatie, max_size=6),
    aanvraag=aanvraag,
    acta_checklist=st.lists(st.sampled_from(ActaChecklistpunt), unique=True),
)

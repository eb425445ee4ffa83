"""Every rule fires on one change to the example plan and stays quiet on the example itself.

The table must name every rule: a new rule without a case here fails
``test_every_rule_has_a_case``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest

from opp_docs.checks import REGELS
from opp_docs.example import example_plan
from opp_docs.model import OPP, Aanvraag, Domein

from .helpers import AFTER_TERM, check, codes, sign_everything

Change = Callable[[OPP], None]


def _unchanged(plan: OPP) -> None:
    del plan


@dataclass(frozen=True)
class Case:
    fire: Change
    quiet: Change = _unchanged
    fire_options: dict[str, bool] = field(default_factory=dict)
    quiet_options: dict[str, bool] = field(default_factory=dict)


def _set(path: str, value: object) -> Change:
    """A change that sets the attribute at a dotted path (list indices as numbers)."""

    def change(plan: OPP) -> None:
        *steps, last = path.split(".")
        target: object = plan
        for step in steps:
            target = target[int(step)] if step.isdigit() else getattr(target, step)  # type: ignore[index]
        setattr(target, last, value)

    return change


def _drop(path: str, index: int) -> Change:
    def change(plan: OPP) -> None:
        target: object = plan
        for step in path.split("."):
            target = getattr(target, step)
        assert isinstance(target, list)
        del target[index]

    return change


def _no_needs(plan: OPP) -> None:
    for row in plan.factoren.domeinen:
        row.ondersteuningsbehoefte = None


def _drop_domain_goal(plan: OPP) -> None:
    plan.handelingsdeel.doelen = [
        doel for doel in plan.handelingsdeel.doelen if doel.domein is not Domein.WERKHOUDING
    ]


def _late(plan: OPP) -> None:
    plan.datum_ondersteuningsbehoefte = date(2024, 8, 1)
    plan.datum = date(2024, 10, 15)  # regio Midden: 6 weeks after 26-08-2024 is 07-10-2024


def _beyond_the_calendar(plan: OPP) -> None:
    plan.datum = date(2030, 9, 1)


_KNOWN = {"signatures_known": True}

CASES: dict[str, Case] = {
    "deel1.datum_leeg": Case(_set("datum", None)),
    "deel1.veld_leeg": Case(_set("leerling.klas", None)),
    "deel1.geen_ondersteuningsbehoefte": Case(_no_needs),
    "uitstroom.profiel_leeg": Case(_set("ontwikkelingsperspectief.uitstroomprofiel", None)),
    "uitstroom.vervolgtraject_leeg": Case(_set("ontwikkelingsperspectief.vervolgtrajecten", [])),
    "ondertekening.leeg": Case(_set("ondertekening", [])),
    "ondertekening.onvolledig": Case(_drop("ondertekening", 3)),
    "handtekening.niet_gezet": Case(
        _unchanged, sign_everything, fire_options=_KNOWN, quiet_options=_KNOWN
    ),
    "handtekening.onbekend": Case(_unchanged, sign_everything, quiet_options=_KNOWN),
    "termijn.zes_weken": Case(_late),
    "termijn.kalender_onbekend": Case(_beyond_the_calendar),
    "handelingsdeel.domein_zonder_doel": Case(_drop_domain_goal),
    "handelingsdeel.veld_leeg": Case(_set("handelingsdeel.doelen.0.activiteiten", None)),
    "handelingsdeel.periode_omgekeerd": Case(
        _set("handelingsdeel.doelen.0.periode.tot_en_met", date(2024, 10, 6))
    ),
    "handelingsdeel.afwijkingen_leeg": Case(_set("handelingsdeel.afwijkingen", None)),
    "instemming.ouders": Case(_set("handelingsdeel.instemming_ouders", False)),
    "instemming.leerling": Case(_set("handelingsdeel.instemming_leerling", False)),
    "evaluatie.eerste_datum_leeg": Case(_set("handelingsdeel.datum_eerste_tussenevaluatie", None)),
    "evaluatie.eerste_te_laat": Case(
        _set("handelingsdeel.datum_eerste_tussenevaluatie", date(2025, 1, 2))
    ),
    "evaluatie.te_weinig": Case(_drop("evaluaties", 1)),
    "evaluatie.datum_leeg": Case(_set("evaluaties.1.datum", None)),
    "evaluatie.veld_leeg": Case(_set("evaluaties.0.terugblik", None)),
    "evaluatie.volgende_datum_leeg": Case(_set("evaluaties.0.datum_volgende_evaluatie", None)),
    "evaluatie.volgende_voor_datum": Case(
        _set("evaluaties.0.datum_volgende_evaluatie", date(2024, 12, 10))
    ),
    "evaluatie.eindevaluatie_ontbreekt": Case(_drop("evaluaties", 3)),
    "evaluatie.ondertekening_leeg": Case(_set("evaluaties.0.ondertekening", [])),
    "aanvraag.leeg": Case(
        _set("aanvraag", Aanvraag()), fire_options={"acta": True}, quiet_options={"acta": True}
    ),
    "aanvraag.arrangement_leeg": Case(_set("aanvraag.arrangement", None)),
    "aanvraag.motivering_leeg": Case(_set("aanvraag.motivering.wat_is_er_nodig", None)),
    "aanvraag.looptijd_leeg": Case(_set("aanvraag.looptijd", None)),
    "aanvraag.veld_leeg": Case(_set("aanvraag.ingangsdatum", None)),
    "aanvraag.bijlage_onbeantwoord": Case(_set("aanvraag.bijlagen.2.toelichting", None)),
    "aanvraag.ondertekening_leeg": Case(_set("aanvraag.ondertekening", [])),
    "aanvraag.ondertekening_onvolledig": Case(_drop("aanvraag.ondertekening", 2)),
    "acta.checklist_open": Case(_set("acta_checklist", [])),
    "rod.datum_leeg": Case(_set("einddatum_opp", None)),
    "rod.volgorde": Case(_set("einddatum_opp", date(2024, 9, 30))),
    "avg.bsn": Case(_set("handelingsdeel.zienswijze", "BSN 111222333")),
    "avg.email": Case(_set("handelingsdeel.zienswijze", "Mail naar noor.vdberg@example.nl")),
    "avg.telefoon": Case(_set("handelingsdeel.zienswijze", "Bel moeder: 06-12345678")),
    "avg.adres": Case(_set("handelingsdeel.zienswijze", "Woont aan de Hoofdstraat 12a")),
    "controle.niet_mogelijk": Case(_set("leerling.geboortedatum", None)),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(REGELS)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires(code: str) -> None:
    case = CASES[code]
    plan = example_plan()
    case.fire(plan)
    assert code in codes(check(plan, AFTER_TERM, **case.fire_options))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet(code: str) -> None:
    case = CASES[code]
    plan = example_plan()
    case.quiet(plan)
    assert code not in codes(check(plan, AFTER_TERM, **case.quiet_options))

"""Rules around their boundary dates, and rules whose input is missing."""

from __future__ import annotations

from datetime import date

import pytest

from opp_docs.example import example_plan
from opp_docs.model import Evaluatie, EvaluatieSoort, Ondertekening

from .helpers import check, codes, places


@pytest.mark.parametrize(
    ("start", "first", "fires"),
    [
        (date(2024, 10, 1), date(2025, 1, 1), False),  # exactly 3 months
        (date(2024, 10, 1), date(2025, 1, 2), True),  # 3 months and one day
        (date(2024, 11, 30), date(2025, 2, 28), False),  # no 30 February: month end
        (date(2024, 11, 30), date(2025, 3, 1), True),
    ],
)
def test_first_tussenevaluatie_at_the_latest_3_months(
    start: date, first: date, fires: bool
) -> None:
    plan = example_plan()
    plan.startdatum_opp = start
    plan.handelingsdeel.datum_eerste_tussenevaluatie = first
    findings = check(plan, date(2024, 10, 1))
    assert ("evaluatie.eerste_te_laat" in codes(findings)) is fires
    if fires:
        assert places(findings, "evaluatie.eerste_te_laat") == [
            ("handelingsdeel", "datum_eerste_tussenevaluatie")
        ]


def test_first_tussenevaluatie_counts_from_the_plan_date_without_a_start_date() -> None:
    plan = example_plan()
    plan.startdatum_opp = None
    plan.datum = date(2024, 10, 1)
    plan.handelingsdeel.datum_eerste_tussenevaluatie = date(2025, 1, 2)
    assert "evaluatie.eerste_te_laat" in codes(check(plan))


@pytest.mark.parametrize(
    ("birth", "fires"),
    [
        (date(2008, 10, 1), True),  # turns 16 on the day of the plan
        (date(2008, 10, 2), False),  # turns 16 the day after
    ],
)
def test_student_consent_from_16_on_the_plan_date(birth: date, fires: bool) -> None:
    plan = example_plan()
    plan.datum = date(2024, 10, 1)
    plan.leerling.geboortedatum = birth
    plan.handelingsdeel.instemming_leerling = False
    findings = check(plan)
    assert ("instemming.leerling" in codes(findings)) is fires


def test_student_consent_without_a_plan_date_says_it_cannot_check() -> None:
    plan = example_plan()
    plan.datum = None
    plan.handelingsdeel.instemming_leerling = False
    findings = check(plan)
    assert "instemming.leerling" not in codes(findings)
    assert ("datum",) in places(findings, "controle.niet_mogelijk")


@pytest.mark.parametrize(
    ("need", "plan_date", "fires"),
    [
        # Regio Midden 2024-2025: first school day 26-08-2024, plus 6 weeks is 07-10-2024.
        (None, date(2024, 10, 1), False),
        (None, date(2024, 10, 7), False),
        (None, date(2024, 10, 8), True),
        (None, date(2024, 10, 15), True),
        (date(2024, 9, 10), date(2024, 10, 22), False),
        (date(2024, 9, 10), date(2024, 10, 23), True),
        (date(2024, 8, 10), date(2024, 10, 7), False),  # need in the holiday: the school day
        (date(2024, 5, 1), date(2024, 10, 7), False),  # need from last school year
        (date(2024, 5, 1), date(2024, 10, 8), True),
    ],
)
def test_six_weeks(need: date | None, plan_date: date, fires: bool) -> None:
    plan = example_plan()
    plan.datum_ondersteuningsbehoefte = need
    plan.datum = plan_date
    findings = check(plan)
    assert ("termijn.zes_weken" in codes(findings)) is fires
    if fires:
        assert places(findings, "termijn.zes_weken") == [("datum",)]


def test_six_weeks_without_a_date_says_it_cannot_check() -> None:
    plan = example_plan()
    plan.datum = None
    findings = check(plan)
    assert "termijn.zes_weken" not in codes(findings)
    assert ("datum",) in places(findings, "controle.niet_mogelijk")


def _short_plan(evaluation_dates: list[date]) -> list[Evaluatie]:
    return [Evaluatie(soort=EvaluatieSoort.TUSSENEVALUATIE, datum=day) for day in evaluation_dates]


def test_tussenevaluaties_counted_only_up_to_today() -> None:
    plan = example_plan()
    # Only the first evaluation has happened by 15 January; one was due by then.
    assert "evaluatie.te_weinig" not in codes(check(plan, date(2025, 1, 15)))
    plan.evaluaties = []
    plan.handelingsdeel.datum_eerste_tussenevaluatie = date(2024, 12, 10)
    # The first is fixed but in the past and not recorded: nothing planned after it.
    assert "evaluatie.te_weinig" not in codes(check(plan, date(2025, 1, 15)))
    assert "evaluatie.te_weinig" not in codes(check(plan, date(2025, 6, 1)))  # 243 days: 1 due
    assert "evaluatie.te_weinig" in codes(check(plan, date(2025, 6, 2)))  # 244 days: 2 due


def test_a_short_term_needs_fewer_tussenevaluaties() -> None:
    plan = example_plan()
    plan.startdatum_opp = date(2025, 5, 1)
    plan.einddatum_opp = date(2025, 7, 31)
    plan.handelingsdeel.datum_eerste_tussenevaluatie = date(2025, 6, 1)
    plan.evaluaties = [
        *_short_plan([date(2025, 6, 1)]),
        Evaluatie(soort=EvaluatieSoort.EINDEVALUATIE, datum=date(2025, 7, 15)),
    ]
    assert "evaluatie.te_weinig" not in codes(check(plan))
    plan.evaluaties = plan.evaluaties[1:]
    assert places(check(plan), "evaluatie.te_weinig") == [("evaluaties",)]


def test_a_term_over_a_year_needs_a_yearly_eindevaluatie() -> None:
    plan = example_plan()
    plan.einddatum_opp = date(2026, 7, 10)
    eind = plan.evaluaties[3]
    plan.evaluaties = plan.evaluaties[:3]
    # Window 1 ends 30-09-2025; its eindevaluatie may come until 30-12-2025.
    assert "evaluatie.eindevaluatie_ontbreekt" not in codes(check(plan, date(2025, 12, 30)))
    assert "evaluatie.eindevaluatie_ontbreekt" in codes(check(plan, date(2025, 12, 31)))
    plan.evaluaties = [*plan.evaluaties, eind]
    assert "evaluatie.eindevaluatie_ontbreekt" not in codes(check(plan, date(2026, 1, 1)))


def test_evaluations_still_to_come_need_no_content() -> None:
    plan = example_plan()
    findings = check(plan, date(2025, 3, 1))
    assert "evaluatie.veld_leeg" not in codes(findings)
    plan.evaluaties[2].terugblik = None  # 15-04-2025: still to come on 1 March
    assert "evaluatie.veld_leeg" not in codes(check(plan, date(2025, 3, 1)))
    assert places(check(plan, date(2025, 4, 15)), "evaluatie.veld_leeg") == [
        ("evaluaties", 2, "terugblik")
    ]


def test_a_final_eindevaluatie_needs_no_next_date_but_a_yearly_one_does() -> None:
    plan = example_plan()
    plan.evaluaties[3].datum_volgende_evaluatie = None
    assert "evaluatie.volgende_datum_leeg" not in codes(check(plan))
    plan.einddatum_opp = date(2026, 7, 10)
    assert places(check(plan), "evaluatie.volgende_datum_leeg") == [
        ("evaluaties", 3, "datum_volgende_evaluatie")
    ]


def test_one_parent_signing_is_enough() -> None:
    plan = example_plan()
    del plan.ondertekening[2]
    assert "ondertekening.onvolledig" not in codes(check(plan))
    del plan.ondertekening[1]
    findings = check(plan)
    assert places(findings, "ondertekening.onvolledig") == [("ondertekening",)]
    assert [f.input for f in findings if f.code == "ondertekening.onvolledig"] == [
        "Ouder/verzorger"
    ]


def test_a_signature_without_a_date_is_named_by_row() -> None:
    plan = example_plan()
    plan.ondertekening[3] = Ondertekening(rol="Mentor", naam="Jeroen Bakker")
    assert places(check(plan), "ondertekening.onvolledig") == [("ondertekening", 3, "datum")]


def test_empty_signature_boxes_of_a_parsed_form_are_named_by_row() -> None:
    plan = example_plan()
    for row in plan.ondertekening[1:]:
        row.ondertekend = True
    findings = check(plan, date(2024, 10, 1), signatures_known=True)
    assert ("ondertekening", 0, "ondertekend") in places(findings, "handtekening.niet_gezet")
    assert ("ondertekening", 1, "ondertekend") not in places(findings, "handtekening.niet_gezet")


def test_leerling_signs_the_aanvraag_only_from_16() -> None:
    plan = example_plan()
    del plan.aanvraag.ondertekening[2]
    plan.leerling.geboortedatum = date(2010, 11, 2)
    assert "aanvraag.ondertekening_onvolledig" not in codes(check(plan, date(2026, 11, 1)))
    assert "aanvraag.ondertekening_onvolledig" in codes(check(plan, date(2026, 11, 2)))


def test_aanvraag_rules_wait_for_a_request_or_acta() -> None:
    plan = example_plan()
    plan.aanvraag = type(plan.aanvraag)()
    plan.acta_checklist = []
    assert not {c for c in codes(check(plan)) if c.startswith(("aanvraag.", "acta."))}
    assert places(check(plan, acta=True), "aanvraag.leeg") == [("aanvraag",)]


def test_checklist_looptijd_only_for_a_tlv_vso() -> None:
    from opp_docs.model import ActaChecklistpunt, Arrangement

    plan = example_plan()
    plan.acta_checklist = [p for p in ActaChecklistpunt if p is not ActaChecklistpunt.LOOPTIJD]
    assert "acta.checklist_open" in codes(check(plan))
    plan.aanvraag.arrangement = Arrangement.FLEXCOLLEGE
    assert "acta.checklist_open" not in codes(check(plan))

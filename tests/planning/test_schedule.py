"""The evaluation calendar: fixed dates kept, proposals that satisfy the rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opp_docs.checks import check_plan
from opp_docs.errors import InputError
from opp_docs.example import example_plan
from opp_docs.model import OPP, Bijstelling, Evaluatie, EvaluatieHandtekening, EvaluatieSoort
from opp_docs.planning import Afspraak, plan_evaluations


def test_fixed_dates_of_the_example_are_kept_and_nothing_is_added() -> None:
    afspraken = plan_evaluations(example_plan())
    assert [(a.datum, a.soort, a.vastgesteld) for a in afspraken] == [
        (date(2024, 12, 10), EvaluatieSoort.TUSSENEVALUATIE, True),
        (date(2025, 2, 18), EvaluatieSoort.TUSSENEVALUATIE, True),
        (date(2025, 4, 15), EvaluatieSoort.TUSSENEVALUATIE, True),
        (date(2025, 6, 24), EvaluatieSoort.EINDEVALUATIE, True),
    ]


def test_a_fixed_first_date_is_kept_and_the_rest_proposed() -> None:
    plan = example_plan()
    plan.evaluaties = []
    afspraken = plan_evaluations(plan)
    assert afspraken[0] == Afspraak(
        date(2024, 12, 10),
        EvaluatieSoort.TUSSENEVALUATIE,
        "240117",
        "Noor Elisabeth van den Berg (Noor)",
        True,
    )
    assert [a.vastgesteld for a in afspraken[1:]] == [False, False, False]
    assert afspraken[-1].soort is EvaluatieSoort.EINDEVALUATIE
    assert all(a.datum.weekday() < 5 for a in afspraken if not a.vastgesteld)


def test_a_plan_without_a_start_cannot_be_planned() -> None:
    with pytest.raises(InputError) as info:
        plan_evaluations(OPP())
    assert info.value.code == "planning.geen_start"


def _held(afspraken: list[Afspraak]) -> list[Evaluatie]:
    """The proposed calendar as held evaluations: filled in, signed, each fixing the next."""
    evaluations = []
    for index, afspraak in enumerate(afspraken):
        following = afspraken[index + 1].datum if index + 1 < len(afspraken) else None
        evaluations.append(
            Evaluatie(
                soort=afspraak.soort,
                datum=afspraak.datum,
                aanwezig="alle betrokkenen",
                terugblik="t",
                vervolgacties="v",
                bijstelling=Bijstelling.NEE,
                datum_volgende_evaluatie=following,
                ondertekening=[EvaluatieHandtekening(naam="Mentor", functie="mentor")],
            )
        )
    return evaluations


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(date(2023, 1, 1), date(2027, 12, 31)),
    days=st.integers(28, 3 * 366),  # a plan of at least four weeks
)
def test_proposals_satisfy_the_evaluation_rules(start: date, days: int) -> None:
    plan = example_plan()
    plan.datum = start
    plan.startdatum_opp = start
    plan.einddatum_opp = start + timedelta(days=days)
    plan.evaluaties = []
    plan.handelingsdeel.datum_eerste_tussenevaluatie = None
    afspraken = plan_evaluations(plan)
    assert all(not a.vastgesteld for a in afspraken)
    first = next(a.datum for a in afspraken if a.soort is EvaluatieSoort.TUSSENEVALUATIE)
    plan.handelingsdeel.datum_eerste_tussenevaluatie = first
    plan.evaluaties = _held(afspraken)
    for today in (start, start + timedelta(days=days // 2), start + timedelta(days=days + 200)):
        findings = check_plan(plan, today=today)
        assert not [f.code for f in findings if f.code.startswith("evaluatie.")], today

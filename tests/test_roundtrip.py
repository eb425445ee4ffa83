"""parse(fill(plan)) == plan: for the example and for generated plans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.model import (
    OPP,
    Domein,
    DomeinFactoren,
    Evaluatie,
    EvaluatieHandtekening,
    Factoren,
    Leerling,
    Ondertekening,
    Ontwikkelingsperspectief,
    Vervolgtraject,
)
from opp_docs.parsing import parse
from tests.strategies import plans


def test_example_round_trip_without_findings() -> None:
    plan = example_plan()
    result = parse(fill(plan))
    assert result.problems == []
    assert result.plan == plan


def test_empty_plan_round_trip() -> None:
    result = parse(fill(OPP()))
    assert result.problems == []
    assert result.plan == OPP()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plans)
def test_generated_plans_round_trip(plan: OPP) -> None:
    result = parse(fill(plan))
    assert [f.code for f in result.problems] == []
    assert result.plan == plan


@pytest.mark.parametrize(
    "plan",
    [
        OPP(leerling=Leerling(klas="Mentor", mentor="Klas")),
        OPP(factoren=Factoren(samenvattende_analyse="Samenvattende analyse")),
        OPP(factoren=Factoren(uitkomsten_vobl="Samenvattende analyse")),
        OPP(
            factoren=Factoren(
                domeinen=[
                    DomeinFactoren(
                        domein=Domein.COGNITIEF, ondersteuningsbehoefte="Samenvattende analyse"
                    )
                ]
            )
        ),
        OPP(
            factoren=Factoren(
                domeinen=[
                    DomeinFactoren(domein=domein, ondersteuningsbehoefte="Samenvattende analyse")
                    for domein in (Domein.COGNITIEF, Domein.WERKHOUDING)
                ]
            )
        ),
        OPP(evaluaties=[Evaluatie(ondertekening=[EvaluatieHandtekening(naam="Datum")])]),
        OPP(ondertekening=[Ondertekening(rol=" mentor ", naam="x"), Ondertekening(naam="y")]),
        OPP(
            ontwikkelingsperspectief=Ontwikkelingsperspectief(
                vervolgtrajecten=[Vervolgtraject.ANDERS], vervolgtraject_anders="a\nX HBO\tX WO"
            )
        ),
    ],
    ids=[
        "swapped-labels",
        "own-label",
        "next-label",
        "label-in-rows",
        # Two rows, one under the other, read like the label: the upper one looked like a
        # label whose value cell is the lower one, and was guessed before the rows' cells
        # were left out (found by hypothesis).
        "label-in-two-rows",
        "label-in-evaluation-signature",
        "role-spelling",
        "typed-marks-in-free-text",
    ],
)
def test_values_that_read_like_labels_or_boxes(plan: OPP) -> None:
    result = parse(fill(plan))
    assert [f.code for f in result.problems] == []
    assert result.plan == plan

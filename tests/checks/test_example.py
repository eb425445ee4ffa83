"""The example plan passes every rule; blanking three places gives exactly those three."""

from __future__ import annotations

from datetime import date

import pytest

from opp_docs.checks import Ernst
from opp_docs.example import example_plan
from opp_docs.model import Motivering

from .helpers import check, fouten, sign_everything


@pytest.mark.parametrize(
    "today",
    [date(2024, 10, 1), date(2024, 12, 31), date(2025, 3, 1), date(2025, 8, 1), date(2026, 9, 1)],
)
@pytest.mark.parametrize("acta", [False, True])
def test_example_has_no_fout(today: date, acta: bool) -> None:
    assert fouten(check(example_plan(), today, acta=acta)) == []


def test_signed_example_read_from_a_form_has_no_finding_at_all() -> None:
    plan = example_plan()
    sign_everything(plan)
    assert check(plan, signatures_known=True) == []


def test_example_from_json_only_warns_that_signatures_are_unknown() -> None:
    findings = check(example_plan())
    assert {f.code for f in findings} == {"handtekening.onbekend"}
    assert all(f.ernst is Ernst.WAARSCHUWING for f in findings)


def test_blanked_signatures_motivering_and_looptijd_are_exactly_three_fouten() -> None:
    plan = example_plan()
    plan.ondertekening = []
    plan.aanvraag.motivering = Motivering()
    plan.aanvraag.looptijd = None
    found = {(f.code, f.path) for f in fouten(check(plan, acta=True))}
    assert found == {
        ("ondertekening.leeg", ("ondertekening",)),
        ("aanvraag.motivering_leeg", ("aanvraag", "motivering")),
        ("aanvraag.looptijd_leeg", ("aanvraag", "looptijd")),
    }

"""check_plan never raises, whatever plan, date and options it is given."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from opp_docs.checks import REGELS, Ernst, check_plan, ready_for_acta
from opp_docs.checks.report import plan_report_json, plan_report_text
from opp_docs.model import OPP
from tests.strategies import plans


@settings(max_examples=200, deadline=None)
@given(
    plan=plans,
    today=st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    acta=st.booleans(),
    signatures_known=st.booleans(),
)
def test_check_plan_never_raises(
    plan: OPP, today: date, acta: bool, signatures_known: bool
) -> None:
    findings = check_plan(plan, today=today, acta=acta, signatures_known=signatures_known)
    for finding in findings:
        assert REGELS[finding.code] is finding.regel
        assert finding.message
    plan_report_text("Plan", findings)
    json.dumps(plan_report_json(plan, findings))


@settings(max_examples=200, deadline=None)
@given(plan=plans, today=st.dates(date(2000, 1, 1), date(2040, 12, 31)), acta=st.booleans())
def test_ready_for_acta_needs_no_second_run(plan: OPP, today: date, acta: bool) -> None:
    """Findings with or without ``acta`` tell the same: no fout when checked for the ACTA."""
    findings = check_plan(plan, today=today, acta=acta)
    for_acta = check_plan(plan, today=today, acta=True)
    expected = not any(finding.ernst is Ernst.FOUT for finding in for_acta)
    assert ready_for_acta(plan, findings) is expected

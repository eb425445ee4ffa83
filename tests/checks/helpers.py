"""Helpers for the rule tests: the example plan, dates and how findings are compared."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from opp_docs.checks import Bevinding, Ernst, check_plan
from opp_docs.checks.base import Pad
from opp_docs.model import OPP

AFTER_TERM = date(2025, 11, 1)
"""After the example's term and its grace period: every "as of" rule applies in full."""


def codes(findings: Iterable[Bevinding]) -> set[str]:
    return {finding.code for finding in findings}


def places(findings: Iterable[Bevinding], code: str) -> list[Pad]:
    return [finding.path for finding in findings if finding.code == code]


def fouten(findings: Iterable[Bevinding]) -> list[Bevinding]:
    return [finding for finding in findings if finding.ernst is Ernst.FOUT]


def check(plan: OPP, today: date = AFTER_TERM, **options: Any) -> list[Bevinding]:
    return check_plan(plan, today=today, **options)


def sign_everything(plan: OPP) -> None:
    """Tick every signature box, as a parsed, fully signed form would have them."""
    for row in [*plan.ondertekening, *plan.aanvraag.ondertekening]:
        row.ondertekend = True
    for evaluatie in plan.evaluaties:
        for signature in evaluatie.ondertekening:
            signature.ondertekend = True

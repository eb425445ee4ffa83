"""Whether a plan may go on: to the parents (:func:`ready_for_parents`) and to the ACTA
(:func:`~opp_docs.checks.aanvraag.ready_for_acta`), judged from the findings of
:func:`~opp_docs.checks.check_plan`."""

from __future__ import annotations

from collections.abc import Sequence

from opp_docs.checks.base import Bevinding, Ernst

__all__ = ["FOR_PARENTS", "ready_for_parents"]

FOR_PARENTS = ("deel1.", "uitstroom.", "handelingsdeel.")
"""The rules of what the parents read and consent to: the student and the date (A), the
perspective (B), the factors (C) and the handelingsdeel (F). Signatures, consent, the
evaluations and the aanvraag follow the conversation with them, so their findings do not
hold the plan back from it."""


def ready_for_parents(findings: Sequence[Bevinding]) -> bool:
    """Whether a plan with ``findings`` can be discussed with the parents: no fout of the
    rules in :data:`FOR_PARENTS`.

    >>> from datetime import date
    >>> import opp_docs
    >>> from opp_docs.checks import check_plan
    >>> ready_for_parents(check_plan(opp_docs.example_plan(), today=date(2024, 11, 1)))
    True
    >>> ready_for_parents(check_plan(opp_docs.OPP(), today=date(2024, 11, 1)))
    False
    """
    return not any(f.ernst is Ernst.FOUT and f.code.startswith(FOR_PARENTS) for f in findings)

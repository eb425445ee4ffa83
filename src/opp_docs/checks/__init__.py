"""The handreiking's rules as checks: complete, on time, consented, ready for the ACTA.

    findings = check_plan(plan, today=date.today(), acta=True)
    [f.code for f in findings if f.ernst is Ernst.FOUT]

Each rule (:class:`Regel`) has a stable code, a severity (``fout`` or ``waarschuwing``), a
source in the handreiking or the law and a Dutch summary; :data:`REGELS` lists them all and
``docs/regels.md`` documents them. A check returns :class:`Bevinding` records with a Dutch
message naming the form label and the model path of the place. The checks read only the
model; they know nothing of Word or Excel.

Modules, one concept each: ``deel1`` (A–C and the date), ``ondertekening`` (D and every
signature table), ``termijn`` (6 weeks), ``handelingsdeel`` (F), ``instemming`` (consent),
``evaluaties`` (G, with the arithmetic in ``cadence`` and ``dates``), ``aanvraag`` (request
and ACTA checklist), ``rod``, ``avg``, ``onbekend`` (a rule whose input is missing), and
``report`` (the Dutch report and its JSON form).
"""

from opp_docs.checks.aanvraag import ready_for_acta
from opp_docs.checks.base import Bevinding, Context, Ernst, Regel
from opp_docs.checks.readiness import ready_for_parents
from opp_docs.checks.run import REGELS, check_plan

__all__ = [
    "REGELS",
    "Bevinding",
    "Context",
    "Ernst",
    "Regel",
    "check_plan",
    "ready_for_acta",
    "ready_for_parents",
]

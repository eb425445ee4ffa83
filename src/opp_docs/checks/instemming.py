"""Consent to the handelingsdeel: the parents always, the student from 16.

Handreiking, "Wie stelt het OPP vast?": parents must consent to the handelingsdeel; it is set
only after they agree. From 16 the student has that right too (instemmingsrecht, Wet op het
voortgezet onderwijs): a student who is 16 or older on the date of the plan consents as well.
"""

from __future__ import annotations

from opp_docs.checks.base import Bevinding, Context, Ernst, Regel
from opp_docs.checks.dates import age_on
from opp_docs.checks.onbekend import cannot_check

__all__ = ["RULES", "check_instemming"]

OUDERS = Regel(
    "instemming.ouders",
    Ernst.FOUT,
    "Handreiking, 'Wie stelt het OPP vast?'",
    "Ouder(s)/verzorger(s) hebben niet ingestemd met het handelingsdeel.",
)
LEERLING = Regel(
    "instemming.leerling",
    Ernst.FOUT,
    "Handreiking, 'Wie stelt het OPP vast?'; WVO (instemmingsrecht vanaf 16 jaar)",
    "Een leerling van 16 jaar of ouder op de datum van het plan heeft niet ingestemd.",
)

RULES = (OUDERS, LEERLING)

_WHAT = "De instemming van een leerling van 16 jaar of ouder"


def check_instemming(context: Context) -> list[Bevinding]:
    """Findings of the consent boxes of F."""
    plan = context.plan
    deel = plan.handelingsdeel
    found: list[Bevinding] = []
    if not deel.instemming_ouders:
        found.append(
            OUDERS.bevinding(
                "'Ouder(s)/verzorger(s) stemmen in met het handelingsdeel' is niet aangekruist. "
                "Het handelingsdeel wordt pas vastgesteld na instemming van de ouders.",
                ("handelingsdeel", "instemming_ouders"),
            )
        )
    birth = plan.leerling.geboortedatum
    if birth is None:
        found.append(cannot_check(_WHAT, ("leerling", "geboortedatum")))
    elif plan.datum is None:
        found.append(cannot_check(_WHAT, ("datum",)))
    elif age_on(birth, plan.datum) >= 16 and not deel.instemming_leerling:
        found.append(
            LEERLING.bevinding(
                "De leerling is op de datum van het plan 16 jaar of ouder, maar 'De leerling "
                "(16 jaar of ouder) stemt in met het handelingsdeel' is niet aangekruist. Vraag "
                "ook de leerling om instemming.",
                ("handelingsdeel", "instemming_leerling"),
            )
        )
    return found

"""ROD: a regular school registers the begin and end date of every OPP.

Handreiking, "Vermelding in ROD": since 1 August 2015 regular schools must register in ROD
(Register Onderwijsdeelnemers) that a student has an OPP, with a begin and an end date. Not
for praktijkonderwijs and VSO, where every student has an OPP.

The plan has no field for the kind of school. It is read from what the student attends now:
'Niveau/afdeling', then 'School en locatie' (words such as "praktijkonderwijs", "PrO", "VSO",
"voortgezet speciaal onderwijs"). Only when both are empty does the expected uitstroomprofiel
decide (Praktijkonderwijs or a VSO profile); with nothing to go on the school counts as
regular, so the rule rather asks once too often than never.
"""

from __future__ import annotations

import re

from opp_docs.checks.base import Bevinding, Context, Ernst, Regel
from opp_docs.checks.onbekend import is_empty
from opp_docs.formats import format_date
from opp_docs.model import OPP, Uitstroomprofiel

__all__ = ["RULES", "check_rod", "rod_required"]

_SOURCE = "Handreiking, 'Vermelding in ROD'"

DATUM_LEEG = Regel(
    "rod.datum_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Een reguliere school heeft de startdatum of de einddatum van het OPP niet ingevuld.",
)
VOLGORDE = Regel(
    "rod.volgorde",
    Ernst.FOUT,
    _SOURCE,
    "De einddatum van het OPP ligt voor de startdatum.",
)

RULES = (DATUM_LEEG, VOLGORDE)

_SPECIAL = re.compile(
    r"\b(?:pro|praktijkonderwijs|vso|voortgezet\s+speciaal\s+onderwijs)\b", re.IGNORECASE
)
_SPECIAL_PROFILES = frozenset(
    {
        Uitstroomprofiel.PRAKTIJKONDERWIJS,
        Uitstroomprofiel.VSO_VERVOLGONDERWIJS,
        Uitstroomprofiel.VSO_ARBEIDSMARKT,
        Uitstroomprofiel.VSO_DAGBESTEDING,
    }
)


def rod_required(plan: OPP) -> bool:
    """True unless the student attends praktijkonderwijs or VSO (see the module docstring)."""
    texts = [plan.leerling.niveau_afdeling, plan.leerling.school_en_locatie]
    known = [text for text in texts if not is_empty(text)]
    if known:
        return not any(_SPECIAL.search(text or "") for text in known)
    return plan.ontwikkelingsperspectief.uitstroomprofiel not in _SPECIAL_PROFILES


def check_rod(context: Context) -> list[Bevinding]:
    """Findings of the ROD dates."""
    plan = context.plan
    found: list[Bevinding] = []
    start, end = plan.startdatum_opp, plan.einddatum_opp
    if rod_required(plan):
        for name, value in (("startdatum_opp", start), ("einddatum_opp", end)):
            if value is None:
                label = "Startdatum OPP" if name == "startdatum_opp" else "Einddatum OPP"
                found.append(
                    DATUM_LEEG.bevinding(
                        f"'{label}' is leeg. Een reguliere school registreert begin- en "
                        "einddatum van het OPP in ROD; vul de datum in.",
                        (name,),
                    )
                )
    if start is not None and end is not None and end < start:
        found.append(
            VOLGORDE.bevinding(
                f"'Einddatum OPP' ({format_date(end)}) ligt voor 'Startdatum OPP' "
                f"({format_date(start)}). Verbeter de data.",
                ("einddatum_opp",),
            )
        )
    return found

"""G. Evaluaties: dates fixed in advance, often enough, each fixing the next, and signed.

Handreiking, F and G: the date of the first tussenevaluatie is agreed when the plan is set,
and it takes place at the latest 3 months in; tussenevaluaties at least 3 times a year; each
evaluation fixes the date of the next; the eindevaluatie after the term and at least yearly;
everyone signs each evaluation. The arithmetic is in :mod:`opp_docs.checks.cadence`.

These rules are read "as of" ``today``: an evaluation dated on or before ``today`` has taken
place and must be filled in and signed; counts are checked for the parts of school years up
to ``today``, never for dates still to come.
"""

from __future__ import annotations

from datetime import date

from opp_docs.checks.base import Bevinding, Context, Ernst, Pad, Regel
from opp_docs.checks.cadence import (
    first_deadline,
    required_so_far,
    required_tussen,
    term_of,
    window_deadline,
    yearly_windows,
)
from opp_docs.checks.dates import school_year_portions
from opp_docs.checks.onbekend import cannot_check, is_empty
from opp_docs.checks.ondertekening import signature_boxes
from opp_docs.formats import format_date
from opp_docs.model import Bijstelling, Evaluatie, EvaluatieSoort
from opp_docs.validation import field_title

__all__ = ["RULES", "check_evaluaties"]

_SOURCE = "Handreiking, F en G"

EERSTE_DATUM_LEEG = Regel(
    "evaluatie.eerste_datum_leeg",
    Ernst.FOUT,
    _SOURCE,
    "De datum van de eerste tussenevaluatie is niet vastgesteld.",
)
EERSTE_TE_LAAT = Regel(
    "evaluatie.eerste_te_laat",
    Ernst.FOUT,
    _SOURCE,
    "De eerste tussenevaluatie is later dan 3 maanden na de start van het OPP.",
)
TE_WEINIG = Regel(
    "evaluatie.te_weinig",
    Ernst.FOUT,
    _SOURCE,
    "Minder dan 3 tussenevaluaties per schooljaar (naar rato voor een deel van een schooljaar).",
)
DATUM_LEEG = Regel(
    "evaluatie.datum_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Een evaluatie heeft geen datum.",
)
VELD_LEEG = Regel(
    "evaluatie.veld_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Bij een gehouden evaluatie is 'Aanwezig', de terugblik, de vervolgacties of de "
    "bijstelling leeg.",
)
VOLGENDE_LEEG = Regel(
    "evaluatie.volgende_datum_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Een gehouden evaluatie heeft de datum van de volgende evaluatie niet vastgesteld.",
)
VOLGENDE_VOOR_DATUM = Regel(
    "evaluatie.volgende_voor_datum",
    Ernst.FOUT,
    _SOURCE,
    "De datum van de volgende evaluatie ligt niet na de datum van de evaluatie.",
)
EINDEVALUATIE_ONTBREEKT = Regel(
    "evaluatie.eindevaluatie_ontbreekt",
    Ernst.FOUT,
    _SOURCE,
    "Er is geen eindevaluatie na de looptijd, of (bij een looptijd van meer dan een jaar) "
    "niet elk jaar.",
)
ONDERTEKENING_LEEG = Regel(
    "evaluatie.ondertekening_leeg",
    Ernst.FOUT,
    _SOURCE,
    "Een gehouden evaluatie heeft geen ondertekening.",
)

RULES = (
    EERSTE_DATUM_LEEG,
    EERSTE_TE_LAAT,
    TE_WEINIG,
    DATUM_LEEG,
    VELD_LEEG,
    VOLGENDE_LEEG,
    VOLGENDE_VOOR_DATUM,
    EINDEVALUATIE_ONTBREEKT,
    ONDERTEKENING_LEEG,
)

_CONTENT = ("aanwezig", "terugblik", "vervolgacties", "bijstelling")


def _name(index: int, evaluatie: Evaluatie) -> str:
    return f"evaluatie {index + 1} ({evaluatie.soort.value})"


def check_evaluaties(context: Context) -> list[Bevinding]:
    """Findings of the evaluation dates, counts, contents and signatures."""
    found = _first(context)
    found += _each(context)
    found += _counts(context)
    return found


def _first(context: Context) -> list[Bevinding]:
    plan = context.plan
    fixed = plan.handelingsdeel.datum_eerste_tussenevaluatie
    path: Pad = ("handelingsdeel", "datum_eerste_tussenevaluatie")
    if fixed is None:
        return [
            EERSTE_DATUM_LEEG.bevinding(
                "'Datum eerste tussenevaluatie' is leeg. Spreek de datum bij het vaststellen "
                "van het OPP met alle betrokkenen af.",
                path,
            )
        ]
    start, _ = term_of(plan)
    if start is None:
        return [cannot_check("De termijn van de eerste tussenevaluatie", ("startdatum_opp",))]
    deadline = first_deadline(start)
    if fixed > deadline:
        return [
            EERSTE_TE_LAAT.bevinding(
                f"De eerste tussenevaluatie ({format_date(fixed)}) is later dan 3 maanden na de "
                f"start van het OPP; uiterlijk {format_date(deadline)}. Kies een eerdere datum.",
                path,
            )
        ]
    return []


def _each(context: Context) -> list[Bevinding]:
    plan = context.plan
    start, end = term_of(plan)
    # An eindevaluatie before the last year of the term is a yearly one: the plan goes on.
    windows = yearly_windows(start, end) if start is not None and end is not None else []
    last_year = windows[-1][0] if windows else None
    found: list[Bevinding] = []
    unknown_signatures = False
    for index, evaluatie in enumerate(plan.evaluaties):
        base: Pad = ("evaluaties", index)
        name = _name(index, evaluatie)
        if evaluatie.datum is None:
            found.append(
                DATUM_LEEG.bevinding(
                    f"Bij {name} is 'Datum' leeg. Vul de datum van de evaluatie in.",
                    (*base, "datum"),
                )
            )
            continue
        following = evaluatie.datum_volgende_evaluatie
        if following is not None and following <= evaluatie.datum:
            found.append(
                VOLGENDE_VOOR_DATUM.bevinding(
                    f"Bij {name} ligt 'Datum volgende evaluatie' niet na de datum van de "
                    "evaluatie. Verbeter de datum.",
                    (*base, "datum_volgende_evaluatie"),
                )
            )
        if evaluatie.datum > context.today:
            continue  # still to come: nothing to fill in or sign yet
        for field in _CONTENT:
            if is_empty(getattr(evaluatie, field)):
                path: Pad = (*base, field)
                found.append(
                    VELD_LEEG.bevinding(
                        f"Bij {name} is '{field_title(path)}' leeg. Vul het in.", path
                    )
                )
        if evaluatie.bijstelling is Bijstelling.JA and is_empty(evaluatie.bijstelling_toelichting):
            found.append(
                VELD_LEEG.bevinding(
                    f"Bij {name} is 'Ja, namelijk:' aangekruist maar niet toegelicht. Schrijf "
                    "welke bijstelling.",
                    (*base, "bijstelling_toelichting"),
                )
            )
        continues = evaluatie.soort is EvaluatieSoort.TUSSENEVALUATIE or (
            last_year is not None and evaluatie.datum < last_year
        )
        if continues and following is None:
            found.append(
                VOLGENDE_LEEG.bevinding(
                    f"Bij {name} is 'Datum volgende evaluatie' leeg. Stel tijdens elke evaluatie "
                    "de datum van de volgende vast.",
                    (*base, "datum_volgende_evaluatie"),
                )
            )
        rows = evaluatie.ondertekening
        if not any(not is_empty(row.naam) for row in rows):
            found.append(
                ONDERTEKENING_LEEG.bevinding(
                    f"Bij {name} is de ondertekening leeg. Alle betrokkenen ondertekenen de "
                    "evaluatie.",
                    (*base, "ondertekening"),
                )
            )
        elif context.signatures_known:
            found += signature_boxes(
                context,
                [row.ondertekend for row in rows],
                (*base, "ondertekening"),
                name,
                [row.functie for row in rows],
            )
        else:
            unknown_signatures = True
    if unknown_signatures:
        found += signature_boxes(context, [False], ("evaluaties",), "G. Evaluaties")
    return found


def _tussen_dates(context: Context, *, planned: bool) -> set[date]:
    plan = context.plan
    recorded = {
        e.datum
        for e in plan.evaluaties
        if e.soort is EvaluatieSoort.TUSSENEVALUATIE and e.datum is not None
    }
    if not planned:
        return recorded
    held = {e.datum for e in plan.evaluaties if e.datum is not None}
    upcoming = {e.datum_volgende_evaluatie for e in plan.evaluaties} - held - {None}
    first = plan.handelingsdeel.datum_eerste_tussenevaluatie
    return recorded | {d for d in upcoming if d is not None} | ({first} if first else set())


def _counts(context: Context) -> list[Bevinding]:
    plan = context.plan
    start, end = term_of(plan)
    what = "Het aantal evaluaties per schooljaar"
    if start is None:
        return [cannot_check(what, ("startdatum_opp",))]
    if end is None:
        return [cannot_check(what, ("einddatum_opp",))]
    today = context.today
    found: list[Bevinding] = []
    for first, last in school_year_portions(start, end):
        if first > today:
            break
        done = last < today
        need = required_tussen(first, last) if done else required_so_far(first, today)
        dates = _tussen_dates(context, planned=not done)
        have = sum(first <= d <= last for d in dates)
        if have < need:
            found.append(
                TE_WEINIG.bevinding(
                    f"Van {format_date(first)} tot en met {format_date(last)} staan {have} "
                    f"tussenevaluatie(s), er zijn er minstens {need} nodig (3 per schooljaar). "
                    "Plan en houd de ontbrekende evaluaties.",
                    ("evaluaties",),
                    input=have,
                )
            )
    eind = [e.datum for e in plan.evaluaties if e.soort is EvaluatieSoort.EINDEVALUATIE and e.datum]
    for first, last in yearly_windows(start, end):
        deadline = window_deadline(last)
        if deadline >= today:
            break
        if not any(first <= d <= deadline for d in eind):
            found.append(
                EINDEVALUATIE_ONTBREEKT.bevinding(
                    f"Er is geen eindevaluatie voor {format_date(first)} tot en met "
                    f"{format_date(last)}. Houd de eindevaluatie na de looptijd, en bij een "
                    "looptijd van meer dan een jaar elk jaar.",
                    ("evaluaties",),
                )
            )
    return found

"""``opp controleren`` and ``opp planning``: the handreiking's rules and the evaluation calendar.

Both read plans from forms (.docx), plan files (.json) and workbooks (.xlsx, every plan in
it), given as files, folders or quoted patterns, through :class:`opp_docs.cli.plans.Reading`.
A source naming nothing and a file that cannot be read are each one Dutch line on stderr
naming the file; the other files are still handled, and the exit code is 1.

``opp controleren`` prints one compact report per plan (``--uitgebreid`` adds each rule's source)
and, for more than one plan, a summary table; ``--json`` prints everything as JSON. Both
commands take ``--regio`` (noord, midden, zuid; default midden), the school holiday region the
6-week rule and the proposed dates follow.
"""

from __future__ import annotations

import argparse
import sys

from opp_docs.cli import console, exitcodes
from opp_docs.cli.arguments import (
    SOURCES_HELP,
    add_command,
    add_output,
    add_overwrite,
    date_arg,
    path_arg,
)
from opp_docs.regions import DEFAULT_REGIO, Regio

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date

    from opp_docs.mapping import Mapping
    from opp_docs.model import OPP
    from opp_docs.planning import Afspraak
    from opp_docs.sources import LoadedPlan

# The rules, the planning and the readers are imported when a command runs (start-up).

__all__ = ["register"]


def _place(item: LoadedPlan) -> str:
    return f"bestand '{item.file}'" + (f", rij {item.row}" if item.row is not None else "")


def _title(item: LoadedPlan) -> str:
    leerling = item.plan.leerling
    return (
        f"{leerling.naam or '(geen naam)'} ({leerling.leerlingnummer or 'geen leerlingnummer'})"
        f" - {_place(item)}"
    )


def _settings(args: argparse.Namespace) -> Mapping | None:
    """The forms' mapping (``--mapping``), and the region into ``args.regio``: ``--regio``,
    else the mapping's ``regio``, else the bundled mapping's (midden, Westland)."""
    from opp_docs.mapping import default_mapping, load_mapping

    mapping = None if args.mapping is None else load_mapping(args.mapping)
    if args.regio is None:
        chosen = (mapping or default_mapping()).regio
        args.regio = Regio(chosen) if chosen is not None else DEFAULT_REGIO
    return mapping


def _cmd_check(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from opp_docs.checks import Ernst, check_plan, ready_for_acta
    from opp_docs.checks.report import SummaryRow, plan_report_json, plan_report_text, summary_text
    from opp_docs.cli.plans import Reading

    today: date = args.op or date.today()
    failed = False
    reports: list[dict[str, object]] = []
    summary: list[SummaryRow] = []
    reading = Reading(args.plans, mapping=_settings(args))
    for item in reading:
        findings = check_plan(
            item.plan,
            today=today,
            acta=args.acta,
            signatures_known=item.signatures_known,
            regio=args.regio,
        )
        errors = sum(f.ernst is Ernst.FOUT for f in findings)
        failed = failed or errors > 0
        if item.problems:
            console.note(
                f"{_place(item)}: {len(item.problems)} melding(en) bij het lezen; zie "
                "'opp uitlezen --rapport'."
            )
        if args.json:
            reports.append(plan_report_json(item.plan, findings, file=item.file, row=item.row))
            continue
        sys.stdout.write(
            plan_report_text(_title(item), findings, uitgebreid=args.uitgebreid) + "\n"
        )
        summary.append(
            SummaryRow(
                _title(item), errors, len(findings) - errors, ready_for_acta(item.plan, findings)
            )
        )
    if args.json:
        sys.stdout.write(json.dumps(reports, ensure_ascii=False, indent=2) + "\n")
    elif len(summary) > 1:
        sys.stdout.write(summary_text(summary))
    if not reports and not summary:
        console.note("geen plan gelezen; er is niets gecontroleerd.")
        return exitcodes.NOT_DONE
    return exitcodes.outcome(problems=failed or reading.failed)


def _cmd_planning(args: argparse.Namespace) -> int:
    from opp_docs.cli.plans import Reading
    from opp_docs.errors import OppError
    from opp_docs.planning import plan_evaluations, write_planning
    from opp_docs.school_calendar import is_known, school_year_of

    failed = False
    plans: list[OPP] = []
    afspraken: list[Afspraak] = []
    reading = Reading(args.plans, mapping=_settings(args))
    for item in reading:
        plans.append(item.plan)
        try:
            afspraken += plan_evaluations(item.plan, regio=args.regio)
        except OppError as exc:
            failed = True
            console.report(problem.in_file(item.file, item.row) for problem in exc.problems)
    if not plans:
        console.note("geen plan gelezen; er is niets geschreven.")
        return exitcodes.NOT_DONE
    write_planning(afspraken, plans, args.output, args.werkmap, overwrite=args.overwrite)
    written = [str(args.output)] + ([str(args.werkmap)] if args.werkmap else [])
    print(
        f"Geschreven: {' en '.join(written)} ({len(afspraken)} evaluatie(s) van "
        f"{len(plans)} plan(nen)).",
        file=sys.stderr,
    )
    moved = sum(a.verschoven_van is not None for a in afspraken)
    if moved:
        where = " (zie de kolom 'Opmerking' van de werkmap)" if args.werkmap else ""
        console.note(
            f"{moved} voorgestelde datum(s) vielen in een weekend of een schoolvakantie (regio "
            f"{args.regio.value.capitalize()}) en zijn verplaatst naar de laatste schooldag "
            f"ervoor{where}."
        )
    unknown = sorted(
        school_year_of(a.datum)
        for a in afspraken
        if not a.vastgesteld and not is_known(a.datum, args.regio)
    )
    if unknown:
        console.note(
            f"de schoolkalender heeft geen gegevens voor schooljaar {unknown[0]}"
            + (" en later" if unknown[-1] != unknown[0] else "")
            + f"; bij {len(unknown)} voorgestelde datum(s) is alleen het weekend vermeden. "
            "Controleer die data met de schoolvakanties van de school."
        )
    return exitcodes.outcome(problems=failed or reading.failed)


def _add_regio(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument(
        "--regio",
        type=Regio,
        choices=list(Regio),
        metavar="{noord,midden,zuid}",
        help="de vakantieregio van de school (standaard: die van de mapping, midden voor "
        f"Westland); {text}",
    )
    parser.add_argument(
        "--mapping",
        type=path_arg,
        metavar="MAPPING",
        help="het mappingbestand (.toml) van de formulieren, als die niet het meegeleverde "
        "OPP 2024-2025 zijn; ook de regio komt daaruit",
    )


def _add_plans(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "plans",
        nargs="+",
        metavar="PLAN",
        help=SOURCES_HELP,
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``opp controleren`` and ``opp planning`` to the subcommands of ``opp``."""
    check = add_command(
        commands,
        "controleren",
        alias="check",
        help="controleer plannen op de regels van de handreiking",
        description=(
            "Legt elk plan langs de regels van de handreiking (volledig, op tijd, instemming, "
            "evaluaties, ROD, AVG en met --acta de aanvraag) en toont per plan wat ontbreekt, "
            "per onderdeel van het formulier. Afsluitcode 0 als er geen fout is, anders 1. "
            "De regels staan in docs/regels.md."
        ),
    )
    _add_plans(check)
    check.add_argument("--json", action="store_true", help="toon de bevindingen als JSON")
    check.add_argument(
        "--acta",
        action="store_true",
        help="pas ook de regels van de aanvraag toe, ook als er geen aanvraag is ingevuld",
    )
    check.add_argument(
        "--op",
        type=date_arg,
        metavar="DATUM",
        help="controleer zoals op DATUM (dd-mm-jjjj), bijvoorbeeld welke evaluaties er dan "
        "geweest moeten zijn (standaard: vandaag)",
    )
    check.add_argument(
        "--uitgebreid",
        action="store_true",
        help="toon bij elke bevinding ook de bron van de regel",
    )
    _add_regio(check, "de termijn van 6 weken telt vanaf de eerste schooldag in die regio")
    check.set_defaults(handler=_cmd_check)

    planning = add_command(
        commands,
        "planning",
        help="maak de evaluatieplanning (.ics) en het ROD-overzicht (.xlsx)",
        description=(
            "Maakt uit een of meer plannen de evaluatieplanning: vastgestelde data waar ze er "
            "zijn, voorstellen die aan de regels voldoen waar niet. Schrijft een agendabestand "
            "(.ics, alleen naam, soort evaluatie en datum) en met --werkmap een werkmap met de "
            "bladen Planning en ROD."
        ),
    )
    _add_plans(planning)
    add_output(planning, metavar="AGENDA.ics", text="schrijf de evaluaties naar dit agendabestand")
    planning.add_argument(
        "--werkmap",
        type=path_arg,
        metavar="PLANNING.xlsx",
        help="schrijf ook een werkmap met de bladen Planning en ROD",
    )
    add_overwrite(planning, "overschrijf bestaande bestanden (anders weigert opp)")
    _add_regio(planning, "voorgestelde data vallen nooit in een schoolvakantie van die regio")
    planning.set_defaults(handler=_cmd_planning)

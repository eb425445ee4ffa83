"""``opp handelingswijzer`` and ``opp uitnodiging``: companion documents of plans.

Both read plans from forms (.docx), plan files (.json) and workbooks (.xlsx, every plan in
it), given as files, folders or quoted patterns, through :class:`opp_docs.cli.plans.Reading`;
they write one document per plan with :func:`opp_docs.companion.write_companions` and, with
``--pdf``, a PDF beside each (:func:`opp_docs.pdf.convert_all`). A source naming nothing and a
file that cannot be read are each one Dutch line naming it; the other plans are still handled,
and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys

from opp_docs.cli import console, exitcodes
from opp_docs.cli.arguments import (
    SOURCES_HELP,
    add_output,
    add_overwrite,
    date_arg,
    path_arg,
)
from opp_docs.companion.kinds import DEFAULT_PATTERNS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from opp_docs.companion.kinds import Kind

__all__ = ["register"]


def _handler(kind: Kind, what: str) -> Callable[[argparse.Namespace], int]:
    def handle(args: argparse.Namespace) -> int:
        # What a second run wrote into a folder among the plans is not read as plans.
        from opp_docs.cli.plans import Reading
        from opp_docs.companion import write_companions  # docxtpl loads when documents are made
        from opp_docs.mapping import load_mapping
        from opp_docs.pdf import convert_all

        mapping = None if args.mapping is None else load_mapping(args.mapping)
        reading = Reading(args.plans, exclude=[args.output], mapping=mapping)
        plans = [item.plan for item in reading]
        if not plans:
            console.note("geen plan gelezen; er is niets geschreven.")
            return exitcodes.NOT_DONE
        result = write_companions(
            kind,
            plans,
            args.output,
            pattern=args.pattern,
            template=args.sjabloon,
            overwrite=args.overwrite,
            today=args.op,
        )
        console.report(result.problems)
        if result.existing:
            console.note(
                f"{len(result.existing)} {what} bestonden al en zijn niet overschreven "
                "(--overschrijven maakt ze opnieuw)."
            )
        print(f"{len(result.written)} {what} geschreven in {args.output}", file=sys.stderr)
        problems = result.problems
        if args.pdf and result.written:
            pdf_problems = convert_all(result.written, overwrite=args.overwrite)
            console.report(pdf_problems)
            made = len(result.written) - sum(p.location.file is not None for p in pdf_problems)
            if not any(p.code == "pdf.libreoffice_ontbreekt" for p in pdf_problems):
                print(f"{made} PDF('s) gemaakt in {args.output}", file=sys.stderr)
            problems = problems + pdf_problems
        return exitcodes.outcome(
            done=bool(result.written or result.existing), problems=reading.failed or bool(problems)
        )

    return handle


def _add(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    kind: Kind,
    *,
    help_text: str,
    description: str,
    what: str,
) -> None:
    parser = commands.add_parser(kind, help=help_text, description=description)
    parser.add_argument(
        "plans",
        nargs="+",
        metavar="PLAN",
        help=SOURCES_HELP,
    )
    add_output(parser, metavar="MAP", text=f"de map voor de {what}")
    parser.add_argument(
        "--sjabloon",
        type=path_arg,
        metavar="SJABLOON.docx",
        help="een eigen sjabloon (Word met Jinja-tags) in plaats van het meegeleverde",
    )
    parser.add_argument(
        "--patroon",
        dest="pattern",
        default=DEFAULT_PATTERNS[kind],
        metavar="PATROON",
        help="bestandsnaam, met {leerlingnummer}, {naam} en {klas} (standaard: '%(default)s')",
    )
    parser.add_argument(
        "--op",
        type=date_arg,
        metavar="DATUM",
        help="maak de documenten zoals op DATUM (dd-mm-jjjj): de datum van de brief en welke "
        "evaluatie de volgende is (standaard: vandaag)",
    )
    add_overwrite(parser, "overschrijf bestaande bestanden (anders weigert opp)")
    parser.add_argument(
        "--mapping",
        type=path_arg,
        metavar="MAPPING",
        help="het mappingbestand (.toml) van de formulieren, als die niet het meegeleverde "
        "OPP 2024-2025 zijn",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="maak ook een PDF van elk document (met LibreOffice)",
    )
    parser.set_defaults(handler=_handler(kind, what))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``opp handelingswijzer`` and ``opp uitnodiging`` to the subcommands of ``opp``."""
    _add(
        commands,
        "handelingswijzer",
        help_text="maak per leerling een handelingswijzer voor docenten",
        description=(
            "Maakt per plan een handelingswijzer van één of twee bladzijden voor docenten: "
            "naam, klas, de handelingsadviezen (E), per domein wat goed gaat en wat nodig is "
            "(C) en de mentor als aanspreekpunt. Geen diagnose, ouders of geboortedatum."
        ),
        what="handelingswijzers",
    )
    _add(
        commands,
        "uitnodiging",
        help_text="maak per leerling een uitnodiging voor de volgende evaluatie",
        description=(
            "Maakt per plan een brief die de betrokkenen uitnodigt voor de volgende evaluatie: "
            "de datum (uit het plan), de tijd en plaats om in te vullen, wat er besproken wordt, "
            "ondertekend door de ondersteuningscoördinator."
        ),
        what="uitnodigingen",
    )

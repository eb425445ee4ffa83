"""``opp omzetten``: a filled form carried into another form (last year's into next year's)."""

from __future__ import annotations

import argparse
import sys

from opp_docs.cli import console, exitcodes
from opp_docs.cli.arguments import add_command, add_flag, add_output, add_overwrite, path_arg

__all__ = ["add_convert_command"]


def _cmd_convert(args: argparse.Namespace) -> int:
    from opp_docs.converting import convert
    from opp_docs.files import write_atomic

    result = convert(
        args.form,
        template=args.to_template,
        mapping=args.to_mapping,
        source_mapping=args.mapping,
    )
    write_atomic(args.output, result.data, overwrite=args.overwrite)
    print(f"Geschreven: {args.output}", file=sys.stderr)
    console.report(result.problems)
    if result.problems:
        console.note(
            f"{len(result.problems)} melding(en): wat het nieuwe formulier niet kan bevatten, "
            "staat er niet in. Vul het met de hand aan of pas de mapping aan."
        )
    return exitcodes.outcome(problems=bool(result.problems))


def add_convert_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The subcommand ``omzetten`` (alias ``convert``)."""
    parser = add_command(
        commands,
        "omzetten",
        alias="convert",
        help="zet een ingevuld formulier over naar een ander formulier",
        description=(
            "Leest een ingevuld formulier (met zijn eigen mapping) en vult met dat plan een "
            "ander formulier, bijvoorbeeld het OPP van vorig jaar in het formulier van dit "
            "jaar. Elke waarde die in het nieuwe formulier geen plaats heeft, wordt genoemd; "
            "de rest staat erin. Afsluitcode 0 als alles is overgenomen, 1 met meldingen."
        ),
    )
    parser.add_argument("form", type=path_arg, metavar="OUD.docx", help="het ingevulde formulier")
    add_output(parser, metavar="NIEUW.docx", text="schrijf het nieuwe formulier hierheen")
    add_flag(
        parser,
        "--naar-formulier",
        alias="--to-template",
        type=path_arg,
        metavar="FORMULIER.docx",
        help="het lege nieuwe formulier (standaard: het meegeleverde OPP 2024-2025)",
    )
    add_flag(
        parser,
        "--naar-mapping",
        alias="--to-mapping",
        type=path_arg,
        metavar="MAPPING.toml",
        help="de mapping van het nieuwe formulier (standaard: de meegeleverde)",
    )
    parser.add_argument(
        "--mapping",
        type=path_arg,
        metavar="MAPPING.toml",
        help="de mapping van het oude formulier (standaard: de meegeleverde)",
    )
    add_overwrite(parser, "overschrijf een bestaand bestand (anders weigert opp)")
    parser.set_defaults(handler=_cmd_convert)

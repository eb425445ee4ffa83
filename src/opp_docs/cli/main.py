"""``opp``: the subcommands, each a thin wrapper over one public function of opp_docs.

Exit codes: 0 done; 1 the input or a file was refused (a Dutch message on stderr says what,
where and what to do); 2 the command line itself was wrong (argparse). ``--debug`` adds the
traceback of a refused input, still without any field content.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from opp_docs import __version__
from opp_docs.cli.argparse_nl import dutch_argparse
from opp_docs.errors import OppError
from opp_docs.example import example_plan
from opp_docs.files import write_atomic
from opp_docs.model import OPP
from opp_docs.planfile import plan_to_json
from opp_docs.resources import DEFAULT_TEMPLATE, bundled_file

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _emit(text: str, output: Path | None, overwrite: bool) -> None:
    """Print ``text``, or write it to ``output`` (atomically, not over an existing file)."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text.encode("utf-8"), overwrite=overwrite)
        print(f"Geschreven: {output}", file=sys.stderr)


def _cmd_schema(args: argparse.Namespace) -> int:
    schema = OPP.model_json_schema()
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args.output, args.overwrite)
    return 0


def _cmd_example(args: argparse.Namespace) -> int:
    _emit(plan_to_json(example_plan()), args.output, args.overwrite)
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    data = bundled_file("templates", DEFAULT_TEMPLATE).read_bytes()
    write_atomic(args.output, data, overwrite=args.overwrite)
    print(f"Geschreven: {args.output}", file=sys.stderr)
    return 0


def _add_output(parser: argparse.ArgumentParser, *, required: bool, what: str) -> None:
    parser.add_argument(
        "-o",
        "--uitvoer",
        dest="output",
        type=Path,
        required=required,
        metavar="BESTAND",
        help=f"schrijf {what} naar BESTAND" + ("" if required else " in plaats van het scherm"),
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="overschrijf BESTAND als het al bestaat (anders weigert opp)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``opp`` with all subcommands (help texts in Dutch)."""
    parser = argparse.ArgumentParser(
        prog="opp",
        description=(
            "Ontwikkelingsperspectiefplannen (OPP 2024-2025, SWV VO Westland): invullen, "
            "uitlezen en controleren."
        ),
        epilog="Hulp bij een opdracht: opp OPDRACHT --help",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"opp-docs {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="toon bij een fout ook de technische details (zonder inhoud van velden)",
    )
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)

    schema = commands.add_parser(
        "schema",
        help="toon het JSON-schema van een OPP",
        description="Toont het JSON-schema van een OPP: alle velden, met labels en uitleg.",
    )
    _add_output(schema, required=False, what="het schema")
    schema.set_defaults(handler=_cmd_schema)

    example = commands.add_parser(
        "example",
        help="toon een volledig ingevuld, fictief voorbeeld-OPP als JSON",
        description=(
            "Toont een volledig ingevuld, fictief OPP als JSON: een startpunt voor eigen "
            "plannen en een voorbeeld van de vorm die 'opp fill' leest."
        ),
    )
    _add_output(example, required=False, what="het voorbeeld")
    example.set_defaults(handler=_cmd_example)

    template = commands.add_parser(
        "template",
        help="schrijf het lege formulier OPP 2024-2025 (.docx)",
        description="Schrijft het meegeleverde, lege formulier OPP 2024-2025 als Word-bestand.",
    )
    _add_output(template, required=True, what="het formulier")
    template.set_defaults(handler=_cmd_template)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``opp`` with ``argv`` (default: the process arguments); return the exit code."""
    with dutch_argparse():
        parser = build_parser()
        args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except OppError as exc:
        if args.debug:
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        for problem in exc.problems:
            print(f"opp: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("opp: afgebroken.", file=sys.stderr)
        return 130

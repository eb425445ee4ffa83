"""``opp``: the subcommands, each a thin wrapper over one public function of opp_docs.

Exit codes follow one rule for every command (:mod:`opp_docs.cli.exitcodes`): 0 done; 1 done
with meldingen (a Dutch message on stderr says what, where and what to do); 2 the command line
was wrong or nothing was done; 130 interrupted. ``--debug`` adds the traceback of a refused
input, still without any field content. Every problem is printed by
:mod:`opp_docs.cli.console` in one form; commands that take plans read them through
:mod:`opp_docs.cli.plans` (files, folders, quoted patterns).
"""

from __future__ import annotations

import argparse
import os
import sys

import opp_docs.cli.companions as companions
import opp_docs.cli.web as web_command
from opp_docs import __version__
from opp_docs.bulk.names import DEFAULT_PATTERN
from opp_docs.cli import checks, console, exitcodes
from opp_docs.cli.argparse_nl import dutch_argparse
from opp_docs.cli.arguments import add_command, add_flag, add_output, add_overwrite, path_arg
from opp_docs.cli.console import console_streams
from opp_docs.cli.converting import add_convert_command

# Nothing here imports typing, dataclasses, json or the library: `opp --help` pays for
# argparse and this table alone; each command imports what it runs when it runs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from opp_docs.mapping import Mapping

    Handler = Callable[[argparse.Namespace], int]

# Each command imports the library it runs when it runs (start-up is paid per command, and
# `opp --help` or `opp leeg-formulier` should not load pydantic, lxml and openpyxl).

__all__ = ["build_parser", "main"]


def _emit(text: str, output: Path | None, overwrite: bool) -> None:
    """Print ``text``, or write it to ``output`` (atomically, not over an existing file)."""
    from opp_docs.files import write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text.encode("utf-8"), overwrite=overwrite)
        print(f"Geschreven: {output}", file=sys.stderr)


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from opp_docs.model import OPP

    schema = OPP.model_json_schema()
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args.output, args.overwrite)
    return 0


def _cmd_example(args: argparse.Namespace) -> int:
    from opp_docs.example import example_plan
    from opp_docs.planfile import plan_to_json

    _emit(plan_to_json(example_plan()), args.output, args.overwrite)
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    from opp_docs.files import write_atomic
    from opp_docs.resources import DEFAULT_TEMPLATE, bundled_file

    data = bundled_file("templates", DEFAULT_TEMPLATE).read_bytes()
    write_atomic(args.output, data, overwrite=args.overwrite)
    print(f"Geschreven: {args.output}", file=sys.stderr)
    return 0


def _mapping_arg(args: argparse.Namespace) -> Mapping | None:
    from opp_docs.mapping import load_mapping

    return None if args.mapping is None else load_mapping(args.mapping)


def _cmd_fill(args: argparse.Namespace) -> int:
    from opp_docs.filling import fill_to_path
    from opp_docs.pdf import convert_all
    from opp_docs.planfile import load_plan

    plan = load_plan(args.plan)
    fill_to_path(
        plan,
        args.output,
        template=args.template,
        mapping=_mapping_arg(args),
        overwrite=args.overwrite,
    )
    print(f"Geschreven: {args.output}", file=sys.stderr)
    if args.pdf:
        problems = convert_all([args.output], overwrite=args.overwrite)
        console.report(problems)
        return exitcodes.outcome(problems=bool(problems))
    return exitcodes.DONE


def _cmd_parse(args: argparse.Namespace) -> int:
    import json

    from opp_docs.parsing import parse
    from opp_docs.planfile import plan_to_json
    from opp_docs.report import problem_to_json, summary

    result = parse(args.form, _mapping_arg(args))
    plan = result.plan.model_dump(mode="json")
    if args.report:
        report = {"plan": plan, "meldingen": [problem_to_json(f) for f in result.problems]}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif args.json:
        sys.stdout.write(plan_to_json(result.plan))
    else:
        print(summary(result.plan))
    if not args.report:
        console.report(result.problems)
        if result.problems:
            console.note(
                f"{len(result.problems)} melding(en); de gevonden tekst staat in "
                "'opp uitlezen --rapport'."
            )
    return exitcodes.outcome(problems=bool(result.problems))


def _cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from opp_docs.docx.inventory import describe
    from opp_docs.inspect import inspect_form

    result = inspect_form(args.form)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(describe(result))
    return 0


def _cmd_mapping_check(args: argparse.Namespace) -> int:
    from opp_docs.mapping.check import check_mapping

    problems = check_mapping(args.template, _mapping_arg(args))
    console.report(problems)
    if problems:
        console.note(f"{len(problems)} probleem/problemen in de mapping.")
        return exitcodes.WITH_PROBLEMS
    print("De mapping past: elk veld heeft precies één plaats in het sjabloon.")
    return 0


def _cmd_excel_template(args: argparse.Namespace) -> int:
    from opp_docs.example import example_plan
    from opp_docs.excel.write import workbook_bytes
    from opp_docs.files import write_atomic

    # The data sheets stay empty: a student there would get a form; the example has its own sheet.
    data = workbook_bytes([], template=True, example=example_plan())
    write_atomic(args.output, data, overwrite=args.overwrite)
    print(f"Geschreven: {args.output}", file=sys.stderr)
    return 0


# generate and collect of a thousand files: the first problems on screen, all in the workbook.
_SHOWN = 50


def _cmd_generate(args: argparse.Namespace) -> int:
    from opp_docs.bulk import generate
    from opp_docs.bulk.progress import Progress
    from opp_docs.pdf import convert_all

    with Progress("documenten", quiet=args.quiet) as progress:
        result = generate(
            args.workbook,
            args.output,
            pattern=args.pattern,
            overwrite=args.overwrite,
            strict=args.streng,
            jobs=args.jobs,
            template=args.template,
            mapping=args.mapping,
            progress=progress,
            on_total=progress.start,
        )
    console.report(result.problems, limit=_SHOWN)
    if result.ignored_columns and not args.quiet:
        console.note(f"niet gelezen kolommen: {', '.join(result.ignored_columns)}")
    if result.existing:
        # A resume after Ctrl-C: the forms made before are kept, and that is no melding.
        console.note(
            f"{len(result.existing)} formulier(en) bestonden al en zijn niet overschreven "
            "(--overschrijven maakt ze opnieuw)."
        )
    if result.removed_report is not None:
        console.note(f"geen meldingen meer: de oude {result.removed_report} is verwijderd.")
    if result.row_count == 0:
        console.note("de werkmap heeft geen leerlingen; er is niets gemaakt.")
    print(
        f"{len(result.written)} formulier(en) geschreven in {args.output}"
        + (f"; {len(result.problems)} melding(en) in {result.report}" if result.report else ""),
        file=sys.stderr,
    )
    problems = bool(result.problems)
    if args.pdf and result.written:
        pdf_problems = convert_all(result.written, overwrite=args.overwrite)
        console.report(pdf_problems, limit=_SHOWN)
        problems = problems or bool(pdf_problems)
    return exitcodes.outcome(done=bool(result.written or result.existing), problems=problems)


def _cmd_collect(args: argparse.Namespace) -> int:
    from opp_docs.bulk import collect
    from opp_docs.bulk.progress import Progress

    with Progress("formulieren", quiet=args.quiet) as progress:
        result = collect(
            args.forms,
            args.output,
            overwrite=args.overwrite,
            mapping=args.mapping,
            jobs=args.jobs,
            keep_plans=False,  # the workbook holds them; 10,000 plans need not stay in memory
            progress=progress,
            on_total=progress.start,
        )
    console.report(result.problems, limit=_SHOWN)
    print(
        f"{result.plan_count} formulier(en) verzameld in {args.output}"
        + (f"; {result.skipped_count} niet leesbaar" if result.skipped_count else "")
        + (
            f"; {len(result.problems)} melding(en) op het blad Meldingen" if result.problems else ""
        ),
        file=sys.stderr,
    )
    return exitcodes.outcome(done=result.plan_count > 0, problems=bool(result.problems))


def _add_bulk_options(parser: argparse.ArgumentParser) -> None:
    add_flag(
        parser,
        "--processen",
        alias="--jobs",
        type=int,
        metavar="N",
        help="gebruik N processen tegelijk (standaard: alle processorkernen)",
    )
    add_flag(
        parser,
        "--stil",
        alias="--quiet",
        action="store_true",
        help="geen voortgang tonen (in een pijp gebeurt dat nooit)",
    )


def _add_template_mapping(parser: argparse.ArgumentParser) -> None:
    add_flag(
        parser,
        "--formulier",
        alias="--template",
        type=path_arg,
        metavar="FORMULIER.docx",
        help="een ander formulier (.docx) dan het meegeleverde OPP 2024-2025",
    )
    _add_mapping(parser)


def _add_mapping(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        type=path_arg,
        metavar="MAPPING",
        help="een ander mappingbestand (.toml) dan het meegeleverde",
    )


def _add_output(parser: argparse.ArgumentParser, *, required: bool, what: str) -> None:
    add_output(
        parser,
        metavar="BESTAND",
        text=f"schrijf {what} naar BESTAND" + ("" if required else " in plaats van het scherm"),
        required=required,
    )
    add_overwrite(parser, "overschrijf BESTAND als het al bestaat (anders weigert opp)")


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
    add_flag(
        parser,
        "--versie",
        alias="--version",
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

    schema = add_command(
        commands,
        "schema",
        help="toon het JSON-schema van een OPP",
        description="Toont het JSON-schema van een OPP: alle velden, met labels en uitleg.",
    )
    _add_output(schema, required=False, what="het schema")
    schema.set_defaults(handler=_cmd_schema)

    example = add_command(
        commands,
        "voorbeeld",
        alias="example",
        help="toon een volledig ingevuld, fictief voorbeeld-OPP als JSON",
        description=(
            "Toont een volledig ingevuld, fictief OPP als JSON: een startpunt voor eigen "
            "plannen en een voorbeeld van de vorm die 'opp invullen' leest."
        ),
    )
    _add_output(example, required=False, what="het voorbeeld")
    example.set_defaults(handler=_cmd_example)

    template = add_command(
        commands,
        "leeg-formulier",
        alias="template",
        help="schrijf het lege formulier OPP 2024-2025 (.docx)",
        description="Schrijft het meegeleverde, lege formulier OPP 2024-2025 als Word-bestand.",
    )
    _add_output(template, required=True, what="het formulier")
    template.set_defaults(handler=_cmd_template)

    fill = add_command(
        commands,
        "invullen",
        alias="fill",
        help="vul het formulier in vanuit een plan (JSON)",
        description=(
            "Vult het formulier OPP 2024-2025 in vanuit een plan in JSON (zoals 'opp voorbeeld' "
            "laat zien): vakjes aangekruist, tekst in de juiste cellen, rijen en tabellen "
            "gekopieerd waar nodig."
        ),
    )
    fill.add_argument("plan", type=path_arg, metavar="PLAN.json", help="het plan als JSON")
    _add_output(fill, required=True, what="het ingevulde formulier (.docx)")
    _add_template_mapping(fill)
    fill.add_argument(
        "--pdf", action="store_true", help="maak ook een PDF naast het formulier (met LibreOffice)"
    )
    fill.set_defaults(handler=_cmd_fill)

    parse_cmd = add_command(
        commands,
        "uitlezen",
        alias="parse",
        help="lees een ingevuld formulier uit",
        description=(
            "Leest een ingevuld formulier (.docx) uit. Wat niet in een veld past, komt als "
            "melding op het scherm (zonder de inhoud) of met inhoud in --rapport."
        ),
    )
    parse_cmd.add_argument("form", type=path_arg, metavar="FORMULIER.docx", help="het formulier")
    output = parse_cmd.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true", help="toon het plan als JSON, zoals 'opp voorbeeld'"
    )
    add_flag(
        output,
        "--rapport",
        alias="--report",
        action="store_true",
        help="toon JSON met het plan en alle meldingen, met de gevonden tekst",
    )
    _add_mapping(parse_cmd)
    parse_cmd.set_defaults(handler=_cmd_parse)

    inspect_cmd = add_command(
        commands,
        "bekijken",
        alias="inspect",
        help="toon alle vakjes, keuzelijsten, tekstvelden, koppen en tabellen van een document",
        description=(
            "Toont elk formulierelement van een Word-document in volgorde, met zijn stand, "
            "en de koppen en tabellen: hulp bij het aansluiten van een nieuw sjabloon."
        ),
    )
    inspect_cmd.add_argument("form", type=path_arg, metavar="DOCUMENT.docx", help="het document")
    inspect_cmd.add_argument("--json", action="store_true", help="als JSON")
    inspect_cmd.set_defaults(handler=_cmd_inspect)

    mapping_cmd = commands.add_parser(
        "mapping",
        help="controleer een mappingbestand tegen een sjabloon",
        description="Opdrachten voor het mappingbestand dat velden aan het formulier koppelt.",
    )
    mapping_commands = mapping_cmd.add_subparsers(
        title="opdrachten", metavar="OPDRACHT", required=True
    )
    check = add_command(
        mapping_commands,
        "controleren",
        alias="check",
        help="zoek elk veld van de mapping op in het sjabloon",
        description=(
            "Zoekt elk veld van de mapping op in het sjabloon en meldt wat ontbreekt of "
            "dubbel staat. Afsluitcode 0 als alles past, anders 1."
        ),
    )
    _add_template_mapping(check)
    check.set_defaults(handler=_cmd_mapping_check)
    from opp_docs.cli.mapping_draft import add_draft_command

    add_draft_command(mapping_commands)

    excel_template = add_command(
        commands,
        "lege-werkmap",
        alias="excel-template",
        help="schrijf een lege Excel-werkmap om plannen in te vullen",
        description=(
            "Schrijft een Excel-werkmap in de indeling die 'opp maken' leest: een blad "
            "Leerlingen, een blad per lijst, keuzelijsten, datumopmaak, een voorbeeldrij en "
            "een blad Toelichting dat elke kolom uitlegt."
        ),
    )
    _add_output(excel_template, required=True, what="de werkmap (.xlsx)")
    excel_template.set_defaults(handler=_cmd_excel_template)

    generate_cmd = add_command(
        commands,
        "maken",
        alias="generate",
        help="maak een ingevuld formulier per leerling uit een Excel-lijst",
        description=(
            "Maakt per leerling van de werkmap een ingevuld formulier. Een export uit de "
            "leerlingadministratie (Stamnummer, Achternaam, Roepnaam, ...) werkt ook. Een cel "
            "die niet past wordt gemeld (ook in meldingen.xlsx) en het formulier gemaakt met "
            "dat veld leeg (met --streng: geen formulier voor die leerling); een rij die niet "
            "bij een leerling hoort, wordt overgeslagen en gemeld. Formulieren die er al staan, "
            "blijven staan. Afsluitcode 1 als er meldingen zijn."
        ),
    )
    generate_cmd.add_argument("workbook", type=path_arg, metavar="LIJST.xlsx", help="de werkmap")
    add_output(generate_cmd, metavar="MAP", text="de map voor de formulieren")
    generate_cmd.add_argument(
        "--patroon",
        dest="pattern",
        default=DEFAULT_PATTERN,
        metavar="PATROON",
        help="bestandsnaam, met {leerlingnummer}, {naam}, {klas} en {formulier} (de naam van het "
        "formulier uit de mapping) (standaard: '%(default)s')",
    )
    add_overwrite(generate_cmd, "overschrijf bestaande formulieren (anders blijven ze staan)")
    generate_cmd.add_argument(
        "--streng",
        action="store_true",
        help="maak geen formulier voor een leerling met een cel die niet past (standaard: het "
        "formulier wordt gemaakt met dat veld leeg, en de cel gemeld)",
    )
    generate_cmd.add_argument(
        "--pdf", action="store_true", help="maak ook een PDF van elk formulier (met LibreOffice)"
    )
    _add_bulk_options(generate_cmd)
    _add_template_mapping(generate_cmd)
    generate_cmd.set_defaults(handler=_cmd_generate)

    collect_cmd = add_command(
        commands,
        "verzamelen",
        alias="collect",
        help="verzamel ingevulde formulieren in één Excel-overzicht",
        description=(
            "Leest ingevulde formulieren (bestanden, mappen of patronen zoals 'map/*.docx') "
            "en schrijft één werkmap in de indeling van 'opp maken', met een blad "
            "Meldingen. Een onleesbaar formulier wordt gemeld en overgeslagen."
        ),
    )
    collect_cmd.add_argument(
        "forms", nargs="+", metavar="FORMULIEREN", help="bestanden, mappen of patronen"
    )
    _add_output(collect_cmd, required=True, what="het overzicht (.xlsx)")
    _add_bulk_options(collect_cmd)
    _add_mapping(collect_cmd)
    collect_cmd.set_defaults(handler=_cmd_collect)
    checks.register(commands)
    companions.register(commands)
    add_convert_command(commands)
    web_command.register(commands)
    return parser


def _debug_trace(exc: BaseException) -> None:
    """Where an error came from, for a bug report: the stack of every exception in the chain
    with its type, but not its message (messages of libraries may quote a field's value)."""
    import traceback

    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    print("Traceback (zonder de teksten van de fouten):", file=sys.stderr)
    for error in reversed(chain):
        print(f"{type(error).__module__}.{type(error).__qualname__}:", file=sys.stderr)
        for line in traceback.format_tb(error.__traceback__):
            print(line.rstrip(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``opp`` with ``argv`` (default: the process arguments); return the exit code."""
    # A Pydantic plugin sees every value validated: a plan's health and family data would
    # reach whatever observability tool happens to be installed beside opp. The command
    # loads none (and so skips scanning every installed package for one at start-up); a
    # user who sets PYDANTIC_DISABLE_PLUGINS decides for themselves.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    with console_streams():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    with dutch_argparse():
        parser = build_parser()
        args = parser.parse_args(argv)
    handler: Handler = args.handler
    from opp_docs.errors import OppError  # after parsing: `opp --help` never loads it

    try:
        return handler(args)
    except OppError as exc:
        # What the library refuses as a whole stops the command before it wrote anything.
        if args.debug:
            _debug_trace(exc)
        console.report(exc.problems)
        return exitcodes.NOT_DONE
    except KeyboardInterrupt:
        console.note("afgebroken.")
        return exitcodes.INTERRUPTED
    except BrokenPipeError:
        # The reader of a pipe stopped early (`opp uitlezen ... | head`): not an error of ours.
        # Point stdout at nothing so Python's own flush at exit stays quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:
        # A bug, not a user's mistake: no traceback (it could show content), a clear line.
        if args.debug:
            _debug_trace(exc)
        console.note(
            f"interne fout ({type(exc).__name__}). Dit is een fout in opp-docs, niet in uw "
            "bestand; meld het, met 'opp --debug ...' erbij."
        )
        return exitcodes.NOT_DONE

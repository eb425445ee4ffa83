"""``opp mapping ontwerpen``: a first mapping for a new form, and what a person still has to do.

Writes the drafted mapping (:func:`opp_docs.mapping.drafting.draft_mapping`) to ``-o``, prints
on stdout what it placed (the texts that are not exactly the old ones, one line each) and on
stderr each text it could not place, with the nearest texts the form prints. Exit 0 when
everything was placed by its wording, 1 when something is left for a person (a text not
placed, or placed only by where it stands), 2 for wrong use. The library
is imported when the command runs, not when the command table is built.
"""

from __future__ import annotations

import argparse
import sys

from opp_docs.cli import console, exitcodes
from opp_docs.cli.arguments import add_command, add_output, add_overwrite, path_arg

# Not typing.TYPE_CHECKING: the command table (`opp --help`) imports no typing, no pathlib.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from opp_docs.mapping.drafting import DraftResult

__all__ = ["add_draft_command"]

# What kind of text a line is about, as the summary names it.
_KINDS = {
    "kop": "kop",
    "label": "label",
    "kolom": "kolom",
    "keuze": "keuze",
    "vakje": "vakje",
    "rij": "voorgedrukte rij",
    "titel": "tabeltitel",
    "cel": "eerste cel",
}


def _summary(result: DraftResult, output: Path, form: Path) -> None:
    counts: dict[str, int] = {}
    for placement in result.placed:
        how = placement.likeness.how
        counts[how] = counts.get(how, 0) + 1
    said = {
        "exact": "exact",
        "na normaliseren": "na normaliseren",
        "vaag": "vaag",
        "plaats": "geraden op de plaats",
    }
    parts = ", ".join(f"{counts[how]} {word}" for how, word in said.items() if counts.get(how))
    print(f"Geplaatst: {len(result.placed)} teksten van het formulier ({parts}).")
    unsure = [p for p in result.placed if p.likeness.how != "exact"]
    if unsure:
        print("Niet precies dezelfde tekst; kijk of het klopt:")
        for placement in unsure:
            kind = _KINDS.get(placement.what, placement.what)
            print(
                f"  {kind} {placement.path}: '{placement.found}' voor '{placement.wanted}', "
                f"{placement.likeness.describe()}"
            )
    if result.unknown_texts:
        print("Teksten bij geen enkel veld (in 'static' gezet; hoort er een veld bij?):")
        for text in result.unknown_texts:
            print(f"  '{text}'")
    if result.looks_filled:
        console.note(
            "dit formulier lijkt ingevuld (een vakje aangekruist of tekst in een invulcel); "
            "ontwerp de mapping op het lege formulier. Teksten uit het formulier die geen label "
            "zijn, worden niet genoemd."
        )
    check = f"opp mapping controleren --formulier {form} --mapping {output}"
    if result.problems:
        console.report(result.problems)
        console.note(
            f"{len(result.problems)} tekst(en) niet geplaatst: zoek NAKIJKEN in {output}, zet "
            f"er de tekst van het formulier in en haal de '#' weg. Controleer daarna met '{check}'."
        )
    if result.guessed:
        console.note(
            f"{len(result.guessed)} tekst(en) alleen geraden op de plaats: zoek 'geraden op de "
            f"plaats' in {output} en kijk of het het goede veld is. Controleer daarna met "
            f"'{check}'."
        )
    if result.complete:
        print(f"Alles is geplaatst. Controleer het met '{check}'.")


def _cmd_draft(args: argparse.Namespace) -> int:
    from opp_docs.files import refuse_existing, write_atomic
    from opp_docs.mapping.drafting import draft_mapping

    refuse_existing(args.output, overwrite=args.overwrite)
    result = draft_mapping(args.form, args.mapping, name=args.naam)
    write_atomic(args.output, result.text.encode("utf-8"), overwrite=args.overwrite)
    print(f"Geschreven: {args.output}", file=sys.stderr)
    _summary(result, args.output, args.form)
    return exitcodes.outcome(problems=not result.complete)


def add_draft_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``opp mapping ontwerpen`` (English ``draft``) to the ``mapping`` subcommands."""
    draft = add_command(
        commands,
        "ontwerpen",
        alias="draft",
        help="ontwerp een mapping voor een nieuw formulier",
        description=(
            "Ontwerpt een mappingbestand voor een formulier dat opp-docs nog niet kent: elke "
            "kop, elk label, elke kopregel, elke tabel en elk vakje van de meegeleverde mapping "
            "wordt in het nieuwe formulier opgezocht, ook als het anders geschreven is. Elke "
            "regel van het bestand zegt hoe zeker het is; wat niet gevonden is, staat er met "
            "NAKIJKEN in. Afsluitcode 0 als alles aan zijn tekst herkend is, 1 als er iets voor "
            "een mens overblijft (niet gevonden, of alleen geraden op de plaats)."
        ),
    )
    draft.add_argument(
        "form", type=path_arg, metavar="FORMULIER.docx", help="het nieuwe formulier, leeg"
    )
    add_output(draft, metavar="MAPPING.toml", text="schrijf de mapping naar MAPPING.toml")
    add_overwrite(draft, "overschrijf MAPPING.toml als het al bestaat (anders weigert opp)")
    draft.add_argument(
        "--mapping",
        type=path_arg,
        metavar="MAPPING",
        help="de mapping om van uit te gaan (standaard de meegeleverde van OPP 2024-2025), "
        "bijvoorbeeld die van vorig jaar",
    )
    draft.add_argument(
        "--naam",
        metavar="NAAM",
        help="de naam van de mapping (standaard de bestandsnaam van het formulier)",
    )
    draft.set_defaults(handler=_cmd_draft)

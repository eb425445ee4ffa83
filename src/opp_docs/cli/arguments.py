"""Arguments several ``opp`` subcommands share: a date typed as on the form, ``-o``, and the
Dutch names of commands and options with their English names kept as hidden aliases.

The users are Dutch coordinators, so every command and option has a Dutch name, and
``--help`` shows that one. The English names of the first versions (``opp generate``,
``--overwrite``) keep working for the scripts that use them (:func:`add_command`,
:func:`add_flag`); the help does not list them.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path
    from typing import Any

__all__ = [
    "SOURCES_HELP",
    "add_command",
    "add_flag",
    "add_output",
    "add_overwrite",
    "date_arg",
    "path_arg",
]

SOURCES_HELP = (
    "ingevulde formulieren (.docx), plannen (.json) of werkmappen (.xlsx): bestanden, mappen "
    "(de formulieren en plannen erin, ook in submappen) of patronen zoals 'plannen/*.docx'"
)
"""The help text of the argument PLAN of every command that reads plans."""


def path_arg(text: str) -> Path:
    """An argparse type: a path (pathlib is imported when a command gets one, not for
    ``--help``)."""
    from pathlib import Path

    return Path(text)


def date_arg(text: str) -> date:
    """An argparse type: a date as dd-mm-jjjj (or another form the form accepts)."""
    from opp_docs.formats import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen datum; gebruik dd-mm-jjjj, bijvoorbeeld 01-10-2024"
        ) from exc


def add_output(
    parser: argparse.ArgumentParser, *, metavar: str, text: str, required: bool = True
) -> None:
    """``-o``/``--uitvoer``: where the command writes (``args.output``)."""
    parser.add_argument(
        "-o",
        "--uitvoer",
        dest="output",
        type=path_arg,
        required=required,
        metavar=metavar,
        help=text,
    )


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    alias: str | None = None,
    **options: Any,
) -> argparse.ArgumentParser:
    """The subcommand ``name``; ``alias`` (its English name) runs it too, unlisted."""
    parser = commands.add_parser(name, **options)
    if alias is not None:
        # The parser is looked up by name in ``choices``; --help lists only what add_parser
        # listed, so the alias works without showing.
        commands.choices[alias] = parser
    return parser


def add_flag(
    parser: argparse._ActionsContainer, name: str, *, alias: str, **options: Any
) -> argparse.Action:
    """The option ``name``; ``alias`` (its English name) sets it too, unlisted in --help.
    The value lands where the alias would put it (``--overschrijven`` in ``args.overwrite``)."""
    options.setdefault("dest", alias.lstrip("-").replace("-", "_"))
    action = parser.add_argument(name, alias, **options)
    # argparse parses by the strings it registered; the help prints action.option_strings.
    action.option_strings = [name]
    return action


def add_overwrite(parser: argparse.ArgumentParser, text: str) -> None:
    """``--overschrijven`` (alias ``--overwrite``, in ``args.overwrite``): what it overwrites
    is ``text``; without it nothing that exists is written over."""
    add_flag(parser, "--overschrijven", alias="--overwrite", action="store_true", help=text)

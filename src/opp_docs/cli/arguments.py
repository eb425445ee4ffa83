"""Arguments several ``opp`` subcommands share: a date typed as on the form, and ``-o``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from opp_docs.formats import parse_date

__all__ = ["add_output", "date_arg"]


def date_arg(text: str) -> date:
    """An argparse type: a date as dd-mm-jjjj (or another form the form accepts)."""
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
        type=Path,
        required=required,
        metavar=metavar,
        help=text,
    )

"""Dutch for argparse's own words ("usage:", "the following arguments are required", ...).

argparse looks its messages up through the module-level ``gettext`` functions it imported
(``argparse._`` and ``argparse.ngettext``). :func:`dutch_argparse` swaps in a lookup in the
table below for the duration of a ``with`` block and restores the originals afterwards, so the
CLI speaks Dutch without installing a locale, and a script importing opp-docs is unaffected.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

__all__ = ["DUTCH", "dutch_argparse"]

DUTCH: dict[str, str] = {
    "usage: ": "Gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan zijn: %(matches)s"
    ),
    "not allowed with argument %s": "niet samen met %s te gebruiken",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "ignored explicit argument %r": "genegeerde waarde %r",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}


def _translate(message: str) -> str:
    return DUTCH.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "verwacht %s waarde" if count == 1 else "verwacht %s waarden"
    return _translate(singular if count == 1 else plural)


@contextmanager
def dutch_argparse() -> Iterator[None]:
    """Within the block, argparse prints its usage, help and errors in Dutch."""
    module: Any = argparse
    saved: tuple[Callable[..., str], Callable[..., str]] = (module._, module.ngettext)
    module._ = _translate
    module.ngettext = _translate_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved

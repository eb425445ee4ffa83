"""What ``opp`` writes to stderr, in one form, and console streams that survive any code page.

Every problem of every command is one line::

    opp: [bestand.bestaat_al] bestand 'plan.json': Het bestand bestaat al ... (--overschrijven).

The library names its own arguments in its messages ("overwrite=True", "jobs=1"); a user of
the command line knows them as flags, so :func:`problem_line` turns each argument of
:data:`FLAGS` into its flag. A line of the CLI's own (no code) is a :func:`note`.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

TYPE_CHECKING = False
if TYPE_CHECKING:
    from opp_docs.errors import Problem

__all__ = ["FLAGS", "as_flags", "console_streams", "note", "problem_line", "report"]

PREFIX = "opp: "

FLAGS: dict[str, str] = {"overwrite": "--overschrijven", "jobs": "--processen"}
"""The library's argument names and the flags of ``opp`` that set them."""

# 'overwrite=True' -> '--overschrijven', 'jobs=1' -> '--processen 1', '(jobs)' -> '(--processen)'.
_ARGUMENT = re.compile(
    rf"\b(?P<name>{'|'.join(FLAGS)})=(?P<value>\w+)|\((?P<bare>{'|'.join(FLAGS)})\)"
)


def _flag(match: re.Match[str]) -> str:
    if match["bare"]:
        return f"({FLAGS[match['bare']]})"
    flag = FLAGS[match["name"]]
    return flag if match["value"] == "True" else f"{flag} {match['value']}"


def as_flags(message: str) -> str:
    """``message`` with the library's arguments written as the flags of ``opp``.

    >>> as_flags("Geef toestemming om te overschrijven (overwrite=True), of gebruik jobs=1.")
    'Geef toestemming om te overschrijven (--overschrijven), of gebruik --processen 1.'
    """
    return _ARGUMENT.sub(_flag, message)


def problem_line(problem: Problem) -> str:
    """The one line of ``problem`` on stderr: ``opp: [code] <location>: <message>``."""
    where = problem.location.describe()
    message = as_flags(problem.message)
    return f"{PREFIX}[{problem.code}] " + (f"{where}: {message}" if where else message)


def report(problems: Iterable[Problem], *, limit: int | None = None) -> None:
    """Print each problem on stderr, identical lines once with how often they came ("(3 keer)"),
    in the order they first came; past ``limit`` lines, one line with how many more."""
    counts = Counter(problem_line(problem) for problem in problems)
    lines = list(counts.items())
    shown = lines if limit is None else lines[:limit]
    for line, count in shown:
        print(line + (f" ({count} keer)" if count > 1 else ""), file=sys.stderr)
    hidden = sum(count for _, count in lines[len(shown) :])
    if hidden:
        note(f"... en nog {hidden} melding(en).")


def note(text: str) -> None:
    """A line of the CLI's own on stderr, with the same prefix as a problem."""
    print(PREFIX + text, file=sys.stderr)


def _is_utf(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


@contextmanager
def console_streams() -> Iterator[None]:
    """Let stdout and stderr write '?' for a character their encoding cannot show, meanwhile.

    On Windows a redirected stream uses the ANSI code page (cp1252), which has 'ë' but not '☒';
    printing a form's checkbox glyph would end the command with a UnicodeEncodeError. A UTF
    stream, and one whose handler cannot fail (Python gives stderr 'backslashreplace'), is left
    as it is. The handlers are restored afterwards, so a script calling ``main()`` keeps its own.
    """
    changed: list[tuple[io.TextIOWrapper, str]] = []
    for stream in (sys.stdout, sys.stderr):
        if (
            isinstance(stream, io.TextIOWrapper)
            and not _is_utf(stream.encoding)
            and stream.errors in ("strict", "surrogateescape")
        ):
            changed.append((stream, stream.errors))
            stream.reconfigure(errors="replace")
    try:
        yield
    finally:
        for stream, errors in changed:
            stream.reconfigure(errors=errors)

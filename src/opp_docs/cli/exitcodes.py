"""The exit codes of ``opp``: one rule for every command (documented in docs/foutmeldingen.md).

- :data:`DONE` (0): everything was done;
- :data:`WITH_PROBLEMS` (1): done, with meldingen: some input was not used (a row, a cell,
  a form, a plan with fouten), everything else was done;
- :data:`NOT_DONE` (2): the command line was wrong (argparse's own code), or nothing was
  done (the input was refused as a whole, nothing to do, an internal error);
- :data:`INTERRUPTED` (130): stopped with Ctrl-C.

Files that were there already and are left alone (no ``--overschrijven``) are no melding.
"""

from __future__ import annotations

__all__ = ["DONE", "INTERRUPTED", "NOT_DONE", "WITH_PROBLEMS", "outcome"]

DONE = 0
WITH_PROBLEMS = 1
NOT_DONE = 2
INTERRUPTED = 130


def outcome(*, done: bool = True, problems: bool = False) -> int:
    """The exit code of a command that did something (``done``) with or without meldingen."""
    if not done:
        return NOT_DONE
    return WITH_PROBLEMS if problems else DONE

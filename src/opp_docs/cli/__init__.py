"""The ``opp`` command line: arguments in, one library call, Dutch messages and an exit code out."""

from opp_docs.cli.main import main

__all__ = ["main"]

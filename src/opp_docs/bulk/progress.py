"""A one-line progress display for a terminal: count, total and rate; silent in a pipe."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Call with the number done; prints ``12/200 documenten (35,2 per seconde)`` in place.

    :meth:`start` gives the total once it is known. Shows nothing unless ``stream`` is a
    terminal, so logs and pipes stay clean; it never shows names or other content, only counts.
    """

    def __init__(self, what: str, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.total = 0
        self.begin = time.perf_counter()
        self._last = 0.0

    def start(self, total: int) -> None:
        """The total is known: the clock for the rate starts now."""
        self.total = total
        self.begin = time.perf_counter()

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        rate = done / max(now - self.begin, 1e-9)
        text = f"{done}/{self.total} {self.what} ({rate:.1f} per seconde)".replace(".", ",", 1)
        self.stream.write("\r" + text)
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()

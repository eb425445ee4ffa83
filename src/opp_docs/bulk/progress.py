"""A one-line progress display for a terminal: count, total and rate; silent in a pipe."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Call with the number done; prints ``12/200 documenten (35,2 per seconde)`` in place.

    :meth:`start` gives the total once it is known. Shows nothing unless ``stream`` is a
    terminal, so logs and pipes stay clean; it never shows names or other content, only counts.
    Used as a context manager the line is always ended before anything else is printed: at
    ``N/N`` when the job ran to its end (students whose row was refused count as handled),
    where it stood when the job stopped.
    """

    def __init__(self, what: str, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.total = 0
        self.begin = time.perf_counter()
        self._last = 0.0
        self._open = False  # a line is on screen and not ended
        self._shown_all = False  # total/total has been shown

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
        self._draw(done, now)
        if done >= self.total:
            self._shown_all = True
            self._end()

    def _draw(self, done: int, now: float) -> None:
        rate = done / max(now - self.begin, 1e-9)
        text = f"{done}/{self.total} {self.what} ({rate:.1f} per seconde)".replace(".", ",", 1)
        self.stream.write("\r" + text)
        self.stream.flush()
        self._open = True

    def _end(self) -> None:
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def finish(self, *, complete: bool = True) -> None:
        """End the line: at ``total/total`` when ``complete``, else where it stands."""
        if self.enabled and complete and self.total and not self._shown_all:
            self._draw(self.total, time.perf_counter())
            self._shown_all = True
        self._end()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.finish(complete=kind is None)

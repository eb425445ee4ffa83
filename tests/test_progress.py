"""The progress line: in place on a terminal, nothing in a pipe, always ended before a message."""

from __future__ import annotations

import io

import pytest

from opp_docs.bulk.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _lines(stream: io.StringIO) -> list[str]:
    """What the screen shows: each line as its last carriage return left it."""
    return [line.rsplit("\r", 1)[-1] for line in stream.getvalue().split("\n")]


def test_a_run_that_ends_shows_n_of_n_even_when_rows_were_refused() -> None:
    screen = _Terminal()
    with Progress("documenten", screen) as progress:
        progress.start(30)
        for done in range(1, 30):  # one student of 30 was refused: 29 jobs
            progress(done)
    shown = _lines(screen)
    assert shown[0].startswith("30/30 documenten (") and shown[1:] == [""]


def test_the_line_is_ended_when_the_job_stops() -> None:
    screen = _Terminal()
    with pytest.raises(KeyboardInterrupt), Progress("documenten", screen) as progress:
        progress.start(30)
        progress(7)
        raise KeyboardInterrupt
    assert _lines(screen)[0].startswith("7/30 ") and screen.getvalue().endswith("\n")


def test_a_complete_line_is_shown_once() -> None:
    screen = _Terminal()
    with Progress("documenten", screen) as progress:
        progress.start(2)
        progress(1)
        progress(2)
    assert screen.getvalue().count("2/2 ") == 1 and screen.getvalue().count("\n") == 1


def test_nothing_in_a_pipe() -> None:
    pipe = io.StringIO()
    with Progress("documenten", pipe) as progress:
        progress.start(3)
        progress(3)
    assert pipe.getvalue() == ""

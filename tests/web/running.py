"""The real server for the tests that need one: ``opp web`` in a child process."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

URL = re.compile(r"^http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{40,})$")


@dataclass(frozen=True)
class Running:
    """A started ``opp web``: its URL line, port, token and process."""

    url: str
    port: int
    token: str
    process: subprocess.Popen[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def server_folders() -> set[str]:
    """The ``opp-web-*`` folders in the system's temporary folder now."""
    return {p.name for p in Path(tempfile.gettempdir()).iterdir() if p.name.startswith("opp-web-")}


@contextmanager
def opp_web(*args: str, cwd: Path | None = None) -> Iterator[Running]:
    """``opp web --geen-browser ARGS``, stopped with Ctrl-C (SIGINT) afterwards; it must exit
    with 130 and leave no folder of its own behind."""
    before = server_folders()
    process = subprocess.Popen(
        [sys.executable, "-m", "opp_docs", "web", "--geen-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().rstrip("\n")
        found = URL.match(line)
        assert found is not None, line
        yield Running(line, int(found.group(1)), found.group(2), process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert out == "", out  # the URL was the one line
    assert "Traceback" not in err
    assert server_folders() - before == set()

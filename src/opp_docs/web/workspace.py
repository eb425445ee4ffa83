"""Where the server keeps files: one private folder per request, results in memory.

The data is about children's health and behaviour, so nothing is written outside one folder
of the server's own (``opp-web-*`` in the system's temporary folder, mode 0700):

- each request gets its own folder below it, removed before the response goes out
  (:meth:`Workspace.request_folder`); the uploads are written there and the library writes
  its output there;
- what a page offers to download afterwards (the zip of forms, an overview) is kept in
  memory only (:class:`Results`), for at most ``keep_results_seconds``, under a random key;
- the whole folder is removed at shutdown (:meth:`Workspace.close`), and whatever a killed
  server left is removed by the next one's ``close`` only if it is its own: the folder name
  is random, so nothing else is touched.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Result", "Results", "Workspace"]


class Workspace:
    """The server's private folder and the request folders in it."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        """The server's folder, made when first needed (an app never started makes none)."""
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="opp-web-"))  # mode 0700
            return self._root

    @contextlib.contextmanager
    def request_folder(self) -> Iterator[Path]:
        """A new, empty folder of this request only; removed with all in it afterwards."""
        folder = Path(tempfile.mkdtemp(dir=self.root))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def leftovers(self) -> list[Path]:
        """Whatever is in the server's folder now (empty between requests)."""
        root = self._root
        return sorted(root.iterdir()) if root is not None and root.exists() else []

    def close(self) -> None:
        """Remove the server's folder and everything in it."""
        with self._lock:
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
            self._root = None


@dataclass(frozen=True)
class Result:
    """A file to download: its bytes, a safe file name and its media type."""

    data: bytes
    filename: str
    media_type: str
    expires: float


class Results:
    """Results to download, in memory, each under a random key until it expires.

    ``max_bytes`` bounds what is kept: the oldest results go first when a new one would
    exceed it.
    """

    def __init__(self, keep_seconds: int, max_bytes: int = 1024 * 1024 * 1024) -> None:
        self._keep = keep_seconds
        self._max = max_bytes
        self._items: dict[str, Result] = {}
        self._lock = threading.Lock()

    def add(self, data: bytes, filename: str, media_type: str) -> str:
        """Keep ``data``; the key to fetch it with."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._expire()
            while (
                self._items
                and sum(len(r.data) for r in self._items.values()) + len(data) > self._max
            ):
                del self._items[next(iter(self._items))]
            self._items[key] = Result(data, filename, media_type, time.monotonic() + self._keep)
        return key

    def get(self, key: str) -> Result | None:
        """The result under ``key``, or None when there is none (or it expired)."""
        with self._lock:
            self._expire()
            return self._items.get(key)

    def clear(self) -> None:
        """Forget every result (at shutdown)."""
        with self._lock:
            self._items.clear()

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, r in self._items.items() if r.expires <= now]:
            del self._items[key]

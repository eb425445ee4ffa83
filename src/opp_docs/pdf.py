"""Word documents to PDF through LibreOffice, in parallel but bounded, atomically.

    problems = convert_all([Path("plannen/noor.docx")], overwrite=False)   # noor.pdf beside it

Each document gets a PDF with the same name beside it. LibreOffice (``soffice --headless
--convert-to pdf``) converts a batch of documents per call; at most :data:`MAX_PROCESSES` calls
run at once, each with its own temporary user profile (``-env:UserInstallation``), because
two LibreOffice processes sharing a profile wait for each other or fail. The documents are
converted in a private temporary folder and a PDF is published only when it is complete
(:func:`opp_docs.files.write_atomic`): never a half PDF, never over an existing file unless
``overwrite``.

Nothing is raised for a document that cannot be converted: every problem (LibreOffice
missing, a PDF that exists, a document LibreOffice refuses) is returned, located by file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from opp_docs.errors import Location, OppError, Problem
from opp_docs.files import write_atomic

__all__ = ["BATCH_SIZE", "MAX_PROCESSES", "convert_all", "find_soffice", "missing_soffice"]

MAX_PROCESSES = 2
"""LibreOffice processes at once: each takes a core and a few hundred MB."""

BATCH_SIZE = 20
"""Documents per LibreOffice call: starting LibreOffice costs seconds, a document less."""

_STARTUP_SECONDS = 120
_SECONDS_PER_DOCUMENT = 60

# Where the LibreOffice installers put soffice when it is not on PATH.
_KNOWN_PLACES = {
    "win32": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
}


def find_soffice() -> str | None:
    """The LibreOffice program: ``soffice`` on PATH, else where the installer puts it."""
    found = shutil.which("soffice")
    if found is not None:
        return found
    for place in _KNOWN_PLACES.get(sys.platform, ()):
        if Path(place).is_file():
            return place
    return None


def missing_soffice() -> Problem:
    """The problem when LibreOffice is not installed: what to install, per system."""
    return Problem(
        "pdf.libreoffice_ontbreekt",
        "Er zijn geen PDF's gemaakt: daarvoor is LibreOffice nodig (het programma 'soffice'), "
        "en dat is niet gevonden. Installeer het op Debian of Ubuntu met 'sudo apt install "
        "libreoffice-writer'; op Windows of macOS van https://www.libreoffice.org. Probeer het "
        "daarna opnieuw. De Word-bestanden zijn wel geschreven.",
    )


def _exists(path: Path) -> Problem:
    return Problem(
        "bestand.bestaat_al",
        "De PDF bestaat al en is niet overschreven. Kies een andere map of geef toestemming om "
        "te overschrijven (overwrite=True).",
        Location(file=str(path)),
    )


def _failed(path: Path, why: str) -> Problem:
    return Problem(
        "pdf.mislukt",
        f"LibreOffice heeft van dit document geen PDF gemaakt ({why}). Open het in Word of "
        "LibreOffice om te zien of het beschadigd is.",
        Location(file=str(path)),
    )


def _batches(paths: Sequence[Path], processes: int) -> list[list[Path]]:
    """``paths`` in at most BATCH_SIZE per batch, spread evenly over the processes."""
    count = max(processes, -(-len(paths) // BATCH_SIZE))
    size = -(-len(paths) // count)
    return [list(paths[start : start + size]) for start in range(0, len(paths), size)]


# The LibreOffice processes running now, so that Ctrl-C in the main thread can stop them.
_RUNNING: set[subprocess.Popen[bytes]] = set()
_LOCK = threading.Lock()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and every process it started (its own process group on POSIX)."""
    if process.poll() is not None:
        return
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice; on a timeout or an interrupt stop it and what it started."""
    with subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        start_new_session=os.name == "posix",  # a process group, so killpg reaches soffice.bin
    ) as process:
        with _LOCK:
            _RUNNING.add(process)
        try:
            process.wait(timeout=timeout)
        except BaseException:
            _stop(process)
            process.wait()
            raise
        finally:
            with _LOCK:
                _RUNNING.discard(process)


def _convert_batch(soffice: str, batch: list[Path], overwrite: bool) -> list[Problem]:
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="opp-pdf-") as work:
        folder = Path(work)
        # Copies under plain numbered names: no two documents of a batch share a stem, and a
        # name LibreOffice would mangle (spaces, accents, a leading dash) cannot reach it.
        inputs: dict[int, Path] = {}
        for number, path in enumerate(batch):
            copy = folder / f"{number}.docx"
            try:
                shutil.copyfile(path, copy)
            except OSError as exc:
                problems.append(_failed(path, f"niet te lezen: {exc.strerror}"))
            else:
                inputs[number] = copy
        if not inputs:
            return problems
        out = folder / "pdf"
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profiel').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(path) for path in inputs.values()),
        ]
        timeout = _STARTUP_SECONDS + _SECONDS_PER_DOCUMENT * len(batch)
        try:
            _run(command, timeout)
        except subprocess.TimeoutExpired:
            why = f"na {timeout} seconden afgebroken"
            return problems + [_failed(batch[number], why) for number in inputs]
        except OSError as exc:
            why = f"LibreOffice start niet: {exc.strerror}"
            return problems + [_failed(batch[number], why) for number in inputs]
        for number, path in enumerate(batch):
            if number not in inputs:
                continue
            produced = out / f"{number}.pdf"
            data = produced.read_bytes() if produced.is_file() else b""
            if not data.startswith(b"%PDF"):
                problems.append(_failed(path, "geen PDF als uitvoer"))
                continue
            try:
                write_atomic(path.with_suffix(".pdf"), data, overwrite=overwrite)
            except OppError as exc:
                problems.extend(exc.problems)
    return problems


def convert_all(
    paths: Sequence[str | os.PathLike[str]], *, overwrite: bool = False
) -> list[Problem]:
    """Make ``name.pdf`` beside each ``name.docx`` of ``paths``; return the problems.

    A PDF that exists is left alone (a problem ``bestand.bestaat_al``) unless ``overwrite``;
    without LibreOffice the one problem is ``pdf.libreoffice_ontbreekt``, saying how to
    install it. Documents are converted in batches, at most :data:`MAX_PROCESSES` at once.
    """
    if not paths:
        return []
    soffice = find_soffice()
    if soffice is None:
        return [missing_soffice()]
    problems: list[Problem] = []
    todo: list[Path] = []
    for path in map(Path, paths):
        target = path.with_suffix(".pdf")
        if target.exists() and not overwrite:
            problems.append(_exists(target))
        else:
            todo.append(path)
    if not todo:
        return problems
    batches = _batches(todo, MAX_PROCESSES)
    with ThreadPoolExecutor(max_workers=min(MAX_PROCESSES, len(batches))) as pool:
        try:
            for found in pool.map(lambda batch: _convert_batch(soffice, batch, overwrite), batches):
                problems.extend(found)
        except BaseException:
            # Ctrl-C reaches this thread only: stop the conversions the workers wait for.
            pool.shutdown(wait=False, cancel_futures=True)
            with _LOCK:
                running = list(_RUNNING)
            for process in running:
                _stop(process)
            raise
    return problems

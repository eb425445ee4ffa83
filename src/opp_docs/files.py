"""Writing output files safely: atomically, and never over an existing file unless asked.

A written file gets the permissions any program's new file gets: ``0666`` less the umask
(``0644`` under umask 022, ``0664`` under 002 on a shared drive), not the owner-only ``0600``
of the temporary file it is written through.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from opp_docs.errors import FileError, Location, Problem

__all__ = ["refuse_existing", "write_atomic"]


def refuse_existing(path: Path, *, overwrite: bool = False) -> None:
    """Raise :class:`FileError` (``bestand.bestaat_al``) when ``path`` exists and
    ``overwrite`` is false: a job checks its output before it starts, not after the work."""
    if path.exists() and not overwrite:
        raise FileError(
            Problem(
                code="bestand.bestaat_al",
                message=(
                    "Het bestand bestaat al en is niet overschreven. Kies een andere naam of "
                    "geef toestemming om te overschrijven (overwrite=True)."
                ),
                location=Location(file=str(path)),
            )
        )


_UMASK_LOCK = threading.Lock()


def _new_file_mode() -> int:
    """``0o666`` less the process's umask."""
    # os.umask can only be read by setting it; the lock keeps two writing threads from
    # reading each other's placeholder.
    with _UMASK_LOCK:
        mask = os.umask(0o077)
        os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees a half-written file, and an interrupted write leaves at most a hidden
    temporary file, never a broken ``path``. Raises :class:`FileError` when ``path`` exists and
    ``overwrite`` is false, or when the folder cannot be written.
    """
    location = Location(file=str(path))
    refuse_existing(path, overwrite=overwrite)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError(
            Problem(
                code="bestand.niet_schrijfbaar",
                message=f"De map kan niet worden beschreven ({exc.strerror}). Kies een andere map.",
                location=Location(file=str(folder)),
            )
        ) from exc
    temporary = Path(name)
    try:
        if os.name == "posix":  # Windows has no mode bits beyond read-only
            os.fchmod(handle, _new_file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            temporary.replace(path)
        else:
            _publish_exclusive(temporary, path)
    except FileExistsError as exc:
        temporary.unlink(missing_ok=True)
        raise FileError(
            Problem(
                code="bestand.bestaat_al",
                message="Het bestand is intussen door iets anders aangemaakt; niet overschreven.",
                location=location,
            )
        ) from exc
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise FileError(
            Problem(
                code="bestand.niet_schrijfbaar",
                message=f"Het bestand kan niet worden geschreven ({exc.strerror}).",
                location=location,
            )
        ) from exc
    except BaseException:
        # Interrupted (Ctrl-C, a stopping worker): no half-written temporary file stays behind.
        temporary.unlink(missing_ok=True)
        raise


def _publish_exclusive(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` unless that name exists (FileExistsError)."""
    # link() fails if the name appeared meanwhile, where rename() would silently replace it.
    # File systems without hard links (FAT, some network shares) fall back to a checked rename.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(str(path)) from None
        temporary.replace(path)
    else:
        temporary.unlink()

"""Zips in and out: an uploaded .zip of forms unpacked safely, results packed for download.

An uploaded zip is checked before anything is inflated (members, declared sizes, ratio) and
again while inflating (a member that inflates past its declared size is a zip bomb). Its
folder structure is dropped: each member becomes a file of the request folder under a safe
name, so no name in the zip can point outside it. The forms in it are then read by the
library, which holds each to its own limits (``pakket.*``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from opp_docs.docx.package import MAX_RATIO, RATIO_FLOOR
from opp_docs.errors import InputError, Location, Problem
from opp_docs.web.settings import MIB, Limits
from opp_docs.web.uploads import UploadedFile, too_many_files

__all__ = ["expand", "is_zip", "pack"]

_CHUNK = 64 * 1024


def is_zip(upload: UploadedFile) -> bool:
    """Whether ``upload`` is a .zip archive of files (not a .docx or .xlsx, also zips)."""
    return upload.name.lower().endswith(".zip")


def _refuse(code: str, message: str, upload: UploadedFile) -> InputError:
    return InputError(Problem(code, message, Location(file=upload.name)))


def _members(
    archive: zipfile.ZipFile, upload: UploadedFile, limits: Limits
) -> list[zipfile.ZipInfo]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > limits.files:
        raise too_many_files(limits)
    if sum(info.file_size for info in infos) > limits.unpacked_bytes:
        raise _refuse(
            "web.uitgepakt_te_groot",
            f"Het zip-bestand zou uitgepakt meer dan {limits.unpacked_bytes // MIB} MiB worden. "
            "Stuur de formulieren in delen.",
            upload,
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise _refuse(
                "pakket.zipbom",
                "Een bestand in het zip-bestand pakt veel groter uit dan normaal (zip-bom); het "
                "zip-bestand is niet geopend.",
                upload,
            )
    return infos


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, upload: UploadedFile) -> bytes:
    chunks, size = [], 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > info.file_size:
                raise _refuse(
                    "pakket.zipbom",
                    "Een bestand in het zip-bestand pakt groter uit dan het zip-bestand aangeeft "
                    "(zip-bom); het zip-bestand is niet geopend.",
                    upload,
                )
            chunks.append(chunk)
    return b"".join(chunks)


def expand(
    uploads: Iterable[UploadedFile], limits: Limits, suffixes: tuple[str, ...]
) -> list[UploadedFile]:
    """``uploads`` with every .zip among them replaced by its files that end in ``suffixes``
    (Word's ``~$`` lock files and hidden files left out), within ``limits``."""
    found: list[UploadedFile] = []
    for upload in uploads:
        if not is_zip(upload):
            found.append(upload)
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
                for info in _members(archive, upload, limits):
                    name = info.filename.rsplit("/", 1)[-1]
                    if name.lower().endswith(suffixes) and not name.startswith(("~$", ".")):
                        found.append(UploadedFile(name, _inflate(archive, info, upload)))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
            raise _refuse(
                "pakket.geen_zip",
                "Het zip-bestand is beschadigd of geen zip-bestand. Maak het opnieuw.",
                upload,
            ) from exc
        except RuntimeError as exc:  # zipfile raises this for an encrypted member
            raise _refuse(
                "pakket.versleuteld",
                "Het zip-bestand heeft een wachtwoord. Maak het opnieuw zonder wachtwoord.",
                upload,
            ) from exc
        if len(found) > limits.files:
            raise too_many_files(limits)
    return found


def pack(files: Iterable[tuple[str, Path | bytes]]) -> bytes:
    """A zip of ``files``: each ``(name in the zip, path or bytes)``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            data = content if isinstance(content, bytes) else content.read_bytes()
            # .docx and .xlsx are zips already: storing them again saves time, not space.
            method = zipfile.ZIP_STORED if name.endswith((".docx", ".xlsx")) else None
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()

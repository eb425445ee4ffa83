"""Uploads read within the limits, into memory, then into the request's own folder.

Starlette's multipart parser spools a file over 1 MiB into an unnamed file in the system's
temporary folder; here the spool holds up to the request limit in memory instead, so an
upload touches the disk only where :func:`save` puts it: the request folder. The body is
counted as it arrives and refused once it passes ``upload_bytes`` (``web.te_groot``), a
``Content-Length`` over it before anything is read.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from opp_docs.bulk.names import safe_name, unique_names
from opp_docs.errors import InputError, Problem
from opp_docs.web.settings import MIB, Limits

__all__ = ["Upload", "UploadedFile", "read_upload", "save", "too_large", "too_many_files"]


@dataclass(frozen=True)
class UploadedFile:
    """One uploaded file: the name the browser gave (for messages only) and its bytes."""

    name: str
    data: bytes


@dataclass
class Upload:
    """The fields and files of one multipart request."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, list[UploadedFile]] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        """The text field ``name``, stripped; None when absent or empty."""
        value = self.fields.get(name, "").strip()
        return value or None

    def flag(self, name: str) -> bool:
        """A checkbox: sent (any value but empty, "0", "false", "nee") or not."""
        return (self.text(name) or "").lower() not in ("", "0", "false", "nee", "off")

    def one(self, name: str) -> UploadedFile | None:
        """The one file of the field ``name``; None when none was chosen."""
        chosen = self.files.get(name, [])
        return chosen[0] if chosen else None

    def required(self, name: str, what: str) -> UploadedFile:
        """The file of field ``name``, or the problem ``web.bestand_ontbreekt``."""
        chosen = self.one(name)
        if chosen is None:
            raise InputError(
                Problem(
                    "web.bestand_ontbreekt",
                    f"Er is geen {what} meegestuurd (veld '{name}'). Kies een bestand.",
                )
            )
        return chosen


def too_large(limits: Limits) -> InputError:
    """The problem of a request body over the limit."""
    return InputError(
        Problem(
            "web.te_groot",
            f"De upload is groter dan {limits.upload_bytes // MIB} MiB. Stuur minder "
            "bestanden tegelijk.",
        )
    )


def too_many_files(limits: Limits) -> InputError:
    """The problem of more files in one request than the limit."""
    return InputError(
        Problem(
            "web.te_veel_bestanden",
            f"Er zijn meer dan {limits.files} bestanden meegestuurd. Stuur ze in delen.",
        )
    )


async def _counted(request: Request, limits: Limits) -> AsyncGenerator[bytes, None]:
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limits.upload_bytes:
            raise too_large(limits)
        yield chunk


async def read_upload(request: Request, limits: Limits) -> Upload:
    """The multipart body of ``request``, within ``limits``, every file in memory."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limits.upload_bytes:
        raise too_large(limits)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise InputError(
            Problem(
                "web.geen_upload",
                "Dit verzoek verwacht bestanden (multipart/form-data). Kies de bestanden in "
                "het formulier en verstuur opnieuw.",
            )
        )
    parser = MultiPartParser(
        request.headers,
        _counted(request, limits),
        max_files=limits.files,
        max_fields=100,
        max_part_size=MIB,
    )
    parser.spool_max_size = limits.upload_bytes  # in memory: never a file outside the folder
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        if "Too many files" in exc.message:
            raise too_many_files(limits) from exc
        raise InputError(
            Problem(
                "web.upload_ongeldig",
                "De upload is niet goed aangekomen (onvolledig of beschadigd). Probeer opnieuw.",
            )
        ) from exc
    upload = Upload()
    try:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read()
                if value.filename or data:  # a file input left empty sends an empty part
                    upload.files.setdefault(name, []).append(
                        UploadedFile(value.filename or name, data)
                    )
            else:
                upload.fields[name] = value
    finally:
        await form.close()
    return upload


def save(files: list[UploadedFile], folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Write ``files`` into ``folder`` under safe, distinct names; the paths, in order.

    A name keeps its own extension when it is one of ``suffixes`` (else the first of them),
    so the library reads each file as what it is; path parts of a browser's name are dropped.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for upload in files:
        base = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
        suffix = next((s for s in suffixes if base.lower().endswith(s)), suffixes[0])
        names.append(safe_name(base, suffix))
    paths = []
    for name, upload in zip(unique_names(names), files, strict=True):
        path = folder / name
        path.write_bytes(upload.data)
        paths.append(path)
    return paths

"""What every route shares: reading a form post, running a job off the event loop, and
sending a file as a download."""

from __future__ import annotations

import functools
import mimetypes
import urllib.parse
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import anyio.to_thread
from fastapi import Request
from fastapi.responses import Response

from opp_docs.bulk.names import safe_name
from opp_docs.errors import InputError, Problem
from opp_docs.web.jobs import Context
from opp_docs.web.security import check_form_csrf
from opp_docs.web.uploads import Upload, read_upload

__all__ = ["day_field", "download", "media_type", "plan_data", "read_form", "run_job"]

T = TypeVar("T")

_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".ics": "text/calendar",
    ".json": "application/json",
    ".pdf": "application/pdf",
}


async def read_form(request: Request) -> Upload:
    """The multipart body within the server's limits, its CSRF field checked."""
    context: Context = request.app.state.context
    upload = await read_upload(request, context.settings.limits)
    refused = check_form_csrf(request, upload.fields)
    if refused is not None:
        raise InputError(refused)
    return upload


async def run_job(request: Request, job: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``job(context, *args, **kwargs)`` in a worker thread, at most ``concurrent_jobs`` at
    once, so that pages are served while forms are made."""
    context: Context = request.app.state.context
    call = functools.partial(job, context, *args, **kwargs)
    return await anyio.to_thread.run_sync(call, limiter=request.app.state.limiter)


def media_type(filename: str) -> str:
    """The media type of a download by its extension."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def download(data: bytes, filename: str) -> Response:
    """``data`` as an attachment named ``filename`` (made safe; RFC 6266 for non-ASCII)."""
    suffix = "." + filename.rsplit(".", 1)[-1]
    name = safe_name(filename, suffix)
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''" + urllib.parse.quote(
        name
    )
    return Response(data, media_type=media_type(name), headers={"Content-Disposition": disposition})


def day_field(text: str | None) -> date | None:
    """A date typed in a form: jjjj-mm-dd (a date input) or dd-mm-jjjj; None for none."""
    from opp_docs.formats import parse_date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError(
            Problem(
                "web.datum_onleesbaar",
                f"'{text}' is geen datum. Gebruik dd-mm-jjjj, bijvoorbeeld 01-10-2024.",
                input=text,
            )
        ) from exc


def plan_data(upload: Upload) -> Any:
    """The plan of a form post: the field or file ``plan``, JSON text (``json.ongeldig``
    when it is none)."""
    import json

    chosen = upload.one("plan")
    text = chosen.data.decode("utf-8", "replace") if chosen else upload.fields.get("plan", "")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(Problem("json.ongeldig", "Het plan is geen geldige JSON.")) from exc

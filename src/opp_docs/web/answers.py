"""Answers several routes give: a refusal (JSON or a Dutch page) and signing a browser in."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from opp_docs.errors import Problem
from opp_docs.web.problems import error_body
from opp_docs.web.security import Sessions, cookie_name

__all__ = ["refusal", "sign_in", "signed_in"]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get(
        "accept", ""
    )


def refusal(request: Request, status: int, problems: list[Problem]) -> Response:
    """A refused request as JSON (API, scripts) or as a Dutch page (browsers)."""
    if _wants_json(request):
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(error_body(problems).model_dump(), status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    page = "aanmelden.html" if status in (401, 403) and not signed_in(request) else "fout.html"
    return templates.TemplateResponse(
        request,
        page,
        {
            # Not signed in yet (401) is no failure: the page itself says what to do.
            "problems": [] if status == 401 else problems,
            "title": "Geen toegang" if status in (401, 403) else "Fout",
        },
        status_code=status,
    )


def signed_in(request: Request) -> bool:
    return getattr(request.state, "access", None) is not None


def sign_in(request: Request, response: Response) -> Response:
    """``response`` with a new session's cookie."""
    sessions: Sessions = request.app.state.sessions
    response.set_cookie(
        cookie_name(request),
        sessions.start(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response

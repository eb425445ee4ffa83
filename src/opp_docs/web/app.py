"""The application factory: routes, access, headers, error bodies, logs and clean-up.

    app = create_app(WebSettings())        # an ASGI app; opp web runs it on uvicorn

Every request passes :func:`_guard` (host, other sites, token or session, the CSRF header)
and leaves with the security headers. An :class:`~opp_docs.errors.OppError` becomes the JSON
error body for the API and a Dutch page otherwise; any other exception a 500 that names
only its type (a library's message may quote a field). The log has one line per request:
method, the route's pattern (never the path typed or the query with its token), status and
time. The server's folder is removed at shutdown.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from pathlib import Path

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from opp_docs import __version__
from opp_docs.errors import OppError, Problem
from opp_docs.web import api, pages
from opp_docs.web.answers import refusal, sign_in
from opp_docs.web.editor import build_editor
from opp_docs.web.editor import pages as editor_pages
from opp_docs.web.jobs import Context
from opp_docs.web.problems import status_of
from opp_docs.web.security import (
    CSRF_HEADER,
    CSRF_MISSING,
    NO_ACCESS,
    OTHER_SITE,
    WRONG_TOKEN,
    Sessions,
    cookie_name,
    cross_site,
    needs_header_csrf,
    security_headers,
)
from opp_docs.web.settings import WebSettings
from opp_docs.web.workspace import Results, Workspace

__all__ = ["LOG", "create_app"]

LOG = logging.getLogger("opp_docs.web")

HERE = Path(str(resources.files("opp_docs.web")))
_OPEN = ("/static/", "/aanmelden")


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    started = time.perf_counter()
    try:
        response = await _admit(request, call_next)
    except Exception as exc:
        # Not re-raised: uvicorn would log the message, and a library's may quote a field.
        LOG.error("interne fout: %s.%s", type(exc).__module__, type(exc).__qualname__)
        response = refusal(
            request,
            500,
            [
                Problem(
                    "web.interne_fout",
                    f"Interne fout ({type(exc).__name__}). Dit is een fout in opp-docs, niet in "
                    "uw bestand; meld het.",
                )
            ],
        )
    security_headers(response, static=request.url.path.startswith("/static/"))
    route = request.scope.get("route")
    LOG.info(
        "%s %s %d %.3f s",
        request.method,
        getattr(route, "path", "(onbekend)"),
        response.status_code,
        time.perf_counter() - started,
    )
    return response


async def _admit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    sessions: Sessions = request.app.state.sessions
    if request.method not in ("GET", "HEAD") and cross_site(request):
        return refusal(request, 403, [OTHER_SITE])
    if request.url.path.startswith(_OPEN):
        return await call_next(request)
    token = request.query_params.get("token")
    if token is not None:
        if not sessions.token_matches(token):
            return refusal(request, 403, [WRONG_TOKEN])
        # Signed in: the same page without the token, so it leaves the address bar.
        return sign_in(request, RedirectResponse(request.url.path, status_code=303))
    session = request.cookies.get(cookie_name(request))
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        # A header no other site can make a browser send: no CSRF token needed.
        if not sessions.token_matches(authorization[7:].strip()):
            return refusal(request, 403, [WRONG_TOKEN])
        request.state.access = "bearer"
    elif sessions.known(session):
        request.state.access, request.state.session = "cookie", session
    else:
        return refusal(request, 401, [NO_ACCESS])
    if needs_header_csrf(request, request.state.access):
        assert session is not None
        if not sessions.csrf_matches(session, request.headers.get(CSRF_HEADER)):
            return refusal(request, 403, [CSRF_MISSING])
    return await call_next(request)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OppError)
    return refusal(request, status_of(exc), list(exc.problems))


async def _not_found(request: Request, exc: Exception) -> Response:
    del exc
    return refusal(
        request,
        404,
        [Problem("web.niet_gevonden", "Deze pagina bestaat niet. Ga terug naar de startpagina.")],
    )


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The web app of opp-docs: pages, ``/api``, ``/api/docs``, static assets."""
    settings = settings or WebSettings()
    workspace = Workspace()
    results = Results(settings.keep_results_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        del app
        workspace.root  # made at start: a server that cannot make it stops here  # noqa: B018
        try:
            yield
        finally:
            results.clear()
            workspace.close()

    app = FastAPI(
        title="opp-docs",
        version=__version__,
        summary="Ontwikkelingsperspectiefplannen (OPP 2024-2025) invullen, uitlezen, maken, "
        "verzamelen en controleren.",
        description="Elke route doet wat een opdracht van `opp` doet. Toegang: de kop "
        "`Authorization: Bearer <token>` met het token dat `opp web` liet zien.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    app.state.context = Context(settings, workspace)
    app.state.results = results
    app.state.sessions = Sessions(settings.token)
    app.state.limiter = anyio.CapacityLimiter(settings.concurrent_jobs)
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.workspace = workspace
    app.state.editor = build_editor()  # the page /plan, from the model
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(editor_pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(OppError, _refused)
    app.add_exception_handler(404, _not_found)
    app.middleware("http")(_guard)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    return app

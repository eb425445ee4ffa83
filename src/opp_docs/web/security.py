"""Who may use the server, and the headers every answer carries.

Access (as Jupyter and Datasette do it): ``opp web`` prints a URL with a random token. The
first visit with ``?token=`` sets a session cookie (HttpOnly, SameSite=Strict, no lifetime:
gone when the browser closes) and redirects to the same page without the token, so it leaves
the address bar. Scripts send ``Authorization: Bearer <token>``. The sign-in page
(``/aanmelden``) takes the token typed in. Without any of these every page and API call
answers 401; a wrong token 403. Static assets (CSS, JS, no data) are open.

CSRF: a request that a cookie authorises and that changes something (every POST) must carry
the session's CSRF token: a form's hidden field ``csrf`` (checked by
:func:`check_form_csrf`, which every upload goes through) or the header ``X-CSRF-Token``
(checked here, for any other body). A request from another site (``Origin`` or
``Sec-Fetch-Site`` says so) is refused whatever it carries. Requests with the bearer token
carry no cookie, so no other site can make a browser send one.

Headers: a Content-Security-Policy without inline script (every script is a file of
``static/``) and with ``frame-ancestors 'none'``, ``X-Content-Type-Options: nosniff``,
``Referrer-Policy: no-referrer``, and ``Cache-Control: no-store`` on everything but the
static assets (pages and downloads hold children's data; no browser cache keeps them).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from typing import Literal

from starlette.requests import Request
from starlette.responses import Response

from opp_docs.errors import Problem

__all__ = [
    "CSP",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "CSRF_MISSING",
    "NO_ACCESS",
    "OTHER_SITE",
    "WRONG_TOKEN",
    "Access",
    "Sessions",
    "check_form_csrf",
    "cookie_name",
    "cross_site",
    "needs_header_csrf",
    "security_headers",
]

CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

Access = Literal["cookie", "bearer"]

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_FORM_TYPES = ("multipart/form-data",)


def cookie_name(request: Request) -> str:
    """The session cookie's name, with the port: two servers on one machine keep their own
    (a browser sends 127.0.0.1's cookies to every port)."""
    return f"opp_sessie_{request.url.port or 0}"


class Sessions:
    """The sessions of signed-in browsers (in memory: gone when the server stops)."""

    def __init__(self, token: str) -> None:
        self._token = token
        self._key = secrets.token_bytes(32)  # the CSRF tokens' key, new per start
        self._ids: set[str] = set()
        self._lock = threading.Lock()

    def token_matches(self, given: str) -> bool:
        """Whether ``given`` is the server's token (compared in constant time)."""
        return hmac.compare_digest(given.encode(), self._token.encode())

    def start(self) -> str:
        """A new session's id, for the cookie."""
        session = secrets.token_urlsafe(32)
        with self._lock:
            self._ids.add(session)
        return session

    def known(self, session: str | None) -> bool:
        """Whether ``session`` is a session of this server."""
        with self._lock:
            return session is not None and session in self._ids

    def csrf(self, session: str) -> str:
        """The CSRF token of ``session``."""
        return hmac.new(self._key, session.encode(), hashlib.sha256).hexdigest()

    def csrf_matches(self, session: str, given: str | None) -> bool:
        """Whether ``given`` is the CSRF token of ``session``."""
        return given is not None and hmac.compare_digest(given, self.csrf(session))


NO_ACCESS = Problem(
    "web.geen_toegang",
    "Geen toegang: open de link die 'opp web' liet zien (met ?token=), of vul de toegangscode "
    "in op de aanmeldpagina.",
)
WRONG_TOKEN = Problem(
    "web.token_onjuist",
    "Deze toegangscode hoort niet bij deze server. Open de link die 'opp web' nu laat zien.",
)
CSRF_MISSING = Problem(
    "web.csrf",
    "Het formulier is verlopen of kwam niet van deze pagina. Laad de pagina opnieuw en "
    "verstuur het nog eens.",
)
OTHER_SITE = Problem(
    "web.andere_site",
    "Dit verzoek komt van een andere website en is geweigerd.",
)


def cross_site(request: Request) -> bool:
    """Whether the browser says ``request`` comes from another origin.

    ``Sec-Fetch-Site`` decides where a browser sends it: only ``same-origin`` (a page of this
    server) and ``none`` (typed, a bookmark) pass; ``same-site`` is refused too, as another
    port of 127.0.0.1 is the same site to a browser. Otherwise ``Origin`` must be this server,
    unless it is ``null``: a browser sends that for a form posted under
    ``Referrer-Policy: no-referrer``, this server's own policy.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return False
    return origin != f"{request.url.scheme}://{request.url.netloc}"


def needs_header_csrf(request: Request, access: Access | None) -> bool:
    """Whether ``request`` must carry ``X-CSRF-Token``: a cookie's change without a form
    body (a form's field is checked where the form is read)."""
    if access != "cookie" or request.method in _SAFE_METHODS:
        return False
    return not request.headers.get("content-type", "").startswith(_FORM_TYPES)


def check_form_csrf(request: Request, fields: dict[str, str]) -> Problem | None:
    """The problem when a cookie's form post lacks its session's CSRF field (or header)."""
    if getattr(request.state, "access", None) != "cookie":
        return None
    sessions: Sessions = request.app.state.sessions
    session: str = request.state.session
    given = fields.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    return None if sessions.csrf_matches(session, given) else CSRF_MISSING


def security_headers(response: Response, *, static: bool) -> None:
    """Set the headers every answer carries."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "private, max-age=3600" if static else "no-store"

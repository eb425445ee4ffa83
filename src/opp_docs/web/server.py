"""Running the app: a socket on 127.0.0.1 (a free port unless one is asked), uvicorn without
its access log, one line with the sign-in URL, the browser opened, Ctrl-C to stop.

uvicorn's own access log would write each request's path with its query string (the token
of the sign-in URL) and the client's address; it is off, and :mod:`opp_docs.web.app` logs one
line per request with the route's pattern instead. uvicorn's other messages are kept to
warnings, so the URL is the one line a user sees. On Ctrl-C uvicorn finishes the requests
under way, the app removes its folder (lifespan), and the interrupt reaches the caller
(``opp`` exits 130).
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
import webbrowser
from typing import TextIO

import uvicorn

from opp_docs.web.app import create_app
from opp_docs.web.settings import WebSettings

__all__ = ["bind", "serve", "sign_in_url"]


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port the system picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
    return sock


def sign_in_url(host: str, port: int, token: str | None) -> str:
    """The URL to open: with the token, or the sign-in page when a password is used."""
    shown = f"[{host}]" if ":" in host else host
    if token is None:
        return f"http://{shown}:{port}/aanmelden"
    return f"http://{shown}:{port}/?token={token}"


def _logging(stream: TextIO) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("opp web: %(message)s"))
    log = logging.getLogger("opp_docs.web")
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("uvicorn.access").disabled = True


def serve(
    settings: WebSettings,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    open_browser: bool = True,
    show_token: bool = True,
    out: TextIO | None = None,
) -> None:
    """Serve the app until Ctrl-C (raised on as KeyboardInterrupt once shut down)."""
    _logging(sys.stderr)
    app = create_app(settings)
    sock = bind(host, port)
    url = sign_in_url(host, sock.getsockname()[1], settings.token if show_token else None)
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        log_level="warning",
        server_header=False,
        date_header=False,
        timeout_graceful_shutdown=30,
    )
    server = uvicorn.Server(config)
    print(url, file=out or sys.stdout, flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        app.state.results.clear()
        app.state.workspace.close()

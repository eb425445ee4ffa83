"""``opp web``: the whole job in a browser, on top of the library.

    app = create_app(WebSettings())      # the ASGI app (FastAPI)
    serve(WebSettings(), port=8123)      # uvicorn on 127.0.0.1, until Ctrl-C

Layers, each a module: :mod:`.settings` (token, limits), :mod:`.security` (access, CSRF,
headers), :mod:`.uploads` and :mod:`.archive` (uploads within limits, zips in and out),
:mod:`.workspace` (the private folders, results in memory), :mod:`.jobs` (one library call
per job, shared by pages and API), :mod:`.api` and :mod:`.pages` (requests in, a job, a
response out), :mod:`.app` (the factory) and :mod:`.server` (uvicorn, logs, the URL).
Developer notes: docs/dev/web.md; for users: docs/web.md.
"""

from opp_docs.web.app import create_app
from opp_docs.web.server import serve
from opp_docs.web.settings import Limits, WebSettings

__all__ = ["Limits", "WebSettings", "create_app", "serve"]

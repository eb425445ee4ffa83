"""What one ``opp web`` server is set up with: its secret, its limits, how much it runs at once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

__all__ = ["Limits", "WebSettings", "new_token"]

MIB = 1024 * 1024


def new_token() -> str:
    """A fresh random token for the sign-in URL (32 bytes, URL-safe)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Limits:
    """What one request may send, each refused with its own Dutch problem.

    Attributes:
        upload_bytes: The whole request body (``web.te_groot``, 413). 100 MiB holds a
            school's forms of a year (about 50 KB each) several times over.
        files: Files in one request, counting the members of an uploaded .zip
            (``web.te_veel_bestanden``).
        unpacked_bytes: What an uploaded .zip may unpack to in all (``web.uitgepakt_te_groot``);
            each form in it is held to the library's own zip-bomb limits as well.
    """

    upload_bytes: int = 100 * MIB
    files: int = 2_000
    unpacked_bytes: int = 512 * MIB


@dataclass(frozen=True)
class WebSettings:
    """One server's settings.

    Attributes:
        token: The secret: in the sign-in URL (``?token=``), as ``Authorization: Bearer``, or
            typed on the sign-in page. Random per start unless a password file gives it.
        allowed_hosts: The ``Host`` headers served (others get 400): what the browser is
            sent to, so a page elsewhere cannot reach the server by rebinding a name.
        limits: What one request may send.
        jobs: Worker processes per job (``generate``/``collect`` ``jobs``); 1 runs each job
            in its request's thread.
        concurrent_jobs: Jobs that run at once; further uploads wait their turn, while pages
            are still served.
        keep_results_seconds: How long a result (a zip to download) stays in memory.
    """

    token: str = field(default_factory=new_token)
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    limits: Limits = field(default_factory=Limits)
    jobs: int = 1
    concurrent_jobs: int = 4
    keep_results_seconds: int = 3600

"""``opp web``: the web app on this computer, for coordinators who never open a terminal.

Starts the server on 127.0.0.1 at a free port (``--poort`` to choose) and prints one line,
the URL with a fresh token; opens the browser unless ``--geen-browser``. ``--host`` serves on
another address, and then needs ``--wachtwoord-bestand``: its first line is the access code
(the URL printed is the sign-in page). Ctrl-C stops it (exit 130, :mod:`.exitcodes`). The
web app (FastAPI, uvicorn) is imported when the command runs, not when the table is built.
"""

from __future__ import annotations

import argparse

from opp_docs.cli.arguments import add_command, path_arg

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["register"]

MIN_PASSWORD = 12
LOCAL = "127.0.0.1"


def _password(path: Path) -> str:
    from opp_docs.errors import FileError, InputError, Location, Problem

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileError(
            Problem(
                "bestand.niet_gevonden",
                "Het wachtwoordbestand bestaat niet.",
                Location(file=str(path)),
            )
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError(
            Problem(
                "bestand.niet_leesbaar",
                "Het wachtwoordbestand kan niet worden gelezen (als UTF-8-tekst).",
                Location(file=str(path)),
            )
        ) from exc
    lines = text.splitlines()
    password = lines[0].strip() if lines else ""
    if len(password) < MIN_PASSWORD:
        raise InputError(
            Problem(
                "web.wachtwoord_kort",
                f"Het wachtwoord (de eerste regel van het bestand) moet minstens {MIN_PASSWORD} "
                "tekens lang zijn.",
                Location(file=str(path)),
            )
        )
    return password


def _cmd_web(args: argparse.Namespace) -> int:
    from opp_docs.errors import InputError, Problem
    from opp_docs.web.server import serve
    from opp_docs.web.settings import WebSettings

    if args.host is not None and args.wachtwoord_bestand is None:
        raise InputError(
            Problem(
                "web.wachtwoord_nodig",
                "Met --host is de server ook voor andere computers te bereiken; geef dan ook "
                "--wachtwoord-bestand, en zet de server achter HTTPS (zie docs/web.md).",
            )
        )
    host = args.host or LOCAL
    if args.wachtwoord_bestand is not None:
        hosts = ("*",) if host in ("0.0.0.0", "::") else (host, LOCAL, "localhost")
        settings = WebSettings(token=_password(args.wachtwoord_bestand), allowed_hosts=hosts)
    else:
        settings = WebSettings()
    try:
        serve(
            settings,
            host=host,
            port=args.poort,
            open_browser=not args.geen_browser,
            show_token=args.wachtwoord_bestand is None,
        )
    except OSError as exc:
        raise InputError(
            Problem(
                "web.poort_bezet",
                f"De server kan niet starten op {host}:{args.poort} ({exc.strerror or exc}). "
                "Kies een andere poort met --poort, of laat --poort weg.",
            )
        ) from exc
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``opp web`` to the subcommands of ``opp``."""
    web = add_command(
        commands,
        "web",
        help="open opp-docs in de browser (op deze computer)",
        description=(
            "Start opp-docs als website op deze computer: formulieren maken, verzamelen, "
            "controleren, planning, handelingswijzers en uitnodigingen, zonder opdrachtregel. "
            "Toont één regel met het adres (met een toegangscode) en opent de browser. Stoppen "
            "met Ctrl-C. Alleen deze computer kan erbij, tenzij --host."
        ),
    )
    web.add_argument(
        "--poort",
        type=int,
        default=0,
        metavar="N",
        help="de poort (standaard: een vrije poort)",
    )
    web.add_argument(
        "--geen-browser",
        action="store_true",
        help="open de browser niet (het adres staat op het scherm)",
    )
    web.add_argument(
        "--host",
        metavar="ADRES",
        help="luister op dit adres in plaats van 127.0.0.1 (ook voor andere computers); vraagt "
        "--wachtwoord-bestand, en hoort achter HTTPS",
    )
    web.add_argument(
        "--wachtwoord-bestand",
        type=path_arg,
        metavar="BESTAND",
        help="een bestand met op de eerste regel de toegangscode (minstens 12 tekens), in "
        "plaats van een nieuwe code bij elke start",
    )
    web.set_defaults(handler=_cmd_web)

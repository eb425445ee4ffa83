"""The pages: Dutch, rendered on the server, each upload a job of :mod:`opp_docs.web.jobs`.

A page's form posts back to the page; the answer is the same page with the result: what was
made (kept in memory to download, :class:`~opp_docs.web.workspace.Results`) and the
meldingen as a table. A refused upload is the same page with the problems and a 4xx status.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from opp_docs.companion.kinds import Kind
from opp_docs.errors import OppError
from opp_docs.model import OPP
from opp_docs.web import jobs
from opp_docs.web.answers import refusal, sign_in, signed_in
from opp_docs.web.problems import status_of
from opp_docs.web.running import day_field, download, media_type, read_form, run_job
from opp_docs.web.security import WRONG_TOKEN, Sessions
from opp_docs.web.uploads import Upload
from opp_docs.web.workspace import Results

__all__ = ["PAGES", "by_section", "render", "router"]

router = APIRouter(include_in_schema=False)

PAGES = [
    ("start", "/", "Start"),
    ("maken", "/maken", "Formulieren maken"),
    ("plan", "/plan", "Plan invullen"),
    ("verzamelen", "/verzamelen", "Formulieren verzamelen"),
    ("controleren", "/controleren", "Controleren"),
    ("evaluatieplanning", "/planning", "Planning"),
    ("documenten", "/documenten", "Handelingswijzers en uitnodigingen"),
]

_TOP = "Bovenaan het plan"
SECTIONS = [_TOP, *dict.fromkeys(info.title or name for name, info in OPP.model_fields.items())]


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> Response:
    """The page ``template`` with what every page shows: the menu, the CSRF token of the
    session, whether LibreOffice is there (for PDFs)."""
    from opp_docs.pdf import find_soffice

    templates: Jinja2Templates = request.app.state.templates
    sessions: Sessions = request.app.state.sessions
    session = getattr(request.state, "session", None)
    base = {
        "page": template.removesuffix(".html"),
        "pages": PAGES,
        "csrf": sessions.csrf(session) if session else "",
        "pdf_available": find_soffice() is not None,
    }
    return templates.TemplateResponse(request, template, base | (context or {}), status_code=status)


def _keep(request: Request, data: bytes, filename: str) -> str:
    results: Results = request.app.state.results
    return results.add(data, filename, media_type(filename))


def by_section(report: jobs.PlanReport) -> list[tuple[str, list[tuple[Any, str]]]]:
    """The findings of a plan as ``opp controleren`` prints them (the empty signature boxes
    of one table on one line), grouped by the part of the form, in the form's order."""
    # The report module's merging, reused rather than written again (see docs/dev/web.md).
    from opp_docs.checks.report import report_lines, section_of

    grouped: dict[str, list[tuple[Any, str]]] = {}
    for finding, text in report_lines(report.findings):
        grouped.setdefault(section_of(finding), []).append((finding, text))
    order = {name: index for index, name in enumerate(SECTIONS)}
    return sorted(grouped.items(), key=lambda item: order.get(item[0], len(order)))


async def _post(
    request: Request,
    template: str,
    work: Callable[[Upload], Awaitable[dict[str, Any]]],
) -> Response:
    """Read the page's form, run its job, show the page with the result or the problems."""
    try:
        upload = await read_form(request)
        shown = await work(upload)
    except OppError as exc:
        return render(request, template, {"problems": exc.problems}, status_of(exc))
    return render(request, template, shown)


@router.get("/")
async def start(request: Request) -> Response:
    return render(request, "start.html", {"page": "start", "title": "Start"})


@router.get("/aanmelden")
async def sign_in_page(request: Request) -> Response:
    if signed_in(request):
        return RedirectResponse("/", status_code=303)
    return render(request, "aanmelden.html", {"title": "Aanmelden"})


@router.post("/aanmelden")
async def sign_in_post(request: Request) -> Response:
    sessions: Sessions = request.app.state.sessions
    form = await request.form(max_files=0, max_fields=5)
    token = form.get("token")
    if not isinstance(token, str) or not sessions.token_matches(token.strip()):
        return refusal(request, 403, [WRONG_TOKEN])
    return sign_in(request, RedirectResponse("/", status_code=303))


@router.get("/download/{key}")
async def fetch(request: Request, key: str) -> Response:
    results: Results = request.app.state.results
    found = results.get(key)
    if found is None:
        from opp_docs.errors import Problem

        return refusal(
            request,
            404,
            [
                Problem(
                    "web.download_verlopen",
                    "Dit bestand is er niet meer (de server is herstart of het is te lang "
                    "geleden). Maak het opnieuw.",
                )
            ],
        )
    return download(found.data, found.filename)


@router.get("/api/docs")
async def api_docs(request: Request) -> Response:
    return render(request, "api-docs.html", {"title": "API"})


# --------------------------------------------------------------------------- Formulieren maken


@router.get("/maken")
async def make_page(request: Request) -> Response:
    return render(request, "maken.html", {"page": "maken"})


@router.get("/maken/lege-werkmap")
async def make_empty_workbook(request: Request) -> Response:
    return download(await run_job(request, jobs.empty_workbook), "leerlingen.xlsx")


@router.post("/maken")
async def make_post(request: Request) -> Response:
    async def work(upload: Upload) -> dict[str, Any]:
        outcome = await run_job(
            request,
            jobs.generate_forms,
            upload.required("file", "werkmap"),
            template=upload.one("formulier"),
            mapping=upload.one("mapping"),
            strict=upload.flag("streng"),
            pdf=upload.flag("pdf"),
        )
        return {
            "outcome": outcome,
            "download": _keep(request, outcome.data, "formulieren.zip"),
        }

    return await _post(request, "maken.html", work)


# --------------------------------------------------------------------------- verzamelen


@router.get("/verzamelen")
async def collect_page(request: Request) -> Response:
    return render(request, "verzamelen.html", {"page": "verzamelen"})


@router.post("/verzamelen")
async def collect_post(request: Request) -> Response:
    async def work(upload: Upload) -> dict[str, Any]:
        outcome = await run_job(
            request,
            jobs.collect_forms,
            upload.files.get("files", []) or [upload.required("files", "formulier")],
            mapping=upload.one("mapping"),
        )
        assert outcome.overview is not None
        return {
            "outcome": outcome,
            "by_section": by_section,
            "download": _keep(request, outcome.overview, "overzicht.xlsx"),
        }

    return await _post(request, "verzamelen.html", work)


# --------------------------------------------------------------------------- controleren


@router.get("/controleren")
async def check_page(request: Request) -> Response:
    return render(request, "controleren.html", {"page": "controleren"})


@router.post("/controleren")
async def check_post(request: Request) -> Response:
    async def work(upload: Upload) -> dict[str, Any]:
        outcome = await run_job(
            request,
            jobs.check_plans,
            upload.files.get("files", []) or [upload.required("files", "plan")],
            mapping=upload.one("mapping"),
            acta=upload.flag("acta"),
            today=day_field(upload.text("op")),
            regio=upload.text("regio"),
        )
        return {"outcome": outcome, "by_section": by_section}

    return await _post(request, "controleren.html", work)


# --------------------------------------------------------------------------- planning


@router.get("/planning")
async def planning_page(request: Request) -> Response:
    return render(request, "evaluatieplanning.html")


@router.post("/planning")
async def planning_post(request: Request) -> Response:
    async def work(upload: Upload) -> dict[str, Any]:
        outcome = await run_job(
            request,
            jobs.make_planning,
            upload.files.get("files", []) or [upload.required("files", "plan")],
            mapping=upload.one("mapping"),
            regio=upload.text("regio"),
        )
        return {
            "outcome": outcome,
            "calendar": _keep(request, outcome.calendar, "evaluaties.ics"),
            "workbook": _keep(request, outcome.workbook, "planning.xlsx"),
        }

    return await _post(request, "evaluatieplanning.html", work)


# --------------------------------------------------------------------------- documenten


@router.get("/documenten")
async def companions_page(request: Request) -> Response:
    return render(request, "documenten.html", {"page": "documenten"})


@router.post("/documenten")
async def companions_post(request: Request) -> Response:
    async def work(upload: Upload) -> dict[str, Any]:
        kinds: list[Kind] = [
            kind for kind in ("handelingswijzer", "uitnodiging") if upload.flag(kind)
        ] or ["handelingswijzer", "uitnodiging"]
        templates = {
            kind: chosen for kind in kinds if (chosen := upload.one(f"sjabloon_{kind}")) is not None
        }
        outcome = await run_job(
            request,
            jobs.make_companions,
            upload.files.get("files", []) or [upload.required("files", "plan")],
            kinds,
            templates=templates,
            mapping=upload.one("mapping"),
            today=day_field(upload.text("op")),
        )
        return {"outcome": outcome, "download": _keep(request, outcome.data, "documenten.zip")}

    return await _post(request, "documenten.html", work)

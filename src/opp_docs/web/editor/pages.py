"""The editor's routes: the page ``/plan``, and what its script asks of the server.

Each answer is one job of :mod:`opp_docs.web.jobs`; nothing is kept between requests. The
script checks the plan through ``POST /api/check`` (JSON, with the session's
``X-CSRF-Token``); opening and saving are form posts (``multipart/form-data`` with the
``csrf`` field) answered with JSON or the file, a refusal with the JSON error body.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response

from opp_docs.web import jobs
from opp_docs.web.models import ParseOut
from opp_docs.web.pages import render
from opp_docs.web.problems import problem_out
from opp_docs.web.running import download, plan_data, read_form, run_job

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/plan")
async def editor_page(request: Request) -> Response:
    return render(request, "plan.html", {"editor": request.app.state.editor})


@router.get("/plan/voorbeeld")
async def example(request: Request) -> ParseOut:
    return ParseOut.model_validate({"plan": await run_job(request, jobs.example), "problems": []})


@router.post("/plan/openen")
async def open_plan(request: Request) -> ParseOut:
    upload = await read_form(request)
    outcome = await run_job(
        request,
        jobs.open_plan,
        upload.required("bestand", "formulier of plan"),
        upload.one("formulier"),
        upload.one("mapping"),
    )
    return ParseOut.model_validate(
        {"plan": outcome.plan, "problems": [problem_out(p) for p in outcome.problems]}
    )


async def _save_form(request: Request, job: Callable[..., jobs.Saved]) -> Response:
    """The plan posted, filled into the form (and mapping) posted with it, by ``job``."""
    upload = await read_form(request)
    saved = await run_job(
        request, job, plan_data(upload), upload.one("formulier"), upload.one("mapping")
    )
    return download(saved.data, saved.filename)


@router.post("/plan/word")
async def save_word(request: Request) -> Response:
    return await _save_form(request, jobs.save_word)


@router.post("/plan/pdf")
async def save_pdf(request: Request) -> Response:
    return await _save_form(request, jobs.plan_pdf)


@router.post("/plan/json")
async def save_json(request: Request) -> Response:
    upload = await read_form(request)
    saved = await run_job(request, jobs.plan_json, plan_data(upload), upload.one("mapping"))
    return download(saved.data, saved.filename)

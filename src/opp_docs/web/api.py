"""The HTTP API under ``/api``: each route one job of :mod:`opp_docs.web.jobs`.

Requests: a plan as JSON (the shape of ``opp voorbeeld``; its schema is the OPP model's), or
files as ``multipart/form-data``. Responses: JSON for plans and findings, the file itself
(``Content-Disposition: attachment``) for forms, zips and workbooks. Errors: JSON
``{"code", "melding", "problems"}`` with a 4xx status (:mod:`opp_docs.web.problems`).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from opp_docs.companion.kinds import Kind
from opp_docs.errors import InputError, Problem
from opp_docs.web import jobs
from opp_docs.web.models import CheckOut, ParseOut, PlanReportOut
from opp_docs.web.problems import ErrorBody, problem_out
from opp_docs.web.running import day_field, download, plan_data, read_form, run_job

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in [
        (400, "De invoer is geweigerd (code en plaats in het antwoord)."),
        (401, "Geen toegang: geen token."),
        (403, "Geen toegang: een verkeerd token, of het CSRF-token ontbreekt."),
        (413, "De upload is groter dan de grens."),
        (422, "Waarden passen niet in het OPP."),
    ]
}


def _multipart(fields: dict[str, dict[str, Any]], required: list[str]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": fields, "required": required}
                }
            },
        }
    }


def _file(text: str) -> dict[str, Any]:
    return {"type": "string", "format": "binary", "description": text}


def _files(text: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "format": "binary"}, "description": text}


def _text(text: str) -> dict[str, Any]:
    return {"type": "string", "description": text}


_MAPPING = _file("Een ander mappingbestand (.toml) dan het meegeleverde (CLI: --mapping).")
_FORMULIER = _file("Een ander formulier (.docx) dan het meegeleverde (CLI: --formulier).")
_PLANS = _files(
    "Ingevulde formulieren (.docx), plannen (.json) of werkmappen (.xlsx), of één .zip daarvan."
)
_OP = _text("Zoals op deze datum (jjjj-mm-dd of dd-mm-jjjj); standaard vandaag.")
_REGIO = _text("De vakantieregio: noord, midden of zuid (standaard die van de mapping).")


def _binary(media_type: str, text: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {media_type: {"schema": _file(text)}}, "description": text}, **_ERRORS}


async def _json_body(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(
            Problem(
                "json.ongeldig",
                "Het plan is geen geldige JSON. Gebruik de vorm van 'opp voorbeeld'.",
            )
        ) from exc


def _is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("application/json")


@router.post(
    "/fill",
    summary="Een plan (JSON) invullen in het formulier",
    description="Het OPP als JSON in, het ingevulde formulier (.docx) uit (`opp invullen`). Met "
    "multipart: veld `plan` (JSON-bestand of tekst), en eventueel `formulier` en `mapping`.",
    responses=_binary(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Het formulier"
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/OPP"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "plan": _file("Het plan als JSON (bestand of tekst)."),
                            "formulier": _FORMULIER,
                            "mapping": _MAPPING,
                        },
                        "required": ["plan"],
                    }
                },
            },
        }
    },
)
async def fill(request: Request) -> Response:
    if _is_json(request):
        data = await _json_body(request)
        form = await run_job(request, jobs.fill_plan, data)
    else:
        upload = await read_form(request)
        data = plan_data(upload)
        form = await run_job(
            request, jobs.fill_plan, data, upload.one("formulier"), upload.one("mapping")
        )
    return download(form, "OPP 2024-2025.docx")


@router.post(
    "/parse",
    summary="Een ingevuld formulier uitlezen",
    description="Veld `file`: een ingevuld formulier (.docx). Uit: het plan en de meldingen "
    "(`opp uitlezen --rapport`).",
    response_model=ParseOut,
    responses=_ERRORS,
    openapi_extra=_multipart(
        {"file": _file("Het ingevulde formulier (.docx)."), "mapping": _MAPPING}, ["file"]
    ),
)
async def parse(request: Request) -> ParseOut:
    upload = await read_form(request)
    result = await run_job(
        request, jobs.parse_form, upload.required("file", "formulier"), upload.one("mapping")
    )
    return ParseOut.model_validate(
        {"plan": result.plan, "problems": [problem_out(p) for p in result.problems]}
    )


def _check_out(outcome: jobs.ReportsOutcome) -> CheckOut:
    return CheckOut(
        plannen=[
            PlanReportOut.model_validate(
                {
                    **report.report,
                    "klaar_voor_acta": report.klaar_voor_acta,
                    "klaar_voor_ouders": report.klaar_voor_ouders,
                    "meldingen": [problem_out(p) for p in report.read_problems],
                }
            )
            for report in outcome.reports
        ],
        problems=[problem_out(p) for p in outcome.problems],
    )


@router.post(
    "/check",
    summary="Plannen controleren op de regels van de handreiking",
    description="Een OPP als JSON, of veld `files` (formulieren, plannen, werkmappen of een "
    ".zip) met eventueel `acta`, `op`, `regio` en `mapping` (`opp controleren --json`). Als "
    "JSON gelden de query-parameters `acta`, `op` en `regio`.",
    response_model=CheckOut,
    responses=_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/OPP"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": _PLANS,
                            "acta": _text("'ja' past ook de regels van de aanvraag toe."),
                            "op": _OP,
                            "regio": _REGIO,
                            "mapping": _MAPPING,
                        },
                        "required": ["files"],
                    }
                },
            },
        }
    },
)
async def check(request: Request) -> CheckOut:
    if _is_json(request):
        query = request.query_params
        outcome = await run_job(
            request,
            jobs.check_plans,
            [],
            plan=await _json_body(request),
            acta=query.get("acta", "").lower() in ("1", "ja", "true"),
            today=day_field(query.get("op")),
            regio=query.get("regio"),
        )
    else:
        upload = await read_form(request)
        outcome = await run_job(
            request,
            jobs.check_plans,
            upload.files.get("files", []) or [upload.required("files", "plan")],
            mapping=upload.one("mapping"),
            acta=upload.flag("acta"),
            today=day_field(upload.text("op")),
            regio=upload.text("regio"),
        )
    return _check_out(outcome)


@router.post(
    "/generate",
    summary="Een formulier per leerling uit een werkmap",
    description="Veld `file`: een werkmap (.xlsx; ook een export uit Magister of Somtoday). Uit: "
    "een zip met de formulieren en `meldingen.xlsx` als er meldingen zijn (`opp maken`). De "
    "kop `X-OPP-Meldingen` telt ze.",
    responses=_binary("application/zip", "De formulieren"),
    openapi_extra=_multipart(
        {
            "file": _file("De werkmap (.xlsx)."),
            "formulier": _FORMULIER,
            "mapping": _MAPPING,
            "streng": _text("'ja': geen formulier voor een leerling met een cel die niet past."),
            "pdf": _text("'ja': ook een PDF van elk formulier (met LibreOffice)."),
        },
        ["file"],
    ),
)
async def generate(request: Request) -> Response:
    upload = await read_form(request)
    outcome = await run_job(
        request,
        jobs.generate_forms,
        upload.required("file", "werkmap"),
        template=upload.one("formulier"),
        mapping=upload.one("mapping"),
        strict=upload.flag("streng"),
        pdf=upload.flag("pdf"),
    )
    response = download(outcome.data, "formulieren.zip")
    response.headers["X-OPP-Meldingen"] = str(len(outcome.problems))
    return response


@router.post(
    "/collect",
    summary="Ingevulde formulieren verzamelen in één werkmap",
    description="Veld `files`, herhaald, of één .zip met formulieren. Uit: de overzichtswerkmap "
    "met het blad Meldingen (`opp verzamelen`).",
    responses=_binary(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Het overzicht"
    ),
    openapi_extra=_multipart(
        {"files": _files("Ingevulde formulieren (.docx) of één .zip."), "mapping": _MAPPING},
        ["files"],
    ),
)
async def collect(request: Request) -> Response:
    upload = await read_form(request)
    outcome = await run_job(
        request,
        jobs.collect_forms,
        upload.files.get("files", []) or [upload.required("files", "formulier")],
        mapping=upload.one("mapping"),
    )
    assert outcome.overview is not None
    response = download(outcome.overview, "overzicht.xlsx")
    response.headers["X-OPP-Meldingen"] = str(len(outcome.problems))
    return response


@router.post(
    "/planning",
    summary="De evaluatieplanning (.ics) en het ROD-overzicht (.xlsx)",
    description="Veld `files`: plannen. Uit: een zip met `evaluaties.ics` en `planning.xlsx` "
    "(`opp planning --werkmap`).",
    responses=_binary("application/zip", "Agenda en werkmap"),
    openapi_extra=_multipart({"files": _PLANS, "regio": _REGIO, "mapping": _MAPPING}, ["files"]),
)
async def planning(request: Request) -> Response:
    from opp_docs.web.archive import pack

    upload = await read_form(request)
    outcome = await run_job(
        request,
        jobs.make_planning,
        upload.files.get("files", []) or [upload.required("files", "plan")],
        mapping=upload.one("mapping"),
        regio=upload.text("regio"),
    )
    data = pack([("evaluaties.ics", outcome.calendar), ("planning.xlsx", outcome.workbook)])
    return download(data, "evaluatieplanning.zip")


async def _companions(request: Request, kind: Kind) -> Response:
    upload = await read_form(request)
    chosen = upload.one("sjabloon")
    outcome = await run_job(
        request,
        jobs.make_companions,
        upload.files.get("files", []) or [upload.required("files", "plan")],
        [kind],
        templates={kind: chosen} if chosen else None,
        mapping=upload.one("mapping"),
        today=day_field(upload.text("op")),
    )
    return download(outcome.data, f"{jobs.FOLDERS[kind]}.zip")


_COMPANION_FIELDS = {
    "files": _PLANS,
    "sjabloon": _file("Een eigen sjabloon (Word met Jinja-tags) (CLI: --sjabloon)."),
    "op": _OP,
    "mapping": _MAPPING,
}


@router.post(
    "/handelingswijzer",
    summary="Een handelingswijzer per leerling",
    description="Veld `files`: plannen. Uit: een zip met een handelingswijzer per plan "
    "(`opp handelingswijzer`).",
    responses=_binary("application/zip", "De handelingswijzers"),
    openapi_extra=_multipart(_COMPANION_FIELDS, ["files"]),
)
async def handelingswijzer(request: Request) -> Response:
    return await _companions(request, "handelingswijzer")


@router.post(
    "/uitnodiging",
    summary="Een uitnodiging voor de volgende evaluatie per leerling",
    description="Veld `files`: plannen. Uit: een zip met een uitnodiging per plan "
    "(`opp uitnodiging`).",
    responses=_binary("application/zip", "De uitnodigingen"),
    openapi_extra=_multipart(_COMPANION_FIELDS, ["files"]),
)
async def uitnodiging(request: Request) -> Response:
    return await _companions(request, "uitnodiging")


@router.get(
    "/lege-werkmap",
    summary="De lege werkmap om leerlingen in te zetten",
    description="De werkmap van `opp lege-werkmap`: keuzelijsten, uitleg en een voorbeeld.",
    responses=_binary(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "De werkmap"
    ),
)
async def empty_workbook(request: Request) -> Response:
    return download(await run_job(request, jobs.empty_workbook), "leerlingen.xlsx")

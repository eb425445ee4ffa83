"""The jobs of the web app, each the library call a CLI command makes, on uploaded files.

A job writes its uploads into the request's own folder, makes the call (``generate``,
``collect``, ``check_plan``, ``write_planning``, ``write_companions``, ``fill``, ``parse``),
reads what the call wrote back into memory and lets the folder go. Pages and the API call
the same jobs; they differ only in how they show the result. Problems name each file as it
was uploaded, never the server's folder. A job that made nothing raises
:class:`~opp_docs.errors.InputError` with the problems why, as the CLI exits 2.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opp_docs.companion.kinds import Kind
from opp_docs.errors import InputError, OppError, Problem
from opp_docs.mapping import Mapping
from opp_docs.school_calendar import DEFAULT_REGIO, Regio
from opp_docs.web.archive import expand, pack
from opp_docs.web.problems import without_folder
from opp_docs.web.settings import WebSettings
from opp_docs.web.uploads import UploadedFile, save
from opp_docs.web.workspace import Workspace

if TYPE_CHECKING:
    from opp_docs.model import OPP

__all__ = [
    "CompanionsOutcome",
    "Context",
    "GenerateOutcome",
    "PlanReport",
    "PlanningOutcome",
    "ReportsOutcome",
    "Saved",
    "check_plans",
    "collect_forms",
    "example",
    "fill_plan",
    "generate_forms",
    "make_companions",
    "make_planning",
    "open_plan",
    "parse_form",
    "plan_json",
    "plan_pdf",
    "save_word",
]

PLAN_SUFFIXES = (".docx", ".json", ".xlsx")
FORM_SUFFIXES = (".docx",)


@dataclass
class Context:
    """What every job needs of its server: settings, folder, and the mappings read so far.

    Mappings are kept by their content: the library keeps the places it computed for each
    mapping object for good, so the same mapping uploaded twice must be the same object.
    Uploaded templates of the form are kept by content in the server's folder for the same
    reason (the library prepares a template once per path).
    """

    settings: WebSettings
    workspace: Workspace
    mappings: dict[str, Mapping] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def mapping(self, upload: UploadedFile | None, folder: Path) -> Mapping | None:
        """The mapping of ``upload`` (a .toml), read once per content; None for none."""
        if upload is None:
            return None
        from opp_docs.mapping import load_mapping

        key = hashlib.sha256(upload.data).hexdigest()
        with self.lock:
            known = self.mappings.get(key)
        if known is None:
            (path,) = save([upload], folder / "mapping", (".toml",))
            try:
                known = load_mapping(path)
            except OppError as exc:
                raise _relative(exc, folder) from exc
            with self.lock:
                known = self.mappings.setdefault(key, known)
        return known

    def template(self, upload: UploadedFile | None) -> Path | None:
        """The path of an uploaded form template (.docx), one per content; None for none."""
        if upload is None:
            return None
        folder = self.workspace.root / "sjablonen"
        folder.mkdir(exist_ok=True)
        path = folder / f"{hashlib.sha256(upload.data).hexdigest()}.docx"
        with self.lock:
            if not path.exists():
                path.write_bytes(upload.data)
        return path


def _relative(error: OppError, folder: Path) -> OppError:
    """``error`` of the same class with every file named as uploaded."""
    return type(error)([without_folder(problem, folder) for problem in error.problems])


def _shown(problems: Sequence[Problem], folder: Path) -> list[Problem]:
    return [without_folder(problem, folder) for problem in problems]


def _regio(regio: str | None, mapping: Mapping | None) -> Regio:
    """The holiday region: chosen, else the mapping's, else the bundled mapping's (midden)."""
    from opp_docs.mapping import default_mapping

    if regio:
        try:
            return Regio(regio)
        except ValueError as exc:
            raise InputError(
                Problem(
                    "kalender.regio",
                    f"'{regio}' is geen vakantieregio. Kies noord, midden of zuid.",
                    input=regio,
                )
            ) from exc
    chosen = (mapping or default_mapping()).regio
    return Regio(chosen) if chosen is not None else DEFAULT_REGIO


# --------------------------------------------------------------------------- one form


def _plan(data: Any) -> OPP:
    """The plan of ``data`` (a dict in the JSON shape), validated as every source is."""
    from opp_docs.validation import validate_plan

    if not isinstance(data, dict):
        raise InputError(
            Problem(
                "json.geen_plan",
                "De JSON is geen plan: verwacht een object met velden, zoals 'opp voorbeeld' laat "
                "zien.",
            )
        )
    return validate_plan(data)


def _fill(plan: OPP, template: UploadedFile | None, mapping: Mapping | None, folder: Path) -> bytes:
    from opp_docs.filling import fill

    try:
        return fill(plan, template.data if template else None, mapping)
    except OppError as exc:
        raise _relative(exc, folder) from exc


def fill_plan(
    context: Context,
    data: Any,
    template: UploadedFile | None = None,
    mapping: UploadedFile | None = None,
) -> bytes:
    """The filled form (.docx bytes) of the plan ``data`` (a dict in the JSON shape).

    An uploaded template goes to ``fill`` as bytes: the library keeps the last few it
    prepared in memory (by content), and nothing of the request stays on disk."""
    plan = _plan(data)
    with context.workspace.request_folder() as folder:
        return _fill(plan, template, context.mapping(mapping, folder), folder)


@dataclass(frozen=True)
class Saved:
    """A plan saved for the editor: the file's bytes and its name (as ``opp maken`` names
    a student's form: leerlingnummer, naam and the form's name)."""

    data: bytes
    filename: str


def _filename(plan: OPP, suffix: str, mapping: Mapping | None) -> str:
    from opp_docs.bulk.names import DEFAULT_PATTERN, form_file_name, student_values
    from opp_docs.mapping import default_mapping

    pattern = DEFAULT_PATTERN.removesuffix(".docx") + suffix
    form = (mapping or default_mapping()).name
    return form_file_name(pattern, student_values(plan.leerling), form, suffix)


def save_word(
    context: Context,
    data: Any,
    template: UploadedFile | None = None,
    mapping: UploadedFile | None = None,
) -> Saved:
    """The editor's plan as the filled form (``fill``)."""
    plan = _plan(data)
    with context.workspace.request_folder() as folder:
        loaded = context.mapping(mapping, folder)
        return Saved(_fill(plan, template, loaded, folder), _filename(plan, ".docx", loaded))


def plan_json(context: Context, data: Any, mapping: UploadedFile | None = None) -> Saved:
    """The editor's plan as a plan file: validated, in the shape of ``opp voorbeeld``
    (``plan_to_json``); named after the form of ``mapping``."""
    from opp_docs.planfile import plan_to_json

    plan = _plan(data)
    with context.workspace.request_folder() as folder:
        loaded = context.mapping(mapping, folder)
    return Saved(plan_to_json(plan).encode("utf-8"), _filename(plan, ".json", loaded))


def plan_pdf(
    context: Context,
    data: Any,
    template: UploadedFile | None = None,
    mapping: UploadedFile | None = None,
) -> Saved:
    """The editor's plan as a PDF of the filled form (``fill``, then LibreOffice)."""
    from opp_docs.pdf import convert_all

    plan = _plan(data)
    with context.workspace.request_folder() as folder:
        loaded = context.mapping(mapping, folder)
        path = folder / "plan.docx"
        path.write_bytes(_fill(plan, template, loaded, folder))
        problems = convert_all([path])
        if problems:
            raise InputError(_shown(problems, folder))
        return Saved(path.with_suffix(".pdf").read_bytes(), _filename(plan, ".pdf", loaded))


def example(context: Context) -> Any:
    """The example plan (``opp voorbeeld``) in the JSON shape."""
    del context  # the same for every server
    from opp_docs.example import example_plan

    return example_plan().model_dump(mode="json")


@dataclass
class ParseOutcome:
    """A form read back: its plan (JSON shape) and what could not be placed."""

    plan: Any
    problems: list[Problem]


def parse_form(context: Context, form: UploadedFile, mapping: UploadedFile | None) -> ParseOutcome:
    """The plan of one uploaded form, and what parse could not place in it."""
    from opp_docs.parsing import parse

    with context.workspace.request_folder() as folder:
        (path,) = save([form], folder, FORM_SUFFIXES)
        try:
            result = parse(path, context.mapping(mapping, folder))
        except OppError as exc:
            raise _relative(exc, folder) from exc
        return ParseOutcome(result.plan.model_dump(mode="json"), _shown(result.problems, folder))


def open_plan(
    context: Context,
    upload: UploadedFile,
    template: UploadedFile | None = None,
    mapping: UploadedFile | None = None,
) -> ParseOutcome:
    """A plan to edit: from a filled form (.docx) or a plan file (.json).

    A form is read as ``opp omzetten`` reads it (``convert``): parsed, filled again into the
    form it will be saved in (``template``, default the bundled one) and read back, so that
    the problems name, beside what could not be read, every value that saving would not carry
    back into the form (``omzetten.geen_plaats``, a signature for one).
    """
    from opp_docs.converting import convert
    from opp_docs.planfile import load_plan

    with context.workspace.request_folder() as folder:
        (path,) = save([upload], folder / "invoer", (".docx", ".json"))
        loaded = context.mapping(mapping, folder)
        try:
            if path.suffix == ".json":
                return ParseOutcome(load_plan(path).model_dump(mode="json"), [])
            result = convert(
                path,
                template=template.data if template else None,
                mapping=loaded,
                source_mapping=loaded,
            )
        except OppError as exc:
            raise _relative(exc, folder) from exc
        return ParseOutcome(result.plan.model_dump(mode="json"), _shown(result.problems, folder))


# --------------------------------------------------------------------------- many forms


@dataclass
class GenerateOutcome:
    """What ``generate`` made: the zip (forms, PDFs, meldingen.xlsx) and its counts."""

    data: bytes
    written_count: int
    row_count: int
    problems: list[Problem]
    ignored_columns: list[str]
    pdf_count: int = 0


def generate_forms(
    context: Context,
    workbook: UploadedFile,
    *,
    template: UploadedFile | None = None,
    mapping: UploadedFile | None = None,
    strict: bool = False,
    pdf: bool = False,
) -> GenerateOutcome:
    """One form per student of ``workbook``, as a zip with meldingen.xlsx when there are
    meldingen (``opp maken``); with ``pdf`` also a PDF of each form (LibreOffice)."""
    from opp_docs.bulk import generate
    from opp_docs.pdf import convert_all

    with context.workspace.request_folder() as folder:
        (source,) = save([workbook], folder / "invoer", (".xlsx",))
        output = folder / "plannen"
        try:
            result = generate(
                source,
                output,
                strict=strict,
                jobs=context.settings.jobs,
                template=context.template(template),
                mapping=context.mapping(mapping, folder),
            )
        except OppError as exc:
            raise _relative(exc, folder) from exc
        problems = list(result.problems)
        if pdf and result.written:
            problems += convert_all(result.written)
        if not result.written:
            raise InputError(
                _shown(problems, folder)
                or [
                    Problem(
                        "web.geen_leerlingen",
                        "De werkmap heeft geen leerlingen; er is niets gemaakt. Vul het blad "
                        "Leerlingen (of kies de export uit de leerlingadministratie).",
                    )
                ]
            )
        files = sorted(p for p in output.iterdir() if p.is_file())
        pdfs = sum(p.suffix == ".pdf" for p in files)
        return GenerateOutcome(
            pack((p.name, p) for p in files),
            len(result.written),
            result.row_count,
            _shown(problems, folder),
            list(result.ignored_columns),
            pdfs,
        )


@dataclass
class PlanReport:
    """The check of one plan: where it came from, its counts and findings (JSON shape of
    :func:`opp_docs.checks.report.plan_report_json`), ready for the ACTA or not."""

    report: dict[str, Any]
    klaar_voor_acta: bool
    read_problems: list[Problem]
    findings: list[Any] = field(default_factory=list)  # the Bevinding records, for the pages
    klaar_voor_ouders: bool = False


@dataclass
class ReportsOutcome:
    """Plans checked, the problems of reading them, and for collect the overview."""

    reports: list[PlanReport]
    problems: list[Problem]
    overview: bytes | None = None
    plan_count: int = 0
    skipped_count: int = 0


def _check(
    plan: Any,
    *,
    file: str,
    row: int | None,
    signatures_known: bool,
    today: date,
    acta: bool,
    regio: Regio,
    read_problems: Sequence[Problem] = (),
) -> PlanReport:
    """``check_plan`` as ``opp controleren`` runs it: the findings, and whether the plan has
    no fout under the aanvraag rules too (ready for the ACTA)."""
    from opp_docs.checks import check_plan, ready_for_acta, ready_for_parents
    from opp_docs.checks.report import plan_report_json

    findings = check_plan(
        plan, today=today, acta=acta, signatures_known=signatures_known, regio=regio
    )
    report = plan_report_json(plan, findings, file=file, row=row)
    ready = ready_for_acta(plan, findings)  # the same with or without acta: one run
    return PlanReport(report, ready, list(read_problems), findings, ready_for_parents(findings))


def collect_forms(
    context: Context,
    uploads: Sequence[UploadedFile],
    *,
    mapping: UploadedFile | None = None,
    today: date | None = None,
) -> ReportsOutcome:
    """The overview workbook of the uploaded forms (``opp verzamelen``; a .zip among them is
    unpacked) and the check of each plan read (``opp controleren``)."""
    from opp_docs.bulk import collect

    files = expand(uploads, context.settings.limits, FORM_SUFFIXES)
    with context.workspace.request_folder() as folder:
        source = folder / "formulieren"
        save(files, source, FORM_SUFFIXES)
        loaded = context.mapping(mapping, folder)
        try:
            result = collect(
                source, folder / "overzicht.xlsx", mapping=loaded, jobs=context.settings.jobs
            )
        except OppError as exc:
            raise _relative(exc, folder) from exc
        if result.plan_count == 0:
            raise InputError(_shown(result.problems, source) or [_no_plans()])
        regio = _regio(None, loaded)
        reports = [
            _check(
                item.plan,
                file=Path(item.file).relative_to(source).as_posix(),
                row=item.row,
                signatures_known=item.signatures_known,
                today=today or date.today(),
                acta=False,
                regio=regio,
                read_problems=_shown(item.problems, source),
            )
            for item in result.plans
        ]
        return ReportsOutcome(
            reports,
            _shown(result.problems, source),
            (folder / "overzicht.xlsx").read_bytes(),
            result.plan_count,
            result.skipped_count,
        )


def _no_plans() -> Problem:
    return Problem(
        "web.geen_plannen",
        "Er is geen plan gelezen: kies ingevulde formulieren (.docx), plannen (.json) of een "
        "werkmap (.xlsx).",
    )


def _read_plans(
    context: Context, uploads: Sequence[UploadedFile], folder: Path, mapping: Mapping | None
) -> tuple[list[Any], list[Problem]]:
    """The plans of the uploads (``iter_plans``, as the CLI reads them) and the problems."""
    from opp_docs.sources import iter_plans

    files = expand(uploads, context.settings.limits, PLAN_SUFFIXES)
    source = folder / "plannen"
    save(files, source, PLAN_SUFFIXES)
    # Each file by name: a folder would skip workbooks (meldingen.xlsx lies beside forms).
    plans, problems = [], []
    for read in iter_plans(sorted(source.iterdir()), mapping=mapping):
        plans += read.plans
        problems += _shown(read.problems, source)
    for item in plans:
        problems += _shown([p.in_file(item.file, item.row) for p in item.problems], source)
    if not plans:
        raise InputError(problems or [_no_plans()])
    return plans, problems


def check_plans(
    context: Context,
    uploads: Sequence[UploadedFile],
    *,
    mapping: UploadedFile | None = None,
    today: date | None = None,
    acta: bool = False,
    regio: str | None = None,
    plan: Any = None,
) -> ReportsOutcome:
    """The findings of every plan uploaded (forms, plan files, workbooks), or of ``plan`` (a
    dict in the JSON shape), by the rules of the handreiking (``opp controleren``)."""
    with context.workspace.request_folder() as folder:
        loaded = context.mapping(mapping, folder)
        chosen = _regio(regio, loaded)
        day = today or date.today()
        if plan is not None:
            from opp_docs.validation import validate_plan

            if not isinstance(plan, dict):
                raise InputError(Problem("json.geen_plan", "De JSON is geen plan (geen object)."))
            validated = validate_plan(plan)
            checked = _check(
                validated,
                file="plan.json",
                row=None,
                signatures_known=False,
                today=day,
                acta=acta,
                regio=chosen,
            )
            return ReportsOutcome([checked], [], plan_count=1)
        plans, problems = _read_plans(context, uploads, folder, loaded)
        source = folder / "plannen"
        reports = [
            _check(
                item.plan,
                file=Path(item.file).relative_to(source).as_posix(),
                row=item.row,
                signatures_known=item.signatures_known,
                today=day,
                acta=acta,
                regio=chosen,
                read_problems=_shown(item.problems, source),
            )
            for item in plans
        ]
        return ReportsOutcome(reports, problems, plan_count=len(reports))


@dataclass
class PlanningOutcome:
    """The evaluation calendar (.ics) and the workbook with the sheets Planning and ROD."""

    calendar: bytes
    workbook: bytes
    plan_count: int
    evaluation_count: int
    moved_count: int
    problems: list[Problem]


def make_planning(
    context: Context,
    uploads: Sequence[UploadedFile],
    *,
    mapping: UploadedFile | None = None,
    regio: str | None = None,
) -> PlanningOutcome:
    """``opp planning`` of the uploaded plans: the calendar and the ROD workbook."""
    from opp_docs.planning import Afspraak, plan_evaluations, write_planning

    with context.workspace.request_folder() as folder:
        loaded = context.mapping(mapping, folder)
        chosen = _regio(regio, loaded)
        plans, problems = _read_plans(context, uploads, folder, loaded)
        afspraken: list[Afspraak] = []
        source = folder / "plannen"
        for item in plans:
            try:
                afspraken += plan_evaluations(item.plan, regio=chosen)
            except OppError as exc:
                problems += _shown([p.in_file(item.file, item.row) for p in exc.problems], source)
        calendar, workbook = folder / "evaluaties.ics", folder / "planning.xlsx"
        write_planning(afspraken, [item.plan for item in plans], calendar, workbook)
        return PlanningOutcome(
            calendar.read_bytes(),
            workbook.read_bytes(),
            len(plans),
            len(set(afspraken)),
            sum(a.verschoven_van is not None for a in set(afspraken)),
            problems,
        )


@dataclass
class CompanionsOutcome:
    """The zip of the companion documents, a folder per kind, and their counts."""

    data: bytes
    counts: dict[str, int]
    problems: list[Problem]


FOLDERS: dict[Kind, str] = {
    "handelingswijzer": "handelingswijzers",
    "uitnodiging": "uitnodigingen",
}


def make_companions(
    context: Context,
    uploads: Sequence[UploadedFile],
    kinds: Sequence[Kind],
    *,
    templates: dict[Kind, UploadedFile] | None = None,
    mapping: UploadedFile | None = None,
    today: date | None = None,
) -> CompanionsOutcome:
    """``opp handelingswijzer`` and ``opp uitnodiging`` of the uploaded plans, as one zip
    with a folder per kind."""
    from opp_docs.companion import write_companions

    with context.workspace.request_folder() as folder:
        loaded = context.mapping(mapping, folder)
        plans, problems = _read_plans(context, uploads, folder, loaded)
        counts: dict[str, int] = {}
        files: list[tuple[str, Path]] = []
        for kind in kinds:
            chosen = (templates or {}).get(kind)
            template = None
            if chosen is not None:
                (template,) = save([chosen], folder / "sjablonen" / kind, (".docx",))
            output = folder / FOLDERS[kind]
            try:
                result = write_companions(
                    kind, [item.plan for item in plans], output, template=template, today=today
                )
            except OppError as exc:
                raise _relative(exc, folder) from exc
            counts[kind] = len(result.written)
            problems += _shown(result.problems, folder)
            files += [(f"{FOLDERS[kind]}/{path.name}", path) for path in result.written]
        return CompanionsOutcome(pack(files), counts, problems)


def empty_workbook(context: Context) -> bytes:
    """The empty workbook to list students in (``opp lege-werkmap``)."""
    del context  # the same for every server
    from opp_docs.example import example_plan
    from opp_docs.excel.write import workbook_bytes

    return workbook_bytes([], template=True, example=example_plan())

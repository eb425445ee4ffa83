"""Rendering a companion template (docxtpl) with a plan, and its errors in Dutch.

    template = CompanionTemplate.load(Path("eigen-handelingswijzer.docx"))   # checked once
    data = template.render(plan, today=date.today())                          # .docx bytes

A template is checked when it is loaded: every tag must be valid Jinja and every top-level
name must be a field of the context (``opp_docs.companion.context``). What only shows with a
plan (``leerling.achternaam``: ``leerling`` exists, ``achternaam`` does not) is found while
rendering, under :class:`jinja2.StrictUndefined`. Both become a
:class:`~opp_docs.errors.TemplateError` whose message quotes the tag as typed in the
template, never a Jinja traceback:

    sjabloon.fout_in_tag            a tag that is no valid Jinja (a brace missing, a typo)
    sjabloon.blok_niet_gesloten     a {% for %} or {% if %} without its end tag
    sjabloon.onbekend_filter        a filter that does not exist ({{ x | datm }})
    sjabloon.onbekende_variabele    a name or field that is not in the context

docxtpl joins a tag that Word split over several runs, writes a value's newlines as line
breaks and tabs as tabs. Values are XML-escaped (autoescape) and checked for characters XML
cannot hold before rendering; ``None`` prints as nothing.
"""

from __future__ import annotations

import io
import re
import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate

from opp_docs.companion.context import FILTERS, build_context
from opp_docs.docx.package import check_archive, open_package
from opp_docs.docx.properties import scrub_properties
from opp_docs.docx.text import prepare_text
from opp_docs.errors import FileError, InvalidTextError, Location, Problem, TemplateError
from opp_docs.model import OPP

__all__ = ["CompanionTemplate", "jinja_environment"]

# docxtpl's own: one source line per paragraph, so an error's line number names a paragraph.
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_XML_TAG = re.compile(r"<[^>]+>")
# A tag, or an unclosed one up to the end of its paragraph.
_JINJA_TAG = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)")
_DOCXTPL_PREFIX = re.compile(r"^(\{[{%])(?:p|tr|tc|r)\s")
_BLOCKS = {"for": "endfor", "if": "endif"}
_HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def _finalize(value: object) -> object:
    # An empty field of the plan is None; on paper it is nothing, not the word "None".
    return "" if value is None else value


def jinja_environment() -> jinja2.Environment:
    """The Jinja environment every companion template is rendered in: strict about unknown
    names, escaping values for XML, printing None as nothing, with the filters of
    :data:`opp_docs.companion.context.FILTERS`."""
    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
    )
    environment.filters.update(FILTERS)
    return environment


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def _tags(source_line: str) -> list[str]:
    """The Jinja tags of one source line (a paragraph), as text without XML."""
    text = _unescape(_XML_TAG.sub("", source_line))
    return [match.group(0) for match in _JINJA_TAG.finditer(text)]


def _keyword(tag: str) -> str:
    inner = _DOCXTPL_PREFIX.sub(r"\1 ", tag)
    if not inner.startswith("{%"):
        return ""
    words = inner[2:].strip(" -%}").split()
    return words[0] if words else ""


def _broken_alone(environment: jinja2.Environment, tag: str) -> bool:
    """True when ``tag`` fails to parse on its own (a block tag with its end tag added)."""
    keyword = _keyword(tag)
    if keyword in ("else", "elif", "endfor", "endif"):
        return False  # only meaningful inside a block: checked by the block's own tag
    source = _DOCXTPL_PREFIX.sub(r"\1 ", tag)
    if keyword in _BLOCKS:
        source += "{% " + _BLOCKS[keyword] + " %}"
    try:
        environment.parse(source)
    except jinja2.TemplateSyntaxError:
        return True
    return False


@dataclass(frozen=True)
class _Part:
    """One rendered part of a template: its name and its source as Jinja sees it."""

    name: str
    source: str

    def line(self, number: int | None) -> str:
        lines = self.source.split("\n")
        if number is None or not 1 <= number <= len(lines):
            return ""
        return lines[number - 1]


class _RecordingTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no types
    """docxtpl's template, remembering the source of the part it is rendering (for errors)."""

    current_source: str = ""

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> Any:
        self.current_source = _PARAGRAPH_START.sub(r"\n<w:p\1", src_xml)
        return super().render_xml_part(src_xml, part, context, jinja_env)


class CompanionTemplate:
    """A checked docxtpl template: its bytes, the name it is reported under, its tags."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self._environment = jinja_environment()
        self._parts = self._sources()
        self._check()

    @classmethod
    def load(cls, path: Path) -> CompanionTemplate:
        """Read and check the template at ``path`` (refusing what is no safe .docx)."""
        if path.exists():
            check_archive(path, "docx")
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise FileError(
                Problem(
                    "bestand.niet_gevonden",
                    "Het sjabloon bestaat niet. Controleer de naam en de map.",
                    Location(file=str(path)),
                )
            ) from exc
        except OSError as exc:
            raise FileError(
                Problem(
                    "bestand.niet_leesbaar",
                    f"Het sjabloon kan niet worden gelezen ({exc.strerror}).",
                    Location(file=str(path)),
                )
            ) from exc
        return cls(data, str(path))

    # ------------------------------------------------------------------------ checking

    def _sources(self) -> list[_Part]:
        """Every part docxtpl renders (body, headers, footers) as Jinja will see it."""
        template = DocxTemplate(io.BytesIO(self.data))
        try:
            template.init_docx()
        except (KeyError, ValueError, PackageNotFoundError) as exc:  # a zip, but no .docx
            raise TemplateError(
                self._problem(
                    "sjabloon.geen_docx",
                    "Het sjabloon is geen Word-document (.docx). Sla het in Word op als "
                    "Word-document en probeer opnieuw.",
                    None,
                )
            ) from exc
        parts = [_Part("document", template.patch_xml(template.get_xml()))]
        for uri in (_HEADER_URI, _FOOTER_URI):
            for _, part in template.get_headers_footers(uri):
                parts.append(_Part(str(part.partname), template.patch_xml(part.blob.decode())))
        return [_Part(p.name, _PARAGRAPH_START.sub(r"\n<w:p\1", p.source)) for p in parts]

    def _check(self) -> None:
        known = set(build_context(OPP(), today=date(2000, 1, 1)))
        problems: list[Problem] = []
        for part in self._parts:
            try:
                # Unknown filters only show when the parsed template is compiled (by meta).
                parsed = self._environment.parse(part.source)
                names = jinja2.meta.find_undeclared_variables(parsed)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(self._syntax_problem(exc, part)) from exc
            for name in sorted(names - known):
                problems.append(self._unknown(name, self._tag_with(name, part.source)))
        if problems:
            raise TemplateError(problems)

    def _tag_with(self, name: str, source: str) -> str | None:
        """The first tag of ``source`` that mentions ``name`` as a word."""
        word = re.compile(rf"(?<![\w.]){re.escape(name)}\b|\.{re.escape(name)}\b")
        for line in source.split("\n"):
            if name not in line:
                continue
            for tag in _tags(line):
                if word.search(tag):
                    return tag
        return None

    def _problem(self, code: str, message: str, tag: str | None) -> Problem:
        return Problem(code, message, Location(file=self.name), input=tag)

    def _unknown(self, name: str, tag: str | None) -> Problem:
        where = f"De tag '{tag}'" if tag else "Het sjabloon"
        return self._problem(
            "sjabloon.onbekende_variabele",
            f"{where} gebruikt '{name}', maar dat veld bestaat niet. Controleer de spelling; "
            "welke velden er zijn staat in docs/dev/companions.md.",
            tag,
        )

    def _syntax_problem(self, exc: jinja2.TemplateSyntaxError, part: _Part) -> Problem:
        message = exc.message or ""
        unclosed = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
        if unclosed:
            block = unclosed.group(1)
            opener = self._unclosed(block, part.source)
            shown = f"'{opener}'" if opener else f"Een '{{% {block} %}}'"
            return self._problem(
                "sjabloon.blok_niet_gesloten",
                f"{shown} wordt niet afgesloten: zet er een '{{% end{block} %}}' achter "
                f"(in een eigen alinea: '{{%p end{block} %}}').",
                opener,
            )
        tags = _tags(part.line(exc.lineno))
        if isinstance(exc, jinja2.TemplateAssertionError):
            missing = re.search(r"No filter named '([^']+)'", message)
            if missing:
                name = missing.group(1)
                tag = next((t for t in tags if name in t), None)
                where = f"De tag '{tag}'" if tag else "Het sjabloon"
                return self._problem(
                    "sjabloon.onbekend_filter",
                    f"{where} gebruikt het filter '{name}', maar dat bestaat niet. Gebruik "
                    f"bijvoorbeeld '| datum' of '| regels'.",
                    tag,
                )
        unknown = re.search(r"unknown tag '(\w+)'", message)
        if unknown and unknown.group(1) in ("endfor", "endif", "else", "elif"):
            keyword = unknown.group(1)
            tag = next((t for t in tags if _keyword(t) == keyword), None)
            opener = "{% for ... %}" if keyword == "endfor" else "{% if ... %}"
            return self._problem(
                "sjabloon.fout_in_tag",
                f"De tag '{tag or keyword}' hoort bij geen '{opener}' ervoor. Haal hem weg of "
                "zet het begin van het blok ervoor.",
                tag,
            )
        tag = next((t for t in tags if _broken_alone(self._environment, t)), None)
        if tag is None and tags:
            tag = tags[0]
        detail = (
            f"'{unknown.group(1)}' is geen Jinja-opdracht" if unknown else f"Jinja meldt: {message}"
        )
        if tag is None:
            line = " ".join(_unescape(_XML_TAG.sub("", part.line(exc.lineno))).split())[:80]
            return self._problem(
                "sjabloon.fout_in_tag",
                f"Een tag in de alinea '{line}' is geen geldige Jinja-code ({detail}). "
                "Controleer de accolades: '{{ veld }}' en '{% opdracht %}'.",
                line,
            )
        return self._problem(
            "sjabloon.fout_in_tag",
            f"De tag '{tag}' is geen geldige Jinja-code ({detail}). Controleer de accolades "
            "en de spelling: '{{ veld }}' en '{% opdracht %}'.",
            tag,
        )

    def _unclosed(self, block: str, source: str) -> str | None:
        """The opening tag of the innermost block of kind ``block`` that is never closed."""
        stack: list[tuple[str, str]] = []
        for line in source.split("\n"):
            for tag in _tags(line):
                keyword = _keyword(tag)
                if keyword in _BLOCKS:
                    stack.append((keyword, tag))
                elif keyword.startswith("end") and stack and stack[-1][0] == keyword[3:]:
                    stack.pop()
        return next((tag for keyword, tag in reversed(stack) if keyword == block), None)

    # ----------------------------------------------------------------------- rendering

    def render(self, plan: OPP, *, today: date) -> bytes:
        """The template rendered with ``plan`` (see the module docstring), as .docx bytes."""
        context = _prepared(build_context(plan, today=today), ())
        template = _RecordingTemplate(io.BytesIO(self.data))
        try:
            template.render(context, self._environment)
        except jinja2.UndefinedError as exc:
            raise TemplateError(self._undefined_problem(exc, template.current_source)) from exc
        except jinja2.TemplateSyntaxError as exc:  # in a document property (title, ...)
            raise TemplateError(
                self._syntax_problem(exc, _Part("properties", template.current_source))
            ) from exc
        buffer = io.BytesIO()
        template.save(buffer)
        package = open_package(buffer.getvalue())
        scrub_properties(package, Path(self.name).stem.replace("-", " ").capitalize())
        return package.to_bytes()

    def _undefined_problem(self, exc: jinja2.UndefinedError, source: str) -> Problem:
        message = exc.message or ""
        found = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
        element = re.search(r"has no element (\S+)", message)
        line = _template_line(exc.__traceback__)
        part = _Part("render", source)
        tags = _tags(part.line(line)) if line is not None else []
        if found:
            name = found.group(1) or found.group(2)
            word = re.compile(rf"\b{re.escape(name)}\b")
            tag = next((t for t in tags if word.search(t)), None) or self._tag_with(name, source)
            return self._unknown(name, tag)
        tag = tags[0] if tags else None
        where = f"De tag '{tag}'" if tag else "Een tag in het sjabloon"
        what = f"nummer {element.group(1)} van een lijst" if element else "een waarde"
        return self._problem(
            "sjabloon.onbekende_variabele",
            f"{where} vraagt {what} die er in dit plan niet is. Gebruik een lus "
            "('{%p for ... %}') of een voorwaarde ('{%p if ... %}').",
            tag,
        )


def _template_line(trace: types.TracebackType | None) -> int | None:
    """The line of the Jinja template where an error was raised (Jinja rewrites the
    traceback so that template frames carry the template's own line numbers)."""
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _prepared(value: Any, path: tuple[str | int, ...]) -> Any:
    """``value`` with every text checked (XML cannot hold some characters; the problem names
    the field) and its line ends made ``\n`` (docxtpl turns those into line breaks)."""
    if isinstance(value, str):
        try:
            return prepare_text(value)
        except InvalidTextError as exc:
            problem = exc.problems[0]
            raise InvalidTextError(
                Problem(problem.code, problem.message, Location(path=path), problem.input)
            ) from exc
    if isinstance(value, dict):
        return {key: _prepared(item, (*path, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [_prepared(item, (*path, index)) for index, item in enumerate(value)]
    return value

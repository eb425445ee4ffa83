"""Forms another samenwerkingsverband might publish, built from the bundled one for the tests,
each with the mapping a person would write for it.

Every builder changes one kind of thing and finds what it changes by printed text (never by
position), as the mapping does; :func:`mapping_text` returns the bundled mapping with the
lines such a form needs.
"""

from __future__ import annotations

from lxml import etree

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.resources import bundled_file

_P = qn("w:p")
_T = qn("w:t")
_TBL = qn("w:tbl")

# (old printed text, new printed text, which occurrence: 0 the first, -1 the last, None all)
RENAMED: tuple[tuple[str, str, int | None], ...] = (
    ("Cognitieve en didactische ontwikkeling", "Cognitieve ontwikkeling", None),
    ("Mentor", "Mentor/coach", -1),  # the role in D; the first is the label in A
    ("Verslag ondersteuningsteam/MDO", "Verslag MDO", None),
    ("Ouder(s)/verzorger(s)", "Ouders/verzorgers", -1),  # the role in the request
    ("Tussenevaluatie", "Tussentijdse evaluatie", None),  # a title's start: "... 2"
)

# The lines the renamed form's mapping adds, after the line that starts each entry's options.
_OPTIONS = {
    'key = "domein"\n': (
        'options = { "Cognitieve en didactische ontwikkeling" = "Cognitieve ontwikkeling" }\n'
    ),
    'title = "domein"\n': (
        'options = { "Cognitieve en didactische ontwikkeling" = "Cognitieve ontwikkeling" }\n'
    ),
    'title = "soort"\n': 'options = { "Tussenevaluatie" = "Tussentijdse evaluatie" }\n',
    'path = "ondertekening"\nsection = "D"\n': 'options = { "Mentor" = "Mentor/coach" }\n',
    'path = "aanvraag.bijlagen"\nsection = "bijlagen"\n': (
        'options = { "Verslag ondersteuningsteam/MDO" = "Verslag MDO" }\n'
    ),
    'path = "aanvraag.ondertekening"\nsection = "ondertekening_aanvraag"\n': (
        'options = { "Ouder(s)/verzorger(s)" = "Ouders/verzorgers" }\n'
    ),
}


def _paragraphs_reading(body: etree._Element, text: str) -> list[etree._Element]:
    """Paragraphs whose text is ``text``, or starts with it and goes on with a number."""
    wanted = normalize_label(text)
    found = []
    for paragraph in body.iter(_P):
        read = normalize_label("".join(t.text or "" for t in paragraph.iter(_T)))
        rest = read[len(wanted) :].strip()
        if read.startswith(wanted) and (not rest or rest.isdigit()):
            found.append(paragraph)
    return found


def _rename(paragraph: etree._Element, old: str, new: str) -> None:
    runs = list(paragraph.iter(_T))
    text = "".join(t.text or "" for t in runs)
    runs[0].text = text.replace(old, new, 1)
    for extra in runs[1:]:
        extra.text = ""


def renamed_form(template: bytes) -> bytes:
    """The form with a domain, two roles, an attachment and an evaluation kind renamed."""
    package = open_package(template)
    part = package.main_part()
    root = package.xml(part)
    body = root.find(qn("w:body"))
    assert body is not None
    for old, new, which in RENAMED:
        found = _paragraphs_reading(body, old)
        assert found, old
        for paragraph in found if which is None else [found[which]]:
            _rename(paragraph, old, new)
    package.replace(part, root)
    return package.to_bytes()


def mapping_text(extra: dict[str, str]) -> str:
    """The bundled mapping with ``extra[line]`` inserted after each ``line`` (each once)."""
    text = bundled_file("mappings", "OPP_2024-2025.toml").read_text(encoding="utf-8")
    for line, addition in extra.items():
        assert text.count(line) == 1, line
        text = text.replace(line, line + addition)
    return text


def renamed_mapping() -> str:
    """The mapping of :func:`renamed_form`: the bundled one with ``options`` for each."""
    return mapping_text(_OPTIONS)

"""The bundled form: what the blueprint prints, each option with its own legacy checkbox,
built by tools/build_template.py, valid against ECMA-376, and laid out as an official form."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from tests.spec.spec_lists import SPEC, read_spec

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _load_builder(repo: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_template", repo / "tools" / "build_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def _paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    yield from body.iter(f"{{{W}}}p")


def _strings(element: etree._Element, tag: str) -> list[str]:
    return [str(text) for text in element.itertext(f"{{{W}}}{tag}")]


def _text(paragraph: etree._Element) -> str:
    return " ".join("".join(_strings(paragraph, "t")).split())


def _boxes_before_text(paragraph: etree._Element) -> int:
    """Legacy checkboxes in the paragraph that come before any of its text."""
    count = 0
    for element in paragraph.iter(f"{{{W}}}t", f"{{{W}}}checkBox"):
        if element.tag == f"{{{W}}}t" and (element.text or "").strip():
            break
        if element.tag == f"{{{W}}}checkBox":
            count += 1
    return count


@pytest.fixture(scope="module")
def body(template_path: Path) -> etree._Element:
    found = _part(template_path, "word/document.xml").find("w:body", NS)
    assert found is not None
    return found


def test_every_printed_text_of_the_spec_is_in_the_form_in_order(body: etree._Element) -> None:
    spec = read_spec()
    assert len(spec.printed) > 120  # the blueprint was read, not skipped
    texts = [_text(p) for p in _paragraphs(body)]
    position = 0
    for expected in spec.printed:
        try:
            position = texts.index(expected, position) + 1
        except ValueError:
            earlier = expected in texts[:position]
            pytest.fail(
                f"{expected!r} is not in the form"
                + (" after the text before it in the spec" if earlier else "")
            )


def test_every_option_has_its_own_legacy_checkbox(body: etree._Element) -> None:
    spec = read_spec()
    assert len(spec.option_groups) >= 10
    paragraphs = list(_paragraphs(body))
    texts = [_text(p) for p in paragraphs]
    expected_boxes = 0
    for group in spec.option_groups:
        runs = 0
        for start in range(len(paragraphs) - len(group) + 1):
            window = range(start, start + len(group))
            if [texts[i] for i in window] == group and all(
                _boxes_before_text(paragraphs[i]) == 1 for i in window
            ):
                runs += 1
        assert runs >= 1, f"no run of checkbox paragraphs for {group}"
        expected_boxes += runs * len(group)
    # No stray boxes: every FORMCHECKBOX in the form belongs to an option of the spec.
    instructions = [" ".join(t.split()) for t in _strings(body, "instrText")]
    assert instructions.count("FORMCHECKBOX") == expected_boxes
    assert len(body.findall(".//w:ffData/w:checkBox", NS)) == expected_boxes


def test_every_checkbox_is_unchecked_and_complete(body: etree._Element) -> None:
    for check_box in body.iterfind(".//w:ffData/w:checkBox", NS):
        default = check_box.find("w:default", NS)
        assert default is not None and default.get(f"{{{W}}}val") == "0"
        assert check_box.find("w:checked", NS) is None
    kinds = [c.get(f"{{{W}}}fldCharType") for c in body.iter(f"{{{W}}}fldChar")]
    assert kinds.count("begin") == kinds.count("separate") == kinds.count("end")


def test_committed_form_is_what_the_builder_produces(repo: Path, template_path: Path) -> None:
    builder = _load_builder(repo)
    built = zipfile.ZipFile(io.BytesIO(builder.build()))
    committed = zipfile.ZipFile(template_path)
    assert built.namelist() == committed.namelist()
    for name in built.namelist():
        assert built.read(name) == committed.read(name), (
            f"{name} differs: run 'make template' and review the rendered pages"
        )


def test_builder_is_deterministic(repo: Path) -> None:
    builder = _load_builder(repo)
    assert builder.build() == builder.build()


def test_form_passes_the_ecma_376_schemas(repo: Path, template_path: Path) -> None:
    # The command a person runs (make validate), on the committed form.
    result = subprocess.run(
        [sys.executable, str(repo / "tools" / "ooxml_check.py"), str(template_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{template_path}: OK" in result.stdout


def test_page_is_a4_and_text_is_dutch(template_path: Path, body: etree._Element) -> None:
    size = body.find("w:sectPr/w:pgSz", NS)
    assert size is not None
    width, height = int(size.get(f"{{{W}}}w", "0")), int(size.get(f"{{{W}}}h", "0"))
    assert (abs(width - 11906), abs(height - 16838)) < (3, 3)  # 210 x 297 mm in twips
    styles = _part(template_path, "word/styles.xml")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang is not None and lang.get(f"{{{W}}}val") == "nl-NL"


def test_footer_names_the_form_and_numbers_the_pages(template_path: Path) -> None:
    with zipfile.ZipFile(template_path) as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        assert footers
        footer = etree.fromstring(package.read(footers[0]))
    assert "OPP 2024-2025" in "".join(_strings(footer, "t"))
    instructions = [f.get(f"{{{W}}}instr", "").strip() for f in footer.iter(f"{{{W}}}fldSimple")]
    assert "PAGE" in instructions and "NUMPAGES" in instructions


@pytest.mark.parametrize(
    "title",
    [
        "HANDELINGSDEEL",
        "Aanvraag arrangement bij het SWV VO Westland",
        "Checklist aanleveren dossier bij de ACTA",
    ],
)
def test_handelingsdeel_aanvraag_and_checklist_start_a_new_page(
    body: etree._Element, title: str
) -> None:
    paragraphs = [p for p in _paragraphs(body) if p.getparent() is body]
    texts = [_text(p) for p in paragraphs]
    index = texts.index(title)
    if title == "HANDELINGSDEEL":
        assert texts[index - 1] == "ONTWIKKELINGSPERSPECTIEFPLAN"
        index -= 1
    previous = paragraphs[index - 1]
    assert previous.find(".//w:br[@w:type='page']", NS) is not None


def test_label_cells_are_shaded(body: etree._Element) -> None:
    for label in ("Naam leerling", "Verwacht uitstroomprofiel", "Datum eerste tussenevaluatie"):
        cells = [
            cell
            for cell in body.iter(f"{{{W}}}tc")
            if _text(cell.find("w:p", NS)) == label  # type: ignore[arg-type]
        ]
        assert cells, label
        shading = cells[0].find("w:tcPr/w:shd", NS)
        assert shading is not None and shading.get(f"{{{W}}}fill") not in (None, "auto")


def test_blueprint_is_the_one_in_the_repository(repo: Path) -> None:
    # docs/dev/template-spec.md is the blueprint itself, not a copy of a file elsewhere: the
    # lists the other tests compare with the form are read from it.
    blueprint = repo / "docs" / "dev" / "template-spec.md"
    assert blueprint == SPEC
    spec = read_spec(blueprint)
    assert "Naam leerling" in spec.printed
    assert spec.option_groups

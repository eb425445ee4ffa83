"""fill: valid documents, values where a coordinator expects them, template problems named."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from opp_docs import filling as fill_module
from opp_docs.docx.package import open_package
from opp_docs.errors import FileError, TemplateError
from opp_docs.example import example_plan
from opp_docs.filling import fill, fill_to_path
from opp_docs.model import (
    OPP,
    Domein,
    Evaluatie,
    EvaluatieSoort,
    Handelingsdeel,
    Handelingsdoel,
    Leerling,
    Periode,
)
from tests.strategies import plans


def _document_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_example_is_schema_valid(ooxml: Callable[[bytes], list[str]]) -> None:
    assert ooxml(fill(example_plan())) == []


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans)
def test_generated_documents_are_schema_valid(
    ooxml: Callable[[bytes], list[str]], plan: OPP
) -> None:
    assert ooxml(fill(plan)) == []


def test_dates_and_periods_are_printed_as_on_paper() -> None:
    plan = OPP(
        datum=date(2024, 10, 1),
        handelingsdeel=Handelingsdeel(
            doelen=[
                Handelingsdoel(
                    domein=Domein.WERKHOUDING,
                    beoogd_resultaat="x",
                    periode=Periode(
                        van=date(2024, 10, 1), tot_en_met=date(2024, 12, 31), frequentie="wekelijks"
                    ),
                )
            ]
        ),
    )
    text = _document_text(fill(plan))
    assert ">01-10-2024<" in text
    assert ">Van 01/10/2024 t/m 31/12/2024<" in text
    assert ">wekelijks<" in text


def test_more_evaluations_than_printed_tables_are_copied_and_numbered() -> None:
    evaluations = [Evaluatie(aanwezig=str(n)) for n in range(5)]
    evaluations.append(Evaluatie(soort=EvaluatieSoort.EINDEVALUATIE, aanwezig="eind"))
    text = _document_text(fill(OPP(evaluaties=evaluations)))
    for title in ("Tussenevaluatie 4", "Tussenevaluatie 5", "Eindevaluatie"):
        assert f">{title}<" in text
    assert "Tussenevaluatie 6" not in text


def test_template_is_prepared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    fill(OPP())  # prepared now, if no earlier test did
    calls: list[object] = []

    def counting(source: object) -> object:
        calls.append(source)
        return open_package(source)  # type: ignore[arg-type]

    monkeypatch.setattr(fill_module, "open_package", counting)
    fill(OPP())
    fill(example_plan())
    assert calls == []


def test_a_template_without_a_label_is_refused_by_name(template_path: Path) -> None:
    package = open_package(template_path)
    xml = package.read("word/document.xml").replace(b">Mentor<", b">Mentrix<", 1)
    package.replace("word/document.xml", xml)
    with pytest.raises(TemplateError) as info:
        fill(OPP(leerling=Leerling(mentor="x")), template=package.to_bytes())
    problems = [(p.code, p.location.label) for p in info.value.problems]
    assert ("mapping.label_ontbreekt", "Mentor") in problems


def test_fill_to_path_never_overwrites_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    fill_to_path(OPP(), target)
    with pytest.raises(FileError):
        fill_to_path(example_plan(), target)
    fill_to_path(example_plan(), target, overwrite=True)
    assert "Noor Elisabeth" in _document_text(target.read_bytes())


def test_libreoffice_renders_the_example(tmp_path: Path, soffice: str) -> None:
    source = tmp_path / "voorbeeld.docx"
    source.write_bytes(fill(example_plan()))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "voorbeeld.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Every value of the example is on the rendered pages (cell wrapping aside).
    visible = " ".join(text.split())
    squeezed = "".join(text.split())
    missing = [
        variants
        for variants in _printed_values(example_plan().model_dump(mode="json"))
        if not any(
            " ".join(value.split()) in visible or "".join(value.split()) in squeezed
            for value in variants
        )
    ]
    assert missing == []


def _printed_values(data: object) -> list[list[str]]:
    """Every text, number and date of a dumped plan, as the form may print it."""
    if isinstance(data, dict):
        return [v for value in data.values() for v in _printed_values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _printed_values(value)]
    if isinstance(data, bool) or data is None:
        return []
    text = str(data)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # an ISO date
        day, month, year = text[8:10], text[5:7], text[0:4]
        return [[f"{day}-{month}-{year}", f"{day}/{month}/{year}"]]
    return [[text]]

"""Fill writes into a content-control form's own controls and keeps them controls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.docx.sdt import find_sdts, sdt_date, sdt_kind, sdt_text
from opp_docs.docx.text import is_showing_placeholder
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.mapping.check import check_mapping
from opp_docs.model import OPP, Leerling, Ouder
from opp_docs.parsing import parse
from tests.control_forms import DATE_PROMPT, TEXT_PROMPT, content_control_form


@pytest.fixture(scope="module")
def form(template_path: Path) -> bytes:
    return content_control_form(template_path.read_bytes())


def _controls(data: bytes) -> list[etree._Element]:
    package = open_package(data)
    body = package.xml(package.main_part()).find(qn("w:body"))
    assert body is not None
    return find_sdts(body)


def test_the_test_form_is_a_content_control_form(
    form: bytes, ooxml: Callable[[bytes], list[str]]
) -> None:
    controls = _controls(form)
    kinds = {sdt_kind(control) for control in controls}
    assert len(controls) > 100 and kinds == {"text", "date"}
    assert all(is_showing_placeholder(control) for control in controls)
    assert ooxml(form) == []
    assert check_mapping(form) == []


def test_fill_keeps_every_control_and_writes_into_it(
    form: bytes, ooxml: Callable[[bytes], list[str]]
) -> None:
    before = len(_controls(form))
    filled = fill(example_plan(), form)
    after = _controls(filled)
    assert len(after) >= before  # copied rows bring their controls along
    written = [c for c in after if not is_showing_placeholder(c)]
    assert written, "the example fills many places"
    for control in written:
        text = sdt_text(control)
        assert TEXT_PROMPT not in text and DATE_PROMPT not in text
        style = control.find(f".//{qn('w:rStyle')}")
        assert style is None or style.get(qn("w:val")) != "PlaceholderText"
    dates = [c for c in written if sdt_kind(c) == "date" and sdt_text(c)]
    assert dates and all(sdt_date(c) is not None for c in dates)
    for control in dates:
        day = sdt_date(control)
        assert day is not None and sdt_text(control) == f"{day.day}-{day.month}-{day.year}"
    assert ooxml(filled) == []


def test_a_control_left_empty_keeps_its_placeholder(form: bytes) -> None:
    filled = fill(OPP(leerling=Leerling(naam="Alleen een naam")), form)
    controls = _controls(filled)
    shown = [c for c in controls if not is_showing_placeholder(c)]
    assert [sdt_text(c) for c in shown] == ["Alleen een naam"]


def test_round_trip_through_the_controls(form: bytes) -> None:
    plan = example_plan()
    result = parse(fill(plan, form))
    assert result.problems == []
    assert result.plan == plan


def test_a_copied_row_keeps_the_placeholder_of_a_control_it_leaves_empty(form: bytes) -> None:
    ouders = [Ouder(naam=f"Ouder {n}", relatie="moeder" if n < 3 else None) for n in (1, 2, 3)]
    filled = fill(OPP(leerling=Leerling(ouders=ouders)), form)
    assert parse(filled).plan.leerling.ouders == ouders
    controls = _controls(filled)
    (third,) = [sdt for sdt in controls if sdt_text(sdt) == "Ouder 3"]
    row = next(third.iterancestors(qn("w:tr")))
    in_row = [sdt for sdt in row.iter(qn("w:sdt")) if is_showing_placeholder(sdt)]
    shown = "".join(str(text) for text in in_row[0].itertext()) if in_row else ""
    assert len(in_row) == 1 and TEXT_PROMPT in shown

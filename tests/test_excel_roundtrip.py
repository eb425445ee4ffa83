"""Excel both ways: plans to workbook and back; fill, collect, generate and parse in a row."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from opp_docs.bulk import collect, generate
from opp_docs.example import example_plan
from opp_docs.excel.read import read_workbook
from opp_docs.excel.write import Overview, workbook_bytes
from opp_docs.filling import fill_to_path
from opp_docs.model import OPP, Leerling
from opp_docs.parsing import parse
from tests.strategies import plans


def _with_number(plan: OPP, number: int) -> OPP:
    leerling = plan.leerling.model_copy(update={"leerlingnummer": f"L{number:04d}"})
    return plan.model_copy(update={"leerling": leerling})


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans, plans)
def test_workbook_round_trip(
    tmp_path_factory: pytest.TempPathFactory, first: OPP, second: OPP
) -> None:
    folder = tmp_path_factory.mktemp("wb")
    expected = [_with_number(first, 1), _with_number(second, 2)]
    path = folder / "plannen.xlsx"
    path.write_bytes(workbook_bytes(expected))
    result = read_workbook(path)
    assert result.problems == []
    assert [item.plan for item in result.plans] == [
        OPP.model_validate(p.model_dump()) for p in expected
    ]


def test_fill_collect_generate_parse(tmp_path: Path) -> None:
    expected = [
        _with_number(example_plan(), 1),
        OPP(leerling=Leerling(leerlingnummer="L0002", naam="Alleen deel A")),
        _with_number(example_plan(), 3),
    ]
    forms = tmp_path / "ingevuld"
    for index, plan in enumerate(expected):
        fill_to_path(plan, forms / f"{index}.docx")
    overview = tmp_path / "overzicht.xlsx"
    collected = collect([forms], overview, jobs=1)
    assert collected.problems == [] and collected.plan_count == 3
    result = generate(overview, tmp_path / "opnieuw", jobs=1)
    assert result.problems == []
    assert [parse(path).plan for path in result.written] == expected


def test_collect_stores_formula_like_text_as_text(tmp_path: Path) -> None:
    risky = ['=HYPERLINK("http://x")', "+31 6 1234", "-2 punten", "@SUM(A1)"]
    plan = OPP(
        leerling=Leerling(
            leerlingnummer="L1",
            naam=risky[0],
            klas=risky[1],
            mentor=risky[2],
            school_en_locatie=risky[3],
        )
    )
    forms = tmp_path / "f"
    fill_to_path(plan, forms / "a.docx")
    overview = tmp_path / "overzicht.xlsx"
    collect([forms], overview, jobs=1)
    sheet = load_workbook(overview)["Leerlingen"]
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, sheet[2], strict=True))
    for header, text in zip(
        ("Naam leerling", "Klas", "Mentor", "School en locatie"), risky, strict=True
    ):
        cell = row[header]
        assert cell.value == text and cell.data_type == "s", header
    assert read_workbook(overview).plans[0].plan == plan


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans, plans, plans)
def test_cells_made_early_give_the_same_workbook(first: OPP, second: OPP, third: OPP) -> None:
    """collect with workers makes each plan's cells as it comes in (write_pending), one job
    when it saves; the sheets are the same."""
    expected = [_with_number(first, 1), _with_number(second, 2), _with_number(third, 3)]
    early = Overview()
    early.add(expected[0])
    early.write_pending()
    early.add(expected[1])
    early.add(expected[2])
    early.write_pending()
    assert early.plans == 3
    assert _cells(early.to_bytes()) == _cells(workbook_bytes(expected))


def test_an_overview_is_saved_once() -> None:
    overview = Overview()
    overview.add(_with_number(example_plan(), 1))
    assert len(_cells(overview.to_bytes(problems=[]))["Meldingen"]) == 1  # its headers
    with pytest.raises(RuntimeError):
        overview.add(_with_number(example_plan(), 2))
    with pytest.raises(RuntimeError):
        overview.write_pending()
    with pytest.raises(RuntimeError):
        overview.to_bytes()


def _cells(data: bytes) -> dict[str, list[tuple[tuple[object, str, str], ...]]]:
    """Each sheet's cells: value, number format and type."""
    workbook = load_workbook(io.BytesIO(data))
    return {
        sheet.title: [
            tuple((cell.value, cell.number_format, cell.data_type) for cell in row)
            for row in sheet.iter_rows()
        ]
        for sheet in workbook.worksheets
    }

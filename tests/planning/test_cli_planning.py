"""``opp planning``: an .ics a calendar program reads (no health details) and the ROD sheet."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pydantic import BaseModel

from opp_docs.cli import main
from opp_docs.example import example_plan
from opp_docs.model import OPP
from opp_docs.planfile import plan_to_json


def _write(path: Path, plan: OPP) -> Path:
    path.write_text(plan_to_json(plan), encoding="utf-8")
    return path


def _plans(tmp_path: Path) -> list[Path]:
    noor = example_plan()
    sam = example_plan()
    sam.leerling.naam = "Sam de Wit"
    sam.leerling.leerlingnummer = "240200"
    sam.leerling.niveau_afdeling = "Praktijkonderwijs"
    sam.evaluaties = []
    sam.handelingsdeel.datum_eerste_tussenevaluatie = None
    return [_write(tmp_path / "noor.json", noor), _write(tmp_path / "sam.json", sam)]


def _free_text(plan: OPP) -> list[str]:
    """Every text of the plan except the student's name and number."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, Enum):
            return  # ticked options, among them the kinds of evaluation
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(plan)
    leerling = plan.leerling
    return [t for t in texts if t not in {leerling.naam, leerling.leerlingnummer} and len(t) > 5]


def test_ics_parses_and_holds_only_name_kind_and_date(tmp_path: Path) -> None:
    ics = tmp_path / "evaluaties.ics"
    assert main(["planning", *map(str, _plans(tmp_path)), "-o", str(ics)]) == 0
    data = ics.read_bytes()
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4 + 4  # Noor: 4 fixed; Sam: 3 tussen and 1 eind proposed
    for event in events:
        assert set(event) == {"SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "TRANSP"}
        assert isinstance(event.decoded("DTSTART"), date)
        summary = str(event["SUMMARY"])
        kind, _, who = summary.partition(" OPP: ")
        assert kind in {"Tussenevaluatie", "Eindevaluatie"}
        assert who.removesuffix(" (voorstel)") in {
            "Noor Elisabeth van den Berg (Noor)",
            "Sam de Wit",
        }
    assert len({str(event["UID"]) for event in events}) == len(events)
    text = data.decode("utf-8").replace("\r\n ", "")  # unfold RFC 5545 continuation lines
    for sentence in _free_text(example_plan()):
        assert sentence.replace("\n", " ") not in text
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Eindevaluatie OPP: Sam de Wit (voorstel)" in summaries
    assert "Tussenevaluatie OPP: Noor Elisabeth van den Berg (Noor)" in summaries


def test_workbook_has_planning_and_rod(tmp_path: Path) -> None:
    ics, book = tmp_path / "e.ics", tmp_path / "planning.xlsx"
    plans = _plans(tmp_path)
    assert main(["planning", *map(str, plans), "-o", str(ics), "--werkmap", str(book)]) == 0
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["Planning", "ROD"]
    rod: list[list[Any]] = [list(row) for row in workbook["ROD"].iter_rows(values_only=True)]
    assert rod[0][:4] == ["Leerlingnummer", "Naam", "Startdatum OPP", "Einddatum OPP"]
    assert [row[0] for row in rod[1:]] == ["240117", "240200"]
    assert rod[1][2].date() == date(2024, 10, 1)
    assert rod[1][3].date() == date(2025, 7, 11)
    assert rod[1][4] == "verplicht" and rod[2][4].startswith("niet nodig")
    planning = [list(row) for row in workbook["Planning"].iter_rows(values_only=True)]
    assert len(planning) == 1 + 8
    assert {row[4] for row in planning[1:]} == {"vastgesteld", "voorstel"}


def test_existing_files_are_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics, book = tmp_path / "e.ics", tmp_path / "p.xlsx"
    book.write_bytes(b"mine")
    plans = [str(p) for p in _plans(tmp_path)]
    assert main(["planning", *plans, "-o", str(ics), "--werkmap", str(book)]) == 2
    assert "--overschrijven" in capsys.readouterr().err
    assert not ics.exists()
    assert book.read_bytes() == b"mine"
    args = ["planning", *plans, "-o", str(ics), "--werkmap", str(book), "--overschrijven"]
    assert main(args) == 0
    assert ics.exists() and book.read_bytes() != b"mine"


def test_unplannable_and_unreadable_plans_are_named_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = _write(tmp_path / "leeg.json", OPP())
    broken = tmp_path / "kapot.json"
    broken.write_text("[", encoding="utf-8")
    good = _write(tmp_path / "noor.json", example_plan())
    ics = tmp_path / "e.ics"
    assert main(["planning", str(empty), str(broken), str(good), "-o", str(ics)]) == 1
    err = capsys.readouterr().err
    assert str(empty) in err and str(broken) in err and "Traceback" not in err
    assert len(list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))) == 4


def test_the_same_plan_twice_gives_its_events_once(tmp_path: Path) -> None:
    good = _write(tmp_path / "noor.json", example_plan())
    ics = tmp_path / "e.ics"
    assert main(["planning", str(good), str(good), "-o", str(ics)]) == 0
    assert len(list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))) == 4

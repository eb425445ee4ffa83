"""Reading a workbook one student at a time: rows of the list sheets in any order give the
same plans and the same problems, in the same order, as reading every sheet up front."""

from __future__ import annotations

import contextlib
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from opp_docs.errors import FileError, Location, Problem
from opp_docs.excel import read as read_module
from opp_docs.excel import sheetrows
from opp_docs.excel.draft import (
    PLANS,
    Draft,
    attach,
    blank,
    header_map,
    list_key,
    list_row,
    plan_draft,
    validate,
)
from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, layout
from opp_docs.excel.read import open_workbook, read_workbook
from opp_docs.excel.write import workbook_bytes
from opp_docs.model import OPP, Evaluatie, EvaluatieHandtekening, EvaluatieSoort, Leerling, Ouder

Rows = list[list[Any]]

_HEADERS: dict[str, list[str]] = {
    "Leerlingen": ["Leerlingnummer", "Naam leerling", "Geboortedatum", "Leerjaar"],
    "Ouders": ["Leerlingnummer", "Naam", "Relatie tot de leerling"],
    "Evaluaties": ["Leerlingnummer", "Soort", "Datum"],
    "Ondertekening evaluaties": ["Leerlingnummer", "Nr", "Naam", "Ondertekend"],
}


def _write(path: Path, sheets: dict[str, Rows]) -> Path:
    """A workbook with these sheets (headers from _HEADERS), in this order."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        worksheet.append(_HEADERS[name])
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def _outcome(path: Path, strict: bool = False) -> tuple[list[tuple[int, OPP]], list[Problem]]:
    result = read_workbook(path, strict=strict)
    return [(item.row, item.plan) for item in result.plans], result.problems


def _up_front(path: Path, strict: bool = False) -> tuple[list[tuple[int, OPP]], list[Problem]]:
    """The reader before it streamed: every sheet read in full, each list row attached to
    its plan as it is read, problems sheet by sheet, then the model's plan by plan."""
    file = str(path)
    workbook = load_workbook(path, read_only=True, data_only=True)
    problems: list[Problem] = []
    name = PLANS if PLANS in workbook.sheetnames else workbook.sheetnames[0]
    rows = list(enumerate(workbook[name].iter_rows(values_only=True), start=1))
    columns = header_map(rows[0][1] if rows else (), layout()[0], with_aliases=True)
    drafts: dict[str, Draft] = {}
    duplicates: dict[str, list[Draft]] = {}
    for number, values in rows[1:]:
        if blank(values):
            continue
        draft = plan_draft(file, name, columns, number, values, problems, strict)
        key = draft.data.get("leerling", {}).get("leerlingnummer")
        if not key or not str(key).strip():
            where = Location(file=file, sheet=name, row=number, column=KEY_HEADER)
            problems.append(Problem("excel.leerlingnummer_ontbreekt", "", where))
            continue
        key = str(key).strip()
        if key in drafts or key in duplicates:
            duplicates.setdefault(key, [drafts.pop(key)] if key in drafts else []).append(draft)
            continue
        drafts[key] = draft
    for key, group in duplicates.items():
        for draft in group:
            where = Location(file=file, sheet=name, row=draft.row, column=KEY_HEADER)
            problems.append(Problem("excel.leerlingnummer_dubbel", str(len(group)), where, key))
        drafts[key] = Draft(group[0].row, failed=True)
    for sheet in layout()[1:]:
        if sheet.name not in workbook.sheetnames:
            continue
        list_rows = list(enumerate(workbook[sheet.name].iter_rows(values_only=True), start=1))
        sheet_columns = header_map(list_rows[0][1], sheet, with_aliases=False)
        key_index = sheet_columns.index(KEY_HEADER)
        assert key_index is not None
        sheet_problems: list[Problem] = []
        unknown: dict[str | None, tuple[Any, list[int]]] = {}
        for number, values in list_rows[1:]:
            if blank(values):
                continue
            raw = values[key_index] if key_index < len(values) else None
            found = drafts.get(list_key(raw) or "") if raw is not None else None
            if found is None:
                unknown.setdefault(list_key(raw) or None, (raw, []))[1].append(number)
                continue
            if found.failed and not found.data:
                continue
            row = list_row(file, sheet, sheet_columns, number, values, sheet_problems, strict)
            attach(file, found, sheet, row, sheet_problems)
        for key, (raw, numbers) in unknown.items():  # one problem per number, at its first row
            where = Location(file=file, sheet=sheet.name, row=numbers[0], column=KEY_HEADER)
            code = "excel.onbekende_leerling" if key else "excel.leerlingnummer_ontbreekt"
            sheet_problems.append(Problem(code, "", where, raw))
        problems.extend(sorted(sheet_problems, key=lambda p: p.location.row or 0))
    workbook.close()
    plans = []
    for draft in sorted(drafts.values(), key=lambda d: d.row):
        if not draft.failed and (plan := validate(file, draft, problems, strict)) is not None:
            plans.append((draft.row, plan))
    return plans, problems


def _comparable(problems: list[Problem]) -> list[tuple[Any, ...]]:
    """Problems without their messages (the oracle above leaves a few out)."""
    return [(p.code, p.location, p.input) for p in problems]


_KEYS = st.sampled_from(["1", "2", "3", "4", " 2 ", 3, 4.0, "9", None, " "])
_PLAN_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["1", "2", "3", "4", "5", " 5", 6, None, " "]),
        st.sampled_from([None, "Noor", "Daan"]),
        st.sampled_from([None, date(2011, 2, 1), "01-02-2011", "31-02-2011"]),
        st.sampled_from([None, 2, 9, "twee"]),
    ).map(list),
    max_size=7,
)
_OUDERS = st.lists(
    st.tuples(_KEYS, st.sampled_from([None, "Sanne", ""]), st.sampled_from([None, "moeder"])).map(
        list
    ),
    max_size=8,
)
_EVALUATIES = st.lists(
    st.tuples(
        _KEYS,
        st.sampled_from([None, EvaluatieSoort.TUSSENEVALUATIE.value, "Halverwege"]),
        st.sampled_from([None, date(2025, 1, 6), "32-01-2025"]),
    ).map(list),
    max_size=8,
)
_SIGNATURES = st.lists(
    st.tuples(
        _KEYS,
        st.sampled_from([None, 1, 2, 3, "x"]),
        st.sampled_from([None, "Jeroen"]),
        st.sampled_from([None, "ja", "misschien"]),
    ).map(list),
    max_size=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    plans=_PLAN_ROWS,
    ouders=_OUDERS,
    evaluaties=_EVALUATIES,
    signatures=_SIGNATURES,
    strict=st.booleans(),
)
def test_streaming_equals_reading_up_front(
    tmp_path_factory: pytest.TempPathFactory,
    plans: Rows,
    ouders: Rows,
    evaluaties: Rows,
    signatures: Rows,
    strict: bool,
) -> None:
    sheets = {
        "Leerlingen": plans,
        "Ouders": ouders,
        "Evaluaties": evaluaties,
        "Ondertekening evaluaties": signatures,
    }
    path = _write(tmp_path_factory.mktemp("wb") / "leerlingen.xlsx", sheets)
    streamed, problems = _outcome(path, strict)
    expected, expected_problems = _up_front(path, strict)
    assert streamed == expected
    assert _comparable(problems) == _comparable(expected_problems)


def _family(number: int) -> OPP:
    key = f"L{number}"
    return OPP(
        leerling=Leerling(
            leerlingnummer=key,
            naam=f"Leerling {number}",
            ouders=[Ouder(naam=f"Ouder {number}.{k}") for k in range(1, 3)],
        ),
        evaluaties=[
            Evaluatie(
                soort=EvaluatieSoort.TUSSENEVALUATIE,
                datum=date(2025, 1, number),
                ondertekening=[EvaluatieHandtekening(naam=f"Mentor {number}.{k}")],
            )
            for k in range(1, 3)
        ],
    )


def _reorder(path: Path, order: dict[str, list[int]]) -> None:
    """Put the data rows of sheets in a new order (indexes into the rows as written)."""
    workbook = load_workbook(path)
    for name, positions in order.items():
        worksheet = workbook[name]
        rows = [[cell.value for cell in row] for row in worksheet.iter_rows(min_row=2)]
        for target, source in enumerate(positions, start=2):
            for column, value in enumerate(rows[source], start=1):
                worksheet.cell(row=target, column=column, value=value)
    workbook.save(path)


def test_list_rows_out_of_order_and_interleaved_give_the_same_plans(tmp_path: Path) -> None:
    plans = [_family(n) for n in range(1, 6)]
    path = tmp_path / "leerlingen.xlsx"
    path.write_bytes(workbook_bytes(plans))
    # Ouders backwards (every student's rows wait for the first); the signatures
    # interleaved: the first of each student, then the second of each.
    _reorder(
        path,
        {
            "Ouders": list(range(9, -1, -1)),
            "Ondertekening evaluaties": [0, 2, 4, 6, 8, 1, 3, 5, 7, 9],
        },
    )
    result = read_workbook(path)
    assert result.problems == []
    got = {item.plan.leerling.leerlingnummer: item.plan for item in result.plans}
    # Backwards, a student's own two parents come in the other order too.
    for plan in plans:
        ouders = list(reversed(plan.leerling.ouders))
        expected = plan.model_copy(
            update={"leerling": plan.leerling.model_copy(update={"ouders": ouders})}
        )
        assert got[plan.leerling.leerlingnummer] == expected


def test_rows_in_order_are_never_held(tmp_path: Path) -> None:
    path = tmp_path / "leerlingen.xlsx"
    path.write_bytes(workbook_bytes([_family(n) for n in range(1, 8)]))
    source = open_workbook(path)
    stream = source._stream
    assert stream is not None and source.pending_count == 7
    waited = []
    for _ in source.iter_plans():
        waited.append(sum(len(rows) for sheet in stream.lists for rows in sheet.waiting.values()))
    assert waited == [0] * 7
    assert source.pending_count == 0


def test_rows_of_unknown_students_are_reported_once_per_number(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "leerlingen.xlsx",
        {
            "Leerlingen": [["1", "Noor"], ["2", "Daan", "31-02-2011"]],
            "Ouders": [
                ["7", "Niemand"],
                ["2", "Sanne"],
                ["1", "Erik"],
                [8.0, "Ook niemand"],
                ["7", "Ook hier niemand"],
                [None, "Zonder nummer"],
            ],
        },
    )
    plans, problems = _outcome(path)
    assert [(row, plan.leerling.ouders) for row, plan in plans] == [
        (2, [Ouder(naam="Erik")]),
        (3, [Ouder(naam="Sanne")]),
    ]
    assert plans[1][1].leerling.geboortedatum is None  # the bad cell costs the cell
    assert [
        (p.code, p.location.sheet, p.location.row, p.location.column, p.input) for p in problems
    ] == [
        ("excel.datum_bestaat_niet", "Leerlingen", 3, "Geboortedatum", "31-02-2011"),
        ("excel.onbekende_leerling", "Ouders", 2, "Leerlingnummer", "7"),
        ("excel.onbekende_leerling", "Ouders", 5, "Leerlingnummer", 8.0),
        ("excel.leerlingnummer_ontbreekt", "Ouders", 7, "Leerlingnummer", None),
    ]
    # The message names the number (and the rows), as the coordinator has to find it.
    assert "7" in problems[1].message and "6" in problems[1].message
    assert "8" in problems[2].message


def test_a_number_on_two_rows_holds_back_both_plans_and_their_rows(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "leerlingen.xlsx",
        {
            "Leerlingen": [["1", "Noor"], ["2", "Daan"], ["3", "Finn"], ["1", "Emma"]],
            "Ouders": [["1", "Sanne"], ["3", "Erik"], ["1", "Anna", "tante"], ["2", "Piet"]],
            "Evaluaties": [["1", "Halverwege"]],  # a bad cell of a held-back plan: not read
        },
    )
    plans, problems = _outcome(path)
    assert [(row, plan.leerling.naam) for row, plan in plans] == [(3, "Daan"), (4, "Finn")]
    assert [plan.leerling.ouders[0].naam for _, plan in plans] == ["Piet", "Erik"]
    assert [(p.code, p.location.row, p.input) for p in problems] == [
        ("excel.leerlingnummer_dubbel", 2, "1"),
        ("excel.leerlingnummer_dubbel", 5, "1"),
    ]
    assert "2 rijen" in problems[0].message


def test_problems_keep_their_order_whatever_the_rows_order(tmp_path: Path) -> None:
    """The plans sheet's, the repeated numbers, each list sheet's by row, then the model's."""
    path = _write(
        tmp_path / "leerlingen.xlsx",
        {
            "Leerlingen": [["1"], ["2", None, "morgen"], ["3"], ["3"], ["4", None, None, 9]],
            "Ouders": [["4", "Anna"], ["9", "Niemand"], ["1", "Piet"]],
            "Evaluaties": [["4", "Tussenevaluatie"], ["1", None, "32-01-2025"]],
            # Student 4's signature points to an evaluation it does not have; that is found
            # when student 4 comes up, after student 1's bad cell below it was read.
            "Ondertekening evaluaties": [["4", 2, "Jeroen"], ["1", 1, "Noor", "misschien"]],
        },
    )
    _, problems = _outcome(path)
    assert [(p.code, p.location.sheet, p.location.row, p.location.column) for p in problems] == [
        ("excel.datum_onleesbaar", "Leerlingen", 3, "Geboortedatum"),
        ("excel.leerlingnummer_dubbel", "Leerlingen", 4, "Leerlingnummer"),
        ("excel.leerlingnummer_dubbel", "Leerlingen", 5, "Leerlingnummer"),
        ("excel.onbekende_leerling", "Ouders", 3, "Leerlingnummer"),
        ("excel.datum_bestaat_niet", "Evaluaties", 3, "Datum"),
        ("excel.onbekend_nummer", "Ondertekening evaluaties", 2, "Nr"),
        ("excel.geen_ja_nee", "Ondertekening evaluaties", 3, "Ondertekend"),
        (problems[-1].code, "Leerlingen", 6, "Leerjaar"),
    ]


def test_without_openpyxl_internals_the_same_plans_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "leerlingen.xlsx"
    path.write_bytes(workbook_bytes([_family(n) for n in range(1, 4)]))
    _reorder(path, {"Ouders": [5, 4, 3, 2, 1, 0]})
    fast = _outcome(path)
    monkeypatch.setattr(sheetrows, "_parser", lambda _: None)
    assert _outcome(path) == fast


def test_the_workbook_is_closed_after_reading_and_when_stopped_early(tmp_path: Path) -> None:
    path = tmp_path / "leerlingen.xlsx"
    path.write_bytes(workbook_bytes([_family(n) for n in range(1, 4)]))
    source = open_workbook(path)
    stream = source._stream
    assert isinstance(stream, read_module._Stream)
    archive = stream.workbook._archive
    plans = source.iter_plans()
    next(plans)
    plans.close()
    assert archive.fp is None and source.pending_count == 0
    assert list(source.iter_plans()) == []


def test_number_header_is_needed_on_a_numbered_sheet(tmp_path: Path) -> None:
    _HEADERS["Ondertekening evaluaties"] = ["Leerlingnummer", "Naam"]
    try:
        path = _write(
            tmp_path / "leerlingen.xlsx",
            {"Leerlingen": [["1"]], "Ondertekening evaluaties": [["1", "Jeroen"]]},
        )
    finally:
        _HEADERS["Ondertekening evaluaties"] = [
            "Leerlingnummer",
            NUMBER_HEADER,
            "Naam",
            "Ondertekend",
        ]
    plans, problems = _outcome(path)
    assert len(plans) == 1
    assert [(p.code, p.location.sheet, p.location.row) for p in problems] == [
        ("excel.kolom_ontbreekt", "Ondertekening evaluaties", 1)
    ]


@pytest.mark.parametrize("in_workers", [False, True])
def test_a_broken_list_sheet_is_refused_before_any_plan(tmp_path: Path, in_workers: bool) -> None:
    """The first pass reads every sheet to its end, so a sheet broken far down stops the
    reading before the first plan, as when every sheet was read up front; also when the
    list sheets' first pass is made in worker processes."""
    ouders = [[str(n % 2 + 1), f"Ouder {n}"] for n in range(200)]
    path = _write(tmp_path / "leerlingen.xlsx", {"Leerlingen": [["1"], ["2"]], "Ouders": ouders})
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = "xl/worksheets/sheet2.xml"
    parts[sheet] = parts[sheet].replace(b'<row r="150"', b'<row r="150"<', 1)
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(2)) if in_workers else None
        with pytest.raises(FileError) as info:
            open_workbook(path, pool=pool)
    assert info.value.code == "excel.onleesbaar"
    assert str(info.value) == str(info.value.problems[0])  # its text, not only its problems


def test_the_first_pass_in_worker_processes_gives_the_same_plans_and_problems(
    tmp_path: Path,
) -> None:
    path = tmp_path / "leerlingen.xlsx"
    path.write_bytes(workbook_bytes([_family(n) for n in range(1, 7)]))
    _reorder(path, {"Ouders": list(range(11, -1, -1)), "Evaluaties": [3, 0, 1, 2, *range(4, 12)]})
    workbook = load_workbook(path)
    workbook["Ouders"].append(["L99", "Niemand"])  # a row for nobody
    workbook["Leerlingen"].append(["L3", "Twee keer"])  # a number on two rows
    workbook.save(path)
    here = open_workbook(path)
    expected = [(item.row, item.plan) for item in here.iter_plans()], here.problems
    assert expected[1] and len(expected[0]) == 5
    with ProcessPoolExecutor(2) as pool:
        source = open_workbook(path, pool=pool)
        assert ([(item.row, item.plan) for item in source.iter_plans()], source.problems) == (
            expected
        )

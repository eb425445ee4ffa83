"""opp generate: every valid plan written, every problem located, nothing overwritten."""

from __future__ import annotations

import gc
import importlib
import os
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from opp_docs.bulk import collect, generate
from opp_docs.bulk.names import NameAllocator, safe_name, unique_names
from opp_docs.cli import main
from opp_docs.errors import InputError, OppError
from opp_docs.excel.layout import KEY_HEADER
from opp_docs.excel.write import workbook_bytes
from opp_docs.model import OPP, Leerling
from opp_docs.parsing import parse


def _plans(count: int) -> list[OPP]:
    return [
        OPP(
            leerling=Leerling(
                naam=f"Leerling {n}",
                leerlingnummer=f"{100000 + n}",
                klas="2B",
                geboortedatum=date(2011, 1, 1),
            )
        )
        for n in range(count)
    ]


def _edit(path: Path, edits: dict[tuple[str, int, str], Any]) -> None:
    """Set cells by (sheet, row, header) in a workbook written by workbook_bytes."""
    workbook = load_workbook(path)
    for (sheet, row, header), value in edits.items():
        worksheet = workbook[sheet]
        headers = [cell.value for cell in worksheet[1]]
        worksheet.cell(row=row, column=headers.index(header) + 1, value=value)
    workbook.save(path)


def test_two_hundred_students_four_problems(tmp_path: Path) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(200)))
    _edit(
        source,
        {
            ("Leerlingen", 11, "Geboortedatum"): "31-02-2011",  # an impossible date
            ("Leerlingen", 21, "Verwacht uitstroomprofiel"): "Gymnasium",  # not an option
            ("Leerlingen", 31, "Leerlingnummer"): "100040",  # shared with row 42 ...
            ("Ouders", 2, "Leerlingnummer"): "999999",  # a child row for nobody
            ("Ouders", 2, "Naam"): "Iemand",
            ("Leerlingen", 51, "Klas"): datetime(2024, 9, 1),  # a date in a text column: fine
        },
    )
    # A bad cell costs the cell: rows 11 and 21 give their forms with that field empty. The
    # two rows with one number give none (whose would it be?); --streng holds 11 and 21 too.
    strict = generate(source, tmp_path / "streng", jobs=1, strict=True)
    assert len(strict.written) == 196
    result = generate(source, tmp_path / "uit", jobs=1)
    assert len(result.written) == 198
    assert len({p.name for p in result.written}) == 198
    places = sorted(
        (p.code, p.location.sheet, p.location.row, p.location.column) for p in result.problems
    )
    assert places == [
        ("excel.datum_bestaat_niet", "Leerlingen", 11, "Geboortedatum"),
        ("excel.keuze_onbekend", "Leerlingen", 21, "Verwacht uitstroomprofiel"),
        ("excel.leerlingnummer_dubbel", "Leerlingen", 31, "Leerlingnummer"),
        ("excel.leerlingnummer_dubbel", "Leerlingen", 42, "Leerlingnummer"),
        ("excel.onbekende_leerling", "Ouders", 2, "Leerlingnummer"),
    ]
    by_code = {p.code: p for p in result.problems}
    assert by_code["excel.datum_bestaat_niet"].input == "31-02-2011"
    held = next(p for p in result.written if p.name.startswith("100009 "))  # row 11
    assert parse(held).plan.leerling.geboortedatum is None
    assert by_code["excel.keuze_onbekend"].input == "Gymnasium"
    kept = next(p for p in result.written if p.name.startswith("100049 "))
    assert parse(kept).plan.leerling.klas == "01-09-2024"  # kept as text, as typed
    assert result.report is not None
    opened = load_workbook(result.report)
    assert opened.sheetnames == ["Meldingen"]  # it opens on what it is about
    report = opened["Meldingen"]
    rows = list(report.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5
    assert {(r[1], r[2], r[3]) for r in rows} == {(p[1], p[2], p[3]) for p in places}


def test_the_cli_exits_1_and_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(3)))
    _edit(source, {("Leerlingen", 3, "Geboortedatum"): "morgen"})
    assert main(["generate", str(source), "-o", str(tmp_path / "uit"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "blad 'Leerlingen', rij 3, kolom 'Geboortedatum'" in err
    assert "3 formulier(en) geschreven" in err  # the one with the bad date too
    assert "Traceback" not in err


def test_an_export_generates_without_mapping_work(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Export Magister"
    sheet.append(
        [
            "Stamnummer",
            "Achternaam",
            "Tussenvoegsel",
            "Voornamen",
            "Roepnaam",
            "Geboortedatum",
            "Klas",
            "Mentor",
            "Adres",
            "BSN",
        ]
    )
    sheet.append(
        [
            24017,
            "Vries",
            "de",
            "Pieter Johannes",
            "Piet",
            datetime(2011, 3, 4),
            "2B",
            "J. Bakker",
            "Dorpsstraat 1",
            "123456782",
        ]
    )
    sheet.append(
        [
            24018,
            "Yılmaz",
            None,
            "Elif",
            "Elif",
            "05-06-2010",
            "3A",
            "M. Jansen",
            "Kerkweg 2",
            "111222333",
        ]
    )
    source = tmp_path / "export.xlsx"
    workbook.save(source)
    result = generate(source, tmp_path / "uit", jobs=1)
    assert result.problems == []
    assert sorted(result.ignored_columns) == ["Adres", "BSN"]
    plans = {p.name: parse(p).plan for p in result.written}
    first = plans["24017 Pieter Johannes de Vries (Piet) OPP 2024-2025.docx"]
    assert first.leerling.naam == "Pieter Johannes de Vries (Piet)"
    assert first.leerling.geboortedatum == date(2011, 3, 4)
    assert first.leerling.klas == "2B" and first.leerling.mentor == "J. Bakker"
    second = plans["24018 Elif Yılmaz OPP 2024-2025.docx"]
    assert second.leerling.geboortedatum == date(2010, 6, 5)
    for path in result.written:  # nothing of the address or BSN reaches a form
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml")
        assert b"Dorpsstraat" not in xml and b"123456782" not in xml


def test_the_total_is_known_before_the_first_document(tmp_path: Path) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(6)))
    _edit(source, {("Leerlingen", 3, "Leerlingnummer"): "100000"})  # two rows held back
    events: list[tuple[str, int]] = []
    result = generate(
        source,
        tmp_path / "uit",
        jobs=1,
        on_total=lambda total: events.append(("total", total)),
        progress=lambda done: events.append(("done", done)),
    )
    assert events == [("total", 4)] + [("done", n) for n in range(1, 5)]
    assert len(result.written) == 4 and result.row_count == 6


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_ends_at_the_total_when_a_student_is_held_back(tmp_path: Path, jobs: int) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(30)))
    _edit(source, {("Leerlingen", 5, "Geboortedatum"): "31-02-2011"})
    done: list[int] = []
    totals: list[int] = []
    result = generate(
        source,
        tmp_path / "uit",
        jobs=jobs,
        strict=True,
        on_total=totals.append,
        progress=done.append,
    )
    assert len(result.written) == 29
    assert totals == [30] and done == list(range(1, 31))  # in order, the held-back one too


def test_existing_files_are_kept_unless_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(2)))
    output = tmp_path / "uit"
    first = generate(source, output, jobs=1)
    first.written[0].write_bytes(b"eigen werk")
    for jobs in (1, 2):
        again = generate(source, output, jobs=jobs)
        # Kept, and no problem: a rerun (a resume after Ctrl-C) is no mistake.
        assert again.problems == [] and again.written == []
        assert again.existing == first.written
        assert first.written[0].read_bytes() == b"eigen werk"
    forced = generate(source, output, jobs=1, overwrite=True)
    assert forced.problems == [] and forced.existing == []
    assert forced.written == first.written
    assert zipfile.is_zipfile(first.written[0])


def test_meldingen_is_this_runs_report(tmp_path: Path) -> None:
    """Each run writes its own meldingen.xlsx over the last one; a clean run removes it."""
    source = tmp_path / "leerlingen.xlsx"
    plans = _plans(2)
    source.write_bytes(workbook_bytes(plans))
    output = tmp_path / "uit"
    output.mkdir()
    (output / "meldingen.xlsx").write_bytes(b"the last run's report")
    _edit(source, {("Ouders", 2, "Leerlingnummer"): "999999"})  # a row for nobody
    first = generate(source, output, jobs=1)
    assert first.problems and first.report == output / "meldingen.xlsx"
    assert zipfile.is_zipfile(first.report)
    source.write_bytes(workbook_bytes(plans))
    second = generate(source, output, jobs=1)
    assert second.problems == [] and second.report is None
    assert second.removed_report == output / "meldingen.xlsx"
    assert sorted(p.name for p in output.iterdir() if p.suffix == ".xlsx") == []


def _example_list(repo: Path, path: Path, copies: int) -> Path:
    """The example list (30 students, 5 with a full plan, one bad date) ``copies`` times,
    each copy's numbers 1,000 further on; sheets without a Leerlingnummer copied once."""
    source = load_workbook(repo / "examples" / "leerlingen.xlsx")
    for worksheet in source.worksheets:
        rows = [list(row) for row in worksheet.iter_rows(min_row=2, values_only=True)]
        body = [row for row in rows if any(value is not None for value in row)]
        headers = [cell.value for cell in worksheet[1]]
        worksheet.delete_rows(2, worksheet.max_row)
        if KEY_HEADER not in headers:
            for row in body:
                worksheet.append(row)
            continue
        key = headers.index(KEY_HEADER)
        for copy in range(copies):
            for row in body:
                worksheet.append(
                    [*row[:key], str(int(str(row[key])) + 1000 * copy), *row[key + 1 :]]
                )
    source.save(path)
    return path


def _parts(path: Path) -> dict[str, bytes]:
    """A package's parts, but for the time stamps openpyxl writes into docProps/core.xml."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    core = parts.pop("docProps/core.xml")
    assert b"<dc:creator" in core  # there, just not compared
    return parts


@pytest.mark.parametrize("strict", [False, True])
def test_parallel_output_equals_one_job(repo: Path, tmp_path: Path, strict: bool) -> None:
    """Two jobs make the same forms, names, problems, meldingen.xlsx and overview as one,
    for the example list's mix with every kind of problem a workbook can have."""
    source = _example_list(repo, tmp_path / "leerlingen.xlsx", 3)
    _edit(
        source,
        {
            ("Leerlingen", 4, "Geboortedatum"): "31-02-2011",  # a bad cell (and the list's)
            ("Leerlingen", 9, "Leerlingnummer"): None,  # no number: no form
            ("Leerlingen", 40, "Leerlingnummer"): "240100",  # one number on two rows
            ("Ouders", 3, "Leerlingnummer"): "999999",  # a row for nobody
            ("Factoren", 8, "Domein"): "Vrije tijd",  # not an option: the row goes
            ("Evaluaties", 3, "Datum"): "morgen",
        },
    )
    _reorder_rows(source, "Ondertekening", reverse=True)  # every row waits for its student
    results = {}
    for jobs in (1, 2):
        output = tmp_path / f"uit{jobs}"
        output.mkdir()
        (output / "240107 Milan Smit OPP 2024-2025.docx").write_bytes(b"eigen werk")
        results[jobs] = generate(source, output, jobs=jobs, strict=strict)
    one, two = results[1], results[2]
    assert one.row_count == two.row_count == 90
    assert len(one.written) > 80 and one.existing and len(one.problems) >= 8
    assert [p.name for p in one.written] == [p.name for p in two.written]
    assert [p.name for p in one.existing] == [p.name for p in two.existing]
    for a, b in zip(one.written, two.written, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert one.problems == [  # the same problems in the same order, their files aside
        replace(p, location=replace(p.location, file=p.location.file.replace("uit2", "uit1")))
        if p.location.file
        else p
        for p in two.problems
    ]
    assert one.report is not None and two.report is not None
    assert _load_rows(one.report) == _load_rows(two.report)
    overviews = {}
    for jobs in (1, 2):
        overviews[jobs] = tmp_path / f"overzicht{jobs}.xlsx"
        collected = collect(tmp_path / "uit1", overviews[jobs], jobs=jobs, keep_plans=False)
        assert collected.plan_count == len(one.written) + len(one.existing) - 1  # eigen werk
        assert gc.get_freeze_count() == 0  # the heap collect froze is handed back
    assert _parts(overviews[1]) == _parts(overviews[2])  # with 2 jobs, cells made early


def _reorder_rows(path: Path, sheet: str, *, reverse: bool) -> None:
    workbook = load_workbook(path)
    worksheet = workbook[sheet]
    rows = [[cell.value for cell in row] for row in worksheet.iter_rows(min_row=2)]
    for number, values in enumerate(reversed(rows) if reverse else rows, start=2):
        for column, value in enumerate(values, start=1):
            worksheet.cell(row=number, column=column, value=value)
    workbook.save(path)


def _load_rows(path: Path) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in load_workbook(path)["Meldingen"].iter_rows(values_only=True)]


def test_the_parent_only_reads_with_two_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two jobs every plan is built, validated and filled in a worker from its first
    student on; this process reads the rows and names the forms."""
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(40)))
    generating = importlib.import_module("opp_docs.bulk.generating")
    here: list[int] = []  # filled in this process only: a worker has its own copy
    real_build, real_fill = generating.build, generating.fill

    def build(*args: Any) -> Any:
        here.append(os.getpid())
        return real_build(*args)

    def fill(*args: Any) -> Any:
        here.append(os.getpid())
        return real_fill(*args)

    monkeypatch.setattr(generating, "build", build)
    monkeypatch.setattr(generating, "fill", fill)
    assert len(generate(source, tmp_path / "twee", jobs=2).written) == 40
    assert here == []
    assert len(generate(source, tmp_path / "een", jobs=1).written) == 40
    assert here == [os.getpid()] * 80  # the test sees the calls it would see with workers


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_name_is_free_again_when_its_form_is_not_made(tmp_path: Path, jobs: int) -> None:
    """Forms are named in row order before their plans are built: a student held back
    (--streng) gives its name back, so the next of that name gets it, as if read in turn."""
    plans = _plans(40)
    for plan in plans[10:14]:
        plan.leerling.naam = "Sam de Wit"
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(plans))
    _edit(source, {("Leerlingen", 12, "Geboortedatum"): "31-02-2011"})  # the first Sam
    result = generate(source, tmp_path / "uit", pattern="{naam}", jobs=jobs, strict=True)
    sams = [p.name for p in result.written if p.name.startswith("Sam")]
    assert sams == ["Sam de Wit.docx", "Sam de Wit (2).docx", "Sam de Wit (3).docx"]
    made = [parse(p).plan.leerling.leerlingnummer for p in result.written if p.name in sams]
    assert made == ["100011", "100012", "100013"]
    assert [p.code for p in result.problems] == ["excel.datum_bestaat_niet"]


def test_a_mapping_file_is_read_once_and_reaches_the_workers(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--mapping``: read (and checked) once in this process; workers and collect use it."""
    mapping = tmp_path / "mapping.toml"
    mapping.write_text((repo / "mappings" / "OPP_2024-2025.toml").read_text(encoding="utf-8"))
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(6)))
    # generate and collect read a mapping path through opp_docs.mapping.as_mapping.
    mapping_load = importlib.import_module("opp_docs.mapping.load")
    reads: list[Path | None] = []
    real = mapping_load.load_mapping

    def counted(path: Path | None = None) -> Any:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(mapping_load, "load_mapping", counted)
    for jobs in (1, 2):
        made = generate(source, tmp_path / f"uit{jobs}", jobs=jobs, mapping=mapping)
        assert len(made.written) == 6 and not made.problems
        read = collect(
            [tmp_path / f"uit{jobs}"], tmp_path / f"o{jobs}.xlsx", jobs=jobs, mapping=mapping
        )
        assert read.plan_count == 6 and not read.problems
    assert reads == [mapping] * 4  # once per call, in this process


def test_pattern_and_names(tmp_path: Path) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(1)))
    with pytest.raises(InputError) as info:
        generate(source, tmp_path / "uit", pattern="{bsn}.docx")
    assert info.value.code == "patroon.onbekend_veld"
    result = generate(source, tmp_path / "uit", pattern="{klas}/{naam}", jobs=1)
    assert [p.name for p in result.written] == ["2B_Leerling 0.docx"]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("12 Jan/Piet <x>.docx", "12 Jan_Piet _x_.docx"),
        ("CON.docx", "_CON.docx"),
        ("  naam. .docx", "naam.docx"),
        ("a\tb\nc.docx", "a b c.docx"),
        ("", "OPP.docx"),
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_long_and_duplicate_names() -> None:
    assert len(safe_name("x" * 500 + ".docx")) <= 120
    # "a (2).docx" is taken by a later file, so the copies skip that number.
    assert unique_names(["a.docx", "A.docx", "a.docx", "a (2).docx"]) == [
        "a.docx",
        "A (3).docx",
        "a (4).docx",
        "a (2).docx",
    ]
    # One at a time (streaming), a later name cannot be known: it gets its own suffix.
    names = NameAllocator()
    taken = [names.take(n) for n in ["a.docx", "A.docx", "a.docx", "a (2).docx", "b"]]
    assert taken == ["a.docx", "A (2).docx", "a (3).docx", "a (2) (2).docx", "b"]


def test_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "lijst.xlsx"
    fake.write_text("Stamnummer;Naam\n1;Piet\n", encoding="utf-8")
    with pytest.raises(OppError) as info:
        generate(fake, tmp_path / "uit")
    assert info.value.code == "pakket.geen_zip"


def test_a_model_problem_in_a_list_row_names_its_sheet_row_and_column(tmp_path: Path) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(2)))
    workbook = load_workbook(source)
    sheet = workbook["Handelingsdeel"]
    headers = [cell.value for cell in sheet[1]]
    row: list[Any] = [None] * len(headers)
    row[headers.index("Leerlingnummer")] = "100001"
    row[headers.index("Beoogd resultaat")] = "Zelf plannen"  # but no Domein
    sheet.append(row)
    workbook.save(source)
    result = generate(source, tmp_path / "uit", jobs=1)
    assert len(result.written) == 2  # the student is made without that row
    (problem,) = result.problems
    assert problem.code == "waarde.missing"
    assert "100001 is gemaakt zonder deze rij" in problem.message
    where = problem.location
    assert (where.sheet, where.row, where.column) == ("Handelingsdeel", 2, "Domein")
    goals = [parse(path).plan.handelingsdeel.doelen for path in result.written]
    assert all("Zelf plannen" not in [goal.beoogd_resultaat for goal in g] for g in goals)
    strict = generate(source, tmp_path / "streng", jobs=1, strict=True)
    assert len(strict.written) == 1
    assert "is niet gemaakt" in strict.problems[0].message


def test_streng_holds_back_a_student_with_a_bad_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "leerlingen.xlsx"
    source.write_bytes(workbook_bytes(_plans(2)))
    _edit(source, {("Leerlingen", 3, "Geboortedatum"): "31-02-2009"})
    argv = ["generate", str(source), "-o", str(tmp_path / "uit"), "--jobs", "1"]
    assert main([*argv, "--streng"]) == 1
    assert "1 formulier(en) geschreven" in capsys.readouterr().err
    assert main(argv) == 1  # the one made before is kept; the other is made now
    err = capsys.readouterr().err
    assert "1 formulier(en) geschreven" in err and "1 formulier(en) bestonden al" in err
    assert "[excel.datum_bestaat_niet] bestand" in err

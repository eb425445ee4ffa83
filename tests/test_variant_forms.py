"""Forms of another shape, each with its own mapping: mapping check passes, the example plan
round-trips with no difference, and the bundled mapping on that form does not (so each test
can fail)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from icalendar import Calendar

from opp_docs.bulk import generate
from opp_docs.cli import main
from opp_docs.docx.inventory import describe
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.errors import OppError
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.inspect import inspect_form
from opp_docs.mapping import load_mapping
from opp_docs.mapping.check import check_mapping
from opp_docs.model import OPP, Looptijd
from opp_docs.parsing import parse
from opp_docs.planfile import plan_to_json
from tests.forms import EditedForm, copy_row_after, row_of
from tests.variant_forms import (
    after_option_control_form,
    join_tables_after,
    label_paragraph_form,
    label_paragraph_mapping,
    nested_form,
    renamed_form,
    renamed_mapping,
    row_heading_form,
    typed_label_form,
    typed_label_mapping,
)


@pytest.fixture(scope="module")
def renamed(template_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    folder = tmp_path_factory.mktemp("renamed")
    mapping = folder / "hernoemd.toml"
    mapping.write_text(renamed_mapping(), encoding="utf-8")
    return renamed_form(template_path.read_bytes()), mapping


def test_renamed_keys_map_through_options(
    renamed: tuple[bytes, Path], ooxml: Callable[[bytes], list[str]]
) -> None:
    form, mapping = renamed
    assert ooxml(form) == []
    assert check_mapping(form, mapping) == []
    plan = example_plan()
    filled = fill(plan, form, mapping)
    result = parse(filled, mapping)
    assert result.problems == []
    assert result.plan == plan


def test_the_filled_form_prints_its_own_names(renamed: tuple[bytes, Path]) -> None:
    form, mapping = renamed
    plan = example_plan()
    kinds = [evaluatie.soort.value for evaluatie in plan.evaluaties]
    printed = str(inspect_form(fill(plan, form, mapping)))
    assert f"Tussentijdse evaluatie {kinds.count('Tussenevaluatie')}" in printed
    assert "Tussenevaluatie" not in printed
    assert "Cognitieve en didactische" not in printed
    assert "Mentor/coach" in printed and "Verslag MDO" in printed


def test_without_options_the_renamed_keys_are_missing(renamed: tuple[bytes, Path]) -> None:
    form, _ = renamed
    codes = {(p.code, p.location.label) for p in check_mapping(form)}
    assert ("mapping.tabel_ontbreekt", "Tussenevaluatie") in codes
    assert ("mapping.rij_ontbreekt", "Cognitieve en didactische ontwikkeling") in codes


def test_an_option_for_no_choice_is_refused(tmp_path: Path) -> None:
    mapping = tmp_path / "fout.toml"
    mapping.write_text(
        renamed_mapping().replace('"Tussenevaluatie" = ', '"Tussenevalutie" = '), encoding="utf-8"
    )
    with pytest.raises(OppError) as info:
        load_mapping(mapping)
    assert "Tussenevalutie" in str(info.value.problems[0].message)


def test_check_and_planning_read_a_foreign_form_through_its_mapping(
    renamed: tuple[bytes, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form, mapping = renamed
    plan = example_plan()
    plan.leerling.mentor = None  # a few findings to compare
    plan.aanvraag.motivering.wat_is_er_nodig = None
    plan.factoren.domeinen[0].ondersteuningsbehoefte = None
    filled = tmp_path / "ander-formulier.docx"
    filled.write_bytes(fill(plan, form, mapping))
    as_json = tmp_path / "plan.json"
    as_json.write_text(plan_to_json(plan), encoding="utf-8")
    findings = []
    for source in (filled, as_json):
        argv = ["controleren", str(source), "--json", "--acta", "--op", "01-06-2025"]
        main([*argv, "--mapping", str(mapping)])
        (report,) = json.loads(capsys.readouterr().out)
        findings.append([(f["code"], f["pad"]) for f in report["bevindingen"]])
    from_form, from_json = findings
    # Whether a box is signed is known only on a form; every other finding is the same.
    assert [f for f in from_form if not f[0].startswith("handtekening.")] == [
        f for f in from_json if not f[0].startswith("handtekening.")
    ]
    assert {code for code, _ in from_json} > {"handtekening.onbekend"}
    # Without its mapping the same form does not read as this plan.
    main(["controleren", str(filled), "--op", "01-06-2025"])
    assert "melding(en) bij het lezen" in capsys.readouterr().err
    agenda = tmp_path / "agenda.ics"
    assert main(["planning", str(filled), "-o", str(agenda), "--mapping", str(mapping)]) == 0
    dates = {e.datum for e in plan.evaluaties if e.datum is not None}
    written = {
        component.decoded("dtstart")
        for component in Calendar.from_ical(agenda.read_bytes()).walk("VEVENT")
    }
    assert dates and dates <= written


def test_headings_in_table_rows(template_path: Path, ooxml: Callable[[bytes], list[str]]) -> None:
    form = row_heading_form(template_path.read_bytes())
    assert ooxml(form) == []
    assert check_mapping(form) == []
    plan = example_plan()
    result = parse(fill(plan, form))
    assert result.problems == []
    assert result.plan == plan


@pytest.mark.parametrize("heading", ["B. Ontwikkelingsperspectief", "C. Stimulerende"])
def test_a_heading_row_that_word_joined_to_the_table_before(
    template_path: Path, heading: str
) -> None:
    plan = example_plan()
    form = row_heading_form(template_path.read_bytes())
    mapping = load_mapping()
    full = next(text for text in mapping.sections.values() if text.startswith(heading))
    joined = join_tables_after(fill(plan, form), full)
    result = parse(joined)
    assert result.problems == []
    assert result.plan == plan


def _tables(data: bytes) -> int:
    package = open_package(data)
    return sum(1 for _ in package.xml(package.main_part()).iter(qn("w:tbl")))


@pytest.mark.parametrize(
    ("with_heading_rows", "title"),
    [
        (True, "B. Ontwikkelingsperspectief"),
        (True, "C. Stimulerende"),
        (False, "Tussenevaluatie 2"),
        (False, "Eindevaluatie"),
    ],
)
def test_a_template_whose_tables_word_joined_is_filled_with_them_apart(
    template_path: Path, ooxml: Callable[[bytes], list[str]], with_heading_rows: bool, title: str
) -> None:
    # Someone deleted the empty line between two tables of the template, so Word joined
    # them: a section's heading row or an evaluation's title row now stands mid-table. The
    # check, fill and parse all read the tables apart, and the form comes out as it was.
    data = template_path.read_bytes()
    form = row_heading_form(data) if with_heading_rows else data
    full = next(
        (text for text in load_mapping().sections.values() if text.startswith(title)), title
    )
    joined = join_tables_after(form, full)
    assert _tables(joined) == _tables(form) - 1
    assert check_mapping(joined) == []
    plan = example_plan()
    filled = fill(plan, joined)
    assert ooxml(filled) == []
    assert _tables(filled) == _tables(fill(plan, form))
    result = parse(filled)
    assert result.problems == []
    assert result.plan == plan


def test_nested_tables(template_path: Path, ooxml: Callable[[bytes], list[str]]) -> None:
    form = nested_form(template_path.read_bytes())
    assert ooxml(form) == []
    assert check_mapping(form) == []
    plan = example_plan()
    filled = fill(plan, form)
    assert ooxml(filled) == []
    result = parse(filled)
    assert result.problems == []
    assert result.plan == plan


@pytest.mark.parametrize(
    ("build", "mapping_text"),
    [
        # "Naam leerling: " + a field before A's table; "Datum: " + a control in its cell.
        (label_paragraph_form, label_paragraph_mapping),
        # "Datum: " alone in its cell, the date typed after it: no field, no control.
        (typed_label_form, typed_label_mapping),
    ],
    ids=["field_or_control", "typed"],
)
def test_labels_with_their_value_in_the_same_paragraph(
    template_path: Path,
    tmp_path: Path,
    ooxml: Callable[[bytes], list[str]],
    build: Callable[[bytes], bytes],
    mapping_text: Callable[[], str],
) -> None:
    form = build(template_path.read_bytes())
    mapping = tmp_path / "alineas.toml"
    mapping.write_text(mapping_text(), encoding="utf-8")
    assert ooxml(form) == []
    assert check_mapping(form, mapping) == []
    plan = example_plan()
    filled = fill(plan, form, mapping)
    assert ooxml(filled) == []
    result = parse(filled, mapping)
    assert result.problems == []
    assert result.plan == plan
    # Each value went into its field or control, and a form left empty reads empty.
    assert parse(fill(OPP(), form, mapping), mapping).plan == OPP()


def test_free_text_after_an_option_in_a_control_or_field(
    template_path: Path, ooxml: Callable[[bytes], list[str]]
) -> None:
    form = after_option_control_form(template_path.read_bytes())
    assert ooxml(form) == []
    assert check_mapping(form) == []
    plan = example_plan()  # it has text after "Anders, namelijk:" and "Er zijn ...:"
    plan.aanvraag.looptijd = Looptijd.ANDERS
    plan.aanvraag.looptijd_anders = "Tot de zomervakantie"
    filled = fill(plan, form)
    assert ooxml(filled) == []
    result = parse(filled)
    assert result.problems == []
    assert result.plan == plan  # exact: no space added before the text
    assert parse(fill(OPP(), form)).plan == OPP()


def test_a_missing_heading_is_one_problem_and_a_repeated_label_says_where(
    template_path: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "kop.toml"
    mapping.write_text(
        renamed_mapping().replace('A = "A. Gegevens van de leerling"', 'A = "A. Leerling"'),
        encoding="utf-8",
    )
    problems = check_mapping(renamed_form(template_path.read_bytes()), mapping)
    assert [p.code for p in problems] == ["mapping.sectie_ontbreekt"]
    assert "staat niet als alinea of als tabelrij" in problems[0].message
    # 'Klas' twice in one table: both places named.
    form = EditedForm(template_path.read_bytes())
    (klas,) = form.cells("Klas")
    copy_row_after(row_of(klas))
    (problem,) = [p for p in check_mapping(form.to_bytes()) if p.location.label == "Klas"]
    assert problem.code == "mapping.label_dubbel"
    assert "tabel 1, rij 5 en tabel 1, rij 6" in problem.message


def test_inspect_names_each_field_by_the_text_before_it_and_nests_tables(
    template_path: Path,
) -> None:
    bundled = template_path.read_bytes()
    fields = inspect_form(label_paragraph_form(bundled))["text_fields"]
    labels = [(field["label"], field["kind"]) for field in fields]
    assert ("Naam leerling:", "FORMTEXT") in labels
    assert ("Geboortedatum:", "date") in labels
    assert ("Datum:", "text") in labels
    nested = inspect_form(nested_form(bundled))
    outer = [table for table in nested["tables"] if "nested" in table]
    assert len(outer) == 3
    (c_table,) = outer[0]["nested"]
    assert c_table["rows"][0][:2] == ["Domein", "Stimulerende factoren"]
    assert (c_table["row"], c_table["cell"]) == (0, 0)
    assert outer[0]["rows"] == [[""]]  # the cell's own text, not its table's
    text = describe(nested)
    assert "tabel in cel 1:" in text and "alinea: A. Gegevens van de leerling" in text


def test_the_mapping_name_names_the_generated_forms(template_path: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "hernoemd.toml"
    mapping.write_text(
        renamed_mapping().replace('name = "OPP 2024-2025"', 'name = "OPP Delfland 2026"'),
        encoding="utf-8",
    )
    form = tmp_path / "formulier.docx"
    form.write_bytes(renamed_form(template_path.read_bytes()))
    source = Path(__file__).parent.parent / "examples" / "leerlingen.xlsx"
    result = generate(source, tmp_path / "uit", template=form, mapping=mapping, jobs=1)
    assert result.written and all(
        p.name.endswith(" OPP Delfland 2026.docx") for p in result.written
    )
    bundled = generate(source, tmp_path / "gewoon", jobs=1)
    assert all(p.name.endswith(" OPP 2024-2025.docx") for p in bundled.written)

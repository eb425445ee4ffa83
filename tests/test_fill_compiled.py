"""The compiled fill (``opp_docs.compiled``) writes byte for byte what the DOM writer writes,
with the same problems, or declines the document and fill writes it through the tree."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from opp_docs import filling
from opp_docs.compiled import CompiledFill, DeclinedError
from opp_docs.errors import Problem
from opp_docs.example import example_plan
from opp_docs.mapping import Mapping, default_mapping, load_mapping
from opp_docs.model import OPP, Domein, Evaluatie, EvaluatieSoort, Handelingsdeel, Handelingsdoel
from opp_docs.writing import Report
from tests import variant_forms
from tests.control_forms import content_control_form
from tests.strategies import plans


def _main_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def _compiled(
    plan: OPP, template: bytes | Path | None = None, mapping: Mapping | None = None
) -> tuple[bytes, list[Problem]] | None:
    """The compiled fill's main part and problems, ``None`` when it declines."""
    used = mapping or default_mapping()
    prepared = filling._prepare(template)
    assert prepared.skeleton is not None
    places = prepared.places_for(used)
    compiled = CompiledFill(places, prepared.skeleton, prepared.ids)
    report = Report(used, prepared.file)
    try:
        return compiled.fill(plan, report), report.problems
    except DeclinedError:
        return None


def _dom(
    plan: OPP, template: bytes | Path | None = None, mapping: Mapping | None = None
) -> tuple[bytes, list[Problem]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(filling, "COMPILED", False)
        data, problems = filling.fill_what_fits(plan, template, mapping)
    return _main_part(data), problems


def test_the_example_is_compiled_and_written_as_the_tree_writes_it() -> None:
    plan = example_plan()
    compiled = _compiled(plan)
    assert compiled is not None, "the bundled form needs no tree for the example"
    assert compiled == _dom(plan)
    assert filling.fill(plan) == filling.fill(plan)  # (fill itself takes the compiled path)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans)
def test_every_plan_is_compiled_and_written_as_the_tree_writes_it(plan: OPP) -> None:
    """On the bundled form every plan is compiled (none declined: else this would compare
    nothing), to the DOM writer's bytes and problems."""
    compiled = _compiled(plan)
    assert compiled is not None
    assert compiled == _dom(plan)


def test_copied_tables_and_rows_are_written_as_the_tree_writes_them() -> None:
    """More evaluations and goals than the form prints: tables copied, numbered on, rows
    added in copies."""
    plan = example_plan()
    evaluations = [
        Evaluatie(soort=soort, datum=None, terugblik=f"Terugblik {n}\nregel 2")
        for n, soort in enumerate([EvaluatieSoort.TUSSENEVALUATIE] * 5 + list(EvaluatieSoort))
    ]
    goals = [
        Handelingsdoel(domein=domain, beoogd_resultaat=f"Doel {n}")
        for n, domain in enumerate([Domein.COGNITIEF] * 4 + list(Domein) * 2)
    ]
    data = plan.model_dump()
    data["evaluaties"] = [e.model_dump() for e in evaluations] + data["evaluaties"]
    data["handelingsdeel"] = Handelingsdeel(doelen=goals).model_dump()
    plan = OPP.model_validate(data)
    compiled = _compiled(plan)
    assert compiled is not None
    assert compiled == _dom(plan)
    assert compiled[0].count(b"Tussenevaluatie") > _dom(example_plan())[0].count(b"Tussenevaluatie")


def _forms(template: bytes, folder: Path) -> Iterator[tuple[str, bytes, Mapping | None, bool]]:
    """(name, form, mapping, compiled or not) for the variant forms of the tests."""

    def mapping(text: str, name: str) -> Mapping:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return load_mapping(path)

    yield "bundled", template, None, True
    yield (
        "renamed",
        variant_forms.renamed_form(template),
        mapping(variant_forms.renamed_mapping(), "renamed.toml"),
        True,
    )
    # The bundled mapping on the renamed form: missing rows, tables and options reported.
    yield "renamed, bundled mapping", variant_forms.renamed_form(template), None, True
    yield "row headings", variant_forms.row_heading_form(template), None, True
    yield "nested", variant_forms.nested_form(template), None, False
    yield (
        "label paragraphs",
        variant_forms.label_paragraph_form(template),
        mapping(variant_forms.label_paragraph_mapping(), "labels.toml"),
        False,
    )
    yield "control after an option", variant_forms.after_option_control_form(template), None, False
    yield "content controls", content_control_form(template), None, False


def test_every_variant_form_is_filled_alike_compiled_or_not(
    template_path: Path, tmp_path: Path
) -> None:
    """Each variant form either compiles to the tree's bytes and problems, or declines (a
    nested table, a label paragraph, a control): the declining ones are named, so a form that
    stops compiling (or starts) is noticed."""
    plan = example_plan()
    seen: dict[str, bool] = {}
    for name, form, mapping, _ in _forms(template_path.read_bytes(), tmp_path):
        compiled = _compiled(plan, form, mapping)
        seen[name] = compiled is not None
        if compiled is not None:
            assert compiled == _dom(plan, form, mapping), name
        with_problems = filling.fill_what_fits(plan, form, mapping)
        assert (_main_part(with_problems[0]), with_problems[1]) == _dom(plan, form, mapping)
    expected = {name: used for name, _, _, used in _forms(template_path.read_bytes(), tmp_path)}
    assert seen == expected
    assert not all(seen.values()) and any(seen.values())


@pytest.fixture(scope="module")
def renamed(template_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Mapping]:
    path = tmp_path_factory.mktemp("compiled") / "renamed.toml"
    path.write_text(variant_forms.renamed_mapping(), encoding="utf-8")
    return variant_forms.renamed_form(template_path.read_bytes()), load_mapping(path)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans)
def test_plans_on_a_renamed_form_are_written_alike(
    renamed: tuple[bytes, Mapping], plan: OPP
) -> None:
    form, mapping = renamed
    compiled = _compiled(plan, form, mapping)
    assert compiled is not None
    assert compiled == _dom(plan, form, mapping)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans)
def test_plans_on_the_content_control_form_are_written_alike(
    template_path: Path, plan: OPP
) -> None:
    """The compiled fill declines what it has no recipe for; fill's output is the tree's."""
    form = _control_form(template_path)
    data, problems = filling.fill_what_fits(plan, form)
    assert (_main_part(data), problems) == _dom(plan, form)


_CONTROL_FORMS: dict[Path, bytes] = {}


def _control_form(template_path: Path) -> bytes:
    if template_path not in _CONTROL_FORMS:
        _CONTROL_FORMS[template_path] = content_control_form(template_path.read_bytes())
    return _CONTROL_FORMS[template_path]


@pytest.fixture
def compiled_calls(monkeypatch: pytest.MonkeyPatch) -> list[OPP]:
    """The plans the compiled fill writes, from now on in this test."""
    calls: list[OPP] = []
    original: Callable[..., bytes] = CompiledFill.fill

    def counting(self: CompiledFill, plan: OPP, report: Report) -> bytes:
        calls.append(plan)
        return original(self, plan, report)

    monkeypatch.setattr(CompiledFill, "fill", counting)
    return calls


def test_fill_uses_the_compiled_fill(compiled_calls: list[OPP]) -> None:
    """fill takes the compiled path when it can (a broken recipe shows in fill's bytes)."""
    plan = example_plan()
    before = filling.fill(plan)  # the tree's, if it is this process's first form
    compiled_calls.clear()
    assert filling.fill(plan) == before
    assert compiled_calls == [plan]


def test_the_first_form_goes_through_the_tree_and_the_next_are_compiled(
    compiled_calls: list[OPP],
) -> None:
    """The compiled fill starts at the second form of a template and mapping (its recipes
    make a first form slower than the tree does); both give the same bytes."""
    mapping = load_mapping()  # an object of its own: answers and a compiled fill of its own
    plan = example_plan()
    first = filling.fill(plan, None, mapping)
    assert compiled_calls == []
    assert filling.fill(plan, None, mapping) == first
    assert compiled_calls == [plan]


def test_after_prepare_template_the_first_form_is_compiled(
    compiled_calls: list[OPP],
) -> None:
    """A bulk job prepares the template first: its first form is compiled already."""
    mapping = load_mapping()
    plan = example_plan()
    filling.prepare_template(None, mapping)
    filling.fill(plan, None, mapping)
    assert compiled_calls == [plan]

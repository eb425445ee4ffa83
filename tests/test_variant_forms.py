"""Forms of another shape, each with its own mapping: mapping check passes, the example plan
round-trips with no difference, and the bundled mapping on that form does not (so each test
can fail)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from opp_docs.errors import OppError
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.inspect import inspect_form
from opp_docs.mapping import load_mapping
from opp_docs.mapping.check import check_mapping
from opp_docs.parsing import parse
from tests.variant_forms import renamed_form, renamed_mapping


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

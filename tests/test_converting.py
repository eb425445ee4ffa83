"""A filled plan carried into another form: what fits is written, what does not is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from opp_docs.cli import main
from opp_docs.converting import convert
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.parsing import parse
from tests.variant_forms import (
    label_paragraph_form,
    label_paragraph_mapping,
    mapping_text,
    nested_form,
    renamed_form,
    renamed_mapping,
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_into_forms_of_other_shapes_nothing_is_lost(template_path: Path, tmp_path: Path) -> None:
    plan = example_plan()
    old = fill(plan)
    bundled = template_path.read_bytes()
    targets = [
        (renamed_form(bundled), _write(tmp_path, "hernoemd.toml", renamed_mapping())),
        (label_paragraph_form(bundled), _write(tmp_path, "alinea.toml", label_paragraph_mapping())),
        (nested_form(bundled), None),
    ]
    for form, mapping in targets:
        result = convert(old, template=form, mapping=mapping)
        assert result.problems == []
        assert parse(result.data, mapping).plan == plan


def test_a_field_the_new_form_lacks_is_named_once(template_path: Path, tmp_path: Path) -> None:
    plan = example_plan()
    text = mapping_text({})
    for block in (
        '[[fields]]\npath = "handelingsdeel.zienswijze"\n',
        '[[rows]]\npath = "aanvraag.ondertekening"\n',
    ):
        start = text.index(block)
        end = text.index("\n\n", start)
        text = text[:start] + text[end + 2 :]
    mapping = _write(tmp_path, "kleiner.toml", text)
    result = convert(fill(plan), template=template_path, mapping=mapping)
    lost = [(p.code, p.location.path) for p in result.problems]
    assert lost == [
        ("omzetten.geen_plaats", ("handelingsdeel", "zienswijze")),
        ("omzetten.geen_plaats", ("aanvraag", "ondertekening")),
    ]
    assert result.problems[0].location.label == "Zienswijze ouder(s)/verzorger(s) en leerling"
    assert plan.handelingsdeel.zienswijze is not None
    # The message never holds the value itself.
    assert plan.handelingsdeel.zienswijze not in result.problems[0].message
    # Everything else came along.
    back = parse(result.data, mapping).plan
    assert back.leerling == plan.leerling and back.evaluaties == plan.evaluaties


def test_opp_omzetten(
    template_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = example_plan()
    old = tmp_path / "oud.docx"
    old.write_bytes(fill(plan))
    form = tmp_path / "nieuw-formulier.docx"
    form.write_bytes(renamed_form(template_path.read_bytes()))
    mapping = _write(tmp_path, "nieuw.toml", renamed_mapping())
    new = tmp_path / "nieuw.docx"
    argv = ["omzetten", str(old), "-o", str(new), "--naar-formulier", str(form)]
    assert main([*argv, "--naar-mapping", str(mapping)]) == 0
    assert parse(new.read_bytes(), mapping).plan == plan
    assert "Geschreven" in capsys.readouterr().err
    # Not over an existing file unless asked; without the new mapping, meldingen (exit 1).
    assert main([*argv, "--naar-mapping", str(mapping)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert main([*argv, "--overschrijven"]) == 1
    assert "omzetten.geen_plaats" in capsys.readouterr().err

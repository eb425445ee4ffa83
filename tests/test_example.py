"""`opp example`: complete, realistic, valid against the model and the printed schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from opp_docs.cli import main
from opp_docs.example import example_plan
from opp_docs.model import OPP, ROLLEN_ONDERTEKENING, Arrangement, EvaluatieSoort


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_example_is_model_dump_and_validates(capsys: pytest.CaptureFixture[str]) -> None:
    data = _run(capsys, "example")
    assert data == example_plan().model_dump(mode="json")
    assert OPP.model_validate(data) == example_plan()


def test_example_validates_against_the_printed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    schema = _run(capsys, "schema")
    data = _run(capsys, "example")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(data)) == []
    # The schema can say no: a wrong option and a non-date are refused.
    data["ontwikkelingsperspectief"]["uitstroomprofiel"] = "Gymnasium"
    data["datum"] = "31-02-2024"
    assert len(list(validator.iter_errors(data))) == 2


def _empty_leaves(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _empty_leaves(item, f"{path}.{key}")]
    if isinstance(value, list):
        if not value:
            return [path]
        return [p for i, item in enumerate(value) for p in _empty_leaves(item, f"{path}[{i}]")]
    return [path] if value is None else []


def test_example_is_complete() -> None:
    plan = example_plan()
    empty = _empty_leaves(plan.model_dump(mode="json"))
    # Only what does not apply stays empty: support needs on three domains, a frequency, the
    # "anders" of the looptijd, the explanation of attached bijlagen and of "Nee" bijstellingen.
    allowed = (
        ".ondersteuningsbehoefte",
        ".periode.frequentie",
        ".aanvraag.looptijd_anders",
        ".toelichting",
        ".bijstelling_toelichting",
    )
    assert [p for p in empty if not p.endswith(allowed)] == []
    assert len({d.domein for d in plan.handelingsdeel.doelen}) >= 2
    assert len(plan.handelingsdeel.doelen) >= 2
    assert len(plan.evaluaties) == 4
    assert plan.evaluaties[-1].soort is EvaluatieSoort.EINDEVALUATIE
    assert len(plan.ondertekening) > len(ROLLEN_ONDERTEKENING)
    assert plan.aanvraag.arrangement is Arrangement.TLV_VSO
    assert plan.aanvraag.bijlagen

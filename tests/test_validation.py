"""Pydantic errors become Dutch problems with a code, a label and a model path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opp_docs.errors import FileError, InvalidPlanError, Location, OppError
from opp_docs.planfile import load_plan, plan_to_json
from opp_docs.validation import field_title, validate_plan


def test_all_problems_at_once_with_label_and_path() -> None:
    data = {
        "datum": "31-02-2024",
        "leerling": {"leerjaar": 9, "geboortedatum": "morgen"},
        "ontwikkelingsperspectief": {"uitstroomprofiel": "Gymnasium"},
    }
    with pytest.raises(InvalidPlanError) as info:
        validate_plan(data, Location(file="plan.json"))
    problems = {p.location.path: p for p in info.value.problems}
    assert set(problems) == {
        ("datum",),
        ("leerling", "leerjaar"),
        ("leerling", "geboortedatum"),
        ("ontwikkelingsperspectief", "uitstroomprofiel"),
    }
    enum = problems[("ontwikkelingsperspectief", "uitstroomprofiel")]
    assert enum.code == "waarde.enum"
    assert enum.location.label == "Verwacht uitstroomprofiel"
    assert enum.location.file == "plan.json"
    assert "HAVO" in enum.message  # the choices are listed
    assert enum.input == "Gymnasium"
    assert problems[("leerling", "leerjaar")].code == "waarde.less_than_equal"
    assert "Gymnasium" not in str(info.value)  # content stays out of the message text


def test_field_titles_follow_nested_paths() -> None:
    assert field_title(("leerling", "naam")) == "Naam leerling"
    assert field_title(("evaluaties", 2, "datum_volgende_evaluatie")) == "Datum volgende evaluatie"
    assert field_title(("aanvraag", "motivering", "wat_is_er_nodig")) == (
        "Wat is er nu nodig en voor hoeveel jaar?"
    )
    assert field_title(("nergens",)) is None


def test_unknown_error_types_keep_the_english_text() -> None:
    with pytest.raises(InvalidPlanError) as info:
        validate_plan({"evaluaties": "geen lijst"})
    assert info.value.code == "waarde.list_type"


def test_load_plan_round_trip_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "plan.json"
    good.write_text(plan_to_json(validate_plan({"leerling": {"naam": "X"}})), encoding="utf-8")
    assert load_plan(good).leerling.naam == "X"

    broken = tmp_path / "kapot.json"
    broken.write_text('{"leerling": ', encoding="utf-8")
    with pytest.raises(FileError) as info:
        load_plan(broken)
    assert info.value.code == "json.ongeldig"

    listing = tmp_path / "lijst.json"
    listing.write_text(json.dumps([1]), encoding="utf-8")
    with pytest.raises(FileError) as info:
        load_plan(listing)
    assert info.value.code == "json.geen_plan"

    with pytest.raises(FileError) as info:
        load_plan(tmp_path / "bestaat-niet.json")
    assert info.value.code == "bestand.niet_gevonden"


def test_validate_plan_gives_a_dutch_opp_error_for_a_date_that_does_not_exist() -> None:
    with pytest.raises(OppError) as info:
        validate_plan({"leerling": {"geboortedatum": "31-02-2010"}})
    (problem,) = info.value.problems
    assert problem.code == "waarde.date_parsing"
    assert problem.location.path == ("leerling", "geboortedatum")
    assert validate_plan({"leerling": {"geboortedatum": "03-05-2010"}}).leerling.geboortedatum


def test_a_date_that_does_not_exist_is_told_from_no_date() -> None:
    messages = {}
    for text in ("31-02-2010", "morgen"):
        with pytest.raises(InvalidPlanError) as info:
            validate_plan({"leerling": {"geboortedatum": text}})
        (problem,) = info.value.problems
        assert problem.code == "waarde.date_parsing"  # one code: the value is no date
        messages[text] = problem.message
    assert messages["31-02-2010"] != messages["morgen"]
    assert "28" in messages["31-02-2010"]  # the days february 2010 has


def test_an_error_sent_between_processes_keeps_its_class_problems_and_text() -> None:
    import pickle

    from opp_docs.errors import InputError, Location, Problem

    error = InputError(Problem("excel.voorbeeld", "Een Nederlandse melding.", Location(row=3)))
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InputError
    assert again.problems == error.problems
    assert str(again) == str(error)

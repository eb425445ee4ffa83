"""The mapping file: its schema, the check against the model, and the bundled mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from opp_docs.errors import TemplateError
from opp_docs.mapping import load_mapping, resolve
from opp_docs.model import Domein, Periode


def _write(tmp_path: Path, repo: Path, old: str, new: str) -> Path:
    text = (repo / "mappings" / "OPP_2024-2025.toml").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "m.toml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_bundled_mapping_loads() -> None:
    mapping = load_mapping()
    assert mapping.name == "OPP 2024-2025"
    assert {entry.path for entry in mapping.fields} >= {"datum", "leerling.naam", "acta_checklist"}


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('path = "leerling.naam"', 'path = "leerling.voornaam"', "mapping.pad_onbekend"),
        ('section = "A"\nlabel = "Klas"', 'section = "Q"\nlabel = "Klas"', "mapping.ongeldig"),
        ('key = "domein"', 'key = "domeinnaam"', "mapping.ongeldig"),
        (
            'option = "Ouder(s)/verzorger(s) stemmen in met het handelingsdeel"\n',
            "\n",
            "mapping.soort",
        ),
        ("name = ", "naam = ", "mapping.ongeldig"),
        ("[sections]", "[sections", "mapping.onleesbaar"),
    ],
)
def test_broken_mappings_are_refused_with_a_code(
    tmp_path: Path, repo: Path, old: str, new: str, code: str
) -> None:
    with pytest.raises(TemplateError) as info:
        load_mapping(_write(tmp_path, repo, old, new))
    assert code in {p.code for p in info.value.problems}
    assert all(p.location.file and p.location.file.endswith("m.toml") for p in info.value.problems)


def test_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        load_mapping(tmp_path / "nergens.toml")
    assert info.value.code == "mapping.niet_gevonden"


def test_resolve_kinds() -> None:
    assert resolve("leerling.naam") is not None
    slots = {
        path: resolve(path)
        for path in (
            "leerling.naam",
            "leerling.geboortedatum",
            "leerling.leerjaar",
            "handelingsdeel.instemming_ouders",
            "ontwikkelingsperspectief.uitstroomprofiel",
            "ontwikkelingsperspectief.vervolgtrajecten",
            "handelingsdeel.doelen",
            "aanvraag.motivering",
        )
    }
    kinds = [slot.kind if slot else None for slot in slots.values()]
    assert kinds == ["text", "date", "int", "bool", "choice", "multi", "items", "composite"]
    doelen = slots["handelingsdeel.doelen"]
    assert doelen is not None and doelen.model is not None
    domein = resolve("domein", doelen.model)
    assert domein is not None and domein.enum is Domein
    periode = resolve("periode", doelen.model)
    assert periode is not None and periode.model is Periode
    assert resolve("leerling.bsn") is None


def test_schema_errors_name_the_entry_from_one_and_by_its_path(tmp_path: Path, repo: Path) -> None:
    target = _write(tmp_path, repo, 'path = "leerling.naam"', 'path = "leerling.naam"\nlabl = "x"')
    with pytest.raises(TemplateError) as info:
        load_mapping(target)
    (problem,) = info.value.problems
    assert problem.code == "mapping.ongeldig"
    assert problem.location.path == ("fields", 4, "labl")  # pydantic's place, 0-based
    # the message counts from 1 and names the entry by what it maps
    assert "veld 5" in problem.message and "'leerling.naam'" in problem.message
    assert "'labl'" in problem.message

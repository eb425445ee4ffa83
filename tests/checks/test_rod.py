"""ROD: start and end date for a regular school, not for praktijkonderwijs or VSO."""

from __future__ import annotations

import pytest

from opp_docs.checks.rod import rod_required
from opp_docs.example import example_plan
from opp_docs.model import Uitstroomprofiel

from .helpers import check, places


@pytest.mark.parametrize(
    ("niveau", "school", "profiel", "required"),
    [
        ("VMBO kader", "Voorbeeldcollege", Uitstroomprofiel.VMBO_KL, True),
        ("Praktijkonderwijs", "Voorbeeldcollege", Uitstroomprofiel.PRAKTIJKONDERWIJS, False),
        ("PrO leerjaar 2", None, None, False),
        (None, "VSO De Voorbeeldschool", None, False),
        ("voortgezet speciaal onderwijs", None, Uitstroomprofiel.VMBO_BL, False),
        # Only when the student's current school says nothing does the profile decide.
        (None, None, Uitstroomprofiel.VSO_ARBEIDSMARKT, False),
        ("VMBO basis", None, Uitstroomprofiel.VSO_ARBEIDSMARKT, True),
        (None, None, None, True),
        ("Produceren, installeren en energie", None, None, True),  # "Pro" inside a word
    ],
)
def test_which_school_registers_in_rod(
    niveau: str | None, school: str | None, profiel: Uitstroomprofiel | None, required: bool
) -> None:
    plan = example_plan()
    plan.leerling.niveau_afdeling = niveau
    plan.leerling.school_en_locatie = school
    plan.ontwikkelingsperspectief.uitstroomprofiel = profiel
    assert rod_required(plan) is required


def test_praktijkonderwijs_needs_no_rod_dates() -> None:
    plan = example_plan()
    plan.leerling.niveau_afdeling = "Praktijkonderwijs"
    plan.startdatum_opp = None
    plan.einddatum_opp = None
    assert places(check(plan), "rod.datum_leeg") == []


def test_regular_school_names_both_missing_dates() -> None:
    plan = example_plan()
    plan.startdatum_opp = None
    plan.einddatum_opp = None
    assert places(check(plan), "rod.datum_leeg") == [("startdatum_opp",), ("einddatum_opp",)]

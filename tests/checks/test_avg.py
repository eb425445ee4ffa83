"""AVG: text that looks like a BSN, an e-mail address, a phone number or an address."""

from __future__ import annotations

import pytest

from opp_docs.checks.avg import find_personal_data, is_bsn
from opp_docs.example import example_plan

from .helpers import check


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("BSN 111222333", "avg.bsn"),
        ("bsn: 1112.22.333", "avg.bsn"),
        ("nummer 111 222 333.", "avg.bsn"),
        ("mail noor.vdberg+school@example.nl graag", "avg.email"),
        ("Bel 06-12345678", "avg.telefoon"),
        ("bel 0612345678", "avg.telefoon"),
        ("tel. 0174 123456", "avg.telefoon"),
        ("tel. 010-1234567", "avg.telefoon"),
        ("(0174) 123456", "avg.telefoon"),
        ("+31 6 12345678", "avg.telefoon"),
        ("0031612345678", "avg.telefoon"),
        ("Hoofdstraat 12", "avg.adres"),
        ("Van der Lelijstraat 5a, Naaldwijk", "avg.adres"),
        ("Laan van Koot? nee: Koningin Julianaweg 103", "avg.adres"),
        ("2671 AB Naaldwijk", "avg.adres"),
    ],
)
def test_personal_data_is_found(text: str, code: str) -> None:
    assert code in {rule.code for rule, _ in find_personal_data(text)}


@pytest.mark.parametrize(
    "text",
    [
        "leerlingnummer 240117",
        "BSN 111222334",  # fails the elfproef
        "000000000",
        "1234567890",  # ten digits
        "VOBL afgenomen op 12-09-2024",
        "Van 01/10/2024 t/m 31/12/2024, 25% extra tijd",
        "Geef toetsen vergroot (Arial 12)",
        "in 2024 VSO-aanvraag, leerjaar 3",
        "de weg 3 keer per week",
        "bereikbaar via de mentor",
        "noor at example dot nl",
        "score 0612345",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert find_personal_data(text) == []


def test_elfproef() -> None:
    assert is_bsn("111222333")
    assert is_bsn("123456782")
    assert not is_bsn("123456789")
    assert not is_bsn("12345678")


def test_the_message_names_the_field_not_the_content() -> None:
    plan = example_plan()
    plan.factoren.samenvattende_analyse = "Moeder is bereikbaar op 06-12345678."
    [finding] = [f for f in check(plan) if f.code == "avg.telefoon"]
    assert finding.path == ("factoren", "samenvattende_analyse")
    assert "Samenvattende analyse" in finding.message
    assert "12345678" not in finding.message
    assert finding.input == "06-12345678"


def test_the_example_plan_has_no_personal_data() -> None:
    assert not [f for f in check(example_plan()) if f.code.startswith("avg.")]

"""Both companion documents render for the example plan and every plan of the demo workbook,
and hold every value they promise (and, for the handelingswijzer, nothing more)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from opp_docs.companion import KINDS, build_context, next_evaluation, render
from opp_docs.companion.context import HELPERS, format_datum, text_lines
from opp_docs.errors import InvalidTextError
from opp_docs.example import example_plan
from opp_docs.excel.read import read_workbook
from opp_docs.formats import format_date
from opp_docs.model import (
    OPP,
    Domein,
    DomeinFactoren,
    Evaluatie,
    EvaluatieSoort,
    Factoren,
    Handelingsdeel,
    Leerling,
    Ouder,
)
from tests.companion.helpers import document_text

TODAY = date(2025, 2, 1)
DISCUSSED = ("Terugblik", "Vervolgacties", "Bijstelling", "Ondertekening", "volgende evaluatie")


def _workbook_plans(repo: Path) -> list[OPP]:
    result = read_workbook(repo / "examples" / "leerlingen.xlsx")
    assert len(result.plans) > 20
    return [item.plan for item in result.plans]


def _lines(text: str | None) -> list[str]:
    return [] if text is None else text_lines(text)


def _assert_handelingswijzer(plan: OPP, text: str) -> None:
    leerling = plan.leerling
    for value in (leerling.naam, leerling.klas, leerling.mentor):
        if value is not None:
            assert value in text
    for line in _lines(plan.handelingsadviezen):
        assert line in text
    for row in plan.factoren.domeinen:
        shown = row.stimulerend is not None or row.ondersteuningsbehoefte is not None
        assert (row.domein.value in text) == shown
        for value in (row.stimulerend, row.ondersteuningsbehoefte):
            for line in (value or "").split("\n"):
                assert line in text
        if row.belemmerend is not None:
            assert row.belemmerend not in text
    # Nothing a teacher does not need.
    if leerling.geboortedatum is not None:
        assert format_date(leerling.geboortedatum) not in text
    for ouder in leerling.ouders:
        assert ouder.naam is None or ouder.naam not in text
    if leerling.leerlingnummer is not None:
        assert leerling.leerlingnummer not in text
    for value in (plan.factoren.samenvattende_analyse, plan.factoren.uitkomsten_vobl):
        assert value is None or value not in text
    assert "None" not in text


def _assert_uitnodiging(plan: OPP, text: str, today: date) -> None:
    leerling = plan.leerling
    for value in (leerling.naam, leerling.klas, leerling.ondersteuningscoordinator):
        if value is not None:
            assert value in text
    following = next_evaluation(plan, today)
    if following.datum is not None:
        assert format_date(following.datum) in text
    assert following.omschrijving in text
    assert format_date(today) in text
    for line in ("Datum", "Tijd", "Plaats"):
        assert f"\n{line}\n" in text
    for point in DISCUSSED:
        assert point in text
    for ouder in leerling.ouders:
        assert ouder.naam is None or ouder.naam in text
    assert "None" not in text


def test_handelingswijzer_of_the_example_plan() -> None:
    plan = example_plan()
    text = document_text(render("handelingswijzer", plan, today=TODAY))
    _assert_handelingswijzer(plan, text)
    assert "Voorleessoftware, vergrote toetsen en 25% extra tijd bij toetsen." in text
    assert "Kondig wijzigingen in het rooster of de toets vooraf aan." in text
    assert "- Kondig" not in text  # the list marks became bullets
    assert "Dyslexie" not in text  # a belemmerende factor: a diagnosis


def test_uitnodiging_of_the_example_plan() -> None:
    plan = example_plan()
    text = document_text(render("uitnodiging", plan, today=TODAY))
    _assert_uitnodiging(plan, text, TODAY)
    assert "18-02-2025" in text and "tussenevaluatie" in text
    for name in ("Fatima Oulad Ali, schoolondersteuner", "Koen Vermeulen, jeugdconsulent"):
        assert name in text
    assert "Marieke de Groot\nOndersteuningscoördinator" in text


def test_every_plan_of_the_demo_workbook(repo: Path) -> None:
    for plan in _workbook_plans(repo):
        _assert_handelingswijzer(plan, document_text(render("handelingswijzer", plan, today=TODAY)))
        _assert_uitnodiging(plan, document_text(render("uitnodiging", plan, today=TODAY)), TODAY)


def test_an_empty_plan_renders_without_none() -> None:
    for kind in KINDS:
        text = document_text(render(kind, OPP(), today=TODAY))
        assert "None" not in text
    assert "geen handelingsadviezen" in document_text(render("handelingswijzer", OPP()))


def test_xml_specials_newlines_and_tabs_are_kept() -> None:
    plan = OPP(
        leerling=Leerling(naam='Jan <&> "Tom" O\'Neil', klas="2\tA", mentor="A & B"),
        handelingsadviezen="Regel één <b>\n\n  * Regel twee & drie",
        factoren=Factoren(
            domeinen=[DomeinFactoren(domein=Domein.GEDRAG, stimulerend="Eerst\nDaarna")]
        ),
    )
    text = document_text(render("handelingswijzer", plan, today=TODAY))
    assert 'Jan <&> "Tom" O\'Neil' in text
    assert "2\tA" in text
    assert "Regel één <b>" in text and "Regel twee & drie" in text
    assert "Eerst\nDaarna" in text


def test_a_character_xml_cannot_hold_is_refused_with_its_field() -> None:
    plan = OPP(leerling=Leerling(naam="Noor\x01"))
    with pytest.raises(InvalidTextError) as info:
        render("handelingswijzer", plan, today=TODAY)
    assert info.value.code == "tekst.ongeldig_teken"
    assert info.value.problems[0].location.path == ("leerling", "naam")


# ------------------------------------------------------------------ the context's helpers


def test_context_is_the_plan_dump_plus_the_helpers() -> None:
    plan = example_plan()
    context = build_context(plan, today=TODAY)
    dump = plan.model_dump(mode="json")
    assert {key: context[key] for key in dump} == dump
    assert set(context) - set(dump) == set(HELPERS)


def _evaluatie(day: date | None, following: date | None = None, **kwargs: object) -> Evaluatie:
    return Evaluatie(datum=day, datum_volgende_evaluatie=following, aanwezig="x", **kwargs)  # type: ignore[arg-type]


def test_next_evaluation_rule() -> None:
    first = date(2024, 12, 10)
    plan = OPP(handelingsdeel=Handelingsdeel(datum_eerste_tussenevaluatie=first))
    # 3. no evaluation yet: the agreed first tussenevaluatie
    assert next_evaluation(plan, TODAY).datum == first
    assert next_evaluation(plan, TODAY).soort is EvaluatieSoort.TUSSENEVALUATIE
    # 4. nothing known
    assert next_evaluation(OPP(), TODAY).datum is None
    assert next_evaluation(OPP(), TODAY).omschrijving == "evaluatie"
    # 2. all held: the next date the last one agreed
    plan.evaluaties = [
        _evaluatie(date(2024, 12, 10), date(2025, 2, 18)),
        _evaluatie(date(2025, 1, 14), date(2025, 3, 20)),
    ]
    assert next_evaluation(plan, TODAY) == next_evaluation(plan, date(2025, 1, 15))
    assert next_evaluation(plan, TODAY).datum == date(2025, 3, 20)
    assert next_evaluation(plan, TODAY).soort is None
    # 1. one still to come (today counts): that one, with its kind
    plan.evaluaties = [
        *plan.evaluaties,
        _evaluatie(date(2025, 6, 24), soort=EvaluatieSoort.EINDEVALUATIE),
    ]
    assert next_evaluation(plan, date(2025, 6, 24)).datum == date(2025, 6, 24)
    assert next_evaluation(plan, TODAY).omschrijving == "eindevaluatie"
    assert next_evaluation(plan, date(2025, 1, 1)).datum == date(2025, 1, 14)
    # an evaluation without a date is skipped
    plan.evaluaties = [_evaluatie(None, date(2025, 9, 1)), *plan.evaluaties[:2]]
    assert next_evaluation(plan, TODAY).datum == date(2025, 3, 20)


def test_genodigden() -> None:
    context = build_context(example_plan(), today=TODAY)
    assert [(g["naam"], g["rol"]) for g in context["genodigden"]] == [
        ("Noor Elisabeth van den Berg (Noor)", "leerling"),
        ("Sanne van den Berg", "moeder"),
        ("Erik van den Berg", "vader"),
        ("Jeroen Bakker", "mentor"),
        ("Fatima Oulad Ali", "schoolondersteuner"),
        ("Koen Vermeulen", "jeugdconsulent gemeente"),
    ]
    plan = OPP(
        leerling=Leerling(
            naam="Sem", mentor="Sem", ouders=[Ouder(naam="Anna"), Ouder(relatie="vader")]
        )
    )
    assert build_context(plan, today=TODAY)["genodigden"] == [
        {"naam": "Sem", "rol": "leerling"},
        {"naam": "Anna", "rol": "ouder/verzorger"},
    ]


def test_filters() -> None:
    assert format_datum("2024-10-01") == "01-10-2024"
    assert format_datum(date(2024, 10, 1)) == "01-10-2024"
    assert format_datum(None) == ""
    assert format_datum("begin oktober") == "begin oktober"
    assert text_lines("- een\n\n* twee\n• drie\n1. vier\n-5 graden") == [
        "een",
        "twee",
        "drie",
        "vier",
        "-5 graden",
    ]
    assert text_lines(None) == []

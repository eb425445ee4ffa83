"""The OPP model: optional everywhere, blank items dropped, form order kept, no extra data."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from pydantic import BaseModel, ValidationError

from opp_docs.model import (
    OPP,
    Aanvraag,
    Bijlage,
    Domein,
    DomeinFactoren,
    Evaluatie,
    EvaluatieSoort,
    Factoren,
    Handelingsdeel,
    Handelingsdoel,
    Leerling,
    Ondertekening,
    Ontwikkelingsperspectief,
    Ouder,
    Periode,
    Vervolgtraject,
)


def _all_models(model: type[BaseModel]) -> set[type[BaseModel]]:
    seen = {model}
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
            if is_model and annotation not in seen:
                seen |= _all_models(cast("type[BaseModel]", annotation))
            stack.extend(getattr(annotation, "__args__", ()))
    return seen


def test_an_empty_plan_is_valid() -> None:
    plan = OPP()
    assert plan.leerling.naam is None
    assert plan.evaluaties == []
    assert not plan.aanvraag.ingevuld


def test_every_field_has_a_printed_title() -> None:
    for model in _all_models(OPP):
        for name, info in model.model_fields.items():
            assert info.title, f"{model.__name__}.{name} has no title"


@pytest.mark.parametrize("word", ["bsn", "burgerservice", "adres", "telefoon", "email", "mail"])
def test_no_field_for_data_the_plan_must_not_hold(word: str) -> None:
    for model in _all_models(OPP):
        for name in model.model_fields:
            assert word not in name.lower(), f"{model.__name__}.{name}"


def test_empty_text_is_none_but_spaces_are_kept() -> None:
    leerling = Leerling(naam="", klas="  3B ", mentor="\tJan\n")
    assert leerling.naam is None
    assert leerling.klas == "  3B "
    assert leerling.mentor == "\tJan\n"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        OPP.model_validate({"leerling": {"bsn": "123456782"}})
    assert info.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize(("value", "ok"), [(1, True), (6, True), (0, False), (7, False)])
def test_leerjaar_range(value: int, ok: bool) -> None:
    if ok:
        assert Leerling(leerjaar=value).leerjaar == value
    else:
        with pytest.raises(ValidationError):
            Leerling(leerjaar=value)


def test_blank_items_are_dropped() -> None:
    plan = OPP(
        leerling=Leerling(ouders=[Ouder(), Ouder(naam="A")]),
        ondertekening=[Ondertekening(rol="Mentor"), Ondertekening(rol="Mentor", naam="B")],
        evaluaties=[Evaluatie(soort=EvaluatieSoort.EINDEVALUATIE), Evaluatie(aanwezig="C")],
        handelingsdeel=Handelingsdeel(
            doelen=[
                Handelingsdoel(domein=Domein.GEDRAG),
                Handelingsdoel(domein=Domein.GEDRAG, periode=Periode(van=date(2024, 1, 1))),
            ]
        ),
    )
    assert [o.naam for o in plan.leerling.ouders] == ["A"]
    assert [o.naam for o in plan.ondertekening] == ["B"]
    assert [e.aanwezig for e in plan.evaluaties] == ["C"]
    assert len(plan.handelingsdeel.doelen) == 1


def test_a_signature_box_alone_is_not_blank() -> None:
    plan = OPP(ondertekening=[Ondertekening(rol="Leerling", ondertekend=True)])
    assert len(plan.ondertekening) == 1


def test_domains_follow_the_form_order() -> None:
    factoren = Factoren(
        domeinen=[
            DomeinFactoren(domein=Domein.THUISSITUATIE, stimulerend="x"),
            DomeinFactoren(domein=Domein.COGNITIEF, stimulerend="y"),
        ]
    )
    assert [row.domein for row in factoren.domeinen] == [Domein.COGNITIEF, Domein.THUISSITUATIE]
    deel = Handelingsdeel(
        doelen=[
            Handelingsdoel(domein=Domein.VEILIGHEID, beoogd_resultaat="1"),
            Handelingsdoel(domein=Domein.WERKHOUDING, beoogd_resultaat="2"),
            Handelingsdoel(domein=Domein.VEILIGHEID, beoogd_resultaat="3"),
        ]
    )
    assert [d.beoogd_resultaat for d in deel.doelen] == ["2", "1", "3"]  # stable within domain


def test_a_domain_twice_in_c_is_refused() -> None:
    with pytest.raises(ValidationError, match="meer dan eens"):
        Factoren(
            domeinen=[
                DomeinFactoren(domein=Domein.GEDRAG, stimulerend="a"),
                DomeinFactoren(domein=Domein.GEDRAG, belemmerend="b"),
            ]
        )


def test_vervolgtrajecten_unique_in_form_order() -> None:
    perspectief = Ontwikkelingsperspectief(
        vervolgtrajecten=[Vervolgtraject.HBO, Vervolgtraject.MBO_4, Vervolgtraject.HBO]
    )
    assert perspectief.vervolgtrajecten == [Vervolgtraject.MBO_4, Vervolgtraject.HBO]


def test_option_values_are_printed_labels() -> None:
    assert Domein("Werkhouding") is Domein.WERKHOUDING
    plan = OPP.model_validate({"ontwikkelingsperspectief": {"uitstroomprofiel": "HAVO"}})
    assert plan.model_dump(mode="json")["ontwikkelingsperspectief"]["uitstroomprofiel"] == "HAVO"


def test_dump_and_validate_round_trip() -> None:
    plan = OPP(leerling=Leerling(naam="Ä ĳ & <x>", geboortedatum=date(2010, 2, 28)))
    assert OPP.model_validate(plan.model_dump(mode="json")) == plan
    assert OPP.model_validate_json(plan.model_dump_json()) == plan


def test_nee_is_an_answer_but_an_unticked_box_is_not() -> None:
    aanvraag = Aanvraag(
        bijlagen=[Bijlage(naam="Leerresultaten", bijgevoegd=False), Bijlage(naam="Leeg")]
    )
    assert [b.naam for b in aanvraag.bijlagen] == ["Leerresultaten"]
    plan = OPP(ondertekening=[Ondertekening(rol="Mentor", ondertekend=False)])
    assert plan.ondertekening == []


@pytest.mark.parametrize(
    "text", ["03-05-2010", "3-5-2010", "03/05/2010", "03.05.2010", "2010-05-03", " 03-05-2010 "]
)
def test_a_date_field_takes_the_forms_own_writing(text: str) -> None:
    """A script writes dates as the form prints them; the one date reader of Excel and parse."""
    assert Leerling(geboortedatum=text).geboortedatum == date(2010, 5, 3)  # type: ignore[arg-type]
    assert Leerling(geboortedatum=date(2010, 5, 3)).geboortedatum == date(2010, 5, 3)


@pytest.mark.parametrize("text", ["31-02-2010", "03-05-10", "3 mei 2010", "05/2010"])
def test_a_date_that_is_not_one_is_pydantics_own_validation_error(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Leerling(geboortedatum=text)  # type: ignore[arg-type]
    (error,) = info.value.errors()
    assert error["type"] == "date_parsing" and error["loc"] == ("geboortedatum",)

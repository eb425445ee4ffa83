"""The API's response models; the plan itself is the library's own :class:`~opp_docs.OPP`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from opp_docs.model import OPP
from opp_docs.web.problems import ProblemOut

__all__ = ["BevindingOut", "CheckOut", "ParseOut", "PlanReportOut"]


class ParseOut(BaseModel):
    """A form read back: the plan, and every problem of what could not be placed."""

    plan: OPP
    problems: list[ProblemOut]


class BevindingOut(BaseModel):
    """One finding of a rule of the handreiking (codes in docs/regels.md)."""

    code: str = Field(examples=["deel1.veld_leeg"])
    ernst: str = Field(description="'fout' of 'waarschuwing'")
    bron: str
    onderdeel: str = Field(description="Het onderdeel van het formulier, zoals 'A. Leerling'.")
    melding: str
    label: str | None = None
    pad: str | None = None
    inhoud: Any = None


class PlanReportOut(BaseModel):
    """The check of one plan."""

    bestand: str | None
    rij: int | None
    leerlingnummer: str | None
    naam: str | None
    fouten: int
    waarschuwingen: int
    klaar_voor_acta: bool = Field(description="Geen fout, ook met de regels van de aanvraag.")
    klaar_voor_ouders: bool = Field(
        default=False,
        description="Geen fout in wat ouders lezen en waarmee zij instemmen (A, B, C en F); "
        "ondertekening, instemming, evaluaties en aanvraag volgen daarna.",
    )
    bevindingen: list[BevindingOut]
    meldingen: list[ProblemOut] = Field(description="Wat bij het lezen niet geplaatst kon worden.")


class CheckOut(BaseModel):
    """The checks of every plan read, and the problems of files that gave no plan."""

    plannen: list[PlanReportOut]
    problems: list[ProblemOut]

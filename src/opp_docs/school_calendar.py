"""The school calendar: the Rijksoverheid's school holidays per region, and school days.

The Netherlands has three holiday regions (:class:`Regio`); Westland, and so SWV VO Westland,
is in regio Midden, the default. The dates are the package's data file
``opp_docs/data/schoolvakanties.toml``, with its source (:data:`BRON`) and the school years it
covers (:func:`school_years`). A school year is named by its two calendar years, "2024-2025",
and runs from 1 August to 31 July (the law's *schooljaar*).

    >>> first_school_day(date(2024, 10, 1))
    datetime.date(2024, 8, 26)
    >>> holiday_on(date(2025, 1, 1)).naam
    'kerstvakantie'
    >>> school_day_on_or_before(date(2025, 1, 1))
    datetime.date(2024, 12, 20)

A date beyond the data is answered with ``None`` (:func:`first_school_day`) or ``False``
(:func:`is_known`); the callers fall back to the rules without a calendar and say so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from opp_docs.errors import InputError, Location, Problem
from opp_docs.regions import DEFAULT_REGIO, Regio

__all__ = [
    "BRON",
    "DEFAULT_REGIO",
    "VAKANTIES",
    "Regio",
    "Vakantie",
    "easter_sunday",
    "feestdag_on",
    "first_school_day",
    "holiday_on",
    "is_known",
    "is_school_day",
    "parse_regio",
    "school_day_on_or_before",
    "school_year_of",
    "school_years",
]


VAKANTIES = ("herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie")
"""The holidays the data file holds for every school year and region, in calendar order."""


@dataclass(frozen=True)
class Vakantie:
    """One school holiday of one region: its name and first and last day (inclusive)."""

    naam: str
    schooljaar: str
    eerste_dag: date
    laatste_dag: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.eerste_dag <= day <= self.laatste_dag


@dataclass(frozen=True)
class _Year:
    eerste_schooldag: date
    vakanties: tuple[Vakantie, ...]


@dataclass(frozen=True)
class _Data:
    bron: str
    years: dict[tuple[str, Regio], _Year]


def _load() -> _Data:
    text = resources.files("opp_docs").joinpath("data/schoolvakanties.toml").read_text("utf-8")
    raw: dict[str, Any] = tomllib.loads(text)
    years: dict[tuple[str, Regio], _Year] = {}
    for name, year in raw["schooljaar"].items():
        for regio in Regio:
            entry = year[regio.value]
            vakanties = tuple(
                Vakantie(kind, name, entry[kind][0], entry[kind][1]) for kind in VAKANTIES
            )
            years[name, regio] = _Year(entry["eerste_schooldag"], vakanties)
    return _Data(raw["bron"], years)


@cache
def _data() -> _Data:
    return _load()


BRON = _data().bron
"""The source of the dates, the Rijksoverheid's overview of school holidays per school year."""


def parse_regio(value: Regio | str) -> Regio:
    """``value`` as a :class:`Regio`; an unknown region raises
    :class:`~opp_docs.errors.InputError` (``kalender.regio``).

    >>> parse_regio("Zuid")
    <Regio.ZUID: 'zuid'>
    """
    try:
        return Regio(str(value).strip().lower())
    except ValueError as exc:
        raise InputError(
            Problem(
                "kalender.regio",
                f"'{value}' is geen vakantieregio. Kies 'noord', 'midden' of 'zuid'.",
                Location(label="regio"),
                value,
            )
        ) from exc


def school_year_of(day: date) -> str:
    """The school year ``day`` falls in: "2024-2025" from 1 August 2024 to 31 July 2025."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def school_years() -> list[str]:
    """The school years the data covers, in order."""
    return sorted({name for name, _ in _data().years})


def _previous(name: str) -> str:
    first = int(name[:4]) - 1
    return f"{first}-{first + 1}"


def first_school_day(day: date, regio: Regio | str = DEFAULT_REGIO) -> date | None:
    """The first school day of the school year of ``day`` in ``regio``, or ``None`` if unknown.

    Known for every school year of the data, and for the one after the last: its first school
    day is the Monday after the zomervakantie that ends the last one.
    """
    region = parse_regio(regio)
    name = school_year_of(day)
    years = _data().years
    if (name, region) in years:
        return years[name, region].eerste_schooldag
    before = years.get((_previous(name), region))
    if before is None:
        return None
    after = before.vakanties[-1].laatste_dag + timedelta(days=1)
    return after + timedelta(days=(7 - after.weekday()) % 7)


def holiday_on(day: date, regio: Regio | str = DEFAULT_REGIO) -> Vakantie | None:
    """The holiday of ``regio`` that ``day`` falls in, or ``None``."""
    region = parse_regio(regio)
    for (_, where), year in _data().years.items():
        if where is region:
            for vakantie in year.vakanties:
                if day in vakantie:
                    return vakantie
    return None


def is_known(day: date, regio: Regio | str = DEFAULT_REGIO) -> bool:
    """Whether the data says if ``day`` is a school day: its school year is covered, or it
    falls in a known holiday (the zomervakantie runs into the next school year)."""
    region = parse_regio(regio)
    return (school_year_of(day), region) in _data().years or holiday_on(day, region) is not None


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous algorithm of 1876).

    >>> easter_sunday(2025), easter_sunday(2027)
    (datetime.date(2025, 4, 20), datetime.date(2027, 3, 28))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)


@cache
def _feestdagen(year: int) -> dict[date, str]:
    easter = easter_sunday(year)
    koningsdag = date(year, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday it is kept the day before
        koningsdag = date(year, 4, 26)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        koningsdag: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


def feestdag_on(day: date) -> str | None:
    """The public holiday on ``day`` on which schools are commonly closed, or ``None``.

    The national holidays, with Goede Vrijdag and Bevrijdingsdag, on which many schools are
    closed too (its schoolgids says so); they are computed, not read from the data file.

    >>> feestdag_on(date(2026, 5, 14))
    'Hemelvaartsdag'
    """
    return _feestdagen(day.year).get(day)


def is_school_day(day: date, regio: Regio | str = DEFAULT_REGIO) -> bool:
    """Monday to Friday, in no holiday of ``regio`` and on no public holiday
    (:func:`feestdag_on`)."""
    return day.weekday() < 5 and holiday_on(day, regio) is None and feestdag_on(day) is None


def school_day_on_or_before(day: date, regio: Regio | str = DEFAULT_REGIO) -> date:
    """``day`` if it is a school day, else the last school day before it.

    Beyond the data only weekends and public holidays are skipped (see :func:`is_known`).
    """
    region = parse_regio(regio)
    while not is_school_day(day, region):
        day -= timedelta(days=1)
    return day

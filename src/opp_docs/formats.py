"""How values are printed on the form and read back: dates, numbers, periods.

Dates are printed ``dd-mm-jjjj``. Reading accepts what people type: ``dd-mm-jjjj``,
``d-m-jjjj``, ``dd/mm/jjjj``, ``dd.mm.jjjj`` and ISO ``jjjj-mm-dd``; anything else (a
two-digit year, a month name, an impossible date) is refused, never guessed.

A period (F. Handelingsdeel) is printed as in the handreiking, ``Van 01/10/2024 t/m
31/12/2024``, with the frequency on the next line(s).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

__all__ = [
    "MONTHS",
    "format_date",
    "format_periode",
    "no_such_date",
    "parse_date",
    "parse_int",
    "parse_periode",
]

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
"""The Dutch month names, January first."""

_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}"
_PERIOD = re.compile(rf"(?:van\s+(?P<van>{_DATE}))?\s*(?:t/m\s+(?P<tm>{_DATE}))?", re.IGNORECASE)


def format_date(value: date) -> str:
    """``date(2024, 10, 1)`` -> ``"01-10-2024"``."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def parse_date(text: str) -> date:
    """Read a date as people type it; ValueError when it is not one (no guessing)."""
    stripped = text.strip()
    match = _DMY.fullmatch(stripped)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    match = _ISO.fullmatch(stripped)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(f"not a date: {text!r}")


def parse_int(text: str) -> int:
    """A whole number, surrounding spaces allowed; ValueError otherwise."""
    stripped = text.strip()
    if not re.fullmatch(r"[0-9]+", stripped):
        raise ValueError(f"not a whole number: {text!r}")
    return int(stripped)


def _slash(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _period_line(van: date | None, tot_en_met: date | None) -> str:
    parts = []
    if van is not None:
        parts.append(f"Van {_slash(van)}")
    if tot_en_met is not None:
        parts.append(f"t/m {_slash(tot_en_met)}")
    return " ".join(parts)


def _is_period_line(line: str) -> bool:
    match = _PERIOD.fullmatch(line.strip())
    return bool(match and (match.group("van") or match.group("tm")))


def format_periode(van: date | None, tot_en_met: date | None, frequentie: str | None) -> str:
    """The cell text of a period: the dates line, then the frequency on the next line(s).

    Without dates the frequency stands alone, unless its first line is empty or looks like
    a dates line: then an empty first line keeps it from being read as one.
    """
    line = _period_line(van, tot_en_met)
    if frequentie is None:
        return line
    if line:
        return f"{line}\n{frequentie}"
    first = frequentie.split("\n", 1)[0]
    if not first or _is_period_line(first):
        return f"\n{frequentie}"
    return frequentie


def parse_periode(text: str) -> dict[str, Any]:
    """Read a period cell into ``{"van", "tot_en_met", "frequentie"}`` (strings for dates
    that do not exist are left to the caller's validation, never guessed)."""
    if not text:
        return {}
    first, newline, rest = text.partition("\n")
    result: dict[str, Any] = {}
    match = _PERIOD.fullmatch(first.strip())
    if match and (match.group("van") or match.group("tm")):
        for key, group in (("van", "van"), ("tot_en_met", "tm")):
            raw = match.group(group)
            if raw:
                try:
                    result[key] = parse_date(raw)
                except ValueError:
                    result[key] = raw  # let validation report it, with the raw text
        if newline:
            result["frequentie"] = rest
    elif not first and newline:
        result["frequentie"] = rest
    else:
        result["frequentie"] = text
    return result


_DAY_MONTH_YEAR = re.compile(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*")
_YEAR_MONTH_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*")


def no_such_date(text: Any) -> str | None:
    """Why ``text``, written as a date, names no day; None when it is no date-shaped text at
    all, or a real day. Tells "not a date" apart from "does not exist" for the messages.

    >>> no_such_date("31-02-2010")
    'februari 2010 heeft geen 31 dagen, maar 28'
    >>> no_such_date("03-05-2010") is None, no_such_date("3 mei") is None
    (True, True)
    """
    if not isinstance(text, str):
        return None
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        hint = "; de dag staat voorop: dd-mm-jjjj"
    elif match := _YEAR_MONTH_DAY.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        hint = ""
    else:
        return None
    if year < 1:
        return "er is geen jaar 0"
    if not 1 <= month <= 12:
        return f"er is geen maand {month}{hint}"
    if day < 1:
        return "er is geen dag 0"
    days = calendar.monthrange(year, month)[1]
    if day <= days:
        return None
    return f"{MONTHS[month - 1]} {year} heeft geen {day} dagen, maar {days}"

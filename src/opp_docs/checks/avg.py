"""AVG: free text that looks like personal data the plan should not hold.

Handreiking, "Algemene Verordening Gegevensbescherming": the plan holds no more personal data
than needed; the model has no field for a BSN, an address, a phone number or an e-mail
address. Every free-text field is searched for them; a match is a waarschuwing naming the
field. The matched text stays in the finding's ``input``, never in its message.

- BSN: nine digits (dots or spaces between groups allowed) that pass the elfproef
  (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11).
- E-mail address: ``naam@domein.tld``.
- Phone number: Dutch numbers, 0 and nine digits (06-12345678, 010 1234567,
  (0174) 123456) or +31 / 0031 and nine digits.
- Address: a street name ending in a usual suffix (-straat, -laan, -weg, …) followed by a
  house number, or a postcode (1234 AB) followed by a place name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from opp_docs.checks.base import Bevinding, Context, Ernst, Pad, Regel
from opp_docs.validation import field_title

__all__ = ["RULES", "check_avg", "find_personal_data", "is_bsn"]

_SOURCE = "AVG (dataminimalisatie); handreiking, 'Algemene Verordening Gegevensbescherming'"

BSN = Regel("avg.bsn", Ernst.WAARSCHUWING, _SOURCE, "Tekst die op een BSN lijkt.")
EMAIL = Regel("avg.email", Ernst.WAARSCHUWING, _SOURCE, "Tekst die op een e-mailadres lijkt.")
TELEFOON = Regel(
    "avg.telefoon", Ernst.WAARSCHUWING, _SOURCE, "Tekst die op een telefoonnummer lijkt."
)
ADRES = Regel("avg.adres", Ernst.WAARSCHUWING, _SOURCE, "Tekst die op een adres lijkt.")

RULES = (BSN, EMAIL, TELEFOON, ADRES)

_NINE_DIGITS = re.compile(r"(?<![\d.\-])\d(?:[ .]?\d){8}(?![\d\-]|\.\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ \-]?(?:\(0\)[ \-]?)?|\(0|0)[1-9](?:[ \-)]{0,2}\d){8}(?!\d)"
)
_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|dreef|park|steeg|markt|ring|baan"
    "|wal|erf|veld|burg|dam|plantsoen|kwartier|lei|akker"
)
_STREET = re.compile(rf"\b[A-Z][\w'\-]*?(?:{_SUFFIXES})\s+\d{{1,5}}\s?[a-zA-Z]?\b")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\s+[A-Z][a-z]")

_MESSAGES = {
    BSN: "lijkt een burgerservicenummer (BSN)",
    EMAIL: "lijkt een e-mailadres",
    TELEFOON: "lijkt een telefoonnummer",
    ADRES: "lijkt een adres",
}


def is_bsn(text: str) -> bool:
    """True when ``text`` holds nine digits (other characters ignored) passing the elfproef."""
    digits = [int(char) for char in text if char.isdigit()]
    if len(digits) != 9:
        return False
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - digits[8]) % 11 == 0 and any(digits)


def find_personal_data(text: str) -> list[tuple[Regel, str]]:
    """What in ``text`` looks like personal data: (rule, matched text) pairs, in order."""
    found: list[tuple[int, Regel, str]] = []
    for match in _NINE_DIGITS.finditer(text):
        if is_bsn(match.group()):
            found.append((match.start(), BSN, match.group()))
    found += [(m.start(), EMAIL, m.group()) for m in _EMAIL.finditer(text)]
    found += [(m.start(), TELEFOON, m.group()) for m in _PHONE.finditer(text)]
    found += [(m.start(), ADRES, m.group()) for m in _STREET.finditer(text)]
    found += [(m.start(), ADRES, m.group()) for m in _POSTCODE.finditer(text)]
    return [(rule, matched) for _, rule, matched in sorted(found, key=lambda item: item[0])]


def _texts(value: Any, path: Pad) -> Iterator[tuple[Pad, str]]:
    if isinstance(value, Enum):
        return  # a ticked option: printed text, not typed
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def check_avg(context: Context) -> list[Bevinding]:
    """A waarschuwing per match of personal data in a free-text field."""
    found: list[Bevinding] = []
    for path, text in _texts(context.plan, ()):
        for rule, matched in find_personal_data(text):
            label = field_title(path) or ".".join(str(step) for step in path)
            found.append(
                rule.bevinding(
                    f"In '{label}' staat tekst die {_MESSAGES[rule]}. Haal die gegevens uit het "
                    "plan: ze horen in de leerlingadministratie.",
                    path,
                    input=matched,
                )
            )
    return found

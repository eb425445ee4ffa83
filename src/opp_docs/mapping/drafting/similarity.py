"""How alike two printed texts are, for drafting a mapping: 1.0 for the same label, less the
more a form reworded it.

A text is compared in three ways, the best one counts:

- as a label (:func:`~opp_docs.docx.boxes.normalize_label`: case, white space, a trailing
  colon): equal is 1.0;
- as words, without punctuation and accents ("Niveau / afdeling", "coordinator"): equal is
  0.99; with the abbreviations and synonyms of Dutch secondary schools made one word (BB and
  BL, KB and KL, GL, TL, TLV, MDO, VSO, a zorgcoördinator and a stamnummer): equal is 0.95;
- else by the words they share (a weighted F2 score, recall counting more, so a label that
  gained words, "Leerlingnummer (stamnummer)", still scores well; words that differ a little
  or one inside the other, "Leerlinggegevens", count in part) and by their letters
  (:class:`difflib.SequenceMatcher`), whichever is higher.

A section heading's letter ("E. ") is compared apart from its text: the same heading under
another letter (sections moved) scores 0.95 of its text.

difflib (the standard library) does what is needed on labels of a few words; a fuzzy
library (rapidfuzz) would be faster on long lists, which a form does not have.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from opp_docs.docx.boxes import normalize_label

__all__ = [
    "Likeness",
    "best_assignment",
    "best_likeness",
    "likeness",
    "nearest",
    "printed",
    "strip_number",
]

How = Literal["exact", "na normaliseren", "vaag", "plaats"]

# Words that say little about which label or option is meant (a level says "leerweg" or
# "niveau" whether or not it prints it); they count a quarter.
_STOP = frozenset(
    {
        "de",
        "het",
        "een",
        "van",
        "voor",
        "en",
        "of",
        "op",
        "in",
        "met",
        "bij",
        "naar",
        "te",
        "aan",
        "door",
        "is",
        "er",
        "om",
        "die",
        "dat",
        "wat",
        "hoe",
        "wie",
        "welke",
        "zijn",
        "haar",
        "hun",
        "u",
        "je",
        "jij",
        "incl",
        "tot",
        "leerweg",
        "niveau",
    }
)

# Abbreviations and synonyms, each made the one word after the arrow.
_SAME = {
    **dict.fromkeys(("bb", "bl", "basisberoepsgerichte", "basisberoeps"), "vmbo-b"),
    **dict.fromkeys(("kb", "kl", "kaderberoepsgerichte", "kaderberoeps", "kader"), "vmbo-k"),
    **dict.fromkeys(("gl", "gemengde", "gemengd"), "vmbo-g"),
    **dict.fromkeys(("tl", "theoretische", "theoretisch", "mavo"), "vmbo-t"),
    **dict.fromkeys(("tlv", "toelaatbaarheidsverklaring"), "tlv"),
    **dict.fromkeys(("pro", "praktijkonderwijs"), "pro"),
    **dict.fromkeys(("opp", "ontwikkelingsperspectiefplan"), "opp"),
    **dict.fromkeys(("swv", "samenwerkingsverband"), "swv"),
    **dict.fromkeys(("zorgcoordinator", "zoco", "ondersteuningscoordinator"), "oc"),
    **dict.fromkeys(("stamnummer", "leerlingnummer", "llnr"), "leerlingnummer"),
    **dict.fromkeys(("ouders", "ouder"), "ouder"),
    **dict.fromkeys(("verzorgers", "verzorger"), "verzorger"),
    **dict.fromkeys(("handtekening", "paraaf"), "handtekening"),
}
# Phrases made one word before the words are looked up.
_PHRASES = (
    (("voortgezet", "speciaal", "onderwijs"), "vso"),
    (("multidisciplinair", "overleg"), "mdo"),
    (("te", "weten"), "namelijk"),
    (("nl",), "namelijk"),
)
# Words that tell options apart ("VMBO-BB" or "VMBO-KB", "TLV VSO" or "TLV PrO"), and so do
# numbers ("MBO niveau 2" or "3"): two texts that differ in them are different options, however
# alike their letters are.
_DISTINCT = frozenset(
    ("vmbo-b", "vmbo-k", "vmbo-g", "vmbo-t", "pro", "vso", "havo", "vwo", "mbo", "hbo", "wo")
)
_HEADING_LETTER = re.compile(r"^\s*([A-Za-z])\s*[.)]\s+(?=\S)")
_PLURAL = re.compile(r"\(s\)", re.IGNORECASE)  # ouder(s) is ouder
_NUMBER = re.compile(r"\s*\d+\s*$")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Likeness:
    """How alike a wanted and a found text are: a score from 0 to 1 and how it was found."""

    score: float
    how: How

    def describe(self) -> str:
        """The comment of a mapping line: 'exact', 'na normaliseren', 'vaag (0.82)', or
        'geraden op de plaats (0.40)' for a text placed only because it stands where the
        wanted one stood."""
        if self.how == "vaag":
            return f"vaag ({self.score:.2f})"
        if self.how == "plaats":
            return f"geraden op de plaats ({self.score:.2f})"
        return self.how


def printed(text: str) -> str:
    """A form's text as a mapping holds it: white space (line breaks too) made one space."""
    return " ".join(text.split())


def strip_number(text: str) -> str:
    """A title without its number: 'Tussenevaluatie 2' is 'Tussenevaluatie'."""
    return _NUMBER.sub("", text)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _PLURAL.sub("", text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=4096)
def _words(text: str, same: bool) -> tuple[str, ...]:
    words = _WORD.findall(_plain(text))
    if not same:
        return tuple(words)
    for phrase, word in _PHRASES:
        size = len(phrase)
        at = 0
        while at + size <= len(words):
            if tuple(words[at : at + size]) == phrase:
                words[at : at + size] = [word]
            at += 1
    return tuple(dict.fromkeys(_SAME.get(word, word) for word in words))


def _word_likeness(a: str, b: str) -> float:
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and short in long:  # one word inside a compound: 'leerling'
        return 0.5 + 0.5 * len(short) / len(long)
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= 0.8 else 0.0


def _weight(word: str) -> float:
    return 0.25 if word in _STOP else 1.0


def _covered(words: Sequence[str], others: Sequence[str]) -> float:
    """How much of ``words`` (weighted) the best matching word of ``others`` covers."""
    total = sum(_weight(word) for word in words)
    if not total:
        return 0.0
    found = sum(
        _weight(word) * max((_word_likeness(word, other) for other in others), default=0.0)
        for word in words
    )
    return found / total


def _f2(wanted: Sequence[str], found: Sequence[str]) -> float:
    recall = _covered(wanted, found)
    precision = _covered(found, wanted)
    if not recall or not precision:
        return 0.0
    return 5 * precision * recall / (4 * precision + recall)


def _text_likeness(wanted: str, found: str) -> Likeness:
    if normalize_label(wanted) == normalize_label(found):
        same = printed(wanted) == printed(found)
        return Likeness(1.0, "exact" if same else "na normaliseren")
    if _words(wanted, False) == _words(found, False):
        return Likeness(0.99, "na normaliseren")
    a, b = _words(wanted, True), _words(found, True)
    if a == b:
        return Likeness(0.95, "vaag")
    letters = SequenceMatcher(None, " ".join(a), " ".join(b)).ratio()
    # Below what the same words after abbreviations give: the words differ.
    score = min(max(_f2(a, b), letters), 0.94)
    if _conflict(a, b):
        score = min(score, 0.5)
    return Likeness(round(score, 2), "vaag")


def _conflict(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether each text has a telling word (or number) the other lacks."""
    only_a = {w for w in a if w in _DISTINCT or w.isdigit()} - set(b)
    only_b = {w for w in b if w in _DISTINCT or w.isdigit()} - set(a)
    return bool(only_a and only_b)


@lru_cache(maxsize=65536)
def likeness(wanted: str, found: str) -> Likeness:
    """How alike ``found`` (a form's text) is to ``wanted`` (what the mapping looks for).

    >>> likeness("Naam leerling", "Naam leerling:").describe()
    'na normaliseren'
    >>> likeness("VMBO basisberoepsgerichte leerweg (BL)", "VMBO basisberoepsgerichte leerweg (BB)")
    Likeness(score=0.95, how='vaag')
    >>> likeness("Leerlingnummer", "Leerlingnummer (stamnummer)").score >= 0.9
    True
    >>> likeness("E. Handelingsadviezen voor docenten", "F. Handelingsadviezen voor docenten")
    Likeness(score=0.95, how='vaag')
    >>> likeness("Mentor", "Klas").score
    0.0
    """
    whole = _text_likeness(wanted, found)
    if whole.score == 1.0:
        return whole
    letter_a, letter_b = _HEADING_LETTER.match(wanted), _HEADING_LETTER.match(found)
    if letter_a is None and letter_b is None:
        return whole
    rest = _text_likeness(
        wanted[letter_a.end() :] if letter_a else wanted,
        found[letter_b.end() :] if letter_b else found,
    )
    if letter_a is None or letter_b is None:  # a letter on one side only
        rest = Likeness(round(rest.score * 0.9, 2), "vaag")
    elif letter_a[1].casefold() != letter_b[1].casefold():
        rest = Likeness(round(rest.score * 0.95, 2), "vaag")
    return rest if rest.score > whole.score else whole


def best_likeness(wanted: Sequence[str], found: str) -> Likeness:
    """The best :func:`likeness` of ``found`` to any of several wanted texts (a mapping's
    label and the model's title)."""
    return max((likeness(text, found) for text in wanted), key=lambda item: item.score)


def nearest(wanted: Sequence[str], found: Sequence[str], count: int = 3) -> list[tuple[str, float]]:
    """The ``count`` texts of ``found`` most like any of ``wanted``, best first, each once."""
    scored = {printed(text): best_likeness(wanted, text).score for text in found if text.strip()}
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    return [(text, score) for text, score in ranked[:count] if score > 0]


def best_assignment(
    wanted: Sequence[Sequence[str]], found: Sequence[str], threshold: float
) -> dict[int, tuple[int, Likeness]]:
    """Each wanted item (by index; its texts) given at most one found text (by index), each
    found text to at most one item: the most alike pairs first, a tie to the pair whose
    places are nearest (forms keep their order), pairs below ``threshold`` never.
    """
    pairs = []
    for i, texts in enumerate(wanted):
        for j, text in enumerate(found):
            alike = best_likeness(texts, text)
            if alike.score >= threshold:
                distance = abs(i / max(len(wanted), 1) - j / max(len(found), 1))
                pairs.append((-alike.score, distance, i, j, alike))
    pairs.sort(key=lambda pair: pair[:4])
    chosen: dict[int, tuple[int, Likeness]] = {}
    used: set[int] = set()
    for _, _, i, j, alike in pairs:
        if i not in chosen and j not in used:
            chosen[i] = (j, alike)
            used.add(j)
    return chosen

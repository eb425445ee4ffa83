"""What :func:`~opp_docs.mapping.drafting.draft_mapping` returns: the mapping's text, what it
placed, what it left for a person (with the nearest texts the form prints) and the problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from opp_docs.errors import Location, Problem
from opp_docs.mapping.drafting.similarity import Likeness
from opp_docs.mapping.schema import Mapping

__all__ = ["DraftResult", "Left", "Placement"]

# What was looked for, in the words of the messages ("het label 'Klas'").
WHAT = {
    "kop": "de kop",
    "label": "het label",
    "kolom": "de kolom",
    "kopregel": "de kopregel",
    "keuze": "de keuze",
    "vakje": "het vakje",
    "rij": "de voorgedrukte rij",
    "titel": "de tabel met titel",
    "cel": "de eerste cel",
}

# The mapping check's code for each kind of text not found (docs/foutmeldingen.md).
CODES = {
    "kop": "mapping.sectie_ontbreekt",
    "label": "mapping.label_ontbreekt",
    "kolom": "mapping.kopregel_ontbreekt",
    "kopregel": "mapping.kopregel_ontbreekt",
    "keuze": "mapping.optie_ontbreekt",
    "vakje": "mapping.optie_ontbreekt",
    "rij": "mapping.rij_ontbreekt",
    "titel": "mapping.tabel_ontbreekt",
    "cel": "mapping.tabel_ontbreekt",
}


@dataclass(frozen=True)
class Placement:
    """A text of the mapping found in the form.

    Attributes:
        path: The model path of the entry ("leerling.naam"), or the section key of a heading.
        what: What kind of text: "kop", "label", "kolom", "keuze", "vakje", "rij", "titel".
        wanted: The text looked for (the mapping drafted from, or the model's title).
        found: The text the form prints, as the drafted mapping holds it.
        likeness: How alike the two are, and how it was found.
    """

    path: str
    what: str
    wanted: str
    found: str
    likeness: Likeness


@dataclass(frozen=True)
class Left:
    """A text of the mapping the form does not print recognisably: a person decides.

    Attributes:
        path: The model path of the entry, or the section key of a heading.
        what: What kind of text (as :attr:`Placement.what`).
        wanted: The text looked for.
        nearest: The form's texts most like it, best first, with their scores.
        section: The heading of the section it belongs to, when that was found.
        named: Whether the form's texts were looked at for ``nearest`` (not in a filled
            form, whose texts may be a student's).
    """

    path: str
    what: str
    wanted: str
    nearest: tuple[tuple[str, float], ...] = ()
    section: str | None = None
    named: bool = True

    def problem(self, file: str | None) -> Problem:
        """This text as a Dutch problem with the mapping check's code."""
        where = f" in onderdeel '{self.section}'" if self.section else ""
        if self.nearest:
            alike = ", ".join(f"'{text}' ({score:.2f})" for text, score in self.nearest)
            hint = f" Het meest lijkt: {alike}."
        elif self.named:
            hint = " Niets in het formulier lijkt erop."
        else:
            hint = " (Het formulier lijkt ingevuld; er worden geen teksten uit genoemd.)"
        todo = {
            "kop": " Zet de kop van het formulier in [sections] en haal de '#' weg voor de "
            "regels van dit onderdeel.",
            "keuze": " Zet de tekst van het formulier bij 'options' van deze regel.",
            "rij": " Zet de tekst van het formulier bij 'options' van deze regel.",
            "titel": " Zet de tekst van het formulier bij 'options' van deze regel.",
        }.get(self.what, " Zet de tekst van het formulier in de regel en haal de '#' weg.")
        what = WHAT[self.what]
        message = f"{what[0].upper()}{what[1:]} '{self.wanted}' staat niet herkenbaar in het "
        message += f"formulier{where}.{hint}{todo}"
        if self.what == "cel":
            message = (
                f"Onder de kop{where.replace(' in onderdeel', '')} staat geen tabel voor "
                f"'{self.wanted}' (de eerste cel van de eerste tabel). Pas het formulier of de "
                "regel aan."
            )
        return Problem(
            CODES[self.what],
            message,
            Location(file=file, label=self.wanted, path=tuple(self.path.split("."))),
        )


@dataclass(frozen=True)
class DraftResult:
    """A drafted mapping.

    Attributes:
        text: The mapping as TOML, a comment on every line it found saying how sure it is,
            and each text it could not place commented out with the nearest candidates.
        mapping: That text, loaded and checked against the model.
        placed: Every text of the mapping found in the form.
        left: Every text left for a person.
        problems: Dutch problems: one per text left, and what ``opp mapping controleren``
            finds in the draft besides (a label that stands twice, say).
        entry_count: The entries written (``[[fields]]``, ``[[rows]]``, ``[[tables]]`` and
            those inside tables).
        left_entry_count: The entries written commented out, for a person to place.
        unknown_texts: Texts the form prints that no entry reads and the prior does not
            know as fixed text: written to ``static``, but perhaps a field the OPP lacks.
        looks_filled: Whether the form holds values (a box ticked, text in a value cell):
            then no text of the form but its labels is named, and the draft is best made
            again on the blank form.
    """

    text: str
    mapping: Mapping
    placed: list[Placement] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    entry_count: int = 0
    left_entry_count: int = 0
    unknown_texts: list[str] = field(default_factory=list)
    looks_filled: bool = False

    @property
    def guessed(self) -> list[Placement]:
        """The texts placed only because they stand where the old ones stood: nothing in
        their wording says they are the same, so a person looks before the draft is used."""
        return [placement for placement in self.placed if placement.likeness.how == "plaats"]

    @property
    def complete(self) -> bool:
        """Whether nothing is left for a person: every text placed, none of them guessed from
        its place alone, and the form was blank."""
        return not self.problems and not self.looks_filled and not self.guessed

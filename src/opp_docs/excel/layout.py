"""The workbook layout, derived from the model: one sheet of plans, one sheet per list.

``Leerlingen`` has one row per plan and a column per single value (nested parts flattened:
``leerling.naam``, ``aanvraag.motivering.wat_is_er_nodig``), Leerlingnummer and Naam leerling
first, the rest in model order. Every list of the plan gets a
sheet of its own whose rows point to their plan by ``Leerlingnummer``; a list inside a list
item (the signatures of an evaluation) also carries the item's number. Headers are the
printed labels (field titles); a title that two columns of one sheet share is prefixed with
its part's title.

Cell conventions: a choice holds its printed label (a dropdown in the template); a multiple
choice holds the chosen labels separated by ``;``; yes/no holds ``ja`` or ``nee``; a date is
an Excel date (``dd-mm-jjjj`` and ISO text are read too).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache

from pydantic import BaseModel

from opp_docs.mapping.paths import Kind, resolve
from opp_docs.model import OPP

__all__ = [
    "KEY_HEADER",
    "NUMBER_HEADER",
    "SEPARATOR",
    "Column",
    "Sheet",
    "layout",
]

KEY_HEADER = "Leerlingnummer"
"""The header of the column that ties a row of a list sheet to its plan."""

NUMBER_HEADER = "Nr"
"""The header of the column that ties a row to its list item (an evaluation's number)."""

SEPARATOR = ";"
"""Between the labels of a multiple choice in one cell."""

# Sheet names for the lists of the plan (Excel allows 31 characters and no / \\ ? * [ ]).
_SHEET_NAMES: dict[str, str] = {
    "": "Leerlingen",
    "leerling.ouders": "Ouders",
    "factoren.domeinen": "Factoren",
    "ondertekening": "Ondertekening",
    "handelingsdeel.doelen": "Handelingsdeel",
    "evaluaties": "Evaluaties",
    "evaluaties.ondertekening": "Ondertekening evaluaties",
    "aanvraag.bijlagen": "Bijlagen",
    "aanvraag.ondertekening": "Ondertekening aanvraag",
}


# Headers for columns whose printed label alone does not say what they hold.
_HEADERS: dict[tuple[str, ...], str] = {
    ("ontwikkelingsperspectief", "vervolgtraject_anders"): "Vervolgtraject: anders, namelijk",
    ("aanvraag", "looptijd_anders"): "Looptijd: anders, namelijk",
    ("bijstelling_toelichting",): "Bijstelling: ja, namelijk",
    ("afwijkingen_omschrijving",): "Afwijkingen: omschrijving",
    ("handelingsdeel", "afwijkingen_omschrijving"): "Afwijkingen: omschrijving",
    ("periode", "van"): "Periode van",
    ("periode", "tot_en_met"): "Periode t/m",
    ("periode", "frequentie"): "Frequentie",
    ("datum",): "Datum",
    ("handelingsadviezen",): "Handelingsadviezen voor docenten",
    ("ondertekend",): "Ondertekend",
}


# The first columns of the plans sheet: what ties a row to a student and names the form.
_FIRST: tuple[tuple[str, ...], ...] = (("leerling", "leerlingnummer"), ("leerling", "naam"))


@dataclass(frozen=True)
class Column:
    """One column: where its value sits in a sheet's item, its header and its kind."""

    path: tuple[str, ...]
    header: str
    kind: Kind
    enum: type[Enum] | None
    description: str | None
    optional: bool


@dataclass(frozen=True)
class Sheet:
    """One sheet: the list it holds (``()`` for the plans), its parent sheet and columns."""

    name: str
    path: tuple[str, ...]
    parent: str | None
    model: type[BaseModel]
    columns: tuple[Column, ...]

    @property
    def numbered(self) -> bool:
        """Whether rows carry their parent item's number (a list inside a list item)."""
        return len(self.path) > 0 and self.parent not in (None, "Leerlingen")


def _walk(
    model: type[BaseModel],
    prefix: tuple[str, ...],
    titles: tuple[str, ...],
    sheet_path: tuple[str, ...],
    columns: list[tuple[Column, tuple[str, ...]]],
    lists: list[tuple[tuple[str, ...], type[BaseModel]]],
) -> None:
    for name, info in model.model_fields.items():
        slot = resolve(name, model)
        if slot is None:
            continue
        path = (*prefix, name)
        title = info.title or name
        if slot.kind == "items":
            assert slot.model is not None
            lists.append(((*sheet_path, *path), slot.model))
        elif slot.kind == "composite":
            assert slot.model is not None
            _walk(slot.model, path, (*titles, title), sheet_path, columns, lists)
        else:
            header = _HEADERS.get(path, title)
            column = Column(path, header, slot.kind, slot.enum, info.description, slot.optional)
            columns.append((column, titles))


def _unique_headers(columns: list[tuple[Column, tuple[str, ...]]]) -> tuple[Column, ...]:
    headers = [column.header for column, _ in columns]
    result = []
    for column, titles in columns:
        header = column.header
        if headers.count(header) > 1 and titles:
            header = f"{titles[-1]} – {header}"
        result.append(
            Column(
                column.path, header, column.kind, column.enum, column.description, column.optional
            )
        )
    seen = [c.header for c in result]
    duplicates = {h for h in seen if seen.count(h) > 1}
    if duplicates:  # a model change made two headers equal: fail loudly in tests
        raise ValueError(f"duplicate headers in one sheet: {sorted(duplicates)}")
    return tuple(result)


def _sheets(path: tuple[str, ...], model: type[BaseModel], parent: str | None) -> list[Sheet]:
    key = ".".join(path)
    name = _SHEET_NAMES.get(key)
    if name is None:
        raise ValueError(f"no sheet name for the list {key!r}; add it to _SHEET_NAMES")
    columns: list[tuple[Column, tuple[str, ...]]] = []
    lists: list[tuple[tuple[str, ...], type[BaseModel]]] = []
    _walk(model, (), (), path, columns, lists)
    if not path:  # the plans sheet: the number and the name first, where people look
        columns.sort(
            key=lambda entry: _FIRST.index(entry[0].path) if entry[0].path in _FIRST else 2
        )
    sheets = [Sheet(name, path, parent, model, _unique_headers(columns))]
    for list_path, item in lists:
        sheets.extend(_sheets(list_path, item, name))
    return sheets


@cache
def layout() -> tuple[Sheet, ...]:
    """Every sheet of the workbook: the plans first, then each list followed by its own
    lists (Evaluaties, then Ondertekening evaluaties), in model order."""
    return tuple(_sheets((), OPP, None))

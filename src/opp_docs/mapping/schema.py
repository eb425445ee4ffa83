"""The mapping file's schema: where each model field lives in a form, by printed text.

A mapping is TOML (see ``mappings/OPP_2024-2025.toml``), validated by these models and then
against the OPP model (:mod:`opp_docs.mapping.paths`) by :func:`opp_docs.mapping.load_mapping`,
so that a wrong path or a missing option fails when the mapping is loaded, in Dutch, not
halfway through a fill.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["FieldEntry", "Mapping", "RowsEntry", "TablesEntry"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldEntry(_Entry):
    """One field: a value cell, a checkbox group, one box, or the text after an option."""

    path: str = Field(description="model path, dotted: 'leerling.naam'")
    section: str | None = Field(default=None, description="section key; not inside a table")
    label: str | None = Field(default=None, description="printed label of the field")
    place: Literal["beside", "below", "first_cell", "after_label"] = Field(
        default="beside",
        description="value cell: beside the label, below it, or the section's first cell; "
        "after_label: in the label's own paragraph, after the label (a text field, a content "
        "control or typed text), in a cell or outside tables",
    )
    option: str | None = Field(default=None, description="for a yes/no field: the box's text")
    after_option: str | None = Field(
        default=None, description="for free text that follows an option, e.g. 'Anders, namelijk:'"
    )
    options: dict[str, str] = Field(
        default_factory=dict,
        description="printed texts that differ from the model's labels: enum value -> text",
    )

    @model_validator(mode="after")
    def _label_needed(self) -> FieldEntry:
        if self.place != "first_cell" and not self.label:
            raise ValueError("een veld zonder 'label' moet place = \"first_cell\" hebben.")
        if self.option and self.after_option:
            raise ValueError("'option' en 'after_option' gaan niet samen. Kies er een.")
        return self


class RowsEntry(_Entry):
    """A list whose items are table rows under a header row."""

    path: str
    section: str | None = None
    header: list[str] = Field(min_length=1, description="the header row's texts, in order")
    columns: dict[str, str] = Field(description="item field -> header text of its column")
    key: str | None = Field(
        default=None, description="field pre-printed in the row (rol, domein); rows match on it"
    )
    add_rows: bool = Field(default=True, description="whether fill may add rows")
    signature: str | None = Field(
        default=None, description="yes/no field that is true when its cell holds anything"
    )
    boxes: dict[str, dict[str, bool]] = Field(
        default_factory=dict, description="yes/no field -> {box text: value}"
    )
    options: dict[str, str] = Field(
        default_factory=dict,
        description="printed texts of pre-printed keys or choices that differ from the "
        "model's: value -> text (a renamed domain or role)",
    )

    @model_validator(mode="after")
    def _columns_in_header(self) -> RowsEntry:
        for name, text in self.columns.items():
            if text not in self.header:
                raise ValueError(f"de kolom '{text}' van '{name}' staat niet in 'header'.")
        named: list[str | None] = [self.key, self.signature, *self.boxes]
        for field in named:
            if field is not None and field not in self.columns:
                raise ValueError(f"'{field}' heeft geen kolom in 'columns'.")
        return self


class TablesEntry(_Entry):
    """A list whose items are whole tables, told apart by their title row."""

    path: str
    section: str | None = None
    title: str = Field(description="item field whose value is the table's title")
    title_match: Literal["exact", "prefix"] = "exact"
    numbered: bool = Field(default=False, description="copies get a number: 'Tussenevaluatie 4'")
    header: list[str] | None = Field(default=None, description="header row of item rows")
    columns: dict[str, str] = Field(default_factory=dict)
    fields: list[FieldEntry] = Field(default_factory=list, description="fields in each table")
    rows: list[RowsEntry] = Field(default_factory=list, description="row lists in each table")
    options: dict[str, str] = Field(
        default_factory=dict,
        description="printed titles (or choices in item rows) that differ from the model's: "
        "value -> text (a renamed evaluation kind or domain)",
    )

    @model_validator(mode="after")
    def _item_rows_or_fields(self) -> TablesEntry:
        if bool(self.header) != bool(self.columns):
            raise ValueError(
                "'header' en 'columns' horen bij elkaar: geef ze allebei of geen van beide."
            )
        if not self.header and not self.fields:
            raise ValueError("een tabel heeft 'header' en 'columns' of 'fields' nodig.")
        return self


class Mapping(_Entry):
    """A whole mapping: the sections of a form and its entries."""

    name: str
    regio: Literal["noord", "midden", "zuid"] | None = Field(
        default=None,
        description="the school-holiday region of the samenwerkingsverband's schools, for the "
        "rules that count school days (a command's --regio goes first)",
    )
    sections: dict[str, str] = Field(min_length=1, description="key -> heading text")
    static: list[str] = Field(
        default_factory=list,
        description="other texts printed on the form that hold no value (subtitles, labels)",
    )
    fields: list[FieldEntry] = Field(default_factory=list)
    rows: list[RowsEntry] = Field(default_factory=list)
    tables: list[TablesEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sections_exist(self) -> Mapping:
        entries: list[FieldEntry | RowsEntry | TablesEntry] = [
            *self.fields,
            *self.rows,
            *self.tables,
        ]
        for entry in entries:
            if entry.section is None:
                raise ValueError(
                    f"de regel met pad '{entry.path}' heeft geen 'section'. Geef de sleutel "
                    "van een sectie uit [sections]."
                )
            if entry.section not in self.sections:
                raise ValueError(
                    f"de regel met pad '{entry.path}' noemt de sectie '{entry.section}', maar "
                    "die staat niet in [sections]."
                )
        return self

"""Drafting the ``[[fields]]`` of a mapping: each label of the prior found among a section's
(or a titled table's) label cells, the value cell beside or below it, and the boxes of that
cell for a choice, a yes/no field or the option before free text.

Labels sharing a text are looked up once. A label that matches nothing but is the only one
left between two labels that did, where the prior's label stood between their entries, is
taken too, marked as guessed from its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from lxml import etree
from pydantic import BaseModel

from opp_docs.docx.boxes import normalize_label
from opp_docs.docx.grid import GridCell
from opp_docs.mapping.drafting.base import (
    LABEL_THRESHOLD,
    OPTION_THRESHOLD,
    DraftBase,
    Label,
    left_entry,
    prior_values,
)
from opp_docs.mapping.drafting.similarity import Likeness, best_assignment, best_likeness
from opp_docs.mapping.drafting.writing import DraftEntry
from opp_docs.mapping.locate import ValuePlace
from opp_docs.mapping.paths import resolve
from opp_docs.mapping.schema import FieldEntry
from opp_docs.mapping.values import printed_option

__all__ = ["FieldDrafter"]


class FieldDrafter(DraftBase):
    """Drafts fields (:class:`DraftBase` with the fields' part)."""

    def draft_fields(
        self,
        entries: Sequence[FieldEntry],
        tables: Sequence[etree._Element],
        model: type[BaseModel],
        exclude: set[etree._Element],
        table: str = "fields",
    ) -> list[DraftEntry]:
        """The entries of fields among ``tables``, grouped by the label they share."""
        groups: dict[str, list[FieldEntry]] = {}
        drafted: dict[int, DraftEntry] = {}
        for entry in entries:
            if entry.place == "first_cell":
                drafted[id(entry)] = self._first_cell(entry, tables, model, table)
            else:
                assert entry.label is not None
                groups.setdefault(normalize_label(entry.label), []).append(entry)
        section = entries[0].section if entries else None
        labels = self.in_order(
            [*self.labels(tables, exclude), *self.paragraph_labels(tables, section, exclude)]
        )
        members = list(groups.values())
        wanted = [self._label_texts(group, model) for group in members]
        chosen = best_assignment(wanted, [label.text for label in labels], LABEL_THRESHOLD)
        _guess_by_place(chosen, wanted, [label.text for label in labels])
        used = {j for j, _ in chosen.values()}
        rest = [label.text for j, label in enumerate(labels) if j not in used]
        for i, group in enumerate(members):
            if i in chosen:
                j, alike = chosen[i]
                for entry, done in zip(
                    group, self._group(group, labels[j], alike, model, table), strict=True
                ):
                    drafted[id(entry)] = done
            else:
                note = self.leave(group[0].path, "label", wanted[i], rest, group[0].section)
                for entry in group:
                    drafted[id(entry)] = left_entry(table, entry, note)
        return [drafted[id(entry)] for entry in entries]

    def _label_texts(self, group: Sequence[FieldEntry], model: type[BaseModel]) -> list[str]:
        """The prior's label, then the model's titles of the group's plain fields."""
        assert group[0].label is not None
        texts = [group[0].label]
        for entry in group:
            slot = resolve(entry.path, model)
            plain = entry.option is None and entry.after_option is None
            if plain and slot is not None and slot.title and slot.title not in texts:
                texts.append(slot.title)
        return texts

    def _group(
        self,
        group: Sequence[FieldEntry],
        label: Label,
        alike: Likeness,
        model: type[BaseModel],
        table: str,
    ) -> list[DraftEntry]:
        first = group[0]
        assert first.label is not None
        if label.after is not None:
            place, value = "after_label", label.after
        else:
            place = "below" if first.place == "below" else "beside"
            if place == "beside" and label.beside is None:
                place = "below"
            elif place == "below" and label.below is None:
                place = "beside"
            cell = label.beside if place == "beside" else label.below
            assert cell is not None
            value = cell
        note = self.place(first.path, "label", first.label, label.text, alike)
        boxes = self.boxes(value, cut=any(e.after_option is not None for e in group))
        options = self._bool_options([e for e in group if e.option is not None], boxes, model)
        drafted = []
        for entry in group:
            values: dict[str, Any] = {"path": entry.path}
            if entry.section is not None:
                values["section"] = entry.section
            values["label"] = label.text
            if place != "beside":
                values["place"] = place
            done = DraftEntry(table, values, notes={"label": note})
            if entry.option is not None:
                self._option(done, entry, "option", entry.option, options.get(id(entry)), boxes)
            elif entry.after_option is not None:
                found = best_assignment([[entry.after_option]], boxes, OPTION_THRESHOLD).get(0)
                self._option(done, entry, "after_option", entry.after_option, found, boxes)
            else:
                self._choices(done, entry, value, model)
            drafted.append(done)
        return drafted

    def _bool_options(
        self, entries: Sequence[FieldEntry], boxes: Sequence[str], model: type[BaseModel]
    ) -> dict[int, tuple[int, Likeness]]:
        """Yes/no fields of one label and the boxes of their cell, one to one."""
        wanted = []
        for entry in entries:
            assert entry.option is not None
            slot = resolve(entry.path, model)
            wanted.append([entry.option] + ([slot.title] if slot and slot.title else []))
        chosen = best_assignment(wanted, boxes, OPTION_THRESHOLD)
        return {id(entries[i]): found for i, found in chosen.items()}

    def _option(
        self,
        done: DraftEntry,
        entry: FieldEntry,
        key: str,
        wanted: str,
        found: tuple[int, Likeness] | None,
        boxes: Sequence[str],
    ) -> None:
        """The box text of a yes/no field (``option``) or of the option before free text
        (``after_option``); without one the entry is left for a person."""
        if found is None:
            done.values[key] = wanted
            done.todo.append(self.leave(entry.path, "vakje", [wanted], boxes, entry.section))
            done.left = True
            return
        j, alike = found
        done.values[key] = boxes[j]
        done.notes[key] = self.place(entry.path, "vakje", wanted, boxes[j], alike)

    def _choices(
        self, done: DraftEntry, entry: FieldEntry, value: GridCell, model: type[BaseModel]
    ) -> None:
        """``options`` of a choice field: each choice's box, where the form words it
        otherwise."""
        slot = resolve(entry.path, model)
        if slot is None or slot.enum is None:
            return
        members = list(slot.enum)
        wanted = [[printed_option(entry, m), str(m.value)] for m in members]
        boxes = self.boxes(value, cut=any(texts[0].rstrip().endswith(":") for texts in wanted))
        chosen = best_assignment(wanted, boxes, OPTION_THRESHOLD)
        used = {j for j, _ in chosen.values()}
        options: dict[str, str] = {}
        notes = []
        for i, member in enumerate(members):
            if i not in chosen:
                rest = [box for j, box in enumerate(boxes) if j not in used]
                note = self.leave(entry.path, "keuze", wanted[i], rest, entry.section)
                done.todo.append(f'{note}. Zet bij options: "{member.value}" = "<tekst>"')
                continue
            j, alike = chosen[i]
            note = self.place(entry.path, "keuze", wanted[i][0], boxes[j], alike)
            if normalize_label(boxes[j]) != normalize_label(str(member.value)):
                options[str(member.value)] = boxes[j]
                notes.append(note)
        if options:
            done.values["options"] = options
            done.notes["options"] = "; ".join(notes)
        same = len(chosen) - len(options)
        if same:
            key = "label" if "label" in done.notes or "label" in done.values else "place"
            said = done.notes.get(key, "")
            done.notes[key] = f"{said}; " * bool(said) + f"{same} van {len(members)} keuzes gelijk"

    def _first_cell(
        self,
        entry: FieldEntry,
        tables: Sequence[etree._Element],
        model: type[BaseModel],
        table: str,
    ) -> DraftEntry:
        """A field in the first cell of its section's first table (below a heading row)."""
        done = DraftEntry(table, prior_values(entry))
        place = self.index.value_place(entry, tables)
        if not isinstance(place, ValuePlace):
            done.todo.append(self.leave(entry.path, "cel", [entry.path], (), entry.section))
            done.left = True
            return done
        done.notes["place"] = "de eerste cel van het onderdeel"
        self._choices(done, entry, place.cell, model)
        return done


def _guess_by_place(
    chosen: dict[int, tuple[int, Likeness]], wanted: Sequence[Sequence[str]], found: Sequence[str]
) -> None:
    """Give a wanted label the one found label left where it stood: between the labels of
    the entries before and after it, when those were found in the prior's order and it is
    the only entry left between them (a form that reworded one label beyond recognition)."""
    anchors = [(-1, -1), *sorted((i, j) for i, (j, _) in chosen.items()), (len(wanted), len(found))]
    if any(a[1] >= b[1] for a, b in pairwise(anchors)):
        return  # the form has another order: a place says nothing
    for (i0, j0), (i1, j1) in pairwise(anchors):
        if i1 - i0 == 2 and j1 - j0 == 2:
            i, j = i0 + 1, j0 + 1
            chosen[i] = (j, Likeness(best_likeness(wanted[i], found[j]).score, "plaats"))

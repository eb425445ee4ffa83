"""Replaying the template's places on a copy gives what locating afresh gives."""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from opp_docs.docx.boxes import find_checkboxes
from opp_docs.docx.namespaces import qn
from opp_docs.docx.package import open_package
from opp_docs.docx.skeleton import Skeleton
from opp_docs.mapping import default_mapping
from opp_docs.mapping.locate import FormIndex, ValuePlace
from opp_docs.mapping.replay import ReplayIndex, TemplatePlaces


def _root(template_path: Path) -> etree._Element:
    package = open_package(template_path)
    return package.xml(package.main_part())


def test_replayed_answers_equal_fresh_ones(template_path: Path) -> None:
    mapping = default_mapping()
    template = _root(template_path)
    places = TemplatePlaces(template, mapping)
    for _ in range(2):  # the second copy is answered from the memo
        body = copy.deepcopy(template).find(qn("w:body"))
        assert body is not None
        replay, fresh = ReplayIndex(places, body), FormIndex(body, mapping)
        for section in mapping.sections:
            entries = [e for e in mapping.fields if e.section == section]
            tables = fresh.tables(section)
            got = replay.value_places(entries, tables)
            want = fresh.value_places(entries, tables)
            assert got == want
            for place in got:
                if isinstance(place, ValuePlace):
                    boxes = replay.checkboxes(place.cell.element)
                    assert boxes == find_checkboxes(place.cell.element)
        for rows in mapping.rows:
            tables = fresh.tables(rows.section)
            assert replay.header(rows, tables) == fresh.header(rows, tables)


def test_a_copy_that_differs_is_answered_afresh(template_path: Path) -> None:
    mapping = default_mapping()
    template = _root(template_path)
    places = TemplatePlaces(template, mapping)
    changed = copy.deepcopy(template)
    body = changed.find(qn("w:body"))
    assert body is not None
    first_table = body.find(qn("w:tbl"))
    assert first_table is not None
    body.remove(first_table)  # one table fewer: nothing lines up by position any more
    replay, fresh = ReplayIndex(places, body), FormIndex(body, mapping)
    assert replay.origin == {}
    entries = [e for e in mapping.fields if e.section == "A"]
    assert replay.value_places(entries, fresh.tables("A")) == fresh.value_places(
        entries, fresh.tables("A")
    )


def test_a_skeleton_copy_is_answered_as_a_whole_copy(template_path: Path) -> None:
    """Blocks are copied as answers reach into them; the answers are those a fresh index
    gives once every block is copied, and untouched blocks stay placeholders till then."""
    mapping = default_mapping()
    template = _root(template_path)
    skeleton = Skeleton.of(template)
    assert skeleton is not None
    places = TemplatePlaces(template, mapping)
    live = skeleton.copy()
    replay = ReplayIndex(places, live.body, live)
    entries = [e for e in mapping.fields if e.section == "A"]
    handles = replay.tables("A")
    got = replay.value_places(entries, handles)
    copied = [n for n in range(len(live)) if live.is_copied(n)]
    assert 0 < len(copied) < len(live)
    live.copy_all()
    fresh = FormIndex(live.body, mapping)
    assert got == fresh.value_places(entries, fresh.tables("A"))


def test_a_fresh_answer_on_a_skeleton_copy_sees_the_whole_form(template_path: Path) -> None:
    mapping = default_mapping()
    template = _root(template_path)
    skeleton = Skeleton.of(template)
    assert skeleton is not None
    live = skeleton.copy()
    replay = ReplayIndex(TemplatePlaces(template, mapping), live.body, live)
    handles = replay.tables("A")
    assert any(isinstance(h, etree._ProcessingInstruction) for h in handles)
    entries = [e for e in mapping.fields if e.section == "A"]
    exclude = frozenset(replay.item_cells(mapping))  # answered afresh: every block copied
    assert all(live.is_copied(n) for n in range(len(live)))
    fresh = FormIndex(live.body, mapping)
    # The placeholders handed out before still stand for their tables.
    assert replay.value_places(entries, handles, exclude) == fresh.value_places(
        entries, fresh.tables("A"), exclude
    )


def test_a_skeleton_copy_knows_the_template_holds_content_controls(template_path: Path) -> None:
    """Text under a content control's placeholder is read differently; the copy's body is
    mostly placeholders, so the template tells whether there are content controls."""
    mapping = default_mapping()
    template = _root(template_path)
    cell = next(template.iter(qn("w:tc")))
    sdt = etree.SubElement(cell, qn("w:sdt"))
    etree.SubElement(etree.SubElement(sdt, qn("w:sdtContent")), qn("w:p"))
    skeleton = Skeleton.of(template)
    assert skeleton is not None
    live = skeleton.copy()
    replay = ReplayIndex(TemplatePlaces(template, mapping), live.body, live)
    assert next(live.body.iter(qn("w:sdt")), None) is None  # not copied yet
    assert replay.live.has_controls

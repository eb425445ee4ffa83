"""Arguments as people pass them: ``str`` or any ``os.PathLike``, bytes or a binary file."""

from __future__ import annotations

import importlib
import io
import os
import pathlib
from pathlib import Path

import pytest

import opp_docs
from opp_docs.example import example_plan


class _OwnPath(os.PathLike[str]):
    """A path type of a script's own (any ``os.PathLike`` will do)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return self.path


@pytest.fixture(params=[str, Path, _OwnPath], ids=["str", "Path", "PathLike"])
def as_arg(request: pytest.FixtureRequest) -> type:
    kind: type = request.param
    return kind


def test_fill_parse_and_friends_take_every_kind_of_path(
    tmp_path: Path, template_path: Path, repo: Path, as_arg: type
) -> None:
    plan = example_plan()
    mapping = as_arg(str(repo / "mappings" / "OPP_2024-2025.toml"))
    form = tmp_path / "noor.docx"
    written = opp_docs.fill_to_path(
        plan, as_arg(str(form)), template=as_arg(str(template_path)), mapping=mapping
    )
    assert written == form and form.is_file()
    assert opp_docs.fill(plan, as_arg(str(template_path)), mapping) == form.read_bytes()
    assert opp_docs.parse(as_arg(str(form)), mapping).plan == plan
    assert opp_docs.inspect_form(as_arg(str(form)))["checkboxes"]
    (read,) = opp_docs.read_plans(as_arg(str(form))).plans
    assert read.plan == plan and read.file == str(form)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(opp_docs.plan_to_json(plan), encoding="utf-8")
    assert opp_docs.load_plan(as_arg(str(plan_file))) == plan
    assert opp_docs.load_mapping(mapping).name == "OPP 2024-2025"


def test_a_form_is_read_from_bytes_or_a_binary_file(tmp_path: Path) -> None:
    plan = example_plan()
    data = opp_docs.fill(plan)
    assert opp_docs.parse(data).plan == plan
    assert opp_docs.parse(io.BytesIO(data)).plan == plan
    form = tmp_path / "noor.docx"
    form.write_bytes(data)
    with form.open("rb") as stream:
        assert opp_docs.parse(stream).plan == plan
    with form.open("rb") as stream:
        assert opp_docs.inspect_form(stream) == opp_docs.inspect_form(data)


def test_a_binary_file_names_itself_in_problems(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"no zip at all")
    with broken.open("rb") as stream, pytest.raises(opp_docs.OppError) as info:
        opp_docs.parse(stream)
    assert info.value.problems[0].location.file == str(broken)


def test_generate_and_collect_take_str_folders(tmp_path: Path, repo: Path) -> None:
    workbook = str(repo / "examples" / "leerlingen.xlsx")
    made = opp_docs.generate(workbook, str(tmp_path / "plannen"), jobs=1)
    assert made.written
    overview = str(tmp_path / "overzicht.xlsx")
    # One str is one source (a folder), not a sequence of one-letter sources.
    read = opp_docs.collect(str(tmp_path / "plannen"), overview, jobs=1)
    assert read.plan_count == len(made.written) == len(read.plans)
    assert read.files == sorted(made.written)
    assert [item.plan for item in read.plans] == [
        opp_docs.parse(path).plan for path in sorted(made.written)
    ]
    streamed = list(opp_docs.iter_forms(pathlib.PurePath(tmp_path / "plannen") / "*.docx"))
    assert [r.plans[0].plan for r in streamed] == [item.plan for item in read.plans]


def test_collect_refuses_an_existing_overview_before_reading_any_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overview = tmp_path / "overzicht.xlsx"
    overview.write_bytes(b"old")
    opp_docs.fill_to_path(example_plan(), tmp_path / "f" / "a.docx")
    # Any read would fail loudly.
    monkeypatch.setattr(importlib.import_module("opp_docs.bulk.collecting"), "parse", None)
    with pytest.raises(opp_docs.OppError) as info:
        opp_docs.collect(tmp_path / "f", overview)
    assert info.value.problems[0].code == "bestand.bestaat_al"
    assert "overwrite=True" in info.value.problems[0].message
    assert overview.read_bytes() == b"old"

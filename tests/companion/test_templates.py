"""The committed companion templates are what tools/build_companions.py builds, and valid."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from opp_docs.companion import KINDS, Kind, render
from opp_docs.example import example_plan


def _load_builder(repo: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_companions", repo / "tools" / "build_companions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder(repo: Path) -> ModuleType:
    return _load_builder(repo)


def test_the_builder_builds_the_bundled_templates(builder: ModuleType) -> None:
    assert sorted(builder.names()) == sorted(KINDS.values())


@pytest.mark.parametrize("name", sorted(KINDS.values()))
def test_committed_template_is_what_the_builder_produces(
    builder: ModuleType, repo: Path, name: str
) -> None:
    built = zipfile.ZipFile(io.BytesIO(builder.build(name)))
    committed = zipfile.ZipFile(repo / "templates" / name)
    assert built.namelist() == committed.namelist()
    for part in built.namelist():
        assert built.read(part) == committed.read(part), (
            f"{name}: {part} differs: run 'python tools/build_companions.py templates' and "
            "review the rendered pages"
        )


@pytest.mark.parametrize("name", sorted(KINDS.values()))
def test_builder_is_deterministic(builder: ModuleType, name: str) -> None:
    assert builder.build(name) == builder.build(name)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_rendered_documents_pass_the_ecma_376_schemas(
    ooxml: Callable[[bytes], list[str]], kind: Kind
) -> None:
    assert ooxml(render(kind, example_plan(), today=date(2025, 2, 1))) == []

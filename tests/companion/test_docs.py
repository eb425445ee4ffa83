"""docs/dev/companions.md describes every field of the context, helpers and filters included,
and every error code of a school's template."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from opp_docs.companion import KINDS, build_context
from opp_docs.companion.context import FILTERS
from opp_docs.example import example_plan
from opp_docs.model import OPP


def _paths(value: Any, prefix: str) -> set[str]:
    """Every path of a context: ``leerling``, ``leerling.naam``, ``leerling.ouders[].naam``."""
    found = {prefix} if prefix else set()
    if isinstance(value, dict):
        for key, item in value.items():
            found |= _paths(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for item in value:
            found |= _paths(item, f"{prefix}[]")
        found.discard(f"{prefix}[]")
    return found


def _rows(repo: Path) -> set[str]:
    """The first cells of the tables of the document."""
    text = (repo / "docs" / "dev" / "companions.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE))


def _template_codes(repo: Path) -> set[str]:
    source = (repo / "src" / "opp_docs" / "companion" / "template.py").read_text(encoding="utf-8")
    return set(re.findall(r'"(sjabloon\.[a-z_]+)"', source))


def test_every_context_field_is_documented(repo: Path) -> None:
    # The example plan fills every list of the model, so every item field shows.
    paths = _paths(build_context(example_plan(), today=date(2025, 2, 1)), "")
    paths |= _paths(build_context(OPP(), today=date(2025, 2, 1)), "")
    assert len(paths) > 80
    rows = _rows(repo)
    assert sorted(paths - rows) == []
    others = set(FILTERS) | set(KINDS) | _template_codes(repo)
    assert sorted(rows - paths - others) == []  # nothing documented that is not there


def test_every_template_error_code_is_documented(repo: Path) -> None:
    codes = _template_codes(repo)
    assert len(codes) >= 5
    assert sorted(codes - _rows(repo)) == []

"""The API reference (docs/api/, ``make docs``): it builds without a warning and documents every
public name, and every function at the top shows an example that runs as a doctest."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import opp_docs
import opp_docs.errors
import opp_docs.model

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference built as ``make docs`` builds it: warnings are errors, every reference
    must resolve (``-n``)."""
    out = tmp_path_factory.mktemp("api")
    flags = ["-W", "--keep-going", "-n", "-q", "-b", "html", "-d", str(out / "doctrees")]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *flags, str(REPO / "docs" / "api"), str(out / "html")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out / "html"


def _anchors(html: Path) -> set[str]:
    return {
        anchor
        for page in html.glob("*.html")
        for anchor in re.findall(r'id="([\w.]+)"', page.read_text(encoding="utf-8"))
    }


def test_every_public_name_is_documented(html: Path) -> None:
    anchors = _anchors(html)
    assert [name for name in opp_docs.__all__ if f"opp_docs.{name}" not in anchors] == []


def test_every_name_of_the_model_is_documented(html: Path) -> None:
    """Under ``opp_docs.model``, or at the top for the names the package exports (OPP)."""
    anchors = _anchors(html)
    missing = [
        name
        for name in opp_docs.model.__all__
        if f"opp_docs.model.{name}" not in anchors and f"opp_docs.{name}" not in anchors
    ]
    assert missing == []


def test_every_field_of_the_model_is_documented(html: Path) -> None:
    model = (html / "model.html").read_text(encoding="utf-8")
    assert 'id="opp_docs.model.Leerling.geboortedatum"' in model
    assert "Naam leerling" in model  # a field's printed label


def test_every_error_is_documented(html: Path) -> None:
    anchors = _anchors(html)
    missing = [
        name
        for name in opp_docs.errors.__all__
        if f"opp_docs.errors.{name}" not in anchors and f"opp_docs.{name}" not in anchors
    ]
    assert missing == []
    assert "InvalidPlanError" in (html / "errors.html").read_text(encoding="utf-8")


def test_every_function_at_the_top_shows_an_example() -> None:
    """Each example runs as a doctest (``--doctest-modules`` on src, see pyproject.toml)."""
    functions = [name for name in opp_docs.__all__ if inspect.isfunction(getattr(opp_docs, name))]
    assert len(functions) > 10
    without = [
        name for name in functions if ">>> " not in (inspect.getdoc(getattr(opp_docs, name)) or "")
    ]
    assert without == []

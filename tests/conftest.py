"""Common test fixtures: the repository, the bundled form, the schema check, LibreOffice."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from ooxml_check import check_docx, load_schema

# CI runs the same examples every time (a red build must be reproducible); locally every
# run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def template_path() -> Path:
    return REPO / "templates" / "OPP_2024-2025.docx"


@pytest.fixture(scope="session")
def ooxml() -> Callable[[bytes], list[str]]:
    """Validate .docx bytes against the ECMA-376 schemas (``tools/ooxml_check.py``, in-process).

    Returns one line per problem (``part:line: message``); ``[]`` means valid.
    """
    schema = load_schema()

    def validate(data: bytes) -> list[str]:
        return check_docx(data, schema)

    return validate


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice binary; CI installs it, elsewhere its tests are skipped."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; .ci/run should install it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found

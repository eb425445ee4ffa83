"""Shared test fixtures: paths to the repository, the shared folder and the bundled form."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from lxml import etree

# CI runs the same examples every time (a red build must be reproducible); locally every
# run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared folder is missing beside the checkout: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def template_path() -> Path:
    return REPO / "templates" / "OPP_2024-2025.docx"


@pytest.fixture(scope="session")
def ooxml(shared: Path) -> Callable[[bytes], list[str]]:
    """Validate .docx bytes against the ECMA-376 schemas (the workspace's checker, in-process)."""
    spec = importlib.util.spec_from_file_location(
        "ooxml_validate", shared / "tools" / "ooxml_validate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    schema = etree.XMLSchema(etree.parse(str(module.SCHEMA_DIR / "wml.xsd")))

    def validate(data: bytes) -> list[str]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "form.docx"
            path.write_bytes(data)
            problems: list[str] = module.validate(path, schema)
            return problems

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

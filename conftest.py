"""Root fixtures for the doctests in ``src/opp_docs`` (``--doctest-modules``).

Here and not under ``src/``, where it would ship in the wheel; ``tests/conftest.py`` holds the
fixtures of the test suite.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
EXAMPLE_LIST = ROOT / "examples" / "leerlingen.xlsx"


@pytest.fixture(autouse=True)
def _doctest_folder(request: pytest.FixtureRequest) -> None:
    """Run each doctest in an empty folder of its own holding ``leerlingen.xlsx``, the
    example list, so an example can write ``noor.docx`` or call
    ``opp_docs.generate("leerlingen.xlsx", "plannen")`` as a user would.

    Only the items collected from ``src/`` are doctests (pytest's ``DoctestItem`` is not
    public API); the other tests get neither the folder nor the chdir.
    """
    if not request.node.path.is_relative_to(SRC):
        return
    folder: Path = request.getfixturevalue("tmp_path")
    shutil.copy(EXAMPLE_LIST, folder)
    request.getfixturevalue("monkeypatch").chdir(folder)

"""Where the bundled data files are: the official form's reconstruction and, later, mappings.

In an installed wheel they live in ``opp_docs/_data/<folder>/``; in a source checkout
(editable install, tests) they are the repository's own ``templates/`` and ``mappings/``.
"""

from __future__ import annotations

from pathlib import Path

from opp_docs.errors import FileError, Location, Problem

__all__ = ["DEFAULT_TEMPLATE", "bundled_file"]

DEFAULT_TEMPLATE = "OPP_2024-2025.docx"

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent  # src/opp_docs -> repository root


def bundled_file(folder: str, name: str) -> Path:
    """Return the path of a bundled data file, e.g. ``bundled_file("templates", name)``."""
    for base in (_PACKAGE / "_data", _CHECKOUT):
        candidate = base / folder / name
        if candidate.is_file():
            return candidate
    raise FileError(
        Problem(
            code="bestand.niet_meegeleverd",
            message=(
                f"Het meegeleverde bestand '{folder}/{name}' ontbreekt. "
                "Installeer opp-docs opnieuw."
            ),
            location=Location(file=f"{folder}/{name}"),
        )
    )

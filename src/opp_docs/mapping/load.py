"""Loading a mapping file: TOML, the schema, then the check against the model."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from opp_docs.errors import Location, Problem, TemplateError
from opp_docs.mapping.paths import check_against_model
from opp_docs.mapping.schema import Mapping
from opp_docs.resources import bundled_file

__all__ = ["DEFAULT_MAPPING", "as_mapping", "default_mapping", "load_mapping"]

DEFAULT_MAPPING = "OPP_2024-2025.toml"


def load_mapping(path: str | os.PathLike[str] | None = None) -> Mapping:
    """Read and validate a mapping file (default: the bundled 2024-2025 mapping).

    ``path`` is a TOML file like ``mappings/OPP_2024-2025.toml``. It is checked against its
    schema and against the model, so that a wrong path or a missing option fails here, in
    Dutch, and not halfway through a fill. Raises :class:`~opp_docs.errors.TemplateError`
    with every problem of the file.

    >>> import opp_docs
    >>> mapping = opp_docs.load_mapping()
    >>> mapping.name, list(mapping.sections)[:3]
    ('OPP 2024-2025', ['titel', 'A', 'B'])
    """
    source = Path(path) if path is not None else bundled_file("mappings", DEFAULT_MAPPING)
    location = Location(file=str(source))
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TemplateError(
            Problem("mapping.niet_gevonden", "Het mappingbestand bestaat niet.", location)
        ) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(
            Problem(
                "mapping.onleesbaar",
                f"Het mappingbestand is geen geldige TOML ({exc}). Controleer de opmaak.",
                location,
            )
        ) from exc
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(
            [
                Problem(
                    "mapping.ongeldig",
                    f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}",
                    location,
                )
                for error in exc.errors(include_url=False)
            ]
        ) from exc
    problems = check_against_model(mapping)
    if problems:
        raise TemplateError([Problem(p.code, p.message, location, p.input) for p in problems])
    return mapping


@cache
def default_mapping() -> Mapping:
    """The bundled mapping, loaded once per process."""
    return load_mapping()


def as_mapping(mapping: Mapping | str | os.PathLike[str] | None) -> Mapping | None:
    """``mapping`` as read: a :class:`Mapping` as it is, a path through :func:`load_mapping`."""
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    return load_mapping(mapping)

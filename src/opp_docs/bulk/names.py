"""File names for generated plans: from a pattern, safe on every file system, unique."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

# Not typing.TYPE_CHECKING: the command table (`opp --help`) imports this module, not typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from opp_docs.model import Leerling

__all__ = [
    "DEFAULT_PATTERN",
    "MAX_NAME",
    "NameAllocator",
    "family",
    "fill_pattern",
    "form_file_name",
    "safe_name",
    "student_values",
    "unique_names",
]

DEFAULT_PATTERN = "{leerlingnummer} {naam} {formulier}.docx"
"""The default file name of a generated form; ``{formulier}`` is the mapping's ``name`` (the
form's name, "OPP 2024-2025" for the bundled one)."""
MAX_NAME = 120  # characters; leaves room for long folder paths on Windows (260 in all)

_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_NUMBERED = re.compile(r"( \(\d+\))+$")  # the " (2)" that NameAllocator adds, repeated


def safe_name(name: str, suffix: str = ".docx") -> str:
    """A file name without path separators, reserved characters or names, within
    :data:`MAX_NAME` characters, ending in ``suffix``."""
    stem = name[: -len(suffix)] if name.lower().endswith(suffix) else name
    stem = unicodedata.normalize("NFC", stem)
    stem = " ".join(stem.split())  # tabs and newlines from a name cell
    stem = _FORBIDDEN.sub("_", stem)
    stem = stem.strip(" .")  # Windows drops trailing dots and spaces
    if not stem:
        stem = "OPP"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    stem = stem[: MAX_NAME - len(suffix)].rstrip(" .")
    return stem + suffix


def unique_names(names: list[str]) -> list[str]:
    """The names, a later duplicate (ignoring case, as Windows and macOS do) getting ' (2)'."""
    seen: dict[str, int] = {}
    taken = {name.casefold() for name in names}
    result = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen[key] = 1
            result.append(name)
            continue
        stem, dot, extension = name.rpartition(".")
        count = seen[key]
        while True:
            count += 1
            candidate = f"{stem} ({count}).{extension}" if dot else f"{name} ({count})"
            if candidate.casefold() not in taken:
                break
        seen[key] = count
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def fill_pattern(pattern: str, values: Mapping[str, str | None]) -> str:
    """``pattern`` with ``{leerlingnummer}``, ``{naam}`` and ``{klas}`` filled in."""
    return pattern.format_map({key: value or "" for key, value in values.items()})


def student_values(leerling: Leerling) -> dict[str, str | None]:
    """The values of a plan's student that a file name pattern may use."""
    return {"leerlingnummer": leerling.leerlingnummer, "naam": leerling.naam, "klas": leerling.klas}


def form_file_name(
    pattern: str, student: Mapping[str, str | None], form: str, suffix: str = ".docx"
) -> str:
    """A student's form's file name: ``pattern`` with the student's values (from the workbook
    row, or :func:`student_values`) and ``{formulier}``, the form's name, filled in; made
    safe (:func:`safe_name`), ending in ``suffix``."""
    return safe_name(fill_pattern(pattern, {**student, "formulier": form}), suffix)


class NameAllocator:
    """Unique names one at a time, as plans come (for streaming): a name taken before,
    ignoring case, gets ' (2)', ' (3)', ..."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, name: str) -> str:
        candidate = name
        stem, dot, extension = name.rpartition(".")
        count = 1
        while candidate.casefold() in self._taken:
            count += 1
            candidate = f"{stem} ({count}).{extension}" if dot else f"{name} ({count})"
        self._taken.add(candidate.casefold())
        return candidate

    def release(self, name: str) -> None:
        """Give back a name taken: its file is not made after all, so a later one may have it."""
        self._taken.discard(name.casefold())


def family(name: str) -> str:
    """What all names :meth:`NameAllocator.take` can give for ``name`` have in common,
    ignoring case: ``"x.docx"``, ``"X (2).docx"`` and ``"x (2) (3).docx"`` are one family.
    Only names of one family can take each other's place."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    return _NUMBERED.sub("", stem).casefold() + dot + extension.casefold()

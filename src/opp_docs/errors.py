"""The one exception family of opp-docs, and the problem record it carries.

Every error a user can cause is an :class:`OppError`. It carries one or more
:class:`Problem` records: a stable code, a Dutch message, where it happened and the
offending input (modelled on pydantic's ``type``/``loc``/``input``)::

    OppError                    anything opp-docs refuses, with problems attached
    ├── InputError              the user's input is wrong (a file, a JSON plan, a cell)
    │   ├── FileError           a file cannot be read or written (missing, exists, not a docx)
    │   └── InvalidPlanError    values do not fit the model (collected, all at once)
    ├── TemplateError           a template or mapping does not fit the code
    └── DocxError               the WordprocessingML layer refuses an operation
        ├── UnsafePackageError  a package is unsafe to open (DTD, entity, zip bomb, ...)
        └── InvalidTextError    text holds characters XML 1.0 cannot store

Tests assert on ``code`` and ``location``, never on wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "DocxError",
    "FileError",
    "InputError",
    "InvalidPlanError",
    "InvalidTextError",
    "Location",
    "OppError",
    "Problem",
    "TemplateError",
    "UnsafePackageError",
]


@dataclass(frozen=True)
class Location:
    """Where a problem is: any of file, sheet, row, column, form label and model path.

    Attributes:
        file: The file, as the caller named it.
        sheet: The workbook's sheet.
        row: The row: of a sheet, or the line of a JSON file.
        column: The header of the column.
        label: The label printed on the form beside the field.
        path: The field's place in the model: ``("evaluaties", 0, "datum")``.
    """

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    label: str | None = None
    path: tuple[str | int, ...] = ()

    def describe(self) -> str:
        """The location in Dutch, most specific last: "bestand 'x.xlsx', blad 'A', rij 7"."""
        parts: list[str] = []
        if self.file is not None:
            parts.append(f"bestand '{self.file}'")
        if self.sheet is not None:
            parts.append(f"blad '{self.sheet}'")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column is not None:
            parts.append(f"kolom '{self.column}'")
        if self.label is not None:
            parts.append(f"veld '{self.label}'")
        if self.path and not parts:
            parts.append("veld " + ".".join(str(p) for p in self.path))
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One problem: a stable code, a Dutch message, its place and the raw input.

    ``str(problem)`` is the place and the message, in Dutch. ``input`` holds the offending
    value for the caller; it is never logged or put into an exception's string form (it may
    be personal data).

    Attributes:
        code: A stable code, ``area.what`` (``bestand.bestaat_al``, ``waarde.date_parsing``);
            ``docs/foutmeldingen.md`` lists them all. Test and branch on it, not on wording.
        message: What is wrong and what to do, in Dutch.
        location: Where it is.
        input: The offending value as found (a cell's content, text outside the fields).
    """

    code: str
    message: str
    location: Location = field(default_factory=Location)
    input: Any = None

    def __str__(self) -> str:
        where = self.location.describe()
        return f"{where}: {self.message}" if where else self.message

    def in_file(self, file: str, row: int | None = None) -> Problem:
        """This problem located in ``file`` (and ``row``) where it names no file yet.

        >>> Problem("x.y", "Zo.").in_file("plan.json").location.file
        'plan.json'
        """
        if self.location.file is not None:
            return self
        at = self.location.row if self.location.row is not None else row
        return replace(self, location=replace(self.location, file=file, row=at))


class OppError(Exception):
    """Base of every error opp-docs raises on purpose; holds one or more problems.

    ``str(error)`` is one line per problem. Catch this one class to handle every error a
    user can cause.

    Attributes:
        problems: The problems, at least one, in the order found.
    """

    def __init__(self, problems: Problem | Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        if not self.problems:
            raise ValueError("an OppError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[OppError], tuple[tuple[Problem, ...]]]:
        # Rebuilt from its problems, not from the message (an error sent back from a worker
        # process keeps its class, problems and text).
        return type(self), (self.problems,)

    @property
    def code(self) -> str:
        """The code of the first problem (most errors carry exactly one)."""
        return self.problems[0].code


class InputError(OppError):
    """The user's input is wrong."""


class FileError(InputError):
    """A file cannot be read or written."""


class InvalidPlanError(InputError):
    """Values do not fit the model; all problems are collected before raising."""


class TemplateError(OppError):
    """A template or mapping does not fit what the code expects."""


class DocxError(OppError):
    """The WordprocessingML layer refuses an operation."""


class UnsafePackageError(DocxError):
    """A package is unsafe to open: a DTD, an entity, a zip bomb, an outside reference."""


class InvalidTextError(DocxError):
    """Text holds characters that XML 1.0 cannot store (control characters, lone surrogates)."""

"""Plans from any file a school has: a filled form (.docx), a plan (.json) or a workbook (.xlsx).

    result = read_plans("overzicht.xlsx")
    result.plans       # LoadedPlan: the plan, its file and row, whether signatures are known
    result.problems    # rows of a workbook that were held back (each with sheet, row, column)

    files, problems = expand_sources(["plannen/", "extra/*.docx", "noor.json"])
    for read in iter_plans(["plannen/", "overzicht.xlsx"]):   # one file at a time
        read.plans, read.problems

A file that cannot be read at all raises :class:`~opp_docs.errors.OppError` with the file
in its location. Only a parsed form knows whether its signature boxes hold a signature.
:func:`expand_sources` is the one way every command and function that takes many files turns
what a user typed (files, folders, quoted glob patterns, as Windows shells expand none) into
files.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from opp_docs.errors import FileError, Location, OppError, Problem
from opp_docs.excel.read import read_workbook
from opp_docs.mapping import Mapping, as_mapping
from opp_docs.model import OPP
from opp_docs.parsing import parse
from opp_docs.planfile import load_plan

__all__ = ["SUFFIXES", "LoadedPlan", "LoadedPlans", "expand_sources", "iter_plans", "read_plans"]

SUFFIXES = (".docx", ".json", ".xlsx")
"""What :func:`read_plans` reads: filled forms, plan files and workbooks."""

_KINDS = {".docx": "formulier (.docx)", ".json": "plan (.json)", ".xlsx": "werkmap (.xlsx)"}


Sources = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One source or many: a file, a folder or a glob pattern each."""


def _wanted(path: Path, suffixes: tuple[str, ...]) -> bool:
    # Word's lock files (~$noor.docx) and hidden files (.noor.docx.tmp) are never plans.
    return path.suffix.lower() in suffixes and not path.name.startswith(("~$", "."))


def _outside(path: Path, excluded: list[Path]) -> bool:
    resolved = path.resolve()
    return not any(resolved.is_relative_to(folder) for folder in excluded)


def expand_sources(
    sources: Sources,
    suffixes: tuple[str, ...] = SUFFIXES,
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> tuple[list[Path], list[Problem]]:
    """The files that ``sources`` name, each once, and a problem for each source naming none.

    A source is a file (taken whatever its extension, so a wrong one is reported by the
    reader), a folder (every file with one of ``suffixes`` in it and its subfolders, sorted)
    or a glob pattern (``plannen/*.docx``, ``**`` for any depth, sorted). One ``str`` or path
    is one source, not a sequence of characters. A folder gives no workbooks (.xlsx): beside
    the forms lie the reports (``meldingen.xlsx``, an overview), not plans; name a workbook
    itself or by a pattern. Nothing below a folder of ``exclude`` (say the output folder of
    the job) is taken from a folder or a pattern.

    >>> import opp_docs
    >>> files, problems = opp_docs.expand_sources(["leerlingen.xlsx", "plannen/*.docx"])
    >>> [file.name for file in files], [problem.code for problem in problems]
    (['leerlingen.xlsx'], ['bestand.niet_gevonden'])
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    excluded = [Path(folder).resolve() for folder in exclude]
    in_folders = tuple(suffix for suffix in suffixes if suffix != ".xlsx")
    files: list[Path] = []
    seen: set[Path] = set()
    problems: list[Problem] = []
    for source in sources:
        text = os.fspath(source)
        path = Path(text)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and _wanted(p, in_folders) and _outside(p, excluded)
            )
        elif path.is_file():
            found = [path]
        elif glob.has_magic(text):
            found = sorted(
                Path(p)
                # A user's pattern may be absolute ('C:/data/*.docx'); Path.glob takes only
                # relative ones.
                for p in glob.glob(text, recursive=True)  # noqa: PTH207
                if Path(p).is_file() and _wanted(Path(p), suffixes) and _outside(Path(p), excluded)
            )
        else:
            found = []
        if not found:
            kinds = " of ".join(_KINDS.get(suffix, suffix) for suffix in suffixes)
            problems.append(
                Problem(
                    "bestand.niet_gevonden",
                    f"Hier staat geen {kinds}. Controleer de naam, de map of het patroon.",
                    Location(file=text),
                )
            )
        for item in found:
            if item not in seen:
                seen.add(item)
                files.append(item)
    return files, problems


@dataclass(frozen=True)
class LoadedPlan:
    """One plan and where it came from.

    Attributes:
        plan: The plan.
        file: The file it was read from.
        row: For a plan from a workbook, its row on the sheet Leerlingen.
        signatures_known: True for a plan parsed from a form: only a form shows whether a
            signature box holds a signature (``check_plan(..., signatures_known=True)``).
        problems: What parse could not place in the form; empty for a .json or .xlsx plan.
    """

    plan: OPP
    file: str
    row: int | None = None
    signatures_known: bool = False
    problems: tuple[Problem, ...] = ()


@dataclass
class LoadedPlans:
    """The plans of one file, and the problems of what was held back.

    Attributes:
        plans: The plans read: one from a form or a plan file, one per student from a
            workbook.
        problems: What was held back: the rows of a workbook that are not valid, each with
            sheet, row and column; from :func:`iter_forms` and :func:`iter_plans`, why a
            source gave no plan.
    """

    plans: list[LoadedPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_plans(
    path: str | os.PathLike[str], *, mapping: Mapping | str | os.PathLike[str] | None = None
) -> LoadedPlans:
    """Every plan in ``path``: a filled form (.docx, one plan), a plan (.json, one) or a
    workbook (.xlsx, one per student row; the rows held back are ``problems``). A form is
    read through ``mapping`` (a :class:`~opp_docs.Mapping` or a mapping file's path;
    default the bundled one), for a form other than the bundled OPP 2024-2025.

    Raises :class:`~opp_docs.errors.OppError` when the file cannot be read at all, a file of
    another kind too (``bestand.onbekend_soort``).

    >>> import opp_docs
    >>> result = opp_docs.read_plans("leerlingen.xlsx")
    >>> len(result.plans), [(problem.code, problem.location.row) for problem in result.problems]
    (30, [('excel.datum_bestaat_niet', 15)])
    """
    path = Path(path)
    suffix = path.suffix.lower()
    file = str(path)
    if suffix == ".docx":
        result = parse(path, mapping)
        return LoadedPlans(
            [LoadedPlan(result.plan, file, signatures_known=True, problems=tuple(result.problems))]
        )
    if suffix == ".json":
        return LoadedPlans([LoadedPlan(load_plan(path), file)])
    if suffix == ".xlsx":
        workbook = read_workbook(path)
        return LoadedPlans(
            [LoadedPlan(source.plan, file, row=source.row) for source in workbook.plans],
            list(workbook.problems),
        )
    raise FileError(
        Problem(
            "bestand.onbekend_soort",
            "Dit soort bestand kan opp niet lezen. Kies een ingevuld formulier (.docx), een "
            "plan (.json) of een werkmap (.xlsx).",
            Location(file=file),
        )
    )


def iter_plans(
    sources: Sources,
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    mapping: Mapping | str | os.PathLike[str] | None = None,
) -> Iterator[LoadedPlans]:
    """The plans of every file of ``sources`` (see :func:`expand_sources`), one file at a time.

    Never raises for one file: a source naming nothing, or a file that cannot be read, gives
    no plans and its problems, each located in its file; the other files are still read.
    The sources that name nothing come first, then the files in order, each read by
    :func:`read_plans` (forms through ``mapping``, read once).

    >>> import opp_docs
    >>> for read in opp_docs.iter_plans(["leerlingen.xlsx", "geen-map/*.json"]):
    ...     print(len(read.plans), [problem.code for problem in read.problems])
    0 ['bestand.niet_gevonden']
    30 ['excel.datum_bestaat_niet']
    """
    loaded = as_mapping(mapping)  # read once, for every form
    files, missing = expand_sources(sources, exclude=exclude)
    for problem in missing:
        yield LoadedPlans([], [problem])
    for path in files:
        try:
            read = read_plans(path, mapping=loaded)
        except OppError as exc:
            yield LoadedPlans([], [problem.in_file(str(path)) for problem in exc.problems])
            continue
        read.problems = [problem.in_file(str(path)) for problem in read.problems]
        yield read

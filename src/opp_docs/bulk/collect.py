"""``opp collect``: many filled forms into one workbook, in the layout ``generate`` reads.

    result = collect([Path("ingevuld/")], Path("overzicht.xlsx"))

Sources are files, folders (every .docx below them, Word's ``~$`` lock files skipped) and glob
patterns. A form that cannot be read is reported and skipped; every finding of every form goes
to the ``Meldingen`` sheet with its file. Values a spreadsheet would take for a formula are
stored as text.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from opp_docs.errors import Location, OppError, Problem
from opp_docs.excel.write import OverviewRows, workbook_bytes
from opp_docs.files import write_atomic
from opp_docs.mapping import Mapping, load_mapping
from opp_docs.model import OPP
from opp_docs.parse import parse

__all__ = ["CollectResult", "collect", "expand_sources"]


@dataclass
class CollectResult:
    """What ``collect`` did: the forms read, the problems, the workbook written."""

    files: list[Path] = field(default_factory=list)
    plans: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0


def expand_sources(sources: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The .docx files that ``sources`` name, in a stable order, and sources that name none."""
    files: list[Path] = []
    problems: list[Problem] = []
    for source in sources:
        text = str(source)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.docx") if not p.name.startswith("~$"))
        elif path.is_file():
            found = [path]
        elif glob.has_magic(text):
            found = sorted(
                Path(p)
                # A user's pattern may be absolute ('/data/*.docx'); Path.glob takes only
                # relative ones.
                for p in glob.glob(text, recursive=True)  # noqa: PTH207
                if not Path(p).name.startswith("~$")
            )
        else:
            found = []
        if not found:
            problems.append(
                Problem(
                    "bestand.niet_gevonden",
                    "Hier staat geen formulier (.docx). Controleer de naam of de map.",
                    Location(file=text),
                )
            )
        files.extend(p for p in found if p not in files)
    return files, problems


_MAPPING: dict[str, Mapping | None] = {}


def _init(mapping: Mapping | None) -> None:
    _MAPPING["mapping"] = mapping


def _read(path: Path) -> tuple[OPP | None, list[Problem]]:
    try:
        result = parse(path, _MAPPING.get("mapping"))
    except OppError as exc:
        first = exc.problems[0]
        return None, [Problem(first.code, first.message, Location(file=str(path)), None)]
    problems = list(result.problems)
    if not result.plan.leerling.leerlingnummer:
        problems.append(
            Problem(
                "excel.leerlingnummer_ontbreekt",
                "Het formulier heeft geen leerlingnummer; in het overzicht zijn de rijen van "
                "de andere bladen niet aan deze leerling te koppelen. Vul het nummer in.",
                Location(file=str(path), label="Leerlingnummer"),
            )
        )
    return result.plan, problems


def collect(
    sources: Sequence[str | Path],
    output: Path,
    *,
    overwrite: bool = False,
    mapping: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> CollectResult:
    """Read every form of ``sources`` and write the overview workbook ``output``."""
    # Read once, here: a broken mapping stops before any form is read.
    loaded = None if mapping is None else load_mapping(mapping)
    files, problems = expand_sources(sources)
    result = CollectResult(files=files, problems=problems)
    if on_total is not None:
        on_total(len(files))
    rows = OverviewRows()  # each plan's rows as it comes in: no plan is kept
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))

    def take(outcome: tuple[OPP | None, list[Problem]]) -> None:
        plan, found = outcome
        result.problems.extend(found)
        if plan is None:
            result.skipped += 1
        else:
            rows.add(plan)
        if progress is not None:
            progress(rows.plans + result.skipped)

    if workers == 1:
        _init(loaded)
        for path in files:
            take(_read(path))
    else:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(loaded,)) as pool:
            for outcome in pool.map(_read, files, chunksize=max(1, len(files) // (workers * 8))):
                take(outcome)
    result.plans = rows.plans
    write_atomic(output, workbook_bytes(rows, problems=result.problems), overwrite=overwrite)
    return result

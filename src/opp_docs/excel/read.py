"""Read plans from a workbook: the layout's sheets, or a student administration's export.

Plans are read one student at a time, so that memory does not grow with the number of
students. A first pass reads only the Leerlingnummer column of every sheet, at about a
quarter of the cost of a full read (:mod:`opp_docs.excel.sheetrows`): how many students
there are, which numbers stand on more than one row (all of those plans are held back), and
how many rows each student has on each list sheet. Then the plans sheet and every list sheet
are read side by side, each from top to bottom once: for each student, each list sheet is
read on until that student's rows are in. Rows of students further down wait until their
turn; usually there are none, as ``opp verzamelen`` writes the rows in the students' order and
people mostly keep it. A row whose number belongs to no student is reported where it stands.

Only known columns are read; others (an export's address or BSN columns) are ignored and
never stored (:mod:`opp_docs.excel.draft`). Every value is checked where it stands, every
plan is validated once by the model, and every problem keeps its sheet, row, column and
value. A plan with a problem is held back; the others are returned. Whatever the order of
the rows, the problems come in one order: the plans sheet's, the numbers on more than one
row, each list sheet's by row, and then the model's, plan by plan.

Finding each student's rows is kept apart from building its plan
(:func:`opp_docs.excel.draft.build`): :meth:`WorkbookPlans.iter_students` gives the rows as
read, flat values, so ``generate`` has its worker processes build, validate and fill while
this process reads on; :meth:`WorkbookPlans.iter_plans` builds them here.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
from array import array
from collections import Counter
from collections.abc import Generator, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from opp_docs.docx.package import check_archive
from opp_docs.errors import FileError, Location, OppError, Problem, UnsafePackageError
from opp_docs.excel.draft import (
    PLANS,
    Columns,
    RawRow,
    Reading,
    StudentPlan,
    StudentRows,
    blank,
    build,
    header_map,
    list_key,
    plan_key,
)
from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, Sheet, layout
from opp_docs.excel.sheetrows import column_values, sheet_rows
from opp_docs.model import OPP

__all__ = [
    "SourcePlan",
    "WorkbookPlans",
    "end_first_pass",
    "key_counts",
    "open_workbook",
    "prepare_first_pass",
    "read_workbook",
]


@dataclass(frozen=True)
class SourcePlan:
    """A valid plan and the row of the plans sheet it came from."""

    plan: OPP
    row: int


@dataclass
class WorkbookPlans:
    """What a workbook held: the valid plans, the problems, and the columns not read.

    From :func:`open_workbook`, ``plans`` stays empty and :meth:`iter_plans` reads and
    validates the plans one at a time; ``problems`` and ``row_count`` are complete when it
    ends.
    """

    plans: list[SourcePlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    row_count: int = 0  # rows of the plans sheet that held anything
    file: str = ""
    sheet: str = PLANS  # the plans sheet as the workbook names it ('Export' in an export)
    _stream: _Stream | None = field(default=None, repr=False)

    @property
    def pending_count(self) -> int:
        """How many students :meth:`iter_plans` has still to go through (a student whose
        plan has a problem counts here but is not yielded)."""
        return 0 if self._stream is None else self._stream.pending

    @property
    def reading(self) -> Reading:
        """What building a plan from :meth:`iter_students`'s rows needs besides the rows."""
        if self._stream is None:
            raise ValueError("the workbook is closed")
        return self._stream.reading

    def iter_plans(self) -> Generator[SourcePlan, None, None]:
        """Read, validate and yield the plans in row order; the workbook is closed at the
        end (or by :meth:`close`, for a caller that stops early)."""
        stream = self._stream
        if stream is None:
            return
        try:
            for rows in self.iter_students():
                built = build(stream.reading, rows)
                self.add(built)
                if built.plan is not None:
                    yield SourcePlan(built.plan, built.row)
            self.finish()
        finally:
            self.close()

    def iter_students(self) -> Generator[StudentRows, None, None]:
        """Every row of the plans sheet with its student's rows of the list sheets, in row
        order, to be built elsewhere (:func:`~opp_docs.excel.draft.build` with
        :attr:`reading`, in a worker process, say). Hand each row's
        :class:`~opp_docs.excel.draft.StudentPlan` to :meth:`add`, in this order, then call
        :meth:`finish`. The workbook's file is closed when the rows end."""
        stream = self._stream
        if stream is None:
            return
        try:
            with _translated(self.file):
                yield from stream.student_rows()
        finally:
            stream.close()

    def add(self, built: StudentPlan) -> None:
        """Take the problems of one row built from :meth:`iter_students` (in its order)."""
        if self._stream is not None:
            self._stream.add(built)

    def finish(self) -> None:
        """All rows are built and added: ``problems`` and ``row_count`` are complete."""
        stream = self._stream
        if stream is None:
            return
        self.problems.extend(stream.problems())
        self.row_count = stream.rows
        self.close()

    def close(self) -> None:
        """Close the workbook; nothing more is read from it."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()


def read_workbook(path: str | os.PathLike[str], *, strict: bool = False) -> WorkbookPlans:
    """Read and validate every plan of a workbook (see the module docstring)."""
    result = open_workbook(path, strict=strict)
    result.plans = list(result.iter_plans())
    return result


def open_workbook(
    path: str | os.PathLike[str], *, strict: bool = False, pool: Executor | None = None
) -> WorkbookPlans:
    """Open a workbook and make its first pass; :meth:`WorkbookPlans.iter_plans` reads on.

    A cell that does not fit its column is a problem and left empty, the plan is still
    made; with ``strict`` the plan is held back instead (and a multiple choice separated by
    commas is not read). With ``pool`` (worker processes, as ``generate`` has), the first
    pass over the list sheets is made there, alongside this process's over the plans sheet.
    """
    path = Path(path)
    file = str(path)
    check_archive(path, "xlsx")  # what it is if no zip, zip bombs, macros: before openpyxl
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise FileError(
            Problem("bestand.niet_gevonden", "Het bestand bestaat niet.", Location(file=file))
        ) from exc
    except DefusedXmlException as exc:
        raise UnsafePackageError(_unsafe(file)) from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileError(
            Problem(
                "excel.onleesbaar",
                "Dit is geen leesbaar Excel-bestand (.xlsx). Sla het in Excel op als "
                "'Excel-werkmap (.xlsx)' en probeer opnieuw.",
                Location(file=file),
            )
        ) from exc
    stream = _Stream(file, workbook, strict)
    try:
        with _translated(file):
            stream.open(pool)
    except BaseException:
        stream.close()
        raise
    return WorkbookPlans(
        ignored_columns=stream.columns.ignored, file=file, sheet=stream.name, _stream=stream
    )


def _unsafe(file: str) -> Problem:
    return Problem(
        "excel.onveilig",
        "De werkmap bevat XML met een DTD of entiteiten; die wordt niet gelezen. Sla het "
        "bestand opnieuw op in Excel.",
        Location(file=file),
    )


@contextlib.contextmanager
def _translated(file: str) -> Iterator[None]:
    """A broken or unsafe part found while the sheets are read, as the user's problem."""
    try:
        yield
    except DefusedXmlException as exc:
        raise UnsafePackageError(_unsafe(file)) from exc
    except (ElementTree.ParseError, etree.XMLSyntaxError, zipfile.BadZipFile, KeyError) as exc:
        raise FileError(
            Problem(
                "excel.onleesbaar",
                "Een deel van de werkmap is beschadigd en kan niet worden gelezen. Open het "
                "bestand in Excel, sla het opnieuw op en probeer het nog eens.",
                Location(file=file),
            )
        ) from exc


@dataclass(frozen=True)
class _Students:
    """The first pass over the plans sheet: each Leerlingnummer that stands on one row, by
    its place among the students; and those that stand on more than one."""

    places: dict[str, int]
    repeated: frozenset[str]
    size: int  # places handed out, those of repeated numbers included


def _students(worksheet: Any, columns: Columns) -> _Students:
    keys = columns.plan_keys
    places: dict[str, int] = {}
    repeated: set[str] = set()
    size = 0
    for number, values in column_values(worksheet, [i for i, _ in keys]):
        if number == 1:
            continue  # the headers
        key = plan_key(zip((c for _, c in keys), values, strict=True))
        if key is None or key in repeated:
            continue
        if key in places:
            del places[key]
            repeated.add(key)
            continue
        places[key] = size
        size += 1
    return _Students(places, frozenset(repeated), size)


def key_counts(worksheet: Any, key: int) -> dict[str, int]:
    """The first pass over a list sheet: how many rows each Leerlingnummer (as
    :func:`~opp_docs.excel.draft.list_key` reads it) has in column ``key``."""
    found: Counter[str] = Counter()
    for number, (raw,) in column_values(worksheet, [key]):
        if number > 1:
            found[list_key(raw) or ""] += 1
    return found


# The workbook a worker process has open for _key_counts_of: (path, size, time) and it.
_OPENED: dict[str, tuple[tuple[str, int, int], Any]] = {}


def _opened(path: str) -> Any:
    """The workbook at ``path``, opened in this process once (while it is not changed)."""
    stat = Path(path).stat()
    signature = (path, stat.st_size, stat.st_mtime_ns)
    opened = _OPENED.get("workbook")
    if opened is None or opened[0] != signature:
        if opened is not None:
            opened[1].close()
        check_archive(Path(path), "xlsx")  # as open_workbook does, before openpyxl
        opened = signature, load_workbook(path, read_only=True, data_only=True)
        _OPENED["workbook"] = opened
    return opened[1]


def prepare_first_pass(path: str | os.PathLike[str]) -> None:
    """Open the workbook in this process now, for the first pass that
    :func:`open_workbook` with a ``pool`` has made here: a worker process that does this
    while the caller opens the workbook saves the caller that time. A workbook that cannot
    be read is left to the caller to report."""
    # open_workbook reports what is wrong with it, in the caller's process.
    with contextlib.suppress(
        OppError, OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException
    ):
        _opened(str(Path(path).absolute()))


def end_first_pass() -> None:
    """Close the workbook :func:`prepare_first_pass` opened in this process, if any: the
    first pass is over, and it holds the workbook's shared strings and an open file."""
    opened = _OPENED.pop("workbook", None)
    if opened is not None:
        opened[1].close()


def _key_counts_of(path: str, file: str, sheet: str, key: int) -> dict[str, int]:
    """:func:`key_counts` of one sheet of the workbook at ``path`` (``file`` as the caller
    named it), in a worker process, which opens the workbook once for all its sheets; an
    ``OppError`` comes back to the caller as it was raised."""
    with _translated(file):
        return key_counts(_opened(path)[sheet], key)


class _ListSheet:
    """A list sheet read alongside the plans sheet: each student's rows are taken when the
    student comes up; a row of a student further down waits until then."""

    def __init__(
        self,
        file: str,
        worksheet: Any,
        sheet: Sheet,
        source: Iterator[tuple[Any, ...]],
        plans_sheet: str,
    ) -> None:
        self.file = file
        self.worksheet = worksheet
        self.sheet = sheet
        self.plans_sheet = plans_sheet
        self.problems: list[Problem] = []
        # Rows of numbers that belong to no student, by number (None: no number), in order.
        self.unknown: dict[str | None, tuple[Any, list[int]]] = {}
        self.waiting: dict[int, list[RawRow]] = {}
        self.counts = array("I")
        self._rows = enumerate(source, start=1)
        _, headers = next(self._rows, (1, ()))
        self.columns = header_map(headers, sheet, with_aliases=False)
        self._owned: Iterator[tuple[int, RawRow]] = iter(())
        self.key = self.columns.index(KEY_HEADER)
        if self.key is None or (sheet.numbered and self.columns.index(NUMBER_HEADER) is None):
            self.key = None  # the rows are not read
            needed = f"'{KEY_HEADER}'" + (f" en '{NUMBER_HEADER}'" if sheet.numbered else "")
            self.problems.append(
                Problem(
                    "excel.kolom_ontbreekt",
                    f"Het blad mist de kolom {needed}; de rijen zijn niet gelezen.",
                    Location(file=file, sheet=sheet.name, row=1),
                )
            )

    def count(self, students: _Students, keys: dict[str, int]) -> None:
        """Take the first pass over this sheet (:func:`key_counts`): from now on each
        student's rows are known in number, and the sheet can be read alongside."""
        self.counts = array("I", [0]) * students.size
        for key, count in keys.items():
            place = students.places.get(key)
            if place is not None:
                self.counts[place] += count
        if self.key is not None:
            self._owned = self._read(self._rows, self.key, students)

    def _read(
        self, rows: Iterator[tuple[int, tuple[Any, ...]]], key: int, students: _Students
    ) -> Iterator[tuple[int, RawRow]]:
        """The rows that belong to a student, as read, with the student's place; a row of an
        unknown number is reported, one of a number held back is passed over."""
        for number, values in rows:
            if blank(values):
                continue
            raw = values[key] if key < len(values) else None
            found = list_key(raw)
            place = None if found is None else students.places.get(found)
            if place is not None:
                yield place, (number, values)
            elif found is None or found not in students.repeated:
                self.unknown.setdefault(found or None, (raw, []))[1].append(number)

    def _unknown_problems(self) -> None:
        """One problem per number that belongs to no student, at its first row."""
        for found, (raw, rows) in self.unknown.items():
            where = Location(file=self.file, sheet=self.sheet.name, row=rows[0], column=KEY_HEADER)
            listed = _rows_text(rows)
            if found is None:
                self.problems.append(
                    Problem(
                        "excel.leerlingnummer_ontbreekt",
                        f"{listed} heeft geen leerlingnummer en is niet gebruikt. Vul het "
                        f"leerlingnummer in; het koppelt de rij aan het blad '{self.plans_sheet}'.",
                        where,
                        raw,
                    )
                )
                continue
            self.problems.append(
                Problem(
                    "excel.onbekende_leerling",
                    f"Leerlingnummer {found} staat niet op het blad '{self.plans_sheet}'; "
                    f"{listed[0].lower()}{listed[1:]} is niet gebruikt. Controleer het nummer, "
                    f"of zet de leerling op het blad '{self.plans_sheet}'.",
                    where,
                    raw,
                )
            )

    def take(self, place: int) -> list[RawRow]:
        """The rows of the student at ``place``, in row order, reading on as far as needed."""
        found = self.waiting.pop(place, [])
        while len(found) < self.counts[place]:
            entry = next(self._owned, None)
            if entry is None:
                break
            owner, row = entry
            if owner == place:
                found.append(row)
            elif owner > place:
                self.waiting.setdefault(owner, []).append(row)
            else:
                raise RuntimeError(f"{self.sheet.name} row {row[0]}: its student was done")
        return found

    def finish(self) -> None:
        """Read the rest of the sheet: only rows of unknown numbers can be left."""
        for _, row in self._owned:
            raise RuntimeError(f"{self.sheet.name} row {row[0]}: its student was done")
        if self.waiting:
            raise RuntimeError(f"{self.sheet.name}: rows of students never read")
        self._unknown_problems()


def _rows_text(rows: list[int]) -> str:
    """ "Rij 4" or "3 rijen (4, 9, 12)", the first ten numbers of many."""
    if len(rows) == 1:
        return f"Rij {rows[0]}"
    shown = ", ".join(str(row) for row in rows[:10]) + (", ..." if len(rows) > 10 else "")
    return f"{len(rows)} rijen ({shown})"


class _Stream:
    """The reading of one workbook: the plans sheet row by row, the list sheets alongside."""

    def __init__(self, file: str, workbook: Any, strict: bool = False) -> None:
        self.file = file
        self.workbook = workbook
        self.strict = strict
        # A school's export has one sheet with any name; the layout's own is called Leerlingen.
        self.name = PLANS if PLANS in workbook.sheetnames else workbook.sheetnames[0]
        self.lists: list[_ListSheet] = []
        self.rows = 0
        self.done = 0
        self.plan_problems: list[Problem] = []
        self.model_problems: list[Problem] = []
        self.first_rows: dict[str, int] = {}  # of a number held back, until its second row
        self.repeated_rows: dict[str, list[int]] = {}  # in the order of their second rows
        self._sources: list[Generator[tuple[Any, ...], None, None]] = []

    def open(self, pool: Executor | None = None) -> None:
        """Read the headers and make the first pass (see the module docstring); the list
        sheets' in ``pool`` when given."""
        worksheet = self.workbook[self.name]
        self._rows = enumerate(self._source(worksheet), start=1)
        _, headers = next(self._rows, (1, ()))
        self.columns = header_map(headers, layout()[0], with_aliases=True)
        if not self.columns.plan_keys:
            raise FileError(
                Problem(
                    "excel.geen_leerlingnummer",
                    f"Het blad '{self.name}' heeft geen kolom '{KEY_HEADER}' (of 'Stamnummer'). "
                    "Zet de kolomkoppen in de eerste rij.",
                    Location(file=self.file, sheet=self.name, row=1),
                )
            )
        for kind in layout()[1:]:
            if kind.name in self.workbook.sheetnames:
                listed = self.workbook[kind.name]
                source = self._source(listed)
                self.lists.append(_ListSheet(self.file, listed, kind, source, self.name))
        counted = [sheet for sheet in self.lists if sheet.key is not None]
        if pool is None:
            self.students = _students(worksheet, self.columns)
            counts = [key_counts(sheet.worksheet, sheet.key or 0) for sheet in counted]
        else:
            # The list sheets' first passes in the pool's processes, while this one makes
            # the plans sheet's: nothing can start before all of them are done.
            path = str(Path(self.file).absolute())
            futures = [
                pool.submit(_key_counts_of, path, self.file, sheet.sheet.name, sheet.key or 0)
                for sheet in counted
            ]
            self.students = _students(worksheet, self.columns)
            counts = [future.result() for future in futures]
        for sheet in self.lists:
            sheet.count(self.students, counts.pop(0) if sheet.key is not None else {})
        lists = tuple((sheet.sheet, sheet.columns) for sheet in self.lists)
        self.reading = Reading(self.file, self.name, self.columns, lists, self.strict)

    def _source(self, worksheet: Any) -> Generator[tuple[Any, ...], None, None]:
        rows = sheet_rows(worksheet)
        self._sources.append(rows)  # to be closed with the workbook
        return rows

    @property
    def pending(self) -> int:
        return len(self.students.places) - self.done

    def student_rows(self) -> Iterator[StudentRows]:
        """Each non-blank row of the plans sheet, in row order: a student's with its rows of
        every list sheet; then the list sheets are read to their ends."""
        keys = self.columns.plan_keys
        for number, values in self._rows:
            if blank(values):
                continue
            self.rows += 1
            key = plan_key((c, values[i] if i < len(values) else None) for i, c in keys)
            if key is None:
                yield StudentRows(number, values, missing_key=True)
                continue
            if key in self.students.repeated:
                self._repeated(key, number)
                yield StudentRows(number, values, repeated=True)  # for its cells' problems
                continue
            place = self.students.places.get(key)
            if place is None:
                raise RuntimeError(f"{self.name} row {number}: not seen by the first pass")
            lists = tuple(tuple(sheet.take(place)) for sheet in self.lists)
            self.done += 1
            yield StudentRows(number, values, lists)
        for sheet in self.lists:
            sheet.finish()

    def add(self, built: StudentPlan) -> None:
        """The problems of one row built, each to its place in the order of problems."""
        self.plan_problems.extend(built.problems)
        for sheet, problems in zip(self.lists, built.list_problems, strict=False):
            sheet.problems.extend(problems)
        self.model_problems.extend(built.model_problems)

    def _repeated(self, key: str, number: int) -> None:
        rows = self.repeated_rows.get(key)
        if rows is not None:
            rows.append(number)
        elif key in self.first_rows:
            self.repeated_rows[key] = [self.first_rows.pop(key), number]
        else:
            self.first_rows[key] = number

    def problems(self) -> list[Problem]:
        """Every problem found, in the order of the module docstring."""
        found = list(self.plan_problems)
        for key, rows in self.repeated_rows.items():
            for row in rows:
                found.append(
                    Problem(
                        "excel.leerlingnummer_dubbel",
                        f"Het leerlingnummer staat in {len(rows)} rijen; geen van die plannen is "
                        "gemaakt. Geef elke leerling een eigen nummer.",
                        Location(file=self.file, sheet=self.name, row=row, column=KEY_HEADER),
                        key,
                    )
                )
        for sheet in self.lists:
            found.extend(sorted(sheet.problems, key=lambda p: p.location.row or 0))
        found.extend(self.model_problems)
        return found

    def close(self) -> None:
        for rows in self._sources:
            rows.close()  # each holds an open member of the zip file
        self.workbook.close()

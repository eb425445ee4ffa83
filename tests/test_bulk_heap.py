"""collect leaves the heap it starts with out of the garbage collector's passes while it runs,
and makes the overview's cells while its workers read: the same overview as one job."""

from __future__ import annotations

import gc
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from opp_docs.bulk import collect
from opp_docs.bulk.pool import heap_so_far_frozen
from opp_docs.example import example_plan
from opp_docs.filling import fill_to_path
from opp_docs.model import OPP, Leerling


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    assert gc.get_freeze_count() == 0
    yield
    gc.unfreeze()  # whatever a failing test left


def _walked(item: object) -> bool:
    """Whether the collector's passes see ``item`` (frozen objects are in none of them)."""
    return any(found is item for found in gc.get_objects())


def test_the_heap_is_frozen_for_the_block_and_handed_back() -> None:
    before = [object()]
    with heap_so_far_frozen():
        made_inside = [object()]
        assert not _walked(before)
        assert _walked(made_inside)
    assert _walked(before)
    assert gc.get_freeze_count() == 0


def test_a_freeze_of_the_caller_is_kept() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    with heap_so_far_frozen():
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == frozen  # not unfrozen by the block


def test_the_heap_is_handed_back_when_the_block_fails() -> None:
    with pytest.raises(ValueError), heap_so_far_frozen():
        raise ValueError
    assert gc.get_freeze_count() == 0


def _plans(count: int) -> list[OPP]:
    plans = []
    for number in range(count):
        plan = example_plan() if number % 3 == 0 else OPP(leerling=Leerling(naam=f"L {number}"))
        leerling = plan.leerling.model_copy(update={"leerlingnummer": f"{number + 1:04d}"})
        plans.append(plan.model_copy(update={"leerling": leerling}))
    return plans


def _sheets(path: Path) -> dict[str, bytes]:
    """The overview's members but for the time stamps openpyxl writes."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_collect_with_workers_writes_the_overview_of_one_job(
    tmp_path: Path,
) -> None:
    forms = tmp_path / "ingevuld"
    for index, plan in enumerate(_plans(40)):
        fill_to_path(plan, forms / f"{index:02d}.docx")
    one = collect(forms, tmp_path / "een.xlsx", jobs=1)
    two = collect(forms, tmp_path / "twee.xlsx", jobs=2)
    assert one.plan_count == two.plan_count == 40
    assert _sheets(tmp_path / "een.xlsx") == _sheets(tmp_path / "twee.xlsx")
    assert gc.get_freeze_count() == 0  # handed back

"""heap_so_far_frozen, the block collect reads its forms in: the heap it starts with is out of
the garbage collector's passes until it ends. (That collect hands the heap back, and that its
overview with workers is that of one job: tests/test_generate.py,
test_parallel_output_equals_one_job.)"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from opp_docs.bulk.pool import heap_so_far_frozen


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

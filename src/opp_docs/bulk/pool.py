"""Worker processes for ``generate`` and ``collect`` that also work under ``spawn``.

Windows and macOS start a worker by running the caller's script again (the ``spawn`` start
method). A script that calls ``generate(..., jobs=2)`` at its top level, without
``if __name__ == "__main__":``, would so start workers from every worker; Python stops that
with a RuntimeError in each worker and the caller sees only ``BrokenProcessPool``.
:func:`process_pool` turns that into one Dutch problem that says what to add:

- in a worker that is still importing the caller's script it ends the worker quietly
  (``SystemExit``), before the second pool is made;
- in the caller it raises :class:`~opp_docs.errors.InputError` (``bulk.geen_main_bewaking``)
  when the pool broke under ``spawn`` or ``forkserver``, and ``bulk.werkproces_gestopt`` when
  a worker died otherwise (out of memory, killed).

:func:`heap_so_far_frozen` keeps the garbage collector off what a run does not free.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from opp_docs.errors import InputError, Problem

__all__ = ["GUARD_HINT", "heap_so_far_frozen", "process_pool"]

GUARD_HINT = 'if __name__ == "__main__":'


def _importing_main() -> bool:
    """True in a spawned worker while it re-runs the caller's script.

    ``multiprocessing.spawn`` sets ``_inheriting`` on the current process for exactly that
    time, and checks it itself before it starts a process (``_check_not_importing_main``).
    """
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


@contextmanager
def process_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> Iterator[ProcessPoolExecutor]:
    """A process pool of ``workers`` whose breakdown becomes a Dutch :class:`InputError`."""
    if _importing_main():
        # A worker running the caller's unguarded script: stop here, silently; the caller
        # reports it once (below), instead of one RuntimeError traceback per worker.
        raise SystemExit(1)
    try:
        with ProcessPoolExecutor(workers, initializer=initializer, initargs=initargs) as pool:
            yield pool
    except BrokenProcessPool:
        # Not chained: the broken pool says nothing the message does not, and a script's
        # traceback should end in the one Dutch line, not in BrokenProcessPool.
        if multiprocessing.get_start_method() != "fork":
            raise InputError(
                Problem(
                    "bulk.geen_main_bewaking",
                    "De werkprocessen zijn gestopt. Meestal staat de aanroep in het script niet "
                    f"onder '{GUARD_HINT}'; dat is nodig op Windows en macOS. Zet hem "
                    "daaronder, of gebruik jobs=1.",
                )
            ) from None
        raise InputError(
            Problem(
                "bulk.werkproces_gestopt",
                "Een werkproces is onverwacht gestopt (bijvoorbeeld door te weinig geheugen). "
                "Probeer het opnieuw met minder werkprocessen (jobs).",
            )
        ) from None


@contextmanager
def heap_so_far_frozen() -> Iterator[None]:
    """Leave the objects that exist now out of the cyclic garbage collector's passes until
    the block ends (``gc.freeze``), then hand them back to it (``gc.unfreeze``).

    Reading forms makes Python run a full collection every few dozen forms, and each walked
    every object of the process: the imported modules, the models' schemas, the caller's own
    data, none of which a run frees (0.7 to 1.0 s of 11 to 13 s for 600 forms read in one
    process; a third of that with the freeze).
    Workers forked inside the block inherit it, so they leave those objects alone too (and
    their pages stay shared with this process). Cyclic garbage among those objects is
    collected after the block. The freeze is the process's: in a process with other threads
    (the web app's requests) their objects of before the block wait for it too, and a second
    block that starts inside the first does nothing. A caller that freezes objects itself
    keeps its own freeze: then this does nothing.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

"""The names a package re-exports from its modules, imported the first time they are used.

PEP 562: a package's ``__getattr__`` is asked only for a name it does not hold yet, so the
module that owns the name is imported then, and the value stored in the package, so later
look-ups cost nothing. ``opp_docs``, ``opp_docs.bulk`` and ``opp_docs.companion`` use it to
stay light to import; each keeps an ``if TYPE_CHECKING:`` block with the same names, so mypy
and editors see real imports.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, MutableMapping
    from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, owners: Mapping[str, str], namespace: MutableMapping[str, Any]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose public ``owners`` map each name
    to the module that defines it; ``namespace`` is the package's ``globals()``."""

    def get(name: str) -> object:
        owner = owners.get(name)
        if owner is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(owner), name)
        namespace[name] = value  # later look-ups skip this function
        return value

    def listing() -> list[str]:
        return sorted({*namespace, *owners})

    return get, listing

"""The public surface: __all__ lists exactly what the packages export."""

from __future__ import annotations

import types

import opp_docs
import opp_docs.model


def _public(module: types.ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }


def test_package_all_is_what_it_exports() -> None:
    assert set(opp_docs.__all__) == _public(opp_docs)


def test_model_all_is_what_it_exports() -> None:
    assert set(opp_docs.model.__all__) == _public(opp_docs.model)

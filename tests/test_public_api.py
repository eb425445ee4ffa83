"""The public surface: __all__ lists exactly what the packages export, lazily at the top."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
import types

import pytest

import opp_docs
import opp_docs.model


def _public(module: types.ModuleType) -> set[str]:
    # TYPE_CHECKING = False stands in for typing's (importing typing slows start-up).
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "TYPE_CHECKING"
    }


def _type_checking_names() -> dict[str, str]:
    """The names the ``if TYPE_CHECKING:`` block of opp_docs imports, with their module."""
    tree = ast.parse(inspect.getsource(opp_docs))
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    return {
        alias.name: node.module or ""
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_package_all_is_what_it_exports() -> None:
    names = set(opp_docs.__all__)
    assert set(opp_docs.__all__) == set(opp_docs._OWNERS) and len(opp_docs.__all__) == len(names)
    # What mypy and IDEs see is what the package gives at run time, from the same modules.
    assert _type_checking_names() == {name: opp_docs._OWNERS[name] for name in names}
    assert names <= set(dir(opp_docs))
    for name in names:
        value = getattr(opp_docs, name)
        assert value.__module__.startswith(opp_docs._OWNERS[name]), name
    assert _public(opp_docs) == names


def test_the_main_jobs_are_functions_at_the_top() -> None:
    for name in ("fill", "fill_to_path", "parse", "generate", "collect", "check_plan"):
        assert inspect.isfunction(getattr(opp_docs, name)), name
    from opp_docs import fill, parse

    assert callable(fill) and callable(parse)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'fil'"):
        _ = opp_docs.fil  # type: ignore[attr-defined]


def test_every_public_name_has_a_docstring_and_a_line_in_the_package_docstring() -> None:
    doc = opp_docs.__doc__ or ""
    for name in opp_docs.__all__:
        assert inspect.getdoc(getattr(opp_docs, name)), name
        if inspect.isfunction(getattr(opp_docs, name)):
            assert f"{name}(" in doc, name


def test_import_stays_light() -> None:
    """``import opp_docs`` loads neither Word, Excel nor lxml: the face resolves lazily."""
    code = (
        "import sys, opp_docs; "
        "print(sorted(m for m in ('lxml', 'openpyxl', 'docx', 'opp_docs.filling', "
        "'opp_docs.bulk') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_help_shows_the_main_jobs() -> None:
    text = subprocess.run(
        [sys.executable, "-c", "import pydoc, opp_docs; print(pydoc.render_doc(opp_docs))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in ("fill(plan, template=None, mapping=None)  -> bytes", "parse(source"):
        assert line in text


def test_model_all_is_what_it_exports() -> None:
    assert set(opp_docs.model.__all__) == _public(opp_docs.model)

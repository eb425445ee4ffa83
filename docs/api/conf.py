"""Sphinx configuration of the API reference, built from the docstrings by ``make docs``.

autodoc reads the docstrings, which already cross-reference with reST roles (:func:`fill`,
:class:`~opp_docs.errors.FileError`); napoleon reads their ``Attributes:`` sections. The build
needs nothing from the network: no intersphinx, the theme that ships with Sphinx.
"""

from __future__ import annotations

import inspect
import re
import sys
from typing import Any

from pydantic import BaseModel
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.typing import stringify_annotation

import opp_docs

project = "opp-docs"
version = release = opp_docs.__version__
language = "en"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
# Wide enough for the package docstring's table of the main jobs (about 90 characters).
html_theme_options = {"page_width": "1180px", "sidebar_width": "220px"}
html_title = f"opp-docs {version}: API"
html_show_sourcelink = False
html_copy_source = False
html_show_copyright = False

# Functions and classes in the order of their module, which is the order a reader meets them.
autodoc_member_order = "bysource"
# Show "ParseResult", not "opp_docs.parsing.ParseResult", where the link goes to the full name.
python_use_unqualified_type_names = True
python_maximum_signature_line_length = 90
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Every reference must resolve (``-n``), except the standard library's types outside builtins
# and typing (which resolve by themselves): without intersphinx, which would fetch Python's
# inventory over the network, Sphinx has no page to link them to. No other project's type
# appears in a signature of the documented API.
nitpicky = True
nitpick_ignore_regex = [
    ("py:class", r"os\.PathLike|pathlib\.Path|datetime\.date|collections\.abc\.\w+"),
]

_SECTION_LETTER = re.compile(r"[A-G]\. ")


def _model_fields(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Append one ``py:attribute`` per field of a pydantic model, with its type, its printed
    label (the field's title) and the handreiking's guidance (its description).

    A pydantic model keeps its fields in ``model_fields``, not as class attributes with
    docstrings, so autodoc alone would show none of them.
    """
    del app, name, options
    if what != "class" or not (isinstance(obj, type) and issubclass(obj, BaseModel)):
        return
    for field_name, info in obj.model_fields.items():
        kind = stringify_annotation(info.annotation, "fully-qualified-except-typing")
        lines += ["", f".. py:attribute:: {field_name}", f"   :type: {kind}", ""]
        title = info.title or ""
        parts = [
            f"*{title}*" + ("" if title.endswith((".", "?", ":")) else "."),
            "Required." if info.is_required() else "",
            info.description or "",
        ]
        lines += ["   " + " ".join(part for part in parts if part.strip("*."))]


def _section_letter(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Keep "A. Gegevens van de leerling" as text: reST reads a docstring that opens with a
    letter and a dot as a list. The docstrings stay as they are, for pydantic puts a model's
    docstring into its JSON schema, where a backslash would show."""
    del app, what, name, obj, options
    if lines and _SECTION_LETTER.match(lines[0]):
        lines[0] = lines[0].replace(".", r"\.", 1)


def _reexported_data(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """The docstring of a constant a package re-exports (``opp_docs.model.BIJLAGEN``).

    autodoc looks for the docstring below an assignment only in the module it documents,
    here the package, and falls back to the docstring of the value's type ("Built-in
    immutable sequence"); the docstring stands in the module that defines the constant.
    """
    del app, options
    if what != "data" or lines[:1] != (inspect.getdoc(type(obj)) or "").splitlines()[:1]:
        return
    package, _, attribute = name.rpartition(".")
    for module_name in sorted(sys.modules):
        if not module_name.startswith(package + "."):
            continue
        found = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attribute))
        if found and getattr(sys.modules[module_name], attribute, None) is obj:
            lines[:] = list(found)
            return


def _no_model_signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """No signature for a pydantic model: its keyword arguments are its fields, listed below
    with their labels, and pydantic's generated signature repeats every validator."""
    del app, name, options, signature
    if what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel):
        return "", return_annotation
    return None


def setup(app: Sphinx) -> None:
    # In this order: the docstring found, its first line kept as text, the fields added.
    app.connect("autodoc-process-docstring", _reexported_data)
    app.connect("autodoc-process-docstring", _section_letter)
    app.connect("autodoc-process-docstring", _model_fields)
    app.connect("autodoc-process-signature", _no_model_signature)

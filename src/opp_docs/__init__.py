"""opp-docs: the Ontwikkelingsperspectiefplan (OPP 2024-2025) as typed data, in and out of Word.

The main jobs, each a function here, one line each (files as ``str`` or any path)::

    fill(plan, template=None, mapping=None)  -> bytes: the filled form
    fill_to_path(plan, output)               -> Path: the form, written atomically
    parse(source, mapping=None)              -> ParseResult: a form back into a plan
    generate(workbook, output, *, jobs=None) -> GenerateResult: a form per student
    collect(sources, output, *, jobs=None)   -> CollectResult: forms into a workbook
    iter_forms(sources, *, jobs=1)           -> LoadedPlans per form, one at a time
    read_plans(path)                         -> LoadedPlans of a .docx, .json or .xlsx
    iter_plans(sources)                      -> LoadedPlans per file, one at a time
    expand_sources(sources)                  -> files of folders and glob patterns
    check_plan(plan, *, today=None)          -> list[Bevinding]: the rules of the handreiking
    inspect_form(source)                     -> dict: every control of any Word form
    load_plan(path)                          -> OPP: a plan from JSON, validated
    validate_plan(data)                      -> OPP: a plan from a dict, validated
    plan_to_json(plan)                       -> str: a plan as JSON text
    example_plan()                           -> OPP: a complete, fictional plan
    load_mapping(path=None)                  -> Mapping: a mapping file, checked

The model: :class:`OPP` here, its parts (``Leerling``, ``Factoren``, ``Handelingsdeel``,
``Evaluatie``, ...) in :mod:`opp_docs.model`. Building a model directly raises pydantic's own
``ValidationError``; :func:`load_plan` and :func:`validate_plan` raise :class:`OppError` with
Dutch messages that name each field.

Errors: every error a user can cause is an :class:`OppError` (tree in :mod:`opp_docs.errors`)
carrying :class:`Problem` records (code, Dutch message, :class:`Location`). Results use one
word: ``problems`` is always a list of :class:`Problem`; counts end in ``_count``.

On Windows and macOS a script that runs ``generate`` or ``collect`` with ``jobs`` > 1 needs
the guard ``if __name__ == "__main__":`` around the call.

    >>> import opp_docs
    >>> plan = opp_docs.example_plan()
    >>> opp_docs.parse(opp_docs.fill(plan)).plan == plan
    True
"""

from opp_docs import _lazy

# Not typing.TYPE_CHECKING: importing typing costs `opp --help` a tenth of its time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from opp_docs.bulk.collecting import CollectResult, collect, iter_forms
    from opp_docs.bulk.generating import GenerateResult, generate
    from opp_docs.checks import Bevinding, Ernst, check_plan
    from opp_docs.errors import Location, OppError, Problem
    from opp_docs.example import example_plan
    from opp_docs.filling import fill, fill_to_path
    from opp_docs.inspect import inspect_form
    from opp_docs.mapping import Mapping, load_mapping
    from opp_docs.model import OPP
    from opp_docs.parsing import ParseResult, parse
    from opp_docs.planfile import load_plan, plan_to_json
    from opp_docs.sources import (
        LoadedPlan,
        LoadedPlans,
        expand_sources,
        iter_plans,
        read_plans,
    )
    from opp_docs.validation import validate_plan

__version__ = "0.1.0"

# Each public name and the module that owns it, imported on first use (PEP 562): importing
# opp_docs stays as light as importing the model.
_OWNERS = {
    "Bevinding": "opp_docs.checks",
    "CollectResult": "opp_docs.bulk.collecting",
    "Ernst": "opp_docs.checks",
    "GenerateResult": "opp_docs.bulk.generating",
    "LoadedPlan": "opp_docs.sources",
    "LoadedPlans": "opp_docs.sources",
    "Location": "opp_docs.errors",
    "Mapping": "opp_docs.mapping",
    "OPP": "opp_docs.model",
    "OppError": "opp_docs.errors",
    "ParseResult": "opp_docs.parsing",
    "Problem": "opp_docs.errors",
    "check_plan": "opp_docs.checks",
    "collect": "opp_docs.bulk.collecting",
    "example_plan": "opp_docs.example",
    "expand_sources": "opp_docs.sources",
    "fill": "opp_docs.filling",
    "fill_to_path": "opp_docs.filling",
    "generate": "opp_docs.bulk.generating",
    "inspect_form": "opp_docs.inspect",
    "iter_forms": "opp_docs.bulk.collecting",
    "iter_plans": "opp_docs.sources",
    "load_mapping": "opp_docs.mapping",
    "load_plan": "opp_docs.planfile",
    "parse": "opp_docs.parsing",
    "plan_to_json": "opp_docs.planfile",
    "read_plans": "opp_docs.sources",
    "validate_plan": "opp_docs.validation",
}

# Written out (not sorted(_OWNERS)) so that mypy reads the exports; a test holds them equal.
__all__ = [
    "OPP",
    "Bevinding",
    "CollectResult",
    "Ernst",
    "GenerateResult",
    "LoadedPlan",
    "LoadedPlans",
    "Location",
    "Mapping",
    "OppError",
    "ParseResult",
    "Problem",
    "check_plan",
    "collect",
    "example_plan",
    "expand_sources",
    "fill",
    "fill_to_path",
    "generate",
    "inspect_form",
    "iter_forms",
    "iter_plans",
    "load_mapping",
    "load_plan",
    "parse",
    "plan_to_json",
    "read_plans",
    "validate_plan",
]


if not TYPE_CHECKING:
    # For the run time only: mypy sees the imports above and still flags a typo such as
    # ``opp_docs.fil``, which it would not if the package had a visible __getattr__.
    __getattr__, __dir__ = _lazy.lazy_names(__name__, _OWNERS, globals())

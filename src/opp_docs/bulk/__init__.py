"""Many plans at once: from a workbook to one form per student, and forms back to a workbook.

``generate`` and ``collect`` (and their results) are imported on first use (PEP 562), so a
command that only needs :mod:`opp_docs.bulk.names` or :mod:`opp_docs.bulk.progress` does not
load Word and Excel. The modules are ``generating`` and ``collecting``, so that
``opp_docs.bulk.generate`` is always the function, never a submodule.
"""

from opp_docs import _lazy

TYPE_CHECKING = False  # not typing's: importing typing slows `opp --help`

if TYPE_CHECKING:
    from opp_docs.bulk.collecting import CollectResult, collect, iter_forms
    from opp_docs.bulk.generating import GenerateResult, generate

__all__ = ["CollectResult", "GenerateResult", "collect", "generate", "iter_forms"]

_OWNERS = {
    "CollectResult": "opp_docs.bulk.collecting",
    "GenerateResult": "opp_docs.bulk.generating",
    "collect": "opp_docs.bulk.collecting",
    "generate": "opp_docs.bulk.generating",
    "iter_forms": "opp_docs.bulk.collecting",
}

if not TYPE_CHECKING:
    # For the run time only: mypy sees the imports above and still flags a typo such as
    # ``opp_docs.fil``, which it would not if the package had a visible __getattr__.
    __getattr__, __dir__ = _lazy.lazy_names(__name__, _OWNERS, globals())

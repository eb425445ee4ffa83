"""Companion documents of a plan, from docxtpl templates: the handelingswijzer and the
invitation to the next evaluation.

    data = render("handelingswijzer", plan)                       # .docx bytes
    result = write_companions("uitnodiging", plans, Path("brieven"))
    result.written, result.problems

The bundled templates are ``templates/handelingswijzer.docx`` and
``templates/uitnodiging-evaluatie.docx`` (built by ``tools/build_companions.py``); a school
passes its own copy as ``template``. The context of a template is described field by field in
``docs/dev/companions.md``; an error in a school's template is a
:class:`~opp_docs.errors.TemplateError` naming the tag (see :mod:`.template`).
"""

from opp_docs import _lazy
from opp_docs.companion.kinds import DEFAULT_PATTERNS, KINDS

TYPE_CHECKING = False  # not typing's: importing typing slows `opp --help`
if TYPE_CHECKING:
    from opp_docs.companion.context import build_context, next_evaluation
    from opp_docs.companion.documents import (
        CompanionResult,
        load_template,
        render,
        write_companions,
    )
    from opp_docs.companion.kinds import Kind
    from opp_docs.companion.template import CompanionTemplate

__all__ = [
    "DEFAULT_PATTERNS",
    "KINDS",
    "CompanionResult",
    "CompanionTemplate",
    "Kind",
    "build_context",
    "load_template",
    "next_evaluation",
    "render",
    "write_companions",
]

# Imported on first use (PEP 562): docxtpl and Jinja load only when a document is made.
_OWNERS = {
    "Kind": "opp_docs.companion.kinds",
    "CompanionResult": "opp_docs.companion.documents",
    "CompanionTemplate": "opp_docs.companion.template",
    "build_context": "opp_docs.companion.context",
    "load_template": "opp_docs.companion.documents",
    "next_evaluation": "opp_docs.companion.context",
    "render": "opp_docs.companion.documents",
    "write_companions": "opp_docs.companion.documents",
}

if not TYPE_CHECKING:
    # For the run time only: mypy sees the imports above and still flags a typo such as
    # ``opp_docs.fil``, which it would not if the package had a visible __getattr__.
    __getattr__, __dir__ = _lazy.lazy_names(__name__, _OWNERS, globals())

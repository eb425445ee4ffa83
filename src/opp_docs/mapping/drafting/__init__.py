"""``opp mapping ontwerpen``: draft a mapping for a form nobody wrote one for yet.

Every text a known mapping looks for (the bundled one unless another is given) is searched
for in the new form: exactly, after normalising, then fuzzily and by structure
(:mod:`.similarity`, :mod:`.drafter`); the result is TOML with a comment on every line
(:mod:`.writing`), loaded back and checked against the form (:mod:`.compose`).
"""

from opp_docs.mapping.drafting.compose import draft_mapping
from opp_docs.mapping.drafting.result import DraftResult, Left, Placement
from opp_docs.mapping.drafting.similarity import Likeness, likeness

__all__ = ["DraftResult", "Left", "Likeness", "Placement", "draft_mapping", "likeness"]

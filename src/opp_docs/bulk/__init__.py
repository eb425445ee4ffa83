"""Many plans at once: from a workbook to one form per student, and forms back to a workbook."""

from opp_docs.bulk.collect import CollectResult, collect
from opp_docs.bulk.generate import GenerateResult, generate

__all__ = ["CollectResult", "GenerateResult", "collect", "generate"]

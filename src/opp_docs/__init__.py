"""opp-docs: the Ontwikkelingsperspectiefplan (OPP 2024-2025) as typed data."""

from opp_docs.errors import OppError

__all__ = ["OppError"]
__version__ = "0.1.0"

"""The school-holiday regions of the Netherlands, light to import (the command line offers
them without loading the calendar): :class:`Regio` and :data:`DEFAULT_REGIO`."""

from enum import StrEnum

__all__ = ["DEFAULT_REGIO", "Regio"]


class Regio(StrEnum):
    """A holiday region of the Rijksoverheid."""

    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


DEFAULT_REGIO = Regio.MIDDEN
"""The region of Westland (and so of SWV VO Westland), regio Midden."""

"""The kinds of companion document, their bundled templates and default file names.

Kept apart from the rendering (docxtpl, Jinja) so that the command line can name them in its
help without loading those.
"""

from __future__ import annotations

__all__ = ["DEFAULT_PATTERNS", "KINDS", "Kind"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    Kind = Literal["handelingswijzer", "uitnodiging"]
else:

    def __getattr__(name: str) -> object:
        # Kind is made on first use: `opp --help` names the kinds without importing typing.
        if name == "Kind":
            from typing import Literal

            globals()["Kind"] = kind = Literal["handelingswijzer", "uitnodiging"]
            return kind
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


KINDS: dict[Kind, str] = {
    "handelingswijzer": "handelingswijzer.docx",
    "uitnodiging": "uitnodiging-evaluatie.docx",
}
"""Each kind of companion document and its bundled template in ``templates/``."""

DEFAULT_PATTERNS: dict[Kind, str] = {
    "handelingswijzer": "{leerlingnummer} {naam} handelingswijzer.docx",
    "uitnodiging": "{leerlingnummer} {naam} uitnodiging evaluatie.docx",
}
"""The default file name of each kind ({leerlingnummer}, {naam} and {klas} are filled in)."""

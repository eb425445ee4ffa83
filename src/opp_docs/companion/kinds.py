"""The kinds of companion document, their bundled templates and default file names.

Kept apart from the rendering (docxtpl, Jinja) so that the command line can name them in its
help without loading those.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["DEFAULT_PATTERNS", "KINDS", "Kind"]

Kind = Literal["handelingswijzer", "uitnodiging"]

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

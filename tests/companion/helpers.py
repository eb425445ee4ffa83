"""Helpers for the companion tests: the text of a rendered document, school templates."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from docx import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_text(data: bytes, part: str = "word/document.xml") -> str:
    """The text of a part: one line per paragraph, a ``w:br`` as a line break too."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read(part))
    lines = []
    for paragraph in root.iter(f"{{{W}}}p"):
        pieces = []
        for element in paragraph.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab"):
            if element.tag == f"{{{W}}}t":
                pieces.append(element.text or "")
            elif element.tag == f"{{{W}}}br":
                pieces.append("\n")
            else:
                pieces.append("\t")
        lines.append("".join(pieces))
    return "\n".join(lines)


def school_template(folder: Path, *paragraphs: str, name: str = "eigen.docx") -> Path:
    """A school's own template: each text a paragraph, split into runs of four characters the
    way Word splits a tag it autocorrected or spell-checked."""
    document = Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        for start in range(0, len(text), 4):
            paragraph.add_run(text[start : start + 4])
    path = folder / name
    document.save(str(path))
    return path

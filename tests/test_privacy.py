"""Nothing of a template's authors, and no field content, ends up in a plan's metadata."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from opp_docs.docx.namespaces import qn
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.parsing import parse
from tests.forms import EditedForm, fragments, only_paragraph

PLANTED = ("Jan Janssen", "P. de Vries-Bakker", "Scholengroep Testland", "OPP van Kim Smit")


def _school_template(template: Path) -> bytes:
    """The bundled form as a school's copy: author names in its properties, a comment by a
    reviewer on a label, and a tracked insertion and deletion in a heading."""
    form = EditedForm(template.read_bytes())
    core = form.package.xml("docProps/core.xml")
    dc, cp = (
        "http://purl.org/dc/elements/1.1/",
        ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
    )
    next(core.iter(f"{{{dc}}}creator")).text = PLANTED[0]
    next(core.iter(f"{{{cp}}}lastModifiedBy")).text = PLANTED[1]
    next(core.iter(f"{{{dc}}}title")).text = PLANTED[3]
    form.package.replace("docProps/core.xml", core)
    app = form.package.xml("docProps/app.xml")
    ep = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    next(app.iter(f"{{{ep}}}Company")).text = PLANTED[2]
    next(app.iter(f"{{{ep}}}Manager")).text = PLANTED[0]
    form.package.replace("docProps/app.xml", app)

    mentor = only_paragraph(form.cell("Mentor", form.table("Naam leerling")))
    run = mentor.find(qn("w:r"))
    assert run is not None
    run.addprevious(fragments('<w:commentRangeStart w:id="7"/>')[0])
    run.addnext(fragments('<w:commentRangeEnd w:id="7"/>')[0])
    mentor.extend(fragments('<w:r><w:commentReference w:id="7"/></w:r>'))
    form.add_comment(7, PLANTED[1], "Moeten we hier niet ook de coach noemen?")

    # A reviewer deleted a word of a heading and typed a space elsewhere, with changes
    # tracked: the form reads the same once they are accepted.
    heading = form.paragraph("G. Evaluaties")
    heading.extend(
        fragments(
            f"""
            <w:del w:id="91" w:author="{PLANTED[1]}" w:date="2024-08-01T10:00:00Z">
              <w:r><w:delText xml:space="preserve"> (oud)</w:delText></w:r>
            </w:del>
            """
        )
    )
    subtitle = form.paragraph(
        "Begeleidingsdocument voor leerlingen met een extra ondersteuningsvraag"
    )
    subtitle.extend(
        fragments(
            f"""
            <w:ins w:id="90" w:author="{PLANTED[0]}" w:date="2024-08-01T10:00:00Z">
              <w:r><w:t xml:space="preserve"> </w:t></w:r>
            </w:ins>
            """
        )
    )
    return form.to_bytes()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_no_author_comment_or_revision_reaches_a_plan(
    template_path: Path, ooxml: Callable[[bytes], list[str]]
) -> None:
    school = _school_template(template_path)
    assert ooxml(school) == []
    data = fill(example_plan(), template=school)
    parts = _parts(data)
    everything = b"".join(parts.values()).decode("utf-8", "replace")
    for name in PLANTED:
        assert name not in everything, name
    assert "coach noemen" not in everything
    assert not any("comments" in name for name in parts)
    document = etree.fromstring(parts["word/document.xml"])
    for tag in ("w:ins", "w:del", "w:commentRangeStart", "w:commentReference"):
        assert document.find(f".//{qn(tag)}") is None, tag
    assert ooxml(data) == []
    assert parse(data).plan == example_plan()


def test_metadata_holds_no_field_content(template_path: Path) -> None:
    plan = example_plan()
    parts = _parts(fill(plan, template=_school_template(template_path)))
    metadata = b"".join(v for k, v in parts.items() if k.startswith("docProps/")).decode()
    values = [plan.leerling.naam, plan.leerling.leerlingnummer, plan.leerling.mentor, "Noor"]
    for value in values:
        assert value is not None and value not in metadata

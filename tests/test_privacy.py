"""Nothing of a template's authors, and no field content, ends up in a plan's metadata."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
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


_PLUGIN = """
import os
from pathlib import Path

Path(os.environ["OPP_TEST_PLUGIN_MARK"]).write_text("geladen")


class _Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = _Plugin()
"""


@pytest.mark.parametrize(("setting", "loaded"), [(None, False), ("", True)])
def test_the_command_loads_no_pydantic_plugin_unless_asked(
    tmp_path: Path, setting: str | None, loaded: bool
) -> None:
    # A Pydantic plugin sees every validated value: installed beside opp, it would see the
    # plans. The command loads none; an empty PYDANTIC_DISABLE_PLUGINS lets them in again,
    # which shows that this plugin would be found.
    site = tmp_path / "site"
    (site / "opp_test_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "opp_test_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: opp-test-plugin\nVersion: 1.0\n"
    )
    (site / "opp_test_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nopp_test = opp_test_plugin:plugin\n"
    )
    (site / "opp_test_plugin.py").write_text(_PLUGIN)
    form = tmp_path / "plan.docx"
    form.write_bytes(fill(example_plan()))
    mark = tmp_path / "mark"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env["OPP_TEST_PLUGIN_MARK"] = str(mark)
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    command = [sys.executable, "-m", "opp_docs", "uitlezen", str(form), "--json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert mark.exists() is loaded

"""What fill keeps between documents (the template's places, blank rows and tables, the ids
in use) never leaks from one document into the next, and skipping empty values writes what
writing them would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from opp_docs import filling as fill_module
from opp_docs.docx.boxes import find_checkboxes
from opp_docs.docx.checkbox import set_legacy_checked
from opp_docs.docx.ids import DocumentIds
from opp_docs.docx.namespaces import NS, qn
from opp_docs.docx.skeleton import Skeleton
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.mapping import load_mapping
from opp_docs.model import OPP, Leerling, Ontwikkelingsperspectief, Ouder, Uitstroomprofiel
from opp_docs.parsing import parse
from tests.forms import EditedForm, fragments
from tests.strategies import plans

_CHECKED = qn("w:checked")
_DEFAULT = qn("w:default")


def _with_profile(profile: Uitstroomprofiel | None) -> OPP:
    return OPP(ontwikkelingsperspectief=Ontwikkelingsperspectief(uitstroomprofiel=profile))


def test_a_box_checked_in_the_template_is_unchecked_for_an_empty_value(
    template_path: Path,
) -> None:
    form = EditedForm(template_path.read_bytes())
    cell = form.value_cell("Verwacht uitstroomprofiel")
    set_legacy_checked(form.box(cell, "HAVO").element, True)
    school_template = form.to_bytes()

    empty = parse(fill(_with_profile(None), school_template))
    assert empty.plan.ontwikkelingsperspectief.uitstroomprofiel is None
    chosen = parse(fill(_with_profile(Uitstroomprofiel.VMBO_TL), school_template))
    assert chosen.plan.ontwikkelingsperspectief.uitstroomprofiel is Uitstroomprofiel.VMBO_TL
    assert not empty.problems and not chosen.problems


def test_every_box_of_a_filled_form_states_default_and_checked_alike() -> None:
    """Boxes of empty values are left as the prepared template has them: written out in
    full, exactly as ticking or clearing them writes them."""
    for plan in (OPP(), example_plan()):
        form = EditedForm(fill(plan))
        for box in find_checkboxes(form.body):
            check_box = box.element.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
            assert check_box is not None
            default, checked = check_box.find(_DEFAULT), check_box.find(_CHECKED)
            assert default is not None and checked is not None
            assert (default.get(qn("w:val")) == "1") == box.checked
            assert (checked.get(qn("w:val"), "1") == "1") == box.checked


def test_rows_and_tables_added_in_one_document_do_not_reach_the_next() -> None:
    full = example_plan()
    short = OPP(
        leerling=Leerling(
            naam="Sem Jansen",
            ouders=[Ouder(naam=f"Ouder {n}", relatie="voogd") for n in range(4)],
        )
    )
    before = parse(fill(short))
    for plan in (full, short, full):
        result = parse(fill(plan))
        assert result.plan == plan
        assert not result.problems
    after = parse(fill(short))
    assert after == before


def test_the_blank_row_is_blank_even_when_the_template_row_holds_values(
    template_path: Path,
) -> None:
    """A school that typed an example into the template's first parent row: added rows
    are copies of that row with the values cleared; the first row is used as it is."""
    form = EditedForm(template_path.read_bytes())
    header = form.cell("Relatie tot de leerling")
    header_row = header.getparent()
    assert header_row is not None
    first_row = header_row.getnext()
    assert first_row is not None
    column = header_row.findall(qn("w:tc")).index(header)
    paragraph = first_row.findall(qn("w:tc"))[column].find(qn("w:p"))
    assert paragraph is not None
    paragraph.extend(fragments("<w:r><w:t>bijvoorbeeld moeder</w:t></w:r>"))
    school_template = form.to_bytes()
    plan = OPP(leerling=Leerling(ouders=[Ouder(naam="A"), Ouder(naam="B"), Ouder(naam="C")]))
    for _ in range(2):  # the second document gets the kept blank row
        ouders = parse(fill(plan, school_template)).plan.leerling.ouders
        assert [(o.naam, o.relatie) for o in ouders] == [
            ("A", "bijvoorbeeld moeder"),
            ("B", None),
            ("C", None),
        ]


def test_a_copy_of_the_ids_is_independent() -> None:
    document = fragments(
        '<w:body><w:p w14:paraId="0000000A"><w:bookmarkStart w:id="3" w:name="Naam"/>'
        '<w:bookmarkEnd w:id="3"/></w:p></w:body>'
    )[0]
    ids = DocumentIds(document)
    duplicate = ids.copy()
    copy_ = fragments(
        '<w:p w14:paraId="0000000A"><w:bookmarkStart w:id="3" w:name="Naam"/>'
        '<w:bookmarkEnd w:id="3"/></w:p>'
    )[0]
    duplicate.renumber(copy_)
    assert duplicate.para_ids == {0xA, 0xB} and ids.para_ids == {0xA}
    assert duplicate.bookmark_ids == {3, 4} and ids.bookmark_ids == {3}
    assert duplicate.names == {"naam", "naam_2"} and ids.names == {"naam"}


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans)
def test_copying_only_the_blocks_written_to_gives_the_same_document(plan: OPP) -> None:
    """fill copies the template's part block by block (docx.skeleton); the document is
    byte for byte what copying the whole part gives."""
    blockwise = fill(plan)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fill_module, "_PREPARED", {})
        patch.setattr(Skeleton, "of", staticmethod(lambda *_: None))
        whole = fill(plan)
    assert _main_part(blockwise) == _main_part(whole)


def test_the_example_is_filled_block_by_block() -> None:
    prepared = fill_module._prepare(None)
    assert prepared.skeleton is not None
    assert _main_part(fill(example_plan())).count(b"<?opp-docs-block") == 0


def _main_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def test_a_process_keeps_a_bounded_number_of_templates_and_mappings(template_path: Path) -> None:
    """A server sent many templates and mappings keeps the last few prepared, not all."""
    plan = example_plan()
    for number in range(fill_module.KEPT + 3):
        form = EditedForm(template_path.read_bytes())
        subtitle = form.paragraph(
            "Begeleidingsdocument voor leerlingen met een extra ondersteuningsvraag"
        )
        subtitle.append(etree.fromstring(f'<w:r xmlns:w="{NS["w"]}"><w:t> {number}</w:t></w:r>'))
        assert parse(fill(plan, form.to_bytes())).plan == plan
    assert len(fill_module._PREPARED) == fill_module.KEPT
    prepared = fill_module._prepare(None)
    for _ in range(fill_module.KEPT + 3):
        prepared.places_for(load_mapping())  # a new Mapping object each time
    assert len(prepared.places) == fill_module.KEPT

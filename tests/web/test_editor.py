"""The editor at /plan through the app (no browser): the page generated from the model, and
the posts its script makes to open and save a plan.

The page in a real Chromium is tests/web/test_editor_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Annotated, Any

import pytest
from fastapi import FastAPI
from pydantic import AfterValidator, Field

from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.mapping import load_mapping
from opp_docs.model import OPP, Aanvraag, Domein, Leerling, Ouder
from opp_docs.model.base import Onderdeel, Tekst
from opp_docs.model.keuzes import Looptijd
from opp_docs.parsing import parse
from opp_docs.pdf import find_soffice
from opp_docs.planfile import plan_to_json
from opp_docs.resources import DEFAULT_TEMPLATE, bundled_file
from opp_docs.web.editor import build_editor
from opp_docs.web.editor.tree import Control, Group, ListNode
from tests.test_edited_forms import EDITS
from tests.variant_forms import renamed_form, renamed_mapping
from tests.web.conftest import Browser

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ---------------------------------------------------------------------- the page


class _Controls(HTMLParser):
    """The ids of the form controls of a page (inside templates too) and of the labels' for."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()
        self.fields: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("textarea", "select") or (tag == "input" and found.get("type") != "hidden"):
            self.controls.append(found.get("id") or f"<{tag} without id>")
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))
        if "data-veld" in found:
            self.fields.append(str(found["data-veld"]))


def _page(browser: Browser) -> str:
    answer = browser.client.get("/plan")
    assert answer.status_code == 200
    return answer.text


def _controls(page: str) -> _Controls:
    parser = _Controls()
    parser.feed(page)
    return parser


def test_the_page_has_every_part_of_the_form(browser: Browser) -> None:
    page = _page(browser)
    headings = re.findall(r'<h2 id="kop-[a-z_]+">(?:<label for="[^"]+">)?([^<]+)', page)
    dates = ("datum", "startdatum_opp", "einddatum_opp", "datum_ondersteuningsbehoefte")
    parts = [info.title for name, info in OPP.model_fields.items() if name not in dates]
    assert headings == ["Bovenaan het plan", *parts]
    assert '<label for="v-leerling-naam">Naam leerling</label>' in page
    assert "/static/editor.js" in page and "<script>" not in page  # no inline script (CSP)


def test_every_control_has_a_label(browser: Browser) -> None:
    found = _controls(_page(browser))
    assert len(found.controls) > 150
    assert [control for control in found.controls if control not in found.labelled] == []
    assert len(found.controls) == len(set(found.controls)) or _duplicates_only_in_templates(
        found.controls
    )


def _duplicates_only_in_templates(ids: list[str]) -> bool:
    # A new item's ids ("__N__") repeat only between templates; the script renumbers them.
    repeated = {i for i in ids if ids.count(i) > 1}
    return all("__N__" in i for i in repeated)


def test_the_printed_rows_are_there_from_the_start(browser: Browser) -> None:
    page = _page(browser)
    printed = re.findall(r'<tr data-item data-vast="([^"]+)">', page)
    from opp_docs.model import BIJLAGEN, ROLLEN_AANVRAAG, ROLLEN_ONDERTEKENING

    assert printed == [
        *(domain.value for domain in Domein),
        *ROLLEN_ONDERTEKENING,
        *BIJLAGEN,
        *ROLLEN_AANVRAAG,
    ]
    groups = re.findall(r'data-sleutelgroep="([^"]+)"', page)
    assert groups == [domain.value for domain in Domein]  # F: the goals per domain


def test_the_tree_follows_the_model() -> None:
    editor = build_editor()
    by_id = {section.id: section for section in editor.sections}
    assert [c.name for c in by_id["top"].controls] == [
        "datum",
        "startdatum_opp",
        "einddatum_opp",
        "datum_ondersteuningsbehoefte",
    ]
    leerling = by_id["leerling"].node
    assert isinstance(leerling, Group)
    kinds = {c.name: c.kind for c in leerling.children if isinstance(c, Control)}
    assert kinds["naam"] == "tekst" and kinds["geboortedatum"] == "datum"
    assert kinds["leerjaar"] == "getal"
    evaluaties = by_id["evaluaties"].node
    assert isinstance(evaluaties, ListNode)
    assert (evaluaties.kind_field, evaluaties.rows, evaluaties.extra) == ("soort", False, True)
    ondertekening = by_id["ondertekening"].node
    assert isinstance(ondertekening, ListNode)
    assert (ondertekening.key, ondertekening.rows, ondertekening.extra) == ("rol", True, True)
    # "Anders, namelijk:" stands under its option, as on the form.
    perspective = by_id["ontwikkelingsperspectief"].node
    assert perspective is not None and not isinstance(perspective, Control)
    choice = next(
        c for c in perspective.children if isinstance(c, Control) and c.name == "vervolgtrajecten"
    )
    assert choice.kind == "keuzes" and list(choice.free_texts) == ["Anders, namelijk:"]


# A copy of the model with new fields: the page shows them with no page code.


class Hobby(Onderdeel):
    naam: Tekst = Field(default=None, title="Naam van de hobby")
    sinds: Annotated[int | None, Field(ge=2000)] = Field(default=None, title="Sinds")


class LeerlingPlus(Leerling):
    roepnaam: Tekst = Field(default=None, title="Roepnaam", description="Hoe de leerling heet.")
    hobbys: Annotated[list[Hobby], AfterValidator(lambda items: items)] = Field(
        default_factory=list, title="Hobby's"
    )


class AanvraagPlus(Aanvraag):
    tweede_looptijd: Looptijd | None = Field(default=None, title="Tweede looptijd")


class PlanPlus(OPP):
    leerling: LeerlingPlus = Field(default_factory=LeerlingPlus, title="A. Gegevens")
    aanvraag: AanvraagPlus = Field(default_factory=AanvraagPlus, title="Aanvraag")
    vervolg: Tekst = Field(default=None, title="H. Vervolg", description="Een nieuw deel.")


def test_a_field_added_to_the_model_appears_on_the_page(app: FastAPI, browser: Browser) -> None:
    app.state.editor = build_editor(PlanPlus)
    page = _page(browser)
    assert '<label for="v-leerling-roepnaam">Roepnaam</label>' in page
    assert '<p class="hulp" id="v-leerling-roepnaam-hulp">Hoe de leerling heet.</p>' in page
    assert 'data-lijst="hobbys"' in page and ">Naam van de hobby<" in page
    assert '<h2 id="kop-vervolg"><label for="v-vervolg">H. Vervolg</label></h2>' in page
    for option in Looptijd:
        assert f'name="v-aanvraag-tweede_looptijd" value="{option.value}"' in page
    found = _controls(page)
    assert {"roepnaam", "hobbys", "naam", "sinds", "tweede_looptijd", "vervolg"} <= set(
        found.fields
    ) | {"hobbys"}
    assert [control for control in found.controls if control not in found.labelled] == []


def test_a_field_the_page_cannot_show_is_named() -> None:
    class Odd(OPP):
        raar: dict[str, int] = Field(default_factory=dict, title="Raar")

    with pytest.raises(TypeError, match="raar"):
        build_editor(Odd)


# ---------------------------------------------------------------------- open


def _post(browser: Browser, url: str, files: dict[str, Any], csrf: bool = True) -> Any:
    data = {"csrf": browser.csrf} if csrf else {}
    return browser.client.post(url, data=data, files=files, headers={"accept": "application/json"})


def _opened(browser: Browser, name: str, data: bytes, **more: Any) -> Any:
    answer = _post(browser, "/plan/openen", {"bestand": (name, data), **more})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_example(browser: Browser) -> None:
    answer = browser.client.get("/plan/voorbeeld", headers={"accept": "application/json"})
    assert answer.json() == {"plan": example_plan().model_dump(mode="json"), "problems": []}


def test_open_a_form_and_a_plan_file(browser: Browser) -> None:
    plan = example_plan().model_dump(mode="json")
    assert _opened(browser, "noor.docx", fill(example_plan())) == {"plan": plan, "problems": []}
    text = plan_to_json(example_plan()).encode()
    assert _opened(browser, "noor.json", text) == {"plan": plan, "problems": []}


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("kapot.json", b"{", 400, "json.ongeldig"),
        ("lijst.json", b"[]", 400, "json.geen_plan"),
        ("te-oud.json", b'{"leerling": {"leerjaar": 9}}', 422, "waarde.less_than_equal"),
        ("geen.docx", b"geen zip", 400, None),
    ],
)
def test_what_cannot_be_opened_is_said(
    browser: Browser, name: str, data: bytes, status: int, code: str | None
) -> None:
    answer = _post(browser, "/plan/openen", {"bestand": (name, data)})
    assert answer.status_code == status
    body = answer.json()
    assert code is None or body["code"] == code
    assert all(name in (p["bestand"] or name) for p in body["problems"])  # the name uploaded


def test_open_and_save_need_the_csrf_token_and_a_file(browser: Browser) -> None:
    answer = _post(browser, "/plan/openen", {"bestand": ("a.json", b"{}")}, csrf=False)
    assert (answer.status_code, answer.json()["code"]) == (403, "web.csrf")
    answer = _post(browser, "/plan/word", {"plan": ("plan.json", b"{}")}, csrf=False)
    assert (answer.status_code, answer.json()["code"]) == (403, "web.csrf")
    answer = _post(browser, "/plan/openen", {"x": ("", b"")})
    assert answer.json()["code"] == "web.bestand_ontbreekt"


# ---------------------------------------------------------------------- save


def _saved(browser: Browser, kind: str, plan: Any, **more: Any) -> Any:
    text = json.dumps(plan).encode()
    answer = _post(browser, f"/plan/{kind}", {"plan": ("plan.json", text), **more})
    assert answer.status_code == 200, answer.text
    return answer


def test_save_as_word_parses_back_to_the_plan(browser: Browser) -> None:
    answer = _saved(browser, "word", example_plan().model_dump(mode="json"))
    assert answer.headers["content-type"] == DOCX
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "240117%20Noor%20Elisabeth%20van%20den%20Berg%20%28Noor%29%20OPP%202024-2025.docx" in (
        disposition
    )
    assert parse(answer.content).plan == example_plan()


def test_save_as_a_plan_file_is_opp_voorbeeld_s_shape(browser: Browser) -> None:
    # The page sends what it read (dates as typed, every field); the file is normalised.
    sent = example_plan().model_dump(mode="json")
    sent["datum"] = "01-10-2024"
    answer = _saved(browser, "json", sent)
    assert answer.content == plan_to_json(example_plan()).encode()
    assert "OPP 2024-2025.json" in answer.headers["content-disposition"]


def test_an_empty_plan_is_saved_as_the_empty_form(browser: Browser) -> None:
    answer = _saved(browser, "word", {})
    assert 'filename="OPP 2024-2025.docx"' in answer.headers["content-disposition"]
    assert parse(answer.content).plan == OPP()


def test_a_value_that_does_not_fit_is_refused_with_its_place(browser: Browser) -> None:
    text = json.dumps({"leerling": {"geboortedatum": "31-02-2010"}}).encode()
    answer = _post(browser, "/plan/word", {"plan": ("plan.json", text)})
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert problem["pad"] == "leerling.geboortedatum" and problem["label"] == "Geboortedatum"


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_save_as_pdf(browser: Browser) -> None:
    answer = _saved(browser, "pdf", example_plan().model_dump(mode="json"))
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")


def test_the_server_keeps_nothing(app: FastAPI, browser: Browser) -> None:
    _opened(browser, "noor.docx", fill(example_plan()))
    _saved(browser, "word", example_plan().model_dump(mode="json"))
    _saved(browser, "json", {})
    assert app.state.workspace.leftovers() == []  # no folder, no uploaded template
    assert app.state.results._items == {}  # nothing kept to download later


# ---------------------------------------------------------------------- Word, here, Word


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_form_edited_in_word_opened_changed_and_saved_loses_nothing(
    browser: Browser, edit: str
) -> None:
    from tests.forms import edited

    form = edited(fill(example_plan()), EDITS[edit])
    read = parse(form)
    opened = _opened(browser, "in-word.docx", form)
    assert opened["plan"] == read.plan.model_dump(mode="json")
    plan = opened["plan"]
    plan["leerling"]["klas"] = "4K1"  # changed here
    back = parse(_saved(browser, "word", plan).content).plan.model_dump(mode="json")
    # Everything comes back but what the form cannot hold when filled (a signature box is
    # signed by hand), and opening named each of those.
    missing = {p["pad"] for p in opened["problems"] if p["code"] == "omzetten.geen_plaats"}
    assert _differences(plan, back) == missing
    assert all(path.endswith("ondertekend") for path in missing)
    unread = [p["code"] for p in opened["problems"] if p["code"] != "omzetten.geen_plaats"]
    assert unread == [p.code for p in read.problems]  # what Word's edit left unreadable


def _differences(old: Any, new: Any, path: str = "") -> set[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        return {
            found
            for key in old.keys() | new.keys()
            for found in _differences(old.get(key), new.get(key), f"{path}.{key}".lstrip("."))
        }
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return {
            found
            for index, (a, b) in enumerate(zip(old, new, strict=True))
            for found in _differences(a, b, f"{path}.{index}")
        }
    return set() if old == new else {path}


def test_another_form_and_its_mapping(browser: Browser, tmp_path: Any) -> None:
    template = renamed_form(bundled_file("templates", DEFAULT_TEMPLATE).read_bytes())
    mapping_text = renamed_mapping()
    (tmp_path / "anders.toml").write_text(mapping_text, encoding="utf-8")
    mapping = load_mapping(tmp_path / "anders.toml")
    form = fill(example_plan(), template, mapping)
    other = {"formulier": ("anders.docx", template), "mapping": ("anders.toml", mapping_text)}
    opened = _opened(browser, "anders-ingevuld.docx", form, **other)
    assert opened == {"plan": example_plan().model_dump(mode="json"), "problems": []}
    saved = _saved(browser, "word", opened["plan"], **other)
    assert parse(saved.content, mapping).plan == example_plan()


# ---------------------------------------------------------------------- the live check


def _check(browser: Browser, plan: Any, query: str = "") -> Any:
    answer = browser.client.post(
        f"/api/check{query}",
        json=plan,
        headers={"x-csrf-token": browser.csrf, "accept": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["plannen"][0]


def test_the_check_says_ready_for_parents_and_for_the_acta(browser: Browser) -> None:
    plan = example_plan()
    ready = _check(browser, plan.model_dump(mode="json"), "?op=2024-11-01")
    assert (ready["klaar_voor_ouders"], ready["klaar_voor_acta"]) == (True, True)
    unsigned = plan.model_copy(update={"ondertekening": [], "aanvraag": Aanvraag()})
    report = _check(browser, unsigned.model_dump(mode="json"), "?op=2024-11-01")
    assert (report["klaar_voor_ouders"], report["klaar_voor_acta"]) == (True, False)
    unnamed = plan.model_copy(update={"leerling": Leerling(ouders=[Ouder(naam="X")])})
    report = _check(browser, unnamed.model_dump(mode="json"), "?op=2024-11-01")
    assert report["klaar_voor_ouders"] is False
    assert "deel1.veld_leeg" in {finding["code"] for finding in report["bevindingen"]}


def test_the_check_counts_the_six_weeks_in_the_region_chosen(browser: Browser) -> None:
    plan = example_plan().model_dump(mode="json")
    plan["datum"], plan["datum_ondersteuningsbehoefte"] = "10-10-2024", None

    def codes(regio: str) -> set[str]:
        report = _check(browser, plan, f"?op=2024-11-01&regio={regio}")
        return {finding["code"] for finding in report["bevindingen"]}

    assert "termijn.zes_weken" in codes("midden")
    assert "termijn.zes_weken" not in codes("noord")

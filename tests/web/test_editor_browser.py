"""The editor at /plan in a real Chromium, as a coordinator fills a plan: type, tick, add
rows, save as Word and read the form back; open a filled form; watch the live check; with
the keyboard alone; checked by axe-core.

The browser and server are the fixtures of conftest.py (:mod:`tests.web.browsing`).
axe-core is vendored in tests/web/vendor/axe-core (see its README) and injected by the
driver, so the app ships none of it. ``OPP_SCREENSHOTS=1`` writes docs/img/editor-*.png.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.model import (
    BIJLAGEN,
    OPP,
    ROLLEN_ONDERTEKENING,
    Evaluatie,
    Leerling,
    Ontwikkelingsperspectief,
    Ouder,
    Uitstroomprofiel,
)
from opp_docs.parsing import parse
from opp_docs.pdf import find_soffice
from opp_docs.planfile import plan_to_json
from opp_docs.validation import validate_plan
from tests.web.browsing import downloaded, errors, screenshot, unlabelled, wait_for
from tests.web.running import Running

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHECKED = 30  # seconds the live check may take to show


@pytest.fixture(scope="module")
def example_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan filled in the form, as a file to open (``opp invullen``)."""
    path = tmp_path_factory.mktemp("voorbeeld") / "voorbeeld.docx"
    path.write_bytes(fill(example_plan()))
    return path


def _fresh(driver: WebDriver, server: Running) -> None:
    """/plan as a new page: nothing unsaved kept from the test before, no draft."""
    if driver.current_url.startswith(server.base + "/plan"):
        _leave_anyway(driver)
    driver.execute_script("localStorage.clear()")
    driver.get(server.base + "/plan")
    wait_for(driver, "form[data-plan]")
    _until(driver, lambda: _summary(driver) != "Nog niet gecontroleerd.")


def _leave_anyway(driver: WebDriver) -> None:
    """Mark the page saved, so that leaving it asks nothing."""
    driver.execute_script("window.oppEditor.markSaved()")


def _until(driver: WebDriver, condition: Callable[[], Any], timeout: float = CHECKED) -> Any:
    return WebDriverWait(driver, timeout).until(lambda _: condition())


def _summary(driver: WebDriver) -> str:
    text: str = driver.find_element(By.ID, "samenvatting").text
    return text


def _labelled(driver: WebDriver, text: str, scope: WebElement | None = None) -> WebElement:
    """The control of the label whose text is ``text`` (the one, or the first in ``scope``)."""
    where = scope or driver
    labels = [  # textContent: a table cell's label is read aloud, not shown
        e
        for e in where.find_elements(By.TAG_NAME, "label")
        if " ".join((e.get_attribute("textContent") or "").split()) == text
    ]
    assert labels, f"no label {text!r}"
    if scope is None:
        assert len(labels) == 1, f"{len(labels)} labels {text!r}"
    return driver.find_element(By.ID, str(labels[0].get_attribute("for")))


def _button(scope: WebDriver | WebElement, text: str) -> WebElement:
    found = [b for b in scope.find_elements(By.TAG_NAME, "button") if text in b.text]
    assert len(found) == 1, f"{len(found)} buttons {text!r}"
    return found[0]


def _section(driver: WebDriver, section: str) -> WebElement:
    return driver.find_element(By.ID, f"onderdeel-{section}")


def _plan(driver: WebDriver) -> OPP:
    """What the page holds, read by its own script and validated as the server does."""
    return validate_plan(driver.execute_script("return window.oppEditor.plan()"))


def _ticked(driver: WebDriver, field: str) -> list[str]:
    """The options ticked in the choice group of ``field`` (its data-veld)."""
    group = driver.find_element(By.CSS_SELECTOR, f"fieldset[data-veld={field}]")
    ticked = group.find_elements(By.CSS_SELECTOR, ":checked")
    return [str(box.get_attribute("value")) for box in ticked]


def _type(element: WebElement, text: str) -> None:
    element.clear()
    element.send_keys(text)


def _open(driver: WebDriver, path: Path) -> None:
    driver.find_element(By.ID, "bestand").send_keys(str(path))
    _button(driver, "Openen").click()
    _until(driver, lambda: "is geopend" in driver.find_element(By.ID, "melding").text)


def _axe(driver: WebDriver) -> list[dict[str, Any]]:
    """The serious and critical violations axe-core finds on the page as it is now."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r)).catch(e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# ---------------------------------------------------------------------- the page


def test_the_editor_starts_empty_with_the_printed_rows(driver: WebDriver, server: Running) -> None:
    _fresh(driver, server)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Een plan invullen"
    roles = [
        row.get_attribute("data-vast")
        for row in _section(driver, "ondertekening").find_elements(By.CSS_SELECTOR, "tr[data-item]")
    ]
    assert roles == list(ROLLEN_ONDERTEKENING)
    bijlagen = _section(driver, "aanvraag").find_elements(By.CSS_SELECTOR, "tr[data-vast]")
    assert [row.find_element(By.TAG_NAME, "th").text for row in bijlagen][: len(BIJLAGEN)] == list(
        BIJLAGEN
    )
    assert _plan(driver) == OPP()  # printed rows with nothing in them are no rows
    assert _summary(driver).startswith("Nog niet klaar voor ouders.")
    assert errors(driver) == []
    screenshot(driver, "editor-boven", height=1000)


def test_type_tick_add_rows_and_save_as_word(
    driver: WebDriver, server: Running, downloads: Path
) -> None:
    _fresh(driver, server)
    _type(_labelled(driver, "Naam leerling"), "Sem de Wit")
    driver.find_element(
        By.XPATH, "//fieldset[@data-veld='uitstroomprofiel']//label[normalize-space()='HAVO']"
    ).click()
    parents = driver.find_element(By.CSS_SELECTOR, "[data-lijst=ouders]")
    _button(parents, "Toevoegen aan Ouder(s)/verzorger(s)").click()
    row = parents.find_element(By.CSS_SELECTOR, "tr[data-item]")
    _type(_labelled(driver, "Naam, rij 1", row), "Anouk de Wit")
    _type(_labelled(driver, "Relatie tot de leerling, rij 1", row), "moeder")
    evaluations = _section(driver, "evaluaties")
    _button(evaluations, "Toevoegen aan G. Evaluaties").click()
    card = evaluations.find_element(By.CSS_SELECTOR, "fieldset[data-item]")
    assert card.find_element(By.TAG_NAME, "legend").text == "Tussenevaluatie 1"
    _type(_labelled(driver, "Datum", card), "10-12-2024")
    _type(_labelled(driver, "Aanwezig", card), "Sem, moeder, mentor")
    assert driver.execute_script("return window.oppEditor.isDirty()")

    _button(driver, "Word").click()
    form = downloaded(downloads, "Sem de Wit OPP 2024-2025.docx")
    typed = OPP(
        leerling=Leerling(naam="Sem de Wit", ouders=[Ouder(naam="Anouk de Wit", relatie="moeder")]),
        ontwikkelingsperspectief=Ontwikkelingsperspectief(uitstroomprofiel=Uitstroomprofiel.HAVO),
        evaluaties=[Evaluatie(datum=date(2024, 12, 10), aanwezig="Sem, moeder, mentor")],
    )
    result = parse(form)
    assert result.plan == typed
    assert result.problems == []
    assert not driver.execute_script("return window.oppEditor.isDirty()")  # saved
    assert errors(driver) == []


def test_open_the_example_form_and_every_field_shows_its_value(
    driver: WebDriver, server: Running, example_form: Path
) -> None:
    _fresh(driver, server)
    _open(driver, example_form)
    plan = example_plan()
    assert _labelled(driver, "Naam leerling").get_attribute("value") == plan.leerling.naam
    assert _labelled(driver, "Mentor").get_attribute("value") == plan.leerling.mentor
    assert _labelled(driver, "Geboortedatum").get_attribute("value") == "22-04-2008"
    assert _ticked(driver, "uitstroomprofiel") == [plan.ontwikkelingsperspectief.uitstroomprofiel]
    assert _ticked(driver, "vervolgtrajecten") == plan.ontwikkelingsperspectief.vervolgtrajecten
    assert _ticked(driver, "acta_checklist") == plan.acta_checklist
    cards = _section(driver, "evaluaties").find_elements(By.CSS_SELECTOR, "fieldset[data-item]")
    titles = [card.find_element(By.TAG_NAME, "legend").text for card in cards]
    assert titles == [*(f"Tussenevaluatie {n}" for n in (1, 2, 3)), "Eindevaluatie"]
    dates = [_labelled(driver, "Datum", card).get_attribute("value") for card in cards]
    assert dates == [e.datum.strftime("%d-%m-%Y") for e in plan.evaluaties if e.datum]
    assert _plan(driver) == plan  # every field of the plan is on the page
    assert _summary(driver).startswith("Klaar voor de ACTA.")
    assert not driver.execute_script("return window.oppEditor.isDirty()")
    assert errors(driver) == []
    screenshot(driver, "editor-lijst", _section(driver, "ondertekening"))


def test_blank_the_motivering_and_the_live_check_says_so(
    driver: WebDriver, server: Running, example_form: Path
) -> None:
    _fresh(driver, server)
    _open(driver, example_form)
    request = _section(driver, "aanvraag")
    motivering = request.find_element(By.CSS_SELECTOR, "[data-groep=motivering]")
    for area in motivering.find_elements(By.TAG_NAME, "textarea"):
        area.send_keys(Keys.CONTROL, "a")
        area.send_keys(Keys.DELETE)
    check = driver.find_element(By.ID, "controle-aanvraag")
    _until(driver, lambda: "aanvraag.motivering_leeg" in check.text)
    assert "Nog niet klaar voor de ACTA" in _summary(driver) or "Klaar voor ouders" in _summary(
        driver
    )
    assert "aanvraag.motivering_leeg" not in driver.find_element(By.ID, "controle-leerling").text
    listed = driver.find_element(By.ID, "per-onderdeel").text
    assert "Aanvraag arrangement bij het SWV VO Westland: 1 fout" in listed
    # The finding leads to its place: the motivering's first question.
    check.find_element(By.LINK_TEXT, "Naar het veld").click()
    assert driver.switch_to.active_element.get_attribute("id") == (
        "v-aanvraag-motivering-huidige_situatie"
    )
    assert errors(driver) == []
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", request)
    screenshot(driver, "editor-controle", window=True)
    _leave_anyway(driver)


def test_the_region_counts_the_six_weeks(
    driver: WebDriver, server: Running, example_form: Path
) -> None:
    _fresh(driver, server)
    _open(driver, example_form)
    _type(_labelled(driver, "Datum vaststelling ondersteuningsbehoefte"), "")
    _type(_labelled(driver, "Datum", _section(driver, "top")), "10-10-2024")
    top = driver.find_element(By.ID, "controle-top")
    _until(driver, lambda: "termijn.zes_weken" in (top.get_attribute("textContent") or ""))
    driver.find_element(By.CSS_SELECTOR, "details.instellingen summary").click()
    driver.find_element(By.CSS_SELECTOR, "#regio option[value=noord]").click()
    _until(driver, lambda: "termijn.zes_weken" not in (top.get_attribute("textContent") or ""))
    driver.find_element(By.CSS_SELECTOR, "#regio option[value='']").click()
    _leave_anyway(driver)


def test_rows_move_and_go(driver: WebDriver, server: Running) -> None:
    _fresh(driver, server)
    parents = driver.find_element(By.CSS_SELECTOR, "[data-lijst=ouders]")
    add = _button(parents, "Toevoegen aan Ouder(s)/verzorger(s)")
    for name in ("Eerste", "Tweede", "Derde"):
        add.click()
        driver.switch_to.active_element.send_keys(name)  # the new row's first field
    assert [o.naam for o in _plan(driver).leerling.ouders] == ["Eerste", "Tweede", "Derde"]
    rows = parents.find_elements(By.CSS_SELECTOR, "tr[data-item]")
    rows[0].find_element(By.CSS_SELECTOR, "[data-actie=omlaag]").click()
    assert [o.naam for o in _plan(driver).leerling.ouders] == ["Tweede", "Eerste", "Derde"]
    moved = driver.switch_to.active_element
    assert moved.get_attribute("aria-label") == "Omlaag: rij 2"  # the focus moved along
    _labelled(driver, "Naam, rij 1", parents)  # the labels follow the new order
    rows = parents.find_elements(By.CSS_SELECTOR, "tr[data-item]")
    rows[2].find_element(By.CSS_SELECTOR, "[data-actie=verwijderen]").click()
    driver.switch_to.alert.accept()  # it held a name: the page asks first
    assert [o.naam for o in _plan(driver).leerling.ouders] == ["Tweede", "Eerste"]
    # The evaluations are numbered as the form numbers them.
    evaluations = _section(driver, "evaluaties")
    for _ in range(3):
        _button(evaluations, "Toevoegen aan G. Evaluaties").click()
    cards = evaluations.find_elements(By.CSS_SELECTOR, "fieldset[data-item]")
    cards[1].find_element(By.XPATH, ".//label[normalize-space()='Eindevaluatie']").click()
    titles = [card.find_element(By.TAG_NAME, "legend").text for card in cards]
    assert titles == ["Tussenevaluatie 1", "Eindevaluatie", "Tussenevaluatie 2"]
    assert errors(driver) == []
    _leave_anyway(driver)


def test_the_date_picker_the_example_and_an_empty_plan(driver: WebDriver, server: Running) -> None:
    _fresh(driver, server)
    date_field = _labelled(driver, "Datum", _section(driver, "top"))
    calendar = driver.find_element(By.CSS_SELECTOR, "[aria-label='Kalender: Datum']")
    calendar.click()  # opens the browser's own calendar (headless: nothing to see)
    picker = driver.find_element(By.ID, "v-datum-kiezer")
    assert picker.get_attribute("type") == "date"
    driver.execute_script(  # what choosing 1 October 2024 in that calendar does
        "arguments[0].value = '2024-10-01';"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        picker,
    )
    assert date_field.get_attribute("value") == "01-10-2024"
    assert _plan(driver).datum == date(2024, 10, 1)
    _leave_anyway(driver)
    _button(driver, "Voorbeeld openen").click()
    _until(driver, lambda: _plan(driver) == example_plan())
    _button(driver, "Leeg plan").click()
    _until(driver, lambda: _plan(driver) == OPP())
    assert errors(driver) == []


# ---------------------------------------------------------------------- open and save


def test_open_a_plan_file_and_save_it_as_a_plan_file_and_a_pdf(
    driver: WebDriver, server: Running, downloads: Path, tmp_path: Path
) -> None:
    _fresh(driver, server)
    source = tmp_path / "noor.json"
    source.write_text(plan_to_json(example_plan()), encoding="utf-8")
    _open(driver, source)
    assert _plan(driver) == example_plan()
    _button(driver, "Opslaan als plan").click()
    name = "240117 Noor Elisabeth van den Berg (Noor) OPP 2024-2025"
    saved = downloaded(downloads, f"{name}.json")
    assert json.loads(saved.read_text(encoding="utf-8")) == json.loads(source.read_text("utf-8"))
    if find_soffice() is not None:
        _button(driver, "PDF").click()
        assert downloaded(downloads, f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert errors(driver) == []


def test_what_cannot_be_opened_is_announced(
    driver: WebDriver, server: Running, tmp_path: Path
) -> None:
    _fresh(driver, server)
    broken = tmp_path / "kapot.json"
    broken.write_text("{", encoding="utf-8")
    driver.find_element(By.ID, "bestand").send_keys(str(broken))
    _button(driver, "Openen").click()
    alert = driver.find_element(By.ID, "melding")
    assert alert.get_attribute("role") == "alert"
    _until(driver, lambda: "json.ongeldig" in alert.text)
    assert "Openen is niet gelukt" in alert.text
    assert all("400" in message for message in errors(driver))  # the answer's own status


def test_leaving_with_unsaved_changes_asks_first(driver: WebDriver, server: Running) -> None:
    # Chromium asks when the page cancels "beforeunload"; WebDriver itself accepts such a
    # question when it navigates, so the test sends the event as the browser would.
    leaving = (
        "const event = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(event); return event.defaultPrevented;"
    )
    _fresh(driver, server)
    assert driver.execute_script(leaving) is False  # nothing typed: leave freely
    ActionChains(driver).click(_labelled(driver, "Klas")).send_keys("3K2").perform()
    assert driver.execute_script(leaving) is True  # unsaved: the browser asks first
    _button(driver, "Opslaan als Word").click()
    _until(driver, lambda: "Opgeslagen als" in driver.find_element(By.ID, "melding").text)
    assert driver.execute_script(leaving) is False  # saved


def test_a_draft_only_when_asked_for(driver: WebDriver, server: Running) -> None:
    _fresh(driver, server)
    _type(_labelled(driver, "Klas"), "2H1")
    time.sleep(1)  # past the live check: nothing is stored meanwhile
    assert driver.execute_script("return localStorage.length") == 0
    driver.find_element(By.CSS_SELECTOR, "#concept summary").click()
    warning = driver.find_element(By.ID, "concept-waarschuwing").text
    assert "gedeelde computer" in warning
    _button(driver, "Concept bewaren").click()
    assert driver.execute_script("return localStorage.length") == 1
    _leave_anyway(driver)
    driver.get(server.base + "/plan")
    status = driver.find_element(By.ID, "concept-status").text
    assert "Er staat een concept op deze computer" in status
    assert _labelled(driver, "Klas").get_attribute("value") == ""  # not opened by itself
    _button(driver, "Concept openen").click()
    assert _labelled(driver, "Klas").get_attribute("value") == "2H1"
    _button(driver, "Concept wissen").click()
    assert driver.execute_script("return localStorage.length") == 0
    _leave_anyway(driver)


# ---------------------------------------------------------------------- accessible


def test_every_control_is_labelled_and_axe_finds_nothing_serious(
    driver: WebDriver, server: Running, example_form: Path
) -> None:
    _fresh(driver, server)
    assert unlabelled(driver) == []
    without_label_for: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
        '.filter(e => !e.id || !document.querySelector(`label[for="${e.id}"]`))'
        ".map(e => e.outerHTML)"
    )
    assert without_label_for == []
    assert _axe(driver) == []
    _open(driver, example_form)  # every list filled, findings shown
    year = _labelled(driver, "Leerjaar")
    _type(year, "9")  # a value the model refuses: said at once, at its place, and marked
    summary = driver.find_element(By.ID, "samenvatting")
    assert summary.get_attribute("aria-live") == "polite"
    _until(driver, lambda: "waarden die niet passen" in _summary(driver))
    part = driver.find_element(By.ID, "controle-leerling")
    assert "waarde.less_than_equal" in (part.get_attribute("textContent") or "")
    assert year.get_attribute("aria-invalid") == "true"
    described = (year.get_attribute("aria-describedby") or "").split()
    assert any(
        "waarde.less_than_equal" in (driver.find_element(By.ID, i).text or "")
        for i in described
        if i.startswith("bevinding-")
    )
    assert unlabelled(driver) == []
    assert _axe(driver) == []
    _leave_anyway(driver)


def test_the_keyboard_alone(driver: WebDriver, server: Running) -> None:
    _fresh(driver, server)
    reached: list[str] = []
    for _ in range(400):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        reached.append(active.get_attribute("id") or active.text)
        if active.text == "Toevoegen aan Ouder(s)/verzorger(s)":
            break
    assert "v-leerling-naam" in reached and "v-datum" in reached
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    ActionChains(driver).send_keys(Keys.ENTER).perform()  # adds a row, focus in it
    ActionChains(driver).send_keys("Bram de Wit").perform()
    assert [o.naam for o in _plan(driver).leerling.ouders] == ["Bram de Wit"]
    ActionChains(driver).send_keys(Keys.TAB, "vader").perform()
    assert _plan(driver).leerling.ouders[0].relatie == "vader"
    _leave_anyway(driver)

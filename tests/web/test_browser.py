"""The pages in a real Chromium, as a coordinator uses them: sign in with the URL, make the
forms of the example list and download the zip, collect those forms and read the report,
check, plan, make the companion documents; without the token only the sign-in page.

The browser and server are the fixtures of conftest.py (:mod:`tests.web.browsing`).
``OPP_SCREENSHOTS=1`` writes a screenshot of every page to docs/img/web-*.png (for
docs/web.md); otherwise none is kept.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.web.browsing import REPO, downloaded, errors, screenshot, unlabelled, wait_for
from tests.web.running import Running

EXAMPLE_LIST = REPO / "examples" / "leerlingen.xlsx"


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the forms downloaded from Formulieren maken are unpacked."""
    return tmp_path_factory.mktemp("formulieren")


def _submit(driver: WebDriver) -> None:
    driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()


def test_the_start_page_with_the_token(driver: WebDriver, server: Running) -> None:
    assert driver.current_url == f"{server.base}/"  # the token left the address bar
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("OPP 2024-2025")
    steps = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "ol.jaar h2")]
    assert steps[0] == "Formulieren maken" and "Formulieren verzamelen" in steps
    assert errors(driver) == []
    screenshot(driver, "web-start")


def test_every_page_is_labelled_and_without_consoleerrors(
    driver: WebDriver, server: Running
) -> None:
    for path in ("/maken", "/plan", "/verzamelen", "/controleren", "/planning", "/documenten"):
        driver.get(server.base + path)
        assert driver.find_element(By.TAG_NAME, "h1").text, path
        assert unlabelled(driver) == [], path
        assert errors(driver) == [], path
        current = driver.find_element(By.CSS_SELECTOR, "nav a[aria-current=page]")
        assert current.get_attribute("href") == server.base + path


def test_the_keyboard_reaches_every_control_of_a_form(driver: WebDriver, server: Running) -> None:
    driver.get(server.base + "/maken")
    reached = []
    for _ in range(25):
        # Keys to the page, not to an element: keys sent to a file input name a file.
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        reached.append(active.get_attribute("id") or active.text or active.tag_name)
    assert reached[0] == "Naar de inhoud"
    for control in ("werkmap", "streng", "Formulieren maken"):
        assert control in reached, reached


def test_make_the_forms_of_the_example_list_and_download_the_zip(
    driver: WebDriver, server: Running, downloads: Path, forms: Path
) -> None:
    driver.get(server.base + "/maken")
    screenshot(driver, "web-maken")
    driver.find_element(By.ID, "werkmap").send_keys(str(EXAMPLE_LIST))
    _submit(driver)
    wait_for(driver, "#download")
    table = driver.find_element(By.CSS_SELECTOR, "table.meldingen")
    rows = [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    assert len(rows) == 1
    sheet, row, column = rows[0][1:4]
    assert (row, column) == ("15", "Geboortedatum") and sheet
    assert "excel.datum_bestaat_niet" in rows[0][-1]
    assert errors(driver) == []
    screenshot(driver, "web-maken-resultaat")
    driver.find_element(By.ID, "download").click()
    with zipfile.ZipFile(downloaded(downloads, "formulieren.zip")) as archive:
        names = archive.namelist()
        assert "meldingen.xlsx" in names
        documents = [name for name in names if name.endswith(".docx")]
        assert len(documents) == 30
        for name in documents:
            (forms / name).write_bytes(archive.read(name))


def test_collect_the_forms_and_see_the_report(
    driver: WebDriver, server: Running, downloads: Path, forms: Path
) -> None:
    paths = sorted(forms.glob("*.docx"))
    assert len(paths) == 30, "runs after the forms were made"
    driver.get(server.base + "/verzamelen")
    driver.find_element(By.ID, "formulieren").send_keys("\n".join(str(p) for p in paths))
    _submit(driver)
    wait_for(driver, "table.plannen")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.plannen tbody tr")
    assert len(rows) == 30
    first = driver.find_element(By.CSS_SELECTOR, "details.plan summary")
    first.click()  # a plan's findings open under its name, by part of the form
    assert driver.find_elements(By.CSS_SELECTOR, "details.plan[open] table.bevindingen caption")
    header = driver.find_element(By.XPATH, "//table[contains(@class,'plannen')]//th[4]")
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    counts = [
        int(row.find_elements(By.TAG_NAME, "td")[3].text)
        for row in driver.find_elements(By.CSS_SELECTOR, "table.plannen tbody tr")
    ]
    assert counts == sorted(counts)
    assert errors(driver) == []
    screenshot(driver, "web-verzamelen")
    driver.find_element(By.ID, "download").click()
    overview = downloaded(downloads, "overzicht.xlsx")
    from opp_docs.sources import read_plans

    assert len(read_plans(overview).plans) == 30


def test_check_one_form(driver: WebDriver, server: Running, forms: Path) -> None:
    driver.get(server.base + "/controleren")
    driver.find_element(By.ID, "plan").send_keys(str(sorted(forms.glob("*.docx"))[0]))
    driver.find_element(By.ID, "acta").click()
    _submit(driver)
    wait_for(driver, "details.plan[open]")  # one plan: open at once
    sections = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "table.bevindingen caption")]
    assert sections and len(sections) == len(set(sections))
    merged = driver.find_elements(By.XPATH, "//td[contains(., 'handtekeningvakken leeg')]")
    assert merged  # a table's empty signature boxes on one line, as opp controleren prints
    assert errors(driver) == []
    screenshot(driver, "web-controleren")


def test_planning_of_the_forms(
    driver: WebDriver, server: Running, downloads: Path, forms: Path
) -> None:
    driver.get(server.base + "/planning")
    chosen = sorted(forms.glob("*.docx"))[:5]
    driver.find_element(By.ID, "plannen").send_keys("\n".join(str(p) for p in chosen))
    _submit(driver)
    wait_for(driver, "#download")
    assert errors(driver) == []
    screenshot(driver, "web-planning")
    driver.find_element(By.ID, "download").click()
    assert downloaded(downloads, "evaluaties.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_companion_documents_of_the_forms(
    driver: WebDriver, server: Running, downloads: Path, forms: Path
) -> None:
    driver.get(server.base + "/documenten")
    chosen = sorted(forms.glob("*.docx"))[:5]
    driver.find_element(By.ID, "plannen").send_keys("\n".join(str(p) for p in chosen))
    _submit(driver)
    wait_for(driver, "#download")
    assert errors(driver) == []
    screenshot(driver, "web-documenten")
    driver.find_element(By.ID, "download").click()
    with zipfile.ZipFile(io.BytesIO(downloaded(downloads, "documenten.zip").read_bytes())) as z:
        folders = {name.split("/", 1)[0] for name in z.namelist()}
        assert folders == {"handelingswijzers", "uitnodigingen"}
        assert len(z.namelist()) == 10


def test_the_api_page_runs_the_vendored_swagger_ui(driver: WebDriver, server: Running) -> None:
    driver.get(server.base + "/api/docs")
    wait_for(driver, ".swagger-ui .opblock")
    operations = driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    assert "/api/fill" in [e.text.replace("\u200b", "") for e in operations]
    assert errors(driver) == []
    screenshot(driver, "web-api")


def test_without_the_token_only_the_sign_in_page(
    new_driver: Callable[[Path], WebDriver], server: Running, tmp_path: Path
) -> None:
    stranger = new_driver(tmp_path)
    stranger.get(server.base + "/maken")
    assert stranger.find_element(By.TAG_NAME, "h1").text == "Aanmelden"
    assert stranger.find_elements(By.ID, "werkmap") == []
    assert all("401" in message for message in errors(stranger))  # the page's own status
    screenshot(stranger, "web-aanmelden")
    stranger.find_element(By.ID, "token").send_keys(server.token + Keys.ENTER)
    wait_for(stranger, "ol.jaar")
    assert stranger.current_url == f"{server.base}/"

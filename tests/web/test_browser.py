"""The pages in a real Chromium, as a coordinator uses them: sign in with the URL, make the
forms of the example list and download the zip, collect those forms and read the report,
check, plan, make the companion documents; without the token only the sign-in page.

Chromium and its driver are Debian's (``chromium``, ``chromium-driver``; ``.ci/run`` installs
them); Selenium gets the driver's path, so it downloads nothing. ``OPP_SCREENSHOTS=1`` writes
a screenshot of every page to docs/img/web-*.png (for docs/web.md); otherwise none is kept.
"""

from __future__ import annotations

import base64
import io
import os
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.web.running import Running, opp_web

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_LIST = REPO / "examples" / "leerlingen.xlsx"
SHOTS = REPO / "docs" / "img"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 120  # seconds: generate of 30 forms takes a few


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("Chromium or its driver is missing; .ci/run should install them")
        pytest.skip("Chromium (chromium, chromium-driver) is not installed")
    return CHROMEDRIVER


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with opp_web(cwd=tmp_path_factory.mktemp("server")) as running:
        yield running


Driver = Callable[[], WebDriver]


@pytest.fixture(scope="module")
def new_driver(
    chromium: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[Path], WebDriver]]:
    """A fresh headless Chromium (own profile) that downloads into the folder given."""
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager: look nothing up
    started: list[WebDriver] = []

    def start(downloads: Path) -> WebDriver:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
            "--lang=nl",  # the browser's own texts (the file chooser) in Dutch, as at school
            f"--user-data-dir={tmp_path_factory.mktemp('profiel')}",
        ):
            options.add_argument(argument)
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "intl.accept_languages": "nl",
            },
        )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # Chromium on Linux takes its language from the environment (Dutch with chromium-l10n).
        language = {**os.environ, "LANGUAGE": "nl", "LC_ALL": "C.UTF-8"}  # UTF-8 file names
        driver = webdriver.Chrome(options=options, service=Service(str(chromium), env=language))
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        started.append(driver)
        return driver

    yield start
    for driver in started:
        driver.quit()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(new_driver: Callable[[Path], WebDriver], server: Running, downloads: Path) -> WebDriver:
    """Signed in with the URL that opp web printed, as the browser it opens would be."""
    browser = new_driver(downloads)
    browser.get(server.url)
    return browser


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the forms downloaded from Formulieren maken are unpacked."""
    return tmp_path_factory.mktemp("formulieren")


def _errors(driver: WebDriver) -> list[str]:
    """The console's errors since the last call (Chromium's log of type "browser")."""
    # Selenium leaves get_log without annotations.
    entries: list[dict[str, str]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]


def _screenshot(driver: WebDriver, name: str) -> None:
    """The whole page, also below the window, as docs/img/web-NAME.png when OPP_SCREENSHOTS=1."""
    if os.environ.get("OPP_SCREENSHOTS") != "1":
        return
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    (SHOTS / f"web-{name}.png").write_bytes(base64.b64decode(shot["data"]))


def _unlabelled(driver: WebDriver) -> list[str]:
    found: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
        ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))"
        ".map(e => e.outerHTML)"
    )
    return found


def _submit(driver: WebDriver) -> None:
    driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()


def _wait_for(driver: WebDriver, css: str) -> None:
    WebDriverWait(driver, WAIT).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def _downloaded(folder: Path, name: str) -> Path:
    target = folder / name
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if target.exists() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded: {sorted(folder.iterdir())}")


def test_the_start_page_with_the_token(driver: WebDriver, server: Running) -> None:
    assert driver.current_url == f"{server.base}/"  # the token left the address bar
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("OPP 2024-2025")
    steps = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "ol.jaar h2")]
    assert steps[0] == "Formulieren maken" and "Formulieren verzamelen" in steps
    assert _errors(driver) == []
    _screenshot(driver, "start")


def test_every_page_is_labelled_and_without_console_errors(
    driver: WebDriver, server: Running
) -> None:
    for path in ("/maken", "/verzamelen", "/controleren", "/planning", "/documenten"):
        driver.get(server.base + path)
        assert driver.find_element(By.TAG_NAME, "h1").text, path
        assert _unlabelled(driver) == [], path
        assert _errors(driver) == [], path
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
    _screenshot(driver, "maken")
    driver.find_element(By.ID, "werkmap").send_keys(str(EXAMPLE_LIST))
    _submit(driver)
    _wait_for(driver, "#download")
    table = driver.find_element(By.CSS_SELECTOR, "table.meldingen")
    rows = [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    assert len(rows) == 1
    sheet, row, column = rows[0][1:4]
    assert (row, column) == ("15", "Geboortedatum") and sheet
    assert "excel.datum_bestaat_niet" in rows[0][-1]
    assert _errors(driver) == []
    _screenshot(driver, "maken-resultaat")
    driver.find_element(By.ID, "download").click()
    with zipfile.ZipFile(_downloaded(downloads, "formulieren.zip")) as archive:
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
    _wait_for(driver, "table.plannen")
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
    assert _errors(driver) == []
    _screenshot(driver, "verzamelen")
    driver.find_element(By.ID, "download").click()
    overview = _downloaded(downloads, "overzicht.xlsx")
    from opp_docs.sources import read_plans

    assert len(read_plans(overview).plans) == 30


def test_check_one_form(driver: WebDriver, server: Running, forms: Path) -> None:
    driver.get(server.base + "/controleren")
    driver.find_element(By.ID, "plan").send_keys(str(sorted(forms.glob("*.docx"))[0]))
    driver.find_element(By.ID, "acta").click()
    _submit(driver)
    _wait_for(driver, "details.plan[open]")  # one plan: open at once
    sections = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "table.bevindingen caption")]
    assert sections and len(sections) == len(set(sections))
    merged = driver.find_elements(By.XPATH, "//td[contains(., 'handtekeningvakken leeg')]")
    assert merged  # a table's empty signature boxes on one line, as opp controleren prints
    assert _errors(driver) == []
    _screenshot(driver, "controleren")


def test_planning_of_the_forms(
    driver: WebDriver, server: Running, downloads: Path, forms: Path
) -> None:
    driver.get(server.base + "/planning")
    chosen = sorted(forms.glob("*.docx"))[:5]
    driver.find_element(By.ID, "plannen").send_keys("\n".join(str(p) for p in chosen))
    _submit(driver)
    _wait_for(driver, "#download")
    assert _errors(driver) == []
    _screenshot(driver, "planning")
    driver.find_element(By.ID, "download").click()
    assert _downloaded(downloads, "evaluaties.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_companion_documents_of_the_forms(
    driver: WebDriver, server: Running, downloads: Path, forms: Path
) -> None:
    driver.get(server.base + "/documenten")
    chosen = sorted(forms.glob("*.docx"))[:5]
    driver.find_element(By.ID, "plannen").send_keys("\n".join(str(p) for p in chosen))
    _submit(driver)
    _wait_for(driver, "#download")
    assert _errors(driver) == []
    _screenshot(driver, "documenten")
    driver.find_element(By.ID, "download").click()
    with zipfile.ZipFile(io.BytesIO(_downloaded(downloads, "documenten.zip").read_bytes())) as z:
        folders = {name.split("/", 1)[0] for name in z.namelist()}
        assert folders == {"handelingswijzers", "uitnodigingen"}
        assert len(z.namelist()) == 10


def test_the_api_page_runs_the_vendored_swagger_ui(driver: WebDriver, server: Running) -> None:
    driver.get(server.base + "/api/docs")
    _wait_for(driver, ".swagger-ui .opblock")
    operations = driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    assert "/api/fill" in [e.text.replace("\u200b", "") for e in operations]
    assert _errors(driver) == []
    _screenshot(driver, "api")


def test_without_the_token_only_the_sign_in_page(
    new_driver: Callable[[Path], WebDriver], server: Running, tmp_path: Path
) -> None:
    stranger = new_driver(tmp_path)
    stranger.get(server.base + "/maken")
    assert stranger.find_element(By.TAG_NAME, "h1").text == "Aanmelden"
    assert stranger.find_elements(By.ID, "werkmap") == []
    assert all("401" in message for message in _errors(stranger))  # the page's own status
    _screenshot(stranger, "aanmelden")
    stranger.find_element(By.ID, "token").send_keys(server.token + Keys.ENTER)
    _wait_for(stranger, "ol.jaar")
    assert stranger.current_url == f"{server.base}/"

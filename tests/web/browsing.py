"""A real Chromium for the browser tests, and what they ask of it.

Chromium and its driver are Debian's (``chromium``, ``chromium-driver``; ``.ci/run`` installs
them); Selenium gets the driver's path, so it downloads nothing. The fixtures built on these
(``chromium``, ``server``, ``new_driver``, ``downloads``, ``driver``) are in conftest.py, one
server and one browser per test module. ``OPP_SCREENSHOTS=1`` lets :func:`screenshot` write
docs/img/NAME.png (for docs/web.md); otherwise none is kept.
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "img"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 120  # seconds: generate of 30 forms takes a few


def find_chromium() -> Path:
    """The driver's path; skips (fails on CI) when Chromium or its driver is missing."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("Chromium or its driver is missing; .ci/run should install them")
        pytest.skip("Chromium (chromium, chromium-driver) is not installed")
    return CHROMEDRIVER


def drivers(chromium: Path, profiles: Callable[[], Path]) -> Iterator[Callable[[Path], WebDriver]]:
    """Start fresh headless Chromiums (each its own profile) that download into the folder
    given; all are stopped at the end."""
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
            f"--user-data-dir={profiles()}",
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
        # A dialog (beforeunload, confirm) waits for the test to answer it.
        options.set_capability("unhandledPromptBehavior", "ignore")
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


def errors(driver: WebDriver) -> list[str]:
    """The console's errors since the last call (Chromium's log of type "browser")."""
    # Selenium leaves get_log without annotations.
    entries: list[dict[str, str]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]


def screenshot(
    driver: WebDriver,
    name: str,
    element: WebElement | None = None,
    *,
    height: int | None = None,
    window: bool = False,
) -> None:
    """As docs/img/NAME.png when OPP_SCREENSHOTS=1: the whole page (also below the window),
    one ``element`` of it, or what the ``window`` shows now; at most ``height`` pixels."""
    if os.environ.get("OPP_SCREENSHOTS") != "1":
        return
    if window:  # as it is: sticky parts where they stick (a larger capture would move them)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        (SHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
        return
    if element is None:
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        box = {"x": 0, "y": 0, "width": size["width"], "height": size["height"]}
    else:
        box = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};",
            element,
        )
    clip = {key: float(box[key]) for key in ("x", "y", "width", "height")}
    if height is not None:
        clip["height"] = min(clip["height"], height)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}},
    )
    (SHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def unlabelled(driver: WebDriver) -> list[str]:
    """Every control of the page without a label."""
    found: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
        ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))"
        ".map(e => e.outerHTML)"
    )
    return found


def wait_for(driver: WebDriver, css: str, timeout: float = WAIT) -> WebElement:
    """The element ``css`` once it is there."""
    found: WebElement = WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )
    return found


def downloaded(folder: Path, name: str) -> Path:
    """``folder/name`` once the browser has finished downloading it."""
    target = folder / name
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if target.exists() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded: {sorted(folder.iterdir())}")

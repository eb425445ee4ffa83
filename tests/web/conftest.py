"""Fixtures of the web app's tests: an app with a known token, clients signed in either way;
for the browser tests a real server and Chromium, one each per test module."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from selenium.webdriver.chrome.webdriver import WebDriver

from opp_docs.web import WebSettings, create_app
from tests.web.browsing import drivers, find_chromium
from tests.web.running import Running, opp_web

TOKEN = "test-token-" + "x" * 20
BEARER = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1"


@pytest.fixture
def app() -> FastAPI:
    return create_app(WebSettings(token=TOKEN))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client that sends nothing of its own: no cookie, no bearer (tests add them)."""
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def api(client: TestClient) -> TestClient:
    """A script's client: the bearer token on every request."""
    client.headers.update(BEARER)
    return client


@dataclass
class Browser:
    """A browser's view: signed in with the URL's token, the page's CSRF token at hand."""

    client: TestClient
    csrf: str


def csrf_of(page: str) -> str:
    """The CSRF token of a page: its forms' hidden field (or the API page's meta tag)."""
    found = re.search(r'name="csrf" value="([^"]+)"', page) or re.search(
        r'name="csrf-token" content="([^"]+)"', page
    )
    if found is None:
        raise AssertionError("no CSRF token on the page")
    return found.group(1)


@pytest.fixture
def browser(client: TestClient) -> Browser:
    """Signed in as a browser is: the URL with the token, then the cookie it set."""
    client.headers.update({"accept": "text/html"})
    first = client.get(f"/maken?token={TOKEN}")  # redirected to /maken, signed in
    assert first.status_code == 200, first.text
    return Browser(client, csrf_of(first.text))


# ---------------------------------------------------------------------- a real browser


@pytest.fixture(scope="module")
def chromium() -> Path:
    """The path of Chromium's driver (the test is skipped without Chromium, off CI)."""
    return find_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """``opp web`` in a child process, stopped with Ctrl-C after the module."""
    with opp_web(cwd=tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="module")
def new_driver(
    chromium: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[Path], WebDriver]]:
    """A fresh headless Chromium (own profile) that downloads into the folder given."""
    yield from drivers(chromium, lambda: tmp_path_factory.mktemp("profiel"))


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(new_driver: Callable[[Path], WebDriver], server: Running, downloads: Path) -> WebDriver:
    """Signed in with the URL that opp web printed, as the browser it opens would be."""
    browser = new_driver(downloads)
    browser.get(server.url)
    return browser

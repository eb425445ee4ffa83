"""Fixtures of the web app's tests: an app with a known token, clients signed in either way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from opp_docs.web import WebSettings, create_app

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

"""Who may use the server: the token, the session cookie, the bearer header, CSRF, headers."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from opp_docs.example import example_plan
from opp_docs.filling import fill
from tests.web.conftest import BEARER, TOKEN, Browser, csrf_of

PAGES = ["/", "/maken", "/verzamelen", "/controleren", "/planning", "/documenten", "/api/docs"]


def _post_routes(app: FastAPI) -> list[str]:
    paths = [path for path, operations in app.openapi()["paths"].items() if "post" in operations]
    return [*paths, "/maken", "/verzamelen", "/controleren", "/planning", "/documenten"]


def test_without_the_token_every_page_and_api_call_is_refused(
    app: FastAPI, client: TestClient
) -> None:
    for path in [*PAGES, "/api/openapi.json", "/maken/lege-werkmap", "/download/x"]:
        answer = client.get(path)
        assert answer.status_code == 401, path
        assert answer.json()["code"] == "web.geen_toegang"
        assert answer.headers["www-authenticate"] == "Bearer"
    for path in _post_routes(app):
        answer = client.post(path, files={"file": ("a.docx", b"x")})
        assert answer.status_code == 401, path
        assert answer.json()["problems"][0]["code"] == "web.geen_toegang"


def test_a_browser_without_the_token_gets_the_dutch_sign_in_page(client: TestClient) -> None:
    answer = client.get("/maken", headers={"accept": "text/html"})
    assert answer.status_code == 401
    assert '<html lang="nl">' in answer.text
    assert "Toegangscode" in answer.text and 'for="token"' in answer.text
    assert "Formulieren maken</a>" not in answer.text  # no menu before signing in


def test_a_wrong_token_is_403(client: TestClient) -> None:
    assert client.get("/?token=fout").status_code == 403
    answer = client.get("/api/openapi.json", headers={"Authorization": "Bearer fout"})
    assert answer.status_code == 403
    assert answer.json()["code"] == "web.token_onjuist"


def test_the_token_sets_a_strict_http_only_cookie_and_leaves_the_address_bar(
    client: TestClient,
) -> None:
    answer = client.get(f"/controleren?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/controleren"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert TOKEN not in cookie
    assert "max-age" not in cookie.lower() and "expires" not in cookie.lower()  # a session's
    page = client.get("/controleren")
    assert page.status_code == 200
    assert "<h1>Controleren</h1>" in page.text


def test_the_start_page_is_dutch_with_the_security_headers(browser: Browser) -> None:
    answer = browser.client.get("/")
    assert answer.status_code == 200
    assert '<html lang="nl">' in answer.text
    for step in ("Formulieren maken", "Formulieren verzamelen", "Controleren", "Planning"):
        assert step in answer.text
    csp = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["cache-control"] == "no-store"
    assert "<script>" not in answer.text and "onclick" not in answer.text  # no inline script


def test_static_assets_are_open_and_vendored(client: TestClient) -> None:
    for path in ("/static/opp.css", "/static/opp.js", "/static/swagger-ui/swagger-ui-bundle.js"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert "http" not in client.get("/static/opp.css").text  # nothing from elsewhere


def test_the_bearer_token_opens_the_api(client: TestClient) -> None:
    answer = client.get("/api/openapi.json", headers=BEARER)
    assert answer.status_code == 200


def test_the_sign_in_page_takes_the_token_typed_in(client: TestClient) -> None:
    wrong = client.post("/aanmelden", data={"token": "fout"}, follow_redirects=False)
    assert wrong.status_code == 403
    right = client.post("/aanmelden", data={"token": TOKEN}, follow_redirects=False)
    assert right.status_code == 303 and "HttpOnly" in right.headers["set-cookie"]
    assert client.get("/planning").status_code == 200


def test_every_form_post_of_a_cookie_needs_the_csrf_token(app: FastAPI, browser: Browser) -> None:
    form = fill(example_plan())
    for path in _post_routes(app):
        answer = browser.client.post(path, files={"file": ("a.docx", form)})
        assert answer.status_code == 403, path
        assert "web.csrf" in answer.text, path
        answer = browser.client.post(
            path, files={"file": ("a.docx", form)}, data={"csrf": "0" * 64}
        )
        assert answer.status_code == 403, path
    # JSON (no form field to carry it) needs the header.
    plan = example_plan().model_dump(mode="json")
    assert browser.client.post("/api/fill", json=plan).status_code == 403
    answer = browser.client.post("/api/fill", json=plan, headers={"X-CSRF-Token": browser.csrf})
    assert answer.status_code == 200
    answer = browser.client.post(
        "/api/parse", files={"file": ("a.docx", form)}, data={"csrf": browser.csrf}
    )
    assert answer.status_code == 200


def test_a_post_from_another_site_is_refused(browser: Browser) -> None:
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:9999"},  # another port
    ):
        answer = browser.client.post(
            "/api/parse",
            files={"file": ("a.docx", b"x")},
            data={"csrf": browser.csrf},
            headers=headers,
        )
        assert answer.status_code == 403
        assert "web.andere_site" in answer.text


def test_an_unknown_host_is_refused(client: TestClient) -> None:
    """A name rebound to 127.0.0.1 by another site's DNS is no host of this server."""
    answer = client.get("/", headers={"Host": "evil.example"})
    assert answer.status_code == 400


def test_the_api_page_carries_the_csrf_token_for_its_requests(browser: Browser) -> None:
    page = browser.client.get("/api/docs")
    assert page.status_code == 200
    assert csrf_of(page.text) == browser.csrf
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page.text


@pytest.mark.parametrize("path", ["/nergens", "/static/nergens.css"])
def test_an_unknown_page_is_a_dutch_404(browser: Browser, path: str) -> None:
    answer = browser.client.get(path)
    assert answer.status_code == 404
    assert "bestaat niet" in answer.text

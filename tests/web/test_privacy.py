"""Nothing stays behind: no file outside the request's folder, every folder removed after its
response and the server's at shutdown, downloads as attachments, and no personal data, file
name or token in the log."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.web import WebSettings, create_app
from tests.web.conftest import BASE, BEARER, TOKEN, Browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_LIST = REPO / "examples" / "leerlingen.xlsx"


def test_each_request_folder_is_gone_after_its_response_and_the_server_folder_at_shutdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A temporary folder of this test's own: other programs (LibreOffice in another test or
    # on the machine) write into the system's while it runs.
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    before_start = set(Path(tempfile.gettempdir()).iterdir())
    app: FastAPI = create_app(WebSettings(token=TOKEN))
    assert set(Path(tempfile.gettempdir()).iterdir()) == before_start  # none until it starts
    with TestClient(app, base_url=BASE, headers=BEARER) as api:
        root = app.state.workspace.root
        assert root.is_dir() and root.parent == Path(tempfile.gettempdir())
        assert root.stat().st_mode & 0o077 == 0  # the server's user only
        before = set(Path(tempfile.gettempdir()).iterdir())
        answer = api.post(
            "/api/generate", files={"file": ("lijst.xlsx", EXAMPLE_LIST.read_bytes())}
        )
        assert answer.status_code == 200
        assert app.state.workspace.leftovers() == []
        api.post("/api/parse", files={"file": ("x.docx", b"geen docx")})
        assert app.state.workspace.leftovers() == []
        # Nothing else was put in the system's temporary folder (spooled uploads neither).
        assert set(Path(tempfile.gettempdir()).iterdir()) - before == set()
    assert not root.exists()


def test_downloads_are_attachments_with_safe_names(browser: Browser) -> None:
    answer = browser.client.post(
        "/maken",
        files={"file": ("../../lijst.xlsx", EXAMPLE_LIST.read_bytes())},
        data={"csrf": browser.csrf},
    )
    assert answer.status_code == 200
    link = answer.text.split('href="/download/', 1)[1].split('"', 1)[0]
    download = browser.client.get(f"/download/{link}")
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith(
        'attachment; filename="formulieren.zip"'
    )
    assert download.headers["cache-control"] == "no-store"
    assert browser.client.get("/download/onbekend").status_code == 404


def test_the_log_has_routes_and_statuses_only(
    browser: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    plan = example_plan()
    name = plan.leerling.naam
    assert name
    with caplog.at_level(logging.INFO, logger="opp_docs.web"):
        browser.client.get("/controleren")
        browser.client.post(
            "/controleren",
            files={"files": (f"{name} geheim.docx", fill(plan))},
            data={"csrf": browser.csrf},
        )
        browser.client.get("/download/abc")
        browser.client.get("/download/abc?token=zomaar")
    lines = [record.getMessage() for record in caplog.records if record.name == "opp_docs.web"]
    assert any(line.startswith("POST /controleren 200") for line in lines), lines
    assert any(line.startswith("GET /download/{key} 404") for line in lines), lines
    assert any(line.startswith("GET (onbekend) 403") for line in lines), lines  # ?token=zomaar
    text = "\n".join(lines)
    for secret in (TOKEN, name, "geheim", "zomaar", browser.csrf):
        assert secret not in text


def test_an_internal_error_names_its_type_only(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from opp_docs.web import jobs

    def broken(*_: object, **__: object) -> None:
        raise ValueError("Noor de Vries, geboren 03-05-2010")

    monkeypatch.setattr(jobs, "parse_form", broken)
    with TestClient(app, base_url=BASE, headers=BEARER) as api:
        with caplog.at_level(logging.INFO):
            answer = api.post("/api/parse", files={"file": ("x.docx", b"x")})
        assert answer.status_code == 500
        assert answer.json()["code"] == "web.interne_fout"
        assert "Noor" not in answer.text
        assert all("Noor" not in record.getMessage() for record in caplog.records)
        assert api.get("/api/openapi.json").status_code == 200


def test_a_large_upload_is_never_spooled_to_a_file(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starlette spools an upload over 1 MiB into a file in the system's temporary folder;
    the server's parser keeps it in memory until it is written to the request folder."""
    spooled: list[object] = []
    real = tempfile.TemporaryFile

    def recording(*args: object, **_: object) -> object:
        spooled.append(args)
        return real()

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    answer = api.post("/api/parse", files={"file": ("groot.docx", b"x" * (3 * 1024 * 1024))})
    assert answer.json()["code"] == "pakket.geen_zip"
    assert spooled == []

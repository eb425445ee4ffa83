"""Every hostile upload the CLI refuses is refused through the API the same way (a 4xx JSON
body with the CLI's code), and the server answers the next request; the limits on size,
number of files and unpacked size each have their own Dutch problem."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.web import Limits, WebSettings, create_app
from tests.test_hostile_inputs import SECRET, hostile_forms, hostile_workbooks
from tests.web.conftest import BASE, BEARER, TOKEN

FORM_KINDS = list(hostile_forms(Path("geheim.txt")))
WORKBOOK_KINDS = list(hostile_workbooks(Path("geheim.txt")))


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geheim") / "geheim.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server() -> Iterator[TestClient]:
    """One server for every hostile upload: it must keep serving after each."""
    with TestClient(create_app(WebSettings(token=TOKEN)), base_url=BASE, headers=BEARER) as api:
        yield api


def _still_serves(api: TestClient) -> None:
    answer = api.post("/api/parse", files={"file": ("goed.docx", fill(example_plan()))})
    assert answer.status_code == 200
    assert answer.json()["problems"] == []


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_parse_refuses_a_hostile_form(server: TestClient, secret: Path, kind: str) -> None:
    content, code = hostile_forms(secret)[kind]
    answer = server.post("/api/parse", files={"file": ("vreemd.docx", content)})
    assert 400 <= answer.status_code < 500
    body = answer.json()
    assert body["code"] == code
    assert body["problems"][0]["bestand"] == "vreemd.docx"  # as uploaded, not the server's path
    assert SECRET not in answer.text
    _still_serves(server)


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_collect_refuses_a_hostile_form(server: TestClient, secret: Path, kind: str) -> None:
    content, code = hostile_forms(secret)[kind]
    answer = server.post("/api/collect", files={"files": ("vreemd.docx", content)})
    assert 400 <= answer.status_code < 500
    assert answer.json()["problems"][0]["code"] == code
    assert SECRET not in answer.text
    _still_serves(server)


@pytest.mark.parametrize("kind", WORKBOOK_KINDS)
def test_generate_refuses_a_hostile_workbook(server: TestClient, secret: Path, kind: str) -> None:
    content, code = hostile_workbooks(secret)[kind]
    answer = server.post("/api/generate", files={"file": ("leerlingen.xlsx", content)})
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.json()["code"] == code
    assert SECRET not in answer.text
    _still_serves(server)


def _small(**limits: int) -> TestClient:
    app: FastAPI = create_app(WebSettings(token=TOKEN, limits=Limits(**limits)))
    return TestClient(app, base_url=BASE, headers=BEARER)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_upload_over_the_size_limit_is_413() -> None:
    with _small(upload_bytes=100_000) as api:
        answer = api.post("/api/parse", files={"file": ("groot.docx", b"x" * 200_000)})
        assert answer.status_code == 413
        assert answer.json()["code"] == "web.te_groot"
        _still_serves(api)


def test_an_upload_of_too_many_files_is_refused() -> None:
    form = fill(example_plan())
    with _small(files=3) as api:
        answer = api.post("/api/collect", files=[("files", (f"{i}.docx", form)) for i in range(4)])
        assert answer.status_code == 413
        assert answer.json()["code"] == "web.te_veel_bestanden"
        in_zip = _zip({f"{i}.docx": form for i in range(4)})
        answer = api.post("/api/collect", files={"files": ("plannen.zip", in_zip)})
        assert answer.json()["code"] == "web.te_veel_bestanden"
        _still_serves(api)


def test_a_zip_that_unpacks_too_large_is_refused_before_inflating() -> None:
    with _small(unpacked_bytes=1_000_000) as api:
        answer = api.post(
            "/api/collect",
            files={
                "files": (
                    "plannen.zip",
                    _zip({"a.docx": b"\0" * 900_000, "b.docx": b"\0" * 900_000}),
                )
            },
        )
        assert answer.status_code == 413
        body = answer.json()
        assert body["code"] == "web.uitgepakt_te_groot"
        assert body["problems"][0]["bestand"] == "plannen.zip"


def test_a_zip_bomb_among_the_uploads_is_refused(server: TestClient) -> None:
    bomb = _zip({"bom.docx": b"\0" * (20 * 1024 * 1024)})  # about 1000 times
    answer = server.post("/api/collect", files={"files": ("plannen.zip", bomb)})
    assert answer.status_code == 400
    assert answer.json()["code"] == "pakket.zipbom"
    forged = bytearray(_zip({"a.docx": b"a" * 5000}))
    start = forged.rfind(b"PK\x01\x02")
    forged[start + 24 : start + 28] = (100).to_bytes(4, "little")  # claims 100 bytes
    answer = server.post("/api/collect", files={"files": ("plannen.zip", bytes(forged))})
    assert answer.json()["code"] in ("pakket.zipbom", "pakket.geen_zip")
    _still_serves(server)


def test_a_broken_zip_is_refused(server: TestClient) -> None:
    answer = server.post("/api/collect", files={"files": ("plannen.zip", b"PK\x03\x04kapot")})
    assert answer.status_code == 400
    assert answer.json()["code"] == "pakket.geen_zip"


def test_a_zip_names_no_file_outside_the_request(server: TestClient) -> None:
    """Folders in a zip are dropped: '../x.docx' is read as x.docx in the request's folder."""
    form = fill(example_plan())
    answer = server.post(
        "/api/collect", files={"files": ("plannen.zip", _zip({"../../buiten.docx": form}))}
    )
    assert answer.status_code == 200
    assert not (Path.cwd().parent / "buiten.docx").exists()

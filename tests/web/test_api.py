"""The API does each job the CLI does: fill, parse, check, generate, collect, planning and the
companion documents, described at /api/openapi.json."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.parsing import parse
from opp_docs.sources import read_plans

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_LIST = REPO / "examples" / "leerlingen.xlsx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def forms() -> dict[str, bytes]:
    """The example list's forms, as POST /api/generate gives them."""
    from fastapi.testclient import TestClient as Client

    from opp_docs.web import WebSettings, create_app
    from tests.web.conftest import BASE, BEARER, TOKEN

    with Client(create_app(WebSettings(token=TOKEN)), base_url=BASE, headers=BEARER) as api:
        answer = api.post(
            "/api/generate", files={"file": ("leerlingen.xlsx", EXAMPLE_LIST.read_bytes())}
        )
    assert answer.status_code == 200
    return {name: data for name, data in _zip(answer.content).items() if name.endswith(".docx")}


def test_openapi_lists_every_job_with_the_opp_model(api: TestClient) -> None:
    description = api.get("/api/openapi.json").json()
    paths = description["paths"]
    for path in (
        "fill",
        "parse",
        "check",
        "generate",
        "collect",
        "planning",
        "handelingswijzer",
        "uitnodiging",
    ):
        assert "post" in paths[f"/api/{path}"], path
    schemas = description["components"]["schemas"]
    assert "OPP" in schemas and "Leerling" in schemas
    fill_body = paths["/api/fill"]["post"]["requestBody"]["content"]
    assert fill_body["application/json"]["schema"] == {"$ref": "#/components/schemas/OPP"}
    parse_out = paths["/api/parse"]["post"]["responses"]["200"]["content"]["application/json"]
    assert parse_out["schema"] == {"$ref": "#/components/schemas/ParseOut"}
    assert schemas["ParseOut"]["properties"]["plan"] == {"$ref": "#/components/schemas/OPP"}
    assert "ErrorBody" in schemas


def test_fill_gives_the_form_that_parses_back_to_the_plan(api: TestClient) -> None:
    plan = example_plan()
    answer = api.post("/api/fill", json=plan.model_dump(mode="json"))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == DOCX
    assert answer.headers["content-disposition"].startswith("attachment;")
    result = parse(answer.content)
    assert result.plan == plan
    assert result.problems == []


def test_fill_takes_a_plan_file_with_a_mapping(api: TestClient) -> None:
    plan = example_plan()
    mapping = (REPO / "mappings" / "OPP_2024-2025.toml").read_bytes()
    answer = api.post(
        "/api/fill",
        files={
            "plan": ("plan.json", plan.model_dump_json().encode()),
            "mapping": ("eigen.toml", mapping),
            "formulier": ("eigen.docx", (REPO / "templates" / "OPP_2024-2025.docx").read_bytes()),
        },
    )
    assert answer.status_code == 200, answer.text
    assert parse(answer.content).plan == plan


def test_fill_refuses_a_bad_value_with_its_field(api: TestClient) -> None:
    plan = example_plan().model_dump(mode="json")
    plan["leerling"]["geboortedatum"] = "31-02-2010"
    plan["leerling"]["leerjaar"] = 9
    answer = api.post("/api/fill", json=plan)
    assert answer.status_code == 422
    body = answer.json()
    codes = {problem["code"] for problem in body["problems"]}
    assert body["code"] in codes and len(codes) == 2
    assert all(problem["plaats"] for problem in body["problems"])
    assert {problem["pad"] for problem in body["problems"]} == {
        "leerling.geboortedatum",
        "leerling.leerjaar",
    }


@pytest.mark.parametrize(
    ("body", "code"), [(b"{niet json", "json.ongeldig"), (b"[1, 2]", "json.geen_plan")]
)
def test_fill_refuses_what_is_no_plan(api: TestClient, body: bytes, code: str) -> None:
    answer = api.post("/api/fill", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["code"] == code


def test_parse_gives_the_plan_and_the_problems(api: TestClient) -> None:
    plan = example_plan()
    answer = api.post("/api/parse", files={"file": ("noor.docx", fill(plan))})
    assert answer.status_code == 200
    body = answer.json()
    assert body["plan"] == json.loads(plan.model_dump_json())
    assert body["problems"] == []


def test_parse_without_a_file_says_which_field(api: TestClient) -> None:
    answer = api.post("/api/parse", files={"anders": ("noor.docx", b"x")})
    assert answer.status_code == 400
    assert answer.json()["code"] == "web.bestand_ontbreekt"
    answer = api.post("/api/parse", json={})
    assert answer.json()["code"] == "web.geen_upload"


def test_check_a_plan_as_json_and_as_a_form(api: TestClient) -> None:
    plan = example_plan()
    as_json = api.post("/api/check?op=2025-03-01", json=plan.model_dump(mode="json"))
    assert as_json.status_code == 200
    (report,) = as_json.json()["plannen"]
    assert report["leerlingnummer"] == plan.leerling.leerlingnummer
    assert report["fouten"] == sum(f["ernst"] == "fout" for f in report["bevindingen"])
    assert all(f["onderdeel"] for f in report["bevindingen"])
    as_form = api.post(
        "/api/check", files={"files": ("noor.docx", fill(plan))}, data={"op": "01-03-2025"}
    )
    assert as_form.status_code == 200
    (from_form,) = as_form.json()["plannen"]
    assert from_form["bestand"] == "noor.docx"
    # A form also shows the signatures; everything else is judged alike.
    codes = {f["code"] for f in report["bevindingen"] if not f["code"].startswith("handtekening.")}
    assert codes <= {f["code"] for f in from_form["bevindingen"]}


def test_check_refuses_a_bad_date(api: TestClient) -> None:
    answer = api.post("/api/check?op=morgen", json=example_plan().model_dump(mode="json"))
    assert answer.status_code == 400
    assert answer.json()["code"] == "web.datum_onleesbaar"


def test_generate_gives_the_example_lists_forms_and_its_meldingen(
    forms: dict[str, bytes], api: TestClient
) -> None:
    answer = api.post(
        "/api/generate", files={"file": ("leerlingen.xlsx", EXAMPLE_LIST.read_bytes())}
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/zip"
    assert answer.headers["x-opp-meldingen"] == "1"
    files = _zip(answer.content)
    assert len([name for name in files if name.endswith(".docx")]) == 30
    assert "meldingen.xlsx" in files
    expected = {item.plan.leerling.leerlingnummer for item in read_plans(EXAMPLE_LIST).plans}
    assert {parse(data).plan.leerling.leerlingnummer for data in forms.values()} == expected


def test_collect_many_forms_or_one_zip(
    forms: dict[str, bytes], api: TestClient, tmp_path: Path
) -> None:
    chosen = list(forms.items())[:5]
    many = api.post("/api/collect", files=[("files", (name, data)) for name, data in chosen])
    assert many.status_code == 200
    assert many.headers["x-opp-meldingen"] == "0"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in chosen:
            archive.writestr(f"klas 3/{name}", data)
    one = api.post("/api/collect", files={"files": ("plannen.zip", buffer.getvalue())})
    assert one.status_code == 200
    for answer, name in ((many, "many.xlsx"), (one, "one.xlsx")):
        overview = tmp_path / name
        overview.write_bytes(answer.content)
        numbers = {item.plan.leerling.leerlingnummer for item in read_plans(overview).plans}
        assert numbers == {parse(data).plan.leerling.leerlingnummer for _, data in chosen}


def test_planning_gives_the_calendar_and_the_workbook(
    forms: dict[str, bytes], api: TestClient
) -> None:
    chosen = list(forms.items())[:3]
    answer = api.post("/api/planning", files=[("files", item) for item in chosen])
    assert answer.status_code == 200, answer.text
    files = _zip(answer.content)
    assert set(files) == {"evaluaties.ics", "planning.xlsx"}
    assert files["evaluaties.ics"].startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("kind", ["handelingswijzer", "uitnodiging"])
def test_companion_documents_one_per_plan(
    forms: dict[str, bytes], api: TestClient, kind: str
) -> None:
    chosen = list(forms.items())[:3]
    answer = api.post(f"/api/{kind}", files=[("files", item) for item in chosen])
    assert answer.status_code == 200, answer.text
    names = list(_zip(answer.content))
    assert len(names) == 3 and all(name.endswith(".docx") for name in names)


def test_the_empty_workbook(api: TestClient, tmp_path: Path) -> None:
    answer = api.get("/api/lege-werkmap")
    assert answer.status_code == 200
    workbook = tmp_path / "leeg.xlsx"
    workbook.write_bytes(answer.content)
    assert read_plans(workbook).plans == []  # the example is on a sheet of its own


def test_generate_with_pdfs_when_libreoffice_is_there(api: TestClient, soffice: str) -> None:
    from opp_docs.excel.write import workbook_bytes

    del soffice  # only that it is there
    workbook = workbook_bytes([example_plan()])
    answer = api.post("/api/generate", files={"file": ("een.xlsx", workbook)}, data={"pdf": "ja"})
    assert answer.status_code == 200, answer.text
    names = sorted(_zip(answer.content))
    assert len(names) == 2
    assert names[0].endswith(".docx") and names[1] == names[0].removesuffix(".docx") + ".pdf"
    assert _zip(answer.content)[names[1]].startswith(b"%PDF")

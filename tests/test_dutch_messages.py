"""Every error path the suite knows speaks Dutch: no English word of pydantic, tomllib or
openpyxl reaches a user's message.

The problems are collected from many bad inputs through every front door (a JSON plan, a
mapping file, a workbook, a form); each case is one test, so a failure names its door.
Messages are checked for the English words pydantic uses; the test asserts on words, not
on the Dutch wording (that may change freely).
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from opp_docs.errors import OppError, Problem
from opp_docs.example import example_plan
from opp_docs.excel.read import read_workbook
from opp_docs.excel.write import workbook_bytes
from opp_docs.filling import fill
from opp_docs.mapping import load_mapping
from opp_docs.parsing import parse
from opp_docs.planfile import load_plan, plan_to_json
from opp_docs.validation import validate_plan
from tests.forms import EditedForm, texts
from tests.test_hostile_inputs import hostile_forms, hostile_workbooks

ENGLISH = re.compile(
    r"\bor\b|Input should|Field required|Value error|Extra inputs|not permitted|should be"
    r"|\bvalid\b|\binvalid\b|\bexpected\b|\bunable\b|\bmust\b|\bnumber\b|\bstring\b",
    re.IGNORECASE,
)


def english(problems: list[Problem]) -> list[str]:
    """The problems (place and message) that hold an English word."""
    return [f"[{p.code}] {p}" for p in problems if ENGLISH.search(str(p))]


def problems_of(action: Callable[[], object]) -> list[Problem]:
    """The problems ``action`` raises or returns; at least one, or the case tests nothing."""
    try:
        result = action()
    except OppError as error:
        found = list(error.problems)
    else:
        found = list(getattr(result, "problems", []))
    assert found, "this bad input gave no problem at all"
    return found


def test_the_check_catches_pydantics_english() -> None:
    pydantic_enum = Problem("waarde.enum", "Kies uit: 'Dagbesteding' or 'Anders, namelijk:'.")
    assert english([pydantic_enum])
    assert english([Problem("x", "Extra inputs are not permitted")])
    assert not english([Problem("x", "Kies uit: 'HAVO' of 'VWO'. Controleer de spelling.")])


# ------------------------------------------------------------------------- JSON plans

_BAD_VALUES: tuple[Any, ...] = (
    "Gymnasium",
    "31-02-2010",
    "morgen",
    -3,
    9,
    2.5,
    float("nan"),
    True,
    [],
    ["x"],
    {},
    {"x": 1},
    b"\xff",
    datetime(2024, 1, 1, 13, 30),
)


def _example_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(plan_to_json(example_plan()))
    return data


def _leaves(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in the example plan's JSON: each value, each list item, each object."""
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _json_plan_problems() -> Iterator[list[Problem]]:
    base = _example_data()
    for path in _leaves(base):
        for value in _BAD_VALUES:
            data = copy.deepcopy(base)
            _set(data, path, value)
            try:
                validate_plan(data)
            except OppError as error:
                yield list(error.problems)
        # an unknown key in every object
        parent: Any = base
        for step in path:
            parent = parent[step]
        if isinstance(parent, dict):
            extra = copy.deepcopy(base)
            _set(extra, (*path, "onbekend_veld"), "x")
            yield problems_of(partial(validate_plan, extra))
    data = copy.deepcopy(base)
    del data["factoren"]["domeinen"][1]["domein"]  # a required key
    yield problems_of(lambda: validate_plan(data))
    data = copy.deepcopy(base)
    data["factoren"]["domeinen"][1]["domein"] = data["factoren"]["domeinen"][0]["domein"]
    yield problems_of(lambda: validate_plan(data))  # a domain twice
    yield problems_of(lambda: validate_plan({"onbekend": 1, "leerling": "Noor"}))


def test_json_plans_speak_dutch() -> None:
    found = [problem for problems in _json_plan_problems() for problem in problems]
    codes = {p.code for p in found}
    assert {"waarde.enum", "waarde.extra_forbidden", "waarde.missing"} <= codes
    assert {"waarde.date_parsing", "waarde.string_type", "waarde.model_type"} <= codes
    assert english(found) == []


@pytest.mark.parametrize(
    "text",
    ["[1]", '{"leerling": ', "\xff", '{"leerling": {"leerjaar": "negen"}}'],
    ids=["list", "broken", "not-utf8", "bad-value"],
)
def test_json_files_speak_dutch(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(text.encode("latin-1"))
    assert english(problems_of(lambda: load_plan(path))) == []
    assert english(problems_of(lambda: load_plan(tmp_path / "nergens.json"))) == []


def test_enum_choices_are_listed_in_dutch() -> None:
    with pytest.raises(OppError) as info:
        validate_plan({"ontwikkelingsperspectief": {"vervolgtrajecten": ["MBO niveau 3, HBO"]}})
    (problem,) = info.value.problems
    assert problem.code == "waarde.enum"
    assert "'Dagbesteding' of 'Anders, namelijk:'" in problem.message
    assert " or " not in problem.message


def test_a_bad_domain_names_its_row() -> None:
    data = _example_data()
    data["factoren"]["domeinen"][2]["domein"] = "Leren"
    data["factoren"]["domeinen"][4]["stimulerend"] = 7
    with pytest.raises(OppError) as info:
        validate_plan(data)
    by_path = {p.location.path: p for p in info.value.problems}
    bad_domain = by_path[("factoren", "domeinen", 2, "domein")]
    assert bad_domain.code == "waarde.enum"
    assert bad_domain.location.label is not None
    assert "C. Factoren" in bad_domain.location.label
    assert "rij 3" in bad_domain.location.label
    assert "Domein" in bad_domain.location.label
    assert "Leren" not in str(bad_domain)  # the bad value stays out of the text
    other = by_path[("factoren", "domeinen", 4, "stimulerend")]
    assert other.location.label is not None
    assert "rij 5" in other.location.label
    assert data["factoren"]["domeinen"][4]["domein"] in other.location.label  # its key


def test_rows_of_lists_are_named_by_their_printed_key() -> None:
    data = _example_data()
    data["ondertekening"][3]["datum"] = "morgen"  # Mentor
    data["evaluaties"][1]["datum"] = "morgen"
    data["evaluaties"][3]["ondertekening"][0]["ondertekend"] = "misschien"
    data["aanvraag"]["bijlagen"][2]["bijgevoegd"] = "misschien"
    data["aanvraag"]["ondertekening"][2]["datum"] = "morgen"  # a role only the aanvraag prints
    data["handelingsdeel"]["doelen"][0]["periode"]["van"] = "morgen"
    data["leerling"]["ouders"][1]["naam"] = 5
    with pytest.raises(OppError) as info:
        validate_plan(data)
    labels = {p.location.path: p.location.label or "" for p in info.value.problems}
    assert "D. Ondertekening, rij 4 (Mentor)" in labels[("ondertekening", 3, "datum")]
    assert "Tussenevaluatie 2" in labels[("evaluaties", 1, "datum")]
    assert "Eindevaluatie" in labels[("evaluaties", 3, "ondertekening", 0, "ondertekend")]
    bijlage = data["aanvraag"]["bijlagen"][2]["naam"]
    assert f"rij 3 ({bijlage})" in labels[("aanvraag", "bijlagen", 2, "bijgevoegd")]
    rol = data["aanvraag"]["ondertekening"][2]["rol"]
    assert rol == "Leerling (16+)"
    assert f"rij 3 ({rol})" in labels[("aanvraag", "ondertekening", 2, "datum")]
    doel = labels[("handelingsdeel", "doelen", 0, "periode", "van")]
    assert "F. Handelingsdeel, rij 1" in doel and doel.endswith("Van")
    assert "rij 2" in labels[("leerling", "ouders", 1, "naam")]


# ---------------------------------------------------------------------- mapping files

_MAPPING_EDITS: dict[str, tuple[str, str]] = {
    "extra-key": ('path = "leerling.naam"', 'path = "leerling.naam"\nlabl = "x"'),
    "wrong-type": ('path = "leerling.naam"', "path = 3"),
    "missing-key": ('name = "OPP 2024-2025"', ""),
    "bad-literal": ('path = "leerling.naam"', 'path = "leerling.naam"\nplace = "naast"'),
    "empty-header": ("header = [", "header = [] \nheadr = ["),
    "bool-type": ("numbered = true", 'numbered = "ja"'),
    "list-not-table": ('path = "leerling.naam"', 'path = "leerling.naam"\noptions = [1]'),
    "validator": ('key = "domein"', 'key = "domeinnaam"'),
    "unknown-section": ('section = "A"\nlabel = "Klas"', 'section = "Q"\nlabel = "Klas"'),
    "unknown-path": ('path = "leerling.naam"', 'path = "leerling.voornaam"'),
    "toml-syntax": ("[sections]", "[sections"),
}


@pytest.mark.parametrize("edit", list(_MAPPING_EDITS), ids=list(_MAPPING_EDITS))
def test_mapping_files_speak_dutch(tmp_path: Path, repo: Path, edit: str) -> None:
    old, new = _MAPPING_EDITS[edit]
    text = (repo / "mappings" / "OPP_2024-2025.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "m.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert english(problems_of(lambda: load_mapping(path))) == []


def test_unreadable_mapping_files_speak_dutch(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"name = '\xff'")
    assert english(problems_of(lambda: load_mapping(path))) == []
    path.write_text("name = 3\nsections = 'A'\nfields = {}", encoding="utf-8")
    assert english(problems_of(lambda: load_mapping(path))) == []


# -------------------------------------------------------------------------- workbooks

# sheet, header, value: one bad cell of the example's workbook per case
_CELL_EDITS: dict[str, tuple[str, str, Any]] = {
    "date-does-not-exist": ("Leerlingen", "Geboortedatum", "31-02-2010"),
    "date-text": ("Leerlingen", "Geboortedatum", "morgen"),
    "int-text": ("Leerlingen", "Leerjaar", "negen"),
    "int-too-big": ("Leerlingen", "Leerjaar", 9),
    "int-negative": ("Leerlingen", "Leerjaar", -1),
    "int-fraction": ("Leerlingen", "Leerjaar", 2.5),
    "choice": ("Leerlingen", "Verwacht uitstroomprofiel", "Gymnasium"),
    "multi-choice-commas": (
        "Leerlingen",
        "Verwacht vervolg(onderwijs)traject",
        "MBO niveau 3, MBO niveau 4",
    ),
    "domain": ("Factoren", "Domein", "Leren"),
    "yes-no": ("Ondertekening", "Ondertekend", "misschien"),
}


def _edited_workbook(tmp_path: Path, sheet: str, header: str, value: Any) -> Path:
    workbook = load_workbook(io.BytesIO(workbook_bytes([example_plan()])))
    worksheet = workbook[sheet]
    headers = [cell.value for cell in worksheet[1]]
    if header not in headers:
        pytest.fail(f"no column {header!r} on {sheet!r}: {headers}")
    worksheet.cell(row=2, column=headers.index(header) + 1, value=value)
    path = tmp_path / "leerlingen.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize("edit", list(_CELL_EDITS), ids=list(_CELL_EDITS))
def test_workbooks_speak_dutch(tmp_path: Path, edit: str) -> None:
    path = _edited_workbook(tmp_path, *_CELL_EDITS[edit])
    assert english(problems_of(lambda: read_workbook(path))) == []


@pytest.mark.parametrize(
    "content",
    [b"geen werkmap", b"PK\x03\x04kapot", None],
    ids=["not-a-zip", "broken-zip", "zip-not-a-workbook"],
)
def test_unreadable_workbooks_speak_dutch(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "leerlingen.xlsx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("iets.txt", "geen werkmap")
    else:
        path.write_bytes(content)
    assert english(problems_of(lambda: read_workbook(path))) == []


# ------------------------------------------------------------------------------ forms


def _minimal_docx() -> bytes:
    """A Word document that is not the OPP form: one paragraph."""
    buffer = io.BytesIO()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
            "<w:p><w:r><w:t>Een brief</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def _form_with(old: str, new: str) -> bytes:
    """The example's filled form with the first text ``old`` typed over as ``new``."""
    form = EditedForm(fill(example_plan()))
    for element in texts(form.body):
        if element.text == old:
            element.text = new
            return form.to_bytes()
    pytest.fail(f"{old!r} is not on the filled form")


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"geen docx",
        lambda: b"PK\x03\x04kapot",
        _minimal_docx,
        lambda: _form_with("22-04-2008", "31-02-2008"),
        lambda: _form_with("22-04-2008", "morgen"),
        lambda: _form_with("3", "negen"),
    ],
    ids=["not-a-zip", "broken-zip", "not-the-form", "date-31-02", "date-text", "leerjaar"],
)
def test_forms_speak_dutch(make: Callable[[], bytes]) -> None:
    data = make()
    assert english(problems_of(lambda: parse(data))) == []


def _structure_edit(tmp_path: Path, edit: str) -> Path:
    workbook = load_workbook(io.BytesIO(workbook_bytes([example_plan()])))
    if edit == "no-students-sheet":
        del workbook["Leerlingen"]
    elif edit == "renamed-key-column":
        workbook["Factoren"].cell(row=1, column=1, value="Stamnummer")
    elif edit == "unknown-student":
        workbook["Factoren"].cell(row=2, column=1, value="999999")
    elif edit == "student-twice":
        sheet = workbook["Leerlingen"]
        sheet.append([cell.value for cell in sheet[2]])
    elif edit == "empty":
        for name in workbook.sheetnames[1:]:
            del workbook[name]
        workbook.worksheets[0].delete_rows(1, 10)
    path = tmp_path / "leerlingen.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    "edit",
    ["no-students-sheet", "renamed-key-column", "unknown-student", "student-twice", "empty"],
)
def test_workbooks_of_the_wrong_shape_speak_dutch(tmp_path: Path, edit: str) -> None:
    path = _structure_edit(tmp_path, edit)
    assert english(problems_of(lambda: read_workbook(path))) == []


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geheim") / "geheim.txt"
    path.write_text("geheim", encoding="utf-8")
    return path


_HOSTILE = ["geen zip", "afgekapt", "oud .doc", "versleuteld", "macro's", "pdf", "te groot"]


@pytest.mark.parametrize("kind", [*_HOSTILE, "dtd", "xxe", "entiteitenbom", "geen opp"])
def test_hostile_forms_speak_dutch(secret: Path, kind: str) -> None:
    content, _ = hostile_forms(secret)[kind]
    assert english(problems_of(lambda: parse(content))) == []


@pytest.mark.parametrize("kind", ["geen zip", "afgekapt", "oud .xls", "versleuteld", "xxe"])
def test_hostile_workbooks_speak_dutch(tmp_path: Path, secret: Path, kind: str) -> None:
    content, _ = hostile_workbooks(secret)[kind]
    path = tmp_path / "leerlingen.xlsx"
    path.write_bytes(content)
    assert english(problems_of(lambda: read_workbook(path))) == []


def test_filling_a_document_that_is_not_the_form_speaks_dutch() -> None:
    assert english(problems_of(lambda: fill(example_plan(), template=_minimal_docx()))) == []

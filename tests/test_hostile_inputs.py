"""Untrusted files: each bad kind is refused with one Dutch line naming the file, the batch
goes on, nothing is read from outside the file, and bombs cost little time and memory."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from opp_docs.example import example_plan
from opp_docs.excel.write import workbook_bytes
from opp_docs.filling import fill
from opp_docs.parsing import parse
from tests.docx.docx_xml import word_file

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
SECRET = "GEHEIM-4711-niet-lezen"
MEMORY_LIMIT = 200 * 1024 * 1024
TIME_LIMIT = 5.0


def _replace(
    data: bytes, name: str, content: bytes, extra: dict[str, bytes] | None = None
) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            payload = content if info.filename == name else source.read(info.filename)
            target.writestr(info.filename, payload)
        for extra_name, payload in (extra or {}).items():
            target.writestr(extra_name, payload)
    return out.getvalue()


def _with_doctype(data: bytes, name: str, doctype: str, marker: bytes | None) -> bytes:
    """The part ``name`` with ``doctype`` before its root; ``marker`` becomes ``&x;``."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read(name)
    if xml.startswith(b"<?xml"):
        declaration, _, rest = xml.partition(b"?>")
        head = declaration + b"?>"
    else:
        head, rest = b"", xml
    body = rest if marker is None else rest.replace(marker, b"&x;", 1)
    return _replace(data, name, head + doctype.encode() + body)


def _forged_size(data: bytes) -> bytes:
    """A zip whose directory claims a member inflates to 4 GiB (checked before inflating)."""
    mutable = bytearray(data)
    start = mutable.rfind(b"PK\x01\x02")  # the last central directory entry
    mutable[start + 24 : start + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    return bytes(mutable)


def _ratio_bomb(data: bytes, name: str) -> bytes:
    return _replace(data, name, b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")


def hostile_forms(secret: Path) -> dict[str, tuple[bytes, str]]:
    """Bad .docx files by kind: (content, expected code)."""
    good = fill(example_plan())
    doc = "word/document.xml"
    xxe = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
    laughs = (
        '<!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahahaha">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghx", strict=True)
        )
        + "]>"
    )
    return {
        "geen zip": (b"Dit is platte tekst, geen Word-document.\n", "pakket.geen_zip"),
        "afgekapt": (good[: len(good) // 2], "pakket.geen_zip"),
        "oud .doc": (OLE2 + "WordDocument".encode("utf-16-le"), "pakket.oud_formaat"),
        "versleuteld": (OLE2 + "EncryptedPackage".encode("utf-16-le"), "pakket.versleuteld"),
        "macro's": (_replace(good, "-", b"", {"word/vbaProject.bin": b"x"}), "pakket.macro"),
        "pdf": (b"%PDF-1.7\n1 0 obj << >> endobj\n", "pakket.pdf"),
        "zip-bom": (_ratio_bomb(good, doc), "pakket.zipbom"),
        "te groot": (_forged_size(good), "pakket.te_groot"),
        "dtd": (_with_doctype(good, doc, "<!DOCTYPE w:document>", None), "pakket.doctype"),
        "xxe": (_with_doctype(good, doc, xxe, b"Noor"), "pakket.doctype"),
        "entiteitenbom": (_with_doctype(good, doc, laughs, b"Noor"), "pakket.doctype"),
        "geen opp": (word_file("check_drop_my.docx").read_bytes(), "formulier.geen_opp"),
    }


def _run(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "opp_docs", *args], capture_output=True, text=True, check=False
    )
    return result, time.perf_counter() - started


# Runs opp in a child of a small wrapper, so that the wrapper's RUSAGE_CHILDREN is that one
# process's peak memory (this test process has had other children, LibreOffice among them).
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "opp_docs", *sys.argv[1:]], capture_output=True,
                      text=True)
sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + "\\n")
sys.stdout.write(str(done.returncode) + "\\n")
sys.stdout.write(done.stderr)
"""


def _run_measured(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Like :func:`_run`, plus the peak memory (bytes) of the opp process alone."""
    started = time.perf_counter()
    wrapper = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    peak_kib, code, stderr = wrapper.stdout.split("\n", 2)
    result = subprocess.CompletedProcess(args, int(code), "", stderr)
    return result, seconds, int(peak_kib) * 1024  # ru_maxrss is in KiB on Linux


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geheim") / "geheim.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_collect_refuses_each_bad_form_and_collects_the_good_one(
    tmp_path: Path, secret: Path
) -> None:
    folder = tmp_path / "formulieren"
    folder.mkdir()
    forms = hostile_forms(secret)
    for index, (content, _) in enumerate(forms.values()):
        (folder / f"{index:02d}.docx").write_bytes(content)
    (folder / "99 goed.docx").write_bytes(fill(example_plan()))
    overview = tmp_path / "overzicht.xlsx"
    result, _ = _run(["collect", str(folder), "-o", str(overview), "--jobs", "1"])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.startswith("opp: [pakket.") or line.startswith("opp: [formulier.geen_opp")
    ]
    for index, (kind, (_, code)) in enumerate(forms.items()):
        matching = [line for line in lines if f"{index:02d}.docx" in line]
        assert len(matching) == 1, (kind, matching)
        assert f"[{code}]" in matching[0], (kind, matching[0])
    assert "1 formulier(en) verzameld" in result.stderr
    # Nothing of the secret file was read into any output.
    assert SECRET not in result.stderr + result.stdout
    with zipfile.ZipFile(overview) as package:
        assert all(SECRET.encode() not in package.read(n) for n in package.namelist())


@pytest.mark.parametrize("kind", ["zip-bom", "te groot", "entiteitenbom", "xxe"])
def test_bombs_cost_little(tmp_path: Path, secret: Path, kind: str) -> None:
    content, code = hostile_forms(secret)[kind]
    form = tmp_path / "bom.docx"
    form.write_bytes(content)
    result, seconds, peak = _run_measured(["parse", str(form)])
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]  # one line
    assert f"[{code}]" in result.stderr and str(form) in result.stderr
    assert seconds < TIME_LIMIT
    assert peak < MEMORY_LIMIT


def _xlsx_with(name: str, content: bytes) -> bytes:
    return _replace(workbook_bytes([example_plan()]), name, content)


def hostile_workbooks(secret: Path) -> dict[str, tuple[bytes, str]]:
    good = workbook_bytes([example_plan()])
    sheet = "xl/worksheets/sheet1.xml"
    xxe = f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://{secret}">]>'
    return {
        "geen zip": (b"Stamnummer;Naam\n1;Piet\n", "pakket.geen_zip"),
        "afgekapt": (good[: len(good) // 2], "pakket.geen_zip"),
        "oud .xls": (OLE2 + "Workbook".encode("utf-16-le"), "pakket.oud_formaat"),
        "versleuteld": (OLE2 + "EncryptedPackage".encode("utf-16-le"), "pakket.versleuteld"),
        "macro's": (_replace(good, "-", b"", {"xl/vbaProject.bin": b"x"}), "pakket.macro"),
        "pdf": (b"%PDF-1.4\n", "pakket.pdf"),
        "zip-bom": (_ratio_bomb(good, sheet), "pakket.zipbom"),
        "xxe": (_with_doctype(good, sheet, xxe, b"Noor"), "pakket.doctype"),
    }


@pytest.mark.parametrize(
    "kind", ["geen zip", "afgekapt", "oud .xls", "versleuteld", "macro's", "pdf", "zip-bom", "xxe"]
)
def test_generate_refuses_a_bad_workbook(tmp_path: Path, secret: Path, kind: str) -> None:
    content, code = hostile_workbooks(secret)[kind]
    workbook = tmp_path / "leerlingen.xlsx"
    workbook.write_bytes(content)
    result, seconds = _run(["generate", str(workbook), "-o", str(tmp_path / "uit"), "--jobs", "1"])
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert f"[{code}]" in line and str(workbook) in line
    assert SECRET not in result.stderr + result.stdout
    assert seconds < TIME_LIMIT
    assert not (tmp_path / "uit").exists() or not list((tmp_path / "uit").iterdir())


def test_a_reference_outside_the_file_is_reported_never_fetched(secret: Path) -> None:
    good = fill(example_plan())
    rels_name = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(io.BytesIO(good)) as package:
        rels = package.read(rels_name)
    link = (
        '<Relationship Id="rIdX" TargetMode="External" Target="file://'
        + str(secret)
        + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'attachedTemplate"/>'
    ).encode()
    hyperlink = (
        b'<Relationship Id="rIdY" TargetMode="External" Target="https://www.swv-westland.nl/"'
        b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    )
    data = _replace(
        good, rels_name, rels.replace(b"</Relationships>", link + hyperlink + b"</Relationships>")
    )
    result = parse(data)
    assert result.plan == example_plan()
    assert [(f.code, f.input) for f in result.problems] == [
        ("pakket.externe_verwijzing", f"file://{secret}")
    ]
    assert all(SECRET not in str(f.input) for f in result.problems)

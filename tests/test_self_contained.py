"""The repository stands on its own: the tests, tools, benchmarks, CI script, Makefile and
pyproject never reach for a folder beside the checkout, which a fresh clone does not have.

Schemas, the schema check and the real Word files live in the repository (``tools/`` and
``tests/fixtures/``). The scan looks for two shapes of a reference to the workspace folder:
a relative path that climbs out of the checkout into it (dot-dot, slash, its name), and its
name used as a path component next to a parent lookup (``Path.parent``, ``parents[n]``,
``os.path.dirname``, ``".."``), in the Python source itself (so a lookup split over several
lines is found too) and on single lines of any text file.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCANNED_FOLDERS = ("tests", "tools", "benchmarks", ".ci")
SCANNED_FILES = ("Makefile", "pyproject.toml")
BINARY_SUFFIXES = frozenset({".docx", ".xlsx", ".pdf", ".png", ".pyc"})

# The folder's name is put together here so that this file does not match its own patterns.
NAME = "sha" + "red"
# Dot-dot, one or more slashes, the name, not followed by more of a word ("-math.xsd").
CLIMB = re.compile(r"\.\.[/\\]+" + NAME + r"(?![\w-])")
# The name quoted, on a line that also looks up a parent: `REPO.parent / "..."`.
BESIDE = re.compile(r"(\bparents?\b|\bdirname\b|['\"]\.\.['\"]).*['\"]" + NAME + r"['\"/\\]")
PARENT_ATTRIBUTES = frozenset({"parent", "parents", "dirname"})


def _is_the_name(node: ast.expr) -> bool:
    """A string constant whose first path component is the workspace folder's name."""
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return False
    parts = [p for p in re.split(r"[/\\]", node.value) if p not in ("", ".", "..")]
    return bool(parts) and parts[0] == NAME


def _looks_up_a_parent(nodes: list[ast.expr]) -> bool:
    """Whether any of ``nodes`` climbs: ``.parent``, ``.parents[...]``, ``dirname``, ``".."``."""
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, ast.Attribute) and node.attr in PARENT_ATTRIBUTES:
                return True
            if isinstance(node, ast.Name) and node.id == "dirname":
                return True
            if isinstance(node, ast.Constant) and node.value == "..":
                return True
    return False


def _python_findings(source: str) -> list[int]:
    """Lines of Python source that join the name onto a parent lookup, however it is split."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # a file that does not parse is still scanned line by line
    lines: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            # REPO.parent / "name", parents[2] / ".." / "name"
            if _is_the_name(node.right) and _looks_up_a_parent([node.left]):
                lines.append(node.right.lineno)
        elif isinstance(node, ast.Call):
            # X.parents[2].joinpath("name", ...), os.path.join(dirname(...), "name"),
            # Path(here, "..", "name")
            names = [a for a in node.args if _is_the_name(a)]
            around = [a for a in node.args if not _is_the_name(a)]
            if isinstance(node.func, ast.Attribute):
                around.append(node.func.value)
            if names and _looks_up_a_parent(around):
                lines.append(names[0].lineno)
    return lines


def findings(name: str, text: str) -> list[str]:
    """Where ``text`` (the file ``name``) refers to the workspace folder: ``name:line: line``."""
    rows = text.splitlines()
    found = {n for n, row in enumerate(rows, 1) if CLIMB.search(row) or BESIDE.search(row)}
    if name.endswith(".py"):
        found.update(_python_findings(text))
    return [f"{name}:{n}: {rows[n - 1].strip()}" for n in sorted(found)]


def scanned_files() -> list[Path]:
    """The text files the scan reads."""
    paths = [REPO / name for name in SCANNED_FILES]
    for folder in SCANNED_FOLDERS:
        paths += (
            path
            for path in sorted((REPO / folder).rglob("*"))
            if path.is_file()
            and "__pycache__" not in path.parts
            and path.suffix not in BINARY_SUFFIXES
        )
    return paths


def test_nothing_refers_to_a_folder_beside_the_checkout() -> None:
    problems: list[str] = []
    for path in scanned_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary data: a path in it is no lookup
        problems += findings(path.relative_to(REPO).as_posix(), text)
    assert problems == []


def test_the_scan_reads_the_files_that_matter() -> None:
    # A scan that reads nothing cannot fail: make sure the usual suspects are among its files.
    names = {path.relative_to(REPO).as_posix() for path in scanned_files()}
    expected = {
        "Makefile",
        "pyproject.toml",
        ".ci/run",
        "tests/conftest.py",
        "tests/docx/docx_xml.py",
        "tests/test_hostile_inputs.py",
        "tools/ooxml_check.py",
        "tools/ooxml-schemas/README.md",
    }
    assert expected <= names
    assert not any(name.endswith(".docx") for name in names)


# Each of these was, or could be, a way to reach the workspace folder.
CAUGHT = {
    "conftest": ("x.py", f'SOMEWHERE = REPO.parent / "{NAME}"\n'),
    "parents with dot-dot": (
        "x.py",
        f'HERE = Path(__file__).resolve().parents[2] / ".." / "{NAME}"\n',
    ),
    "parents, one line": ("x.py", f'F = Path(__file__).resolve().parents[2] / "{NAME}" / "f"\n'),
    "joinpath over lines": (
        "x.py",
        "data = (\n    Path(__file__)\n    .resolve()\n    .parents[2]\n"
        f'    .joinpath("{NAME}", "f")\n    .read_bytes()\n)\n',
    ),
    "os.path.join": (
        "x.py",
        f'base = os.path.join(\n    os.path.dirname(__file__),\n    "..",\n    "{NAME}",\n)\n',
    ),
    "subfolder in one string": ("x.py", f'TOOL = HERE.parent.parent / "{NAME}/tools/x.py"\n'),
    "relative string": ("x.py", f'subprocess.run(["python", "../{NAME}/tools/x.py"])\n'),
    "makefile": ("Makefile", f"validate:\n\tpython ../{NAME}/tools/check.py $(FILE)\n"),
    "shell": ("run", f'cd "$(dirname "$0")/../../{NAME}"\n'),
    "windows": ("x.md", f"Run ..\\{NAME}\\tools\\check.py first.\n"),
}


@pytest.mark.parametrize("name, text", CAUGHT.values(), ids=CAUGHT.keys())
def test_the_scan_catches_a_reference(name: str, text: str) -> None:
    assert findings(name, text)


# Other meanings of the word that must pass.
PASSED = {
    "python-docx": ("x.py", f"from docx.{NAME} import Cm, Pt\n"),
    "excel": ("x.py", f'target.writestr("xl/{NAME}Strings.xml", data)\n'),
    "schema file": ("x.xsd", f'<xsd:import schemaLocation="{NAME}-math.xsd"/>\n'),
    "prose": ("x.py", f'"""Strategies {NAME} by the round-trip tests."""\n'),
    "in the repository": ("x.py", f'PATH = REPO / "tests" / "{NAME}"\n'),
    "memory": ("x.py", f'print("(PSS counts {NAME} pages once)")\n'),
}


@pytest.mark.parametrize("name, text", PASSED.values(), ids=PASSED.keys())
def test_the_scan_lets_other_uses_pass(name: str, text: str) -> None:
    assert findings(name, text) == []

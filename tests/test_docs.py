"""The user docs: every command and every error code documented, generated pages up to date,
and every example in the docs runs."""

from __future__ import annotations

import argparse
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from opp_docs.cli.main import build_parser

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
USER_DOCS = sorted(DOCS.glob("*.md"))
CODE = re.compile(
    r'"((?:bestand|pakket|excel|formulier|tekst|keuze|datum|getal|json|mapping|sjabloon|patroon'
    r'|vakje|tekstveld|keuzelijst|invulveld|planning|pdf|bulk|kalender)\.[a-z_]+)"'
)


def _all_docs() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in [*USER_DOCS, REPO / "README.md"])


def _commands(parser: argparse.ArgumentParser, prefix: str = "opp") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if sub.prog != f"{prefix} {name}":
                    continue  # an English alias of a Dutch command: for old scripts only
                found.append(f"{prefix} {name}")
                found.extend(_commands(sub, f"{prefix} {name}"))
    return found


def test_every_command_is_documented() -> None:
    text = _all_docs()
    missing = [command for command in _commands(build_parser()) if f"`{command}" not in text]
    assert missing == []


def test_every_error_code_is_documented() -> None:
    codes = {
        code
        for path in (REPO / "src").rglob("*.py")
        for code in CODE.findall(path.read_text(encoding="utf-8"))
        if not code.endswith((".xlsx", ".ics", ".docx", ".json", ".toml", ".pdf"))
    }
    assert len(codes) > 50  # the scan works
    documented = (DOCS / "foutmeldingen.md").read_text(encoding="utf-8")
    assert sorted(code for code in codes if f"`{code}`" not in documented) == []


def test_generated_pages_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _blocks(path: Path, language: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", text, re.MULTILINE | re.DOTALL)


SHELL_PAGES = [p for p in USER_DOCS if _blocks(p, "sh")]
PYTHON_PAGES = [p for p in USER_DOCS if _blocks(p, "python")]


@pytest.mark.parametrize("page", SHELL_PAGES, ids=[p.name for p in SHELL_PAGES])
def test_shell_examples_run(page: Path, tmp_path: Path) -> None:
    """Each `opp ...` line of a page's sh blocks, in order, in one folder that holds only the
    repository's example list (``examples/leerlingen.xlsx``, as in a clone). A command may
    report problems (exit 1: that is what `opp check` is for) but never fail otherwise (2)."""
    (tmp_path / "examples").mkdir()
    shutil.copy(REPO / "examples" / "leerlingen.xlsx", tmp_path / "examples")
    environment = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
    for block in _blocks(page, "sh"):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if not command.startswith("opp "):
                continue
            result = subprocess.run(
                ["bash", "-c", command],
                cwd=tmp_path,
                env=environment,
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            assert result.returncode in (0, 1), (command, result.stderr)
            assert "Traceback" not in result.stderr and "interne fout" not in result.stderr


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=[p.name for p in PYTHON_PAGES])
def test_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for shell in _blocks(page, "sh"):  # the page's shell steps make the files it reads
        for line in shell.splitlines():
            command = line.split("#", 1)[0].strip()
            if command.startswith("opp "):
                subprocess.run(
                    [sys.executable, "-m", "opp_docs", *command.split()[1:]],
                    check=False,
                    capture_output=True,
                )
    for index, block in enumerate(_blocks(page, "python")):
        script = tmp_path / f"voorbeeld_{index}.py"
        script.write_text(block, encoding="utf-8")
        runpy.run_path(str(script), run_name="__main__")

"""The `opp` command line: Dutch help, thin commands, located errors, no overwriting."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from opp_docs.cli import main
from opp_docs.cli.main import build_parser

ENGLISH = ("usage:", "show this help", "positional arguments", "options:", "error:", "required")


def _subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


@pytest.mark.parametrize("argv", [[], *[[name] for name in _subcommands()]])
def test_help_is_dutch(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Gebruik: opp")
    assert "toon deze hulp en stop" in out
    for word in ENGLISH:
        assert word not in out


def test_command_line_mistakes_are_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["template"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "fout: deze argumenten ontbreken: -o/--uitvoer" in err
    for word in ENGLISH:
        assert word not in err


def test_argparse_is_english_again_after_main(capsys: pytest.CaptureFixture[str]) -> None:
    main(["example"])
    capsys.readouterr()
    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage()


def test_template_is_written_and_not_overwritten(
    tmp_path: Path, template_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "leeg.docx"
    assert main(["template", "-o", str(target)]) == 0
    assert target.read_bytes() == template_path.read_bytes()
    target.write_bytes(b"mine")
    assert main(["template", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "--overschrijven" in err and "Traceback" not in err
    assert target.read_bytes() == b"mine"
    assert main(["template", "-o", str(target), "--overschrijven"]) == 0
    assert target.read_bytes() == template_path.read_bytes()


def test_example_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "uit" / "plan.json"
    assert main(["example", "-o", str(target)]) == 0
    main(["example"])
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out


def test_debug_shows_a_traceback_without_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"leerling": {"geboortedatum": "31-02-2015"}}', encoding="utf-8")
    assert main(["--debug", "fill", str(plan), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "pydantic_core._pydantic_core.ValidationError" in err
    assert 'File "' in err
    assert "31-02-2015" not in err  # the chained pydantic error would quote it


def test_console_script_runs() -> None:
    opp = Path(sys.executable).with_name("opp")
    result = subprocess.run([str(opp), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("opp-docs ")


def test_english_names_still_work_and_help_shows_the_dutch_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scripts of the first versions keep working; --help lists one name per command."""
    target = tmp_path / "plan.json"
    assert main(["example", "-o", str(target)]) == 0
    assert main(["voorbeeld", "-o", str(target), "--overwrite"]) == 0
    assert main(["voorbeeld", "-o", str(target), "--overschrijven"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--help"])
    listing = capsys.readouterr().out
    assert "voorbeeld" in listing and "maken" in listing and "controleren" in listing
    for english in ("example", "generate", "collect", "check ", "excel-template", "fill"):
        assert english not in listing, english
    with pytest.raises(SystemExit):
        main(["maken", "--help"])
    options = capsys.readouterr().out
    assert "--overschrijven" in options and "--processen" in options
    assert "--overwrite" not in options and "--jobs" not in options


def test_the_command_table_loads_no_library() -> None:
    """`opp --help` (and argument errors) pay for argparse and the table only: each command
    imports Word, Excel, pydantic and docxtpl when it runs."""
    code = (
        "import sys; from opp_docs.cli.main import build_parser; build_parser(); "
        "print(sorted(n for n in ('pydantic', 'lxml', 'openpyxl', 'docxtpl', 'docx') "
        "if n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

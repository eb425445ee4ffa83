"""Interrupting opp generate (Ctrl-C, or killed outright) leaves only complete documents."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from opp_docs.excel.write import workbook_bytes
from opp_docs.model import OPP, Leerling
from opp_docs.parsing import parse


def _workbook(path: Path, count: int) -> None:
    plans = [
        OPP(leerling=Leerling(naam=f"Leerling {n}", leerlingnummer=str(500000 + n), klas="1B"))
        for n in range(count)
    ]
    path.write_bytes(workbook_bytes(plans))


def _command(source: Path, output: Path, jobs: int) -> list[str]:
    arguments = ["generate", str(source), "-o", str(output), "--jobs", str(jobs), "--quiet"]
    return [sys.executable, "-m", "opp_docs", *arguments]


def _start(source: Path, output: Path, jobs: int) -> subprocess.Popen[bytes]:
    command = _command(source, output, jobs)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_documents(output: Path, process: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if output.is_dir() and len(list(output.glob("*.docx"))) >= at_least:
            return
        if process.poll() is not None:
            pytest.fail("generate finished before it could be interrupted; use more students")
        time.sleep(0.01)
    pytest.fail("generate wrote no documents within a minute")


def _assert_only_complete_documents(output: Path, count: int) -> int:
    documents = sorted(output.glob("*.docx"))
    assert 0 < len(documents) < count
    for document in documents:
        with zipfile.ZipFile(document) as package:
            assert package.testzip() is None
        assert parse(document).plan.leerling.klas == "1B"
    return len(documents)


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c(tmp_path: Path, jobs: int) -> None:
    source, output = tmp_path / "lijst.xlsx", tmp_path / "uit"
    _workbook(source, 400)
    process = _start(source, output, jobs)
    _wait_for_documents(output, process, 5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"afgebroken" in err and b"Traceback" not in err
    _assert_only_complete_documents(output, 400)
    assert not [p for p in output.iterdir() if p.suffix != ".docx"]  # no temporary files


def test_killed(tmp_path: Path) -> None:
    source, output = tmp_path / "lijst.xlsx", tmp_path / "uit"
    _workbook(source, 400)
    process = _start(source, output, 1)
    _wait_for_documents(output, process, 5)
    process.kill()
    process.communicate(timeout=60)
    written = _assert_only_complete_documents(output, 400)
    # A second run completes the list; what the first run wrote is not written again.
    rerun = subprocess.run(_command(source, output, 1), capture_output=True, check=False)
    # The documents already there are kept and summed up in one line, not a melding each:
    # the resumed run did everything, so it ends 0.
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(output.glob("*.docx"))) == 400
    assert b"bestand.bestaat_al" not in rerun.stderr
    kept = [line for line in rerun.stderr.decode().splitlines() if "bestonden al" in line]
    assert kept == [
        f"opp: {written} formulier(en) bestonden al en zijn niet overschreven "
        "(--overschrijven maakt ze opnieuw)."
    ]

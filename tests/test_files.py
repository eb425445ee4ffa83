"""Atomic writes that never replace an existing file unless asked."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from opp_docs.errors import FileError
from opp_docs.files import write_atomic


def test_writes_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "x.bin"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.bin"]  # no temporary left


def test_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")
    with pytest.raises(FileError) as info:
        write_atomic(target, b"new")
    assert info.value.code == "bestand.bestaat_al"
    assert info.value.problems[0].location.file == str(target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.bin"]


def test_overwrites_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")
    write_atomic(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"


def test_a_folder_in_the_way_is_a_located_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(FileError) as info:
        write_atomic(blocker / "x.bin", b"x")
    assert info.value.code == "bestand.niet_schrijfbaar"


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_written_file_gets_the_mode_the_umask_gives(
    tmp_path: Path, umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "x.bin", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.bin").stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_opp_fill_under_umask_022_writes_mode_644(tmp_path: Path) -> None:
    """What a colleague on a shared drive needs: ``umask 022; opp fill plan.json -o x.docx``."""
    opp = Path(sys.executable).with_name("opp")
    for argv in (["example", "-o", "plan.json"], ["fill", "plan.json", "-o", "x.docx"]):
        subprocess.run(
            ["/bin/sh", "-c", 'umask 022 && exec "$0" "$@"', str(opp), *argv],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
    for name in ("plan.json", "x.docx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name

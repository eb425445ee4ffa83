"""Atomic writes that never replace an existing file unless asked."""

from __future__ import annotations

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

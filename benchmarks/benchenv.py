"""What a benchmark run records about where it ran (Python, machine, load, commit, versions),
and how it reports."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["environment", "report"]

_ROOT = Path(__file__).resolve().parent.parent


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=_ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def environment(packages: Sequence[str]) -> dict[str, Any]:
    """The run's circumstances; take it before timing (the load is other processes')."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_before": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "commit": _commit(),
        "versions": {name: _version(name) for name in packages},
    }


def report(table: str, data: dict[str, Any], json_path: Path | None) -> None:
    """Print the run's table and, if asked, write its record as JSON."""
    print(table)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nJSON written to {json_path}")

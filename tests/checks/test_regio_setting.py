"""The region comes from --regio, else from the mapping, else the bundled mapping (midden)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opp_docs.cli import main
from opp_docs.example import example_plan
from opp_docs.planfile import plan_to_json

CODE = "termijn.zes_weken"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """Set on 10-10-2024 with no need date: within 6 weeks of the first school day in regio
    Noord (2 September 2024), not in Midden (26 August 2024)."""
    data = json.loads(plan_to_json(example_plan()))
    data["datum"], data["datum_ondersteuningsbehoefte"] = "2024-10-10", None
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _codes(argv: list[str], capsys: pytest.CaptureFixture[str]) -> set[str]:
    main([*argv, "--json", "--op", "01-11-2024"])
    (report,) = json.loads(capsys.readouterr().out)
    return {finding["code"] for finding in report["bevindingen"]}


def test_the_region_of_the_mapping_and_of_the_command_line(
    plan: Path, repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noord = tmp_path / "noord.toml"
    bundled = (repo / "mappings" / "OPP_2024-2025.toml").read_text(encoding="utf-8")
    assert 'regio = "midden"' in bundled
    noord.write_text(bundled.replace('regio = "midden"', 'regio = "noord"'), encoding="utf-8")
    assert CODE in _codes(["controleren", str(plan)], capsys)  # the bundled mapping: midden
    assert CODE not in _codes(["controleren", str(plan), "--mapping", str(noord)], capsys)
    assert CODE not in _codes(["controleren", str(plan), "--regio", "noord"], capsys)
    # --regio goes before the mapping's region.
    argv = ["controleren", str(plan), "--mapping", str(noord), "--regio", "midden"]
    assert CODE in _codes(argv, capsys)

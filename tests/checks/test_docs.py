"""docs/regels.md lists exactly the rules the code has, with their severity and source."""

from __future__ import annotations

import re
from pathlib import Path

from opp_docs.checks import REGELS

_ROW = re.compile(
    r"^\| `(?P<code>[a-z0-9_]+\.[a-z0-9_]+)` \| (?P<ernst>[a-z]+) \| "
    r"(?P<samenvatting>[^|]+) \| (?P<bron>[^|]+) \|$"
)


def _documented(repo: Path) -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for line in (repo / "docs" / "regels.md").read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            assert match["code"] not in rows, f"{match['code']} is documented twice"
            rows[match["code"]] = (match["ernst"], match["bron"].strip())
    return rows


def test_every_rule_is_documented_and_every_documented_rule_exists(repo: Path) -> None:
    assert set(_documented(repo)) == set(REGELS)


def test_documented_severity_and_source_match_the_code(repo: Path) -> None:
    documented = _documented(repo)
    for code, rule in REGELS.items():
        assert documented[code] == (rule.ernst.value, rule.bron), code


def test_every_code_mentioned_in_the_docs_exists(repo: Path) -> None:
    text = (repo / "docs" / "regels.md").read_text(encoding="utf-8")
    prefixes = {code.split(".")[0] for code in REGELS}
    mentioned = {
        code
        for code in re.findall(r"`([a-z0-9_]+\.[a-z0-9_]+)`", text)
        if code.split(".")[0] in prefixes
    }
    assert mentioned <= set(REGELS)

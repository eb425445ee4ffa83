"""The web app's own codes are documented for users (docs/web.md), as the CLI's are in
docs/foutmeldingen.md, and the page shows every screenshot the browser tests take (of the
pages and of the editor)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((REPO / "src" / "opp_docs" / "web").rglob("*.py")),
    REPO / "src/opp_docs/cli/web.py",
]
CODE = re.compile(r'"(web\.[a-z_]+)"')


def test_every_web_code_is_documented() -> None:
    codes = {code for path in SOURCES for code in CODE.findall(path.read_text(encoding="utf-8"))}
    assert len(codes) > 10  # the scan works
    page = (REPO / "docs" / "web.md").read_text(encoding="utf-8")
    assert sorted(code for code in codes if f"`{code}`" not in page) == []


def test_the_page_shows_every_screenshot() -> None:
    page = (REPO / "docs" / "web.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(img/((?:web|editor)-[a-z-]+\.png)\)", page))
    taken = {
        name
        for test in ("test_browser.py", "test_editor_browser.py")
        for name in re.findall(
            r'screenshot\(\s*[a-z]+,\s*"((?:web|editor)-[a-z-]+)"',
            (REPO / "tests" / "web" / test).read_text(encoding="utf-8"),
        )
    }
    assert len(taken) > 10  # the scan works
    assert shown == {f"{name}.png" for name in taken}
    assert all((REPO / "docs" / "img" / name).is_file() for name in shown)

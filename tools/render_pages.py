"""Render a .docx to one PNG per page with LibreOffice and pdftoppm (for docs and review).

    python tools/render_pages.py FORM.docx OUT_DIR [--prefix NAME] [--dpi 80]

Needs ``soffice`` (Debian: libreoffice-writer) and ``pdftoppm`` (Debian: poppler-utils).
Writes OUT_DIR/NAME-1.png, NAME-2.png, ... and removes stale pages of the same prefix.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def render(docx: Path, out_dir: Path, prefix: str, dpi: int) -> list[Path]:
    """Convert ``docx`` to PDF, then to PNG pages; return the pages written."""
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: install libreoffice-writer and poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pdf = Path(work) / (docx.stem + ".pdf")
        for stale in out_dir.glob(f"{prefix}-*.png"):
            stale.unlink()
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / prefix)],
            check=True,
            timeout=300,
        )
    # pdftoppm pads page numbers to the width of the last one (01, 02, ...); drop the padding
    # so that names stay the same whatever the page count.
    pages = []
    for page in out_dir.glob(f"{prefix}-*.png"):
        number = int(page.stem.rsplit("-", 1)[1])
        target = page.with_name(f"{prefix}-{number}.png")
        if target != page:
            page.replace(target)
        pages.append((number, target))
    return [path for _, path in sorted(pages)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("docx", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--prefix", default=None, help="file name prefix (default: docx stem)")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    docx: Path = args.docx
    pages = render(docx, args.out_dir, args.prefix or docx.stem, args.dpi)
    for page in pages:
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())

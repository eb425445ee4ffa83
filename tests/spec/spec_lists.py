"""Read the form's blueprint (docs/dev/template-spec.md) into lists a test can check.

The blueprint is prose for people, but it follows a few conventions this module relies on:
printed wording is in backticks; a table's header is written `A | B | C`; lists of printed
texts without backticks are separated by " · " and introduced by a colon (or sit in
parentheses); checkbox options are the lists introduced by "choice", "one or more" or
"Checkboxes", the parenthesised lists, and backticked pairs after "checkboxes".
Only the part from "### Title block" up to "## Rules" describes the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SPEC = Path(__file__).resolve().parents[2] / "docs" / "dev" / "template-spec.md"

# Backticked texts in the layout that are examples of values, not printed wording.
NOT_PRINTED = frozenset({"Van 01/10/2024 t/m 31/12/2024"})
# Section headings of the blueprint that are not headings on the form.
NOT_HEADINGS = frozenset({"Title block", "Handelingsdeel"})


@dataclass
class SpecLists:
    """What the blueprint says is printed, in its order."""

    printed: list[str] = field(default_factory=list)  # headings, labels, options, in order
    option_groups: list[list[str]] = field(default_factory=list)  # each group's options


def _blocks(layout: str) -> list[str]:
    """Paragraphs and bullets of the layout, each joined onto one line."""
    blocks: list[str] = []
    for line in layout.splitlines():
        stripped = line.strip()
        starts_block = (
            not stripped
            or stripped.startswith(("- ", "#", "**"))
            or (line[:1] != " " and bool(blocks) and blocks[-1].startswith("#"))
        )
        if starts_block or not blocks:
            blocks.append(stripped)
        else:
            blocks[-1] = f"{blocks[-1]} {stripped}"
    return [b for b in blocks if b]


def _plain_lists(block: str) -> list[tuple[str, list[str]]]:
    """The " · "-separated lists of non-backticked items in a block, with their intros."""
    found: list[tuple[str, list[str]]] = []
    position = 0
    while True:
        first = block.find(" · ", position)
        if first < 0:
            return found
        open_paren = block.rfind("(", 0, first)
        in_parens = open_paren > block.rfind(")", 0, first)
        if in_parens:
            start = open_paren + 1
            end = block.index(")", first)
        else:
            start = block.rfind(": ", 0, first) + 2
            ends = [i for i in (block.find(". ", first), block.find(";", first)) if i >= 0]
            end = min(ends) if ends else len(block.rstrip("."))
        segment = block[start:end]
        if "`" in segment:  # a list of backticked items: those are read one by one
            position = end
            continue
        segment = segment.replace(" (free text)", "")
        items = [item.strip().rstrip(".") for item in segment.split(" · ")]
        found.append((block[:start], items))
        position = end


def read_spec(path: Path = SPEC) -> SpecLists:
    text = path.read_text(encoding="utf-8")
    layout = text[text.index("### Title block") : text.index("## Rules")]
    spec = SpecLists()
    for block in _blocks(layout):
        if block.startswith("### "):
            heading = re.sub(r"\s*\(.*$", "", block[4:]).strip()
            if heading not in NOT_HEADINGS:
                spec.printed.append(heading)
        bold = re.match(r"- \*\*(.+?)\*\*", block)
        if bold:
            spec.printed.append(bold.group(1))
        # Walk backticks and plain lists in the order they appear in the block.
        events: list[tuple[int, list[str], bool, bool]] = []  # (pos, items, option?, list?)
        for match in re.finditer(r"`([^`]+)`", block):
            content = match.group(1)
            if content in NOT_PRINTED:
                continue
            items = []
            for part in content.split(" | "):
                # "Bijgevoegd (ja/nee checkboxes)": the header is "Bijgevoegd"; each row of
                # the column holds the boxes "ja" and "nee".
                note = re.search(r"\s*\((\w+)/(\w+) checkboxes\)", part)
                if note:
                    spec.option_groups.append([note.group(1), note.group(2)])
                    part = part[: note.start()]
                items.append(part.strip())
            before = block[: match.start()].rstrip()
            is_option = not block.startswith("#") and (
                before.endswith("checkboxes") or (before.endswith("/") and events[-1][2])
            )
            events.append((match.start(), items, is_option, False))
        for intro, items in _plain_lists(block):
            is_option = bool(re.search(r"choice|one or more|Checkboxes|\($", intro))
            events.append((len(intro), items, is_option, True))
        events.sort(key=lambda event: event[0])
        backticked_options: list[str] = []
        for _, items, is_option, is_list in events:
            spec.printed.extend(items)
            if is_option and is_list:
                spec.option_groups.append(items)
            elif is_option:
                backticked_options.extend(items)
        if backticked_options:
            spec.option_groups.append(backticked_options)
    return spec

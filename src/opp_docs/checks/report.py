"""The findings of a plan as people and scripts read them: a Dutch text grouped by section of
the form, a summary table of many plans, and a JSON form.

The text is compact: one line per finding, the findings about rows of one table (an empty
signature box per row) merged into one line naming the table and the rows' roles, and a
rule's source (``bron``) only when asked (``uitgebreid``). The JSON form keeps everything:
every finding with its own place and source.

The text never shows a finding's ``input`` (it may be personal data, say a phone number the
AVG rule found); the JSON form has it as ``inhoud``, like ``opp uitlezen --rapport``. The roles of
merged signature rows are the exception: they are the form's pre-printed roles or functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from opp_docs.checks.base import Bevinding, Ernst
from opp_docs.model import OPP

__all__ = [
    "SummaryRow",
    "bevinding_to_json",
    "plan_report_json",
    "plan_report_text",
    "report_lines",
    "section_of",
    "summary_text",
]

_TOP = "Bovenaan het plan"


def _section_titles() -> dict[str, str]:
    titles: dict[str, str] = {}
    for name, info in OPP.model_fields.items():
        if name in {"datum", "startdatum_opp", "einddatum_opp", "datum_ondersteuningsbehoefte"}:
            titles[name] = _TOP
        else:
            titles[name] = info.title or name
    return titles


_TITLES = _section_titles()
_ORDER = list(dict.fromkeys([_TOP, *_TITLES.values()]))


def section_of(finding: Bevinding) -> str:
    """The section of the form a finding belongs to, by the first step of its path."""
    path = finding.path
    if not path:
        return _TOP
    return _TITLES.get(str(path[0]), _TOP)


def _count(findings: Sequence[Bevinding]) -> tuple[int, int]:
    errors = sum(f.ernst is Ernst.FOUT for f in findings)
    return errors, len(findings) - errors


def _row_name(finding: Bevinding) -> str:
    if isinstance(finding.input, str) and finding.input:
        return finding.input
    index = next((step for step in reversed(finding.path) if isinstance(step, int)), None)
    return f"rij {index + 1}" if index is not None else "een rij"


def report_lines(findings: Sequence[Bevinding]) -> list[tuple[Bevinding, str]]:
    """Each finding with the text a report shows for it; the findings of one rule and one
    table (the empty signature boxes of a table) merged into one line naming the rows, at the
    place of the first."""
    groups: dict[tuple[str, str], list[Bevinding]] = {}
    for finding in findings:
        if finding.groep is not None:
            groups.setdefault((finding.code, finding.groep), []).append(finding)
    lines: list[tuple[Bevinding, str]] = []
    for finding in findings:
        group = groups.get((finding.code, finding.groep or "")) if finding.groep else None
        if group is None or len(group) == 1:
            lines.append((finding, finding.message))
        elif group[0] is finding:
            roles = ", ".join(_row_name(member) for member in group)
            lines.append(
                (
                    finding,
                    f"Bij '{finding.groep}' zijn {len(group)} handtekeningvakken leeg: {roles}. "
                    "Laat deze rijen ondertekenen.",
                )
            )
    return lines


def plan_report_text(title: str, findings: Sequence[Bevinding], *, uitgebreid: bool = False) -> str:
    """A readable Dutch report: a heading, the counts, then the findings per section.

    The counts are of all findings; the lines merge the rows of one table. ``uitgebreid``
    adds the source of each rule under its line.
    """
    errors, warnings = _count(findings)
    lines = [title, "=" * len(title)]
    if not findings:
        lines.append("Geen fouten en geen waarschuwingen.")
        return "\n".join(lines) + "\n"
    lines.append(f"{errors} fout(en), {warnings} waarschuwing(en).")
    grouped: dict[str, list[tuple[Bevinding, str]]] = {}
    for finding, text in report_lines(findings):
        grouped.setdefault(section_of(finding), []).append((finding, text))
    for section in sorted(grouped, key=_ORDER.index):
        lines += ["", section]
        for finding, text in grouped[section]:
            lines.append(f"  {finding.ernst.value} [{finding.code}] {text}")
            if uitgebreid:
                lines.append(f"      bron: {finding.bron}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SummaryRow:
    """One plan in the summary: its title, its counts and whether it is ready for the ACTA."""

    plan: str
    fouten: int
    waarschuwingen: int
    klaar_voor_acta: bool


_SUMMARY_HEADERS = ("Plan", "Fouten", "Waarschuwingen", "Klaar voor de ACTA")


def summary_text(rows: Sequence[SummaryRow]) -> str:
    """A table of many plans: plan, fouten, waarschuwingen, klaar voor de ACTA (ja/nee).

    >>> print(summary_text([SummaryRow("Noor (240117)", 0, 2, True)]), end="")
    Samenvatting
    ============
    Plan           Fouten  Waarschuwingen  Klaar voor de ACTA
    Noor (240117)       0               2  ja
    <BLANKLINE>
    1 plan(nen): 1 klaar voor de ACTA, 0 met fouten.
    """
    table = [
        (row.plan, str(row.fouten), str(row.waarschuwingen), "ja" if row.klaar_voor_acta else "nee")
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [_SUMMARY_HEADERS, *table]) for i in range(4)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            [
                cells[0].ljust(widths[0]),
                cells[1].rjust(widths[1]),
                cells[2].rjust(widths[2]),
                cells[3],
            ]
        ).rstrip()

    ready = sum(row.klaar_voor_acta for row in rows)
    failing = sum(row.fouten > 0 for row in rows)
    return (
        "\n".join(
            [
                "Samenvatting",
                "============",
                line(_SUMMARY_HEADERS),
                *(line(cells) for cells in table),
                "",
                f"{len(rows)} plan(nen): {ready} klaar voor de ACTA, {failing} met fouten.",
            ]
        )
        + "\n"
    )


def bevinding_to_json(finding: Bevinding) -> dict[str, Any]:
    """One finding as a JSON object (``inhoud`` holds the raw input, if any)."""
    value = finding.input
    return {
        "code": finding.code,
        "ernst": finding.ernst.value,
        "bron": finding.bron,
        "onderdeel": section_of(finding),
        "melding": finding.message,
        "label": finding.location.label,
        "pad": ".".join(str(step) for step in finding.path) or None,
        "inhoud": value if isinstance(value, (str, int, float, bool)) else None,
    }


def plan_report_json(
    plan: OPP, findings: Sequence[Bevinding], *, file: str | None = None, row: int | None = None
) -> dict[str, Any]:
    """The report of one plan as a JSON object: where it came from, counts and findings."""
    errors, warnings = _count(findings)
    return {
        "bestand": file,
        "rij": row,
        "leerlingnummer": plan.leerling.leerlingnummer,
        "naam": plan.leerling.naam,
        "fouten": errors,
        "waarschuwingen": warnings,
        "bevindingen": [bevinding_to_json(finding) for finding in findings],
    }

"""The findings of a plan as people and scripts read them: a Dutch text grouped by section of
the form, and a JSON form.

The text never shows a finding's ``input`` (it may be personal data, say a phone number the
AVG rule found); the JSON form has it as ``inhoud``, like ``opp parse --report``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opp_docs.checks.base import Bevinding, Ernst
from opp_docs.model import OPP

__all__ = ["bevinding_to_json", "plan_report_json", "plan_report_text", "section_of"]

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


def plan_report_text(title: str, findings: Sequence[Bevinding]) -> str:
    """A readable Dutch report: a heading, the counts, then the findings per section."""
    errors, warnings = _count(findings)
    lines = [title, "=" * len(title)]
    if not findings:
        lines.append("Geen fouten en geen waarschuwingen.")
        return "\n".join(lines) + "\n"
    lines.append(f"{errors} fout(en), {warnings} waarschuwing(en).")
    grouped: dict[str, list[Bevinding]] = {}
    for finding in findings:
        grouped.setdefault(section_of(finding), []).append(finding)
    for section in sorted(grouped, key=_ORDER.index):
        lines += ["", section]
        for finding in grouped[section]:
            lines.append(f"  {finding.ernst.value} [{finding.code}] {finding.message}")
            lines.append(f"      bron: {finding.bron}")
    return "\n".join(lines) + "\n"


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

"""Signatures: part D, and the shared check of any signature table (D, the aanvraag, G).

Handreiking, D: everyone involved signs once the plan is discussed; the signature is
mandatory. Per pre-printed role a row needs a naam and a datum; of the two pre-printed
Ouder/verzorger rows at least one (a family may have one parent).

Whether a box actually holds a signature (``ondertekend``) is only known from a parsed form:
JSON and Excel have no signature. With ``signatures_known`` an empty box is a fout; without,
one waarschuwing per table says the signatures could not be checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from opp_docs.checks.base import Bevinding, Context, Ernst, Pad, Regel
from opp_docs.checks.onbekend import is_empty
from opp_docs.model import ROLLEN_ONDERTEKENING, Ondertekening

__all__ = [
    "HANDTEKENING_NIET_GEZET",
    "HANDTEKENING_ONBEKEND",
    "RULES",
    "check_ondertekening",
    "check_signature_table",
    "signature_boxes",
]

LEEG = Regel(
    "ondertekening.leeg",
    Ernst.FOUT,
    "Handreiking, D",
    "D. Ondertekening is helemaal leeg.",
)
ONVOLLEDIG = Regel(
    "ondertekening.onvolledig",
    Ernst.FOUT,
    "Handreiking, D",
    "Bij D. Ondertekening ontbreekt een voorgedrukte rol, een ouder/verzorger, een naam of "
    "een datum.",
)
HANDTEKENING_NIET_GEZET = Regel(
    "handtekening.niet_gezet",
    Ernst.FOUT,
    "Handreiking, D en G; aanvraag (algemene aanwijzingen)",
    "Een handtekeningvak is leeg (alleen bekend bij een ingelezen formulier).",
)
HANDTEKENING_ONBEKEND = Regel(
    "handtekening.onbekend",
    Ernst.WAARSCHUWING,
    "Handreiking, D en G; aanvraag (algemene aanwijzingen)",
    "Of er getekend is, staat niet in een plan uit JSON of Excel; controleer het formulier.",
)

RULES = (LEEG, ONVOLLEDIG, HANDTEKENING_NIET_GEZET, HANDTEKENING_ONBEKEND)


def _same(role: str | None, wanted: str) -> bool:
    return role is not None and role.strip().casefold() == wanted.casefold()


def check_signature_table(
    rows: Sequence[Ondertekening],
    path: Pad,
    required: Sequence[str],
    rule: Regel,
    table: str,
) -> list[Bevinding]:
    """Findings of one signature table: each ``required`` role present, every row complete.

    ``required`` may repeat a role; it then needs at least one row (the pre-printed second
    Ouder/verzorger row may stay empty). ``table`` names the table in messages.
    """
    found: list[Bevinding] = []
    for role in dict.fromkeys(required):
        if not any(_same(row.rol, role) and not is_empty(row.naam) for row in rows):
            found.append(
                rule.bevinding(
                    f"Bij '{table}' ontbreekt de rol '{role}'. Vul naam en datum in.",
                    path,
                    input=role,
                )
            )
    for index, row in enumerate(rows):
        role = (row.rol or "").strip()
        who = f"rij {index + 1}" + (f" ({role})" if role else "")
        if is_empty(row.naam):
            found.append(
                rule.bevinding(
                    f"Bij '{table}', {who}, is 'Naam' leeg. Vul de naam in.", (*path, index, "naam")
                )
            )
        if row.datum is None:
            found.append(
                rule.bevinding(
                    f"Bij '{table}', {who}, is 'Datum' leeg. Vul de datum van ondertekening in.",
                    (*path, index, "datum"),
                )
            )
    return found


def signature_boxes(
    context: Context,
    signed: Sequence[bool],
    path: Pad,
    table: str,
    roles: Sequence[str | None] = (),
) -> list[Bevinding]:
    """Findings of the signature boxes of one table (``signed``: one flag per row).

    ``roles`` names each row (its role or function) in the message; an empty box is one
    finding per row, with the table as its ``groep`` and the role as its ``input``, so the
    report can name the table once with every role that still has to sign.
    """
    if not signed:
        return []
    if not context.signatures_known:
        return [
            HANDTEKENING_ONBEKEND.bevinding(
                f"Of '{table}' ondertekend is, staat niet in een plan uit JSON of Excel. "
                "Controleer de handtekeningen op het formulier.",
                path,
            )
        ]
    found: list[Bevinding] = []
    for index, flag in enumerate(signed):
        if flag:
            continue
        role = (roles[index] or "").strip() if index < len(roles) else ""
        who = f"rij {index + 1}" + (f" ({role})" if role else "")
        found.append(
            HANDTEKENING_NIET_GEZET.bevinding(
                f"Bij '{table}', {who}, is het handtekeningvak leeg. Laat deze rij ondertekenen.",
                (*path, index, "ondertekend"),
                input=role or None,
                groep=table,
            )
        )
    return found


def check_ondertekening(context: Context) -> list[Bevinding]:
    """Findings of D. Ondertekening."""
    rows = context.plan.ondertekening
    table = "D. Ondertekening"
    if not rows:
        return [
            LEEG.bevinding(
                "D. Ondertekening is leeg. Alle betrokkenen ondertekenen het plan zodra het is "
                "besproken: vul per rol naam en datum in.",
                ("ondertekening",),
            )
        ]
    found = check_signature_table(rows, ("ondertekening",), ROLLEN_ONDERTEKENING, ONVOLLEDIG, table)
    found += signature_boxes(
        context,
        [row.ondertekend for row in rows],
        ("ondertekening",),
        table,
        [row.rol for row in rows],
    )
    return found

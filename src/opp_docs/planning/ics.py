"""The evaluation calendar as an iCalendar file (RFC 5545) that calendar programs import.

Each evaluation is an all-day event whose text holds only the student's name, the kind of
evaluation and whether the date is a proposal: no support needs, no health details. The UID
is derived from student, kind and date, so importing a new calendar updates the old events
instead of doubling them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from opp_docs.planning.schedule import Afspraak

__all__ = ["calendar_bytes", "event_summary"]

_NAMESPACE = uuid.UUID("6f1d0f8e-2d2a-5b4e-9a55-3c1c0a7e0b01")


def event_summary(afspraak: Afspraak) -> str:
    """The event title: "Tussenevaluatie OPP: Noor van den Berg", plus "(voorstel)"."""
    who = afspraak.naam or afspraak.leerlingnummer or "leerling zonder naam"
    return f"{afspraak.soort.value} OPP: {who}" + ("" if afspraak.vastgesteld else " (voorstel)")


def calendar_bytes(afspraken: Sequence[Afspraak], *, stamp: datetime | None = None) -> bytes:
    """An .ics file with one all-day event per evaluation."""
    calendar = Calendar()
    calendar.add("prodid", "-//opp-docs//OPP-evaluaties//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "OPP-evaluaties")
    moment = stamp or datetime.now(UTC)
    for afspraak in afspraken:
        key = "|".join(
            [
                afspraak.leerlingnummer or "",
                afspraak.naam or "",
                afspraak.soort.value,
                afspraak.datum.isoformat(),
            ]
        )
        event = Event()
        event.add("uid", f"{uuid.uuid5(_NAMESPACE, key)}@opp-docs")
        event.add("dtstamp", moment)
        event.add("dtstart", afspraak.datum)
        event.add("dtend", afspraak.datum + timedelta(days=1))
        event.add("summary", event_summary(afspraak))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())

"""How staff read a moment in time: a Discord timestamp, not a UTC clock time.

Everything Kindred shows staff about *when* (case timelines, ``/mod queue``, ``/mod history``,
reports, alerts) is a Discord message or embed, and Discord renders ``<t:…>`` in each reader's
own timezone, language and clock format. That suits a care team spread over several
timezones better than any one zone: nobody converts, and a time can't be misread around a DST
change. The server's timezone (``/setup set timezone:``) stays for what happens at a local
wall time (sessions, check-in rounds), where "6 pm" must mean the group's 6 pm. Alert embeds
use the embed's own timestamp, which Discord localises the same way.
"""

from __future__ import annotations

from datetime import datetime

STYLES = frozenset("tTdDfFR")


def stamp(moment: datetime, style: str = "f") -> str:
    """``<t:…:f>``: shown to each reader in their own timezone ("5 December 2026 14:05").

    ``style``: Discord's letter (t/T time, d/D date, f/F date and time, R relative).
    """
    if style not in STYLES:
        raise ValueError(f"not a Discord timestamp style: {style!r}")
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Kindred uses aware UTC times only")
    return f"<t:{int(moment.timestamp())}:{style}>"

"""When each group's weekly "share one good thing" thread opens. Pure: no Discord, no SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# Near the end of the week, looking back: five days after the week's session starts (the day
# before the next one's eve), so it does not crowd the check-in threads opened mid-week.
OPENS_AFTER = dt.timedelta(days=5)
# A thread more than this late (the bot was down) is skipped rather than opened stale.
STALE_AFTER = dt.timedelta(days=2)


def opening_times(sessions: Iterable[tuple[int, dt.datetime, str]]) -> dict[int, dt.datetime]:
    """Week -> when its thread opens, from (week, session start, status); cancelled weeks skip."""
    return {
        week: starts_at + OPENS_AFTER
        for week, starts_at, status in sessions
        if status != "cancelled"
    }


def due_week(opens: dict[int, dt.datetime], now: dt.datetime) -> int | None:
    """The week whose thread should exist now (opened and not yet stale), if any."""
    current = [w for w, at in opens.items() if at <= now < at + STALE_AFTER]
    return max(current) if current else None


def next_opening(opens: dict[int, dt.datetime], now: dt.datetime) -> dt.datetime | None:
    """When the next thread opens after ``now``; None when every week is past."""
    later = [at for at in opens.values() if at > now]
    return min(later) if later else None

"""When a cohort's weekly check-in rounds happen: plain date arithmetic, daylight-saving safe.

A round opens on the cohort's check-in weekday and local time (default: the day after the
session, 10:00 in the cohort's timezone), first after the first session has started. Each
round has a mid-week reminder, a "did you meet?" near the end, and ends when the next opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DEFAULT_TIME = dt.time(10, 0)
REMIND_AFTER = dt.timedelta(days=3)
ASK_AFTER = dt.timedelta(days=6)


@dataclass(frozen=True)
class RoundTimes:
    """The instants (UTC) of one round."""

    week: int
    starts_at: dt.datetime
    remind_at: dt.datetime
    ask_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class CheckinSchedule:
    """A cohort's check-in slot: its first session, timezone, weekday and local time."""

    first_session: dt.datetime
    timezone: str
    weekday: int
    local_time: dt.time
    weeks: int

    def _first_date(self) -> dt.date:
        zone = ZoneInfo(self.timezone)
        local_start = self.first_session.astimezone(zone)
        date = local_start.date()
        ahead = (self.weekday - date.weekday()) % 7
        candidate = date + dt.timedelta(days=ahead)
        if _at(candidate, self.local_time, zone) <= self.first_session:
            candidate += dt.timedelta(days=7)
        return candidate

    def start_of(self, week: int) -> dt.datetime:
        """When round ``week`` (1-based) opens, in UTC."""
        if week < 1:
            raise ValueError("rounds count from week 1")
        zone = ZoneInfo(self.timezone)
        date = self._first_date() + dt.timedelta(days=7 * (week - 1))
        return _at(date, self.local_time, zone)

    def times(self, week: int) -> RoundTimes:
        """Every instant of round ``week``."""
        starts = self.start_of(week)
        ends = self.start_of(week + 1)
        return RoundTimes(week, starts, starts + REMIND_AFTER, starts + ASK_AFTER, ends)

    def week_at(self, now: dt.datetime) -> int:
        """The round open at ``now`` (0 before the first; at most ``weeks``)."""
        week = 0
        while week < self.weeks and self.start_of(week + 1) <= now:
            week += 1
        return week


def default_weekday(session_weekday: int) -> int:
    """The day after the session, so members meet their partner while the session is fresh."""
    return (session_weekday + 1) % 7


def _at(date: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """A local wall-clock time as UTC (a time skipped by DST lands an hour later, as usual)."""
    local = dt.datetime.combine(date, time, tzinfo=zone)
    # Normalise through UTC so a nonexistent local time becomes a real instant.
    return local.astimezone(dt.UTC)

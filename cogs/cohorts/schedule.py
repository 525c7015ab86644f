"""When a cohort's sessions happen, when to remind people, and when to suggest outreach.

Plain rules: no Discord, no clock reads. Every instant returned is an aware UTC datetime;
callers pass ``now`` in.

Weeks and skipped weeks
-----------------------
Two numberings meet here, and keeping them apart is what makes skipping a week safe to repeat:

* a session's ``week`` is its place in the programme, 1..N (week 3 gets week 3's theme);
* a *calendar week* (``slot``) counts weeks on the calendar from the first session's week:
  slot 1 is the week of the first session, slot 2 the week after, and so on.

``skipped_weeks`` holds calendar weeks (slots). A skipped slot has no session; every later
session moves on by a week, and so does the cohort's end. Because slots are fixed to the
calendar, storing the set is idempotent: skipping the same holiday twice changes nothing. To
skip "the session currently numbered 5", use :func:`skip_session`, which finds its slot.

Daylight saving
---------------
Sessions keep their local wall time (6 pm stays 6 pm across a DST change), so their UTC
instants move. When the local time does not exist on a date (clocks spring forward past it) the
session starts that much later (2:30 in a 2:00->3:00 gap becomes 3:30); when it happens twice
(clocks fall back) the first occurrence is used. Both come from ``fold=0`` (PEP 495), so the
result is deterministic and needs no special cases.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from cogs.utils import when
from cogs.utils.errors import InvalidInput

UTC = dt.UTC
DEFAULT_WEEKS = 12
DEFAULT_LENGTH = dt.timedelta(minutes=60)
DEFAULT_REMINDER_OFFSETS: tuple[dt.timedelta, ...] = (
    dt.timedelta(hours=24),
    dt.timedelta(hours=1),
)
# A cohort is planned at most this many years ahead: far enough for any real programme, and it
# keeps every session date a computer can hold (9999-12-31 plus 12 weeks cannot).
MAX_YEARS_AHEAD = 2
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Session:
    """One weekly session of a cohort.

    ``week`` is the programme week (1..N, picks the theme); ``slot`` the calendar week it falls
    in (see the module docstring). ``starts_at``/``ends_at`` are aware UTC; ``local_start`` is
    the same instant in the cohort's timezone, for display.
    """

    week: int
    slot: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    local_start: dt.datetime


@dataclass(frozen=True)
class Reminder:
    """A reminder due at ``at`` (aware UTC), ``before`` the session starts."""

    before: dt.timedelta
    at: dt.datetime


# --- parsing what a coordinator types ------------------------------------------------------


def parse_timezone(name: str) -> ZoneInfo:
    """The timezone ``name`` means: a city, country, abbreviation or IANA name, in any case
    (see ``cogs.utils.when``). AmbiguousTimezone (an InvalidInput listing the options) when it
    could be several; InvalidInput with examples when it is unknown."""
    return when.find_timezone(name)


def parse_local_time(text: str) -> dt.time:
    """A wall-clock time from "18:00", "6:30 pm", "7.30pm", "6pm" or "noon"; InvalidInput
    when it is not one."""
    found = when.parse_time(text)
    if found is None:
        raise InvalidInput(
            f"“{text.strip()}” isn't a time I can use. Please give the local start time as "
            "hours and minutes, for example `18:00`, `6:30 pm` or `7pm`."
        )
    return found


def parse_weekday(text: str) -> int:
    """A weekday number (Monday 0 .. Sunday 6) from a name or its first three letters."""
    cleaned = text.strip().lower()
    for number, name in enumerate(WEEKDAYS):
        if len(cleaned) >= 3 and name.startswith(cleaned):
            return number
    raise InvalidInput(
        f"“{text.strip()}” isn't a day of the week. Please choose one of Monday to Sunday."
    )


def check_start_date(start: dt.date, tz: ZoneInfo, now: dt.datetime) -> None:
    """Raise InvalidInput when ``start`` is already in the past in the cohort's timezone, or
    more than ``MAX_YEARS_AHEAD`` years ahead."""
    today = _aware(now, "now").astimezone(tz).date()
    if start < today:
        raise InvalidInput(
            f"The start date {start.isoformat()} has already passed in {tz.key} "
            f"(today there is {today.isoformat()}). Please choose today or a later date."
        )
    latest = _years_later(today, MAX_YEARS_AHEAD)
    if start > latest:
        raise InvalidInput(
            f"The start date {start.isoformat()} is more than {MAX_YEARS_AHEAD} years away. "
            f"Please choose a date up to {latest.isoformat()}; you can change it later with "
            "`/cohort edit`."
        )


def _years_later(day: dt.date, years: int) -> dt.date:
    """The same date ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# --- the sessions ------------------------------------------------------------------------


def first_session_date(start: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` (Monday 0 .. Sunday 6) on or after ``start``."""
    _check_weekday(weekday)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def localize(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The aware UTC instant of wall time ``at`` on ``day`` in ``tz``.

    A nonexistent wall time moves forward by the gap; an ambiguous one takes its first
    occurrence. ``fold=0`` gives exactly that: in a gap it uses the offset from before the
    change, which lands after the gap; in an overlap it picks the earlier instant.
    """
    naive = dt.datetime.combine(day, at.replace(tzinfo=None, fold=0))
    return naive.replace(tzinfo=tz).astimezone(UTC)


def session_slots(weeks: int, skipped_weeks: Iterable[int] = ()) -> list[int]:
    """The calendar week (slot) of each session 1..``weeks``, skipping ``skipped_weeks``."""
    if weeks < 1:
        raise ValueError("a cohort has at least one week")
    skipped = frozenset(skipped_weeks)
    if any(slot < 1 for slot in skipped):
        raise ValueError("skipped calendar weeks are numbered from 1")
    slots: list[int] = []
    slot = 0
    while len(slots) < weeks:
        slot += 1
        if slot not in skipped:
            slots.append(slot)
    return slots


def build_sessions(
    start: dt.date,
    weekday: int,
    local_time: dt.time,
    tz: ZoneInfo | str,
    weeks: int = DEFAULT_WEEKS,
    length: dt.timedelta = DEFAULT_LENGTH,
    skipped_weeks: Iterable[int] = (),
) -> list[Session]:
    """Every session of a cohort, in order, daylight-saving correct.

    The first session is on the first ``weekday`` (Monday 0) on or after ``start``, at
    ``local_time`` in ``tz``; one a week after that, skipping the calendar weeks in
    ``skipped_weeks`` (see the module docstring). ``length`` is real elapsed time, so a session
    that spans a clock change still lasts ``length``. ``tz`` is a ZoneInfo or a name already
    checked with :func:`parse_timezone` (an unknown name here is a bug: ZoneInfoNotFoundError).
    """
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    if length <= dt.timedelta(0):
        raise ValueError("a session needs a positive length")
    first = first_session_date(start, weekday)
    sessions = []
    for week, slot in enumerate(session_slots(weeks, skipped_weeks), start=1):
        # Step in local calendar days, not in UTC, so the wall time survives DST changes.
        day = first + dt.timedelta(weeks=slot - 1)
        starts_at = localize(day, local_time, zone)
        sessions.append(
            Session(
                week=week,
                slot=slot,
                starts_at=starts_at,
                ends_at=starts_at + length,
                local_start=starts_at.astimezone(zone),
            )
        )
    return sessions


def slot_of_session(week: int, skipped_weeks: Iterable[int] = ()) -> int:
    """The calendar week that session ``week`` currently falls in."""
    if week < 1:
        raise ValueError("sessions are numbered from 1")
    return session_slots(week, skipped_weeks)[-1]


def skip_session(week: int, skipped_weeks: Iterable[int] = ()) -> frozenset[int]:
    """The new skipped set after postponing session ``week`` (and all later ones) by a week.

    For ``/session skip``: the session's current calendar week becomes a holiday. Calling it
    twice for the same number postpones twice, because the session has moved by then; store
    the returned set, not the command.
    """
    skipped = frozenset(skipped_weeks)
    return skipped | {slot_of_session(week, skipped)}


# --- reminders ---------------------------------------------------------------------------


def reminders_for(
    starts_at: dt.datetime,
    now: dt.datetime,
    offsets: Sequence[dt.timedelta] = DEFAULT_REMINDER_OFFSETS,
) -> list[Reminder]:
    """Reminders for a session starting at ``starts_at``, earliest first.

    One per offset before the start (default 24 h and 1 h; real elapsed time, so across a
    clock change "24 h before" is not the same wall time the day before). Reminders whose time
    is already before ``now`` are left out: nobody needs "tomorrow at 6" an hour before. A
    reminder due exactly at ``now`` is kept, since it is still on time.
    """
    starts_at, now = _aware(starts_at, "starts_at"), _aware(now, "now")
    if any(offset <= dt.timedelta(0) for offset in offsets):
        raise ValueError("reminder offsets must be positive (time before the session)")
    due = [
        Reminder(before=offset, at=(starts_at - offset).astimezone(UTC))
        for offset in sorted(set(offsets), reverse=True)
    ]
    return [reminder for reminder in due if reminder.at >= now]


# --- attendance follow-up ----------------------------------------------------------------


class OutreachReason(StrEnum):
    """Why a moderator is asked to reach out kindly (never to remove anyone)."""

    CANNOT_REACH_TARGET = "cannot_reach_target"
    MISSED_TWO_IN_A_ROW = "missed_two_in_a_row"


@dataclass(frozen=True)
class AttendanceCheck:
    """A member's attendance after the latest session held.

    ``reasons`` are true now; ``new_reasons`` became true with the latest session, so a
    session-end job that acts only on ``new_reasons`` notes the moderator once per event, even
    when it reruns after a restart.
    """

    attended: int
    remaining: int
    target: int
    missed_in_a_row: int
    reasons: frozenset[OutreachReason]
    new_reasons: frozenset[OutreachReason]

    @property
    def suggest_outreach(self) -> bool:
        """Whether to send the moderator a private note now."""
        return bool(self.new_reasons)


def attendance_target(total: int) -> int:
    """Sessions a member is asked to attend: half, rounded up (CONNECT asked for 6 of 12)."""
    return math.ceil(total / 2)


def check_attendance(
    total: int,
    held: int,
    attended: Iterable[int],
    joined_week: int = 1,
    target: int | None = None,
) -> AttendanceCheck:
    """Whether a member's attendance calls for a kind outreach from the moderator.

    ``total`` sessions in the cohort, sessions ``1..held`` have been held, ``attended`` the
    session weeks the member came to, ``joined_week`` the first session they were enrolled for
    (earlier ones are not counted as missed in a row, but they cannot be attended either).

    Two reasons: the member can no longer reach ``target`` sessions (default half, rounded up:
    6 of 12, as CONNECT asked; PRODUCT.md flags a member who misses *more* than half), or the
    member missed the last two sessions held.
    """
    if not 0 <= held <= total:
        raise ValueError("held must be between 0 and total")
    came = frozenset(attended)
    if any(not 1 <= week <= held for week in came):
        raise ValueError("attended weeks must be sessions already held")
    goal = attendance_target(total) if target is None else target
    now = _reasons(total, held, came, joined_week, goal)
    before = _reasons(total, held - 1, came, joined_week, goal) if held else frozenset()
    return AttendanceCheck(
        attended=len(came),
        remaining=total - held,
        target=goal,
        missed_in_a_row=_streak(held, came, joined_week),
        reasons=now,
        new_reasons=now - before,
    )


def _reasons(
    total: int, held: int, came: frozenset[int], joined_week: int, goal: int
) -> frozenset[OutreachReason]:
    came = frozenset(week for week in came if week <= held)
    reasons = set()
    if len(came) + (total - held) < goal:
        reasons.add(OutreachReason.CANNOT_REACH_TARGET)
    if _streak(held, came, joined_week) >= 2:
        reasons.add(OutreachReason.MISSED_TWO_IN_A_ROW)
    return frozenset(reasons)


def _streak(held: int, came: frozenset[int], joined_week: int) -> int:
    """Sessions missed in a row, counting back from the latest held, since the member joined."""
    streak = 0
    for week in range(held, max(joined_week, 1) - 1, -1):
        if week in came:
            break
        streak += 1
    return streak


# --- helpers -----------------------------------------------------------------------------


def _aware(moment: dt.datetime, name: str) -> dt.datetime:
    # A naive datetime here is a bug upstream; failing loudly beats guessing a timezone.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return moment


def _check_weekday(weekday: int) -> None:
    if not 0 <= weekday <= 6:
        raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")

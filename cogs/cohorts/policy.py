"""The cohorts lane's plain rules: checking what a coordinator or member typed, turning a
stored cohort into its sessions, naming group channels, choosing a joiner's groups.

No discord and no database: the services call these and store the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cogs.cohorts.schedule import (
    build_sessions,
    check_start_date,
    parse_local_time,
    parse_timezone,
    parse_weekday,
)
from cogs.members.language import ENGLISH_NAMES, LANGUAGES
from cogs.utils import when
from cogs.utils.errors import InvalidInput
from cogs.utils.text import check_name as check_typed_name
from db.models.cohorts import Cohort, Group, NewSession

FOCUSES = {
    "newly_diagnosed": "newly diagnosed",
    "progression": "similar progression",
    "affinity": "affinity",
    "general": "general",
}
BETWEEN_MODES = ("closed", "slowmode")
MAX_WEEKS = 52
MAX_CAP = 50
NAME_LIMIT = 60
LABEL_LIMIT = 40


@dataclass(frozen=True)
class CohortPlan:
    """A new cohort's checked settings."""

    name: str
    start_date: dt.date
    weekday: int
    local_time: dt.time
    timezone: str
    weeks: int
    length_minutes: int
    group_cap: int
    sessions: tuple[NewSession, ...]


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """A date from "2026-11-02", "2 Nov" or "November 2" (the next one on or after ``today``
    when no year is given); InvalidInput with an example otherwise."""
    return when.parse_date(text, today)


def check_name(name: str) -> str:
    """A cohort name, tidied; InvalidInput when empty, too long, or carrying something that
    would misbehave where Kindred posts it (see ``cogs.utils.text``)."""
    return check_typed_name(name, what="cohort name", limit=NAME_LIMIT)


def check_numbers(weeks: int, length_minutes: int, cap: int) -> None:
    """Weeks, session length and group size must make sense; InvalidInput says which."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"A cohort runs for 1 to {MAX_WEEKS} weeks (12 is usual).")
    if not 15 <= length_minutes <= 240:
        raise InvalidInput("A session lasts 15 to 240 minutes (45 to 60 is usual).")
    if not 1 <= cap <= MAX_CAP:
        raise InvalidInput(
            f"A group needs room for at least 1 member (at most {MAX_CAP}); groups of up to 10 "
            "work best."
        )


def plan_cohort(
    *,
    name: str,
    start: str,
    day: str,
    time: str,
    timezone: str,
    weeks: int,
    length_minutes: int,
    cap: int,
    now: dt.datetime,
) -> CohortPlan:
    """Check every option of ``/cohort create``; InvalidInput on the first problem."""
    cleaned = check_name(name)
    zone = parse_timezone(timezone)
    local_time = parse_local_time(time)
    weekday = parse_weekday(day)
    start_date = parse_date(start, now.astimezone(zone).date())
    check_start_date(start_date, zone, now)
    check_numbers(weeks, length_minutes, cap)
    sessions = build_sessions(
        start_date, weekday, local_time, zone, weeks, dt.timedelta(minutes=length_minutes)
    )
    return CohortPlan(
        name=cleaned,
        start_date=start_date,
        weekday=weekday,
        local_time=local_time,
        timezone=zone.key,
        weeks=weeks,
        length_minutes=length_minutes,
        group_cap=cap,
        sessions=tuple(_new(s) for s in sessions),
    )


def sessions_of(cohort: Cohort) -> list[NewSession]:
    """The sessions a stored cohort should have now (after edits and skipped weeks)."""
    return [
        _new(s)
        for s in build_sessions(
            cohort.start_date,
            cohort.weekday,
            cohort.local_time,
            cohort.timezone,
            cohort.weeks,
            dt.timedelta(minutes=cohort.length_minutes),
            cohort.skipped_slots,
        )
    ]


def _new(session: object) -> NewSession:
    return NewSession(
        week=session.week,  # type: ignore[attr-defined]
        slot=session.slot,  # type: ignore[attr-defined]
        starts_at=session.starts_at,  # type: ignore[attr-defined]
        ends_at=session.ends_at,  # type: ignore[attr-defined]
    )


def check_focus(focus: str, label: str | None) -> tuple[str, str | None]:
    """A group focus and its label; an affinity group needs a label (language, culture, age)."""
    if focus not in FOCUSES:
        raise InvalidInput(f"Choose a focus: {', '.join(FOCUSES.values())}.")
    blank = not " ".join((label or "").split())
    if focus == "affinity" and blank:
        raise InvalidInput(
            "An affinity group needs a label saying who it is for, for example "
            "`Hindi speakers` or `under 30`."
        )
    if blank:
        return focus, None
    return focus, check_typed_name(label or "", what="group label", limit=LABEL_LIMIT)


def candidate_groups(groups: Sequence[Group], focus_pref: str | None) -> list[int]:
    """The groups a member may be placed in: those with their focus, else all of them."""
    matching = [g.id for g in groups if focus_pref and g.focus == focus_pref]
    return matching or [g.id for g in groups]


def parse_reminder_hours(text: str) -> tuple[float, ...]:
    """Reminder times before a session, e.g. "24, 1"; InvalidInput when not positive hours."""
    try:
        hours = tuple(sorted({float(p) for p in text.replace(" ", "").split(",") if p}))
    except ValueError:
        hours = ()
    if not hours or any(h <= 0 or h > 24 * 7 for h in hours) or len(hours) > 4:
        raise InvalidInput(
            "Give up to four reminder times in hours before the session, separated by commas, "
            "for example `24, 1`."
        )
    return tuple(reversed(hours))


def group_channel_name(cohort_name: str, group: Group) -> str:
    """The group's channel name (Discord lower-cases and hyphenates it)."""
    focus = group.label or FOCUSES[group.focus]
    return f"group-{group.number}-{focus}"[:100]


def group_voice_name(cohort_name: str, group: Group) -> str:
    """The group's voice channel name: the text channel's as Discord shows it (the sidebar's
    speaker icon tells them apart). Discord keeps voice names as given, so hyphenate here."""
    return "-".join(group_channel_name(cohort_name, group).lower().split())[:100]


def current_week(sessions: Sequence[object], now: dt.datetime) -> int:
    """The first session week that has not started yet (joiners count from there)."""
    for s in sessions:
        if s.starts_at > now:  # type: ignore[attr-defined]
            return int(s.week)  # type: ignore[attr-defined]
    return len(sessions) + 1


def focus_from(text: str) -> str | None:
    """The focus a member wrote in the intake form (a label, a value or a hint), if any."""
    cleaned = text.strip().lower().replace("-", " ").replace("_", " ")
    if not cleaned:
        return None
    for value, label in FOCUSES.items():
        if cleaned in (value.replace("_", " "), label) or label.startswith(cleaned):
            return value
    if "newly" in cleaned or "diagnos" in cleaned:
        return "newly_diagnosed"
    if "progress" in cleaned:
        return "progression"
    # The form's placeholder in Spanish and Hindi names the focuses in those words (issue 15).
    for value, words in _FOCUS_WORDS.items():
        if any(word in cleaned for word in words):
            return value
    return None


# Spanish and Hindi words for the focuses, as the translated form suggests them (lower case).
_FOCUS_WORDS = {
    "newly_diagnosed": ("recién", "recien", "नया", "नए", "निदान"),
    "progression": ("progres", "प्रगति"),
    "affinity": ("afinidad", "पहचान"),
    "general": ("सामान्य",),
}


def check_language(code: str | None) -> str | None:
    """A group's language from a command's choices (None: not set, the server's language)."""
    if code is None:
        return None
    if code not in LANGUAGES:
        raise InvalidInput(f"Choose a language: {', '.join(ENGLISH_NAMES.values())}.")
    return code


@dataclass(frozen=True)
class LanguageFit:
    """Which groups suit a member's languages (issue 15).

    ``first``: groups in their first language; ``fallback``: groups in another language they
    named (tried only when the first have no room); ``waits_for``: the language they wait for
    when no group has room (None: any, the cohort's groups have no languages).
    """

    first: tuple[Group, ...]
    fallback: tuple[Group, ...]
    waits_for: str | None


def fit_language(groups: Sequence[Group], wanted: Sequence[str], server: str) -> LanguageFit:
    """The groups a member may be placed in by language. A group without a language is in the
    server's. While no group of the cohort has a language, languages don't restrict placement
    (every group is a first choice), as before groups had languages."""
    if not wanted or all(g.language is None for g in groups):
        return LanguageFit(tuple(groups), (), None)

    def spoken(group: Group) -> str:
        return group.language or server

    first = tuple(g for g in groups if spoken(g) == wanted[0])
    fallback = tuple(g for code in wanted[1:] for g in groups if spoken(g) == code)
    return LanguageFit(first, fallback, wanted[0])

"""Cohorts: the programme, its groups, sessions and enrolments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Cohort:
    """A 12-week (configurable) programme of weekly sessions."""

    id: int
    guild_id: int
    name: str
    state: str
    start_date: dt.date
    weeks: int
    weekday: int
    local_time: dt.time
    timezone: str
    length_minutes: int
    group_cap: int
    between_mode: str
    reminder_hours: tuple[float, ...]
    skipped_slots: frozenset[int]
    category_id: int | None
    created_by: int | None
    created_at: dt.datetime


@dataclass(frozen=True)
class Group:
    """One group of a cohort, with its focus, moderator and private text and voice channels."""

    id: int
    cohort_id: int
    number: int
    focus: str
    label: str | None
    moderator_id: int | None
    channel_id: int | None
    voice_channel_id: int | None
    language: str | None = None  # 'en', 'es', 'hi'; None: not set (the server's language)


@dataclass(frozen=True)
class Enrolment:
    """A member's place in a cohort: enrolled in a group, waitlisted, or left."""

    id: int
    cohort_id: int
    user_id: int
    group_id: int | None
    status: str
    joined_week: int
    focus_pref: str | None
    timezone_pref: str | None
    checkins: bool
    language: str | None
    consent_at: dt.datetime | None
    queued_at: dt.datetime
    wait_language: str | None = None  # the language a waitlisted member waits for (None: any)


@dataclass(frozen=True)
class SessionRow:
    """One stored session of a cohort."""

    id: int
    cohort_id: int
    week: int
    slot: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    event_id: int | None
    event_status: str | None


@dataclass(frozen=True)
class NewSession:
    """A session to store (from ``schedule.build_sessions``)."""

    week: int
    slot: int
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class NewGroup:
    """A group to create with its cohort."""

    focus: str
    label: str | None
    moderator_id: int | None
    language: str | None = None

"""Shared test data: the rows a test needs, in one line, with defaults that say nothing.

The ``make_*`` builders write through the real repositories, so what they store is what Kindred
itself would store; a test passes only what its behaviour depends on and leaves the rest to the
defaults. The ``a_*`` / ``an_*`` builders make a frozen model without a database, for pure
functions (policy, messages).

Defaults are the same everywhere: server ``GUILD``, the fixtures' clock start ``START`` (a
Monday), a first session the next evening in New York.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import asyncpg

from cogs.crisis.service import CrisisService
from cogs.utils.clock import Clock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models.cohorts import Cohort, Enrolment, Group, NewGroup, NewSession
from db.models.crisis import CrisisCase
from db.models.guidelines import HiddenMessage, Infraction
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guidelines import GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.rows import written
from tests.backends import POSTGRESQL, dialect
from tests.conftest import START

if TYPE_CHECKING:
    from bot import DataFiles

GUILD = 1
CREATOR = 2
# Tuesday 6 October 2026, 18:00 in New York: the day after START.
FIRST_SESSION = dt.datetime(2026, 10, 6, 22, 0, tzinfo=dt.UTC)


# --- cohorts ---------------------------------------------------------------------------------


def weekly_sessions(
    first: dt.datetime = FIRST_SESSION, weeks: int = 12, *, minutes: int = 60
) -> list[NewSession]:
    """One session a week from ``first``: week ``w`` in slot ``w``."""
    return [
        NewSession(
            week,
            week,
            first + dt.timedelta(weeks=week - 1),
            first + dt.timedelta(weeks=week - 1, minutes=minutes),
        )
        for week in range(1, weeks + 1)
    ]


async def make_cohort(
    db: Database,
    *,
    members: Iterable[int] = (),
    name: str = "Autumn",
    guild_id: int = GUILD,
    state: str = "draft",
    weeks: int = 12,
    sessions: Sequence[NewSession] | None = None,
    groups: Sequence[NewGroup] = (NewGroup("general", None, None),),
    group_cap: int = 10,
    timezone: str = "America/New_York",
    reminder_hours: Sequence[float] = (24, 1),
    created_by: int = CREATOR,
    now: dt.datetime = START,
) -> Cohort:
    """A cohort with its groups and sessions (weekly from ``FIRST_SESSION`` unless given).

    ``members`` are enrolled, with consent, in the first group, in order; ``state`` other than
    ``draft`` is set directly (no channels, no jobs: this is data, not the use case).
    """
    repo = CohortRepository(db)
    cohort = await repo.create(
        guild_id=guild_id,
        name=name,
        start_date=FIRST_SESSION.date(),
        weeks=weeks,
        weekday=FIRST_SESSION.weekday(),
        local_time=dt.time(18, 0),
        timezone=timezone,
        length_minutes=60,
        group_cap=group_cap,
        between_mode="closed",
        reminder_hours=reminder_hours,
        groups=groups,
        sessions=weekly_sessions(weeks=weeks) if sessions is None else sessions,
        created_by=created_by,
        now=now,
    )
    for user_id in members:
        await make_enrolment(db, cohort, user_id, now=now)
    if state != cohort.state:
        await repo.set_state(cohort.id, cohort.state, state, now)
    return written(await repo.get(cohort.id), f"cohort {cohort.id}")


async def make_group(
    db: Database,
    cohort: Cohort,
    *,
    focus: str = "general",
    label: str | None = None,
    moderator_id: int | None = None,
    now: dt.datetime = START,
) -> Group:
    """Another group at the end of the cohort's list."""
    return await CohortRepository(db).add_group(
        cohort.id, NewGroup(focus, label, moderator_id), now
    )


async def make_enrolment(
    db: Database,
    cohort: Cohort,
    user_id: int,
    *,
    group: Group | None = None,
    checkins: bool = False,
    consent: bool = True,
    now: dt.datetime = START,
) -> Enrolment:
    """The member placed in ``group`` (the cohort's first by default), or waitlisted when full."""
    repo = CohortRepository(db)
    target = group or (await repo.groups(cohort.id))[0]
    return await repo.place(
        cohort_id=cohort.id,
        user_id=user_id,
        candidates=[target.id],
        cap=cohort.group_cap,
        joined_week=1,
        focus_pref=None,
        timezone_pref=None,
        checkins=checkins,
        language=None,
        consent=consent,
        enrolled_by=None,
        now=now,
    )


# --- guidelines ------------------------------------------------------------------------------


async def make_hidden(
    db: Database,
    message_id: int,
    *,
    outcome: str = "hidden",
    guild_id: int = GUILD,
    channel_id: int = 10,
    user_id: int = 20,
    label: str = "toxic",
    rule: str = "toxic.insult",
    content: str = "words for moderators only",
    points: int = 2,
    reason: str = "Insults hurt.",
    now: dt.datetime = START,
    lasts: dt.timedelta = dt.timedelta(days=30),
) -> tuple[HiddenMessage, Infraction]:
    """A message Kindred hid: the kept copy, its infraction, its hit and its audit line."""
    done = await GuidelineRepository(db).hide_message(
        guild_id=guild_id,
        channel_id=channel_id,
        user_id=user_id,
        message_id=message_id,
        label=label,
        rule=rule,
        content=content,
        points=points,
        reason=reason,
        now=now,
        expires_at=now + lasts,
        outcome=outcome,
    )
    return written(done, f"the hide of message {message_id}")


def an_infraction(**fields: Any) -> Infraction:
    """A moderator's warning (override any field); ``pardoned=True`` pardons it at ``created_at``."""
    pardoned = fields.pop("pardoned", False)
    created = fields.get("created_at", START)
    values: dict[str, Any] = {
        "id": 1,
        "guild_id": GUILD,
        "user_id": 20,
        "kind": "warn",
        "label": None,
        "points": 1,
        "reason": "r",
        "actor_id": 3,
        "duration_min": None,
        "created_at": created,
        "expires_at": created + dt.timedelta(days=30),
        "pardoned_by": None,
        "pardoned_at": None,
        "pardon_reason": None,
    }
    if pardoned:
        values.update(pardoned_by=3, pardoned_at=created, pardon_reason="p")
    values.update(fields)
    return Infraction(**values)


def a_hidden_message(**fields: Any) -> HiddenMessage:
    """The kept copy of a hidden message (override any field)."""
    values: dict[str, Any] = {
        "id": 1,
        "guild_id": GUILD,
        "channel_id": 10,
        "user_id": 20,
        "message_id": 100,
        "label": "toxic",
        "rule": "toxic.insult",
        "content": "words for moderators only",
        "infraction_id": 1,
        "hidden_at": START,
        "purged_at": None,
    }
    values.update(fields)
    return HiddenMessage(**values)


# --- crisis ----------------------------------------------------------------------------------


async def make_case(
    db: Database,
    *,
    user_id: int,
    level: str = "urgent",
    guild_id: int = GUILD,
    channel_id: int | None = 10,
    message_id: int | None = None,
    source: str = "message",
    rules: tuple[str, ...] = (),
    reason: str = "",
    excerpt: str | None = None,
    now: dt.datetime = START,
) -> CrisisCase:
    """An open crisis case with its first event (no delivery steps: nothing is scheduled)."""
    case = await CrisisRepository(db).open_case(
        guild_id=guild_id,
        user_id=user_id,
        channel_id=channel_id,
        message_id=message_id,
        source=source,
        level=level,
        rules=rules,
        reason=reason,
        excerpt=excerpt,
        now=now,
    )
    return written(case, f"a case for member {user_id}")


# --- faults ----------------------------------------------------------------------------------

REFUSED = "the audit log refused the line, a test fault"


# What a refused write raises: SQLite's RAISE(ABORT) or PostgreSQL's RAISE EXCEPTION.
REFUSAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, asyncpg.PostgresError)


async def refuse_writes(db: Database, table: str, event: str, message: str) -> None:
    """From now on every ``event`` (INSERT or UPDATE) on ``table`` fails with ``message``.

    A trigger on either backend; the error is one of ``REFUSAL_ERRORS``. ``table``, ``event``
    and ``message`` are the test's own constants (no quotes in them).
    """
    name = f"refuse_{table}_{event.lower()}"
    if dialect(db) == POSTGRESQL:
        await db.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
            f" AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        await db.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
    else:
        await db.execute(
            f"CREATE TEMP TRIGGER {name} BEFORE {event} ON {table}"
            f" BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


async def refuse_audit_lines(db: Database) -> None:
    """From now on every audit insert fails (one of ``REFUSAL_ERRORS``), as a full disk would.

    A change written in the same unit of work as its audit line must then roll back with it.
    """
    await refuse_writes(db, "audit_log", "INSERT", REFUSED)


def crisis_service(
    db: Database,
    clock: Clock,
    data: DataFiles,
    *,
    jobs: JobScheduler | None = None,
    settings: GuildSettingsRepository | None = None,
) -> CrisisService:
    """The crisis lane's service on ``db``, built as bot.py builds it, with the shipped data."""
    return CrisisService(
        CrisisRepository(db),
        MemberSettingsRepository(db),
        CohortRepository(db),
        settings or GuildSettingsRepository(db),
        jobs or JobScheduler(JobRepository(db), clock),
        clock,
        data.helplines,
        (data.crisis, data.guidelines),
        retention_days=30,
    )

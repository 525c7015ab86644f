"""Cohorts and their groups: the programme, its schedule, its groups' channels, its themes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from db.database import Connection, Database
from db.models import AuditNote
from db.models.cohorts import Cohort, Group, NewGroup, NewSession
from db.repositories._sql import insert_returning_id
from db.repositories.audit import AuditRepository
from db.rows import from_row, written
from db.timefmt import to_db

# The cohort columns an edit may change (they become SQL column names: only these, ever).
EDITABLE_COLUMNS = frozenset(
    {
        "name",
        "start_date",
        "weeks",
        "weekday",
        "local_time",
        "timezone",
        "length_minutes",
        "group_cap",
        "between_mode",
        "reminder_hours",
        "skipped_slots",
    }
)

T = TypeVar("T")


class ProgrammeRepository:
    """Reads and writes ``cohorts``, ``cohort_groups`` and ``cohort_themes``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- cohorts -----------------------------------------------------------------------------

    async def create(
        self,
        *,
        guild_id: int,
        name: str,
        start_date: dt.date,
        weeks: int,
        weekday: int,
        local_time: dt.time,
        timezone: str,
        length_minutes: int,
        group_cap: int,
        between_mode: str,
        reminder_hours: Sequence[float],
        groups: Sequence[NewGroup],
        sessions: Sequence[NewSession],
        created_by: int,
        now: dt.datetime,
        audit: Callable[[Cohort], AuditNote] | None = None,
    ) -> Cohort:
        """Write a draft cohort, its groups, its sessions and its audit line in one unit of work.

        ``audit`` makes the audit line from the stored cohort (its id is known only then).
        """
        async with self.db.transaction() as conn:
            new_id = await insert_returning_id(
                conn,
                "INSERT INTO cohorts (guild_id, name, start_date, weeks, weekday, local_time,"
                " timezone, length_minutes, group_cap, between_mode, reminder_hours,"
                " created_by, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    guild_id,
                    name,
                    start_date.isoformat(),
                    weeks,
                    weekday,
                    local_time.strftime("%H:%M"),
                    timezone,
                    length_minutes,
                    group_cap,
                    between_mode,
                    _csv(_hours(h) for h in reminder_hours),
                    created_by,
                    to_db(now),
                    to_db(now),
                ),
            )
            cohort_id = written(new_id, "cohort")
            for number, group in enumerate(groups, start=1):
                await conn.execute(
                    "INSERT INTO cohort_groups (cohort_id, number, focus, label, moderator_id)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (cohort_id, number, group.focus, group.label, group.moderator_id),
                )
                await _set_language(conn, cohort_id, number, group.language)
            await _insert_sessions(conn, cohort_id, sessions)
            if audit is not None:
                cohort = await _read(conn, Cohort, "cohorts", cohort_id)
                await AuditRepository.insert(conn, audit(cohort), now)
        return written(await self.get(cohort_id), f"cohort {cohort_id}")

    async def get(self, cohort_id: int) -> Cohort | None:
        """One cohort by id."""
        row = await self.db.fetchone("SELECT * FROM cohorts WHERE id = ?", (cohort_id,))
        return None if row is None else from_row(Cohort, row)

    async def by_name(self, guild_id: int, name: str) -> Cohort | None:
        """A server's cohort by name (case-insensitive, as the unique index on it).

        ``NOCASE`` is SQLite's own collation; the PostgreSQL baseline defines one of that name.
        """
        row = await self.db.fetchone(
            "SELECT * FROM cohorts WHERE guild_id = ? AND name = ? COLLATE NOCASE",
            (guild_id, name.strip()),
        )
        return None if row is None else from_row(Cohort, row)

    async def live_guild_ids(self) -> list[int]:
        """The servers with an enrolling or running cohort, wherever they are held."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT guild_id FROM cohorts WHERE state IN ('enrolling', 'running')"
            " ORDER BY guild_id"
        )
        return [int(r[0]) for r in rows]

    async def in_guild(self, guild_id: int) -> list[Cohort]:
        """Every cohort of a server, newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM cohorts WHERE guild_id = ? ORDER BY id DESC", (guild_id,)
        )
        return [from_row(Cohort, r) for r in rows]

    async def set_state(
        self,
        cohort_id: int,
        expected: str,
        new: str,
        now: dt.datetime,
        *,
        audit: AuditNote | None = None,
    ) -> bool:
        """Move a cohort on, with ``audit`` in the same unit of work; False (and no audit line)
        when someone else moved it first."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE cohorts SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                (new, to_db(now), cohort_id, expected),
            )
            if cursor.rowcount != 1:
                return False
            if audit is not None:
                await AuditRepository.insert(conn, audit, now)
        return True

    async def update_schedule(
        self,
        cohort_id: int,
        *,
        fields: dict[str, object],
        now: dt.datetime,
        replan: Callable[[Cohort], Sequence[NewSession]] | None = None,
        audit: AuditNote | None = None,
    ) -> None:
        """Change a cohort's settings and, with ``replan``, its future sessions, in one unit of work.

        ``replan`` gives the sessions the changed cohort should have (it sees the new settings).
        Sessions already held or open keep their rows; the scheduled ones are rewritten in
        place (same ids, so their jobs and events stay keyed the same). ``audit`` is written in
        the same unit of work, so no crash can leave new settings with old sessions, or either
        without its audit line.
        """
        unknown = sorted(set(fields) - EDITABLE_COLUMNS)
        if unknown:
            # The keys become SQL column names below: never let an unlisted one through.
            raise ValueError(f"not an editable cohort column: {', '.join(unknown)}")
        async with self.db.transaction() as conn:
            if fields:
                assignments = ", ".join(f"{key} = ?" for key in fields)
                await conn.execute(
                    f"UPDATE cohorts SET {assignments}, updated_at = ? WHERE id = ?",
                    (*fields.values(), to_db(now), cohort_id),
                )
            if replan is not None:
                sessions = replan(await _read(conn, Cohort, "cohorts", cohort_id))
                await conn.execute(
                    "DELETE FROM cohort_sessions WHERE cohort_id = ? AND week > ?"
                    " AND status = 'scheduled'",
                    (cohort_id, len(sessions)),
                )
                for s in sessions:
                    await conn.execute(
                        "INSERT INTO cohort_sessions (cohort_id, week, slot, starts_at, ends_at)"
                        " VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (cohort_id, week) DO UPDATE SET slot = excluded.slot,"
                        "   starts_at = excluded.starts_at, ends_at = excluded.ends_at"
                        " WHERE cohort_sessions.status = 'scheduled'",
                        (cohort_id, s.week, s.slot, to_db(s.starts_at), to_db(s.ends_at)),
                    )
            if audit is not None:
                await AuditRepository.insert(conn, audit, now)

    async def set_category(self, cohort_id: int, category_id: int) -> None:
        """Remember the cohort's Discord category."""
        await self.db.execute(
            "UPDATE cohorts SET category_id = ? WHERE id = ?", (category_id, cohort_id)
        )

    # --- groups ------------------------------------------------------------------------------

    async def groups(self, cohort_id: int) -> list[Group]:
        """A cohort's groups in order."""
        rows = await self.db.fetchall(
            "SELECT * FROM cohort_groups WHERE cohort_id = ? ORDER BY number", (cohort_id,)
        )
        return [from_row(Group, r) for r in rows]

    async def group(self, group_id: int) -> Group | None:
        """One group by id."""
        row = await self.db.fetchone("SELECT * FROM cohort_groups WHERE id = ?", (group_id,))
        return None if row is None else from_row(Group, row)

    async def group_by_channel(self, channel_id: int) -> Group | None:
        """The group whose private channel this is."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_groups WHERE channel_id = ?", (channel_id,)
        )
        return None if row is None else from_row(Group, row)

    async def group_by_voice_channel(self, channel_id: int) -> Group | None:
        """The group whose private voice channel this is (one index lookup)."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_groups WHERE voice_channel_id = ?", (channel_id,)
        )
        return None if row is None else from_row(Group, row)

    async def group_channel_ids(self) -> tuple[set[int], set[int]]:
        """Every group's text channel and voice channel ids (for the listeners' index)."""
        rows = await self.db.fetchall(
            "SELECT channel_id, voice_channel_id FROM cohort_groups"
            " WHERE channel_id IS NOT NULL OR voice_channel_id IS NOT NULL"
        )
        text = {int(r["channel_id"]) for r in rows if r["channel_id"] is not None}
        voice = {int(r["voice_channel_id"]) for r in rows if r["voice_channel_id"] is not None}
        return text, voice

    async def live_group_channels(self, guild_id: int) -> set[int]:
        """The text channels of the server's enrolling and running cohorts' groups."""
        rows = await self.db.fetchall(
            "SELECT g.channel_id FROM cohort_groups g JOIN cohorts c ON c.id = g.cohort_id"
            " WHERE c.guild_id = ? AND c.state IN ('enrolling', 'running')"
            " AND g.channel_id IS NOT NULL",
            (guild_id,),
        )
        return {int(r["channel_id"]) for r in rows}

    async def add_group(
        self,
        cohort_id: int,
        group: NewGroup,
        now: dt.datetime,
        *,
        audit: Callable[[Group], AuditNote] | None = None,
    ) -> Group:
        """Add a group at the end of a cohort's list, with its audit line in one unit of work.

        ``audit`` makes the line from the stored group (its number is known only then).
        """
        async with self.db.transaction() as conn:
            group_id = written(
                await insert_returning_id(
                    conn,
                    "INSERT INTO cohort_groups (cohort_id, number, focus, label, moderator_id)"
                    " SELECT ?, coalesce(max(number), 0) + 1, ?, ?, ? FROM cohort_groups"
                    " WHERE cohort_id = ? RETURNING id",
                    (cohort_id, group.focus, group.label, group.moderator_id, cohort_id),
                ),
                "cohort group",
            )
            if group.language is not None:
                await conn.execute(
                    "UPDATE cohort_groups SET language = ? WHERE id = ?", (group.language, group_id)
                )
            if audit is not None:
                stored = await _read(conn, Group, "cohort_groups", group_id)
                await AuditRepository.insert(conn, audit(stored), now)
        return written(await self.group(group_id), f"cohort group {group_id}")

    async def set_group_channel(self, group_id: int, channel_id: int) -> None:
        """Remember a group's private channel."""
        await self.db.execute(
            "UPDATE cohort_groups SET channel_id = ? WHERE id = ?", (channel_id, group_id)
        )

    async def set_group_voice_channel(self, group_id: int, channel_id: int) -> None:
        """Remember a group's private voice channel."""
        await self.db.execute(
            "UPDATE cohort_groups SET voice_channel_id = ? WHERE id = ?", (channel_id, group_id)
        )

    # --- themes ------------------------------------------------------------------------------

    async def theme_overrides(self, cohort_id: int) -> dict[int, str]:
        """A cohort's own themes by week."""
        rows = await self.db.fetchall(
            "SELECT week, theme FROM cohort_themes WHERE cohort_id = ?", (cohort_id,)
        )
        return {r["week"]: r["theme"] for r in rows}

    async def set_theme(
        self,
        cohort_id: int,
        week: int,
        theme: str,
        now: dt.datetime,
        *,
        audit: AuditNote | None = None,
    ) -> None:
        """Replace one week's theme for a cohort, with ``audit`` in the same unit of work."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO cohort_themes (cohort_id, week, theme) VALUES (?, ?, ?)"
                " ON CONFLICT (cohort_id, week) DO UPDATE SET theme = excluded.theme",
                (cohort_id, week, theme),
            )
            if audit is not None:
                await AuditRepository.insert(conn, audit, now)


async def _insert_sessions(
    conn: Connection, cohort_id: int, sessions: Sequence[NewSession]
) -> None:
    for s in sessions:
        await conn.execute(
            "INSERT INTO cohort_sessions (cohort_id, week, slot, starts_at, ends_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (cohort_id, s.week, s.slot, to_db(s.starts_at), to_db(s.ends_at)),
        )


async def _read(conn: Connection, cls: type[T], table: str, row_id: int) -> T:
    """The row ``row_id`` of ``table`` as ``cls``, read inside the unit of work that wrote it.

    ``table`` is a constant of this module, never user input.
    """
    cursor = await conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    return from_row(cls, written(await cursor.fetchone(), f"{table} row {row_id}"))


def _csv(values: Iterable[object]) -> str:
    return ",".join(str(v) for v in values)


def _hours(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


async def _set_language(
    conn: Connection, cohort_id: int, number: int, language: str | None
) -> None:
    # A separate statement, only for a group with a language, so databases from before V21
    # (the migration tests build cohorts on them) are written as they were.
    if language is not None:
        await conn.execute(
            "UPDATE cohort_groups SET language = ? WHERE cohort_id = ? AND number = ?",
            (language, cohort_id, number),
        )

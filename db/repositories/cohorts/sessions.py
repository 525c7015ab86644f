"""A cohort's sessions, the reminders sent for them, attendance and outreach notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from db.database import Database
from db.models.cohorts import SessionRow
from db.rows import from_row
from db.timefmt import to_db


class SessionRepository:
    """Reads and writes ``cohort_sessions``, ``cohort_reminders_sent``, ``cohort_attendance``,
    ``cohort_absences`` and ``cohort_outreach``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- sessions ----------------------------------------------------------------------------

    async def sessions(self, cohort_id: int) -> list[SessionRow]:
        """A cohort's sessions, week 1 first."""
        rows = await self.db.fetchall(
            "SELECT * FROM cohort_sessions WHERE cohort_id = ? ORDER BY week", (cohort_id,)
        )
        return [from_row(SessionRow, r) for r in rows]

    async def session(self, session_id: int) -> SessionRow | None:
        """One session by id."""
        row = await self.db.fetchone("SELECT * FROM cohort_sessions WHERE id = ?", (session_id,))
        return None if row is None else from_row(SessionRow, row)

    async def guild_sessions_with_events(self, guild_id: int) -> list[SessionRow]:
        """Sessions of a server's live cohorts (for planning events within the cap)."""
        rows = await self.db.fetchall(
            "SELECT s.* FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id"
            " WHERE c.guild_id = ? AND c.state IN ('enrolling', 'running')"
            " ORDER BY s.starts_at, s.id",
            (guild_id,),
        )
        return [from_row(SessionRow, r) for r in rows]

    async def kindred_event_sessions(self, guild_id: int) -> list[SessionRow]:
        """Sessions whose Discord event is still scheduled or active (they use the cap)."""
        rows = await self.db.fetchall(
            "SELECT s.* FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id"
            " WHERE c.guild_id = ? AND s.event_status IN ('scheduled', 'active') ORDER BY s.id",
            (guild_id,),
        )
        return [from_row(SessionRow, r) for r in rows]

    async def set_session_status(self, session_id: int, expected: Sequence[str], new: str) -> bool:
        """Move a session on; False when it was not in one of ``expected``."""
        marks = ", ".join("?" for _ in expected)
        changed = await self.db.execute_rowcount(
            f"UPDATE cohort_sessions SET status = ? WHERE id = ? AND status IN ({marks})",
            (new, session_id, *expected),
        )
        return changed == 1

    async def set_event(self, session_id: int, event_id: int | None, status: str) -> None:
        """Remember a session's Discord event and where it is."""
        await self.db.execute(
            "UPDATE cohort_sessions SET event_id = coalesce(?, event_id), event_status = ?"
            " WHERE id = ?",
            (event_id, status, session_id),
        )

    async def held_count(self, cohort_id: int) -> int:
        """How many sessions have been held."""
        value = await self.db.fetchval(
            "SELECT count(*) FROM cohort_sessions WHERE cohort_id = ? AND status = 'held'",
            (cohort_id,),
        )
        return int(value or 0)

    # --- reminders ---------------------------------------------------------------------------

    async def reminders_sent(self, session_id: int) -> set[int]:
        """Minutes-before of the reminders already sent for a session."""
        rows = await self.db.fetchall(
            "SELECT before_minutes FROM cohort_reminders_sent WHERE session_id = ?",
            (session_id,),
        )
        return {r["before_minutes"] for r in rows}

    async def mark_reminders_sent(
        self, session_id: int, minutes: Iterable[int], now: dt.datetime
    ) -> None:
        """Record reminders as sent (or deliberately passed over)."""
        async with self.db.transaction() as conn:
            for before in minutes:
                await conn.execute(
                    "INSERT INTO cohort_reminders_sent (session_id, before_minutes,"
                    " sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (session_id, before, to_db(now)),
                )

    # --- attendance --------------------------------------------------------------------------

    async def record_attendance(
        self, session_id: int, user_id: int, group_id: int, how: str, now: dt.datetime
    ) -> bool:
        """Note that a member came to a session; False when already noted.

        ``how`` is ``message`` (posted in the group channel) or ``voice`` (joined the group's
        voice channel). One row per member and session, keeping the first time; joining voice
        after posting turns the row into ``voice``, so ``voice`` always means "was in the call".
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO cohort_attendance (session_id, user_id, group_id, how, at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (session_id, user_id, group_id, how, to_db(now)),
            )
            inserted = cursor.rowcount == 1
            if not inserted and how == "voice":
                await conn.execute(
                    "UPDATE cohort_attendance SET how = 'voice'"
                    " WHERE session_id = ? AND user_id = ? AND how <> 'voice'",
                    (session_id, user_id),
                )
        return inserted

    async def attendance(self, cohort_id: int, how: str | None = None) -> dict[int, set[int]]:
        """user id -> the session weeks they attended (only those ``how``, when given)."""
        sql = (
            "SELECT a.user_id, s.week FROM cohort_attendance a"
            " JOIN cohort_sessions s ON s.id = a.session_id WHERE s.cohort_id = ?"
        )
        params: tuple[object, ...] = (cohort_id,)
        if how is not None:
            sql += " AND a.how = ?"
            params = (cohort_id, how)
        rows = await self.db.fetchall(sql, params)
        result: dict[int, set[int]] = {}
        for r in rows:
            result.setdefault(r["user_id"], set()).add(r["week"])
        return result

    # --- "can't make it" ---------------------------------------------------------------------

    async def mark_absent(
        self, session_id: int, user_id: int, reason: str | None, now: dt.datetime
    ) -> bool:
        """Record an excused absence (a new reason replaces the old); True when it is new."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO cohort_absences (session_id, user_id, reason, marked_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (session_id, user_id, reason, to_db(now)),
            )
            new = cursor.rowcount == 1
            if not new:
                await conn.execute(
                    "UPDATE cohort_absences SET reason = coalesce(?, reason)"
                    " WHERE session_id = ? AND user_id = ?",
                    (reason, session_id, user_id),
                )
        return new

    async def unmark_absent(self, session_id: int, user_id: int) -> bool:
        """Take an excused absence back; False when there was none."""
        changed = await self.db.execute_rowcount(
            "DELETE FROM cohort_absences WHERE session_id = ? AND user_id = ?",
            (session_id, user_id),
        )
        return changed == 1

    async def absences(self, cohort_id: int) -> dict[int, set[int]]:
        """user id -> the session weeks they said they can't make (excused)."""
        rows = await self.db.fetchall(
            "SELECT a.user_id, s.week FROM cohort_absences a"
            " JOIN cohort_sessions s ON s.id = a.session_id WHERE s.cohort_id = ?",
            (cohort_id,),
        )
        result: dict[int, set[int]] = {}
        for r in rows:
            result.setdefault(r["user_id"], set()).add(r["week"])
        return result

    async def session_absences(self, session_id: int) -> list[tuple[int, str | None]]:
        """(user id, reason) of everyone excused from a session, in the order they said so."""
        rows = await self.db.fetchall(
            "SELECT user_id, reason FROM cohort_absences WHERE session_id = ?"
            " ORDER BY marked_at, user_id",
            (session_id,),
        )
        return [(int(r["user_id"]), r["reason"]) for r in rows]

    async def mark_outreach(
        self, cohort_id: int, user_id: int, week: int, reason: str, now: dt.datetime
    ) -> bool:
        """Record an outreach note; False when this one was already sent."""
        changed = await self.db.execute_rowcount(
            "INSERT INTO cohort_outreach (cohort_id, user_id, week, reason, sent_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (cohort_id, user_id, week, reason, to_db(now)),
        )
        return changed == 1

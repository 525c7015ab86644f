"""Enrolment: members' places in a cohort's groups, the waitlist, and reminders by DM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db.database import Connection, Database
from db.models import AuditNote
from db.models.cohorts import Enrolment
from db.repositories.audit import AuditRepository
from db.rows import from_row, written
from db.timefmt import to_db


class EnrolmentRepository:
    """Reads and writes ``cohort_enrolments``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def enrolment(self, cohort_id: int, user_id: int) -> Enrolment | None:
        """A member's row in a cohort, whatever its status."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND user_id = ?",
            (cohort_id, user_id),
        )
        return None if row is None else from_row(Enrolment, row)

    async def enrolment_by_id(self, enrolment_id: int) -> Enrolment | None:
        """One row by its id, whatever its status (a job carries only the id)."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_enrolments WHERE id = ?", (enrolment_id,)
        )
        return None if row is None else from_row(Enrolment, row)

    async def enrolments(self, cohort_id: int, status: str | None = None) -> list[Enrolment]:
        """A cohort's rows (optionally of one status), in queue order."""
        if status is None:
            rows = await self.db.fetchall(
                "SELECT * FROM cohort_enrolments WHERE cohort_id = ? ORDER BY queued_at, id",
                (cohort_id,),
            )
        else:
            rows = await self.db.fetchall(
                "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND status = ?"
                " ORDER BY queued_at, id",
                (cohort_id, status),
            )
        return [from_row(Enrolment, r) for r in rows]

    async def members_of(self, group_id: int) -> list[int]:
        """The user ids enrolled in a group."""
        rows = await self.db.fetchall(
            "SELECT user_id FROM cohort_enrolments WHERE group_id = ? AND status = 'enrolled'"
            " ORDER BY id",
            (group_id,),
        )
        return [r["user_id"] for r in rows]

    async def active_for_user(self, guild_id: int, user_id: int) -> list[Enrolment]:
        """A member's enrolled or waitlisted rows in the server's live cohorts."""
        rows = await self.db.fetchall(
            "SELECT e.* FROM cohort_enrolments e JOIN cohorts c ON c.id = e.cohort_id"
            " WHERE c.guild_id = ? AND e.user_id = ? AND e.status IN ('enrolled', 'waitlisted')"
            " AND c.state IN ('draft', 'enrolling', 'running') ORDER BY e.id",
            (guild_id, user_id),
        )
        return [from_row(Enrolment, r) for r in rows]

    async def guilds_with_places(self, user_id: int) -> list[int]:
        """The servers where a member is enrolled or waitlisted in a live cohort."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT c.guild_id FROM cohort_enrolments e JOIN cohorts c ON c.id ="
            " e.cohort_id WHERE e.user_id = ? AND e.status IN ('enrolled', 'waitlisted')"
            " AND c.state IN ('draft', 'enrolling', 'running') ORDER BY c.guild_id",
            (user_id,),
        )
        return [int(r["guild_id"]) for r in rows]

    async def place(
        self,
        *,
        cohort_id: int,
        user_id: int,
        candidates: Sequence[int],
        cap: int,
        joined_week: int,
        focus_pref: str | None,
        timezone_pref: str | None,
        checkins: bool,
        language: str | None,
        consent: bool,
        enrolled_by: int | None,
        now: dt.datetime,
        audit: AuditNote | None = None,
        fallback: Sequence[int] = (),
        wait_language: str | None = None,
    ) -> Enrolment:
        """Put a member in the emptiest candidate group with room, else the emptiest
        ``fallback`` group with room (another language they said is fine), else on the waitlist.

        One unit of work, so two people joining at once cannot both take the last place. A
        waitlisted member waits for the only candidate group, or any (NULL) when several fit,
        and for ``wait_language`` (NULL: any language).
        ``audit`` (a coordinator enrolling someone) is written in the same unit of work.
        """
        async with self.db.transaction() as conn:
            chosen: int | None = None
            for tier in (candidates, fallback):
                best = cap
                for candidate in tier:
                    cursor = await conn.execute(
                        "SELECT count(*) FROM cohort_enrolments"
                        " WHERE group_id = ? AND status = 'enrolled'",
                        (candidate,),
                    )
                    row = await cursor.fetchone()
                    count = int(row[0]) if row else 0
                    if count < best:
                        chosen, best = candidate, count
                if chosen is not None:
                    break
            status = "enrolled" if chosen is not None else "waitlisted"
            group_id: int | None = (
                chosen if chosen is not None else (candidates[0] if len(candidates) == 1 else None)
            )
            await conn.execute(
                "INSERT INTO cohort_enrolments (cohort_id, user_id, group_id, status,"
                " joined_week, focus_pref, timezone_pref, checkins, language, consent_at,"
                " enrolled_by, queued_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (cohort_id, user_id) DO UPDATE SET group_id = excluded.group_id,"
                "   status = excluded.status, joined_week = excluded.joined_week,"
                "   focus_pref = excluded.focus_pref, timezone_pref = excluded.timezone_pref,"
                "   checkins = excluded.checkins, language = excluded.language,"
                "   consent_at = coalesce(excluded.consent_at, cohort_enrolments.consent_at),"
                "   enrolled_by = excluded.enrolled_by, queued_at = excluded.queued_at,"
                "   updated_at = excluded.updated_at",
                (
                    cohort_id,
                    user_id,
                    group_id,
                    status,
                    joined_week,
                    focus_pref,
                    timezone_pref,
                    int(checkins),
                    language,
                    to_db(now) if consent else None,
                    enrolled_by,
                    to_db(now),
                    to_db(now),
                ),
            )
            await _set_wait_language(
                conn, cohort_id, user_id, wait_language if status == "waitlisted" else None
            )
            if audit is not None:
                await AuditRepository.insert(conn, audit, now)
        return written(await self.enrolment(cohort_id, user_id), f"enrolment {cohort_id}/{user_id}")

    async def waitlist_position(self, enrolment: Enrolment) -> int:
        """1 for the first person waiting in the cohort, and so on."""
        value = await self.db.fetchval(
            "SELECT count(*) FROM cohort_enrolments WHERE cohort_id = ? AND status = 'waitlisted'"
            " AND (queued_at < ? OR (queued_at = ? AND id <= ?))",
            (
                enrolment.cohort_id,
                to_db(enrolment.queued_at),
                to_db(enrolment.queued_at),
                enrolment.id,
            ),
        )
        return int(value or 0)

    async def leave_and_promote(
        self, cohort_id: int, user_id: int, joined_week: int, now: dt.datetime
    ) -> tuple[Enrolment | None, Enrolment | None]:
        """Mark a member as left; give a freed group place to the next person waiting for it.

        Returns (the row before leaving, the promoted row or None), in one unit of work.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND user_id = ?"
                " AND status IN ('enrolled', 'waitlisted')",
                (cohort_id, user_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None, None
            before = from_row(Enrolment, row)
            await conn.execute(
                "UPDATE cohort_enrolments SET status = 'left', updated_at = ? WHERE id = ?",
                (to_db(now), before.id),
            )
            promoted_id = None
            if before.status == "enrolled" and before.group_id is not None:
                cursor = await conn.execute(
                    "SELECT id FROM cohort_enrolments WHERE cohort_id = ?"
                    " AND status = 'waitlisted' AND (group_id IS NULL OR group_id = ?)"
                    # Someone waiting for a language takes a place only in a group in it (a
                    # group without a language is in the server's, English when unset).
                    " AND (wait_language IS NULL OR wait_language = ("
                    "   SELECT coalesce(g.language, s.language, 'en') FROM cohort_groups g"
                    "   JOIN cohorts c ON c.id = g.cohort_id"
                    "   LEFT JOIN guild_settings s ON s.guild_id = c.guild_id WHERE g.id = ?))"
                    " ORDER BY queued_at, id LIMIT 1",
                    (cohort_id, before.group_id, before.group_id),
                )
                nxt = await cursor.fetchone()
                if nxt is not None:
                    promoted_id = nxt["id"]
                    await conn.execute(
                        "UPDATE cohort_enrolments SET status = 'enrolled', group_id = ?,"
                        " joined_week = ?, updated_at = ? WHERE id = ?",
                        (before.group_id, joined_week, to_db(now), promoted_id),
                    )
        promoted = None
        if promoted_id is not None:
            row2 = await self.db.fetchone(
                "SELECT * FROM cohort_enrolments WHERE id = ?", (promoted_id,)
            )
            promoted = None if row2 is None else from_row(Enrolment, row2)
        return before, promoted

    async def set_remind_by_dm(self, enrolment_id: int, on: bool) -> None:
        """Whether this member also gets session reminders by DM."""
        await self.db.execute(
            "UPDATE cohort_enrolments SET remind_by_dm = ? WHERE id = ?", (int(on), enrolment_id)
        )

    async def dm_reminder_members(self, cohort_id: int) -> list[int]:
        """Enrolled members of a cohort who asked for reminders by DM."""
        rows = await self.db.fetchall(
            "SELECT user_id FROM cohort_enrolments"
            " WHERE cohort_id = ? AND status = 'enrolled' AND remind_by_dm = 1 ORDER BY id",
            (cohort_id,),
        )
        return [r["user_id"] for r in rows]


async def _set_wait_language(
    conn: Connection, cohort_id: int, user_id: int, language: str | None
) -> None:
    """Record the language a waitlisted member waits for, clearing an old one. Touches the
    column only when there is something to write or clear, so databases from before V21 (the
    migration tests place members on them) are written as they were."""
    cursor = await conn.execute(
        "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND user_id = ?", (cohort_id, user_id)
    )
    row = await cursor.fetchone()
    columns = row.keys() if row is not None else []
    had = row is not None and "wait_language" in columns and row["wait_language"] is not None
    if language is not None or had:
        await conn.execute(
            "UPDATE cohort_enrolments SET wait_language = ? WHERE cohort_id = ? AND user_id = ?",
            (language, cohort_id, user_id),
        )

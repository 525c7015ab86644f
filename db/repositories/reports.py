"""Members' reports of messages (SQL only; the rules live in ``cogs/reports/policy.py``)."""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.models import AuditNote
from db.models.reports import MessageReport
from db.repositories.audit import AuditRepository
from db.rows import from_row
from db.timefmt import to_db

# Every table of this lane that can hold a person's id (for /privacy export and delete).
MEMBER_TABLES: tuple[str, ...] = ("message_reports",)
NO_MEMBER_TABLES: tuple[str, ...] = ()


class ReportRepository:
    """Reads and writes ``message_reports``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def file(
        self,
        *,
        guild_id: int,
        reporter_id: int,
        author_id: int,
        channel_id: int,
        message_id: int,
        reason: str,
        route: str,
        note: str | None,
        excerpt: str | None,
        now: datetime,
        since: datetime,
        limit: int,
    ) -> tuple[MessageReport, bool] | None:
        """Write the report unless the reporter already reported this message (then the first
        report, and False) or has filed ``limit`` reports since ``since`` (then None).

        One unit of work, so two quick presses can neither file twice nor pass the limit.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT * FROM message_reports WHERE message_id = ? AND reporter_id = ?",
                (message_id, reporter_id),
            )
            existing = await cursor.fetchone()
            if existing is not None:
                return from_row(MessageReport, existing), False
            cursor = await conn.execute(
                "SELECT count(*) FROM message_reports WHERE reporter_id = ? AND created_at >= ?",
                (reporter_id, to_db(since)),
            )
            row = await cursor.fetchone()
            if row is not None and int(row[0]) >= limit:
                return None
            cursor = await conn.execute(
                "INSERT INTO message_reports (guild_id, reporter_id, author_id, channel_id,"
                " message_id, reason, route, note, excerpt, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
                (
                    guild_id,
                    reporter_id,
                    author_id,
                    channel_id,
                    message_id,
                    reason,
                    route,
                    note,
                    excerpt,
                    to_db(now),
                ),
            )
            inserted = await cursor.fetchone()
            if inserted is None:  # RETURNING always gives the new row
                raise RuntimeError(f"report on message {message_id} was not written")
            return from_row(MessageReport, inserted), True

    async def get(self, report_id: int) -> MessageReport | None:
        """One report by id."""
        row = await self.db.fetchone("SELECT * FROM message_reports WHERE id = ?", (report_id,))
        return None if row is None else from_row(MessageReport, row)

    async def set_case(self, report_id: int, case_id: int) -> None:
        """Remember which crisis case a "worried" report opened or joined."""
        await self.db.execute(
            "UPDATE message_reports SET case_id = ? WHERE id = ?", (case_id, report_id)
        )

    async def open_queue(self, guild_id: int, limit: int = 20) -> list[MessageReport]:
        """Reports waiting in /mod queue (unkind or private details), oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM message_reports WHERE guild_id = ? AND route = 'queue'"
            " AND reviewed_at IS NULL ORDER BY id LIMIT ?",
            (guild_id, limit),
        )
        return [from_row(MessageReport, r) for r in rows]

    async def review(
        self, guild_id: int, report_id: int, moderator_id: int, note: str, now: datetime
    ) -> bool:
        """Mark a queued report reviewed, with an audit line; False when it is not open here."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE message_reports SET reviewed_by = ?, reviewed_at = ?, review_note = ?"
                " WHERE id = ? AND guild_id = ? AND route = 'queue' AND reviewed_at IS NULL"
                " RETURNING author_id",
                (moderator_id, to_db(now), note, report_id, guild_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return False
            await AuditRepository.insert(
                conn,
                AuditNote(
                    guild_id, moderator_id, "report.review", row["author_id"], f"report {report_id}"
                ),
                now,
            )
            return True

    async def purge_excerpts(self, older_than: datetime) -> int:
        """Erase the copy of every reported message filed before ``older_than``; rows changed."""
        return await self.db.execute_rowcount(
            "UPDATE message_reports SET excerpt = NULL"
            " WHERE excerpt IS NOT NULL AND created_at < ?",
            (to_db(older_than),),
        )

    # --- privacy -------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The reports this person filed (never who reported them: that stays with staff)."""
        rows = await self.db.fetchall(
            "SELECT id, guild_id, channel_id, message_id, reason, route, note, excerpt,"
            " created_at, reviewed_at FROM message_reports WHERE reporter_id = ? ORDER BY id",
            (user_id,),
        )
        return {"message_reports": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """De-identify the person in every report, as reporter, author or reviewer; rows changed.

        The rows stay (a moderator may still need to act on what was reported), without the
        reporter's id and words, or without the author's id and the copy of their message.
        """
        async with self.db.transaction() as conn:
            changed = 0
            for sql in (
                "UPDATE message_reports SET reporter_id = NULL, note = NULL WHERE reporter_id = ?",
                "UPDATE message_reports SET author_id = NULL, excerpt = NULL WHERE author_id = ?",
                "UPDATE message_reports SET reviewed_by = NULL WHERE reviewed_by = ?",
            ):
                cursor = await conn.execute(sql, (user_id,))
                changed += max(cursor.rowcount, 0)
            return changed

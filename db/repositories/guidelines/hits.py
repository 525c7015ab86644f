"""Guideline hits: what matched where (never the text), nudge counts, and /mod queue."""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.models import AuditNote
from db.models.guidelines import ReportedHit
from db.repositories._sql import insert_returning_id
from db.repositories.audit import AuditRepository
from db.rows import from_row, written
from db.timefmt import from_db, to_db

# Hit outcomes that wait in /mod queue until a moderator marks them reviewed: report-only hits,
# hides that failed, and anything where the author may be struggling (hidden or not).
QUEUED_OUTCOMES: tuple[str, ...] = (
    "reported",
    "not_hidden_wellbeing",
    "hidden_wellbeing",
    "hide_failed",
)
_QUEUED = "(" + ", ".join(f"'{o}'" for o in QUEUED_OUTCOMES) + ")"


class GuidelineHitRepository:
    """Reads and writes ``guideline_hits``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def nudge_times(self, guild_id: int, user_id: int, since: datetime) -> list[datetime]:
        """When the member was nudged since ``since`` (for the rate limit)."""
        rows = await self.db.fetchall(
            "SELECT created_at FROM guideline_hits WHERE guild_id = ? AND user_id = ?"
            " AND outcome IN ('nudged_dm', 'nudged_reply') AND created_at >= ?"
            " ORDER BY created_at",
            (guild_id, user_id, to_db(since)),
        )
        return [from_db(r["created_at"]) for r in rows]

    async def record_hit(
        self,
        *,
        guild_id: int,
        channel_id: int | None,
        user_id: int | None,
        message_id: int | None,
        label: str,
        rule: str,
        outcome: str,
        now: datetime,
    ) -> int:
        """Record one hit (no message text); return its id."""
        async with self.db.transaction() as conn:
            hit_id = await insert_returning_id(
                conn,
                "INSERT INTO guideline_hits (guild_id, channel_id, user_id, message_id, label,"
                " rule, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (guild_id, channel_id, user_id, message_id, label, rule, outcome, to_db(now)),
            )
        return written(hit_id, "guideline hit")

    async def set_hit_outcome(self, hit_id: int, outcome: str) -> None:
        """Correct a hit's outcome once delivery is known."""
        await self.db.execute(
            "UPDATE guideline_hits SET outcome = ? WHERE id = ?", (outcome, hit_id)
        )

    async def mark_hide_failed(self, message_id: int) -> None:
        """The message could not be deleted: put its hit in /mod queue for a human."""
        await self.db.execute(
            "UPDATE guideline_hits SET outcome = 'hide_failed'"
            " WHERE message_id = ? AND outcome IN ('hidden', 'hidden_wellbeing')",
            (message_id,),
        )

    async def counts(self, guild_id: int, since: datetime) -> list[tuple[str, str, str, int]]:
        """``(label, rule, outcome, count)`` since ``since``, most frequent first."""
        rows = await self.db.fetchall(
            "SELECT label, rule, outcome, count(*) AS n FROM guideline_hits"
            " WHERE guild_id = ? AND created_at >= ? GROUP BY label, rule, outcome"
            " ORDER BY n DESC, label, rule",
            (guild_id, to_db(since)),
        )
        return [(r["label"], r["rule"], r["outcome"], r["n"]) for r in rows]

    async def open_reports(self, guild_id: int, limit: int = 20) -> list[ReportedHit]:
        """Hits waiting for a moderator (see ``QUEUED_OUTCOMES``), oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guideline_hits WHERE guild_id = ? AND reviewed_at IS NULL"
            f" AND outcome IN {_QUEUED}"
            " ORDER BY id LIMIT ?",
            (guild_id, limit),
        )
        return [from_row(ReportedHit, r) for r in rows]

    async def review_hit(
        self, guild_id: int, hit_id: int, moderator_id: int, note: str, now: datetime
    ) -> bool:
        """Mark a queued hit reviewed; False when there is no such open item."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE guideline_hits SET reviewed_by = ?, reviewed_at = ?, review_note = ?"
                " WHERE id = ? AND guild_id = ? AND reviewed_at IS NULL"
                f" AND outcome IN {_QUEUED}",
                (moderator_id, to_db(now), note, hit_id, guild_id),
            )
            if cursor.rowcount != 1:
                return False
            # The note is about the hit's member, so the entry names them (and goes on erase).
            member = await (
                await conn.execute("SELECT user_id FROM guideline_hits WHERE id = ?", (hit_id,))
            ).fetchone()
            await AuditRepository.insert(
                conn,
                AuditNote(
                    guild_id,
                    moderator_id,
                    "mod.review",
                    member["user_id"] if member else None,
                    f"hit {hit_id}: {note}",
                ),
                now,
            )
        return True

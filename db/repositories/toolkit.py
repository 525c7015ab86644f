"""The IER toolkit: /cope counts (no member id), the opt-in /cope log, weekly good-news threads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db.database import Database
from db.models.toolkit import CopeLogEntry
from db.repositories._sql import insert_returning_id
from db.rows import from_row, written
from db.timefmt import to_db

# Every table of this lane that can hold a member's id (for /privacy export and delete).
MEMBER_TABLES: tuple[str, ...] = ("toolkit_cope_log",)
# Tables of this lane without member data: counts per feeling, and one thread per group and week.
NO_MEMBER_TABLES: tuple[str, ...] = ("toolkit_cope_counts", "toolkit_goodnews_threads")


class ToolkitRepository:
    """Counts, the opt-in log and the weekly threads of the IER toolkit."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- /cope -------------------------------------------------------------------------------

    async def count_feeling(self, guild_id: int, feeling: str, now: dt.datetime) -> None:
        """Add one to today's (UTC) count of ``feeling`` in the server. Nothing about who."""
        day = now.astimezone(dt.UTC).date().isoformat()
        await self.db.execute(
            "INSERT INTO toolkit_cope_counts (guild_id, day, feeling, count) VALUES (?, ?, ?, 1)"
            " ON CONFLICT (guild_id, day, feeling)"
            # Qualified: on PostgreSQL a bare ``count`` could be the new row's (``excluded``).
            " DO UPDATE SET count = toolkit_cope_counts.count + 1",
            (guild_id, day, feeling),
        )

    async def counts(self, guild_id: int, day: dt.date) -> dict[str, int]:
        """Feeling -> how many times it was chosen in the server on ``day`` (UTC)."""
        rows = await self.db.fetchall(
            "SELECT feeling, count FROM toolkit_cope_counts WHERE guild_id = ? AND day = ?",
            (guild_id, day.isoformat()),
        )
        return {r["feeling"]: int(r["count"]) for r in rows}

    async def log_cope(
        self,
        *,
        guild_id: int | None,
        user_id: int,
        feeling: str,
        strategy_ids: Sequence[str],
        now: dt.datetime,
    ) -> int:
        """Keep a /cope answer because the member asked to; return its id."""
        async with self.db.transaction() as conn:
            entry_id = await insert_returning_id(
                conn,
                "INSERT INTO toolkit_cope_log (guild_id, user_id, feeling, strategy_ids,"
                " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                (guild_id, user_id, feeling, ",".join(strategy_ids), to_db(now)),
            )
            return written(entry_id, "cope log entry")

    async def cope_log(self, user_id: int) -> list[CopeLogEntry]:
        """The member's own kept answers, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM toolkit_cope_log WHERE user_id = ? ORDER BY created_at, id",
            (user_id,),
        )
        return [from_row(CopeLogEntry, r) for r in rows]

    # --- weekly good-news threads --------------------------------------------------------------

    async def claim_thread(self, group_id: int, week: int, now: dt.datetime) -> bool:
        """Reserve this group's thread for ``week``; False when it was already reserved."""
        changed = await self.db.execute_rowcount(
            "INSERT INTO toolkit_goodnews_threads (group_id, week, created_at)"
            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (group_id, week, to_db(now)),
        )
        return changed > 0

    async def thread_of(self, group_id: int, week: int) -> int | None:
        """The thread id of a group's week, if one was created."""
        value = await self.db.fetchval(
            "SELECT thread_id FROM toolkit_goodnews_threads WHERE group_id = ? AND week = ?",
            (group_id, week),
        )
        return None if value is None else int(value)

    async def set_thread(self, group_id: int, week: int, thread_id: int) -> None:
        """Record the thread created for a group's week."""
        await self.db.execute(
            "UPDATE toolkit_goodnews_threads SET thread_id = ? WHERE group_id = ? AND week = ?",
            (thread_id, group_id, week),
        )

    # --- privacy -------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The /cope answers the member chose to keep (counts never hold anyone's id)."""
        rows = await self.db.fetchall(
            "SELECT * FROM toolkit_cope_log WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return {"toolkit_cope_log": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """Delete the member's kept /cope answers in one unit of work; rows changed."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM toolkit_cope_log WHERE user_id = ?", (user_id,)
            )
            return max(cursor.rowcount, 0)

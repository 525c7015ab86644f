"""The scheduled-work table. The database is the source of truth; APScheduler is the alarm."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.database import Database
from db.models import Job
from db.rows import from_row, written
from db.timefmt import to_db

# A job points at a row by id (``entity_id``: a case, a hidden message, a session), never at a
# person, so ``jobs`` holds no member data. Erasing a member cancels the pending jobs of the
# rows erased with them: cogs/privacy/service.py lists which job kinds point at which tables.
MEMBER_TABLES: tuple[str, ...] = ()
NO_MEMBER_TABLES: tuple[str, ...] = ("jobs",)


async def upsert_in(conn: Any, kind: str, entity_id: int, due_at: datetime, now: datetime) -> Job:
    """Schedule ``kind:entity_id`` inside the caller's transaction (an outbox step).

    For work that must exist if and only if the row that causes it exists: the crisis case and
    its delivery steps commit together, so no crash can leave one without the other.
    """
    await conn.execute(
        "INSERT INTO jobs (kind, entity_id, due_at, status, created_at)"
        " VALUES (?, ?, ?, 'pending', ?)"
        " ON CONFLICT (kind, entity_id) DO UPDATE SET"
        "   due_at = excluded.due_at, status = 'pending', late = 0, last_error = NULL",
        (kind, entity_id, to_db(due_at), to_db(now)),
    )
    cursor = await conn.execute(
        "SELECT * FROM jobs WHERE kind = ? AND entity_id = ?", (kind, entity_id)
    )
    row = written(await cursor.fetchone(), f"job {kind}:{entity_id}")
    return from_row(Job, row)


class JobRepository:
    """Reads and writes ``jobs``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def upsert(self, kind: str, entity_id: int, due_at: datetime, now: datetime) -> Job:
        """Schedule (or move) the one job for ``kind:entity_id``; it becomes pending again."""
        async with self.db.transaction() as conn:
            return await upsert_in(conn, kind, entity_id, due_at, now)

    async def ensure(self, kind: str, entity_id: int, due_at: datetime, now: datetime) -> Job:
        """Make ``kind:entity_id`` pending at ``due_at`` unless it is pending or running already.

        One statement, so two callers cannot both schedule it; a pending or running job keeps
        its time. A done, failed or cancelled one becomes pending again.
        """
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO jobs (kind, entity_id, due_at, status, created_at)"
                " VALUES (?, ?, ?, 'pending', ?)"
                " ON CONFLICT (kind, entity_id) DO UPDATE SET"
                "   due_at = excluded.due_at, status = 'pending', late = 0, last_error = NULL"
                " WHERE jobs.status NOT IN ('pending', 'running')",
                (kind, entity_id, to_db(due_at), to_db(now)),
            )
            cursor = await conn.execute(
                "SELECT * FROM jobs WHERE kind = ? AND entity_id = ?", (kind, entity_id)
            )
            return from_row(Job, written(await cursor.fetchone(), f"job {kind}:{entity_id}"))

    async def get(self, kind: str, entity_id: int) -> Job | None:
        """The job for ``kind:entity_id``, whatever its status."""
        row = await self.db.fetchone(
            "SELECT * FROM jobs WHERE kind = ? AND entity_id = ?", (kind, entity_id)
        )
        return None if row is None else from_row(Job, row)

    async def pending(self) -> list[Job]:
        """Every pending job, soonest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE status = 'pending' ORDER BY due_at, id"
        )
        return [from_row(Job, r) for r in rows]

    async def pending_count(self) -> int:
        """How many jobs are pending."""
        return int(await self.db.fetchval("SELECT count(*) FROM jobs WHERE status = 'pending'"))

    async def pending_kinds(self) -> list[str]:
        """The kinds that have pending jobs."""
        rows = await self.db.fetchall("SELECT DISTINCT kind FROM jobs WHERE status = 'pending'")
        return [r["kind"] for r in rows]

    async def due(self, now: datetime) -> list[Job]:
        """Pending jobs due at or before ``now``, soonest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id",
            (to_db(now),),
        )
        return [from_row(Job, r) for r in rows]

    async def claim(self, job_id: int, now: datetime, *, late: bool) -> Job | None:
        """Mark a due pending job running and return it as claimed (no second read); None
        when someone else ran, moved or cancelled it."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE jobs SET status = 'running', started_at = ?, attempts = attempts + 1,"
                " late = ? WHERE id = ? AND status = 'pending' AND due_at <= ? RETURNING *",
                (to_db(now), int(late), job_id, to_db(now)),
            )
            row = await cursor.fetchone()
        return None if row is None else from_row(Job, row)

    async def finish(self, job_id: int, now: datetime) -> bool:
        """Mark a running job done; False when its handler rescheduled it (it is pending)."""
        changed = await self.db.execute_rowcount(
            "UPDATE jobs SET status = 'done', finished_at = ? WHERE id = ? AND status = 'running'",
            (to_db(now), job_id),
        )
        return changed == 1

    async def retry(self, job_id: int, due_at: datetime, error: str) -> Job | None:
        """Put a failed run back to pending at ``due_at``, keeping the error; the row as left."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE jobs SET status = 'pending', due_at = ?, last_error = ?"
                " WHERE id = ? AND status = 'running' RETURNING *",
                (to_db(due_at), error, job_id),
            )
            row = await cursor.fetchone()
        return None if row is None else from_row(Job, row)

    async def fail(self, job_id: int, now: datetime, error: str) -> None:
        """Give up on a job after its last attempt."""
        await self.db.execute(
            "UPDATE jobs SET status = 'failed', finished_at = ?, last_error = ?"
            " WHERE id = ? AND status = 'running'",
            (to_db(now), error, job_id),
        )

    async def cancel(self, kind: str, entity_id: int, now: datetime) -> bool:
        """Cancel a pending job; False when there was none pending."""
        changed = await self.db.execute_rowcount(
            "UPDATE jobs SET status = 'cancelled', finished_at = ?"
            " WHERE kind = ? AND entity_id = ? AND status = 'pending'",
            (to_db(now), kind, entity_id),
        )
        return changed == 1

    async def recover_interrupted(self) -> int:
        """Jobs left 'running' by a stop mid-run go back to pending (handlers are idempotent)."""
        return await self.db.execute_rowcount(
            "UPDATE jobs SET status = 'pending' WHERE status = 'running'"
        )

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Nothing: jobs hold row ids, not people (see the note at the top of this module)."""
        return {}

    async def erase_member(self, user_id: int) -> int:
        """Nothing to erase here; the privacy service cancels the member's jobs by entity."""
        return 0

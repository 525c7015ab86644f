"""The scheduled-work table. The database is the source of truth; APScheduler is the alarm."""

from __future__ import annotations

from collections.abc import Sequence
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


def claim_sql(dialect: str) -> str:
    """The claim: one UPDATE of the row a sub-select picks, returning the row as claimed.

    Parameters: now, late, owner, lease_until, job id, now, now. The sub-select takes the job
    when it is due and pending, or running under an expired lease (or none, from before
    leases). On PostgreSQL it locks the row with ``FOR UPDATE SKIP LOCKED``, so a worker never
    waits on a row another is claiming and two workers never both take it; SQLite has one
    writer (``BEGIN IMMEDIATE``), which makes the statement exclusive already, and has no
    such clause.
    """
    lock = " FOR UPDATE SKIP LOCKED" if dialect == "postgresql" else ""
    return (
        "UPDATE jobs SET status = 'running', started_at = ?, attempts = attempts + 1,"
        " late = ?, lease_owner = ?, lease_until = ?"
        " WHERE id = (SELECT id FROM jobs WHERE id = ? AND due_at <= ?"
        " AND (status = 'pending' OR (status = 'running'"
        f" AND (lease_until IS NULL OR lease_until <= ?))){lock})"
        " RETURNING *"
    )


def dialect_of(db: Database) -> str:
    """The database's SQL dialect: "sqlite" or "postgresql" (``Database.dialect`` where the
    backend says; SQLite when it does not)."""
    return str(getattr(db, "dialect", "sqlite"))


async def upsert_in(
    conn: Any,
    kind: str,
    entity_id: int,
    due_at: datetime,
    now: datetime,
    guild_id: int | None = None,
) -> Job:
    """Schedule ``kind:entity_id`` inside the caller's transaction (an outbox step).

    For work that must exist if and only if the row that causes it exists: the crisis case and
    its delivery steps commit together, so no crash can leave one without the other.
    ``guild_id``: the server the job is bound to (see ``Job.guild_id``); None keeps the one
    it had.
    """
    await conn.execute(
        "INSERT INTO jobs (kind, entity_id, due_at, status, created_at, guild_id)"
        " VALUES (?, ?, ?, 'pending', ?, ?)"
        " ON CONFLICT (kind, entity_id) DO UPDATE SET"
        "   due_at = excluded.due_at, status = 'pending', late = 0, last_error = NULL,"
        "   lease_owner = NULL, lease_until = NULL,"
        "   guild_id = COALESCE(excluded.guild_id, jobs.guild_id)",
        (kind, entity_id, to_db(due_at), to_db(now), guild_id),
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

    async def upsert(
        self,
        kind: str,
        entity_id: int,
        due_at: datetime,
        now: datetime,
        guild_id: int | None = None,
    ) -> Job:
        """Schedule (or move) the one job for ``kind:entity_id``; it becomes pending again."""
        async with self.db.transaction() as conn:
            return await upsert_in(conn, kind, entity_id, due_at, now, guild_id)

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
                "   due_at = excluded.due_at, status = 'pending', late = 0, last_error = NULL,"
                "   lease_owner = NULL, lease_until = NULL"
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

    async def claimable(self, now: datetime) -> list[Job]:
        """Jobs a worker may claim at ``now``, soonest first: due pending ones, and running
        ones whose lease has expired (their worker stopped renewing: it died or hangs)."""
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE due_at <= ? AND (status = 'pending' OR"
            " (status = 'running' AND (lease_until IS NULL OR lease_until <= ?)))"
            " ORDER BY due_at, id",
            (to_db(now), to_db(now)),
        )
        return [from_row(Job, r) for r in rows]

    async def expired(self, now: datetime) -> list[Job]:
        """Running jobs whose lease has expired at ``now`` (or that never had one)."""
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE status = 'running'"
            " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, id",
            (to_db(now),),
        )
        return [from_row(Job, r) for r in rows]

    async def claim(
        self, job_id: int, now: datetime, *, late: bool, owner: str, until: datetime
    ) -> Job | None:
        """Claim one job for ``owner`` until ``until`` and return it as claimed (no second read).

        One statement takes the job when it is due and pending, or running under a lease that
        has expired; None when another worker holds it, or it was done, moved or cancelled.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                claim_sql(dialect_of(self.db)),
                (to_db(now), int(late), owner, to_db(until), job_id, to_db(now), to_db(now)),
            )
            row = await cursor.fetchone()
        return None if row is None else from_row(Job, row)

    async def renew(self, job_ids: Sequence[int], owner: str, until: datetime) -> int:
        """Extend ``owner``'s leases on ``job_ids`` to ``until``; how many it still held."""
        if not job_ids:
            return 0
        marks = ", ".join("?" for _ in job_ids)
        return await self.db.execute_rowcount(
            "UPDATE jobs SET lease_until = ?"
            f" WHERE status = 'running' AND lease_owner = ? AND id IN ({marks})",
            (to_db(until), owner, *job_ids),
        )

    async def by_ids(self, job_ids: Sequence[int]) -> list[Job]:
        """The jobs with these ids, whatever their status."""
        if not job_ids:
            return []
        marks = ", ".join("?" for _ in job_ids)
        rows = await self.db.fetchall(
            f"SELECT * FROM jobs WHERE id IN ({marks}) ORDER BY id", tuple(job_ids)
        )
        return [from_row(Job, r) for r in rows]

    async def finish(self, job_id: int, now: datetime, owner: str) -> bool:
        """Mark ``owner``'s running job done; False when its handler rescheduled it (it is
        pending) or another worker took it over (this write must not touch their run)."""
        changed = await self.db.execute_rowcount(
            "UPDATE jobs SET status = 'done', finished_at = ?, lease_until = NULL"
            " WHERE id = ? AND status = 'running' AND lease_owner = ?",
            (to_db(now), job_id, owner),
        )
        return changed == 1

    async def retry(self, job_id: int, due_at: datetime, error: str, owner: str) -> Job | None:
        """Put ``owner``'s failed run back to pending at ``due_at``, keeping the error; the row
        as left, or None when the job is no longer ``owner``'s to retry."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE jobs SET status = 'pending', due_at = ?, last_error = ?,"
                " lease_owner = NULL, lease_until = NULL"
                " WHERE id = ? AND status = 'running' AND lease_owner = ? RETURNING *",
                (to_db(due_at), error, job_id, owner),
            )
            row = await cursor.fetchone()
        return None if row is None else from_row(Job, row)

    async def fail(self, job_id: int, now: datetime, error: str, owner: str) -> bool:
        """Give up on ``owner``'s job after its last attempt; False when it is not theirs."""
        changed = await self.db.execute_rowcount(
            "UPDATE jobs SET status = 'failed', finished_at = ?, last_error = ?,"
            " lease_until = NULL WHERE id = ? AND status = 'running' AND lease_owner = ?",
            (to_db(now), error, job_id, owner),
        )
        return changed == 1

    async def cancel(self, kind: str, entity_id: int, now: datetime) -> bool:
        """Cancel a pending job; False when there was none pending."""
        changed = await self.db.execute_rowcount(
            "UPDATE jobs SET status = 'cancelled', finished_at = ?"
            " WHERE kind = ? AND entity_id = ? AND status = 'pending'",
            (to_db(now), kind, entity_id),
        )
        return changed == 1

    async def running_owners(self) -> list[str]:
        """The workers that hold a running job now (live or expired leases)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT lease_owner FROM jobs"
            " WHERE status = 'running' AND lease_owner IS NOT NULL ORDER BY lease_owner"
        )
        return [r["lease_owner"] for r in rows]

    async def recover_interrupted(self, now: datetime, dead_owners: Sequence[str] = ()) -> int:
        """Jobs left 'running' by a worker that stopped go back to pending (handlers are
        idempotent): those whose lease expired by ``now``, those from before leases (no
        owner), and those of ``dead_owners`` (workers known to be gone). A job another worker
        holds under a live lease is left alone."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL"
                " WHERE status = 'running'"
                " AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until <= ?)",
                (to_db(now),),
            )
            recovered = cursor.rowcount
            for owner in dead_owners:
                cursor = await conn.execute(
                    "UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL"
                    " WHERE status = 'running' AND lease_owner = ?",
                    (owner,),
                )
                recovered += cursor.rowcount
        return int(recovered)

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Nothing: jobs hold row ids, not people (see the note at the top of this module)."""
        return {}

    async def erase_member(self, user_id: int) -> int:
        """Nothing to erase here; the privacy service cancels the member's jobs by entity."""
        return 0

"""Start-up cost of the job scheduler with 1,000 cohorts (12,000 sessions) in the database.

Each session has three jobs (reminder, start, end), so 36,000 pending rows. The benchmark
times ``JobScheduler.start()`` with a real APScheduler AsyncIOScheduler: reading the table and
arming the alarms. Target: under one second.

    python -m bench.bench_scheduler
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.migrate import migrate
from db.models import Job
from db.repositories.jobs import JobRepository
from db.timefmt import to_db

COHORTS = 1_000
SESSIONS = 12
KINDS = ("cohort_reminder", "cohort_session_start", "cohort_session_end")
TARGET_SECONDS = 1.0


async def _noop(job: Job) -> None:
    return None


async def seed(db: Database, now: dt.datetime) -> int:
    """Insert the pending jobs of 1,000 12-week cohorts spread over the coming months."""
    rows = []
    for cohort in range(COHORTS):
        # Spread over 60 days, so some sessions are minutes away and a few reminders overdue.
        first = now + dt.timedelta(minutes=5 + (cohort * 131) % (60 * 24 * 60))
        for week in range(SESSIONS):
            session_id = cohort * SESSIONS + week + 1
            start = first + dt.timedelta(weeks=week)
            for kind, offset in zip(KINDS, (-1, 0, 1), strict=True):
                due = start + dt.timedelta(hours=offset)
                rows.append((kind, session_id, to_db(due), to_db(now)))
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO jobs (kind, entity_id, due_at, status, created_at)"
            " VALUES (?, ?, ?, 'pending', ?)",
            rows,
        )
    return len(rows)


async def one_start(path: Path, now: dt.datetime) -> tuple[float, int, int]:
    """Open the database as a restarted bot would and time the scheduler's start."""
    db = Database(path)
    await db.connect()
    alarm = AsyncIOScheduler(timezone=dt.UTC)
    scheduler = JobScheduler(JobRepository(db), FakeClock(now), alarm)
    for kind in KINDS:
        scheduler.register(kind, _noop)
    began = time.perf_counter()
    pending = await scheduler.start()
    elapsed = time.perf_counter() - began
    armed = len(alarm.get_jobs())
    await scheduler.shutdown()
    await db.close()
    return elapsed, pending, armed


async def main() -> int:
    """Seed once, then time five restarts over the same file."""
    # The real time: APScheduler's alarms use the wall clock, so the data must be in the future.
    now = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = Database(path)
        await db.connect()
        await migrate(db)
        count = await seed(db, now)
        await db.close()
        runs = [await one_start(path, now) for _ in range(5)]
    times = [r[0] for r in runs]
    best, median = min(times), statistics.median(times)
    _, pending, armed = runs[0]
    print(f"{COHORTS} cohorts, {COHORTS * SESSIONS} sessions, {count} pending jobs")
    print(f"scheduler start: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms (5 runs)")
    print(f"alarms armed: {armed} of {pending} pending jobs (the near-term window + refill)")
    ratio = median / TARGET_SECONDS
    verdict = "ok" if median < TARGET_SECONDS else "MISS"
    print(f"median / target ({TARGET_SECONDS:.0f} s): {ratio:.2f}  {verdict}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))

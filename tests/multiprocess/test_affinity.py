"""Jobs bound to a server run only in a process whose shards hold it; the rest run anywhere.

Two schedulers on two ``Database`` objects on one database stand for two processes: one runs
shard 0 of 2, the other shard 1 of 2 (``cogs/utils/shards.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from cogs.cohorts.curriculum import DEFAULT_PATH, load_curriculum
from cogs.cohorts.sessions import REMINDER, SESSION_END, SESSION_START, SessionService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from cogs.utils.shards import ShardPlan, shard_of
from db.database import Database
from db.migrate import open_database
from db.models import Job
from db.repositories.cohorts import CohortRepository
from db.repositories.jobs import JobRepository
from tests.builders import make_cohort

COUNT = 2
ON_SHARD_0 = 0 << 22  # (guild_id >> 22) % 2 == 0
ON_SHARD_1 = 1 << 22


@pytest.fixture
async def two(db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first = await open_database(db_url)
    second = await open_database(db_url)
    yield first, second
    await second.close()
    await first.close()


class Process:
    """A scheduler that records which jobs it ran."""

    def __init__(self, db: Database, clock: FakeClock, shards: ShardPlan | None) -> None:
        self.ran: list[str] = []
        self.jobs = JobScheduler(JobRepository(db), clock, shards=shards)
        for kind in ("session_start", "crisis_alert"):
            self.jobs.register(kind, self._handle)

    async def _handle(self, job: Job) -> None:
        self.ran.append(job.key)


def test_the_guilds_are_on_the_shards_the_test_says() -> None:
    assert shard_of(ON_SHARD_0, COUNT) == 0
    assert shard_of(ON_SHARD_1 + 12345, COUNT) == 1


async def test_a_bound_job_runs_only_where_its_server_is(
    two: tuple[Database, Database], clock: FakeClock
) -> None:
    a, b = two
    first = Process(a, clock, ShardPlan((0,), COUNT))
    second = Process(b, clock, ShardPlan((1,), COUNT))
    due = clock.now()
    await first.jobs.schedule("session_start", 1, due, guild_id=ON_SHARD_1 + 12345)
    await first.jobs.schedule("session_start", 2, due, guild_id=ON_SHARD_0 + 678)
    await first.jobs.schedule("crisis_alert", 3, due)  # bound to no server: anywhere

    assert await first.jobs.run_due() == 2
    assert first.ran == ["session_start:2", "crisis_alert:3"]
    assert await first.jobs.run_now("session_start", 1) is False  # not its server
    assert await second.jobs.run_due() == 1
    assert second.ran == ["session_start:1"]
    assert (await first.jobs.get("session_start", 1)).status == "done"  # type: ignore[union-attr]


async def test_moving_a_job_keeps_its_server(
    two: tuple[Database, Database], clock: FakeClock
) -> None:
    a, _ = two
    process = Process(a, clock, ShardPlan((0,), COUNT))
    later = clock.now() + timedelta(hours=1)
    job = await process.jobs.schedule("session_start", 1, later, guild_id=ON_SHARD_1)
    assert job.guild_id == ON_SHARD_1
    moved = await process.jobs.schedule("session_start", 1, clock.now())
    assert moved.guild_id == ON_SHARD_1
    assert await process.jobs.run_due() == 0


async def test_without_a_shard_plan_a_process_runs_everything(
    two: tuple[Database, Database], clock: FakeClock
) -> None:
    a, _ = two
    whole = Process(a, clock, None)
    await whole.jobs.schedule("session_start", 1, clock.now(), guild_id=ON_SHARD_1)
    await whole.jobs.schedule("session_start", 2, clock.now(), guild_id=ON_SHARD_0)
    assert await whole.jobs.run_due() == 2


async def test_a_cohorts_session_jobs_are_bound_to_its_server(
    db: Database, clock: FakeClock
) -> None:
    repo = CohortRepository(db)
    jobs = JobScheduler(JobRepository(db), clock)
    for kind in (REMINDER, SESSION_START, SESSION_END):
        jobs.register(kind, _never)
    sessions = SessionService(repo, jobs, clock, load_curriculum(DEFAULT_PATH))
    cohort = await make_cohort(db, guild_id=ON_SHARD_1 + 99, state="enrolling")
    await sessions.schedule_jobs(cohort)
    rows = await JobRepository(db).pending()
    assert {job.kind for job in rows} == {REMINDER, SESSION_START, SESSION_END}
    assert {job.guild_id for job in rows} == {ON_SHARD_1 + 99}


async def _never(job: Job) -> None:
    raise AssertionError("no job runs here")

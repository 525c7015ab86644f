"""A job one process schedules for a server another holds has no alarm in either: the holding
process's lease alarm (``JobScheduler.pick_up``, every lease length) finds it and runs it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from cogs.utils.shards import ShardPlan
from db.database import Database
from db.migrate import open_database
from db.models import Job
from db.repositories.jobs import JobRepository

ON_SHARD_1 = (1 << 22) + 7  # (guild_id >> 22) % 2 == 1


@pytest.fixture
async def two(db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first = await open_database(db_url)
    second = await open_database(db_url)
    yield first, second
    await second.close()
    await first.close()


def scheduler(
    db: Database, clock: FakeClock, shards: ShardPlan | None, ran: list[str]
) -> JobScheduler:
    async def handle(job: Job) -> None:
        ran.append(job.key)

    jobs = JobScheduler(JobRepository(db), clock, shards=shards)
    jobs.register("privacy_place_given", handle)
    return jobs


async def test_the_holding_process_picks_up_a_job_another_scheduled_for_its_server(
    two: tuple[Database, Database], clock: FakeClock
) -> None:
    a, b = two
    ran_a: list[str] = []
    ran_b: list[str] = []
    on_0 = scheduler(a, clock, ShardPlan((0,), 2), ran_a)
    on_1 = scheduler(b, clock, ShardPlan((1,), 2), ran_b)
    await on_0.schedule("privacy_place_given", 5, clock.now(), guild_id=ON_SHARD_1)

    assert await on_0.pick_up() == 0  # not its server
    assert await on_1.pick_up() == 1
    assert ran_b == ["privacy_place_given:5"]
    assert ran_a == []
    assert await on_1.pick_up() == 0  # once


async def test_one_process_with_every_shard_leaves_due_jobs_to_their_alarms(
    db: Database, clock: FakeClock
) -> None:
    ran: list[str] = []
    whole = scheduler(db, clock, None, ran)
    await whole.schedule("privacy_place_given", 5, clock.now(), guild_id=ON_SHARD_1)
    assert await whole.pick_up() == 0  # its own alarm runs it, as before
    assert ran == []

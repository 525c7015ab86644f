"""Recurring sweeps: ``JobScheduler.ensure_recurring`` keeps exactly one of each alive."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import open_database
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import MAX_ATTEMPTS, JobScheduler
from db.database import Database
from db.models import Job
from db.repositories.jobs import JobRepository
from tests.core.test_jobs import FakeAlarm

SWEEP = "lane_sweep"
EVERY = timedelta(days=1)


class Sweep:
    """A sweep handler that, like the lanes' sweeps, reschedules itself after each run."""

    def __init__(self, jobs: JobScheduler, clock: FakeClock, *, fail: bool = False) -> None:
        self.jobs = jobs
        self.clock = clock
        self.fail = fail
        self.runs: list[Job] = []
        self.ensure_inside = False
        self.seen_inside: Job | None = None

    async def __call__(self, job: Job) -> None:
        self.runs.append(job)
        if self.ensure_inside:
            self.seen_inside = await self.jobs.ensure_recurring(SWEEP)
        if self.fail:
            raise RuntimeError("the sweep broke")
        await self.jobs.schedule(SWEEP, 0, self.clock.now() + EVERY)


async def open_sweep(
    url: str, clock: FakeClock, *, fail: bool = False, alarm: FakeAlarm | None = None
) -> tuple[Database, JobScheduler, Sweep]:
    db = await open_database(url)
    jobs = JobScheduler(JobRepository(db), clock, alarm)
    sweep = Sweep(jobs, clock, fail=fail)
    jobs.register(SWEEP, sweep)
    return db, jobs, sweep


async def test_a_missing_sweep_is_scheduled_now_and_runs(db_url: str, clock: FakeClock) -> None:
    db, jobs, sweep = await open_sweep(db_url, clock)
    job = await jobs.ensure_recurring(SWEEP)
    assert (job.kind, job.entity_id, job.status, job.due_at) == (SWEEP, 0, "pending", clock.now())
    await jobs.start()
    assert len(sweep.runs) == 1
    again = await jobs.get(SWEEP, 0)
    assert again is not None
    assert again.due_at == clock.now() + EVERY  # it rescheduled itself
    await db.close()


async def test_first_due_sets_when_a_new_sweep_first_runs(db_url: str, clock: FakeClock) -> None:
    db, jobs, _ = await open_sweep(db_url, clock)
    await jobs.start()
    job = await jobs.ensure_recurring(SWEEP, first_due=clock.now() + timedelta(hours=3))
    assert job.due_at == clock.now() + timedelta(hours=3)
    clock.advance(hours=2)
    assert await jobs.run_due() == 0
    clock.advance(hours=1)
    assert await jobs.run_due() == 1
    await db.close()


async def test_a_pending_sweep_keeps_its_time_across_restarts(
    db_url: str, clock: FakeClock
) -> None:
    db, jobs, sweep = await open_sweep(db_url, clock)
    await jobs.ensure_recurring(SWEEP)
    await jobs.start()  # runs it; next run tomorrow
    await jobs.shutdown()
    await db.close()

    clock.advance(hours=5)
    db, jobs, sweep = await open_sweep(db_url, clock)
    job = await jobs.ensure_recurring(SWEEP)  # the next start-up
    assert job.due_at == clock.now() - timedelta(hours=5) + EVERY  # not moved to now
    await jobs.start()
    assert sweep.runs == []
    await db.close()


async def test_ensuring_twice_leaves_one_job_that_runs_once(db_url: str, clock: FakeClock) -> None:
    db, jobs, sweep = await open_sweep(db_url, clock)
    first = await jobs.ensure_recurring(SWEEP)
    clock.advance(minutes=1)
    second = await jobs.ensure_recurring(SWEEP)
    assert second.id == first.id
    assert second.due_at == first.due_at
    assert await jobs.repo.pending_count() == 1
    await jobs.start()
    assert len(sweep.runs) == 1
    await db.close()


async def test_a_running_sweep_is_left_alone(db_url: str, clock: FakeClock) -> None:
    db, jobs, sweep = await open_sweep(db_url, clock)
    sweep.ensure_inside = True  # ensure_recurring while the sweep itself runs
    await jobs.ensure_recurring(SWEEP)
    await jobs.start()
    assert len(sweep.runs) == 1
    assert sweep.seen_inside is not None
    assert sweep.seen_inside.status == "running"  # not made pending (it would run twice)
    job = await jobs.get(SWEEP, 0)
    assert job is not None
    assert job.due_at == clock.now() + EVERY
    await db.close()


async def test_a_sweep_that_was_given_up_comes_back_at_the_next_start(
    db_url: str, clock: FakeClock
) -> None:
    db, jobs, sweep = await open_sweep(db_url, clock, fail=True)
    await jobs.ensure_recurring(SWEEP)
    await jobs.start()
    for _ in range(MAX_ATTEMPTS + 1):
        clock.advance(minutes=15)
        await jobs.run_due()
    given_up = await jobs.get(SWEEP, 0)
    assert given_up is not None
    assert given_up.status == "failed"
    assert not given_up.active

    sweep.fail = False
    job = await jobs.ensure_recurring(SWEEP)
    assert job.status == "pending"
    assert job.due_at == clock.now()
    assert job.last_error is None
    assert await jobs.run_due() == 1
    await db.close()


async def test_a_cancelled_sweep_is_scheduled_again(db_url: str, clock: FakeClock) -> None:
    db, jobs, _ = await open_sweep(db_url, clock)
    await jobs.schedule(SWEEP, 0, clock.now() + timedelta(hours=1))
    assert await jobs.cancel(SWEEP, 0)
    job = await jobs.ensure_recurring(SWEEP)
    assert job.active
    assert job.due_at == clock.now()
    await db.close()


async def test_ensuring_a_sweep_after_start_arms_its_alarm(db_url: str, clock: FakeClock) -> None:
    alarm = FakeAlarm()
    db, jobs, _ = await open_sweep(db_url, clock, alarm=alarm)
    await jobs.start()
    await jobs.ensure_recurring(SWEEP, first_due=clock.now() + timedelta(minutes=10))
    assert alarm.jobs[f"{SWEEP}:0"]["run_date"] == clock.now() + timedelta(minutes=10)
    await db.close()


async def test_ensuring_an_unknown_kind_is_refused(db_url: str, clock: FakeClock) -> None:
    db, jobs, _ = await open_sweep(db_url, clock)
    with pytest.raises(ValueError, match="no handler registered for job kind 'nobody_sweep'"):
        await jobs.ensure_recurring("nobody_sweep")
    assert await jobs.get("nobody_sweep", 0) is None
    await db.close()

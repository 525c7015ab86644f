"""Scheduled work: the database is the source of truth and survives restarts."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from bot import open_database
from cogs.utils.clock import FakeClock
from cogs.utils.i18n import current_language, speaking
from cogs.utils.jobs import LEASE_ID, MAX_ATTEMPTS, REFILL_ID, JobScheduler, KindPolicy
from db.models import Job
from db.repositories.jobs import JobRepository


class Recorder:
    """A handler that records the jobs it ran."""

    def __init__(self, fail_times: int = 0) -> None:
        self.calls: list[Job] = []
        self.fail_times = fail_times

    async def __call__(self, job: Job) -> None:
        self.calls.append(job)
        if self.fail_times:
            self.fail_times -= 1
            raise RuntimeError("discord said no")


class FakeAlarm:
    """Records what would be armed in APScheduler."""

    def __init__(self) -> None:
        self.jobs: dict[str, dict[str, Any]] = {}
        self.started = False

    def add_job(self, func: Any, trigger: str, **kwargs: Any) -> None:
        self.jobs[kwargs["id"]] = {"trigger": trigger, **kwargs}

    def remove_job(self, job_id: str) -> None:
        del self.jobs[job_id]

    def start(self) -> None:
        self.started = True

    def shutdown(self, wait: bool = True) -> None:
        self.started = False


async def open_scheduler(url: str, clock: FakeClock, handler: Recorder, alarm: Any = None):
    """The scheduler over the test's database (``db_url``: SQLite or PostgreSQL); opening it
    again over the same URL is a restart."""
    db = await open_database(url)
    scheduler = JobScheduler(JobRepository(db), clock, alarm)
    scheduler.register("reminder", handler)
    return db, scheduler


async def test_a_job_fires_once_at_its_time(db_url: str, clock: FakeClock) -> None:
    handler = Recorder()
    db, jobs = await open_scheduler(db_url, clock, handler)
    await jobs.start()
    await jobs.schedule("reminder", 7, clock.now() + timedelta(minutes=10))
    assert await jobs.run_due() == 0
    clock.advance(minutes=10)
    assert await jobs.run_due() == 1
    assert await jobs.run_due() == 0
    assert [j.entity_id for j in handler.calls] == [7]
    assert handler.calls[0].late is False
    await db.close()


async def test_a_job_survives_a_restart_and_fires_exactly_once(
    db_url: str, clock: FakeClock
) -> None:
    first = Recorder()
    db, jobs = await open_scheduler(db_url, clock, first)
    await jobs.start()
    await jobs.schedule("reminder", 42, clock.now() + timedelta(hours=1))
    await jobs.shutdown()
    await db.close()

    # "Restart": new objects over the same database, after the due time has passed.
    clock.advance(hours=2)
    second = Recorder()
    db, jobs = await open_scheduler(db_url, clock, second)
    await jobs.start()  # overdue work runs at once
    await jobs.run_due()
    await jobs.shutdown()
    await db.close()

    third = Recorder()
    db, jobs = await open_scheduler(db_url, clock, third)
    await jobs.start()
    assert first.calls == []
    assert [(j.entity_id, j.late) for j in second.calls] == [(42, True)]
    assert third.calls == []
    await db.close()


async def test_a_job_interrupted_mid_run_runs_again_after_restart(
    db_url: str, clock: FakeClock
) -> None:
    db, jobs = await open_scheduler(db_url, clock, Recorder())
    await jobs.schedule("reminder", 1, clock.now())
    job = await jobs.repo.get("reminder", 1)
    assert job is not None
    until = clock.now() + jobs.lease
    claimed = await jobs.repo.claim(job.id, clock.now(), late=False, owner="gone", until=until)
    assert claimed is not None  # then the process dies
    await db.close()

    clock.advance(jobs.lease)  # its lease runs out
    handler = Recorder()
    db, jobs = await open_scheduler(db_url, clock, handler)
    await jobs.start()
    assert [j.entity_id for j in handler.calls] == [1]
    await db.close()


async def test_rescheduling_moves_the_one_job(db_url: str, clock: FakeClock) -> None:
    handler = Recorder()
    db, jobs = await open_scheduler(db_url, clock, handler)
    await jobs.start()
    await jobs.schedule("reminder", 5, clock.now() + timedelta(minutes=5))
    await jobs.schedule("reminder", 5, clock.now() + timedelta(minutes=30))
    clock.advance(minutes=10)
    assert await jobs.run_due() == 0
    clock.advance(minutes=20)
    assert await jobs.run_due() == 1
    assert len(handler.calls) == 1
    await db.close()


async def test_a_handler_can_reschedule_its_own_job(db_url: str, clock: FakeClock) -> None:
    db = await open_database(db_url)
    jobs = JobScheduler(JobRepository(db), clock)
    fired: list[int] = []

    async def repeat(job: Job) -> None:
        fired.append(job.entity_id)
        if len(fired) < 3:  # like an escalation that repeats until claimed
            await jobs.schedule("repeat", job.entity_id, clock.now() + timedelta(minutes=10))

    jobs.register("repeat", repeat)
    await jobs.start()
    await jobs.schedule("repeat", 9, clock.now())
    for _ in range(4):
        await jobs.run_due()
        clock.advance(minutes=10)
    assert fired == [9, 9, 9]
    job = await jobs.repo.get("repeat", 9)
    assert job is not None
    assert job.status == "done"
    await db.close()


async def test_a_cancelled_job_never_fires(db_url: str, clock: FakeClock) -> None:
    handler = Recorder()
    db, jobs = await open_scheduler(db_url, clock, handler)
    await jobs.start()
    await jobs.schedule("reminder", 3, clock.now() + timedelta(minutes=1))
    assert await jobs.cancel("reminder", 3)
    clock.advance(hours=1)
    assert await jobs.run_due() == 0
    assert handler.calls == []
    await db.close()


async def test_a_failing_job_is_retried_with_back_off_then_succeeds(
    db_url: str, clock: FakeClock
) -> None:
    handler = Recorder(fail_times=2)
    db, jobs = await open_scheduler(db_url, clock, handler)
    await jobs.start()
    await jobs.schedule("reminder", 4, clock.now())
    await jobs.run_due()
    job = await jobs.repo.get("reminder", 4)
    assert job is not None
    assert job.status == "pending"
    assert job.last_error == "RuntimeError: discord said no"
    assert job.due_at > clock.now()
    for _ in range(3):
        clock.advance(minutes=1)
        await jobs.run_due()
    job = await jobs.repo.get("reminder", 4)
    assert job is not None
    assert job.status == "done"
    assert len(handler.calls) == 3
    await db.close()


async def test_a_job_that_keeps_failing_is_marked_failed(db_url: str, clock: FakeClock) -> None:
    handler = Recorder(fail_times=100)
    db, jobs = await open_scheduler(db_url, clock, handler)
    await jobs.start()
    await jobs.schedule("reminder", 8, clock.now())
    for _ in range(MAX_ATTEMPTS + 2):
        await jobs.run_due()
        clock.advance(minutes=15)
    job = await jobs.repo.get("reminder", 8)
    assert job is not None
    assert job.status == "failed"
    assert len(handler.calls) == MAX_ATTEMPTS
    await db.close()


async def test_start_arms_alarms_for_the_near_term_and_the_refill_arms_the_rest(
    db_url: str, clock: FakeClock
) -> None:
    alarm = FakeAlarm()
    db, jobs = await open_scheduler(db_url, clock, Recorder(), alarm)
    await jobs.schedule("reminder", 1, clock.now() + timedelta(minutes=30))
    await jobs.schedule("reminder", 2, clock.now() + timedelta(days=2))
    assert alarm.jobs == {}  # nothing armed before start
    assert await jobs.start() == 2
    assert alarm.started
    assert set(alarm.jobs) == {"reminder:1", REFILL_ID, LEASE_ID}
    assert alarm.jobs["reminder:1"]["run_date"] == clock.now() + timedelta(minutes=30)
    assert alarm.jobs["reminder:1"]["trigger"] == "date"
    assert alarm.jobs[REFILL_ID]["trigger"] == "interval"
    assert alarm.jobs[LEASE_ID]["trigger"] == "interval"  # looks for expired leases
    assert alarm.jobs[LEASE_ID]["seconds"] == jobs.lease.total_seconds()

    clock.advance(timedelta(days=2) - timedelta(hours=1))
    await jobs._refill()  # what the interval alarm does
    assert "reminder:2" in alarm.jobs
    await jobs.cancel("reminder", 2)
    assert "reminder:2" not in alarm.jobs
    await db.close()


async def test_a_job_scheduled_far_ahead_gets_no_alarm_until_it_is_near(
    db_url: str, clock: FakeClock
) -> None:
    alarm = FakeAlarm()
    db, jobs = await open_scheduler(db_url, clock, Recorder(), alarm)
    await jobs.start()
    await jobs.schedule("reminder", 3, clock.now() + timedelta(days=30))
    assert "reminder:3" not in alarm.jobs
    await jobs.schedule("reminder", 4, clock.now() + timedelta(minutes=5))
    assert "reminder:4" in alarm.jobs
    await db.close()


async def test_the_alarm_fires_only_what_is_still_due(db_url: str, clock: FakeClock) -> None:
    handler = Recorder()
    db, jobs = await open_scheduler(db_url, clock, handler, FakeAlarm())
    await jobs.start()
    await jobs.schedule("reminder", 1, clock.now() + timedelta(minutes=5))
    await jobs._fire("reminder", 1)  # an alarm that rang early does nothing
    assert handler.calls == []
    clock.advance(minutes=5)
    await jobs._fire("reminder", 1)
    await jobs._fire("reminder", 1)  # and a second ring is harmless
    assert len(handler.calls) == 1
    await db.close()


async def test_scheduling_an_unknown_kind_is_refused(db_url: str, clock: FakeClock) -> None:
    db, jobs = await open_scheduler(db_url, clock, Recorder())
    with pytest.raises(ValueError, match="no handler"):
        await jobs.schedule("nonsense", 1, clock.now())
    await db.close()


async def test_shutdown_before_start_leaves_the_alarm_alone(db_url: str, clock: FakeClock) -> None:
    class StrictAlarm(FakeAlarm):
        def shutdown(self, wait: bool = True) -> None:
            raise AssertionError("shut down an alarm that never started")

    db, jobs = await open_scheduler(db_url, clock, Recorder(), StrictAlarm())
    await jobs.shutdown()  # e.g. the login failed
    await db.close()


async def test_a_forever_kind_is_retried_past_max_attempts_within_its_cap(
    db_url: str, clock: FakeClock
) -> None:
    handler = Recorder(fail_times=MAX_ATTEMPTS + 3)
    db, jobs = await open_scheduler(db_url, clock, Recorder())
    jobs.register("alert", handler, KindPolicy(forever=True, max_delay=timedelta(minutes=2)))
    await jobs.start()
    await jobs.schedule("alert", 1, clock.now())
    for _ in range(MAX_ATTEMPTS + 3):
        await jobs.run_due()
        job = await jobs.repo.get("alert", 1)
        assert job is not None
        assert job.status == "pending"
        assert job.due_at - clock.now() <= timedelta(minutes=2)
        clock.advance(minutes=2)
    await jobs.run_due()
    job = await jobs.repo.get("alert", 1)
    assert job is not None
    assert job.status == "done"
    await db.close()


async def test_overdue_jobs_of_a_concurrent_kind_run_side_by_side(
    db_url: str, clock: FakeClock
) -> None:
    second_ran = asyncio.Event()
    order: list[int] = []

    async def handler(job: Job) -> None:
        if job.entity_id == 1:
            await asyncio.wait_for(second_ran.wait(), 5)  # would deadlock if run one by one
        else:
            second_ran.set()
        order.append(job.entity_id)

    db, jobs = await open_scheduler(db_url, clock, Recorder())
    jobs.register("alert", handler, KindPolicy(concurrent=True))
    await jobs.schedule("alert", 1, clock.now())
    await jobs.schedule("alert", 2, clock.now())
    assert await jobs.run_due() == 2
    assert order == [2, 1]
    await db.close()


async def test_run_now_runs_a_due_job_once_and_arms_a_later_one(
    db_url: str, clock: FakeClock
) -> None:
    handler = Recorder()
    alarm = FakeAlarm()
    db, jobs = await open_scheduler(db_url, clock, handler, alarm)
    await jobs.start()
    await jobs.schedule("reminder", 1, clock.now())
    await jobs.schedule("reminder", 2, clock.now() + timedelta(minutes=10))
    alarm.jobs.clear()
    assert await jobs.run_now("reminder", 1) is True
    assert await jobs.run_now("reminder", 1) is False  # done: never twice
    assert await jobs.run_now("reminder", 2) is False
    assert "reminder:2" in alarm.jobs
    assert [j.entity_id for j in handler.calls] == [1]
    await db.close()


async def test_a_job_run_during_a_members_interaction_does_not_speak_their_language(
    db_url: str, clock: FakeClock
) -> None:
    """``run_now`` from a Spanish-speaking member's button must not make the job Spanish: a
    job writes to whoever it is for, in their language, which it sets itself."""
    seen: list[str] = []

    async def handler(job: Any) -> None:
        seen.append(current_language())

    db, jobs = await open_scheduler(db_url, clock, Recorder())
    jobs.register("note", handler)
    await jobs.schedule("note", 1, clock.now())
    with speaking("es"):
        assert await jobs.run_now("note", 1)
        assert current_language() == "es"
    assert seen == ["en"]
    await db.close()

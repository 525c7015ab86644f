"""Jobs for many workers: a claim is a lease, renewed while the handler runs (issue 20).

Two ``JobScheduler`` instances over one database (the test's ``db_url``: SQLite or PostgreSQL)
play two worker processes: each has its own connection and worker id, and both read the same
fake clock. Renewal waits through a ``ManualSleep`` the test releases, so no test waits for
time to pass.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from bot import open_database
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import DEFAULT_LEASE, JobScheduler, gone, machine_key, new_worker_id
from config.errors import ConfigError
from config.settings import Settings
from db.database import Database
from db.models import Job
from db.repositories.jobs import JobRepository, claim_sql
from db.timefmt import to_db

KIND = "reminder"
LEASE = timedelta(seconds=30)


class ManualSleep:
    """A ``sleep`` for the renewal that returns only when the test says so."""

    def __init__(self) -> None:
        self._waiting: list[asyncio.Future[None]] = []
        self._asleep = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        self._asleep.set()
        await future

    async def wake(self) -> None:
        """Let every sleeper go on, and wait until each has renewed and gone back to sleep."""
        waiting, self._waiting = self._waiting, []
        assert waiting, "nothing was waiting to renew"
        self._asleep.clear()
        for future in waiting:
            future.set_result(None)
        await asyncio.wait_for(self._asleep.wait(), 10)


@dataclass
class Gate:
    """A handler that records each run and waits until the test opens it."""

    name: str
    runs: list[Job] = field(default_factory=list)
    started: asyncio.Event = field(default_factory=asyncio.Event)
    open: asyncio.Event = field(default_factory=asyncio.Event)
    fail: bool = False
    then: JobScheduler | None = None  # reschedule the job on this scheduler when let through

    async def __call__(self, job: Job) -> None:
        self.runs.append(job)
        self.started.set()
        await asyncio.wait_for(self.open.wait(), 10)
        if self.fail:
            raise RuntimeError(f"{self.name} failed late")
        if self.then is not None:
            await self.then.schedule(job.kind, job.entity_id, job.due_at + timedelta(minutes=10))


@dataclass
class Worker:
    db: Database
    jobs: JobScheduler
    handler: Gate
    sleep: ManualSleep


@pytest.fixture
async def workers(db_url: str, clock: FakeClock) -> AsyncIterator[tuple[Worker, Worker]]:
    """Two workers ("a" and "b") over one database, with the same fake clock."""
    opened: list[Worker] = []
    for name in ("a", "b"):
        db = await open_database(db_url)
        sleep = ManualSleep()
        jobs = JobScheduler(JobRepository(db), clock, lease=LEASE, worker=name, sleep=sleep)
        handler = Gate(name)
        jobs.register(KIND, handler)
        opened.append(Worker(db, jobs, handler, sleep))
    try:
        yield opened[0], opened[1]
    finally:
        for worker in opened:
            worker.handler.open.set()
            await worker.jobs.shutdown()
            await worker.db.close()


async def row(worker: Worker, entity_id: int = 1) -> Job:
    job = await worker.jobs.repo.get(KIND, entity_id)
    assert job is not None
    return job


async def running_on_a(a: Worker, clock: FakeClock) -> asyncio.Task[int]:
    """Schedule job 1 now and let worker a claim it; its handler waits at the gate."""
    await a.jobs.schedule(KIND, 1, clock.now())
    task = asyncio.create_task(a.jobs.run_due())
    await asyncio.wait_for(a.handler.started.wait(), 10)
    return task


async def test_two_workers_racing_for_a_due_job_run_it_once(
    workers: tuple[Worker, Worker], clock: FakeClock
) -> None:
    a, b = workers
    await a.jobs.schedule(KIND, 1, clock.now())
    a.handler.open.set()
    b.handler.open.set()
    ran = await asyncio.gather(a.jobs.run_due(), b.jobs.run_due(), a.jobs.run_due())
    assert sum(ran) == 1
    assert len(a.handler.runs) + len(b.handler.runs) == 1
    job = await row(a)
    assert job.status == "done"
    assert job.attempts == 1


async def test_a_claim_records_the_worker_and_the_lease(
    workers: tuple[Worker, Worker], clock: FakeClock
) -> None:
    a, b = workers
    task = await running_on_a(a, clock)
    claimed = a.handler.runs[0]
    assert (claimed.status, claimed.lease_owner) == ("running", "a")
    assert claimed.lease_until == clock.now() + LEASE
    assert await b.jobs.run_due() == 0  # a holds it
    a.handler.open.set()
    assert await task == 1
    done = await row(a)
    assert (done.status, done.lease_owner, done.lease_until) == ("done", "a", None)


async def test_renewal_keeps_the_lease_however_long_the_handler_runs(
    workers: tuple[Worker, Worker], clock: FakeClock
) -> None:
    a, b = workers
    task = await running_on_a(a, clock)
    for _ in range(6):  # two whole leases, renewed every third of one
        clock.advance(LEASE / 3)
        await a.sleep.wake()
        assert (await row(a)).lease_until == clock.now() + LEASE
        assert await b.jobs.run_due() == 0
        assert await b.jobs.take_over() == 0
    assert b.handler.runs == []
    a.handler.open.set()
    assert await task == 1
    assert (await row(a)).status == "done"


async def test_a_worker_that_stops_renewing_loses_the_job_to_another(
    workers: tuple[Worker, Worker], clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    a, b = workers
    stalled = await running_on_a(a, clock)  # a never renews: its sleep is never woken
    clock.advance(LEASE - timedelta(seconds=1))
    assert await b.jobs.take_over() == 0  # not yet
    clock.advance(seconds=1)
    b.handler.open.set()
    with caplog.at_level(logging.WARNING, logger="cogs.utils.jobs"):
        assert await b.jobs.take_over() == 1
    assert "reminder:1: taken over from a" in caplog.text
    assert [j.lease_owner for j in b.handler.runs] == ["b"]
    assert b.handler.runs[0].attempts == 2
    job = await row(b)
    assert (job.status, job.lease_owner) == ("done", "b")

    # a comes back: its run ends, and its finishing write changes nothing.
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="cogs.utils.jobs"):
        a.handler.open.set()
        assert await stalled == 1
    assert "ended here after b took it over" in caplog.text
    after = await row(a)
    assert (after.status, after.lease_owner, after.finished_at) == (
        "done",
        "b",
        job.finished_at,
    )


async def test_run_due_also_takes_over_an_expired_lease(
    workers: tuple[Worker, Worker], clock: FakeClock
) -> None:
    a, b = workers
    stalled = await running_on_a(a, clock)
    clock.advance(LEASE)
    b.handler.open.set()
    assert await b.jobs.run_due() == 1
    a.handler.open.set()
    await stalled
    assert len(b.handler.runs) == 1


@pytest.mark.parametrize("a_fails", [False, True], ids=["finish", "retry"])
async def test_the_late_first_owner_cannot_finish_or_retry_over_the_new_owner(
    workers: tuple[Worker, Worker],
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    a_fails: bool,
) -> None:
    a, b = workers
    # When a comes back its run ends: "done" would end b's run, a retry would reset the job.
    a.handler.fail = a_fails
    stalled = await running_on_a(a, clock)
    clock.advance(LEASE + timedelta(seconds=5))
    taking_over = asyncio.create_task(b.jobs.take_over())
    await asyncio.wait_for(b.handler.started.wait(), 10)

    # The lost lease shows at a's next renewal.
    with caplog.at_level(logging.ERROR, logger="cogs.utils.jobs"):
        await a.sleep.wake()
        assert "this worker (a) lost its lease to b" in caplog.text
        a.handler.open.set()
        assert await stalled == 1
    job = await row(b)
    assert (job.status, job.lease_owner, job.last_error) == ("running", "b", None)

    # b's run is the one that counts: it reschedules the job (an escalation that repeats).
    b.handler.then = b.jobs
    b.handler.open.set()
    assert await taking_over == 1
    job = await row(b)
    assert (job.status, job.due_at) == (
        "pending",
        clock.now() - timedelta(seconds=35) + timedelta(minutes=10),
    )
    assert job.lease_owner is None


async def test_recovery_at_start_leaves_a_live_lease_alone(
    workers: tuple[Worker, Worker], clock: FakeClock
) -> None:
    a, b = workers
    task = await running_on_a(a, clock)
    # b starts (a restart of another process) while a runs the job under a live lease.
    b.handler.open.set()
    await b.jobs.start()
    job = await row(b)
    assert (job.status, job.lease_owner) == ("running", "a")
    assert b.handler.runs == []
    a.handler.open.set()
    assert await task == 1
    assert len(a.handler.runs) == 1


async def test_recovery_at_start_resets_expired_and_ownerless_running_jobs(
    db_url: str, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    db = await open_database(db_url)
    repo = JobRepository(db)
    now = clock.now()
    for entity in (1, 2, 3):
        await repo.upsert(KIND, entity, now, now)
    expired = await repo.get(KIND, 1)
    live = await repo.get(KIND, 2)
    assert expired is not None
    assert live is not None
    await repo.claim(expired.id, now, late=False, owner="far:1:x:1", until=now)
    await repo.claim(live.id, now, late=False, owner="far:2:x:2", until=now + LEASE)
    # A job left running by a Kindred from before leases: no owner, no lease.
    await db.execute("UPDATE jobs SET status = 'running' WHERE kind = ? AND entity_id = 3", (KIND,))
    ran: list[int] = []

    async def handler(job: Job) -> None:
        ran.append(job.entity_id)

    jobs = JobScheduler(repo, clock, lease=LEASE)
    jobs.register(KIND, handler)
    with caplog.at_level(logging.WARNING, logger="cogs.utils.jobs"):
        await jobs.start()
    assert "2 job(s) were interrupted by a stop and will run again" in caplog.text
    assert sorted(ran) == [1, 3]
    held = await repo.get(KIND, 2)
    assert held is not None
    assert (held.status, held.lease_owner) == ("running", "far:2:x:2")
    await db.close()


def dead_pid() -> int:
    """The id of a process that has just exited (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


async def test_a_restart_on_the_same_machine_takes_a_dead_process_s_jobs_at_once(
    db_url: str, clock: FakeClock
) -> None:
    if not machine_key():
        pytest.skip("no /proc here: a dead process cannot be told from a live one")
    db = await open_database(db_url)
    repo = JobRepository(db)
    now = clock.now()
    pid = dead_pid()
    here = f"host:{pid}:{machine_key()}:abcd"
    elsewhere = (
        f"host:{pid}:00000000:abcd"  # the same pid on another machine: alive for all we know
    )
    for entity, owner in ((1, here), (2, elsewhere)):
        job = await repo.upsert(KIND, entity, now, now)
        await repo.claim(job.id, now, late=False, owner=owner, until=now + LEASE)
    ran: list[int] = []

    async def handler(job: Job) -> None:
        ran.append(job.entity_id)

    jobs = JobScheduler(repo, clock, lease=LEASE)
    jobs.register(KIND, handler)
    await jobs.start()
    assert ran == [1]  # the crashed process's job runs now, not a lease later
    other = await repo.get(KIND, 2)
    assert other is not None
    assert other.status == "running"
    await db.close()


def test_gone_is_sure_only_of_a_missing_process_on_this_machine() -> None:
    machine = "m1234567"
    pid = dead_pid()
    assert gone(f"host:{pid}:{machine}:ab", machine)
    assert not gone(f"host:{pid}:other123:ab", machine)  # another machine
    assert not gone(f"host:{os.getpid()}:{machine}:ab", machine)  # this very process
    assert not gone(f"host:{os.getppid()}:{machine}:ab", machine)  # alive
    assert not gone(f"host:{pid}:-:ab", "")  # machine unknown
    assert not gone("a", machine)
    assert not gone(f"host:notapid:{machine}:ab", machine)


def test_worker_ids_differ_per_start_and_say_host_and_pid() -> None:
    first, second = new_worker_id(), new_worker_id()
    assert first != second
    host, pid, machine, token = first.rsplit(":", 3)
    assert pid == str(os.getpid())
    assert host
    assert machine
    assert token


def test_the_claim_skips_locked_rows_on_postgresql_only() -> None:
    assert "FOR UPDATE SKIP LOCKED" in claim_sql("postgresql")
    assert "FOR UPDATE" not in claim_sql("sqlite")
    assert claim_sql("sqlite").count("?") == claim_sql("postgresql").count("?") == 7


def test_the_lease_is_a_setting_with_a_short_default() -> None:
    assert Settings.from_env({}).job_lease == DEFAULT_LEASE.total_seconds() == 30
    assert Settings.from_env({"KINDRED_JOB_LEASE": "12.5"}).job_lease == 12.5
    for bad in ("0", "2", "601", "soon"):
        with pytest.raises(ConfigError, match="KINDRED_JOB_LEASE must be a number of seconds"):
            Settings.from_env({"KINDRED_JOB_LEASE": bad})


async def test_a_lease_must_have_a_length(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="longer than zero"):
        JobScheduler(JobRepository(Database(tmp_path / "k.db")), clock, lease=timedelta(0))


async def test_scheduling_again_clears_the_lease(db_url: str, clock: FakeClock) -> None:
    db = await open_database(db_url)
    repo = JobRepository(db)
    now = clock.now()
    job = await repo.upsert(KIND, 1, now, now)
    await repo.claim(job.id, now, late=False, owner="w", until=now + LEASE)
    moved = await repo.upsert(KIND, 1, now + timedelta(hours=1), now)
    assert (moved.status, moved.lease_owner, moved.lease_until) == ("pending", None, None)
    assert to_db(moved.due_at) == to_db(now + timedelta(hours=1))
    await db.close()

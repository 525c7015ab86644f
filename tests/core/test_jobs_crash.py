"""Issue 20, the crash test: two worker processes over one database; the one running a job is
killed -9 (or stopped), the other takes the job over once the lease has expired, and the job's
effect happens once (``sandbox/crash_jobs.py``).

The database is the test's ``db_url``: a SQLite file in the SQLite pass, a fresh PostgreSQL
database in the PostgreSQL pass (``sandbox/crash_jobs_pg.py``: the same workers, reading back
over asyncpg)."""

from __future__ import annotations

import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from db.database import is_postgres_url
from sandbox.crash_jobs import JobCrashRig
from sandbox.crash_jobs_pg import PgJobCrashRig

LEASE = 30.0


@pytest.fixture
async def rig(tmp_path: Path, db_url: str) -> AsyncIterator[JobCrashRig]:
    """The rig over the test's database; every worker is killed on the way out."""
    if is_postgres_url(db_url):
        async with PgJobCrashRig.open_on(tmp_path, db_url, lease=LEASE) as pg_rig:
            yield pg_rig
    else:
        assert db_url == str(JobCrashRig(tmp_path, LEASE).db_path)  # the rig's own file
        async with JobCrashRig.open(tmp_path, lease=LEASE) as sqlite_rig:
            yield sqlite_rig


async def test_kill_9_while_a_job_runs_the_other_process_takes_it_over_after_the_lease(
    rig: JobCrashRig,
) -> None:
    job = await kill_9_the_holder_and_see_the_other_take_over(rig, LEASE)
    # The handler's own record, in the database the workers share, says the same.
    done = rig.query("SELECT entity_id, worker FROM crash_effects")
    assert [(r["entity_id"], r["worker"]) for r in done] == [(1, job["lease_owner"])]


async def kill_9_the_holder_and_see_the_other_take_over(rig: JobCrashRig, lease: float) -> Any:
    """Two workers, one job: kill -9 the one running it; the other takes it over only once the
    lease has run out, and the effect happens once. Returns the finished job row (the
    PostgreSQL crash test runs the same scenario on its rig)."""
    await rig.schedule(1)
    rig.start()
    rig.start()
    holder = await rig.wait_for(lambda: rig.holder(1), "one worker to claim the job")
    other = next(w for w in rig.workers if w is not holder)
    await rig.wait_for(lambda: "running crash_effect:1" in holder.log(), "the handler")
    # The other is up and has looked (a worker that starts after the kill would see the
    # holder's process gone from this machine and take the job at once).
    await rig.wait_until_polled(other)
    owner = rig.job(1)["lease_owner"]
    rig.kill(holder)

    # Just before the lease runs out the other worker looks, and leaves the job alone.
    rig.advance(lease - 1)
    await rig.wait_until_polled(other)
    assert rig.job(1)["lease_owner"] == owner
    assert "running crash_effect:1" not in other.log()

    # Once it has run out, the other takes the job over and makes the effect.
    rig.advance(1)
    rig.open_gate()
    await rig.wait_for(lambda: rig.job(1)["status"] == "done", "the job done by the other")
    job = rig.job(1)
    assert job["lease_owner"] != owner
    assert int(job["lease_owner"].rsplit(":", 3)[1]) == other.pid
    assert job["attempts"] == 2
    assert f"taken over from {owner}" in other.log()
    assert rig.effects() == [f"1 {job['lease_owner']}"]
    return job


async def test_a_stopped_worker_that_comes_back_late_repeats_nothing(rig: JobCrashRig) -> None:
    await rig.schedule(1)
    rig.start()
    rig.start()
    holder = await rig.wait_for(lambda: rig.holder(1), "one worker to claim the job")
    other = next(w for w in rig.workers if w is not holder)
    await rig.wait_for(lambda: "running crash_effect:1" in holder.log(), "the handler")
    # The other is up and has looked (a worker that starts after the kill would see the
    # holder's process gone from this machine and take the job at once).
    await rig.wait_until_polled(other)
    os.kill(holder.pid, signal.SIGSTOP)  # hangs: it neither renews nor finishes
    try:
        rig.advance(LEASE + 1)
        await rig.wait_for(lambda: rig.holder(1) is other, "the other to take the job over")
        rig.open_gate()
        await rig.wait_for(lambda: rig.job(1)["status"] == "done", "the other's run done")
        new_owner = rig.job(1)["lease_owner"]
    finally:
        os.kill(holder.pid, signal.SIGCONT)
    await rig.wait_for(lambda: "was done already" in holder.log(), "the first holder to come back")
    await rig.wait_for(
        lambda: f"ended here after {new_owner} took it over" in holder.log(),
        "the first holder's finishing write refused",
    )
    job = rig.job(1)
    assert (job["status"], job["lease_owner"]) == ("done", new_owner)
    assert rig.effects() == [f"1 {new_owner}"]

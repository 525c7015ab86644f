"""Issue 20, the crash test on PostgreSQL: two worker processes share one PostgreSQL database;
the one running a job is killed -9, the other takes the job over once the lease has expired,
and the job's effect happens once (``sandbox/crash_jobs.py`` over ``sandbox/crash_jobs_pg.py``).

It runs in the PostgreSQL pass (``pytest --db=postgresql``, on that pass's server) and, when a
throw-away server can be started here, in the SQLite pass too (on one of its own). Where none
can be started it is skipped saying why; under ``CI=true`` that is a failure, as for the rest of
the PostgreSQL pass.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from sandbox import pg_server
from sandbox.crash_jobs_pg import PgJobCrashRig
from tests.backends import PostgresDatabases
from tests.core.test_jobs_crash import kill_9_the_holder_and_see_the_other_take_over

LEASE = 30.0


@pytest.fixture(scope="module")
def own_server(postgres: PostgresDatabases | None) -> Iterator[pg_server.PgServer | None]:
    """A throw-away server of this module's own when the session has none (the SQLite pass)."""
    if postgres is not None:
        yield None
        return
    reason = pg_server.unavailable()
    if reason is None:
        try:
            server = pg_server.start()
        except RuntimeError as exc:
            reason = f"the server would not start: {exc}"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL crash test: {reason} (CI=true needs it)")
        pytest.skip(f"PostgreSQL crash test: {reason}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def pg_url(
    postgres: PostgresDatabases | None, own_server: pg_server.PgServer | None
) -> AsyncIterator[str]:
    """A fresh PostgreSQL database for the test (migrated by the rig)."""
    if postgres is not None:
        url = await postgres.create()
        try:
            yield url
        finally:
            await postgres.drop(url)
        return
    assert own_server is not None
    yield await own_server.create_database(f"crash_{os.getpid()}_{id(own_server) % 10**6}")


async def test_kill_9_on_postgresql_the_other_process_takes_the_job_over_after_the_lease(
    tmp_path: Path, pg_url: str
) -> None:
    async with PgJobCrashRig.open_on(tmp_path, pg_url, lease=LEASE) as rig:
        job = await kill_9_the_holder_and_see_the_other_take_over(rig, LEASE)
        done = rig.query("SELECT entity_id, worker FROM crash_effects")
        assert [(r["entity_id"], r["worker"]) for r in done] == [(1, job["lease_owner"])]

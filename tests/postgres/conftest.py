"""A throw-away PostgreSQL server for the tests in this folder (sandbox/pg_server.py).

Skipped, with the reason, when the machine cannot start one (PostgreSQL is not installed);
under ``CI=true`` that is a failure instead, so CI never passes by skipping these.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator

import pytest

from db.database import Database
from db.migrate import migrate
from sandbox import pg_server

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg() -> Iterator[pg_server.PgServer]:
    """One server for the whole session; each test makes its own database on it."""
    reason = pg_server.unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL for tests/postgres: {reason}")
        pytest.skip(f"no PostgreSQL server: {reason}")
    with pg_server.running() as server:
        yield server


@pytest.fixture
async def pg_url(pg: pg_server.PgServer) -> AsyncIterator[str]:
    """The URL of a new, empty database (dropped at the end)."""
    name = f"t{os.getpid()}_{next(_names)}"
    url = await pg.create_database(name)
    yield url
    await pg.drop_database(name)


@pytest.fixture
async def pg_db(pg_url: str) -> AsyncIterator[Database]:
    """A migrated PostgreSQL database, open."""
    database = Database(pg_url)
    await database.connect()
    await migrate(database)
    yield database
    await database.close()

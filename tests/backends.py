"""Which database the tests run on: SQLite files (the default) or a throw-away PostgreSQL.

``pytest`` runs every test on SQLite, each test with its own file. ``pytest --db=postgresql``
(or ``KINDRED_TEST_DB=postgresql``) runs the tests that touch the database on PostgreSQL
instead: one throw-away server for the session (``sandbox/pg_server.py``), one template database
migrated once, and a copy of it per test (``CREATE DATABASE ... TEMPLATE``, a few tens of
milliseconds), dropped when the test ends. Tests see one fixture, ``db_url``: a file path on
SQLite, a URL on PostgreSQL; both open with the same call.

A test about SQLite itself (the write-ahead log, ``secure_delete`` on disk, a migration from a
SQLite database older than the PostgreSQL baseline) carries ``@pytest.mark.sqlite_only(reason)``
and is skipped, with its reason, on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import os
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from db.database import Database
from sandbox.pg_server import PgServer

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = (SQLITE, POSTGRESQL)
ENV = "KINDRED_TEST_DB"
TEMPLATE = "kindred_tmpl"
T = TypeVar("T")

# Fixtures that give a test a database (directly or through the running bot): on PostgreSQL
# only tests that use one of them run; the others do not touch the database and the SQLite
# pass has already run them.
DATABASE_FIXTURES = frozenset({"db", "db_url", "kindred", "postgres"})


def chosen(config: pytest.Config) -> str:
    """The backend this session runs on: ``--db``, else ``$KINDRED_TEST_DB``, else SQLite."""
    value = str(config.getoption("--db") or os.environ.get(ENV) or SQLITE).lower()
    if value in ("postgres", "pg"):
        value = POSTGRESQL
    if value not in BACKENDS:
        raise pytest.UsageError(f"--db / {ENV} must be one of {', '.join(BACKENDS)}, not {value!r}")
    return value


class PostgresDatabases:
    """Fresh, migrated databases on one throw-away server, each a copy of the template.

    Databases are made and dropped over one admin connection that lives on its own thread and
    event loop for the whole session (each test has its own loop, and an asyncpg connection
    belongs to one): a new connection for each would cost more than the copy itself. A drop
    is queued there and the test does not wait for it.
    """

    def __init__(self, server: PgServer, ready_seconds: float = 0.0) -> None:
        import asyncpg

        self.server = server
        self.ready_seconds = ready_seconds  # to start the server and migrate the template
        self.created = 0
        self.seconds_creating = 0.0
        self.seconds_dropping = 0.0
        self._names = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="test-databases", daemon=True
        )
        self._thread.start()
        self._lock = asyncio.Lock()  # made here, used only on self._loop
        self._admin: Any = self._call(asyncpg.connect(server.url))

    def _call(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    async def _statement(self, sql: str) -> float:
        async with self._lock:
            began = time.perf_counter()
            await self._admin.execute(sql)
            return time.perf_counter() - began

    async def create(self) -> str:
        """A new database copied from the migrated template; its URL."""
        name = f"t_{os.getpid()}_{next(self._names)}"
        future = asyncio.run_coroutine_threadsafe(
            self._statement(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"'), self._loop
        )
        began = time.perf_counter()
        await asyncio.wrap_future(future)
        self.seconds_creating += time.perf_counter() - began
        self.created += 1
        return self.server.url_for(name)

    async def drop(self, url: str) -> None:
        """Drop a database made by ``create`` (whoever is still connected is disconnected)."""
        name = url.rsplit("/", 1)[1]
        future = asyncio.run_coroutine_threadsafe(
            self._statement(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'), self._loop
        )
        future.add_done_callback(self._dropped)

    def _dropped(self, future: concurrent.futures.Future[float]) -> None:
        if not future.cancelled() and future.exception() is None:
            self.seconds_dropping += future.result()

    def close(self) -> None:
        """Finish the queued drops and close the admin connection (before the server stops)."""
        self._call(self._closing())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _closing(self) -> None:
        async with self._lock:
            await self._admin.close()

    def summary(self) -> str:
        """One line for the end of the session: what the PostgreSQL pass spent on databases."""
        line = f"PostgreSQL: server and template ready in {self.ready_seconds:.1f} s"
        if self.created:
            create = self.seconds_creating / self.created * 1000
            drop = self.seconds_dropping / self.created * 1000
            line += (
                f"; {self.created} test databases, {create:.0f} ms to create"
                f" and {drop:.0f} ms to drop each (off the test's clock)"
            )
        return line


def sqlite_file(folder: Path) -> str:
    """The SQLite database a test keeps in its temp folder."""
    return str(folder / "kindred.sqlite3")


def dialect(db: Database) -> str:
    """``sqlite`` or ``postgresql``: the backend ``db`` runs on."""
    return str(getattr(db, "dialect", SQLITE))


# --- reading the schema on either backend (tests only; the bot never needs to) ----------------


async def table_names(db: Database) -> list[str]:
    """Every table of Kindred's schema, sorted (not the backends' own bookkeeping tables)."""
    if dialect(db) == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        names = [r[0] for r in rows]
    else:
        rows = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        names = [r[0] for r in rows]
    return sorted(n for n in names if n not in BOOKKEEPING)


async def column_names(db: Database, table: str) -> list[str]:
    """The columns of ``table`` in their order."""
    if dialect(db) == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [r[0] for r in rows]
    return [r["name"] for r in await db.fetchall(f"PRAGMA table_info({table})")]


async def index_names(db: Database, table: str) -> set[str]:
    """The named indexes of ``table`` (not the ones a backend makes for a key by itself)."""
    if dialect(db) == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = ?",
            (table,),
        )
    else:
        rows = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        )
    return {r[0] for r in rows}


# The migration bookkeeping of the PostgreSQL backend; SQLite keeps it in PRAGMA user_version.
BOOKKEEPING = frozenset({"kindred_schema"})

"""Shared fixtures: a migrated database (SQLite, or PostgreSQL with ``--db``) and a fake clock.

See tests/backends.py for how a test gets its database on each backend.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot import DataFiles, KindredBot, Services, build_local_bot, load_data_files, open_database
from cogs.utils.clock import FakeClock
from db.database import Database
from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.pg_server import PgServer
from sandbox.world import World, build_world
from tests.backends import (
    DATABASE_FIXTURES,
    POSTGRESQL,
    TEMPLATE,
    PostgresDatabases,
    chosen,
    sqlite_file,
)

# A Monday morning in New York, a few weeks before the DST change; tests move it forward.
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """``bot.py check`` fails on helplines unchecked for a year: tests read a fixed date, so
    they do not start failing on the calendar (tests that need another date patch it again)."""
    monkeypatch.setattr(
        "cogs.admin._check.current_date", lambda: datetime(2026, 12, 5, tzinfo=UTC).date()
    )


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when the test says so."""
    return FakeClock(START)


# --- the database: SQLite by default, PostgreSQL with --db=postgresql -------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        default=None,
        choices=("sqlite", "postgresql"),
        help="the database the tests run on (default: $KINDRED_TEST_DB, else sqlite); "
        "postgresql starts a throw-away server and runs only the tests that use a database",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_BACKEND] = chosen(config)


def pytest_report_header(config: pytest.Config) -> str:
    return f"database: {config.stash[_BACKEND]}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL: skip the SQLite-only tests and leave out those that use no database."""
    if config.stash[_BACKEND] != POSTGRESQL:
        return
    kept, left_out = [], []
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        uses_db = DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        (kept if uses_db or marker is not None else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


_BACKEND = pytest.StashKey[str]()
_POSTGRES = pytest.StashKey[PostgresDatabases]()
# The exit status of a PostgreSQL session that could not start its server (EX_TEMPFAIL).
NO_SERVER = 75


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: what this session's databases are."""
    return request.config.stash[_BACKEND]


@pytest.fixture(scope="session")
def postgres(request: pytest.FixtureRequest, backend: str) -> Iterator[PostgresDatabases | None]:
    """On PostgreSQL: a throw-away server with a migrated template database (once a session).

    When no server can be started here the session stops at once, saying why, with exit
    status ``NO_SERVER`` (``make test`` then says it skipped the PostgreSQL pass, or fails
    under ``CI=true``).
    """
    if backend != POSTGRESQL:
        yield None
        return
    from sandbox import pg_server

    began = time.monotonic()
    try:
        reason = pg_server.unavailable()
        if reason is not None:
            raise RuntimeError(reason)
        with _folder_in_memory():
            server = pg_server.start()
    except RuntimeError as exc:
        pytest.exit(f"PostgreSQL pass: cannot start a server: {exc}", returncode=NO_SERVER)
    try:
        asyncio.run(_migrate_template(server))
        databases = PostgresDatabases(server, ready_seconds=time.monotonic() - began)
        request.config.stash[_POSTGRES] = databases
        try:
            yield databases
        finally:
            databases.close()
    finally:
        server.stop()


@contextmanager
def _folder_in_memory() -> Iterator[None]:
    """Make the server's temp folder in /dev/shm when it has room: creating each test's
    database copies the template's files, which took ~0.3-0.5 s on a busy disk and ~20 ms
    in memory. Elsewhere (no /dev/shm, or a small one as in Docker) the usual temp folder."""
    shm = Path("/dev/shm")
    roomy = shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 2**30
    before = tempfile.tempdir
    if roomy:
        tempfile.tempdir = str(shm)
    try:
        yield
    finally:
        tempfile.tempdir = before


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """How long the PostgreSQL pass spent on its server and its test databases."""
    databases = config.stash.get(_POSTGRES, None)
    if databases is not None:
        terminalreporter.write_line(databases.summary())


async def _migrate_template(server: PgServer) -> None:
    url = await server.create_database(TEMPLATE)
    database = await open_database(url)
    await database.close()


@pytest.fixture
async def db_url(
    backend: str, postgres: PostgresDatabases | None, tmp_path: Path
) -> AsyncIterator[str]:
    """Where this test's database is: a file in its temp folder, or a fresh PostgreSQL database.

    Open it with ``bot.open_database`` (or start the bot over it): it is migrated either way.
    Opening it again after closing is a restart over the same data.
    """
    async with fresh_database(postgres, tmp_path) as url:
        yield url


@asynccontextmanager
async def fresh_database(postgres: PostgresDatabases | None, folder: Path) -> AsyncIterator[str]:
    """A new migrated database for as long as the block lasts (for fixtures wider than a test)."""
    if postgres is None:
        yield sqlite_file(folder)
        return
    url = await postgres.create()
    try:
        yield url
    finally:
        await postgres.drop(url)


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    """A real database, migrated: SQLite in a temp file, or a fresh copy of the PostgreSQL template."""
    database = await open_database(db_url)
    yield database
    await database.close()


# --- the real bot against the local Discord stand-in ------------------------------------------


@pytest.fixture(scope="session")
def data_files() -> DataFiles:
    """The shipped config data, loaded once (it is immutable and takes a moment to build)."""
    return load_data_files(None)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """The local Discord stand-in on 127.0.0.1."""
    stand_in = FakeDiscord()
    await stand_in.start()
    yield stand_in
    await stand_in.stop()


@pytest.fixture
def world(fake: FakeDiscord) -> World:
    """The demo server: a coordinator, two moderators, ten members."""
    return build_world(fake)


@dataclass
class Kindred:
    """The running bot and the handles a test needs."""

    bot: KindredBot
    driver: Driver
    fake: FakeDiscord
    world: World
    clock: FakeClock

    @property
    def services(self) -> Services:
        return self.bot.services


@asynccontextmanager
async def running_kindred(
    fake: FakeDiscord, world: World, db_url: str | Path, clock: FakeClock, data: DataFiles
) -> AsyncIterator[Kindred]:
    """Start the real Kindred bot against ``fake``; a new call over the same database is a restart."""
    bot = await build_local_bot(db_url, clock, world.guild.id, data)
    async with run_bot(fake, bot) as driver:
        yield Kindred(bot=bot, driver=driver, fake=fake, world=world, clock=clock)
        assert driver.logged_errors == [], [r.getMessage() for r in driver.logged_errors]


@pytest.fixture
async def kindred(
    fake: FakeDiscord, world: World, db_url: str, clock: FakeClock, data_files: DataFiles
) -> AsyncIterator[Kindred]:
    """Kindred running against the demo server with a fresh database and a fake clock."""
    async with running_kindred(fake, world, db_url, clock, data_files) as running:
        yield running

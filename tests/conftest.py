"""Shared fixtures: a migrated database in a temp file and a fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import DataFiles, KindredBot, Services, build_local_bot, load_data_files
from cogs.utils.clock import FakeClock
from db.database import Database
from db.migrate import migrate
from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import World, build_world

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


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A real SQLite database in a temp file, migrated from zero."""
    database = Database(tmp_path / "kindred.sqlite3")
    await database.connect()
    await migrate(database)
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
    fake: FakeDiscord, world: World, db_path: Path, clock: FakeClock, data: DataFiles
) -> AsyncIterator[Kindred]:
    """Start the real Kindred bot against ``fake``; a new call over the same file is a restart."""
    bot = await build_local_bot(db_path, clock, world.guild.id, data)
    async with run_bot(fake, bot) as driver:
        yield Kindred(bot=bot, driver=driver, fake=fake, world=world, clock=clock)
        assert driver.logged_errors == [], [r.getMessage() for r in driver.logged_errors]


@pytest.fixture
async def kindred(
    fake: FakeDiscord, world: World, tmp_path: Path, clock: FakeClock, data_files: DataFiles
) -> AsyncIterator[Kindred]:
    """Kindred running against the demo server with a fresh database and a fake clock."""
    path = tmp_path / "kindred.sqlite3"
    async with running_kindred(fake, world, path, clock, data_files) as running:
        yield running

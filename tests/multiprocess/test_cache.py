"""Guild settings changed by one process are seen by another (db/notify.py).

Two ``Database`` objects on one database stand for two processes: each has its own pool, its
own LISTEN connection and its own repository cache. On SQLite there is one process, so the test
checks that the writer's own cache is exact and that nothing listens.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from db.database import Database
from db.migrate import open_database
from db.notify import invalidations, parse
from db.repositories.guild_settings import GuildSettingsRepository

GUILD = 4242
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WAIT = 10.0  # seconds: a limit for a notification that should arrive at once, not a sleep


@pytest.fixture
async def two(db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first = await open_database(db_url)
    second = await open_database(db_url)
    yield first, second
    await second.close()
    await first.close()


async def _next_change(db: Database, before: int) -> None:
    await asyncio.wait_for(invalidations(db).wait_past(before), WAIT)


async def _notify_then_fail(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.execute("SELECT pg_notify('kindred_cache', 'guild_settings:1')")
        raise RuntimeError("rolled back")


def test_payloads_parse() -> None:
    assert parse("guild_settings:42") == ("guild_settings", 42)
    assert parse("guild_settings:*") == ("guild_settings", None)
    assert parse("nonsense") is None
    assert parse("guild_settings:x") is None


async def test_a_change_through_one_process_reaches_the_other_cache(
    two: tuple[Database, Database],
) -> None:
    a, b = two
    writer, reader = GuildSettingsRepository(a), GuildSettingsRepository(b)
    await writer.update(GUILD, {"country": "GB"}, actor_id=1, now=NOW)
    assert (await reader.get(GUILD)).country == "GB"  # now cached in the reader
    if b.dialect == "sqlite":
        assert not invalidations(b).needed  # one process: the writer's own refresh is enough
        assert (await writer.get(GUILD)).country == "GB"
        return
    before = invalidations(b).generation
    await writer.update(GUILD, {"country": "IN"}, actor_id=1, now=NOW)
    await _next_change(b, before)
    assert (await reader.get(GUILD)).country == "IN"
    assert (await writer.get(GUILD)).country == "IN"


async def test_a_rolled_back_change_is_not_announced(two: tuple[Database, Database]) -> None:
    a, b = two
    if b.dialect == "sqlite":
        pytest.skip("SQLite: one process, nothing is announced")
    reader = GuildSettingsRepository(b)
    await reader.get(GUILD)
    before = invalidations(b).generation
    with pytest.raises(RuntimeError):
        await _notify_then_fail(a)
    # A committed change after it is the first thing the reader hears.
    await GuildSettingsRepository(a).update(GUILD, {"country": "FR"}, actor_id=1, now=NOW)
    await _next_change(b, before)
    assert invalidations(b).generation == before + 1
    assert (await reader.get(GUILD)).country == "FR"


async def test_erasing_a_member_drops_every_cached_guild(two: tuple[Database, Database]) -> None:
    a, b = two
    writer, reader = GuildSettingsRepository(a), GuildSettingsRepository(b)
    await writer.update(GUILD, {"country": "GB"}, actor_id=7, now=NOW)
    await writer.update(GUILD + 1, {"country": "GB"}, actor_id=7, now=NOW)
    assert (await reader.get(GUILD)).updated_by == 7
    assert (await reader.get(GUILD + 1)).updated_by == 7
    if b.dialect == "sqlite":
        return
    before = invalidations(b).generation
    await writer.erase_member(7)
    await _next_change(b, before)
    assert (await reader.get(GUILD)).updated_by is None
    assert (await reader.get(GUILD + 1)).updated_by is None


async def test_a_lost_listen_connection_drops_the_cache_and_comes_back(
    two: tuple[Database, Database],
) -> None:
    a, b = two
    if b.dialect == "sqlite":
        pytest.skip("SQLite: nothing listens")
    writer, reader = GuildSettingsRepository(a), GuildSettingsRepository(b)
    await writer.update(GUILD, {"country": "GB"}, actor_id=1, now=NOW)
    assert (await reader.get(GUILD)).country == "GB"
    changes = invalidations(b)
    listener_pid = changes._conn.get_server_pid()
    before = changes.generation
    # The server ends the LISTEN connection (a restart, a network cut, an operator).
    await a.fetchval("SELECT pg_terminate_backend(?)", (listener_pid,))
    await _next_change(b, before)  # the loss: everything dropped
    assert reader._cache == {}
    # A change made while it was away is read from the database, not from a stale copy.
    await writer.update(GUILD, {"country": "IN"}, actor_id=1, now=NOW)
    assert (await reader.get(GUILD)).country == "IN"
    while changes.reconnects == 0:  # back: dropped again, and listening
        await _next_change(b, changes.generation)
    assert changes.reconnects == 1
    assert changes.healthy
    before = changes.generation
    await writer.update(GUILD, {"country": "FR"}, actor_id=1, now=NOW)
    await _next_change(b, before)
    assert (await reader.get(GUILD)).country == "FR"

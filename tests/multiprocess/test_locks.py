"""Named locks across processes (db/locks.py): advisory locks on PostgreSQL, asyncio on SQLite.

On PostgreSQL two ``Database`` objects on one database stand for two processes. On SQLite there
is one process, so both "sides" are the same ``Database``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from db.database import Database
from db.locks import hold, lock_key
from db.migrate import open_database
from db.postgres import LOCK_POOL_SIZE, POOL_SIZE, WRITER_KEY

WAIT = 10.0  # seconds: a limit for something that should happen at once, not a sleep


@pytest.fixture
async def two(db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first = await open_database(db_url)
    if first.dialect == "sqlite":
        yield first, first  # one process owns a SQLite file
        await first.close()
        return
    second = await open_database(db_url)
    yield first, second
    await second.close()
    await first.close()


async def _waiting_on_the_server(db: Database, count: int) -> None:
    """Return once ``count`` sessions wait for an advisory lock (PostgreSQL only)."""
    sql = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    while True:  # each query is a round trip: the other tasks run meanwhile
        if await db.fetchval(sql) >= count:
            return


async def _blocked(other: Database, task: asyncio.Task[None], entered: asyncio.Event) -> None:
    """Let ``task`` run until it waits for the lock, and check it did not get in."""
    if other.dialect == "postgresql":
        await asyncio.wait_for(_waiting_on_the_server(other, 1), WAIT)
    else:
        for _ in range(20):  # it would be in after a few turns of the loop if it could
            await asyncio.sleep(0)
    assert not entered.is_set()
    assert not task.done()


def test_keys_are_stable_64_bit_and_distinct() -> None:
    assert lock_key("nudge", 42) == lock_key("nudge", 42)
    assert lock_key("nudge", 42) == 3398557652660232577  # the same in every process and run
    names = ("nudge", "cohort_channels", "automod_rule")
    keys = {lock_key(name, key) for name in names for key in (0, 1, 2)}
    assert len(keys) == 9
    assert WRITER_KEY not in keys
    assert all(-(2**63) <= k < 2**63 for k in keys)


async def test_one_holder_at_a_time_across_processes(two: tuple[Database, Database]) -> None:
    a, b = two
    entered = asyncio.Event()

    async def second() -> None:
        async with hold(b, "nudge", 7):
            entered.set()

    async with hold(a, "nudge", 7):
        task = asyncio.create_task(second())
        await _blocked(b, task, entered)
    await asyncio.wait_for(task, WAIT)
    assert entered.is_set()


async def test_other_names_and_ids_do_not_wait(two: tuple[Database, Database]) -> None:
    a, b = two
    async with (
        hold(a, "nudge", 7),
        asyncio.timeout(WAIT),
        hold(b, "nudge", 8),
        hold(b, "cohort_channels", 7),
    ):
        pass


async def test_an_error_inside_releases_it(two: tuple[Database, Database]) -> None:
    a, b = two
    with pytest.raises(RuntimeError):
        await _fail_holding(a)
    async with asyncio.timeout(WAIT), hold(b, "nudge", 7):
        pass


async def _fail_holding(db: Database) -> None:
    async with hold(db, "nudge", 7):
        raise RuntimeError("the work failed")


async def test_a_cancelled_waiter_leaves_the_lock_usable(two: tuple[Database, Database]) -> None:
    a, b = two
    entered = asyncio.Event()

    async def waiter() -> None:
        async with hold(b, "nudge", 7):
            entered.set()

    async with hold(a, "nudge", 7):
        task = asyncio.create_task(waiter())
        await _blocked(b, task, entered)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert not entered.is_set()
    # Neither side is left holding it: each can take it again at once.
    async with asyncio.timeout(WAIT), hold(b, "nudge", 7):
        pass
    async with asyncio.timeout(WAIT), hold(a, "nudge", 7):
        pass


async def test_many_waiters_in_one_process_use_one_connection(
    two: tuple[Database, Database],
) -> None:
    """More waiters than pooled connections: the holder still gets one for its own work."""
    a, b = two
    done = 0

    async def worker() -> None:
        nonlocal done
        async with hold(b, "nudge", 7):
            await b.execute_rowcount("UPDATE guild_settings SET country = country")
            done += 1

    async with hold(a, "nudge", 7):
        tasks = [asyncio.create_task(worker()) for _ in range(25)]
        if b.dialect == "postgresql":
            await asyncio.wait_for(_waiting_on_the_server(a, 1), WAIT)
    await asyncio.wait_for(asyncio.gather(*tasks), WAIT)
    assert done == 25


async def test_as_many_holders_as_the_pool_still_do_their_work(
    two: tuple[Database, Database],
) -> None:
    """Ten locks held at once (ten members' crisis steps, each over a Discord call), each
    holder then querying: the locks' sessions are not the work pool's, so nothing waits.
    With the locks on the work pool, the ten held all ten connections and each waited for an
    eleventh: every query in the process hung."""
    a, _ = two
    holders = POOL_SIZE
    assert holders <= LOCK_POOL_SIZE
    all_in = asyncio.Event()
    inside = 0

    async def holder(key: int) -> int:
        nonlocal inside
        async with hold(a, "crisis_member", key):
            inside += 1
            if inside == holders:
                all_in.set()
            await all_in.wait()  # every lock held before any holder's work starts
            return int(await a.fetchval("SELECT count(*) FROM guild_settings") or 0) + 1

    results = await asyncio.wait_for(asyncio.gather(*(holder(k) for k in range(holders))), WAIT)
    assert results == [1] * holders

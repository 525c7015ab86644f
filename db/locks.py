"""Named locks that hold across every Kindred process on one database.

``async with hold(db, "nudge", guild_id):`` lets one task at a time, in any process, do the work
guarded by that name and id. Use it for a check-then-act that the writer lock does not cover
because it spans more than one unit of work or a call to Discord (checking a member's nudge
limit and then recording the nudge; creating a cohort's missing channels; reading a server's
AutoMod rules, changing Kindred's and storing its id).

**PostgreSQL.** A session-level ``pg_advisory_lock`` on a connection of its own for as long as
the lock is held, from the database's lock pool (``lock_pool``), never the pool work runs on:
the guarded work (its queries, its Discord calls) must always find a connection, however many
locks are held at once. Its key is a stable 64-bit hash of the name and id (the same in every
process and every run, unlike Python's ``hash``). It is released on exit and on error, and by
the server if the process dies (the session ends). Within a process, tasks queue on an asyncio
lock first, so at most one connection per name and id waits on the server. Do not take a lock
inside a unit of work (``db.transaction()``): that holds a work connection while waiting.

**SQLite.** One process owns the database: an asyncio lock per name and id, as before.
"""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from db.database import Database


def lock_key(name: str, key: int = 0) -> int:
    """The advisory lock key of ``name`` and ``key``: a signed 64-bit int, stable across runs."""
    digest = hashlib.blake2b(f"kindred-lock:{name}:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_local: weakref.WeakKeyDictionary[Database, dict[tuple[str, int], asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


def _local_lock(db: Database, name: str, key: int) -> asyncio.Lock:
    locks = _local.setdefault(db, {})
    found = locks.get((name, key))
    if found is None:
        # Kept for the process's life: one per name and id in use (a few per server at most).
        found = locks[(name, key)] = asyncio.Lock()
    return found


@asynccontextmanager
async def hold(db: Database, name: str, key: int = 0) -> AsyncIterator[None]:
    """Hold the lock ``name``/``key`` for the block, in every process on ``db`` (see module)."""
    async with _local_lock(db, name, key):
        if db.dialect != "postgresql":
            yield
            return
        advisory = lock_key(name, key)
        pool = db.lock_pool  # type: ignore[attr-defined]
        async with pool.acquire() as raw:
            await raw.execute("SELECT pg_advisory_lock($1)", advisory)
            try:
                yield
            finally:
                # If this is cancelled, the pool still unlocks: asyncpg's reset of a released
                # connection runs pg_advisory_unlock_all().
                await raw.execute("SELECT pg_advisory_unlock($1)", advisory)

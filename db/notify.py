"""Cache invalidation across processes: "this changed, drop your copy".

Some reads are cached in memory because every message needs them (the guild settings). With one
process the repository that writes also refreshes its cache, so the cache is exact. With several
processes on one PostgreSQL database, a change made by one must reach the others' caches.

**PostgreSQL.** The writer calls ``await publish(conn, "guild_settings", guild_id)`` inside its
unit of work: that is ``pg_notify('kindred_cache', 'guild_settings:<guild id>')``, which
PostgreSQL delivers at commit and never on rollback, to every connection that LISTENs. Each
process keeps one dedicated LISTEN connection (``Invalidations.ensure_listening``, opened before
the first cached read so no change between the read and the LISTEN can be missed) and calls the
subscribers for that topic with the guild id (``None`` in the payload's place: drop everything).
When that connection is lost, notifications may have been missed: every subscriber drops
everything and nothing is cached again until the connection is back (``healthy`` is False).

**SQLite.** One process owns the file, and the repository that writes refreshes its own cache,
so ``publish`` does nothing and nothing listens: the in-process invalidation is enough.

**A read that races a change.** A process can read the old row, then get the notification, then
store what it read. ``generation`` counts invalidations; a cache stores a value only when the
generation did not move while it was being read (``Invalidations.may_store``).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from typing import Any

from db.database import Connection, Database

log = logging.getLogger(__name__)

CHANNEL = "kindred_cache"
ALL = "*"  # the payload's key part for "drop every entry of this topic"
# Waits between attempts to open the LISTEN connection again after it was lost (seconds).
RECONNECT_DELAYS = (0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)

Subscriber = Callable[[int | None], None]


async def publish(conn: Connection, db: Database, topic: str, key: int | None) -> None:
    """Tell every process to drop ``topic``'s cached ``key`` (None: all) when this unit commits."""
    if db.dialect != "postgresql":
        return  # SQLite: one process; the writer refreshes its own cache
    await conn.execute(
        "SELECT pg_notify(?, ?)", (CHANNEL, f"{topic}:{ALL if key is None else key}")
    )


def parse(payload: str) -> tuple[str, int | None] | None:
    """``"guild_settings:42"`` -> ``("guild_settings", 42)``; ``":*"`` -> None key; junk -> None."""
    topic, sep, key = payload.rpartition(":")
    if not sep or not topic:
        return None
    if key == ALL:
        return topic, None
    try:
        return topic, int(key)
    except ValueError:
        return None


class Invalidations:
    """One process's view of the ``kindred_cache`` channel for one database (see module doc)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._subscribers: dict[str, list[Subscriber]] = {}
        self._conn: Any = None  # the dedicated asyncpg LISTEN connection
        self._starting: asyncio.Lock | None = None
        self._reconnecting: asyncio.Task[None] | None = None
        self._closed = False
        self.generation = 0
        self._changed: asyncio.Condition | None = None
        # How many times the LISTEN connection was opened again after being lost (for tests).
        self.reconnects = 0

    @property
    def needed(self) -> bool:
        """True on PostgreSQL, where other processes may write."""
        return self.db.dialect == "postgresql"

    @property
    def healthy(self) -> bool:
        """Whether cached values can be trusted: always on SQLite, while listening on PostgreSQL."""
        return not self.needed or (self._conn is not None and not self._conn.is_closed())

    def subscribe(self, topic: str, subscriber: Subscriber) -> None:
        """Call ``subscriber(key)`` when ``topic``'s ``key`` changed (``None``: drop all)."""
        self._subscribers.setdefault(topic, []).append(subscriber)

    def may_store(self, generation: int) -> bool:
        """True when a value read at ``generation`` may be cached (nothing changed since)."""
        return self.healthy and generation == self.generation

    async def ensure_listening(self) -> None:
        """Open the LISTEN connection if it is not open yet (a no-op on SQLite and once open)."""
        if not self.needed or self._conn is not None or self._closed:
            return
        if self._reconnecting is not None:
            return  # the reconnect loop is on it; until then nothing is cached
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._conn is None and not self._closed:
                await self._listen()

    async def _listen(self) -> None:
        import asyncpg  # only on PostgreSQL

        url: str = self.db.url  # type: ignore[attr-defined]
        conn = await asyncpg.connect(url)
        await conn.add_listener(CHANNEL, self._on_notify)
        conn.add_termination_listener(self._on_lost)
        self._conn = conn
        log.debug("listening for cache invalidations on %s", CHANNEL)

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        parsed = parse(payload)
        if parsed is None:
            log.warning("ignoring a cache notification I do not understand: %r", payload)
            return
        topic, key = parsed
        self._invalidate(topic, key)

    def _invalidate(self, topic: str | None, key: int | None) -> None:
        self.generation += 1
        topics = list(self._subscribers) if topic is None else [topic]
        for name in topics:
            for subscriber in self._subscribers.get(name, ()):
                try:
                    subscriber(key)
                except Exception:  # one bad subscriber must not stop the others
                    log.exception("cache subscriber for %s failed", name)
        if self._changed is not None:
            asyncio.get_running_loop().create_task(self._wake())

    async def _wake(self) -> None:
        changed = self._changed
        if changed is not None:
            async with changed:
                changed.notify_all()

    async def wait_past(self, generation: int) -> None:
        """Return once ``self.generation`` is past ``generation`` (a change has arrived)."""
        if self._changed is None:
            self._changed = asyncio.Condition()
        async with self._changed:
            await self._changed.wait_for(lambda: self.generation > generation)

    def _on_lost(self, _conn: Any) -> None:
        """The LISTEN connection closed: drop everything and open it again."""
        self._conn = None
        if self._closed:
            return
        log.warning("lost the cache invalidation connection; dropping cached data")
        self._invalidate(None, None)
        if self._reconnecting is None:
            self._reconnecting = asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        try:
            attempt = 0
            while not self._closed:
                await asyncio.sleep(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
                attempt += 1
                try:
                    await self._listen()
                except Exception as exc:  # the server is down or restarting: keep trying
                    log.warning("cannot listen for cache invalidations yet: %s", exc)
                    continue
                self.reconnects += 1
                # Anything cached between the loss and now was read without a listener.
                self._invalidate(None, None)
                return
        finally:
            self._reconnecting = None

    async def close(self) -> None:
        """Stop listening (idempotent)."""
        self._closed = True
        task, self._reconnecting = self._reconnecting, None
        if task is not None:
            task.cancel()
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.remove_termination_listener(self._on_lost)
            await conn.close()


_by_database: weakref.WeakKeyDictionary[Database, Invalidations] = weakref.WeakKeyDictionary()


def invalidations(db: Database) -> Invalidations:
    """The one ``Invalidations`` of ``db`` in this process (made on first use)."""
    found = _by_database.get(db)
    if found is None:
        found = _by_database[db] = Invalidations(db)
        closers = getattr(db, "closers", None)
        if closers is not None:
            closers.append(found.close)
    return found

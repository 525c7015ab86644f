"""The SQLite backend: WAL, foreign keys, one writer, and units of work.

aiosqlite runs each connection on its own thread, so reads never block the event loop. Writes
go through one lock and ``BEGIN IMMEDIATE`` so two coroutines can never interleave statements
of different units of work (Datasette's "one writer" pattern).

Erased means erased on disk too: ``secure_delete`` makes SQLite overwrite deleted and replaced
content with zeros (in pages and on the freelist), and ``scrub()`` empties the write-ahead log,
which still holds old page images, after an erase or a retention purge.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

# SCRUB_WAIT_MS: how long scrub() waits for another process's readers (a backup, an open
# sqlite3 shell) before leaving the WAL for the next scrub: not long, as every query of the bot
# waits behind it.
from db.database import BUSY_TIMEOUT_MS, SCRUB_WAIT_MS, Database, DatabaseError, Params

# The logger keeps its old name: operators' log filters and the scrub tests look for it.
log = logging.getLogger("db.database")


def _folder_problem(path: str) -> str | None:
    """Why the database file cannot be created there, or None (a cheap check, once at start)."""
    if path == ":memory:":
        return None
    parent = Path(path).expanduser().resolve().parent
    if not parent.is_dir():
        return (
            f"cannot open the database {path}: the folder {parent} does not exist. "
            "Create it, or set KINDRED_DB to a writable path."
        )
    return None


class SqliteDatabase(Database):
    """One connection to the Kindred database file (or ``:memory:``)."""

    dialect = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        # True when the last scrub() could not empty the WAL; the next one (or close) retries.
        self.scrub_pending = False

    @property
    def conn(self) -> aiosqlite.Connection:
        """The open connection; raises if ``connect()`` was not awaited."""
        if self._conn is None:
            raise DatabaseError("the database is not open; call connect() first")
        return self._conn

    async def connect(self) -> None:
        """Open the file with WAL and foreign keys on; raise DatabaseError with a clear reason."""
        problem = _folder_problem(self.path)
        if problem:
            raise DatabaseError(problem)
        conn: aiosqlite.Connection | None = None
        try:
            conn = await aiosqlite.connect(self.path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            # Overwrite deleted content with zeros; some SQLite builds default to it, some not.
            await conn.execute("PRAGMA secure_delete = ON")
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            # Reading the schema proves the file is a database we can use.
            await conn.execute("SELECT count(*) FROM sqlite_master")
        except sqlite3.Error as exc:
            if conn is not None:
                await conn.close()  # else its worker thread keeps the process alive
            raise DatabaseError(
                f"cannot open the database {self.path}: {exc}. "
                "Check that the file is a Kindred database and that it is writable "
                "(or set KINDRED_DB to another path)."
            ) from None
        self._conn = conn
        log.debug("database open at %s", self.path)

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        if self.scrub_pending and self._conn is not None:
            await self.scrub()
        # Detach first: a second close() racing this one (discord.py closes the bot twice on
        # shutdown) must not await a connection whose worker thread has already stopped.
        conn, self._conn = self._conn, None
        if conn is not None:
            await conn.close()

    async def scrub(self) -> bool:
        """Leave no old copy of erased data in the files; True when done, False to retry later.

        Deleted and overwritten content is already zeroed in its page (``secure_delete``), but
        the write-ahead log still holds the earlier images of every page changed since the last
        checkpoint. This copies the WAL into the main file and truncates it to zero bytes. Call
        it after erasing or purging anything, outside a unit of work (it takes the writer lock).

        Another process reading the database (a backup tool, an open ``sqlite3`` shell) can keep
        the WAL from being emptied; then this logs a warning, sets ``scrub_pending`` and returns
        False, and the next scrub (the next erase or purge, at the latest the daily retention
        sweep, or closing the database) tries again. It never raises for that: what was erased
        stays erased from the tables either way.
        """
        if self.path == ":memory:":
            return True  # no files
        row: sqlite3.Row | None = None
        reason = "another process is reading the database"
        async with self._write_lock:
            conn = self.conn
            try:
                await conn.execute(f"PRAGMA busy_timeout = {SCRUB_WAIT_MS:d}")
                try:
                    async with conn.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                        row = await cursor.fetchone()
                finally:
                    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            except sqlite3.Error as exc:
                reason = str(exc)
        # (busy, frames left in the WAL, frames copied): the WAL is empty once busy is 0 and no
        # frames are left (-1: the file is not in WAL mode, so there is no WAL to empty).
        done = row is not None and row[0] == 0 and row[1] <= 0
        if not done:
            log.warning(
                "could not empty the write-ahead log %s-wal (%s): erased data stays in it until "
                "the next scrub",
                self.path,
                reason,
            )
        elif self.scrub_pending:
            log.info("emptied the write-ahead log that an earlier scrub could not")
        self.scrub_pending = not done
        return done

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A unit of work: ``BEGIN IMMEDIATE`` under the writer lock; commit, or roll back on error."""
        async with self._write_lock:
            conn = self.conn
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement in its own unit of work; return the last row id."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.lastrowid or 0

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """Run a query and return its first row, or None."""
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Run a query and return every row."""
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def schema_version(self) -> int:
        """``PRAGMA user_version``: the last migration applied (0 for a new file)."""
        return int(await self.fetchval("PRAGMA user_version") or 0)

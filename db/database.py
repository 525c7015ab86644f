"""The database: one interface, two backends (SQLite by default, PostgreSQL by URL).

Repositories see one small surface, whichever backend is open::

    row = await db.fetchone("SELECT ... WHERE id = ?", (7,))       # also fetchall, fetchval
    changed = await db.execute_rowcount("UPDATE ...", params)     # one write, its own unit
    async with db.transaction() as conn:                           # a unit of work
        cursor = await conn.execute(sql, params)                   # or: async with conn.execute(..)
        row = await cursor.fetchone(); cursor.rowcount

SQL is written once, with ``?`` placeholders, in the SQL both backends understand; rows answer
``row["col"]`` and ``row[0]`` (``sqlite3.Row`` and ``asyncpg.Record`` both do). ``dialect``
("sqlite" | "postgresql") is for the few places that must differ.

``Database(target)`` opens the backend the target names: a ``postgresql://`` or
``postgres://`` URL is PostgreSQL (``db/postgres.py``), anything else is a SQLite file path or
``:memory:`` (``db/sqlite.py``). Both keep one writer at a time (SQLite by its nature, PostgreSQL
with a global advisory lock), because repositories check and then write inside one unit of work.

Ids of new rows: ``cursor.lastrowid`` exists on SQLite only. Code that runs on both backends
writes ``INSERT ... RETURNING id`` and reads the id from the row.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

Params = Iterable[Any] | dict[str, Any]
Dialect = Literal["sqlite", "postgresql"]

# Kept here so existing imports (tests, the scrub test) find them where they always were.
BUSY_TIMEOUT_MS = 5000
SCRUB_WAIT_MS = 250


class DatabaseError(Exception):
    """The database cannot be opened or used; ``str()`` says what to do."""


class Row(Protocol):
    """A result row: ``row["col"]``, ``row[0]`` and ``keys()`` (sqlite3.Row, asyncpg.Record)."""

    def keys(self) -> Any: ...
    def __getitem__(self, key: Any, /) -> Any: ...


class Cursor(Protocol):
    """What a statement run inside a unit of work gives back."""

    @property
    def rowcount(self) -> int: ...
    @property
    def lastrowid(self) -> int | None: ...
    async def fetchone(self) -> Any: ...
    async def fetchall(self) -> Iterable[Any]: ...


class CursorResult(Protocol):
    """``conn.execute(...)``: awaited for its cursor, or used as ``async with ... as cursor``."""

    def __await__(self) -> Generator[Any, None, Any]: ...
    async def __aenter__(self) -> Any: ...
    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any, /) -> Any: ...


class Connection(Protocol):
    """The connection a unit of work hands out (``async with db.transaction() as conn``)."""

    def execute(self, sql: str, parameters: Params = ..., /) -> CursorResult: ...
    async def executemany(self, sql: str, parameters: Iterable[Params], /) -> Any: ...


def is_postgres_url(target: Path | str) -> bool:
    """True when ``target`` names a PostgreSQL database (``postgresql://`` or ``postgres://``)."""
    text = str(target)
    return text.startswith(("postgresql://", "postgres://"))


def redacted(target: Path | str) -> str:
    """``target`` fit to print or log: a URL's password is replaced by ``***``."""
    text = str(target)
    if not is_postgres_url(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


class Database:
    """The Kindred database; ``Database(target)`` returns the backend ``target`` names.

    The subclasses are ``SqliteDatabase`` (``db/sqlite.py``) and ``PostgresDatabase``
    (``db/postgres.py``). ``connect()`` must be awaited before use and ``close()`` at the end.
    (Not an ABC: ``Database(target)`` must type-check as a call that builds a Database.)
    """

    dialect: ClassVar[Dialect]
    # True when the last scrub() could not finish; the next one (or close) retries.
    scrub_pending: bool

    def __new__(cls, target: Path | str) -> Database:
        if cls is Database:
            # Imported here: both backends import this module for the interface.
            if is_postgres_url(target):
                from db.postgres import PostgresDatabase

                cls = PostgresDatabase
            else:
                from db.sqlite import SqliteDatabase

                cls = SqliteDatabase
        return super().__new__(cls)

    async def connect(self) -> None:
        """Open the database; raise DatabaseError with a reason an operator can act on."""
        raise NotImplementedError

    async def close(self) -> None:
        """Close it (idempotent, and safe to call twice at once)."""
        raise NotImplementedError

    async def scrub(self) -> bool:
        """Leave no old copy of erased data behind; True when done, False to retry later."""
        raise NotImplementedError

    def transaction(self) -> AbstractAsyncContextManager[Connection]:
        """A unit of work under the one writer: commit at the end, roll back on error."""
        raise NotImplementedError

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement in its own unit of work; return the new row's id.

        On SQLite that is the last row id; on PostgreSQL the first column the statement
        returned (``INSERT ... RETURNING id``), or 0 when it returned nothing.
        """
        raise NotImplementedError

    async def execute_rowcount(self, sql: str, params: Params = ()) -> int:
        """Run one write statement in its own unit of work; return how many rows it changed."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return int(cursor.rowcount)

    async def fetchone(self, sql: str, params: Params = ()) -> Any:
        """Run a query and return its first row, or None."""
        raise NotImplementedError

    async def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        """Run a query and return every row."""
        raise NotImplementedError

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Run a query and return the first column of its first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def schema_version(self) -> int:
        """The migration version the database is at (0 for a new, empty one)."""
        raise NotImplementedError

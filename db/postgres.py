"""The PostgreSQL backend: an asyncpg pool behind the same surface as the SQLite one.

Chosen by ``KINDRED_DB=postgresql://user:password@host:port/database`` (or ``postgres://``).
Several Kindred processes can share one PostgreSQL database; SQLite stays the default.

**SQL is written once, for both.** Repositories write ``?`` placeholders; here each SQL string
is rewritten once to PostgreSQL's ``$1..$n`` (string literals, quoted names and comments are
left alone) and the rewrite is cached. Rows are ``asyncpg.Record``: ``row["col"]``, ``row[0]``
and ``keys()``, as ``sqlite3.Row``.

**Parameter types.** SQLite converts a value to its column's type affinity; asyncpg refuses a
value of the wrong Python type. Kindred stores times as ISO text (``db/timefmt.py``), flags as
0/1 in BIGINT columns and ids as ints, so the repositories mostly pass the right types already.
To keep SQLite's leniency where they do not, the first time a SQL string runs its parameter
types are read from the server (one ``prepare`` per distinct SQL per process) and each value is
converted the way SQLite would store it: an int, float or bool for a text parameter becomes its
text (a bool as ``"1"``/``"0"``), a numeric string for an integer or float parameter its number,
an int for a boolean parameter ``True``/``False``. Anything else reaches asyncpg unchanged and
fails loudly. ``NUMERIC`` results (``sum()`` of a BIGINT, ``avg()``) come back as an int when
whole, else a float, not ``Decimal``, as SQLite's do.

**One writer at a time, across processes.** Each unit of work (``transaction()``) first takes
the in-process lock, then ``pg_advisory_xact_lock(WRITER_KEY)``: one lock for every Kindred
process on the database, released by PostgreSQL at commit or rollback (even when a process
dies). A unit waits for it at most ``WRITER_WAIT`` (PostgreSQL's ``lock_timeout``, for that
transaction), then fails, as SQLite's busy timeout does. Repositories check and then write inside one unit of work ("is there a place left?
then enrol"), and SQLite gives them that by having one writer; this keeps the same guarantee
on PostgreSQL, so no repository needs a second, PostgreSQL-only reasoning about races. It costs
write throughput, which SQLite has never had either. A later slice could narrow it: a lock key
per aggregate (per guild or per cohort, ``pg_advisory_xact_lock(hash)``) for the units of work
that touch one aggregate only, or SERIALIZABLE with retries. Reads outside a unit of work use
any pooled connection and never wait for the writer; reads through ``db.fetch*`` made by the
task that is inside a unit of work go through that unit's connection, so they see its own
writes, as on SQLite's single connection.

**New row ids.** PostgreSQL has no ``lastrowid``: write ``INSERT ... RETURNING id`` and read it
from the row (``cursor.lastrowid`` raises a DatabaseError saying so). ``Database.execute``
returns the first column of the row the statement returned.

**Erasing.** ``scrub()`` does nothing here and returns True. A deleted or overwritten row is
gone from every query at commit; its bytes stay in the table's pages until (auto)vacuum
reclaims the space and in write-ahead-log segments until the server recycles them, which
PostgreSQL does by itself and Kindred cannot force from a unit of work (``VACUUM`` cannot run
inside one, and a plain ``VACUUM`` frees space for reuse without zeroing it). Operators who
need erased data off the disk at once run ``VACUUM FULL`` in a maintenance window and keep the
server's disk encrypted; the README says so.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable
from contextlib import asynccontextmanager
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import asyncpg

from db.database import Database, DatabaseError, Params, Row, redacted

log = logging.getLogger(__name__)

# The one advisory lock every Kindred writer takes (any fixed 64-bit number; this spells
# "kindred" in ASCII, so it is easy to spot in pg_locks).
WRITER_KEY = int.from_bytes(b"kindred", "big")
POOL_SIZE = 10  # connections per process; reads share them, writes take one at a time
# Connections per process for named locks (db/locks.py), apart from the pool above: a lock is
# held on its connection for as long as the guarded work takes (a Discord call included), so
# holders drawing on the work pool took it away from their own work; ten member steps at once
# held all ten and each waited for an eleventh (the process's every query hung). Opened on use.
LOCK_POOL_SIZE = 10
# How long a unit of work waits for the writer lock (or a row lock) before failing, as SQLite's
# busy timeout does: a stuck writer in another process becomes an error the caller (a job's
# retry, the error handler) deals with, not a hang.
WRITER_WAIT = "30s"
# Prepared statements kept per connection: Kindred has a few hundred distinct SQL strings, and
# asyncpg's default of 100 would keep preparing the same ones again.
STATEMENT_CACHE = 1000
CONNECT_TIMEOUT = 10.0  # seconds to reach the server before saying it cannot be reached


# --- SQL: ``?`` -> ``$n`` ------------------------------------------------------------------


class Statement(NamedTuple):
    """A SQL string as PostgreSQL takes it."""

    sql: str
    parameters: int
    returns_rows: bool  # a query, or a write with RETURNING
    is_query: bool  # SELECT / VALUES / WITH ... SELECT: rowcount is -1, as on SQLite


_DOLLAR_TAG = re.compile(r"\$[A-Za-z_]*\$")
_WORD = re.compile(r"[A-Za-z_]+")
_QUERY_WORDS = frozenset({"SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN"})
_WRITE_WORDS = frozenset({"INSERT", "UPDATE", "DELETE"})


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> Statement:
    """Rewrite ``?`` placeholders to ``$1..$n``, skipping literals, quoted names and comments."""
    out: list[str] = []
    bare: list[str] = []  # the SQL without literals and comments, to find its keywords
    count = 0
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:  # '' or "" inside: an escaped quote
                        j += 2
                        continue
                    break
                j += 1
            j = min(j + 1, n)
            out.append(sql[i:j])
            bare.append(" ")
            i = j
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j == -1 else j
            out.append(sql[i:j])
            bare.append(" ")
            i = j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append(sql[i:j])
            bare.append(" ")
            i = j
        elif c == "$" and (tag := _DOLLAR_TAG.match(sql, i)):
            j = sql.find(tag.group(), tag.end())
            j = n if j == -1 else j + len(tag.group())
            out.append(sql[i:j])
            bare.append(" ")
            i = j
        elif c == "?":
            count += 1
            out.append(f"${count}")
            bare.append(" ")
            i += 1
        else:
            out.append(c)
            bare.append(c)
            i += 1
    words = [w.upper() for w in _WORD.findall("".join(bare))]
    first = words[0] if words else ""
    returning = "RETURNING" in words
    is_query = first in _QUERY_WORDS or (first == "WITH" and not _WRITE_WORDS & set(words))
    return Statement("".join(out), count, is_query or returning, is_query)


# --- parameters: SQLite's leniency ---------------------------------------------------------


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    return value


def _as_int(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_float(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value


def _as_bool(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value != 0
    return value


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "text": _as_text,
    "varchar": _as_text,
    "bpchar": _as_text,
    "name": _as_text,
    "int2": _as_int,
    "int4": _as_int,
    "int8": _as_int,
    "float4": _as_float,
    "float8": _as_float,
    "bool": _as_bool,
}

Plan = tuple[Callable[[Any], Any] | None, ...]


def convert_for(kind: str) -> Callable[[Any], Any] | None:
    """The conversion for a value bound to a PostgreSQL type (``int8``, ``text``...), if any."""
    return _CONVERT.get(kind)


def _number(text: str) -> int | float:
    """A NUMERIC result as SQLite would give it: an int when whole, else a float."""
    if "." in text or "e" in text.lower() or text in ("NaN", "Infinity", "-Infinity"):
        return float(text)
    return int(text)


async def _prepare_connection(raw: Any) -> None:
    await raw.set_type_codec(
        "numeric", encoder=str, decoder=_number, schema="pg_catalog", format="text"
    )


def _rowcount(status: str) -> int:
    """The row count in a command tag (``UPDATE 3``, ``INSERT 0 1``); -1 when it has none."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else -1


# --- the cursor and connection a unit of work hands out ----------------------------------


class PgCursor:
    """The rows and row count of one statement (all rows are read at once)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    @property
    def lastrowid(self) -> int | None:
        """Not on PostgreSQL: raises, saying to use ``RETURNING id``."""
        raise DatabaseError(
            "cursor.lastrowid does not exist on PostgreSQL: write INSERT ... RETURNING id "
            "and read the id from the returned row"
        )

    async def fetchone(self) -> Any:
        """The next row, or None."""
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    async def fetchall(self) -> list[Any]:
        """Every row not read yet."""
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    async def close(self) -> None:
        """Nothing to release (kept for code written against aiosqlite's cursor)."""


class PgResult:
    """``conn.execute(...)``: await it for the cursor, or ``async with`` it."""

    def __init__(self, coro: Any) -> None:
        self._coro = coro

    def __await__(self) -> Generator[Any, None, PgCursor]:
        cursor: PgCursor = yield from self._coro.__await__()
        return cursor

    async def __aenter__(self) -> PgCursor:
        cursor: PgCursor = await self._coro
        return cursor

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any, /) -> None:
        return None


class PgConnection:
    """One pooled asyncpg connection, speaking ``?`` SQL (what a unit of work yields)."""

    def __init__(self, db: PostgresDatabase, raw: Any) -> None:
        self._db = db
        self.raw = raw
        # The task whose unit of work this is, while it lasts: its db.fetch* calls read here.
        self.owner: asyncio.Task[Any] | None = asyncio.current_task()

    def execute(self, sql: str, parameters: Params = (), /) -> PgResult:
        """Run one statement; the result is awaited for a cursor or used with ``async with``."""
        return PgResult(self._run(sql, parameters))

    async def executemany(self, sql: str, parameters: Iterable[Params], /) -> None:
        """Run one statement once for each set of parameters."""
        for params in parameters:
            await self._run(sql, params)

    async def _run(self, sql: str, parameters: Params) -> PgCursor:
        statement = translate(sql)
        args = await self._db.arguments(self.raw, statement, parameters)
        if statement.returns_rows:
            rows = list(await self.raw.fetch(statement.sql, *args))
            return PgCursor(rows, -1 if statement.is_query else len(rows))
        status = await self.raw.execute(statement.sql, *args)
        return PgCursor([], _rowcount(str(status)))


# --- the database --------------------------------------------------------------------------


class PostgresDatabase(Database):
    """A pool of connections to one PostgreSQL database (see the module docstring)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = str(url)
        self.path = redacted(self.url)  # what logs and messages show; never the password
        self._pool: Any = None
        self._lock_pool: Any = None
        self._write_lock = asyncio.Lock()
        self._plans: dict[str, Plan] = {}
        # The unit of work the current task is inside, so its reads see its own writes.
        self._current: contextvars.ContextVar[PgConnection | None] = contextvars.ContextVar(
            f"kindred_pg_unit_{id(self)}", default=None
        )
        self.scrub_pending = False
        # Closed before the pool: connections this database's helpers hold outside it (the
        # cache LISTEN connection, db/notify.py).
        self.closers: list[Callable[[], Awaitable[None]]] = []

    @property
    def pool(self) -> Any:
        """The open asyncpg pool; raises if ``connect()`` was not awaited."""
        if self._pool is None:
            raise DatabaseError("the database is not open; call connect() first")
        return self._pool

    @property
    def lock_pool(self) -> Any:
        """The asyncpg pool named locks hold their sessions on (``LOCK_POOL_SIZE``), never the
        one work runs on; raises if ``connect()`` was not awaited."""
        if self._lock_pool is None:
            raise DatabaseError("the database is not open; call connect() first")
        return self._lock_pool

    async def connect(self) -> None:
        """Open the pool; raise DatabaseError saying plainly what is wrong."""
        try:
            self._pool = await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=POOL_SIZE,
                init=_prepare_connection,
                timeout=CONNECT_TIMEOUT,
                statement_cache_size=STATEMENT_CACHE,
            )
            self._lock_pool = await asyncpg.create_pool(
                self.url, min_size=0, max_size=LOCK_POOL_SIZE, timeout=CONNECT_TIMEOUT
            )
        except Exception as exc:  # asyncpg raises many kinds; each becomes one clear sentence
            if self._pool is not None:
                pool, self._pool = self._pool, None
                await pool.close()
            raise DatabaseError(connect_problem(self.url, exc)) from None
        log.debug("database open at %s", self.path)

    async def close(self) -> None:
        """Close the pool (idempotent; a second close at the same time just returns)."""
        closers, self.closers = self.closers, []
        for closer in closers:
            await closer()
        for pool in (self._lock_pool, self._pool):
            if pool is not None:
                await pool.close()
        self._lock_pool = self._pool = None

    async def scrub(self) -> bool:
        """Nothing to do on PostgreSQL (see "Erasing" in the module docstring)."""
        return True

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgConnection]:
        """A unit of work under the global writer lock; commit, or roll back on error."""
        async with self._write_lock, self.pool.acquire() as raw, raw.transaction():
            # One round trip: the wait limit for this transaction only, then the lock.
            await raw.execute(
                "SELECT set_config('lock_timeout', $1, true), pg_advisory_xact_lock($2)",
                WRITER_WAIT,
                WRITER_KEY,
            )
            conn = PgConnection(self, raw)
            token = self._current.set(conn)
            try:
                yield conn
            finally:
                # A task started inside the unit inherits the context variable; clearing the
                # owner sends its later reads to the pool, not to a connection given back.
                conn.owner = None
                self._current.reset(token)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write in its own unit of work; return the first value it returned, or 0."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            row = await cursor.fetchone()
            return int(row[0]) if row is not None and row[0] is not None else 0

    async def _query(self, sql: str, params: Params) -> list[Row]:
        statement = translate(sql)
        unit = self._current.get()
        if unit is not None and unit.owner is asyncio.current_task():
            args = await self.arguments(unit.raw, statement, params)
            return list(await unit.raw.fetch(statement.sql, *args))
        async with self.pool.acquire() as raw:
            args = await self.arguments(raw, statement, params)
            return list(await raw.fetch(statement.sql, *args))

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Run a query and return its first row, or None."""
        rows = await self._query(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a query and return every row."""
        return await self._query(sql, params)

    async def schema_version(self) -> int:
        """The highest version in ``kindred_schema`` (0 when the table does not exist yet)."""
        if await self.fetchval("SELECT to_regclass('kindred_schema')") is None:
            return 0
        return int(await self.fetchval("SELECT max(version) FROM kindred_schema") or 0)

    async def arguments(self, raw: Any, statement: Statement, params: Params) -> list[Any]:
        """``params`` as a list asyncpg takes for ``statement`` (see "Parameter types")."""
        if isinstance(params, dict):
            raise DatabaseError("named parameters are not supported; use ? placeholders")
        args = list(params)
        if len(args) != statement.parameters:
            raise DatabaseError(
                f"the SQL has {statement.parameters} placeholder(s) but {len(args)} value(s) "
                f"were given: {statement.sql[:200]}"
            )
        if not args:
            return args
        plan = self._plans.get(statement.sql)
        if plan is None:
            prepared = await raw.prepare(statement.sql)
            plan = tuple(_CONVERT.get(kind.name) for kind in prepared.get_parameters())
            self._plans[statement.sql] = plan
        return [value if f is None else f(value) for f, value in zip(plan, args, strict=True)]


def connect_problem(url: str, exc: BaseException) -> str:
    """One sentence an operator can act on, for a failure to connect to ``url``."""
    parts = urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
    name = (parts.path or "/").lstrip("/") or (parts.username or "")
    shown = redacted(url)
    if isinstance(
        exc, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError
    ):
        return (
            f"the PostgreSQL server at {where} refused the user name or password in KINDRED_DB "
            f"({shown}): {exc}"
        )
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return (
            f"the database {name!r} does not exist on the PostgreSQL server at {where}. "
            f"Create it (createdb {name}) or fix the name in KINDRED_DB ({shown})."
        )
    if isinstance(exc, OSError | asyncio.TimeoutError):
        return (
            f"cannot reach the PostgreSQL server at {where} ({exc.__class__.__name__}: {exc}). "
            f"Is it running, and is KINDRED_DB ({shown}) right?"
        )
    return f"cannot open the PostgreSQL database {shown}: {exc.__class__.__name__}: {exc}"

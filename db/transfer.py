"""Copying a SQLite database into PostgreSQL, verified row for row (``bot.py migrate-to``).

1. The target is migrated to this code's schema version (a new database gets the baseline and
   every later migration); the source is only read, never migrated. Both must be at the same
   version and have the same tables, and the target must hold no rows: else nothing is copied
   and the reason says what to do.
2. One transaction on the target (under the writer lock): every table, parents before the
   tables whose foreign keys point at them, with ``COPY`` (each value converted to the column's
   type as SQLite stored it, see db/postgres.py); then every identity sequence is moved past
   the highest id copied, so the next insert does not collide. Any error rolls it all back.
3. Verification, after the commit, reading both databases again: per table the row count and
   a SHA-256 over every row's values in primary-key order (text compared byte for byte, NULLs
   first, as SQLite orders them). Any difference is reported and the command exits non-zero.

Rows are read, copied and hashed ``CHUNK`` at a time, so a large table needs little memory.

Stop the bot (every process using the SQLite file) before copying: a write made during the
copy would not be in PostgreSQL.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.database import Database, DatabaseError, is_postgres_url, redacted
from db.migrate import migrate
from db.postgres import PgConnection, PostgresDatabase, convert_for
from db.sqlite import SqliteDatabase

_SKIP = ("kindred_schema",)
CHUNK = 5000  # rows read, copied and hashed at a time


@dataclass(frozen=True)
class TableResult:
    """One table's counts and checksums after the copy."""

    table: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def same(self) -> bool:
        """Counts and checksums agree."""
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass(frozen=True)
class TransferReport:
    """What ``copy_sqlite_to_postgres`` did."""

    version: int
    tables: tuple[TableResult, ...]
    seconds: float

    @property
    def rows(self) -> int:
        """Rows copied in all."""
        return sum(t.source_rows for t in self.tables)

    @property
    def ok(self) -> bool:
        """Every table agrees."""
        return all(t.same for t in self.tables)

    def lines(self) -> list[str]:
        """A table of counts for the operator, then one line saying whether all agree."""
        width = max([len("table"), *(len(t.table) for t in self.tables)])
        out = [f"{'table':<{width}}  {'SQLite':>9}  {'PostgreSQL':>10}  checksum"]
        for t in self.tables:
            verdict = "same" if t.same else "DIFFERENT"
            out.append(f"{t.table:<{width}}  {t.source_rows:>9}  {t.target_rows:>10}  {verdict}")
        rate = self.rows / self.seconds if self.seconds > 0 else 0.0
        if self.ok:
            out.append(
                f"Copied {self.rows} rows in {len(self.tables)} tables at schema version "
                f"{self.version} in {self.seconds:.2f} s ({rate:,.0f} rows/s); every row verified."
            )
        else:
            bad = ", ".join(t.table for t in self.tables if not t.same)
            out.append(f"The copy differs from the source in: {bad}. Do not switch KINDRED_DB.")
        return out


async def _tables(db: Database, sql: str) -> list[str]:
    return sorted(r[0] for r in await db.fetchall(sql) if r[0] not in _SKIP)


async def sqlite_tables(db: Database) -> list[str]:
    """The SQLite database's own tables."""
    return await _tables(
        db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )


async def postgres_tables(db: Database) -> list[str]:
    """The PostgreSQL database's tables in the public schema, less ``kindred_schema``."""
    return await _tables(
        db,
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )


async def foreign_key_order(db: Database, tables: list[str]) -> list[str]:
    """``tables`` with every table after the tables its foreign keys point at."""
    parents = {
        t: {
            r["table"]
            for r in await db.fetchall(f'PRAGMA foreign_key_list("{t}")')
            if r["table"] != t
        }
        for t in tables
    }
    ordered: list[str] = []
    placed: set[str] = set()
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in placed and parents[t] <= placed]
        if not ready:
            raise DatabaseError(f"the foreign keys between {sorted(set(tables) - placed)} loop")
        ordered.extend(ready)
        placed.update(ready)
    return ordered


async def _columns(db: Database, table: str) -> list[tuple[str, str]]:
    """PostgreSQL's (name, type) for each column of ``table``, in order."""
    rows = await db.fetchall(
        "SELECT column_name, udt_name FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position",
        (table,),
    )
    return [(r[0], r[1]) for r in rows]


async def _order_by(source: Database, table: str) -> list[str]:
    """The primary-key columns of ``table`` (every column when it has no primary key)."""
    info = await source.fetchall(f'PRAGMA table_info("{table}")')
    pk = [r["name"] for r in sorted((r for r in info if r["pk"]), key=lambda r: r["pk"])]
    return pk or [r["name"] for r in info]


def _canonical(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": bytes(value).hex()}
    return value


class _Digest:
    """A running SHA-256 over rows, and how many there were."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.rows = 0

    def update(self, rows: Iterable[Any]) -> None:
        for row in rows:
            values = [_canonical(row[i]) for i in range(len(row))]
            self._hash.update(json.dumps(values, ensure_ascii=False).encode())
            self._hash.update(b"\n")
            self.rows += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


async def sqlite_chunks(source: Database, sql: str) -> AsyncIterator[list[Any]]:
    """The rows of a query on the SQLite source, ``CHUNK`` at a time (tables can be large)."""
    if not isinstance(source, SqliteDatabase):
        raise DatabaseError("the source is not a SQLite database")
    async with source.conn.execute(sql) as cursor:
        while rows := list(await cursor.fetchmany(CHUNK)):
            yield rows


async def _postgres_chunks(target: Database, sql: str) -> AsyncIterator[list[Any]]:
    if not isinstance(target, PostgresDatabase):
        raise DatabaseError("the target is not a PostgreSQL database")
    async with target.pool.acquire() as raw, raw.transaction(readonly=True):
        cursor = await raw.cursor(sql)
        while rows := await cursor.fetch(CHUNK):
            yield rows


async def _checksums(
    source: Database, target: Database, table: str, columns: list[tuple[str, str]]
) -> TableResult:
    names = [c for c, _ in columns]
    kinds = dict(columns)
    order = await _order_by(source, table)
    select = ", ".join(f'"{c}"' for c in names)
    lite, pg = _Digest(), _Digest()
    sql = f'SELECT {select} FROM "{table}" ORDER BY ' + ", ".join(f'"{c}"' for c in order)
    async for rows in sqlite_chunks(source, sql):
        lite.update(rows)
    # Text byte for byte (SQLite's BINARY order; "C" is the same for UTF-8), NULLs first.
    pg_order = ", ".join(
        f'"{c}"' + (' COLLATE "C"' if kinds[c] == "text" else "") + " NULLS FIRST" for c in order
    )
    async for rows in _postgres_chunks(
        target, f'SELECT {select} FROM "{table}" ORDER BY {pg_order}'
    ):
        pg.update(rows)
    return TableResult(table, lite.rows, pg.rows, lite.hexdigest(), pg.hexdigest())


async def _refuse_if_not_empty(target: Database, tables: list[str]) -> None:
    for table in tables:
        if await target.fetchval(f'SELECT 1 FROM "{table}" LIMIT 1') is not None:
            raise DatabaseError(
                f"the PostgreSQL database is not empty (table {table} has rows): migrate-to "
                "copies into an empty database only. Create a new one (createdb) and try again."
            )


async def copy_sqlite_to_postgres(source: Database, target: Database) -> TransferReport:
    """Copy every row of ``source`` (SQLite) into ``target`` (PostgreSQL) and verify it."""
    if source.dialect != "sqlite" or target.dialect != "postgresql":
        raise DatabaseError("migrate-to copies a SQLite database into a PostgreSQL one")
    version = await source.schema_version()
    await migrate(target)
    target_version = await target.schema_version()
    if version != target_version:
        raise DatabaseError(
            f"the SQLite database is at schema version {version} but this Kindred migrates "
            f"PostgreSQL to {target_version}: run `bot.py check` with KINDRED_DB set to the "
            "SQLite file to bring it up to date (with this Kindred), then copy again"
        )
    tables = await sqlite_tables(source)
    theirs = await postgres_tables(target)
    if tables != theirs:
        only = sorted(set(tables) ^ set(theirs))
        raise DatabaseError(f"the two schemas have different tables ({', '.join(only)})")
    await _refuse_if_not_empty(target, tables)
    ordered = await foreign_key_order(source, tables)
    columns = {t: await _columns(target, t) for t in ordered}

    began = time.perf_counter()
    async with target.transaction() as conn:
        if not isinstance(conn, PgConnection):
            raise DatabaseError("the target is not a PostgreSQL database")
        for table in ordered:
            names = [c for c, _ in columns[table]]
            converters = [convert_for(kind) for _, kind in columns[table]]
            select = ", ".join(f'"{c}"' for c in names)
            async for rows in sqlite_chunks(source, f'SELECT {select} FROM "{table}"'):
                records = [
                    tuple(v if f is None else f(v) for f, v in zip(converters, row, strict=True))
                    for row in rows
                ]
                try:
                    await conn.raw.copy_records_to_table(table, records=records, columns=names)
                except Exception as exc:  # asyncpg's many kinds: say which table, roll back
                    raise DatabaseError(
                        f"copying table {table} failed ({exc.__class__.__name__}: {exc}); "
                        "nothing was copied"
                    ) from exc
        for table in ordered:
            identity = await conn.raw.fetch(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'YES'",
                table,
            )
            for (column,) in identity:
                # The next id is one past the highest copied (1 for an empty table).
                await conn.raw.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'),"
                    f' coalesce(max("{column}"), 0) + 1, false) FROM "{table}"'
                )
    seconds = time.perf_counter() - began
    return TransferReport(version, await verify(source, target, ordered), seconds)


async def verify(source: Database, target: Database, tables: list[str]) -> tuple[TableResult, ...]:
    """Row counts and checksums of ``tables`` on both sides, read afresh."""
    return tuple([await _checksums(source, target, t, await _columns(target, t)) for t in tables])


def migrate_to(source: Path | str, url: str) -> int:
    """``bot.py migrate-to``: copy, verify, print the counts; return the exit status.

    0 when every table agrees, 1 when the copy differs, 2 when nothing was copied (the reason
    is printed on stderr).
    """
    if not is_postgres_url(url):
        return _fail(f"migrate-to needs a postgresql:// URL, not {redacted(url)!r}.")
    if is_postgres_url(source):
        return _fail("KINDRED_DB is already a PostgreSQL URL: give the SQLite file with --from.")
    if not Path(source).is_file():
        return _fail(f"There is no SQLite database at {source} (set KINDRED_DB or give --from).")
    print(
        f"Copying {source} into {redacted(url)} (stop the bot first: later writes are not copied)"
    )
    return asyncio.run(_copy(source, url))


def _fail(line: str) -> int:
    print(line, file=sys.stderr)
    return 2


async def _copy(source: Path | str, url: str) -> int:
    lite, pg = Database(source), Database(url)
    try:
        await lite.connect()
        await pg.connect()
        report = await copy_sqlite_to_postgres(lite, pg)
    except DatabaseError as exc:
        return _fail(f"Nothing was copied: {exc}")
    finally:
        await pg.close()
        await lite.close()
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1

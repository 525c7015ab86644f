"""Small pieces of SQL that every repository writes the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from db.database import Connection, Params

# No tables of its own (tests/privacy/test_coverage.py asks every repository module to say so).
MEMBER_TABLES: tuple[str, ...] = ()
NO_MEMBER_TABLES: tuple[str, ...] = ()


async def insert_returning_id(conn: Connection, sql: str, params: Params) -> int | None:
    """Run ``INSERT ... RETURNING id`` in the caller's unit of work; the new row's id.

    None when no row was written (``ON CONFLICT DO NOTHING``). Both backends read the id the
    same way: PostgreSQL has no ``lastrowid``, and SQLite has had ``RETURNING`` since 3.35.
    """
    cursor = await conn.execute(sql, params)
    row: Any = await cursor.fetchone()
    return None if row is None else int(row[0])

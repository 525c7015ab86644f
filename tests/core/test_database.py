"""The database layer: migrations from nothing, units of work, clear open errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.database import Database, DatabaseError
from db.migrate import discover, migrate


async def test_migrations_run_from_an_empty_file(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    applied = await migrate(db)
    assert applied == [m.version for m in discover()]
    assert await db.fetchval("PRAGMA user_version") == applied[-1]
    tables = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"guild_settings", "jobs", "audit_log", "meta"} <= tables
    await db.close()


async def test_migrating_twice_applies_nothing_the_second_time(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    await migrate(db)
    assert await migrate(db) == []
    await db.close()


async def test_connection_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    await db.close()


async def test_transaction_rolls_back_every_statement_on_error(db: Database) -> None:
    async def fail_half_way() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await fail_half_way()
    assert await db.fetchval("SELECT count(*) FROM meta") == 0


async def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    await migrate(db)
    await db.execute("PRAGMA user_version = 999")
    with pytest.raises(DatabaseError, match="newer Kindred"):
        await migrate(db)
    await db.close()


async def test_missing_folder_gives_a_clear_message(tmp_path: Path) -> None:
    db = Database(tmp_path / "nope" / "k.sqlite3")
    with pytest.raises(DatabaseError, match=r"does not exist.*KINDRED_DB"):
        await db.connect()


async def test_a_file_that_is_not_a_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    db = Database(path)
    with pytest.raises(DatabaseError, match="cannot open the database"):
        await db.connect()


async def test_two_overlapping_closes_both_finish(tmp_path: Path) -> None:
    import asyncio

    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    await asyncio.wait_for(asyncio.gather(db.close(), db.close()), timeout=2)


def test_migration_splitting_ignores_semicolons_in_comments() -> None:
    from db.migrate import _split

    script = "CREATE TABLE a (x INTEGER); -- one; two\nCREATE TABLE b (y TEXT -- note; here\n);\n"
    assert len(_split(script)) == 2

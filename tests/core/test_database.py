"""The database layer: migrations from nothing, units of work, clear open errors."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from db.database import BUSY_TIMEOUT_MS, Database, DatabaseError
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


def wal_size(db: Database) -> int:
    return Path(f"{db.path}-wal").stat().st_size


async def test_connection_overwrites_deleted_content(db: Database) -> None:
    """Some SQLite builds default to secure_delete, others do not; Kindred does not rely on it."""
    assert await db.fetchval("PRAGMA secure_delete") == 1


async def test_scrub_empties_the_write_ahead_log(db: Database) -> None:
    await db.execute("INSERT INTO meta (key, value) VALUES ('k', 'a secret')")
    assert wal_size(db) > 0
    assert await db.scrub()
    assert wal_size(db) == 0
    assert await db.fetchval("SELECT value FROM meta WHERE key = 'k'") == "a secret"


async def test_a_scrub_another_reader_blocks_says_so_and_the_next_one_retries(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    reader = sqlite3.connect(db.path)  # say, a backup tool in the middle of a read
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM meta").fetchall()
    await db.execute("INSERT INTO meta (key, value) VALUES ('k', 'a secret')")

    with caplog.at_level(logging.WARNING, logger="db.database"):
        assert not await db.scrub()
    assert db.scrub_pending
    assert "could not empty the write-ahead log" in caplog.text
    assert wal_size(db) > 0

    reader.close()
    assert await db.scrub()
    assert not db.scrub_pending
    assert wal_size(db) == 0


async def test_a_scrub_that_fails_is_logged_and_retried_not_raised(
    db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    execute = db.conn.execute

    def failing_checkpoint(sql: str, *args: object) -> object:
        if "wal_checkpoint" in sql:
            raise sqlite3.OperationalError("disk I/O error")
        return execute(sql, *args)

    monkeypatch.setattr(db.conn, "execute", failing_checkpoint)
    with caplog.at_level(logging.WARNING, logger="db.database"):
        assert not await db.scrub()
    assert "disk I/O error" in caplog.text
    assert db.scrub_pending
    assert await db.fetchval("PRAGMA busy_timeout") == BUSY_TIMEOUT_MS  # restored


async def test_scrubbing_a_database_in_memory_does_nothing() -> None:
    db = Database(":memory:")
    await db.connect()
    assert await db.scrub()
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

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


@pytest.mark.sqlite_only(reason="SQLite's secure_delete and write-ahead log")
async def test_connection_overwrites_deleted_content(db: Database) -> None:
    """Some SQLite builds default to secure_delete, others do not; Kindred does not rely on it."""
    assert await db.fetchval("PRAGMA secure_delete") == 1


@pytest.mark.sqlite_only(reason="SQLite's secure_delete and write-ahead log")
async def test_scrub_empties_the_write_ahead_log(db: Database) -> None:
    await db.execute("INSERT INTO meta (key, value) VALUES ('k', 'a secret')")
    assert wal_size(db) > 0
    assert await db.scrub()
    assert wal_size(db) == 0
    assert await db.fetchval("SELECT value FROM meta WHERE key = 'k'") == "a secret"


@pytest.mark.sqlite_only(reason="SQLite's secure_delete and write-ahead log")
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


@pytest.mark.sqlite_only(reason="SQLite's secure_delete and write-ahead log")
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


# --- one interface, two backends (no server needed here; tests/postgres has the rest) ----


def test_the_target_picks_the_backend() -> None:
    from db.postgres import PostgresDatabase
    from db.sqlite import SqliteDatabase

    assert type(Database(":memory:")) is SqliteDatabase
    assert type(Database(Path("k.sqlite3"))) is SqliteDatabase
    for url in ("postgresql://u@h/kindred", "postgres://u:p@h:5433/kindred"):
        db = Database(url)
        assert type(db) is PostgresDatabase
        assert db.dialect == "postgresql"
    assert Database(":memory:").dialect == "sqlite"


def test_a_url_is_shown_without_its_password() -> None:
    from db.database import redacted

    assert redacted("postgresql://kindred:s3cret@db.example:5433/k") == (
        "postgresql://kindred:***@db.example:5433/k"
    )
    assert redacted("postgresql://kindred@db/k") == "postgresql://kindred@db/k"
    assert redacted(Path("/var/lib/kindred.sqlite3")) == "/var/lib/kindred.sqlite3"
    assert "s3cret" not in repr(Database("postgresql://kindred:s3cret@db/k").path)


def test_placeholders_become_numbered_outside_literals_and_comments() -> None:
    from db.postgres import translate

    statement = translate(
        "SELECT '?', \"odd?name\", x -- what?\n FROM t /* ? */ WHERE a = ? AND b IN (?, ?)"
        " AND c = 'it''s ?' AND d = $q$?$q$"
    )
    assert statement.sql == (
        "SELECT '?', \"odd?name\", x -- what?\n FROM t /* ? */ WHERE a = $1 AND b IN ($2, $3)"
        " AND c = 'it''s ?' AND d = $q$?$q$"
    )
    assert statement.parameters == 3
    assert translate("SELECT 1") is translate("SELECT 1")  # rewritten once, then cached


@pytest.mark.parametrize(
    ("sql", "returns_rows", "is_query"),
    [
        ("SELECT * FROM t WHERE x = ?", True, True),
        ("  -- a note\n select 1", True, True),
        ("WITH c AS (SELECT 1) SELECT * FROM c", True, True),
        ("INSERT INTO t (a) VALUES (?) RETURNING id", True, False),
        ("UPDATE t SET a = 'returning' WHERE id = ?", False, False),
        ("DELETE FROM t", False, False),
        ("WITH c AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM c)", False, False),
        ("CREATE TABLE t (a BIGINT)", False, False),
    ],
)
def test_statements_that_return_rows_are_told_apart(
    sql: str, returns_rows: bool, is_query: bool
) -> None:
    from db.postgres import translate

    statement = translate(sql)
    assert (statement.returns_rows, statement.is_query) == (returns_rows, is_query)


def test_the_postgres_baseline_is_the_last_sqlite_version_it_was_translated_from() -> None:
    """A new SQLite migration is picked up on PostgreSQL after the baseline."""
    from db.migrate import postgres_plan

    baseline, later = postgres_plan()
    assert baseline is not None
    assert baseline.name == "baseline"
    assert [m.version for m in later] == [
        m.version for m in discover() if m.version > baseline.version
    ]


def test_a_later_postgres_file_replaces_the_shared_one(tmp_path: Path) -> None:
    from db.migrate import postgres_plan

    (tmp_path / "postgresql").mkdir()
    for n in (1, 2, 3):
        (tmp_path / f"V{n}__step{n}.sql").write_text("SELECT 1;")
    (tmp_path / "postgresql" / "V2__baseline.sql").write_text("SELECT 1;")
    (tmp_path / "postgresql" / "V3__own.sql").write_text("SELECT 1;")
    baseline, later = postgres_plan(tmp_path)
    assert baseline is not None
    assert baseline.version == 2
    assert [(m.version, m.path.parent.name) for m in later] == [(3, "postgresql")]

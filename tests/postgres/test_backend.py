"""The PostgreSQL backend behind the same surface as SQLite, on a real throw-away server."""

from __future__ import annotations

import asyncio

import pytest

from db.database import Database, DatabaseError
from db.migrate import latest_version, migrate
from db.postgres import WRITER_KEY, PostgresDatabase
from sandbox.pg_server import PgServer


async def test_rows_answer_by_name_and_by_position(pg_db: Database) -> None:
    await pg_db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("k", "v"))
    row = await pg_db.fetchone("SELECT key, value FROM meta WHERE key = ?", ("k",))
    assert row is not None
    assert (row["key"], row[1], list(row.keys())) == ("k", "v", ["key", "value"])
    assert dict(row) == {"key": "k", "value": "v"}
    assert await pg_db.fetchval("SELECT value FROM meta WHERE key = ?", ("nope",)) is None
    assert [r[0] for r in await pg_db.fetchall("SELECT key FROM meta")] == ["k"]


async def test_an_insert_returns_its_id_with_returning_and_lastrowid_says_so(
    pg_db: Database,
) -> None:
    sql = "INSERT INTO audit_log (action, created_at) VALUES (?, ?) RETURNING id"
    first = await pg_db.execute(sql, ("a", "2026-10-05T13:00:00+00:00"))
    second = await pg_db.execute(sql, ("b", "2026-10-05T13:00:00+00:00"))
    assert second == first + 1
    async with pg_db.transaction() as conn:
        cursor = await conn.execute("INSERT INTO audit_log (action, created_at) VALUES ('c', 'x')")
        assert cursor.rowcount == 1
        with pytest.raises(DatabaseError, match="RETURNING id"):
            _ = cursor.lastrowid


async def test_rowcount_counts_changed_rows_and_a_query_gives_minus_one(pg_db: Database) -> None:
    for key in ("a", "b", "c"):
        await pg_db.execute("INSERT INTO meta (key, value) VALUES (?, '0')", (key,))
    assert await pg_db.execute_rowcount("UPDATE meta SET value = '1' WHERE key <> ?", ("c",)) == 2
    assert await pg_db.execute_rowcount("DELETE FROM meta WHERE key = 'zzz'") == 0
    async with (
        pg_db.transaction() as conn,
        conn.execute("SELECT * FROM meta ORDER BY key") as cursor,
    ):
        assert cursor.rowcount == -1
        assert (await cursor.fetchone())["key"] == "a"
        assert [r["key"] for r in await cursor.fetchall()] == ["b", "c"]
        assert await cursor.fetchone() is None


async def test_values_are_converted_as_sqlite_would_store_them(pg_db: Database) -> None:
    """An int for a TEXT column becomes its text; a bool for a BIGINT flag is 0/1."""
    await pg_db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("n", 42))
    await pg_db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("t", True))
    assert await pg_db.fetchval("SELECT value FROM meta WHERE key = 'n'") == "42"
    assert await pg_db.fetchval("SELECT value FROM meta WHERE key = ?", ("t",)) == "1"
    await pg_db.execute(
        "INSERT INTO jobs (kind, entity_id, due_at, created_at, late) VALUES (?, ?, ?, ?, ?)",
        ("k", "7", "2026", "2026", True),
    )
    row = await pg_db.fetchone("SELECT entity_id, late FROM jobs")
    assert (row["entity_id"], row["late"]) == (7, 1)


async def test_sums_and_averages_are_numbers_not_decimals(pg_db: Database) -> None:
    for n in (1, 2):
        await pg_db.execute(
            "INSERT INTO jobs (kind, entity_id, due_at, created_at) VALUES ('k', ?, 'x', 'x')",
            (n,),
        )
    row = await pg_db.fetchone("SELECT sum(entity_id), avg(entity_id), count(*) FROM jobs")
    assert (row[0], row[1], row[2]) == (3, 1.5, 2)
    assert type(row[0]) is int
    assert type(row[1]) is float


async def test_a_question_mark_in_a_literal_or_comment_is_not_a_parameter(pg_db: Database) -> None:
    await pg_db.execute(
        "INSERT INTO meta (key, value) VALUES (?, 'what? really?') -- why?\n", ("q",)
    )
    assert await pg_db.fetchval("SELECT value FROM meta WHERE key = ? /* ? */", ("q",)) == (
        "what? really?"
    )


async def test_a_unit_of_work_rolls_back_every_statement_on_error(pg_db: Database) -> None:
    async def fail_half_way() -> None:
        async with pg_db.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await fail_half_way()
    assert await pg_db.fetchval("SELECT count(*) FROM meta") == 0


async def test_reads_inside_a_unit_of_work_see_its_own_writes(pg_db: Database) -> None:
    """As on SQLite's one connection: db.fetch* from the task inside the unit use its
    connection; other readers see only what is committed."""
    other = Database(pg_db.url) if isinstance(pg_db, PostgresDatabase) else None
    assert other is not None
    await other.connect()
    try:
        async with pg_db.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            assert await pg_db.fetchval("SELECT count(*) FROM meta") == 1
            assert await other.fetchval("SELECT count(*) FROM meta") == 0
        assert await other.fetchval("SELECT count(*) FROM meta") == 1
    finally:
        await other.close()


async def waiting_for_the_writer_lock(db: Database) -> int:
    return int(
        await db.fetchval(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND ((classid::bigint << 32) | objid::bigint) = ?",
            (WRITER_KEY,),
        )
    )


async def test_one_writer_at_a_time_across_processes(pg_db: Database) -> None:
    """Two pools (two processes) on one database: the second unit of work waits for the
    first to commit, then sees what it wrote (check-then-insert stays safe)."""
    assert isinstance(pg_db, PostgresDatabase)
    second = Database(pg_db.url)
    await second.connect()
    seen: list[int] = []

    async def check_then_insert() -> None:
        async with second.transaction() as conn:
            cursor = await conn.execute("SELECT count(*) FROM meta")
            seen.append((await cursor.fetchone())[0])
            await conn.execute("INSERT INTO meta (key, value) VALUES ('second', '1')")

    try:
        async with pg_db.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('first', '1')")
            task = asyncio.create_task(check_then_insert())
            for _ in range(500):  # until the server shows it queued behind the lock
                if await waiting_for_the_writer_lock(pg_db):
                    break
                await asyncio.sleep(0.01)
            assert await waiting_for_the_writer_lock(pg_db) == 1
            assert seen == []
        await asyncio.wait_for(task, timeout=10)
        assert seen == [1]
    finally:
        await second.close()


async def test_migrating_twice_and_from_two_processes_at_once_applies_once(pg_url: str) -> None:
    one, two = Database(pg_url), Database(pg_url)
    await one.connect()
    await two.connect()
    try:
        results = await asyncio.gather(migrate(one), migrate(two))
        assert sorted(results[0] + results[1]) == [latest_version()]
        assert await migrate(one) == []
        assert await one.fetchval("SELECT count(*) FROM kindred_schema") == 1
        assert await one.schema_version() == latest_version()
    finally:
        await one.close()
        await two.close()


async def test_a_database_newer_than_the_code_is_refused(pg_db: Database) -> None:
    await pg_db.execute("INSERT INTO kindred_schema (version) VALUES (999)")
    with pytest.raises(DatabaseError, match="newer Kindred"):
        await migrate(pg_db)


async def test_scrub_is_a_no_op_that_succeeds(pg_db: Database) -> None:
    assert await pg_db.scrub()
    assert not pg_db.scrub_pending


async def test_a_database_that_does_not_exist_gives_a_clear_message(pg: PgServer) -> None:
    db = Database(pg.url_for("no_such_db"))
    with pytest.raises(DatabaseError, match=r"'no_such_db' does not exist.*createdb no_such_db"):
        await db.connect()


async def test_an_unknown_user_gives_a_clear_message(pg: PgServer) -> None:
    db = Database(f"postgresql://stranger:secret@127.0.0.1:{pg.port}/postgres")
    with pytest.raises(DatabaseError, match="refused the user name or password") as caught:
        await db.connect()
    assert "secret" not in str(caught.value)  # the password is never printed


async def test_a_server_that_is_down_gives_a_clear_message() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = Database(f"postgresql://kindred@127.0.0.1:{port}/kindred")
    with pytest.raises(
        DatabaseError, match=rf"cannot reach the PostgreSQL server at 127.0.0.1:{port}"
    ):
        await db.connect()


async def test_a_task_started_inside_a_unit_reads_from_the_pool_after_it(
    pg_db: Database,
) -> None:
    """The unit's connection goes back to the pool at commit; a task it started must not
    keep reading through it."""
    go = asyncio.Event()

    async def later() -> int:
        await go.wait()
        return int(await pg_db.fetchval("SELECT count(*) FROM meta"))

    async with pg_db.transaction() as conn:
        await conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        task = asyncio.create_task(later())
    go.set()
    assert await asyncio.wait_for(task, timeout=10) == 1


async def test_collate_nocase_means_the_same_as_on_sqlite(pg_db: Database) -> None:
    """The baseline makes a `nocase` collation, so the same SQL finds and guards names."""
    insert = (
        "INSERT INTO cohorts (guild_id, name, start_date, weeks, weekday, local_time, timezone,"
        " length_minutes, group_cap, created_at, updated_at)"
        " VALUES (1, ?, '2026-10-05', 12, 0, '18:00', 'UTC', 60, 8, 'x', 'x')"
    )
    await pg_db.execute(insert, ("Winter circle",))
    found = await pg_db.fetchval(
        "SELECT name FROM cohorts WHERE guild_id = ? AND name = ? COLLATE NOCASE",
        (1, "WINTER CIRCLE"),
    )
    assert found == "Winter circle"
    with pytest.raises(Exception, match="cohorts_guild_name"):
        await pg_db.execute(insert, ("winter CIRCLE",))


async def test_a_writer_stuck_in_another_process_is_an_error_not_a_hang(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As SQLite's busy timeout: waiting for the writer lock gives up after WRITER_WAIT."""
    import asyncpg

    monkeypatch.setattr("db.postgres.WRITER_WAIT", "50ms")
    assert isinstance(pg_db, PostgresDatabase)
    other = Database(pg_db.url)
    await other.connect()
    try:
        async with pg_db.transaction():
            with pytest.raises(asyncpg.LockNotAvailableError):
                async with other.transaction():
                    pass
    finally:
        await other.close()

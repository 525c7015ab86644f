"""``bot.py migrate-to``: the demo's database copied into PostgreSQL and verified row for row."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import bot
from cogs.utils.clock import Clock
from db.database import Database
from db.migrate import migrate
from db.transfer import copy_sqlite_to_postgres, sqlite_tables, verify

BIG_ID = 2**63 - 1  # Discord ids are 64-bit; past 2**53 a float would lose them


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the demo leaves behind: every lane's tables with real rows in them."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    asyncio.run(_run_demo_into(path))
    return path


async def _run_demo_into(path: Path) -> None:
    from sandbox.demo import run_demo

    async def build(_: Path, clock: Clock, guild_id: int) -> bot.KindredBot:
        return await bot.build_local_bot(path, clock, guild_id)

    assert await run_demo(build, out=lambda _: None) == 0
    db = Database(path)
    await db.connect()
    try:
        # Values the demo has none of: a 64-bit id, quotes, non-ASCII, a NULL.
        await db.execute(
            "INSERT INTO member_settings (user_id, country, updated_at) VALUES (?, ?, ?)",
            (BIG_ID, None, "2026-10-05T13:00:00+00:00"),
        )
        await db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)", ("note", 'it\'s "fine" ✓ — ok?')
        )
    finally:
        await db.close()


async def _put_a_row_in(pg_url: str) -> None:
    pg = Database(pg_url)
    await pg.connect()
    await migrate(pg)
    await pg.execute("INSERT INTO meta (key, value) VALUES ('already', 'here')")
    await pg.close()


async def _set_version(path: Path, version: int) -> None:
    lite = Database(path)
    await lite.connect()
    await lite.execute(f"PRAGMA user_version = {version:d}")
    await lite.close()


async def _count(url: str, table: str) -> int:
    pg = Database(url)
    await pg.connect()
    try:
        return int(await pg.fetchval(f"SELECT count(*) FROM {table}"))
    finally:
        await pg.close()


def copy_of(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "source.sqlite3"
    target.write_bytes(source.read_bytes())
    return target


def test_the_demo_database_is_copied_and_verified_row_for_row(
    demo_database: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = bot.main(["migrate-to", pg_url, "--from", str(demo_database)], env={})
    out = capsys.readouterr().out
    assert status == 0, out
    assert "every row verified" in out
    assert "DIFFERENT" not in out
    asyncio.run(_check_copy(demo_database, pg_url, out))


async def _check_copy(demo_database: Path, pg_url: str, out: str) -> None:
    lite, pg = Database(demo_database), Database(pg_url)
    await lite.connect()
    await pg.connect()
    try:
        for table in ("crisis_cases", "cohorts", "cohort_enrolments", "jobs", "audit_log"):
            count = await lite.fetchval(f"SELECT count(*) FROM {table}")
            assert count > 0, table  # the demo wrote to it, so the copy is a real test
            assert await pg.fetchval(f"SELECT count(*) FROM {table}") == count
            assert f"\n{table} " in out
        assert await pg.fetchval("SELECT user_id FROM member_settings WHERE user_id = ?", (BIG_ID,))
        # Identity sequences continue after the highest id copied.
        top = await pg.fetchval("SELECT max(id) FROM audit_log")
        new = await pg.execute(
            "INSERT INTO audit_log (action, created_at) VALUES ('x', 'y') RETURNING id"
        )
        assert new == top + 1
    finally:
        await lite.close()
        await pg.close()


def test_a_target_that_is_not_empty_is_refused(
    demo_database: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_put_a_row_in(pg_url))
    status = bot.main(
        ["migrate-to", pg_url, "--from", str(copy_of(demo_database, tmp_path))], env={}
    )
    err = capsys.readouterr().err
    assert status == 2
    assert "not empty (table meta has rows)" in err
    assert "Traceback" not in err


def test_a_schema_version_mismatch_is_refused(
    demo_database: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_of(demo_database, tmp_path)
    asyncio.run(_set_version(source, 20))  # as if made by an older Kindred
    status = bot.main(["migrate-to", pg_url, "--from", str(source)], env={})
    err = capsys.readouterr().err
    assert status == 2
    assert "schema version 20" in err
    assert "bot.py check" in err
    assert asyncio.run(_count(pg_url, "cohorts")) == 0  # nothing copied


def test_a_copy_that_differs_is_reported_and_exits_non_zero(
    demo_database: Path,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A value changed on the way (here by a faulty conversion) is caught by the checksum."""
    import db.transfer

    real = db.transfer.convert_for

    def faulty(kind: str) -> Any:
        if kind == "text":
            return lambda v: v + " " if v == 'it\'s "fine" ✓ — ok?' else v
        return real(kind)

    monkeypatch.setattr(db.transfer, "convert_for", faulty)
    status = bot.main(["migrate-to", pg_url, "--from", str(demo_database)], env={})
    out = capsys.readouterr().out
    assert status == 1
    meta = next(line for line in out.splitlines() if line.startswith("meta "))
    assert meta.split()[1:] == ["1", "1", "DIFFERENT"]  # the same count, a different row
    assert "differs from the source in: meta" in out


async def test_verification_reads_both_sides_again(
    demo_database: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("db.transfer.CHUNK", 3)  # many chunks per table, as a large database
    lite, pg = Database(demo_database), Database(pg_url)
    await lite.connect()
    await pg.connect()
    try:
        report = await copy_sqlite_to_postgres(lite, pg)
        assert report.ok
        await pg.execute(
            "DELETE FROM checkin_pair_members WHERE ctid IN (SELECT min(ctid) FROM checkin_pair_members)"
        )
        again = {t.table: t for t in await verify(lite, pg, await sqlite_tables(lite))}
        assert not again["checkin_pair_members"].same
        assert [t for t, r in again.items() if not r.same] == ["checkin_pair_members"]
    finally:
        await lite.close()
        await pg.close()


def test_migrate_to_needs_a_postgres_url_and_a_sqlite_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bot.main(["migrate-to", str(tmp_path / "x.db")], env={}) == 2
    assert "needs a postgresql:// URL" in capsys.readouterr().err
    env = {"KINDRED_DB": "postgresql://k:secret@h/k"}
    assert bot.main(["migrate-to", "postgresql://k@h/other"], env=env) == 2
    assert "give the SQLite file with --from" in capsys.readouterr().err
    assert (
        bot.main(["migrate-to", "postgresql://k@h/k", "--from", str(tmp_path / "none")], env={})
        == 2
    )
    assert "There is no SQLite database" in capsys.readouterr().err

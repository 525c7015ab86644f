"""SQLite and PostgreSQL, migrated from nothing, have the same schema; a drift fails here."""

from __future__ import annotations

from pathlib import Path

from db.database import Database
from db.migrate import latest_version, migrate
from tests.postgres.schema import describe_postgres, describe_sqlite, differences


async def sqlite_at_latest(tmp_path: Path) -> Database:
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    await migrate(db)
    return db


async def test_both_backends_migrate_to_the_same_schema(tmp_path: Path, pg_db: Database) -> None:
    lite = await sqlite_at_latest(tmp_path)
    try:
        assert await lite.schema_version() == await pg_db.schema_version() == latest_version()
        left, right = await describe_sqlite(lite), await describe_postgres(pg_db)
    finally:
        await lite.close()
    assert len(left["tables"]) > 40  # the description found the tables, not an empty list
    assert differences(left, right) == []


async def test_a_column_on_one_side_only_is_a_difference(tmp_path: Path, pg_db: Database) -> None:
    """The comparison can fail: a column, a type and an index added on one side are seen."""
    lite = await sqlite_at_latest(tmp_path)
    try:
        await lite.execute("ALTER TABLE meta ADD COLUMN extra TEXT")
        await pg_db.execute("ALTER TABLE jobs ALTER COLUMN late TYPE TEXT")
        await pg_db.execute("CREATE INDEX meta_value ON meta (value)")
        found = differences(await describe_sqlite(lite), await describe_postgres(pg_db))
    finally:
        await lite.close()
    assert "columns: meta.extra: SQLite ('text', False, None) != PostgreSQL None" in found
    assert any(line.startswith("columns: jobs.late:") for line in found)
    assert any(line.startswith("indexes: meta_value:") for line in found)
    assert len(found) == 3

"""V18 rebuilds crisis_cases (new levels and sources) and keeps every case and its record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from db.database import Database
from db.migrate import MIGRATIONS_DIR, migrate

pytestmark = pytest.mark.sqlite_only(
    reason="V18 rebuilds a SQLite table; PostgreSQL starts from the V21 baseline"
)


async def test_cases_and_their_record_survive_the_rebuild(tmp_path: Path) -> None:
    older = tmp_path / "v17"
    older.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if int(path.name[1:].split("__")[0]) <= 17:
            shutil.copy(path, older / path.name)
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    try:
        await migrate(db, older)
        await db.execute(
            "INSERT INTO crisis_cases (guild_id, user_id, source, level, rules, reason,"
            " created_at, ref, automod_rule) VALUES (1, 2, 'message', 'urgent', 'plan', 'why',"
            " '2026-01-01T00:00:00+00:00', 'ABCDEFGH', 'rule')"
        )
        await db.execute(
            "INSERT INTO crisis_case_events (case_id, at, kind) VALUES"
            " (1, '2026-01-01T00:00:00+00:00', 'opened')"
        )
        assert (await migrate(db))[0] == 18  # and any later migrations after it
        case = await db.fetchone("SELECT * FROM crisis_cases WHERE id = 1")
        assert case is not None
        assert (case["ref"], case["automod_rule"], case["relay_channel_id"]) == (
            "ABCDEFGH",
            "rule",
            None,
        )
        assert await db.fetchval("SELECT count(*) FROM crisis_case_events") == 1
        await db.execute(
            "INSERT INTO crisis_cases (guild_id, user_id, source, level, rules, reason,"
            " created_at, ref) VALUES (1, 3, 'talk', 'support', '', 'talk',"
            " '2026-01-01T00:00:00+00:00', 'HGFEDCBA')"
        )
        await db.execute("DELETE FROM crisis_cases WHERE id = 1")
        assert await db.fetchval("SELECT count(*) FROM crisis_case_events") == 0  # still cascades
        assert await db.fetchval("PRAGMA foreign_key_check") is None
    finally:
        await db.close()

"""Shared fixtures: a migrated database in a temp file and a fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cogs.utils.clock import FakeClock
from db.database import Database
from db.migrate import migrate

# A Monday morning in New York, a few weeks before the DST change; tests move it forward.
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when the test says so."""
    return FakeClock(START)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A real SQLite database in a temp file, migrated from zero."""
    database = Database(tmp_path / "kindred.sqlite3")
    await database.connect()
    await migrate(database)
    yield database
    await database.close()

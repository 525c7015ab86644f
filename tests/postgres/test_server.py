"""sandbox/pg_server.py: says why it cannot start a server, and leaves nothing behind."""

from __future__ import annotations

import pytest

from db.database import Database, DatabaseError
from sandbox import pg_server


def test_a_machine_without_postgres_is_told_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_server, "find_bin", lambda name: None)
    assert pg_server.unavailable() == "PostgreSQL is not installed (initdb not found on PATH)"
    with pytest.raises(RuntimeError, match="initdb not found"):
        pg_server.start()


def test_a_server_stops_and_deletes_its_folder() -> None:
    if reason := pg_server.unavailable():
        pytest.skip(reason)
    server = pg_server.start()
    assert (server.data / "PG_VERSION").is_file()
    server.stop()
    assert not server.folder.exists()
    server.stop()  # twice is fine


async def test_a_placeholder_count_that_does_not_match_is_a_clear_error(pg_db: Database) -> None:
    with pytest.raises(DatabaseError, match=r"2 placeholder\(s\) but 1 value\(s\)"):
        await pg_db.fetchone("SELECT * FROM meta WHERE key = ? AND value = ?", ("k",))
    with pytest.raises(DatabaseError, match="named parameters"):
        await pg_db.fetchone("SELECT * FROM meta WHERE key = :k", {"k": "k"})

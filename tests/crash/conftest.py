"""Fixtures for the crash tests: a real Kindred process against the stand-in (``sandbox.crash``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from db.database import is_postgres_url
from sandbox.crash import CrashRig
from sandbox.crash_scenarios import ENV


@pytest.fixture(scope="session")
def data_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the first bot process pickles the loaded data files for every later start."""
    return tmp_path_factory.mktemp("crash-data") / "data-files.pickle"


@pytest.fixture
async def rig(tmp_path: Path, db_url: str, data_cache: Path) -> AsyncIterator[CrashRig]:
    """The stand-in with the demo server and its setup; the test starts the bot process over
    the test's database (a SQLite file in ``tmp_path``, or a fresh PostgreSQL database in the
    PostgreSQL pass: ``--db URL``, which is the process's KINDRED_DB).

    On the way out the process is killed and the stand-in stopped, whatever happened.
    """
    database = db_url if is_postgres_url(db_url) else None
    async with CrashRig.open(
        tmp_path, env=ENV, data_cache=data_cache, database=database
    ) as crash_rig:
        yield crash_rig

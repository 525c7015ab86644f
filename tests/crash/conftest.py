"""Fixtures for the crash tests: a real Kindred process against the stand-in (``sandbox.crash``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot import load_data_files
from db.database import is_postgres_url
from sandbox.bot_process import write_data_cache
from sandbox.crash import CrashRig, Standby
from sandbox.crash_scenarios import ENV


@pytest.fixture(scope="session")
def data_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data files loaded and pickled for the bot processes, here, once: the first start
    built them itself before, which took most of its start-up, on the clock of its READY
    deadline. Loaded afresh, not the session's ``data_files``: in a whole run those can hold
    objects of a class that some test imported again since (pickle refused HelplineBook:
    "not the same object as cogs.crisis.helplines.HelplineBook")."""
    path = tmp_path_factory.mktemp("crash-data") / "data-files.pickle"
    write_data_cache(load_data_files(None), path)
    return path


@pytest.fixture(scope="session")
def standby(tmp_path_factory: pytest.TempPathFactory, data_cache: Path) -> Iterator[Standby]:
    """A bot process imported ahead of each start, for every rig of the session."""
    processes = Standby(tmp_path_factory.mktemp("crash-standby"), data_cache)
    processes.refill()
    try:
        yield processes
    finally:
        processes.close()


@pytest.fixture
async def rig(
    tmp_path: Path, db_url: str, data_cache: Path, standby: Standby
) -> AsyncIterator[CrashRig]:
    """The stand-in with the demo server and its setup; the test starts the bot process over
    the test's database (a SQLite file in ``tmp_path``, or a fresh PostgreSQL database in the
    PostgreSQL pass: ``--db URL``, which is the process's KINDRED_DB).

    On the way out the process is killed and the stand-in stopped, whatever happened.
    """
    database = db_url if is_postgres_url(db_url) else None
    async with CrashRig.open(
        tmp_path, env=ENV, data_cache=data_cache, database=database, standby=standby
    ) as crash_rig:
        yield crash_rig

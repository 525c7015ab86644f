"""Fixtures for the crash tests: a real Kindred process against the stand-in (``sandbox.crash``)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from db.database import is_postgres_url
from sandbox.crash import ROOT, CrashRig, Standby, base_environment
from sandbox.crash_scenarios import ENV


@pytest.fixture(scope="session")
def data_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data files loaded and pickled for the bot processes, once, before any starts: the
    first start built them itself before, which took most of its start-up, on the clock of
    its READY deadline. Written by a process of its own, as a bot process would: in this one,
    after a test's bot has unloaded its extensions (which drops ``cogs.<lane>.*`` from
    ``sys.modules``), pickle cannot name the classes of what ``load_data_files`` returns."""
    path = tmp_path_factory.mktemp("crash-data") / "data-files.pickle"
    subprocess.run(
        [sys.executable, "-m", "sandbox.bot_process", "--write-data-cache", str(path)],
        cwd=ROOT,
        env=base_environment(),
        check=True,
        timeout=300,
    )
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

"""The job-lease crash rig (``sandbox/crash_jobs.py``) over a PostgreSQL database.

The same worker processes (``python -m sandbox.crash_jobs --db URL``), the same file clock and
gate; only the database differs: the rig's ``db_path`` is a ``postgresql://`` URL the caller
made (a fresh database, migrated or not: ``open`` migrates it), and ``query`` reads it back
with its own short-lived connection on a thread (the rig's checks are synchronous, and an
asyncpg connection belongs to one event loop)::

    async with PgJobCrashRig.open_on(tmp_path, url, lease=30) as rig:
        await rig.schedule(1)
        ...
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import open_database
from sandbox.crash_jobs import EFFECTS_TABLE, JobCrashRig, write_clock


@dataclass
class PgJobCrashRig(JobCrashRig):
    """``JobCrashRig`` whose database is the PostgreSQL database at ``url``."""

    url: str = ""

    @classmethod
    @asynccontextmanager
    async def open_on(cls, tmp: Path, url: str, *, lease: float) -> AsyncIterator[PgJobCrashRig]:
        """The database at ``url`` migrated, the clock at START; every worker is killed on
        the way out."""
        rig = cls(tmp, lease, url=url)
        write_clock(rig.folder / "clock", rig.now)
        db = await open_database(url)
        try:
            await db.execute(EFFECTS_TABLE)
        finally:
            await db.close()
        try:
            yield rig
        finally:
            for worker in rig.workers:
                with contextlib.suppress(ProcessLookupError):
                    worker.proc.kill()
                worker.proc.wait(timeout=10)

    @property
    def db_path(self) -> Any:  # the URL; Database() and the workers' --db take either
        return self.url

    def query(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Rows (``row["col"]``) from the database, read on a thread with its own loop."""
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, self._query(sql, params)).result(timeout=10)

    async def _query(self, sql: str, params: Sequence[object]) -> list[Any]:
        import asyncpg

        numbered = sql
        for number in range(1, len(params) + 1):
            numbered = numbered.replace("?", f"${number}", 1)
        conn = await asyncpg.connect(self.url)
        try:
            return list(await conn.fetch(numbered, *params))
        finally:
            await conn.close()

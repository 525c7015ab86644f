"""Crash rig for job leases: two worker processes over one database file, one killed -9.

Each worker is ``python -m sandbox.crash_jobs --db FILE --dir DIR --lease SECONDS``: a real
``JobScheduler`` with its own connection and worker id, the way a Kindred process runs its
jobs, without Discord. Both read one fake clock from ``DIR/clock`` (the test moves it; the
lease renewal waits on it too), and both poll ``run_due()``, so the one that claims a due job
holds it under a lease and the other can take it over only once the lease has expired.

The job kind ``crash_effect`` does what a crisis step does: it re-reads its record and returns
early when its work is done, else makes its one outside effect (a line in ``DIR/effects``, as a
message posted on Discord) and records that it did. Before the effect it waits for the file
``DIR/gate``, so the test can kill or stop the process while the job runs.

After each poll a worker writes the clock it polled at to ``DIR/<pid>.seen``: a worker that
wrote a time T and holds no job has looked for work at T and found none it may take.

    async with JobCrashRig.open(tmp_path, lease=30) as rig:
        await rig.schedule(1)
        first, second = rig.start(), rig.start()
        holder = await rig.wait_for_holder(1)
        ...
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from cogs.utils.jobs import JobScheduler, KindPolicy
from db.database import Database
from db.migrate import migrate
from db.models import Job
from db.repositories.jobs import JobRepository
from db.timefmt import from_db, to_db
from sandbox.crash_state import START

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
KIND = "crash_effect"
# The rig's own record of done effects (not part of Kindred's schema).
EFFECTS_TABLE = (
    "CREATE TABLE IF NOT EXISTS crash_effects"
    " (entity_id INTEGER PRIMARY KEY, worker TEXT NOT NULL, done_at TEXT NOT NULL)"
)
POLL = 0.02  # seconds between a worker's polls, and the rig's

log = logging.getLogger("kindred.crash_jobs")


class FileClock:
    """The fake clock, read from a file the test writes (so two processes share it)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def now(self) -> datetime:
        return from_db(self.path.read_text(encoding="ascii").strip())

    async def sleep(self, seconds: float) -> None:
        """Wait until the file clock has moved ``seconds`` on (the lease renewal's wait)."""
        until = self.now() + timedelta(seconds=seconds)
        while self.now() < until:  # noqa: ASYNC110 (another process moves the clock)
            await asyncio.sleep(POLL)


def write_clock(path: Path, moment: datetime) -> None:
    """Set the shared clock (atomically: a worker reads all of the time or none of it)."""
    partial = path.with_name(f"{path.name}.tmp")
    partial.write_text(to_db(moment), encoding="ascii")
    os.replace(partial, path)


# --- the worker process -------------------------------------------------------------------


@dataclass
class Effect:
    """The ``crash_effect`` handler: idempotent per step, like the crisis steps."""

    db: Database
    folder: Path
    worker: str

    async def __call__(self, job: Job) -> None:
        log.info("running %s as %s", job.key, self.worker)
        while not (self.folder / "gate").exists():  # noqa: ASYNC110 (the test opens it)
            await asyncio.sleep(POLL)
        done = await self.db.fetchval(
            "SELECT worker FROM crash_effects WHERE entity_id = ?", (job.entity_id,)
        )
        if done is not None:
            log.info("%s was done already by %s; nothing to do", job.key, done)
            return
        with (self.folder / "effects").open("a", encoding="utf-8") as out:
            out.write(f"{job.entity_id} {self.worker}\n")
        await self.db.execute(
            "INSERT INTO crash_effects (entity_id, worker, done_at) VALUES (?, ?, ?)",
            (job.entity_id, self.worker, to_db(FileClock(self.folder / "clock").now())),
        )
        log.info("%s: effect made by %s", job.key, self.worker)


def die_with_parent() -> None:
    """On Linux, have the kernel SIGKILL this process when the test process exits."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


async def work(db_path: Path | str, folder: Path, lease: float, max_seconds: float) -> None:
    clock = FileClock(folder / "clock")
    db = Database(db_path)
    await db.connect()
    jobs = JobScheduler(JobRepository(db), clock, lease=timedelta(seconds=lease), sleep=clock.sleep)
    jobs.register(KIND, Effect(db, folder, jobs.worker), KindPolicy(concurrent=True))
    log.info("worker %s ready", jobs.worker)
    seen = folder / f"{os.getpid()}.seen"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_seconds
    running: set[asyncio.Task[int]] = set()
    await jobs.start()
    while loop.time() < deadline:
        now = clock.now()
        if not running:
            # One poll at a time; a job it claims keeps running while the loop goes on.
            task = asyncio.create_task(jobs.run_due())
            running.add(task)
            task.add_done_callback(running.discard)
            await asyncio.sleep(0)
            await asyncio.wait({task}, timeout=POLL)
            if task.done():
                write_clock(seen, now)
        await asyncio.sleep(POLL)
    log.error("stopping after --max-seconds %s", max_seconds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.crash_jobs")
    # A file path (SQLite) or a postgresql:// URL: a str, as Path would fold the URL's "//".
    parser.add_argument("--db", required=True)
    parser.add_argument("--dir", required=True, type=Path)
    parser.add_argument("--lease", required=True, type=float)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    die_with_parent()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    asyncio.run(work(args.db, args.dir, args.lease, args.max_seconds))
    return 0


# --- the rig (the test's side) ------------------------------------------------------------


@dataclass
class Worker:
    """One worker process."""

    proc: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""


@dataclass
class JobCrashRig:
    """Starts, kills and watches worker processes over one database file."""

    folder: Path
    lease: float
    now: datetime = START
    workers: list[Worker] = field(default_factory=list)

    @classmethod
    @asynccontextmanager
    async def open(cls, tmp: Path, *, lease: float) -> AsyncIterator[JobCrashRig]:
        """A migrated database and the clock at START; every worker is killed on the way out."""
        rig = cls(tmp, lease)
        write_clock(rig.folder / "clock", rig.now)
        db = Database(rig.db_path)
        await db.connect()
        try:
            await migrate(db)
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
    def db_path(self) -> Path:
        return self.folder / "kindred.sqlite3"

    async def schedule(self, entity_id: int) -> None:
        """Write a ``crash_effect`` job due now (as a lane would)."""
        db = Database(self.db_path)
        await db.connect()
        try:
            await JobRepository(db).upsert(KIND, entity_id, self.now, self.now)
        finally:
            await db.close()

    def start(self) -> Worker:
        number = len(self.workers) + 1
        log_path = self.folder / f"worker-{number}.log"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        with log_path.open("wb") as out:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sandbox.crash_jobs",
                    "--db",
                    str(self.db_path),
                    "--dir",
                    str(self.folder),
                    "--lease",
                    str(self.lease),
                ],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(proc, log_path)
        self.workers.append(worker)
        return worker

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        write_clock(self.folder / "clock", self.now)

    def open_gate(self) -> None:
        (self.folder / "gate").touch()

    def kill(self, worker: Worker) -> None:
        """``kill -9``."""
        os.kill(worker.pid, signal.SIGKILL)
        worker.proc.wait(timeout=10)

    # --- reading back -----------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        uri = f"file:{self.db_path}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, tuple(params)).fetchall()

    def job(self, entity_id: int) -> sqlite3.Row:
        return self.query("SELECT * FROM jobs WHERE kind = ? AND entity_id = ?", (KIND, entity_id))[
            0
        ]

    def holder(self, entity_id: int) -> Worker | None:
        """The worker process whose lease the running job is under, if any."""
        row = self.job(entity_id)
        if row["status"] != "running" or not row["lease_owner"]:
            return None
        pid = int(row["lease_owner"].rsplit(":", 3)[1])
        return next((w for w in self.workers if w.pid == pid), None)

    def effects(self) -> list[str]:
        path = self.folder / "effects"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    def seen(self, worker: Worker) -> datetime | None:
        """The clock at the worker's last finished poll."""
        path = self.folder / f"{worker.pid}.seen"
        return FileClock(path).now() if path.exists() else None

    def diagnostics(self) -> str:
        out = []
        for number, worker in enumerate(self.workers, 1):
            state = worker.proc.poll()
            out.append(f"--- worker {number} (pid {worker.pid}, exit {state}) ---")
            out.extend(worker.log().splitlines()[-15:])
        return "\n".join(out)

    async def wait_for(
        self,
        check: Callable[[], T | None],
        what: str,
        timeout: float = 20.0,  # noqa: ASYNC109
    ) -> T:
        """Poll ``check()`` until it is truthy; fail after ``timeout`` seconds of real time."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            with contextlib.suppress(sqlite3.OperationalError):
                value = check()
                if value:
                    return value
            if loop.time() >= deadline:
                raise AssertionError(f"{what}: not within {timeout:g} s\n{self.diagnostics()}")
            await asyncio.sleep(POLL)

    async def wait_until_polled(self, worker: Worker) -> None:
        """Wait until ``worker`` has looked for work at the current clock."""
        await self.wait_for(
            lambda: (seen := self.seen(worker)) is not None and seen >= self.now,
            f"worker pid {worker.pid} to poll at {self.now.isoformat()}",
        )


if __name__ == "__main__":
    sys.exit(main())

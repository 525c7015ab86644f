"""Scheduled work that survives restarts.

The ``jobs`` table holds every scheduled item (kind, entity id, due time, status). This module
is the alarm clock on top of it:

- ``schedule(kind, entity_id, due_at)`` writes the row first, then arms an APScheduler ``date``
  job with id ``kind:entity_id``.
- ``ensure_recurring(kind)`` schedules a self-rescheduling sweep at start-up unless it is
  already pending or running.
- ``start()`` rebuilds the alarms from the table: jobs left running by a worker that stopped
  (its lease expired, or its process is gone from this machine) go back to pending, overdue ones
  run at once and are marked late. A job another worker holds under a live lease is left alone.
- Running a job first *claims* it with one conditional UPDATE, so a job fires at most once per
  scheduling even if two alarms or two processes race, and a handler that reschedules its own
  job (an escalation that repeats until claimed) simply leaves it pending.
- The claim is a *lease*: the row records which worker runs it (``worker``: host, pid, machine
  and a random part, new at every start) and until when. While the handler runs, the lease is
  renewed every third of its length; a worker that dies or hangs stops renewing, and once the
  lease has expired another worker takes the job over (a warning names the old holder; an
  alarm every lease length looks for such jobs, and for due jobs another process scheduled
  for a server this one holds). The finishing write (done, retry, failed)
  checks that this worker still holds the lease, so a holder that comes back late never
  overwrites the new holder's run.
- A handler that raises is retried with back-off, then marked failed and logged loudly.

Handlers take the ``Job`` (ids, not objects) and must be idempotent: after a crash mid-run the
job runs again, and a job taken over from a worker that hung may run on both for a while (the
crisis steps re-read their case and return early when their work is done). With
``alarm=None`` (tests, the demo) nothing fires by itself: the caller moves an injected clock
and calls ``run_due()``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from cogs.utils.clock import Clock
from cogs.utils.i18n import speaking
from cogs.utils.shards import ShardPlan
from db.models import Job
from db.repositories.jobs import JobRepository

log = logging.getLogger(__name__)

Handler = Callable[[Job], Awaitable[None]]
Sleep = Callable[[float], Awaitable[None]]

# A job that starts more than this after its due time is "late" (the bot was down or busy).
LATE_AFTER = timedelta(seconds=60)
MAX_ATTEMPTS = 5
# Only jobs due within HORIZON get an APScheduler alarm; a refill alarm every REFILL_EVERY arms
# the next window. Arming 36,000 alarms for 1,000 cohorts took 1.7 s at start-up; this keeps
# start-up to the near-term jobs whatever the size of the database.
HORIZON = timedelta(hours=2)
REFILL_EVERY = timedelta(hours=1)
REFILL_ID = "kindred:refill"
# How long a claim holds a job without renewal (KINDRED_JOB_LEASE). After a crash on another
# host, a crisis step waits at most this long before a live worker takes it over (a restart on
# the same machine takes it at once: see gone()), and an event loop stalled this long loses its
# jobs; 30 s keeps the first short and the second far from anything Kindred does (renewal every
# 10 s, one UPDATE per process).
DEFAULT_LEASE = timedelta(seconds=30)
LEASE_ID = "kindred:leases"


def machine_key() -> str:
    """Which kernel boot and pid namespace this process runs in (8 hex), or "" when unknown.

    Two workers with the same key see the same process ids, so one can tell whether the
    other's process still exists; containers on one host differ (their own pid namespace), and
    so do two hosts with the same name (their own boot id).
    """
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""
    return hashlib.sha256(f"{boot}|{namespace}".encode()).hexdigest()[:8]


def new_worker_id() -> str:
    """A worker id unique to this process start: ``host:pid:machine:random``."""
    host = socket.gethostname().replace(":", "-") or "host"
    return f"{host}:{os.getpid()}:{machine_key() or '-'}:{secrets.token_hex(4)}"


def gone(owner: str, machine: str | None = None) -> bool:
    """True when ``owner`` was a worker on this machine whose process no longer exists.

    Only then may a restarted process take its jobs before the lease expires (a crash and a
    restart by systemd would otherwise hold a crisis step for up to a lease). Anything it
    cannot be sure of (another machine, this very process, an id in another shape, a process
    that exists even as a zombie or under another user) counts as alive.
    """
    machine = machine_key() if machine is None else machine
    parts = owner.rsplit(":", 3)
    if not machine or len(parts) != 4 or parts[2] != machine or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # e.g. it exists under another user
    return False


class Alarm(Protocol):
    """The part of APScheduler's AsyncIOScheduler we use (so tests can pass None or a fake)."""

    def add_job(self, func: Any, trigger: str, **kwargs: Any) -> Any: ...
    def remove_job(self, job_id: str) -> None: ...
    def start(self) -> None: ...
    def shutdown(self, wait: bool = True) -> None: ...


def retry_delay(attempts: int, cap: timedelta = timedelta(minutes=10)) -> timedelta:
    """Back-off before retry number ``attempts`` (1-based): 15 s, 30 s, 60 s, ... up to ``cap``."""
    return min(timedelta(seconds=15 * 2 ** min(attempts - 1, 16)), cap)


@dataclass(frozen=True)
class KindPolicy:
    """How jobs of one kind are retried and run.

    ``forever``: a failing job is retried until it succeeds (a crisis step must reach a
    person; giving up is not an option), with back-off capped at ``max_delay``.
    ``concurrent``: overdue jobs of this kind run side by side at start-up, so one hung
    delivery cannot hold up the others (only for kinds whose jobs are independent).
    """

    forever: bool = False
    max_delay: timedelta = timedelta(minutes=10)
    concurrent: bool = False


class JobScheduler:
    """Runs registered handlers for due jobs; the database is the source of truth."""

    def __init__(
        self,
        repo: JobRepository,
        clock: Clock,
        alarm: Alarm | None = None,
        *,
        lease: timedelta = DEFAULT_LEASE,
        worker: str | None = None,
        sleep: Sleep | None = None,
        shards: ShardPlan | None = None,
    ) -> None:
        """``lease``: how long a claim holds a job without renewal; ``worker``: this worker's
        id (default: a new one); ``sleep``: how the renewal waits (tests pass a fake);
        ``shards``: the shards this process runs (None: all), for jobs bound to a server."""
        if lease <= timedelta(0):
            raise ValueError("a job lease must be longer than zero")
        self.repo = repo
        self.clock = clock
        self.alarm = alarm
        self.lease = lease
        self.worker = worker or new_worker_id()
        self._sleep: Sleep = sleep or asyncio.sleep
        self.shards = shards
        self._handlers: dict[str, Handler] = {}
        self._policies: dict[str, KindPolicy] = {}
        self._running: set[int] = set()
        self._lost: set[int] = set()
        self._tasks: set[asyncio.Task[bool]] = set()
        self._renewer: asyncio.Task[None] | None = None
        self._sweep: asyncio.Task[int] | None = None
        self._pickup: asyncio.Task[int] | None = None
        self._started = False

    def register(self, kind: str, handler: Handler, policy: KindPolicy | None = None) -> None:
        """Say which coroutine runs jobs of ``kind`` (one handler per kind), and how."""
        if kind in self._handlers and self._handlers[kind] is not handler:
            raise ValueError(f"a handler for job kind {kind!r} is already registered")
        self._handlers[kind] = handler
        self._policies[kind] = policy or KindPolicy()

    async def run_now(self, kind: str, entity_id: int) -> bool:
        """Run the pending job ``kind:entity_id`` now if it is due (claimed, so it runs once).

        For work that was written as a job in the same transaction as its cause (the crisis
        outbox): the fast path runs it at once, and a crash before it finished leaves the row
        for start-up to run again. False when it was not due, not pending, or already running.
        """
        job = await self.repo.get(kind, entity_id)
        if job is None or job.status != "pending" or job.due_at > self.clock.now():
            if job is not None and job.status == "pending" and self._started:
                self._arm(job)
            return False
        return await self._run(job)

    async def schedule(
        self, kind: str, entity_id: int, due_at: datetime, *, guild_id: int | None = None
    ) -> Job:
        """Write the job for ``kind:entity_id`` (replacing a pending one) and arm its alarm.

        ``guild_id``: the server whose Discord cache the handler needs; only a process whose
        shards hold it runs the job (``holds``). None: any process may run it.
        """
        if kind not in self._handlers:
            raise ValueError(f"no handler registered for job kind {kind!r}")
        job = await self.repo.upsert(kind, entity_id, due_at, self.clock.now(), guild_id)
        if self._started:
            self._arm(job)
        return job

    async def ensure_recurring(
        self, kind: str, entity_id: int = 0, first_due: datetime | None = None
    ) -> Job:
        """Make sure the recurring job ``kind:entity_id`` exists; schedule it if it does not.

        For sweeps that reschedule themselves at the end of each run (entity 0 by convention):
        call it at start-up. A pending or running job is left as it is; a missing one, or one
        that is done, failed (given up) or cancelled, is scheduled at ``first_due`` (default
        now), so a sweep that once gave up comes back at the next start.
        """
        if kind not in self._handlers:
            raise ValueError(f"no handler registered for job kind {kind!r}")
        now = self.clock.now()
        job = await self.repo.ensure(kind, entity_id, now if first_due is None else first_due, now)
        if self._started:
            self._arm(job)
        return job

    async def get(self, kind: str, entity_id: int) -> Job | None:
        """The job for ``kind:entity_id``, whatever its status (``job.active``: still to run)."""
        return await self.repo.get(kind, entity_id)

    async def cancel(self, kind: str, entity_id: int) -> bool:
        """Cancel the pending job for ``kind:entity_id``; True when there was one."""
        cancelled = await self.repo.cancel(kind, entity_id, self.clock.now())
        if self.alarm is not None and cancelled:
            try:
                self.alarm.remove_job(f"{kind}:{entity_id}")
            except Exception:  # APScheduler raises JobLookupError when it already fired
                log.debug("no alarm to remove for %s:%s", kind, entity_id)
        return cancelled

    async def start(self) -> int:
        """Rebuild the alarms from the database and run overdue work; return how many are pending."""
        machine = machine_key()
        owners = await self.repo.running_owners()
        dead = [o for o in owners if o != self.worker and gone(o, machine)]
        recovered = await self.repo.recover_interrupted(self.clock.now(), dead)
        if recovered:
            log.warning("%d job(s) were interrupted by a stop and will run again", recovered)
        if self.alarm is not None:
            self.alarm.start()
            self.alarm.add_job(
                self._refill,
                "interval",
                seconds=REFILL_EVERY.total_seconds(),
                id=REFILL_ID,
                replace_existing=True,
                coalesce=True,
            )
            self.alarm.add_job(
                self._lease_alarm,
                "interval",
                seconds=self.lease.total_seconds(),
                id=LEASE_ID,
                replace_existing=True,
                coalesce=True,
            )
        self._started = True
        unknown = set(await self.repo.pending_kinds()) - set(self._handlers)
        for kind in sorted(unknown):
            log.error("jobs of kind %r are pending but no handler is registered", kind)
        await self._refill()
        # Overdue work runs now rather than waiting for an alarm.
        await self.run_due()
        return await self.repo.pending_count()

    async def _refill(self) -> None:
        """Arm alarms for every pending job due within the horizon (idempotent)."""
        if self.alarm is None:
            return
        for job in await self.repo.due(self.clock.now() + HORIZON):
            self._arm(job)

    async def shutdown(self) -> None:
        """Stop the alarm clock; pending jobs stay in the database for the next start."""
        was_started, self._started = self._started, False
        self._stop_renewing()
        # Only a started alarm can be shut down (APScheduler raises otherwise), and a failed
        # login closes the bot before the jobs ever started.
        if self.alarm is not None and was_started:
            self.alarm.shutdown(wait=False)

    async def run_due(self) -> int:
        """Run every pending job that is due by the clock, soonest first, and every job whose
        worker's lease has expired; return how many ran.

        Jobs of a ``concurrent`` kind run side by side (awaited before returning); the rest
        run one after another in due order.
        """
        ran = 0
        side: list[asyncio.Task[bool]] = []
        for job in await self.repo.claimable(self.clock.now()):
            if not self.holds(job):
                continue
            if self._policies.get(job.kind, KindPolicy()).concurrent:
                side.append(self._spawn(job))
            elif await self._run(job):
                ran += 1
        for done in await asyncio.gather(*side, return_exceptions=True):
            if done is True:
                ran += 1
        return ran

    async def take_over(self) -> int:
        """Run every job whose worker stopped renewing its lease; return how many ran here.

        They run side by side: each was already due, and one must not wait for another.
        """
        tasks = [
            self._spawn(job)
            for job in await self.repo.expired(self.clock.now())
            if job.kind in self._handlers and job.id not in self._running and self.holds(job)
        ]
        return sum(1 for done in await asyncio.gather(*tasks, return_exceptions=True) if done)

    async def pick_up(self) -> int:
        """When other processes hold some of the shards: run the due jobs one of them scheduled
        for a server this one holds, which have no alarm here; return how many ran.

        The scheduling process arms no alarm for a server it does not hold (a /privacy delete
        in a DM, which reaches shard 0, frees places in every server), so the lease alarm calls
        this: such a job waits at most one lease length. With every shard here, nothing.
        """
        if self.shards is None or self.shards.is_whole:
            return 0
        return await self.run_due()

    async def _lease_alarm(self) -> None:
        """APScheduler's entry point every lease length: ``take_over`` and ``pick_up`` in the
        background, each on its own (a slow takeover must not make the alarm skip its next
        ring, and a long job picked up must not hold up the takeover of a crisis step)."""
        if self._sweep is None or self._sweep.done():
            self._sweep = asyncio.create_task(self.take_over(), name="kindred:job-takeover")
        if self._pickup is None or self._pickup.done():
            self._pickup = asyncio.create_task(self.pick_up(), name="kindred:job-pickup")

    def _spawn(self, job: Job) -> asyncio.Task[bool]:
        task = asyncio.create_task(self._run(job), name=f"kindred:job:{job.key}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def renew_leases(self) -> int:
        """Extend this worker's leases on the jobs it is running; return how many it holds.

        A job it no longer holds (another worker took it over after the lease expired: this
        process hung, or its database writes failed) is logged once, as an error: the handler
        goes on here, and its finishing write will be refused.
        """
        held = sorted(self._running)
        if not held:
            return 0
        renewed = await self.repo.renew(held, self.worker, self.clock.now() + self.lease)
        if renewed < len(held):
            for job in await self.repo.by_ids(held):
                taken = job.status == "running" and job.lease_owner != self.worker
                if taken and job.id not in self._lost:
                    self._lost.add(job.id)
                    log.error(
                        "job %s: this worker (%s) lost its lease to %s; the run here goes on, "
                        "and its result will not be written",
                        job.key,
                        self.worker,
                        job.lease_owner,
                    )
        return renewed

    def _start_renewing(self) -> None:
        if self._renewer is None or self._renewer.done():
            self._renewer = asyncio.create_task(self._renew_loop(), name="kindred:job-leases")

    def _stop_renewing(self) -> None:
        task, self._renewer = self._renewer, None
        if task is not None:
            task.cancel()

    async def _renew_loop(self) -> None:
        """While any job runs here: renew the leases every third of a lease."""
        every = self.lease.total_seconds() / 3
        while True:
            await self._sleep(every)
            try:
                await self.renew_leases()
            except asyncio.CancelledError:
                raise
            except Exception:  # a failed renewal is retried at the next; the lease may lapse
                log.exception("could not renew the job leases of %s", self.worker)

    async def _taken_by(self, job: Job) -> Job | None:
        """``job`` as it is now, or None; logged as an error when another worker holds or
        ended it (it took the job over, so this worker's finishing write was refused). A
        pending job has no holder: its handler moved it, or it was scheduled again."""
        current = await self.repo.get(job.kind, job.entity_id)
        if current is not None and current.lease_owner not in (None, self.worker):
            log.error(
                "job %s: ended here after %s took it over; their run is left as it is",
                job.key,
                current.lease_owner,
            )
        return current

    def holds(self, job: Job) -> bool:
        """Whether this process may claim ``job``: it is bound to no server, or to one of ours."""
        return job.guild_id is None or self.shards is None or self.shards.holds(job.guild_id)

    def _arm(self, job: Job) -> None:
        if self.alarm is None or job.kind not in self._handlers or not self.holds(job):
            return
        if job.due_at > self.clock.now() + HORIZON:
            return  # the refill alarm arms it when it comes within the horizon
        self.alarm.add_job(
            self._fire,
            "date",
            run_date=job.due_at,
            id=job.key,
            args=[job.kind, job.entity_id],
            replace_existing=True,
            # The database decides whether it is still due, however late the alarm is.
            misfire_grace_time=None,
            coalesce=True,
        )

    async def _fire(self, kind: str, entity_id: int) -> None:
        """APScheduler's entry point: re-read the row, then run it if it is still due."""
        job = await self.repo.get(kind, entity_id)
        if job is None or job.status != "pending":
            return
        if job.due_at > self.clock.now():
            self._arm(job)  # moved later since the alarm was set
            return
        await self._run(job)

    async def _run(self, job: Job) -> bool:
        handler = self._handlers.get(job.kind)
        if handler is None or job.id in self._running or not self.holds(job):
            return False
        now = self.clock.now()
        late = now - job.due_at > LATE_AFTER
        claimed = await self.repo.claim(
            job.id, now, late=late, owner=self.worker, until=now + self.lease
        )
        if claimed is None:
            return False
        if job.status == "running":
            log.warning(
                "job %s: taken over from %s, whose lease expired at %s",
                job.key,
                job.lease_owner or "a worker from before leases",
                job.lease_until.isoformat() if job.lease_until else "an unknown time",
            )
        self._running.add(job.id)
        self._start_renewing()
        try:
            if late:
                log.warning("job %s is running late (due %s)", job.key, job.due_at.isoformat())
            # A job may run inline from a member's interaction: it starts in English, not in
            # that member's language, and a handler that writes to someone sets theirs.
            with speaking(None):
                await handler(claimed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            attempts = claimed.attempts
            error = f"{type(exc).__name__}: {exc}"[:500]
            policy = self._policies.get(job.kind, KindPolicy())
            if attempts < MAX_ATTEMPTS or policy.forever:
                due = self.clock.now() + retry_delay(attempts, policy.max_delay)
                log.exception("job %s failed (attempt %d); retrying at %s", job.key, attempts, due)
                retried = await self.repo.retry(job.id, due, error, self.worker)
                if retried is None:
                    await self._taken_by(job)
                elif self._started:
                    self._arm(retried)
            else:
                log.critical("job %s failed %d times and was given up", job.key, attempts)
                if not await self.repo.fail(job.id, self.clock.now(), error, self.worker):
                    await self._taken_by(job)
            return True
        else:
            if not await self.repo.finish(job.id, self.clock.now(), self.worker):
                # The handler moved its own job (a recurring sweep, a later step): arm it.
                # Or another worker took it over: their run stands.
                current = await self._taken_by(job)
                if current is not None and current.status == "pending" and self._started:
                    self._arm(current)
            return True
        finally:
            self._running.discard(job.id)
            self._lost.discard(job.id)
            if not self._running:
                self._stop_renewing()

"""Scheduled work that survives restarts.

The ``jobs`` table holds every scheduled item (kind, entity id, due time, status). This module
is the alarm clock on top of it:

- ``schedule(kind, entity_id, due_at)`` writes the row first, then arms an APScheduler ``date``
  job with id ``kind:entity_id``.
- ``ensure_recurring(kind)`` schedules a self-rescheduling sweep at start-up unless it is
  already pending or running.
- ``start()`` rebuilds the alarms from the table: jobs left running by a crash go back to
  pending, overdue ones run at once and are marked late.
- Running a job first *claims* it with a conditional UPDATE, so a job fires at most once per
  scheduling even if two alarms race, and a handler that reschedules its own job (an escalation
  that repeats until claimed) simply leaves it pending.
- A handler that raises is retried with back-off, then marked failed and logged loudly.

Handlers take the ``Job`` (ids, not objects) and must be idempotent: after a crash mid-run the
job runs again. With ``alarm=None`` (tests, the demo) nothing fires by itself: the caller moves
an injected clock and calls ``run_due()``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from cogs.utils.clock import Clock
from db.models import Job
from db.repositories.jobs import JobRepository

log = logging.getLogger(__name__)

Handler = Callable[[Job], Awaitable[None]]

# A job that starts more than this after its due time is "late" (the bot was down or busy).
LATE_AFTER = timedelta(seconds=60)
MAX_ATTEMPTS = 5
# Only jobs due within HORIZON get an APScheduler alarm; a refill alarm every REFILL_EVERY arms
# the next window. Arming 36,000 alarms for 1,000 cohorts took 1.7 s at start-up; this keeps
# start-up to the near-term jobs whatever the size of the database.
HORIZON = timedelta(hours=2)
REFILL_EVERY = timedelta(hours=1)
REFILL_ID = "kindred:refill"


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

    def __init__(self, repo: JobRepository, clock: Clock, alarm: Alarm | None = None) -> None:
        self.repo = repo
        self.clock = clock
        self.alarm = alarm
        self._handlers: dict[str, Handler] = {}
        self._policies: dict[str, KindPolicy] = {}
        self._running: set[int] = set()
        self._tasks: set[asyncio.Task[bool]] = set()
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

    async def schedule(self, kind: str, entity_id: int, due_at: datetime) -> Job:
        """Write the job for ``kind:entity_id`` (replacing a pending one) and arm its alarm."""
        if kind not in self._handlers:
            raise ValueError(f"no handler registered for job kind {kind!r}")
        job = await self.repo.upsert(kind, entity_id, due_at, self.clock.now())
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
        recovered = await self.repo.recover_interrupted()
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
        # Only a started alarm can be shut down (APScheduler raises otherwise), and a failed
        # login closes the bot before the jobs ever started.
        if self.alarm is not None and was_started:
            self.alarm.shutdown(wait=False)

    async def run_due(self) -> int:
        """Run every pending job that is due by the clock, soonest first; return how many ran.

        Jobs of a ``concurrent`` kind run side by side (awaited before returning); the rest
        run one after another in due order.
        """
        ran = 0
        side: list[asyncio.Task[bool]] = []
        for job in await self.repo.due(self.clock.now()):
            if self._policies.get(job.kind, KindPolicy()).concurrent:
                task = asyncio.create_task(self._run(job), name=f"kindred:job:{job.key}")
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
                side.append(task)
            elif await self._run(job):
                ran += 1
        for done in await asyncio.gather(*side, return_exceptions=True):
            if done is True:
                ran += 1
        return ran

    def _arm(self, job: Job) -> None:
        if self.alarm is None or job.kind not in self._handlers:
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
        if handler is None or job.id in self._running:
            return False
        now = self.clock.now()
        late = now - job.due_at > LATE_AFTER
        claimed = await self.repo.claim(job.id, now, late=late)
        if claimed is None:
            return False
        self._running.add(job.id)
        try:
            if late:
                log.warning("job %s is running late (due %s)", job.key, job.due_at.isoformat())
            await handler(claimed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            attempts = job.attempts + 1
            error = f"{type(exc).__name__}: {exc}"[:500]
            policy = self._policies.get(job.kind, KindPolicy())
            if attempts < MAX_ATTEMPTS or policy.forever:
                due = self.clock.now() + retry_delay(attempts, policy.max_delay)
                log.exception("job %s failed (attempt %d); retrying at %s", job.key, attempts, due)
                retried = await self.repo.retry(job.id, due, error)
                if retried is not None and self._started:
                    self._arm(retried)
            else:
                log.critical("job %s failed %d times and was given up", job.key, attempts)
                await self.repo.fail(job.id, self.clock.now(), error)
            return True
        else:
            if not await self.repo.finish(job.id, self.clock.now()):
                # The handler moved its own job (a recurring sweep, a later step): arm it.
                rescheduled = await self.repo.get(job.kind, job.entity_id)
                if rescheduled is not None and rescheduled.status == "pending" and self._started:
                    self._arm(rescheduled)
            return True
        finally:
            self._running.discard(job.id)

"""Core records: a server's settings, scheduled jobs and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class GuildSettings:
    """A server's Kindred configuration, set with /setup."""

    guild_id: int
    moderator_role_id: int | None = None
    coordinator_role_id: int | None = None
    oncall_role_id: int | None = None
    backup_role_id: int | None = None
    staff_channel_id: int | None = None
    country: str | None = None
    timezone: str | None = None
    urgent_ack_minutes: int | None = None
    concern_ack_minutes: int | None = None
    language: str | None = None  # the server's language ('en', 'es', 'hi'); None: English
    updated_at: datetime | None = None
    updated_by: int | None = None


@dataclass(frozen=True)
class Job:
    """One scheduled item: what (kind), for which row (entity_id), when, and how it went."""

    id: int
    kind: str
    entity_id: int
    due_at: datetime
    status: str
    attempts: int
    late: bool
    last_error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    # Who runs it now (a worker id, cogs/utils/jobs.py) and until when, while it is running;
    # None on a pending job and on rows from before leases.
    lease_owner: str | None = None
    lease_until: datetime | None = None
    # The server the job works on, when its handler needs that server in the Discord cache:
    # only a process whose shards hold it claims the job. None: any process may run it.
    guild_id: int | None = None

    @property
    def key(self) -> str:
        """The scheduler's id for this job: ``kind:entity_id``."""
        return f"{self.kind}:{self.entity_id}"

    @property
    def active(self) -> bool:
        """Still to run, or running now (not done, failed or cancelled)."""
        return self.status in ("pending", "running")


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    guild_id: int | None
    actor_id: int | None
    action: str
    target_id: int | None
    detail: str | None
    created_at: datetime


@dataclass(frozen=True)
class AuditNote:
    """An audit line still to write: with the change it describes, in the same unit of work."""

    guild_id: int | None
    actor_id: int | None
    action: str
    target_id: int | None = None
    detail: str | None = None

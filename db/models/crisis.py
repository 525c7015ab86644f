"""Crisis cases and the step-by-step record of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CaseJoin:
    """Which recent open case of the same member takes a new crisis message (see
    ``cogs.crisis.policy.case_join``): opened at or after ``since``, at one of ``levels``, and
    (``blocked_only``) opened for a message AutoMod blocked."""

    since: datetime
    levels: tuple[str, ...]
    blocked_only: bool


@dataclass(frozen=True)
class CrisisCase:
    """One crisis case: what was seen, and every step taken since."""

    id: int
    guild_id: int | None
    user_id: int | None
    channel_id: int | None
    message_id: int | None
    source: str
    level: str
    rules: tuple[str, ...]
    reason: str
    excerpt: str | None
    status: str
    member_notified: str | None
    member_notified_at: datetime | None
    alert_channel_id: int | None
    alert_message_id: int | None
    alerted_at: datetime | None
    escalations: int
    claimed_by: int | None
    claimed_at: datetime | None
    closed_by: int | None
    closed_at: datetime | None
    close_reason: str | None
    created_at: datetime
    ref: str = ""
    staff_reached: str | None = None
    also_abusive: str | None = None
    # The AutoMod rule that blocked (or flagged) the member's message, when one did.
    automod_rule: str | None = None

    @property
    def blocked_by_automod(self) -> bool:
        """The member's message was blocked by AutoMod: never posted, so no link to it."""
        return self.automod_rule is not None and self.message_id is None

    @property
    def label(self) -> str:
        """The reference people see and type: ``K7QX-3MPD`` (never the sequential row id)."""
        ref = self.ref or str(self.id)
        return f"{ref[:4]}-{ref[4:]}" if len(ref) == 8 else ref

    @property
    def is_open(self) -> bool:
        """Nobody has claimed or closed it yet."""
        return self.status == "open"


@dataclass(frozen=True)
class CaseEvent:
    """One step in a case's record."""

    id: int
    case_id: int
    at: datetime
    kind: str
    actor_id: int | None
    detail: str | None

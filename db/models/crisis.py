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
    # The case's thread in the staff channel, where the conversation with the member is relayed.
    relay_channel_id: int | None = None

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

    @property
    def is_active(self) -> bool:
        """Open or claimed: the member's DMs are relayed to the team."""
        return self.status in ("open", "claimed")


@dataclass(frozen=True)
class CaseEvent:
    """One step in a case's record."""

    id: int
    case_id: int
    at: datetime
    kind: str
    actor_id: int | None
    detail: str | None


@dataclass(frozen=True)
class RelayMessage:
    """One message of a case's conversation (the transcript), in either direction.

    ``direction``: ``in`` from the member to the team, ``out`` from the team to the member.
    ``as_name``: whom the member sees an ``out`` message from. ``status``: ``pending`` until
    delivered, then ``sent``, ``closed`` (the member's DMs are closed) or ``failed``.
    """

    id: int
    case_id: int
    direction: str
    source_id: int | None
    author_id: int | None
    as_name: str | None
    text: str
    status: str
    error: str | None
    created_at: datetime
    delivered_at: datetime | None
    attachments: str = ""  # links, one a line: relayed as links, never re-uploaded

    @property
    def links(self) -> list[str]:
        """The attachment links."""
        return [line for line in self.attachments.split("\n") if line]

    @property
    def delivered(self) -> bool:
        """Delivered to the other side."""
        return self.status == "sent"

"""Guidelines: rule limits, Kindred's AutoMod rule, hits, infractions, hidden messages, appeals.

Hits never hold message text; the copy of a hidden message is kept for moderators only and
purged after the retention period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class GuidelineLimits:
    """A server's nudge limits and point thresholds; None means the lane's default."""

    guild_id: int
    nudges_per_hour: int | None = None
    nudges_per_week: int | None = None
    point_days: int | None = None
    timeout_points: int | None = None
    timeout_minutes: int | None = None
    review_points: int | None = None


@dataclass(frozen=True)
class AutoModSetting:
    """``/guidelines automod``: on or off, and the id of the rule Kindred made (None: none)."""

    guild_id: int
    enabled: bool = False
    rule_id: int | None = None


@dataclass(frozen=True)
class Infraction:
    """One infraction: a hidden message, or a moderator's warn, timeout or note."""

    id: int
    guild_id: int
    user_id: int | None
    kind: str
    label: str | None
    points: int
    reason: str
    actor_id: int | None
    duration_min: int | None
    created_at: datetime
    expires_at: datetime
    pardoned_by: int | None
    pardoned_at: datetime | None
    pardon_reason: str | None

    @property
    def pardoned(self) -> bool:
        """A moderator took it back."""
        return self.pardoned_at is not None


@dataclass(frozen=True)
class HiddenMessage:
    """A message Kindred hid, with the copy kept for moderators (None once purged)."""

    id: int
    guild_id: int
    channel_id: int | None
    user_id: int | None
    message_id: int
    label: str
    rule: str
    content: str | None
    infraction_id: int | None
    hidden_at: datetime
    purged_at: datetime | None


@dataclass(frozen=True)
class ReportedHit:
    """A report-only hit waiting for a moderator's look (no text: a jump link finds it)."""

    id: int
    guild_id: int
    channel_id: int | None
    user_id: int | None
    message_id: int | None
    label: str
    rule: str
    outcome: str
    created_at: datetime


@dataclass(frozen=True)
class Appeal:
    """A member's appeal against an infraction."""

    id: int
    infraction_id: int
    guild_id: int
    user_id: int | None
    text: str
    status: str
    created_at: datetime
    decided_by: int | None
    decided_at: datetime | None
    decision: str | None

"""A member's report of a message (the "Report message" context menu)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MessageReport:
    """One report: who reported which message, why, and where it went."""

    id: int
    guild_id: int
    reporter_id: int | None
    author_id: int | None
    channel_id: int
    message_id: int
    reason: str  # worried | unkind | private
    route: str  # crisis | queue | coordinators
    note: str | None
    excerpt: str | None
    case_id: int | None
    created_at: datetime
    reviewed_by: int | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None

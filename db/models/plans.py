"""A member's private IER plan (/plan) and moderators' profiles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanItem:
    """One situation in a member's plan, with the strategies they chose and their own words."""

    id: int
    user_id: int
    situation: str
    strategy_ids: tuple[str, ...]
    own_words: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class ModeratorProfile:
    """What members see about a moderator in one server."""

    guild_id: int
    user_id: int
    role: str
    bio: str
    languages: tuple[str, ...]
    updated_by: int | None
    updated_at: dt.datetime

"""Wellbeing check-ins: opt-ins, weekly requests and scored answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class OptIn:
    """A member's wellbeing choice in one server."""

    guild_id: int
    user_id: int
    status: str
    share_with_moderator: bool
    opted_in_at: dt.datetime
    updated_at: dt.datetime

    @property
    def active(self) -> bool:
        """Whether the member currently wants check-ins."""
        return self.status == "in"


@dataclass(frozen=True)
class Request:
    """One week's check-in sent (or about to be sent) to a member."""

    id: int
    guild_id: int
    user_id: int
    cohort_id: int
    week: int
    forms: tuple[str, ...]
    enabled: frozenset[str]
    sent_at: dt.datetime | None


@dataclass(frozen=True)
class Answer:
    """One instrument's scored answers for one member and week."""

    id: int
    guild_id: int
    user_id: int
    cohort_id: int
    week: int
    instrument: str
    answers: tuple[int, ...]
    score: int
    submitted_at: dt.datetime


@dataclass(frozen=True)
class NewAnswer:
    """A scored instrument to store."""

    instrument: str
    answers: tuple[int, ...]
    score: int

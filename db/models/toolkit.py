"""The IER toolkit: the opt-in /cope log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CopeLogEntry:
    """A /cope answer a member chose to keep."""

    id: int
    guild_id: int | None
    user_id: int
    feeling: str
    strategy_ids: tuple[str, ...]
    created_at: dt.datetime

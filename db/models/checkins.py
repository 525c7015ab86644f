"""Peer check-ins: members' choices, weekly rounds, pairs and who was left unplaced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CheckinMember:
    """A member's own check-in choices in one cohort."""

    cohort_id: int
    user_id: int
    status: str
    place: str
    snoozed_until: int
    counted_from: int


@dataclass(frozen=True)
class Round:
    """One week of check-ins of a cohort."""

    id: int
    cohort_id: int
    week: int
    starts_at: dt.datetime
    remind_at: dt.datetime
    ask_at: dt.datetime
    ends_at: dt.datetime
    status: str


@dataclass(frozen=True)
class PairMember:
    """One member of a pair, with their answer to "did you meet?"."""

    user_id: int
    outcome: str | None
    posted: bool


@dataclass(frozen=True)
class Pair:
    """A pair (or trio) of one round in one group."""

    id: int
    round_id: int
    group_id: int
    place: str
    prompt: str
    thread_id: int | None
    announced: bool
    reminded: bool
    asked: bool
    members: tuple[PairMember, ...]

    @property
    def user_ids(self) -> tuple[int, ...]:
        """The members' ids, sorted."""
        return tuple(sorted(m.user_id for m in self.members))

    def met(self) -> bool:
        """Whether anyone in the pair said they met (or, once closed, counted as met)."""
        return any(m.outcome == "met" for m in self.members)


@dataclass(frozen=True)
class UnplacedRow:
    """A member who had no partner in a round, and the reason code (moderators only)."""

    round_id: int
    group_id: int
    user_id: int
    reason: str
    told: bool


@dataclass(frozen=True)
class NewPair:
    """A pair to store with its round."""

    group_id: int
    members: tuple[int, ...]
    place: str
    prompt: str


@dataclass(frozen=True)
class NewUnplaced:
    """An unplaced member to store with its round."""

    group_id: int
    user_id: int
    reason: str


@dataclass(frozen=True)
class GroupCompletion:
    """Check-in completion of one group over the closed rounds: pairs that met / all pairs."""

    group_id: int
    pairs: int
    met: int

    @property
    def rate(self) -> float | None:
        """The share of pairs that met, or None when no round has closed yet."""
        return None if self.pairs == 0 else self.met / self.pairs

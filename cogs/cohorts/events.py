"""Which sessions get a Discord Scheduled Event now, within the server's cap.

Discord allows at most 100 scheduled or active events per server and a recurring series cannot
end after 12 weeks, so Kindred mirrors each session with its own event, created only for the
next few weeks (the horizon) and rolled forward as sessions end. This module only plans: given
what exists, it says which events to create and whether the cap got in the way. Run it again
whenever that may change (a cohort starts, a session ends, a week is skipped); it is idempotent,
because sessions that already have an event are never planned twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

DISCORD_EVENT_CAP = 100
DEFAULT_HORIZON = dt.timedelta(weeks=3)


@dataclass(frozen=True)
class UpcomingSession:
    """A session that may need an event: its database id and aware start time."""

    session_id: int
    starts_at: dt.datetime


@dataclass(frozen=True)
class CapWarning:
    """The cap stopped some events being created; tell the coordinator.

    ``not_created`` sessions inside the horizon have no event yet, the earliest starting at
    ``first_missing_at``. ``kindred_events`` and ``other_events`` say what uses the cap, so the
    coordinator knows whether removing the server's own events would help.
    """

    not_created: int
    missing_session_ids: tuple[int, ...]
    first_missing_at: dt.datetime
    cap: int
    kindred_events: int
    other_events: int


@dataclass(frozen=True)
class EventPlan:
    """What to do now: create events for ``create`` (session ids, earliest first)."""

    create: tuple[int, ...]
    warning: CapWarning | None = None


def plan_events(
    sessions: Iterable[UpcomingSession],
    with_events: Collection[int],
    other_events: int,
    now: dt.datetime,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    cap: int = DISCORD_EVENT_CAP,
    reserve: int = 0,
) -> EventPlan:
    """Which sessions to create events for now, across every cohort of one server.

    ``sessions``: the server's sessions (any cohort; past ones are ignored).
    ``with_events``: ids of sessions whose Kindred event is still scheduled or active; each
    counts against the cap, whether or not it is in ``sessions``. Events that have ended or
    were deleted no longer count, so leave those out.
    ``other_events``: scheduled or active events on the server that Kindred did not create.
    ``reserve``: places to leave free for the server's own future events.

    Sessions starting after ``now`` and no later than ``now + horizon`` get an event, earliest
    first (so the next session is never the one left out), until the cap minus ``reserve`` is
    reached; any left over are reported in the warning. A session starting exactly at ``now``
    or before is skipped: Discord refuses events that start in the past.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if horizon < dt.timedelta(0) or cap < 0 or reserve < 0 or other_events < 0:
        raise ValueError("horizon, cap, reserve and other_events cannot be negative")
    existing = frozenset(with_events)
    until = now + horizon
    wanted: dict[int, dt.datetime] = {}
    for session in sessions:
        if session.starts_at.tzinfo is None:
            raise ValueError("session start times must be aware datetimes")
        if session.session_id in existing or not now < session.starts_at <= until:
            continue
        wanted[session.session_id] = session.starts_at
    # Earliest first; the id breaks ties so the plan is the same on every run.
    ordered = sorted(wanted, key=lambda sid: (wanted[sid], sid))
    free = max(0, cap - reserve - other_events - len(existing))
    create, left_out = tuple(ordered[:free]), tuple(ordered[free:])
    warning = None
    if left_out:
        warning = CapWarning(
            not_created=len(left_out),
            missing_session_ids=left_out,
            first_missing_at=wanted[left_out[0]],
            cap=cap,
            kindred_events=len(existing) + len(create),
            other_events=other_events,
        )
    return EventPlan(create=create, warning=warning)

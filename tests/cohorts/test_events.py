"""Planning Discord scheduled events within the 100-event cap."""

from __future__ import annotations

import datetime as dt

import pytest

from cogs.cohorts.events import UpcomingSession, plan_events

UTC = dt.UTC
NOW = dt.datetime(2026, 10, 5, 13, tzinfo=UTC)


def weekly(first_id: int, first: dt.datetime, count: int = 12) -> list[UpcomingSession]:
    """A cohort's sessions: ids first_id.., one a week from ``first``."""
    return [UpcomingSession(first_id + n, first + dt.timedelta(weeks=n)) for n in range(count)]


def cohorts(groups: int) -> list[UpcomingSession]:
    """``groups`` groups, each with 12 weekly sessions starting tomorrow, an hour apart."""
    sessions: list[UpcomingSession] = []
    for g in range(groups):
        sessions += weekly(g * 100, NOW + dt.timedelta(days=1, hours=g))
    return sessions


def test_only_sessions_within_the_horizon_get_events() -> None:
    plan = plan_events(weekly(1, NOW + dt.timedelta(days=1)), set(), 0, NOW)
    # Tomorrow, +1 week, +2 weeks; +3 weeks is a day past the 3-week horizon.
    assert plan.create == (1, 2, 3)
    assert plan.warning is None


def test_horizon_is_configurable() -> None:
    plan = plan_events(
        weekly(1, NOW + dt.timedelta(days=1)), set(), 0, NOW, horizon=dt.timedelta(weeks=6)
    )
    assert plan.create == (1, 2, 3, 4, 5, 6)


def test_sessions_that_already_have_events_are_not_planned_again() -> None:
    plan = plan_events(weekly(1, NOW + dt.timedelta(days=1)), {1, 2}, 0, NOW)
    assert plan.create == (3,)


def test_past_and_starting_sessions_get_no_event() -> None:
    sessions = [UpcomingSession(1, NOW - dt.timedelta(hours=1)), UpcomingSession(2, NOW)]
    assert plan_events(sessions, set(), 0, NOW).create == ()


def test_rolling_forward_adds_the_next_week_as_time_passes() -> None:
    sessions = weekly(1, NOW + dt.timedelta(days=1))
    first = plan_events(sessions, set(), 0, NOW)
    later = NOW + dt.timedelta(weeks=1)
    # Session 1 has happened and its event ended, so it no longer counts.
    rolled = plan_events(sessions, set(first.create) - {1}, 0, later)
    assert rolled.create == (4,)


def test_cap_is_respected_across_cohorts_and_other_events() -> None:
    # 40 groups x 3 sessions in the horizon = 120 wanted; 10 other events on the server.
    plan = plan_events(cohorts(40), set(), 10, NOW)
    assert len(plan.create) == 90
    assert plan.warning is not None
    assert plan.warning.not_created == 30
    assert plan.warning.cap == 100
    assert plan.warning.kindred_events == 90
    assert plan.warning.other_events == 10
    assert len(plan.warning.missing_session_ids) == 30


def test_the_earliest_sessions_win_when_the_cap_bites() -> None:
    sessions = cohorts(40)
    plan = plan_events(sessions, set(), 10, NOW)
    starts = {s.session_id: s.starts_at for s in sessions}
    assert max(starts[i] for i in plan.create) <= min(
        starts[i] for i in plan.warning.missing_session_ids
    )
    assert plan.warning.first_missing_at == min(starts[i] for i in plan.warning.missing_session_ids)


def test_existing_events_count_against_the_cap() -> None:
    sessions = cohorts(2)
    plan = plan_events(sessions, set(range(1000, 1097)), 0, NOW)
    assert len(plan.create) == 3
    assert plan.warning is not None
    assert plan.warning.not_created == 3


def test_no_warning_when_exactly_at_the_cap() -> None:
    plan = plan_events(cohorts(1), set(), 97, NOW)
    assert len(plan.create) == 3
    assert plan.warning is None


def test_a_full_server_creates_nothing_and_says_so() -> None:
    plan = plan_events(cohorts(1), set(), 120, NOW)
    assert plan.create == ()
    assert plan.warning is not None
    assert plan.warning.not_created == 3


def test_reserve_leaves_room_for_the_servers_own_events() -> None:
    plan = plan_events(cohorts(40), set(), 0, NOW, reserve=5)
    assert len(plan.create) == 95


def test_the_plan_is_deterministic_for_simultaneous_sessions() -> None:
    same = NOW + dt.timedelta(days=1)
    sessions = [UpcomingSession(i, same) for i in (5, 3, 9, 1)]
    assert plan_events(sessions, set(), 98, NOW).create == (1, 3)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan_events([], set(), 0, dt.datetime(2026, 10, 5))

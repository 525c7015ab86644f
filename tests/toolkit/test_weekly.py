"""When the weekly good-news thread opens."""

from __future__ import annotations

import datetime as dt

from cogs.toolkit.messages import weekly_prompt
from cogs.toolkit.weekly import OPENS_AFTER, due_week, next_opening, opening_times

START = dt.datetime(2026, 10, 6, 22, 0, tzinfo=dt.UTC)
SESSIONS = [(w, START + dt.timedelta(weeks=w - 1), "scheduled") for w in (1, 2, 3)]


def test_no_thread_before_the_first_opening_and_the_next_is_week_one() -> None:
    opens = opening_times(SESSIONS)
    assert due_week(opens, START) is None
    assert next_opening(opens, START) == START + OPENS_AFTER


def test_the_week_is_due_once_open_and_the_next_is_a_week_later() -> None:
    opens = opening_times(SESSIONS)
    now = START + OPENS_AFTER + dt.timedelta(hours=1)
    assert due_week(opens, now) == 1
    assert next_opening(opens, now) == START + dt.timedelta(weeks=1) + OPENS_AFTER


def test_a_stale_week_is_skipped_and_cancelled_weeks_have_no_thread() -> None:
    opens = opening_times([*SESSIONS[:1], (2, SESSIONS[1][1], "cancelled")])
    assert set(opens) == {1}
    assert due_week(opens, START + dt.timedelta(days=14)) is None
    assert next_opening(opens, START + dt.timedelta(days=14)) is None


def test_the_weekly_prompt_invites_replies_that_help_and_promises_nothing() -> None:
    text = weekly_prompt(3)
    assert "share something that worked for you" in text
    assert "gain the most" not in text

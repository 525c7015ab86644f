"""Check-in prompts as data, and the weekly schedule across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from cogs.checkins.prompts import load_prompts
from cogs.checkins.schedule import CheckinSchedule
from config.errors import ConfigError


def test_the_shipped_prompts_load_and_vary_week_by_week() -> None:
    prompts = load_prompts()
    texts = [prompts.for_week(w).text for w in range(1, len(prompts.prompts) + 1)]
    assert len(set(texts)) == len(texts)
    assert prompts.for_week(len(texts) + 1) == prompts.for_week(1)
    assert all(len(t) <= 300 for t in texts)


def test_a_broken_prompt_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "checkin_prompts.toml"
    good = '[[prompt]]\nstrategy = "s"\ntext = "t"\n\n'
    path.write_text(good * 3 + '[[prompt]]\nstrategy = "s"\ntxet = "typo"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_prompts(path)
    assert caught.value.line == 13
    assert "txet" in str(caught.value)


def test_too_few_prompts_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "checkin_prompts.toml"
    path.write_text('[[prompt]]\nstrategy = "s"\ntext = "t"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="at least 4"):
        load_prompts(path)


def test_rounds_keep_their_local_time_across_the_dst_change() -> None:
    schedule = CheckinSchedule(
        first_session=datetime(2026, 10, 6, 22, 0, tzinfo=UTC),
        timezone="America/New_York",
        weekday=2,
        local_time=time(10, 0),
        weeks=12,
    )
    assert schedule.start_of(1) == datetime(2026, 10, 7, 14, 0, tzinfo=UTC)
    assert schedule.start_of(5) == datetime(2026, 11, 4, 15, 0, tzinfo=UTC)  # EST from 1 Nov
    times = schedule.times(4)
    assert times.ends_at == schedule.start_of(5)
    assert schedule.week_at(datetime(2026, 10, 7, 13, 59, tzinfo=UTC)) == 0
    assert schedule.week_at(datetime(2026, 11, 4, 14, 30, tzinfo=UTC)) == 4
    assert schedule.week_at(datetime(2027, 6, 1, tzinfo=UTC)) == 12


def test_a_check_in_on_the_session_day_waits_until_after_the_first_session() -> None:
    schedule = CheckinSchedule(
        first_session=datetime(2026, 10, 6, 22, 0, tzinfo=UTC),  # Tuesday 18:00 New York
        timezone="America/New_York",
        weekday=1,
        local_time=time(10, 0),
        weeks=12,
    )
    assert schedule.start_of(1) == datetime(2026, 10, 13, 14, 0, tzinfo=UTC)


def test_week_ten_check_in_is_about_helping_others_like_the_curriculum() -> None:
    assert load_prompts().for_week(10).strategy.startswith("helping others")

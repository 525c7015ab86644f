"""Times staff read are Discord timestamps: each reader sees their own timezone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from cogs.crisis.messages import case_record
from cogs.utils.times import stamp
from db.database import Database
from db.repositories.crisis import CrisisRepository
from tests.builders import make_case

NOON = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def test_a_stamp_is_the_same_instant_whatever_zone_the_datetime_is_in() -> None:
    kolkata = NOON.astimezone(timezone(timedelta(hours=5, minutes=30)))
    assert stamp(NOON) == stamp(kolkata) == f"<t:{int(NOON.timestamp())}:f>"


def test_a_stamp_takes_discords_styles_only() -> None:
    assert stamp(NOON, "R").endswith(":R>")
    with pytest.raises(ValueError, match="style"):
        stamp(NOON, "x")


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        stamp(NOON.replace(tzinfo=None))


async def test_a_case_timeline_shows_each_step_as_a_timestamp_not_utc(db: Database) -> None:
    case = await make_case(db, user_id=7, reason="Describes a plan.", now=NOON)
    events = await CrisisRepository(db).events(case.id)
    text = case_record(case, events)
    assert stamp(NOON) in text
    assert "UTC" not in text

"""The toolkit's tables: counts without ids, the opt-in log, one thread per group and week."""

from __future__ import annotations

import datetime as dt

from db.database import Database
from db.repositories.cohorts import CohortRepository, NewGroup
from db.repositories.toolkit import ToolkitRepository
from tests.backends import column_names

NOW = dt.datetime(2026, 10, 5, 23, 30, tzinfo=dt.UTC)
GUILD = 900000000000000001
ASHA = 310000000000000001
BEN = 310000000000000002


async def test_counts_add_up_per_feeling_per_day_and_hold_no_member(db: Database) -> None:
    repo = ToolkitRepository(db)
    for feeling in ("low", "low", "okay"):
        await repo.count_feeling(GUILD, feeling, NOW)
    await repo.count_feeling(GUILD, "low", NOW + dt.timedelta(hours=1))  # the next UTC day
    assert await repo.counts(GUILD, NOW.date()) == {"low": 2, "okay": 1}
    assert await repo.counts(GUILD, NOW.date() + dt.timedelta(days=1)) == {"low": 1}
    columns = await column_names(db, "toolkit_cope_counts")
    assert columns == ["guild_id", "day", "feeling", "count"]


async def test_the_log_keeps_what_the_member_chose_and_erase_removes_only_theirs(
    db: Database,
) -> None:
    repo = ToolkitRepository(db)
    await repo.log_cope(
        guild_id=GUILD, user_id=ASHA, feeling="low", strategy_ids=("a", "b"), now=NOW
    )
    await repo.log_cope(guild_id=None, user_id=BEN, feeling="okay", strategy_ids=("c",), now=NOW)
    [entry] = await repo.cope_log(ASHA)
    assert (entry.feeling, entry.strategy_ids, entry.created_at) == ("low", ("a", "b"), NOW)
    exported = await repo.export_member(ASHA)
    assert [r["user_id"] for r in exported["toolkit_cope_log"]] == [ASHA]
    assert await repo.erase_member(ASHA) == 1
    assert await repo.cope_log(ASHA) == []
    assert len(await repo.cope_log(BEN)) == 1


async def test_a_groups_week_is_claimed_once(db: Database) -> None:
    repo = ToolkitRepository(db)
    cohorts = CohortRepository(db)
    cohort = await cohorts.create(
        guild_id=GUILD, name="Autumn", start_date=dt.date(2026, 10, 6), weeks=2, weekday=1,
        local_time=dt.time(18, 0), timezone="UTC", length_minutes=60, group_cap=10,
        between_mode="closed", reminder_hours=(24,), groups=[NewGroup("general", None, None)],
        sessions=[], created_by=None, now=NOW,
    )  # fmt: skip
    group = (await cohorts.groups(cohort.id))[0].id
    assert await repo.claim_thread(group, 1, NOW)
    assert not await repo.claim_thread(group, 1, NOW)
    assert await repo.thread_of(group, 1) is None
    await repo.set_thread(group, 1, 777)
    assert await repo.thread_of(group, 1) == 777

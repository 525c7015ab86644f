"""The check-ins repository and service on a real migrated database (no Discord)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from cogs.checkins.prompts import load_prompts
from cogs.checkins.rounds import RoundService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.repositories.checkins import (
    MEMBER_TABLES,
    NO_MEMBER_TABLES,
    CheckinRepository,
    NewPair,
    NewUnplaced,
)
from db.repositories.cohorts import CohortRepository, NewGroup, NewSession
from db.repositories.jobs import JobRepository
from tests.backends import table_names

NOW = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
FIRST = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)


async def make_cohort(db, members: list[int]):
    cohorts = CohortRepository(db)
    cohort = await cohorts.create(
        guild_id=1,
        name="Autumn",
        start_date=date(2026, 10, 6),
        weeks=12,
        weekday=1,
        local_time=time(18, 0),
        timezone="America/New_York",
        length_minutes=60,
        group_cap=12,
        between_mode="closed",
        reminder_hours=(24, 1),
        groups=[NewGroup("general", None, 99)],
        sessions=[
            NewSession(
                w, w, FIRST + timedelta(weeks=w - 1), FIRST + timedelta(weeks=w - 1, hours=1)
            )
            for w in range(1, 13)
        ],
        created_by=5,
        now=NOW,
    )
    group = (await cohorts.groups(cohort.id))[0]
    for user_id in members:
        await cohorts.place(
            cohort_id=cohort.id,
            user_id=user_id,
            candidates=[group.id],
            cap=12,
            joined_week=1,
            focus_pref=None,
            timezone_pref=None,
            checkins=True,
            language=None,
            consent=True,
            enrolled_by=None,
            now=NOW,
        )
    await cohorts.set_state(cohort.id, "draft", "running", NOW)
    return await cohorts.get(cohort.id), group


async def test_the_tables_are_declared_for_privacy(db) -> None:
    ours = {name for name in await table_names(db) if name.startswith("checkin_")}
    assert ours == set(MEMBER_TABLES) | set(NO_MEMBER_TABLES)
    assert not set(MEMBER_TABLES) & set(NO_MEMBER_TABLES)


async def test_a_round_is_stored_once_and_a_rerun_changes_nothing(db) -> None:
    cohort, _group = await make_cohort(db, [11, 12, 13, 14])
    clock = FakeClock(NOW)
    jobs = JobScheduler(JobRepository(db), clock)
    service = RoundService(CheckinRepository(db), CohortRepository(db), load_prompts(), jobs, clock)
    schedule = await service.schedule_for(cohort)
    first = await service.plan_round(cohort, schedule, 1, NOW)
    again = await service.plan_round(cohort, schedule, 1, NOW)
    assert first.created
    assert not again.created
    assert first.round.id == again.round.id
    pairs = await service.repo.pairs(first.round.id)
    assert sorted(u for p in pairs for u in p.user_ids) == [11, 12, 13, 14]


async def test_export_and_erase_cover_avoid_lists_both_ways_and_history(db) -> None:
    cohort, group = await make_cohort(db, [11, 12, 13])
    repo = CheckinRepository(db)
    await repo.save_member(cohort.id, 11, NOW, place="dm")
    await repo.add_avoid(1, 11, 12, NOW)
    await repo.add_avoid(1, 13, 11, NOW)  # someone else's list naming 11
    round_, _ = await repo.create_round(
        cohort_id=cohort.id,
        week=1,
        starts_at=NOW,
        remind_at=NOW,
        ask_at=NOW,
        ends_at=NOW + timedelta(days=7),
        pairs=[NewPair(group.id, (11, 13), "thread", "Say hi")],
        unplaced=[NewUnplaced(group.id, 12, "alone")],
        now=NOW,
    )
    await repo.pause(cohort.id, 12, 2, NOW)
    exported = await repo.export_member(11)
    json.dumps(exported)  # plain values only
    assert set(exported) == set(MEMBER_TABLES)
    assert [r["avoid_id"] for r in exported["checkin_avoid"]] == [12]  # not 13's confidential list
    assert len(exported["checkin_pair_members"]) == 1
    erased = await repo.erase_member(11)
    assert erased == 4  # choices, two avoid rows, one history row
    assert await repo.avoided_by(1, 13) == []
    for table in MEMBER_TABLES:
        count = await db.fetchval(f"SELECT count(*) FROM {table} WHERE user_id = 11")
        assert count == 0, table
    pair = (await repo.pairs(round_.id))[0]
    assert pair.user_ids == (13,)  # the partner's own history stays


async def test_completion_counts_pairs_where_someone_met(db) -> None:
    cohort, group = await make_cohort(db, [11, 12, 13, 14])
    repo = CheckinRepository(db)
    round_, _ = await repo.create_round(
        cohort_id=cohort.id,
        week=1,
        starts_at=NOW,
        remind_at=NOW,
        ask_at=NOW,
        ends_at=NOW,
        pairs=[
            NewPair(group.id, (11, 12), "thread", "p"),
            NewPair(group.id, (13, 14), "dm", "p"),
        ],
        unplaced=[],
        now=NOW,
    )
    first, second = await repo.pairs(round_.id)
    await repo.mark_posted(first.id, 11, NOW)
    await repo.answer(second.id, 13, "not_met", NOW)
    assert await repo.close_round(round_.id)
    assert not await repo.close_round(round_.id)
    [rate] = await repo.completion(cohort.id)
    assert (rate.pairs, rate.met, rate.rate) == (2, 1, 0.5)
    assert await repo.outcomes(cohort.id, 12, 0) == ["no_answer"]
    assert await repo.outcomes(cohort.id, 11, 0) == ["met"]

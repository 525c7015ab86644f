"""Groups' voice channels in the database: migration V10, lookups, and how attendance is kept."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cogs.cohorts.report import report_csv
from db.database import Database
from db.migrate import MIGRATIONS_DIR, migrate
from db.repositories.cohorts import CohortRepository
from tests.builders import make_cohort

NOW = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)
ASHA, BEN = 310000000000000001, 310000000000000002
VOICE = 950000000000000001


@pytest.mark.sqlite_only(
    reason="upgrades a V9 SQLite file; PostgreSQL starts from the V21 baseline"
)
async def test_v10_gives_groups_of_an_existing_v9_database_a_voice_channel_column(
    tmp_path: Path,
) -> None:
    v9 = tmp_path / "v9"
    v9.mkdir()
    for path in MIGRATIONS_DIR.glob("V*.sql"):
        if int(path.name[1:].split("__")[0]) <= 9:
            shutil.copy(path, v9 / path.name)
    db = Database(tmp_path / "kindred.sqlite3")
    await db.connect()
    try:
        assert (await migrate(db, v9))[-1] == 9
        repo = CohortRepository(db)
        cohort_id = (await make_cohort(db, weeks=2)).id  # a cohort from before voice channels
        await db.execute("UPDATE cohort_groups SET channel_id = 7")

        assert (await migrate(db))[0] == 10
        [group] = await repo.groups(cohort_id)
        assert (group.channel_id, group.voice_channel_id) == (7, None)
        await repo.set_group_voice_channel(group.id, VOICE)
        found = await repo.group_by_voice_channel(VOICE)
        assert found is not None
        assert found.id == group.id
        assert await repo.group_by_voice_channel(7) is None
        plan = await db.fetchall(
            "EXPLAIN QUERY PLAN SELECT * FROM cohort_groups WHERE voice_channel_id = ?", (VOICE,)
        )
        assert any("cohort_groups_voice_channel" in row["detail"] for row in plan)
        plan = await db.fetchall(
            "EXPLAIN QUERY PLAN SELECT * FROM cohort_groups WHERE channel_id = ?", (7,)
        )
        assert any("cohort_groups_channel" in row["detail"] for row in plan)  # V11
    finally:
        await db.close()


async def test_joining_voice_after_posting_keeps_one_row_that_says_voice(db: Database) -> None:
    repo = CohortRepository(db)
    cohort_id = (await make_cohort(db, weeks=2)).id
    [group] = await repo.groups(cohort_id)
    first = (await repo.sessions(cohort_id))[0]
    assert await repo.record_attendance(first.id, ASHA, group.id, "message", NOW)
    assert not await repo.record_attendance(first.id, ASHA, group.id, "voice", NOW)
    assert await repo.record_attendance(first.id, BEN, group.id, "voice", NOW)
    assert not await repo.record_attendance(first.id, BEN, group.id, "message", NOW)
    assert await repo.attendance(cohort_id) == {ASHA: {1}, BEN: {1}}
    assert await repo.attendance(cohort_id, "voice") == {ASHA: {1}, BEN: {1}}
    assert await repo.attendance(cohort_id, "message") == {}


def test_the_report_csv_counts_sessions_in_voice_in_its_last_column() -> None:
    data = report_csv(
        2,
        [(ASHA, 1, "enrolled", 1), (BEN, 1, "enrolled", 1)],
        {ASHA: {1, 2}, BEN: {2}},
        2,
        {ASHA: {2}},
    )
    assert data.splitlines() == [
        "user_id,group,status,joined_week,attended,held,week_1,week_2,in_voice",
        f"{ASHA},1,enrolled,1,2,2,1,1,1",
        f"{BEN},1,enrolled,1,1,2,0,1,0",
    ]


def test_the_report_csv_says_excused_for_a_week_the_member_said_they_would_miss() -> None:
    data = report_csv(
        3,
        [(ASHA, 1, "enrolled", 1), (BEN, 1, "enrolled", 1)],
        {ASHA: {1}, BEN: {1, 2}},
        2,
        {},
        {ASHA: {2, 3}, BEN: {2}},  # Ben said he'd miss week 2 and came after all
    )
    assert data.splitlines() == [
        "user_id,group,status,joined_week,attended,held,week_1,week_2,week_3,in_voice",
        f"{ASHA},1,enrolled,1,1,2,1,excused,,0",
        f"{BEN},1,enrolled,1,2,2,1,1,,0",
    ]

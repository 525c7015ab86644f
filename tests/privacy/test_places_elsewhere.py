"""``PrivacyService.free_places_elsewhere`` and ``freed_place``: a member's places in the servers
another process holds are freed in the database before the erasure, and the Discord half is a
job bound to the server that carries one row id. Real database, FakeClock, no Discord."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cogs.cohorts.curriculum import DEFAULT_PATH, load_curriculum
from cogs.cohorts.enrolment import EnrolmentService
from cogs.cohorts.service import CohortService
from cogs.cohorts.sessions import SessionService
from cogs.privacy.service import GROUP_LEFT, PLACE_GIVEN, PrivacyService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models import Job
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.jobs import JobRepository
from tests.builders import make_cohort

HERE, ELSEWHERE = 100, 200  # servers this process holds, and another holds
# Discord-sized ids, so a search of a row for one cannot match by chance.
ASHA, BEN, CHLOE = 912345678901234511, 912345678901234512, 912345678901234513


@dataclass
class Lane:
    privacy: PrivacyService
    jobs: JobScheduler
    ran: list[str]


@pytest.fixture
async def lane(db: Database, clock: FakeClock) -> Lane:
    ran: list[str] = []

    async def record(job: Job) -> None:
        ran.append(job.key)

    jobs = JobScheduler(JobRepository(db), clock)
    for kind in (PLACE_GIVEN, GROUP_LEFT):
        jobs.register(kind, record)
    curriculum = load_curriculum(DEFAULT_PATH)
    repo = CohortRepository(db)
    sessions = SessionService(repo, jobs, clock, curriculum)
    cohorts = CohortService(repo, sessions, CheckinRepository(db), clock, curriculum)
    privacy = PrivacyService(db, EnrolmentService(cohorts), jobs=jobs, clock=clock)
    return Lane(privacy, jobs, ran)


def held_here(guild_id: int) -> bool:
    return guild_id == HERE


async def status(db: Database, user_id: int) -> str | None:
    return await db.fetchval("SELECT status FROM cohort_enrolments WHERE user_id = ?", (user_id,))


async def test_a_place_elsewhere_goes_to_the_next_person_and_a_job_for_its_server(
    db: Database, lane: Lane
) -> None:
    await make_cohort(db, guild_id=ELSEWHERE, state="running", members=[ASHA, BEN], group_cap=1)
    assert await status(db, BEN) == "waitlisted"

    assert await lane.privacy.free_places_elsewhere(ASHA, held_here) == 1

    assert await status(db, ASHA) == "left"  # the erasure that follows deletes it
    assert await status(db, BEN) == "enrolled"
    ben = await db.fetchval("SELECT id FROM cohort_enrolments WHERE user_id = ?", (BEN,))
    job = await lane.jobs.get(PLACE_GIVEN, ben)
    assert job is not None
    assert job.guild_id == ELSEWHERE
    found = await lane.privacy.freed_place(job)
    assert found is not None
    assert found.promoted is not None
    assert found.promoted.user_id == BEN
    assert found.cohort.guild_id == ELSEWHERE


async def test_a_place_nobody_waited_for_rewrites_the_groups_channels(
    db: Database, lane: Lane
) -> None:
    cohort = await make_cohort(db, guild_id=ELSEWHERE, state="running", members=[ASHA])
    await lane.privacy.free_places_elsewhere(ASHA, held_here)
    [group] = await CohortRepository(db).groups(cohort.id)
    job = await lane.jobs.get(GROUP_LEFT, group.id)
    assert job is not None
    found = await lane.privacy.freed_place(job)
    assert found is not None
    assert found.group.id == group.id
    assert found.promoted is None


async def test_places_in_servers_held_here_are_left_to_the_cog(db: Database, lane: Lane) -> None:
    await make_cohort(db, guild_id=HERE, state="running", members=[ASHA, BEN], group_cap=1)
    assert await lane.privacy.free_places_elsewhere(ASHA, held_here) == 0
    assert await status(db, ASHA) == "enrolled"
    assert await JobRepository(db).pending() == []


async def test_a_finished_cohort_frees_nothing(db: Database, lane: Lane) -> None:
    await make_cohort(db, guild_id=ELSEWHERE, state="completed", members=[ASHA])
    assert await lane.privacy.free_places_elsewhere(ASHA, held_here) == 0


async def test_the_job_stops_when_the_newcomer_erased_their_data_first(
    db: Database, lane: Lane
) -> None:
    await make_cohort(db, guild_id=ELSEWHERE, state="running", members=[ASHA, BEN], group_cap=1)
    await lane.privacy.free_places_elsewhere(ASHA, held_here)
    await lane.privacy.erase(ASHA)
    ben = await db.fetchval("SELECT id FROM cohort_enrolments WHERE user_id = ?", (BEN,))
    job = await lane.jobs.get(PLACE_GIVEN, ben)
    assert job is not None

    await lane.privacy.free_places_elsewhere(BEN, held_here)
    await lane.privacy.erase(BEN)

    cancelled = await lane.jobs.get(PLACE_GIVEN, ben)
    assert cancelled is not None
    assert cancelled.status == "cancelled"  # erasing Ben cancels the job that would tell him
    assert await lane.privacy.freed_place(job) is None  # and it would find nothing
    assert await lane.privacy.tables(BEN) == await lane.privacy.tables(CHLOE)  # all gone


async def test_the_jobs_hold_no_trace_of_the_members_who_left(db: Database, lane: Lane) -> None:
    await make_cohort(db, guild_id=ELSEWHERE, state="running", members=[ASHA, BEN], group_cap=1)
    await lane.privacy.free_places_elsewhere(ASHA, held_here)
    await lane.privacy.erase(ASHA)
    rows = await db.fetchall("SELECT * FROM jobs")
    assert rows
    assert all(str(ASHA) not in str(v) for row in rows for v in dict(row).values())
    assert all(rows == [] for rows in (await lane.privacy.tables(ASHA)).values())


async def test_the_job_leaves_a_cohort_that_ended_meanwhile_alone(
    db: Database, lane: Lane, clock: FakeClock
) -> None:
    cohort = await make_cohort(db, guild_id=ELSEWHERE, state="running", members=[ASHA])
    await lane.privacy.free_places_elsewhere(ASHA, held_here)
    [group] = await CohortRepository(db).groups(cohort.id)
    job = await lane.jobs.get(GROUP_LEFT, group.id)
    assert job is not None
    await CohortRepository(db).set_state(cohort.id, "running", "completed", clock.now())
    assert await lane.privacy.freed_place(job) is None  # its channels are archives now

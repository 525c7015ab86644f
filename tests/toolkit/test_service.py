"""The toolkit lane's service without Discord: real SQLite, a fake clock, no alarms.

``ToolkitService`` as ``bot.py`` wires it; the stand-in tests (tests/integration/test_toolkit.py)
cover the Discord side: the ephemeral /cope flow, the posts and the weekly threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bot import DataFiles
from cogs.toolkit.service import GOODNEWS, SWEEP, SWEEP_EVERY, ToolkitService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models import Job
from db.repositories.cohorts import Cohort, CohortRepository, NewGroup, NewSession
from db.repositories.crisis import MemberSettingsRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.toolkit import ToolkitRepository

GUILD, OTHER_GUILD = 900, 901
ASHA, BEN = 101, 102
URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."


@dataclass
class Lane:
    service: ToolkitService
    repo: ToolkitRepository
    cohorts: CohortRepository
    jobs: JobScheduler
    clock: FakeClock
    db: Database


async def nothing(job: Job) -> None:
    """The cog's handlers do the Discord part; here the jobs only need to be schedulable."""


@pytest.fixture
def lane(db: Database, clock: FakeClock, data_files: DataFiles) -> Lane:
    jobs = JobScheduler(JobRepository(db), clock)
    jobs.register(GOODNEWS, nothing)
    jobs.register(SWEEP, nothing)
    cohorts = CohortRepository(db)
    repo = ToolkitRepository(db)
    service = ToolkitService(
        repo,
        cohorts,
        MemberSettingsRepository(db),
        GuildSettingsRepository(db),
        jobs,
        clock,
        strategies=data_files.strategies,
        helplines=data_files.helplines,
        crisis=data_files.crisis,
        guidelines=data_files.guidelines,
    )
    return Lane(service, repo, cohorts, jobs, clock, db)


async def make_cohort(lane: Lane, *, state: str = "running", first: dt.datetime) -> Cohort:
    cohort = await lane.cohorts.create(
        guild_id=GUILD, name="Autumn", start_date=first.date(), weeks=2, weekday=first.weekday(),
        local_time=first.time(), timezone="UTC", length_minutes=60, group_cap=10,
        between_mode="closed", reminder_hours=(24,),
        groups=[NewGroup("general", None, None), NewGroup("general", None, None)],
        sessions=[
            NewSession(w, 1, first + dt.timedelta(weeks=w - 1),
                       first + dt.timedelta(weeks=w - 1, hours=1))
            for w in (1, 2)
        ],
        created_by=ASHA, now=lane.clock.now(),
    )  # fmt: skip
    if state != "draft":
        await lane.cohorts.set_state(cohort.id, "draft", state, lane.clock.now())
    for number, group in enumerate(await lane.cohorts.groups(cohort.id), start=1):
        await lane.cohorts.set_group_channel(group.id, 5000 + number)
    return cohort


# --- /cope -------------------------------------------------------------------------------------


async def test_cope_counts_the_feeling_for_the_server_and_stores_nothing_about_the_member(
    lane: Lane,
) -> None:
    answer = await lane.service.cope(
        guild_id=GUILD, user_id=ASHA, feeling="okay", someone_around=True
    )
    assert 2 <= len(answer.strategies) <= 3
    assert answer.resources is None
    assert await lane.repo.counts(GUILD, lane.clock.now().date()) == {"okay": 1}
    assert await lane.repo.cope_log(ASHA) == []


async def test_a_heavy_feeling_brings_the_members_own_countrys_helplines(lane: Lane) -> None:
    await MemberSettingsRepository(lane.db).set_country(ASHA, "GB", lane.clock.now())
    answer = await lane.service.cope(
        guild_id=GUILD, user_id=ASHA, feeling="low", someone_around=False
    )
    assert answer.resources is not None
    assert answer.resources.country == "United Kingdom"
    assert answer.resources.helplines


async def test_log_cope_keeps_what_the_member_chose(lane: Lane) -> None:
    await lane.service.log_cope(
        guild_id=GUILD, user_id=ASHA, feeling="low", strategy_ids=("a", "b")
    )
    [entry] = await lane.repo.cope_log(ASHA)
    assert (entry.feeling, entry.strategy_ids) == ("low", ("a", "b"))


# --- /goodnews ---------------------------------------------------------------------------------


def test_a_disclosure_is_held_and_goes_to_the_crisis_lane(lane: Lane) -> None:
    checked = lane.service.check_goodnews(URGENT)
    assert (checked.to_crisis, checked.held) == (True, True)


def test_abusive_good_news_is_refused_with_a_reason(lane: Lane) -> None:
    checked = lane.service.check_goodnews("Great news: you're all idiots")
    assert (checked.to_crisis, checked.held) == (False, False)
    assert checked.refusal


def test_plain_good_news_passes(lane: Lane) -> None:
    checked = lane.service.check_goodnews("I walked to the park and back today!")
    assert checked == type(checked)(to_crisis=False, held=False, refusal=None)


# --- the weekly thread -------------------------------------------------------------------------


async def test_the_sweep_arms_each_live_cohort_once_and_rearms_itself(lane: Lane) -> None:
    cohort = await make_cohort(lane, state="enrolling", first=lane.clock.now())
    await lane.service.sweep([GUILD, OTHER_GUILD])
    job = await lane.jobs.get(GOODNEWS, cohort.id)
    assert job is not None
    assert job.active
    sweep = await lane.jobs.get(SWEEP, 0)
    assert sweep is not None
    assert sweep.due_at == lane.clock.now() + SWEEP_EVERY
    await lane.service.sweep([GUILD])
    assert (await lane.jobs.get(GOODNEWS, cohort.id)) == job


async def test_a_week_due_before_the_cohort_runs_is_looked_at_again_later(lane: Lane) -> None:
    first = lane.clock.now() - dt.timedelta(days=5, minutes=1)
    cohort = await make_cohort(lane, state="enrolling", first=first)
    assert await lane.service.week_due(cohort.id) is None
    job = await lane.jobs.get(GOODNEWS, cohort.id)
    assert job is not None
    assert job.due_at == lane.clock.now() + dt.timedelta(minutes=30)


async def test_a_running_cohorts_week_opens_once_per_group(lane: Lane) -> None:
    first = lane.clock.now() - dt.timedelta(days=5, minutes=1)
    cohort = await make_cohort(lane, first=first)
    due = await lane.service.week_due(cohort.id)
    assert due is not None
    assert due.week == 1
    assert due.following == first + dt.timedelta(weeks=1, days=5)
    groups = await lane.service.groups_to_open(cohort.id, 1)
    assert len(groups) == 2
    await lane.service.claim_thread(groups[0].id, 1)
    await lane.service.thread_opened(groups[0].id, 1, 777)
    assert [g.id for g in await lane.service.groups_to_open(cohort.id, 1)] == [groups[1].id]
    await lane.service.arm_next_week(due)
    job = await lane.jobs.get(GOODNEWS, cohort.id)
    assert job is not None
    assert job.due_at == due.following


async def test_good_news_and_the_weekly_thread_speak_the_groups_language(lane: Lane) -> None:
    first = lane.clock.now() - dt.timedelta(days=5, minutes=1)
    cohort = await make_cohort(lane, first=first)
    spanish, plain = await lane.cohorts.groups(cohort.id)
    await lane.db.execute("UPDATE cohort_groups SET language = 'es' WHERE id = ?", (spanish.id,))
    [spanish, plain] = await lane.cohorts.groups(cohort.id)
    assert await lane.service.channel_language(GUILD, 5001) == "es"
    assert await lane.service.group_language(spanish, GUILD) == "es"
    # A group with no language, or a channel that is no group's: the server's language.
    assert await lane.service.channel_language(GUILD, 5002) == "en"
    await lane.service.guild_settings.update(
        GUILD, {"language": "hi"}, actor_id=ASHA, now=lane.clock.now()
    )
    assert await lane.service.group_language(plain, GUILD) == "hi"
    assert await lane.service.channel_language(GUILD, 4242) == "hi"


async def test_a_sweep_of_every_server_finds_them_in_the_database(lane: Lane) -> None:
    cohort = await make_cohort(lane, state="enrolling", first=lane.clock.now())
    await lane.service.sweep(None)
    job = await lane.jobs.get(GOODNEWS, cohort.id)
    assert job is not None
    assert job.active
    assert job.guild_id == cohort.guild_id  # run by the process that holds the server

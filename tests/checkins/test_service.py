"""The check-ins lane's services without Discord: real SQLite, a fake clock, no alarms.

``CheckinService`` and ``RoundService`` as ``bot.py`` wires them; the stand-in tests
(tests/integration/test_checkins.py) cover the threads, DMs and buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from cogs.checkins import messages
from cogs.checkins.prompts import load_prompts
from cogs.checkins.rounds import ASK, REMINDER, ROUND, SWEEP, RoundService, RoundStep
from cogs.checkins.service import CheckinService
from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import Cohort, CohortRepository
from db.repositories.jobs import JobRepository
from tests.builders import REFUSAL_ERRORS, REFUSED, refuse_audit_lines
from tests.checkins.test_checkins_repository import NOW, make_cohort

GUILD, MODERATOR = 1, 5
# Round 1 opens on Wednesday 7 October 2026 at 10:00 in New York (14:00 UTC).
ROUND_1 = datetime(2026, 10, 7, 14, 0, tzinfo=UTC)


@dataclass
class Lane:
    checkins: CheckinService
    rounds: RoundService
    jobs: JobScheduler
    clock: FakeClock
    db: Database


async def _no_handler(job: object) -> None:
    raise AssertionError("no job runs in these tests")


@pytest.fixture
def lane(db: Database) -> Lane:
    clock = FakeClock(NOW)
    repo, cohorts = CheckinRepository(db), CohortRepository(db)
    jobs = JobScheduler(JobRepository(db), clock)
    for kind in (ROUND, REMINDER, ASK, SWEEP):  # the cog's handlers; none run here
        jobs.register(kind, _no_handler)
    rounds = RoundService(repo, cohorts, load_prompts(), jobs, clock)
    return Lane(CheckinService(repo, cohorts, rounds, clock), rounds, jobs, clock, db)


async def in_week_1(lane: Lane, members: list[int]) -> tuple[Cohort, RoundStep]:
    cohort, _ = await make_cohort(lane.db, members)
    lane.clock.set(ROUND_1 + timedelta(minutes=1))
    step = await lane.rounds.start_round(cohort.id)
    assert step is not None
    assert step.round is not None
    return cohort, step


# --- the round job --------------------------------------------------------------------------


async def test_before_week_1_the_round_job_waits_for_week_1(lane: Lane) -> None:
    cohort, _ = await make_cohort(lane.db, [11, 12])
    assert await lane.rounds.start_round(cohort.id) is None
    job = await lane.jobs.get(ROUND, cohort.id)
    assert job is not None
    assert job.due_at == ROUND_1


async def test_a_round_is_paired_once_and_next_week_comes_next(lane: Lane) -> None:
    cohort, first = await in_week_1(lane, [11, 12, 13, 14])
    again = await lane.rounds.start_round(cohort.id)
    assert again is not None
    assert again.round == first.round
    assert first.next_due == ROUND_1 + timedelta(weeks=1)
    pairs = await lane.rounds.pairs_to_announce(first.round.id)
    assert sorted(u for p in pairs for u in p.user_ids) == [11, 12, 13, 14]


async def test_a_started_round_arms_its_reminder_question_and_next_week(lane: Lane) -> None:
    cohort, step = await in_week_1(lane, [11, 12])
    await lane.rounds.round_started(step)
    assert step.round is not None
    reminder = await lane.jobs.get(REMINDER, step.round.id)
    ask = await lane.jobs.get(ASK, step.round.id)
    next_round = await lane.jobs.get(ROUND, cohort.id)
    assert reminder is not None
    assert reminder.due_at == step.round.remind_at
    assert ask is not None
    assert ask.due_at == step.round.ask_at
    assert next_round is not None
    assert next_round.due_at == step.next_due


async def test_announced_pairs_are_not_announced_again(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12])
    assert step.round is not None
    [pair] = await lane.rounds.pairs_to_announce(step.round.id)
    await lane.rounds.announced(pair.id)
    assert await lane.rounds.pairs_to_announce(step.round.id) == []


async def test_a_member_alone_in_a_group_is_noticed_once(lane: Lane) -> None:
    cohort, step = await in_week_1(lane, [11])
    assert step.round is not None
    notice = await lane.rounds.unplaced_notice(cohort, step.round)
    assert notice is not None
    assert [(g, u) for g, u, _ in notice.rows] == [("Group 1", 11)]
    await lane.rounds.unplaced_told(step.round.id, 11)
    assert await lane.rounds.unplaced_notice(cohort, step.round) is None


async def test_the_reminder_skips_pairs_that_posted_and_pairs_already_reminded(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12, 13, 14])
    assert step.round is not None
    first, second = await lane.rounds.pairs_to_announce(step.round.id)
    await lane.rounds.thread_made(first.id, 555)
    assert await lane.checkins.record_post(555, first.user_ids[0])
    due = await lane.rounds.reminders_due(step.round.id)
    assert due is not None
    assert [p.id for p in due.pairs] == [second.id]
    await lane.rounds.reminded(second.id)
    again = await lane.rounds.reminders_due(step.round.id)
    assert again is not None
    assert again.pairs == []


async def test_no_reminder_once_the_question_is_due(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12])
    assert step.round is not None
    lane.clock.set(step.round.ask_at)
    assert await lane.rounds.reminders_due(step.round.id) is None
    due = await lane.rounds.questions_due(step.round.id)
    assert due is not None
    assert len(due.pairs) == 1


async def test_a_post_in_someone_elses_thread_counts_for_nothing(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12])
    assert step.round is not None
    [pair] = await lane.rounds.pairs_to_announce(step.round.id)
    await lane.rounds.thread_made(pair.id, 555)
    assert not await lane.checkins.record_post(555, 99)
    assert not await lane.checkins.record_post(556, 11)


async def test_the_sweep_arms_a_live_cohort_once_and_comes_back_in_an_hour(lane: Lane) -> None:
    cohort, _ = await make_cohort(lane.db, [11, 12])
    assert await lane.rounds.sweep([GUILD]) == 1
    assert await lane.rounds.sweep([GUILD]) == 0  # its round job is pending
    assert await lane.rounds.sweep([GUILD + 1]) == 0  # another server's cohorts only
    round_job = await lane.jobs.get(ROUND, cohort.id)
    sweep = await lane.jobs.get(SWEEP, 0)
    assert round_job is not None
    assert round_job.active
    assert sweep is not None
    assert sweep.due_at == NOW + timedelta(hours=1)


# --- members --------------------------------------------------------------------------------


async def test_only_the_pairs_members_may_answer_and_only_while_open(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12])
    assert step.round is not None
    [pair] = await lane.rounds.pairs_to_announce(step.round.id)
    with pytest.raises(UserFacingError, match="isn't yours"):
        await lane.checkins.answer(pair.id, 99, "met")
    assert await lane.checkins.answer(pair.id, 11, "met") == "met"
    assert await lane.checkins.answer(pair.id, 12, "missed") == "not_met"
    lane.clock.set(step.round.ends_at)
    await lane.rounds.close_due_rounds(step.cohort.id, lane.clock.now())
    with pytest.raises(UserFacingError) as closed:
        await lane.checkins.answer(pair.id, 11, "met")
    assert closed.value.message == messages.ANSWER_CLOSED


async def test_someone_outside_a_group_is_told_how_to_join(lane: Lane) -> None:
    await make_cohort(lane.db, [11])
    with pytest.raises(UserFacingError, match="/join"):
        await lane.checkins.status(GUILD, 99)


async def test_a_snooze_skips_the_next_weeks_and_says_when_pairing_resumes(lane: Lane) -> None:
    await make_cohort(lane.db, [11, 12])
    with pytest.raises(InvalidInput):
        await lane.checkins.snooze(GUILD, 11, 9)
    assert await lane.checkins.snooze(GUILD, 11, 2) == 3
    status = await lane.checkins.status(GUILD, 11)
    assert status.context.choice is not None
    assert status.context.choice.snoozed_until == 2


async def test_avoiding_this_weeks_partner_says_a_swap_can_help(lane: Lane) -> None:
    await in_week_1(lane, [11, 12])
    with pytest.raises(InvalidInput):
        await lane.checkins.avoid(GUILD, 11, 11, remove=False)
    added = await lane.checkins.avoid(GUILD, 11, 12, remove=False)
    assert added.changed
    assert added.paired_now
    assert (await lane.checkins.status(GUILD, 11)).avoided == [12]
    removed = await lane.checkins.avoid(GUILD, 11, 12, remove=True)
    assert removed.changed
    assert not removed.paired_now


# --- moderators -----------------------------------------------------------------------------


async def test_a_swap_is_audited_and_both_pairs_move(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12, 13, 14])
    assert step.round is not None
    a, b = await lane.rounds.pairs_to_announce(step.round.id)
    x, y = a.user_ids[0], b.user_ids[0]
    swap = await lane.checkins.swap(GUILD, MODERATOR, x, y)
    assert swap.round.id == step.round.id
    assert [(m.leaving, m.joining) for m in swap.moves] == [(x, y), (y, x)]
    assert y in swap.moves[0].pair.user_ids
    assert x in swap.moves[1].pair.user_ids
    audit = await lane.db.fetchall("SELECT action, actor_id, detail FROM audit_log")
    assert [tuple(r) for r in audit] == [("checkin.override", MODERATOR, f"swapped {x} and {y}")]


async def test_a_swap_whose_audit_line_fails_moves_nobody(lane: Lane) -> None:
    _, step = await in_week_1(lane, [11, 12, 13, 14])
    assert step.round is not None
    a, b = await lane.rounds.pairs_to_announce(step.round.id)
    x, y = a.user_ids[0], b.user_ids[0]
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await lane.checkins.swap(GUILD, MODERATOR, x, y)
    after = [p.user_ids for p in await lane.rounds.pairs_to_announce(step.round.id)]
    assert after == [a.user_ids, b.user_ids]


async def test_a_new_schedule_runs_the_live_cohorts_round_job_now(lane: Lane) -> None:
    cohort, _ = await make_cohort(lane.db, [11, 12])
    with pytest.raises(InvalidInput):
        await lane.checkins.reschedule(GUILD, "Autumn", "Someday", "10:00")
    done = await lane.checkins.reschedule(GUILD, "autumn", "Thursday", "9:30")
    assert (done.cohort.id, done.weekday, done.local_time.hour, done.local_time.minute) == (
        cohort.id,
        3,
        9,
        30,
    )
    job = await lane.jobs.get(ROUND, cohort.id)
    assert job is not None
    assert job.due_at == NOW


async def test_the_pairs_report_before_any_round_has_no_pairs(lane: Lane) -> None:
    await make_cohort(lane.db, [11, 12])
    report = await lane.checkins.pairs_report(GUILD, None)
    assert report.round is None
    assert report.pairs == []
    assert len(report.groups) == 1
    with pytest.raises(UserFacingError, match="no cohort called"):
        await lane.checkins.pairs_report(GUILD, "Winter")


async def test_a_sweep_of_every_server_finds_them_in_the_database(lane: Lane) -> None:
    """With shards in other processes the cache holds only some servers: the sweep reads the
    servers from the database, and each round job runs where its server is held."""
    cohort, _ = await make_cohort(lane.db, [11, 12])
    assert await lane.rounds.sweep(None) == 1
    round_job = await lane.jobs.get(ROUND, cohort.id)
    assert round_job is not None
    assert round_job.guild_id == GUILD
    assert await lane.rounds.sweep(None) == 0

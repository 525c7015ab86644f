"""The cohorts lane's services without Discord: real SQLite, a fake clock, no alarms.

``CohortService``, ``EnrolmentService`` and ``SessionService`` as ``bot.py`` wires them; the
stand-in tests (tests/integration/test_cohorts*.py) cover the Discord side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cogs.cohorts.curriculum import DEFAULT_PATH, load_curriculum
from cogs.cohorts.enrolment import EnrolmentService
from cogs.cohorts.lifecycle import CohortAction
from cogs.cohorts.service import CohortChanges, CohortService, Moderator
from cogs.cohorts.sessions import REMINDER, SESSION_END, SESSION_START, SessionService
from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import speaking
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models.cohorts import Cohort
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.jobs import JobRepository
from tests.builders import REFUSAL_ERRORS, REFUSED, refuse_audit_lines, refuse_writes

GUILD, COORDINATOR, MAYA = 900, 800, 700
ASHA, BEN, CHLOE = 101, 102, 103
YES = {"consent": "yes", "focus": "", "timezone": "", "checkins": "no", "language": ""}


@dataclass
class Lane:
    cohorts: CohortService
    enrolment: EnrolmentService
    sessions: SessionService
    jobs: JobScheduler
    clock: FakeClock
    db: Database


async def _no_handler(job: object) -> None:
    raise AssertionError("no job runs in these tests")


@pytest.fixture
def lane(db: Database, clock: FakeClock) -> Lane:
    repo = CohortRepository(db)
    jobs = JobScheduler(JobRepository(db), clock)
    for kind in (REMINDER, SESSION_START, SESSION_END):  # the cog's handlers; none run here
        jobs.register(kind, _no_handler)
    curriculum = load_curriculum(DEFAULT_PATH)
    sessions = SessionService(repo, jobs, clock, curriculum)
    cohorts = CohortService(repo, sessions, CheckinRepository(db), clock, curriculum)
    return Lane(cohorts, EnrolmentService(cohorts), sessions, jobs, clock, db)


async def create(lane: Lane, **options: object) -> Cohort:
    values: dict = {
        "name": "Autumn",
        "start": "2026-10-06",
        "day": "Tuesday",
        "time": "18:00",
        "timezone": "America/New_York",
        "weeks": 12,
        "length_minutes": 60,
        "cap": 10,
        "focus": "general",
        "label": None,
        "moderator": Moderator(MAYA, is_staff=True),
        **options,
    }
    return (await lane.cohorts.create(GUILD, COORDINATOR, **values)).cohort


async def enrolling(lane: Lane, **options: object) -> Cohort:
    cohort = await create(lane, **options)
    found, new = await lane.cohorts.check_start(GUILD, cohort.name)
    return await lane.cohorts.open_enrolment(GUILD, COORDINATOR, found, new)


async def join(lane: Lane, cohort: Cohort, user_id: int):
    intake = await lane.enrolment.check_intake(GUILD, cohort.id, YES)
    return await lane.enrolment.join(user_id, intake)


# --- create, edit, start -----------------------------------------------------------------------


async def test_create_stores_a_draft_with_its_sessions_and_an_audit_entry(lane: Lane) -> None:
    cohort = await create(lane)
    assert cohort.state == "draft"
    assert len(await lane.cohorts.repo.sessions(cohort.id)) == 12
    [group] = await lane.cohorts.repo.groups(cohort.id)
    assert group.moderator_id == MAYA
    assert await lane.db.fetchval("SELECT action FROM audit_log") == "cohort.create"


async def test_a_second_cohort_with_the_same_name_is_refused(lane: Lane) -> None:
    await create(lane)
    with pytest.raises(InvalidInput, match="already a cohort"):
        await create(lane, name="autumn")
    assert len(await lane.cohorts.in_guild(GUILD)) == 1


async def test_a_moderator_without_the_role_is_refused_and_nothing_is_created(lane: Lane) -> None:
    with pytest.raises(InvalidInput, match=f"<@{MAYA}> doesn't have"):
        await create(lane, moderator=Moderator(MAYA, is_staff=False))
    assert await lane.cohorts.in_guild(GUILD) == []


async def test_an_option_that_cannot_be_used_wins_over_the_moderator_check(lane: Lane) -> None:
    with pytest.raises(InvalidInput, match="25:00"):
        await create(lane, time="25:00", moderator=Moderator(MAYA, is_staff=False))


async def test_edit_moves_the_upcoming_sessions_and_says_what_changed(lane: Lane) -> None:
    cohort = await create(lane)
    edited = await lane.cohorts.edit(GUILD, COORDINATOR, "Autumn", CohortChanges(time="19:30"))
    assert edited.fields == ("local_time",)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    assert first.starts_at == dt.datetime(2026, 10, 6, 23, 30, tzinfo=dt.UTC)


async def test_edit_with_nothing_to_change_is_refused(lane: Lane) -> None:
    await create(lane)
    with pytest.raises(InvalidInput, match="Nothing to change"):
        await lane.cohorts.edit(GUILD, COORDINATOR, "Autumn", CohortChanges())


async def test_opening_enrolment_schedules_every_sessions_start_end_and_reminder(
    lane: Lane,
) -> None:
    cohort = await enrolling(lane)
    assert cohort.state == "enrolling"
    sessions = await lane.cohorts.repo.sessions(cohort.id)
    for kind in (SESSION_START, SESSION_END, REMINDER):
        jobs = [await lane.jobs.repo.get(kind, s.id) for s in sessions]
        assert all(j is not None and j.status == "pending" for j in jobs), kind


async def test_cancelling_cancels_the_jobs_and_the_scheduled_sessions(lane: Lane) -> None:
    cohort = await enrolling(lane)
    found, new = await lane.cohorts.check_end(GUILD, "Autumn", CohortAction.CANCEL)
    await lane.cohorts.end(GUILD, COORDINATOR, found, new, CohortAction.CANCEL)
    sessions = await lane.cohorts.repo.sessions(cohort.id)
    assert {s.status for s in sessions} == {"cancelled"}
    job = await lane.jobs.repo.get(SESSION_START, sessions[0].id)
    assert job is not None
    assert job.status != "pending"


# --- enrolment ---------------------------------------------------------------------------------


async def test_a_full_group_puts_the_next_joiner_on_the_waitlist(lane: Lane) -> None:
    cohort = await enrolling(lane, cap=1)
    first = await join(lane, cohort, ASHA)
    second = await join(lane, cohort, BEN)
    assert first.group is not None
    assert first.position is None
    assert second.group is None
    assert second.position == 1


async def test_leaving_gives_the_place_to_the_first_person_waiting(lane: Lane) -> None:
    cohort = await enrolling(lane, cap=1)
    await join(lane, cohort, ASHA)
    await join(lane, cohort, BEN)
    left = await lane.enrolment.leave(cohort, ASHA)
    assert left.was is not None
    assert left.was.user_id == ASHA
    assert left.promoted is not None
    assert left.promoted.user_id == BEN
    assert await lane.cohorts.repo.members_of(left.group.id) == [BEN]  # type: ignore[union-attr]


async def test_joining_twice_is_refused(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    with pytest.raises(UserFacingError, match="already in"):
        await lane.enrolment.check_join(GUILD, ASHA, None)


async def test_intake_without_consent_stores_nothing(lane: Lane) -> None:
    cohort = await enrolling(lane)
    with pytest.raises(InvalidInput, match="consent"):
        await lane.enrolment.check_intake(GUILD, cohort.id, {**YES, "consent": "no"})
    assert await lane.cohorts.repo.enrolment(cohort.id, ASHA) is None


async def test_a_coordinator_moving_a_member_frees_their_old_place(lane: Lane) -> None:
    cohort = await enrolling(lane)
    [first_group] = await lane.cohorts.repo.groups(cohort.id)
    await lane.cohorts.add_group(GUILD, COORDINATOR, "Autumn", "progression", None, None)
    await join(lane, cohort, ASHA)
    found, candidates = await lane.enrolment.check_enrol(GUILD, "Autumn", 2)
    placed = await lane.enrolment.enrol(GUILD, COORDINATOR, found, ASHA, candidates)
    assert placed.group is not None
    assert placed.group.number == 2
    assert placed.moved_from is not None
    assert placed.moved_from.group == first_group


async def test_moving_a_member_into_a_full_group_is_refused_and_they_keep_their_place(
    lane: Lane,
) -> None:
    cohort = await enrolling(lane)
    await lane.cohorts.add_group(GUILD, COORDINATOR, "Autumn", "progression", None, None)
    [first, second] = await lane.cohorts.repo.groups(cohort.id)
    await join(lane, cohort, ASHA)
    _, into_second = await lane.enrolment.check_enrol(GUILD, "Autumn", 2)
    for user_id in range(500, 500 + cohort.group_cap):  # fill group 2
        await lane.enrolment.enrol(GUILD, COORDINATOR, cohort, user_id, into_second)
    assert len(await lane.cohorts.repo.members_of(second.id)) == cohort.group_cap
    with pytest.raises(InvalidInput, match="full"):
        await lane.enrolment.enrol(GUILD, COORDINATOR, cohort, ASHA, into_second)
    kept = await lane.cohorts.repo.enrolment(cohort.id, ASHA)
    assert kept is not None
    assert (kept.status, kept.group_id) == ("enrolled", first.id)


# --- sessions ----------------------------------------------------------------------------------


async def test_a_reminder_is_due_once_and_the_next_one_is_armed(lane: Lane) -> None:
    cohort = await enrolling(lane)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    lane.clock.set(first.starts_at - dt.timedelta(hours=24))
    reminder = await lane.sessions.reminder(first.id)
    assert reminder is not None
    assert reminder.due == (dt.timedelta(hours=24),)
    await lane.sessions.reminded(reminder)
    again = await lane.sessions.reminder(first.id)
    assert again is not None
    assert again.due == ()
    job = await lane.jobs.repo.get(REMINDER, first.id)
    assert job is not None
    assert job.due_at == first.starts_at - dt.timedelta(hours=1)


async def test_the_first_session_begins_the_cohort_and_opens_once(lane: Lane) -> None:
    cohort = await enrolling(lane)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    lane.clock.set(first.starts_at)
    opening = await lane.sessions.open(first.id)
    assert opening is not None
    assert opening.first_run
    assert opening.cohort.state == "running"
    assert lane.sessions.theme_post(opening)
    rerun = await lane.sessions.open(first.id)
    assert rerun is not None
    assert not rerun.first_run


async def test_attendance_counts_members_once_and_only_while_the_session_is_open(
    lane: Lane,
) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    await join(lane, cohort, CHLOE)
    [group] = await lane.cohorts.repo.groups(cohort.id)
    await lane.cohorts.channel_made(group.id, 555, voice=False)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    assert not await lane.sessions.record_message(555, ASHA)  # not open yet
    lane.clock.set(first.starts_at)
    await lane.sessions.open(first.id)
    assert not await lane.sessions.record_message(555, BEN)  # not enrolled
    assert await lane.sessions.record_message(555, ASHA)
    assert not await lane.sessions.record_message(555, ASHA)  # once per session
    assert await lane.sessions.record_voice(group, [ASHA, BEN, CHLOE]) == 1  # Chloe


async def test_missing_two_sessions_in_a_row_gives_the_moderator_one_note(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    groups = await lane.cohorts.repo.groups(cohort.id)
    notes = []
    for session in (await lane.cohorts.repo.sessions(cohort.id))[:2]:
        lane.clock.set(session.starts_at)
        await lane.sessions.open(session.id)
        lane.clock.set(session.ends_at)
        ending = await lane.sessions.ending(session.id)
        assert ending is not None
        closing = await lane.sessions.close(*ending)
        assert closing.ended
        assert closing.session.status == "held"
        notes += await lane.sessions.follow_up(cohort, session.week, groups)
    assert [(n.moderator_id, n.user_id) for n in notes] == [(MAYA, ASHA)]
    assert notes[0].reasons == ("missed_two_in_a_row",)


async def test_the_report_counts_enrolment_waitlist_and_attendance(lane: Lane) -> None:
    cohort = await enrolling(lane, cap=1)
    await join(lane, cohort, ASHA)
    await join(lane, cohort, BEN)
    await join(lane, cohort, CHLOE)
    await lane.enrolment.leave(cohort, CHLOE)
    report = await lane.cohorts.report(GUILD, "Autumn")
    assert (report.enrolled, report.waitlisted, report.left) == (1, 1, 1)
    assert report.held == ()
    assert report.csv.splitlines()[0].startswith("user_id,group,status")


# --- the audit line goes with its change -------------------------------------------------------


async def actions(lane: Lane) -> list[str]:
    rows = await lane.db.fetchall("SELECT action, target_id FROM audit_log ORDER BY id")
    return [f"{r['action']} {r['target_id']}" for r in rows]


async def test_each_coordinator_action_leaves_one_audit_line_about_the_cohort(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await lane.cohorts.add_group(GUILD, COORDINATOR, "Autumn", "progression", None, None)
    await lane.cohorts.edit(GUILD, COORDINATOR, "Autumn", CohortChanges(time="19:30"))
    found, candidates = await lane.enrolment.check_enrol(GUILD, "Autumn", 2)
    await lane.enrolment.enrol(GUILD, COORDINATOR, found, ASHA, candidates)
    await lane.cohorts.save_theme(GUILD, COORDINATOR, cohort.id, 3, "Rest, and asking for help.")
    await lane.cohorts.skip(
        GUILD, COORDINATOR, await lane.cohorts.check_skip(GUILD, "Autumn", 4), 4
    )
    found, new = await lane.cohorts.check_end(GUILD, "Autumn", CohortAction.CANCEL)
    await lane.cohorts.end(GUILD, COORDINATOR, found, new, CohortAction.CANCEL)
    assert await actions(lane) == [
        f"{action} {cohort.id}"
        for action in (
            "cohort.create",
            "cohort.start",
            "cohort.group",
            "cohort.edit",
            "cohort.enrol",
            "cohort.theme",
            "session.skip",
            "cohort.cancel",
        )
    ]
    details = await lane.db.fetchall("SELECT detail FROM audit_log ORDER BY id")
    assert details[2]["detail"] == "Group 2 (similar progression)"  # the stored number


async def test_a_cohort_whose_audit_line_fails_is_not_created(lane: Lane) -> None:
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await create(lane)
    assert await lane.cohorts.in_guild(GUILD) == []
    assert await lane.db.fetchval("SELECT count(*) FROM cohort_sessions") == 0
    assert await lane.db.fetchval("SELECT count(*) FROM cohort_groups") == 0


async def test_a_start_whose_audit_line_fails_leaves_the_cohort_a_draft(lane: Lane) -> None:
    cohort = await create(lane)
    found, new = await lane.cohorts.check_start(GUILD, cohort.name)
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await lane.cohorts.open_enrolment(GUILD, COORDINATOR, found, new)
    assert (await lane.cohorts.get(cohort.id)).state == "draft"
    assert await lane.jobs.repo.pending() == []


async def test_an_edit_whose_audit_line_fails_changes_nothing(lane: Lane) -> None:
    cohort = await create(lane)
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await lane.cohorts.edit(GUILD, COORDINATOR, "Autumn", CohortChanges(weeks=8, time="19:30"))
    assert await lane.cohorts.get(cohort.id) == cohort
    assert len(await lane.cohorts.repo.sessions(cohort.id)) == 12


async def test_a_group_whose_audit_line_fails_is_not_added(lane: Lane) -> None:
    cohort = await create(lane)
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await lane.cohorts.add_group(GUILD, COORDINATOR, "Autumn", "progression", None, None)
    assert len(await lane.cohorts.repo.groups(cohort.id)) == 1


async def test_an_enrolment_whose_audit_line_fails_places_nobody(lane: Lane) -> None:
    cohort = await enrolling(lane)
    found, candidates = await lane.enrolment.check_enrol(GUILD, "Autumn", 1)
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await lane.enrolment.enrol(GUILD, COORDINATOR, found, ASHA, candidates)
    assert await lane.cohorts.repo.enrolment(cohort.id, ASHA) is None


async def test_a_theme_whose_audit_line_fails_is_not_saved(lane: Lane) -> None:
    cohort = await create(lane)
    await refuse_audit_lines(lane.db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await lane.cohorts.save_theme(GUILD, COORDINATOR, cohort.id, 3, "Rest.")
    assert await lane.cohorts.repo.theme_overrides(cohort.id) == {}


async def refuse_session_moves(lane: Lane) -> None:
    await refuse_writes(
        lane.db, "cohort_sessions", "UPDATE", "the sessions cannot move, a test fault"
    )


async def test_an_edit_whose_sessions_cannot_move_keeps_its_old_settings(lane: Lane) -> None:
    cohort = await create(lane)
    sessions = await lane.cohorts.repo.sessions(cohort.id)
    await refuse_session_moves(lane)
    with pytest.raises(REFUSAL_ERRORS, match="cannot move"):
        await lane.cohorts.edit(GUILD, COORDINATOR, "Autumn", CohortChanges(time="19:30"))
    assert await lane.cohorts.get(cohort.id) == cohort
    assert await lane.cohorts.repo.sessions(cohort.id) == sessions
    assert await actions(lane) == [f"cohort.create {cohort.id}"]


async def test_a_skip_whose_sessions_cannot_move_skips_nothing(lane: Lane) -> None:
    cohort = await create(lane)
    sessions = await lane.cohorts.repo.sessions(cohort.id)
    found = await lane.cohorts.check_skip(GUILD, "Autumn", 4)
    await refuse_session_moves(lane)
    with pytest.raises(REFUSAL_ERRORS, match="cannot move"):
        await lane.cohorts.skip(GUILD, COORDINATOR, found, 4)
    assert (await lane.cohorts.get(cohort.id)).skipped_slots == frozenset()
    assert await lane.cohorts.repo.sessions(cohort.id) == sessions
    assert await actions(lane) == [f"cohort.create {cohort.id}"]


# --- in the member's language (issue 15) ---------------------------------------------------------


@pytest.mark.parametrize(("language", "answer"), [("es", "sí"), ("hi", "हाँ"), ("en", "yes")])
async def test_yes_to_checkins_is_read_in_the_language_of_the_form(
    lane: Lane, language: str, answer: str
) -> None:
    cohort = await enrolling(lane)
    with speaking(language):
        intake = await lane.enrolment.check_intake(GUILD, cohort.id, {**YES, "checkins": answer})
    assert intake.checkins


async def test_refusals_are_in_the_language_being_spoken(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    with speaking("es"), pytest.raises(UserFacingError) as twice:
        await lane.enrolment.check_join(GUILD, ASHA, "Autumn")
    assert twice.value.message == (
        "Ya estás en la cohorte “Autumn” (tienes un lugar). Para salir, usa `/leave`."
    )
    with speaking("hi"), pytest.raises(UserFacingError) as unknown:
        await lane.cohorts.member_cohort(GUILD, "Winter")
    assert unknown.value.message.startswith("इस सर्वर पर “Winter” नाम का कोई कोहोर्ट नहीं मिला।")
    with pytest.raises(UserFacingError) as english:
        await lane.enrolment.check_join(GUILD, ASHA, "Autumn")
    assert english.value.message == (
        "You are already in the cohort “Autumn” (enrolled). To leave it, use `/leave`."
    )


async def test_the_theme_post_is_rendered_in_each_groups_language(lane: Lane) -> None:
    cohort = await enrolling(lane)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    lane.clock.set(first.starts_at)
    opening = await lane.sessions.open(first.id)
    assert opening is not None
    with speaking("es"):
        assert lane.sessions.theme_post(opening).startswith("**Semana 1 · Bienvenida")
    with speaking("hi"):
        assert lane.sessions.theme_post(opening).startswith("**हफ़्ता 1 · स्वागत")
    assert lane.sessions.theme_post(opening).startswith("**Week 1 · Welcome")

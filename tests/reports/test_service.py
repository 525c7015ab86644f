"""ReportService and its rules: real SQLite, a FakeClock, the crisis lane with a FakeMessenger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot import DataFiles
from cogs.crisis.service import CrisisService
from cogs.reports.policy import REPORTS_PER_WINDOW, destination, joins
from cogs.reports.service import RETENTION, Filed, OwnMessage, RateLimited, ReportService
from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.reports import ReportRepository
from tests.builders import crisis_service
from tests.fakes import FakeMessenger

GUILD, STAFF, GENERAL = 1, 10, 11
OWNER, MAYA, ASHA, BEN = 100, 101, 200, 201
ONCALL_ROLE = 20


@dataclass
class Lane:
    service: ReportService
    crisis: CrisisService
    repo: ReportRepository
    fake: FakeMessenger
    jobs: JobScheduler
    clock: FakeClock


@pytest.fixture
async def lane(db: Database, clock: FakeClock, data_files: DataFiles) -> Lane:
    jobs = JobScheduler(JobRepository(db), clock)
    settings = GuildSettingsRepository(db)
    await settings.update(
        GUILD,
        {"staff_channel_id": STAFF, "oncall_role_id": ONCALL_ROLE, "country": "IN"},
        actor_id=OWNER,
        now=clock.now(),
    )
    crisis = crisis_service(db, clock, data_files, jobs=jobs, settings=settings)
    fake = FakeMessenger()
    fake.add_server(
        GUILD,
        owner_id=OWNER,
        channels=(STAFF, GENERAL),
        roles={ONCALL_ROLE: [MAYA]},
        people={OWNER: "Owner", MAYA: "Maya", ASHA: "Asha", BEN: "Ben"},
    )
    crisis.attach(fake)
    repo = ReportRepository(db)
    service = ReportService(repo, crisis, jobs, clock, retention_days=30)
    return Lane(service, crisis, repo, fake, jobs, clock)


async def file(
    lane: Lane,
    reason: str = "unkind",
    *,
    message_id: int = 5000,
    reporter: int = ASHA,
    author: int = BEN,
    note: str | None = None,
    bot: bool = False,
    staff: bool = False,
) -> Filed:
    return await lane.service.file(
        guild_id=GUILD,
        reporter_id=reporter,
        author_id=author,
        channel_id=GENERAL,
        message_id=message_id,
        text="  the   reported words ",
        reason=reason,
        note=note,
        target_is_bot=bot,
        target_is_staff=staff,
    )


# --- where a report goes (pure) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "bot", "staff", "expected"),
    [
        ("worried", False, False, "crisis"),
        ("unkind", False, False, "queue"),
        ("private", False, False, "queue"),
        ("worried", False, True, "crisis"),  # worry about a moderator still reaches a person
        ("unkind", False, True, "coordinators"),  # nobody reviews a report about themselves
        ("private", False, True, "coordinators"),
        ("worried", True, False, "coordinators"),
        ("unkind", True, False, "coordinators"),
    ],
)
def test_destination(reason: str, bot: bool, staff: bool, expected: str) -> None:
    assert destination(reason, target_is_bot=bot, target_is_staff=staff) == expected


# --- filing --------------------------------------------------------------------------------------


async def test_unkind_is_queued_with_an_excerpt_and_the_note(lane: Lane) -> None:
    filed = await file(lane, note="  felt cruel  ")
    assert filed.new
    assert filed.case is None
    assert filed.report.route == "queue"
    assert filed.report.excerpt == "the reported words"
    assert filed.report.note == "felt cruel"
    assert [r.id for r in await lane.repo.open_queue(GUILD)] == [filed.report.id]
    assert lane.fake.sent == []  # nobody is messaged for a queued report


async def test_worry_opens_a_concern_case_with_the_reporter_as_actor(lane: Lane) -> None:
    filed = await file(lane, "worried", note="very quiet lately")
    case = filed.case
    assert case is not None
    assert (case.user_id, case.level, case.rules) == (BEN, "concern", ("report",))
    assert "very quiet lately" in case.reason
    events = await lane.crisis.record(case)
    assert events[0].actor_id == ASHA
    assert (await lane.repo.get(filed.report.id)).case_id == case.id  # type: ignore[union-attr]
    assert lane.fake.dms_to(BEN)  # the author gets the caring message...
    assert all("Asha" not in text for text in lane.fake.dms_to(BEN))  # ...never the reporter


async def test_worry_about_a_message_that_has_a_case_adds_to_that_case(lane: Lane) -> None:
    first = await file(lane, "worried")
    second = await file(lane, "worried", reporter=MAYA)
    assert first.case is not None
    assert second.case is not None
    assert second.case.id == first.case.id
    kinds = [e.kind for e in await lane.crisis.record(first.case)]
    assert kinds.count("reported") == 1
    assert len(lane.fake.delivered("alert")) == 1  # one alert for the message, not two


async def test_the_same_report_twice_is_one_report(lane: Lane) -> None:
    first = await file(lane, "worried")
    again = await file(lane, "unkind")  # another reason does not make it a new report
    assert not again.new
    assert again.report.id == first.report.id
    assert again.report.reason == "worried"
    assert len(lane.fake.delivered("alert")) == 1


async def test_the_sixth_report_in_an_hour_is_refused_and_the_limit_slides(lane: Lane) -> None:
    for n in range(REPORTS_PER_WINDOW):
        await file(lane, message_id=6000 + n)
    with pytest.raises(RateLimited, match="in the last hour"):
        await file(lane, message_id=7000)
    await file(lane, message_id=6000)  # a repeat is still answered (it files nothing)
    lane.clock.advance(minutes=61)
    assert (await file(lane, message_id=7000)).new


async def test_the_limit_is_per_reporter(lane: Lane) -> None:
    for n in range(REPORTS_PER_WINDOW):
        await file(lane, message_id=6000 + n)
    assert (await file(lane, message_id=7000, reporter=MAYA)).new


async def test_a_member_cannot_report_their_own_message(lane: Lane) -> None:
    with pytest.raises(OwnMessage):
        await file(lane, reporter=BEN, author=BEN)


async def test_an_unknown_reason_is_refused(lane: Lane) -> None:
    with pytest.raises(InvalidInput):
        await file(lane, "spam")


# --- retention and privacy ----------------------------------------------------------------------


async def test_the_retention_sweep_erases_old_copies_and_comes_back_tomorrow(lane: Lane) -> None:
    old = await file(lane, message_id=1)
    lane.clock.advance(days=29)
    recent = await file(lane, message_id=2)
    lane.clock.advance(days=2)
    await lane.service.ensure_sweeps()
    await lane.jobs.run_due()
    assert (await lane.repo.get(old.report.id)).excerpt is None  # type: ignore[union-attr]
    assert (await lane.repo.get(recent.report.id)).excerpt is not None  # type: ignore[union-attr]
    job = await lane.jobs.get(RETENTION, 0)
    assert job is not None
    assert job.due_at == lane.clock.now() + timedelta(days=1)


async def test_erasing_the_author_keeps_the_report_without_their_words(lane: Lane) -> None:
    filed = await file(lane, note="felt cruel")
    await lane.repo.erase_member(BEN)
    kept = await lane.repo.get(filed.report.id)
    assert kept is not None
    assert (kept.author_id, kept.excerpt, kept.reporter_id, kept.note) == (
        None,
        None,
        ASHA,
        "felt cruel",
    )


async def test_export_gives_the_reporter_their_reports_and_the_author_nothing(lane: Lane) -> None:
    await file(lane, note="felt cruel")
    mine = (await lane.repo.export_member(ASHA))["message_reports"]
    assert [r["note"] for r in mine] == ["felt cruel"]
    assert (await lane.repo.export_member(BEN))["message_reports"] == []


# --- a case from a message that already has one -----------------------------------------------


@pytest.mark.parametrize(
    ("status", "case_level", "wanted", "expected"),
    [
        ("open", "concern", "concern", True),
        ("claimed", "urgent", "concern", True),
        ("open", "concern", "urgent", False),  # urgent must page on-call: a new case
        ("open", "watch", "concern", False),  # a quiet glance is not a person on the way
        ("resolved", "urgent", "concern", False),  # a closed case reaches nobody
        ("false_alarm", "concern", "concern", False),
    ],
)
def test_joins(status: str, case_level: str, wanted: str, expected: bool) -> None:
    assert joins(status, case_level, wanted) is expected


async def test_worry_about_a_message_whose_case_was_closed_opens_a_new_case(lane: Lane) -> None:
    first = await file(lane, "worried")
    assert first.case is not None
    await lane.crisis.close(first.case, "resolve", MAYA, "Talked; safe tonight.")
    again = await file(lane, "worried", reporter=MAYA)
    assert again.case is not None
    assert again.case.id != first.case.id
    assert again.case.status == "open"
    assert again.case.message_id is None  # the message keeps its first case
    assert again.case.excerpt == "the reported words"
    assert len(lane.fake.delivered("alert")) == 2  # a person is told again


async def test_a_moderator_asking_for_urgent_on_a_concern_case_gets_a_new_urgent_case(
    lane: Lane,
) -> None:
    reported = await file(lane, "worried")
    assert reported.case is not None
    opened = await lane.service.case_from_message(
        guild_id=GUILD,
        author_id=BEN,
        channel_id=GENERAL,
        message_id=5000,
        excerpt="the reported words",
        level="urgent",
        rules=(),
        reason="Opened by a moderator from the member's message.",
        actor_id=MAYA,
        joined_as="asked_again",
    )
    assert not opened.joined
    assert opened.case.level == "urgent"
    assert opened.case.id != reported.case.id


async def test_a_moderator_asking_for_concern_on_an_open_case_joins_it(lane: Lane) -> None:
    reported = await file(lane, "worried")
    assert reported.case is not None
    opened = await lane.service.case_from_message(
        guild_id=GUILD,
        author_id=BEN,
        channel_id=GENERAL,
        message_id=5000,
        excerpt=None,
        level="concern",
        rules=(),
        reason="Opened by a moderator from the member's message.",
        actor_id=MAYA,
        joined_as="asked_again",
    )
    assert opened.joined
    assert opened.case.id == reported.case.id
    events = await lane.crisis.record(reported.case)
    assert [(e.kind, e.actor_id) for e in events][-1] == ("asked_again", MAYA)

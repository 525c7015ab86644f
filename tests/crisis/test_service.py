"""CrisisService: real SQLite, a FakeClock and a FakeMessenger (no Discord)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot import DataFiles
from cogs.crisis.policy import case_join
from cogs.crisis.service import ALERT, DEADLINE, FOLLOWUP, MEMBER, CrisisService
from cogs.utils.clock import FakeClock
from cogs.utils.delivery import Delivery
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models import CrisisCase
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.members import MemberLanguageRepository
from tests.builders import crisis_service
from tests.fakes import FakeMessenger

GUILD = 1
STAFF, GENERAL = 10, 11
ONCALL_ROLE, BACKUP_ROLE, COORD_ROLE, MOD_ROLE = 20, 21, 22, 23
OWNER, MAYA, SAM, COORD, ASHA, BEN = 100, 101, 102, 103, 200, 201


@dataclass
class Lane:
    service: CrisisService
    fake: FakeMessenger
    cases: CrisisRepository
    jobs: JobScheduler
    clock: FakeClock


@pytest.fixture
async def lane(db: Database, clock: FakeClock, data_files: DataFiles) -> Lane:
    jobs = JobScheduler(JobRepository(db), clock)
    settings = GuildSettingsRepository(db)
    await settings.update(
        GUILD,
        {
            "staff_channel_id": STAFF,
            "oncall_role_id": ONCALL_ROLE,
            "backup_role_id": BACKUP_ROLE,
            "coordinator_role_id": COORD_ROLE,
            "moderator_role_id": MOD_ROLE,
            "country": "IN",
        },
        actor_id=OWNER,
        now=clock.now(),
    )
    cases = CrisisRepository(db)
    service = crisis_service(db, clock, data_files, jobs=jobs, settings=settings)
    fake = FakeMessenger()
    fake.add_server(
        GUILD,
        owner_id=OWNER,
        channels=(STAFF, GENERAL),
        roles={ONCALL_ROLE: [MAYA], BACKUP_ROLE: [SAM], COORD_ROLE: [COORD]},
        people={OWNER: "Owner", MAYA: "Maya", SAM: "Sam", COORD: "Cora", ASHA: "Asha", BEN: "Ben"},
    )
    service.attach(fake)
    return Lane(service, fake, cases, jobs, clock)


async def open_case(
    lane: Lane, level: str = "urgent", *, user_id: int = ASHA, message_id: int | None = 5000
) -> CrisisCase | None:
    return await lane.service.open_and_respond(
        guild_id=GUILD,
        user_id=user_id,
        channel_id=GENERAL,
        message_id=message_id,
        source="message",
        level=level,
        rules=("plan",),
        reason="Describes a plan.",
        excerpt="the words",
    )


async def event_kinds(lane: Lane, case_id: int) -> list[str]:
    return [e.kind for e in await lane.cases.events(case_id)]


# --- opening -----------------------------------------------------------------------------------


async def test_opening_writes_the_case_and_its_steps_and_runs_them_at_once(lane: Lane) -> None:
    case = await open_case(lane)
    assert case is not None
    assert case.staff_reached == "channel"
    assert case.member_notified == "dm"
    assert (await lane.jobs.get(ALERT, case.id)).status == "done"
    assert (await lane.jobs.get(MEMBER, case.id)).status == "done"
    deadline = await lane.jobs.get(DEADLINE, case.id)
    assert deadline.status == "pending"
    assert deadline.due_at == lane.clock.now() + timedelta(minutes=10)
    [alert] = lane.fake.delivered("alert")
    assert alert.to == STAFF
    assert alert.pings == (ONCALL_ROLE,)  # urgent pages on-call
    assert "Tele-MANAS" in lane.fake.dms_to(ASHA)[-1]
    kinds = await event_kinds(lane, case.id)
    assert kinds[0] == "opened"
    assert sorted(kinds[1:]) == ["member_dm", "staff_alerted"]  # side by side: either first


async def test_a_concern_alert_pings_nobody(lane: Lane) -> None:
    await open_case(lane, "concern")
    [alert] = lane.fake.delivered("alert")
    assert alert.pings == ()


async def test_the_alert_shows_how_the_member_was_reached_once_both_are_done(lane: Lane) -> None:
    case = await open_case(lane)
    assert case is not None
    shown = [s.case for s in lane.fake.sent if s.kind in ("alert", "edit") and s.case]
    assert shown[-1].member_notified == "dm"
    # Whichever step finished second showed the other's result: one edit, not two.
    assert len([s for s in lane.fake.sent if s.kind == "edit"]) == 1


async def test_a_dm_disclosure_opens_the_case_in_the_server_kindred_shares(lane: Lane) -> None:
    words = "I've saved up my pills and I'm going to take them all tonight."
    case = await lane.service.screen_and_respond(
        text=words,
        context=None,
        author_id=ASHA,
        author_is_bot=False,
        guild_id=None,
        channel_id=777,
        message_id=8000,
        source="dm",
    )
    assert case is not None
    assert case.guild_id == GUILD
    assert case.staff_reached == "channel"


async def test_a_dm_from_someone_in_no_server_still_gets_helplines(lane: Lane) -> None:
    stranger = 999
    lane.fake.names[stranger] = "Stranger"
    words = "I've saved up my pills and I'm going to take them all tonight."
    case = await lane.service.screen_and_respond(
        text=words,
        context=None,
        author_id=stranger,
        author_is_bot=False,
        guild_id=None,
        channel_id=778,
        message_id=8001,
        source="dm",
    )
    assert case is not None
    assert case.guild_id is None
    assert case.member_notified == "dm"
    assert "staff_not_alerted" in await event_kinds(lane, case.id)
    assert lane.fake.delivered("alert") == []


async def test_a_second_arrival_of_the_same_message_opens_no_second_case(lane: Lane) -> None:
    first = await open_case(lane, message_id=77)
    again = await open_case(lane, message_id=77)
    assert first is not None
    assert again is None
    assert len(lane.fake.delivered("alert")) == 1


async def test_a_reworded_message_after_an_automod_block_joins_the_open_case(lane: Lane) -> None:
    blocked = await lane.service.open_and_respond(
        guild_id=GUILD,
        user_id=ASHA,
        channel_id=GENERAL,
        message_id=None,
        source="message",
        level="concern",
        rules=("passive",),
        reason="r",
        excerpt="e",
        automod_rule="Dark words",
        join=case_join("concern", blocked=True, now=lane.clock.now()),
    )
    assert blocked is not None
    joined = await lane.service.open_and_respond(
        guild_id=GUILD,
        user_id=ASHA,
        channel_id=GENERAL,
        message_id=6000,
        source="message",
        level="concern",
        rules=("passive",),
        reason="r",
        excerpt="e",
        join=case_join("concern", blocked=False, now=lane.clock.now()),
        joined_detail="posted re-worded",
    )
    assert joined is None
    assert "joined" in await event_kinds(lane, blocked.id)
    assert len(lane.fake.delivered("alert")) == 1


async def test_a_case_opened_before_the_adapter_is_attached_is_kept_for_start_up(
    lane: Lane, caplog: pytest.LogCaptureFixture
) -> None:
    lane.service.attach(None)
    with caplog.at_level(logging.ERROR, logger="cogs.crisis.service"):
        case = await open_case(lane)
    assert case is not None
    assert any("no Discord adapter" in r.getMessage() for r in caplog.records)
    assert (await lane.jobs.get(ALERT, case.id)).status == "pending"
    assert (await lane.jobs.get(MEMBER, case.id)).status == "pending"
    # A step that runs before the adapter is there fails loudly and stays to run again.
    assert await lane.jobs.run_due() >= 1
    alert = await lane.jobs.get(ALERT, case.id)
    assert alert.status == "pending"
    assert "OutboxMissing" in (alert.last_error or "")
    lane.service.attach(lane.fake)
    lane.clock.advance(minutes=2)
    await lane.jobs.run_due()
    reached = await lane.cases.get(case.id)
    assert reached.staff_reached == "channel"
    assert reached.member_notified == "dm"


async def test_screen_and_respond_opens_a_case_for_a_disclosure_and_never_for_a_bot(
    lane: Lane,
) -> None:
    words = "I've saved up my pills and I'm going to take them all tonight."
    common = {"text": words, "context": None, "guild_id": GUILD, "channel_id": GENERAL}
    bot = await lane.service.screen_and_respond(
        **common, author_id=BEN, author_is_bot=True, message_id=None, source="message"
    )
    assert bot is None
    case = await lane.service.screen_and_respond(
        **common, author_id=BEN, author_is_bot=False, message_id=None, source="message"
    )
    assert case is not None
    assert case.level == "urgent"
    assert case.user_id == BEN


# --- the staff chain ---------------------------------------------------------------------------


async def test_when_the_staff_channel_fails_the_on_call_role_is_dmed(lane: Lane) -> None:
    lane.fake.fail_posts(STAFF)
    case = await open_case(lane)
    assert case.staff_reached == "dm_oncall"
    assert "could not be posted in the staff channel" in lane.fake.dms_to(MAYA)[-1]
    assert "staff_dm_oncall" in await event_kinds(lane, case.id)


async def test_the_chain_falls_through_closed_dms_to_the_next_role(lane: Lane) -> None:
    lane.fake.fail_posts(STAFF)
    lane.fake.close_dms(MAYA)
    case = await open_case(lane)
    assert case.staff_reached == "dm_backup"
    assert lane.fake.dms_to(MAYA) == []
    assert lane.fake.dms_to(SAM)


async def test_the_owner_is_the_last_step(lane: Lane) -> None:
    lane.fake.fail_posts(STAFF)
    for person in (MAYA, SAM, COORD):
        lane.fake.close_dms(person)
    case = await open_case(lane)
    assert case.staff_reached == "dm_owner"
    assert lane.fake.dms_to(OWNER)


async def test_when_nobody_is_reached_the_case_says_so_and_the_alert_retries(lane: Lane) -> None:
    lane.fake.fail_posts(STAFF)
    for person in (MAYA, SAM, COORD, OWNER):
        lane.fake.close_dms(person)
    case = await open_case(lane)
    assert case.staff_reached is None
    assert "staff_unreachable" in await event_kinds(lane, case.id)
    alert = await lane.jobs.get(ALERT, case.id)
    assert alert.status == "pending"
    assert alert.attempts == 1
    lane.fake.closed_dms.discard(SAM)
    lane.clock.advance(minutes=2)
    await lane.jobs.run_due()
    assert (await lane.cases.get(case.id)).staff_reached == "dm_backup"
    assert (await lane.jobs.get(ALERT, case.id)).status == "done"


async def test_a_case_whose_server_is_not_available_waits_for_it(lane: Lane) -> None:
    server = lane.fake.servers.pop(GUILD)
    case = await open_case(lane)
    assert case.staff_reached is None
    assert (await lane.jobs.get(ALERT, case.id)).status == "pending"
    lane.fake.servers[GUILD] = server
    lane.clock.advance(minutes=2)
    await lane.jobs.run_due()
    assert (await lane.cases.get(case.id)).staff_reached == "channel"


# --- the member --------------------------------------------------------------------------------


async def test_a_member_with_closed_dms_gets_a_private_thread_where_they_wrote(
    lane: Lane,
) -> None:
    lane.fake.close_dms(ASHA)
    case = await open_case(lane)
    assert case.member_notified == "thread"
    [thread] = lane.fake.delivered("thread")
    assert thread.to == GENERAL
    assert f"<@{ASHA}>" in thread.text


async def test_a_member_out_of_reach_is_recorded_as_failed(lane: Lane) -> None:
    lane.fake.close_dms(ASHA)
    lane.fake.text_channels.discard(GENERAL)  # no thread possible there
    case = await open_case(lane)
    assert case.member_notified == "failed"
    assert case.staff_reached == "channel"


async def test_a_member_dm_discord_did_not_answer_is_retried(lane: Lane) -> None:
    lane.fake.fail_dms(ASHA)
    lane.fake.text_channels.discard(GENERAL)
    case = await open_case(lane)
    assert case.member_notified is None
    assert (await lane.jobs.get(MEMBER, case.id)).status == "pending"
    lane.fake.failing_dms.discard(ASHA)
    lane.clock.advance(minutes=1)
    await lane.jobs.run_due()
    assert (await lane.cases.get(case.id)).member_notified == "dm"


async def test_a_member_is_messaged_at_most_once_an_hour(lane: Lane) -> None:
    await open_case(lane, message_id=1)
    second = await open_case(lane, message_id=2)
    assert second.member_notified == "cooldown"
    assert len(lane.fake.dms_to(ASHA)) == 1


async def test_two_cases_opened_at_once_message_the_member_once(lane: Lane) -> None:
    """Both member steps used to pass the once-an-hour check before either was recorded."""
    second_dm = asyncio.Event()
    calls: list[int] = []
    plain_dm = lane.fake.member_dm

    async def slow_dm(user_id: int, text: str, guild_id: int | None) -> Delivery:
        calls.append(user_id)
        if len(calls) == 1:
            # Give the other case every chance to reach its own DM; under the member's lock it
            # never does, so this waits out its bound and goes on.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(second_dm.wait(), 0.5)
        else:
            second_dm.set()
        return await plain_dm(user_id, text, guild_id)

    lane.fake.member_dm = slow_dm  # type: ignore[method-assign]
    first, second = await asyncio.gather(
        open_case(lane, message_id=1), open_case(lane, message_id=2, level="concern")
    )
    assert first is not None
    assert second is not None
    notified = []
    for case in (first, second):
        stored = await lane.cases.get(case.id)
        assert stored is not None
        notified.append(stored.member_notified)
    assert sorted(notified, key=str) == ["cooldown", "dm"]
    assert len(lane.fake.dms_to(ASHA)) == 1


# --- escalation --------------------------------------------------------------------------------


async def test_an_unclaimed_case_escalates_at_its_deadline_and_again_later(lane: Lane) -> None:
    case = await open_case(lane, "concern")
    lane.clock.advance(minutes=60)
    await lane.jobs.run_due()
    [escalation] = lane.fake.delivered("escalation")
    assert escalation.to == STAFF
    assert set(escalation.pings) == {BACKUP_ROLE, ONCALL_ROLE}
    assert lane.fake.dms_to(SAM)
    assert lane.fake.dms_to(COORD)
    escalated = await lane.cases.get(case.id)
    assert escalated.escalations == 1
    again = await lane.jobs.get(DEADLINE, case.id)
    assert again.status == "pending"
    assert again.due_at == lane.clock.now() + timedelta(minutes=60)
    lane.clock.advance(minutes=60)
    await lane.jobs.run_due()
    assert (await lane.cases.get(case.id)).escalations == 2


async def test_an_escalation_that_reaches_nobody_is_recorded_and_retried(lane: Lane) -> None:
    case = await open_case(lane, "concern")
    lane.fake.fail_posts(STAFF)
    for person in (MAYA, SAM, COORD, OWNER):
        lane.fake.close_dms(person)
    lane.clock.advance(minutes=60)
    await lane.jobs.run_due()
    assert "escalation_unreachable" in await event_kinds(lane, case.id)
    deadline = await lane.jobs.get(DEADLINE, case.id)
    assert deadline.status == "pending"
    assert deadline.attempts == 1


# --- claim and close ---------------------------------------------------------------------------


async def test_claiming_stops_the_deadline_and_a_second_claim_is_told_who_has_it(
    lane: Lane,
) -> None:
    case = await open_case(lane)
    claimed = await lane.service.claim(case, MAYA, refresh=True)
    assert claimed.status == "claimed"
    assert claimed.claimed_by == MAYA
    assert (await lane.jobs.get(DEADLINE, case.id)).status == "cancelled"
    assert lane.fake.sent[-1].kind == "edit"
    with pytest.raises(UserFacingError) as lost:
        await lane.service.claim(case, SAM, refresh=True)
    assert f"<@{MAYA}>" in lost.value.message


async def test_resolving_needs_a_reason_and_schedules_the_follow_up(lane: Lane) -> None:
    case = await open_case(lane)
    with pytest.raises(InvalidInput):
        await lane.service.close(case, "resolve", MAYA, "ok")
    closed = await lane.service.close(case, "resolve", MAYA, "Spoke by DM; safe tonight.")
    assert closed.status == "resolved"
    assert closed.closed_by == MAYA
    assert (await lane.jobs.get(DEADLINE, case.id)).status == "cancelled"
    assert (await lane.jobs.get(FOLLOWUP, case.id)).status == "pending"
    assert lane.fake.sent[-1].case.status == "resolved"  # the alert shows it


async def test_a_false_alarm_needs_no_reason_and_has_no_follow_up(lane: Lane) -> None:
    case = await open_case(lane)
    closed = await lane.service.close(case, "false", MAYA, "")
    assert closed.status == "false_alarm"
    assert await lane.jobs.get(FOLLOWUP, case.id) is None


async def test_a_case_closed_already_cannot_be_closed_again(lane: Lane) -> None:
    case = await open_case(lane)
    await lane.service.close(case, "false", MAYA, "")
    with pytest.raises(UserFacingError):
        await lane.service.close(case, "resolve", SAM, "Spoke to them.")


async def test_a_case_from_another_server_is_not_found(lane: Lane) -> None:
    case = await open_case(lane)
    assert (await lane.service.case_for(GUILD, ref=case.label)).id == case.id
    with pytest.raises(UserFacingError):
        await lane.service.case_for(GUILD + 1, case_id=case.id)


# --- follow-up ---------------------------------------------------------------------------------


async def test_the_follow_up_reminds_the_moderator_by_dm_a_day_later(lane: Lane) -> None:
    case = await open_case(lane)
    await lane.service.close(case, "resolve", MAYA, "Spoke by DM; safe tonight.")
    before = len(lane.fake.dms_to(MAYA))
    lane.clock.advance(days=1)
    await lane.jobs.run_due()
    assert len(lane.fake.dms_to(MAYA)) == before + 1
    assert "followup_sent" in await event_kinds(lane, case.id)


async def test_the_follow_up_falls_back_to_the_staff_channel(lane: Lane) -> None:
    case = await open_case(lane)
    await lane.service.close(case, "resolve", MAYA, "Spoke by DM; safe tonight.")
    lane.fake.close_dms(MAYA)
    lane.clock.advance(days=1)
    await lane.jobs.run_due()
    [reminder] = lane.fake.delivered("reminder")
    assert reminder.to == STAFF
    assert reminder.pings == (MAYA,)
    events = await lane.cases.events(case.id)
    assert [e.detail for e in events if e.kind == "followup_sent"] == ["staff channel"]


# --- the member's language ---------------------------------------------------------------------


async def test_a_spanish_speaker_in_the_us_is_told_how_to_reach_988_in_spanish(
    lane: Lane, db: Database
) -> None:
    now = lane.clock.now()
    await MemberSettingsRepository(db).set_country(ASHA, "US", now)
    await MemberLanguageRepository(db).set_language(ASHA, "es", now)
    await MemberSettingsRepository(db).set_country(BEN, "US", now)
    await open_case(lane, user_id=ASHA)
    await open_case(lane, user_id=BEN, message_id=5001)
    assert "AYUDA" in lane.fake.dms_to(ASHA)[-1]
    assert "AYUDA" not in lane.fake.dms_to(BEN)[-1]

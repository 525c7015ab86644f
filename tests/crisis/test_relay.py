"""The crisis relay (CrisisService): real SQLite, a FakeClock and a FakeMessenger (no Discord)."""

# ruff: noqa: F811 (``lane`` is test_service's fixture, imported so pytest finds it)

from __future__ import annotations

import pytest

from cogs.crisis import messages
from cogs.crisis.service import RELAY
from cogs.screening.pipeline import Incoming, route
from cogs.utils.errors import UserFacingError
from db.models import CrisisCase
from tests.crisis.test_service import (  # noqa: F401 (lane is a fixture)
    ASHA,
    GUILD,
    MAYA,
    ONCALL_ROLE,
    SAM,
    STAFF,
    Lane,
    lane,
    open_case,
)

URGENT = "I've saved up my pills and I'm going to take them all tonight."
_ids = iter(range(70_000, 80_000))


async def member_dm(
    lane: Lane, text: str, *, message_id: int | None = None, attachments: tuple[str, ...] = ()
) -> bool:
    """The member DMs Kindred, as cogs/screening hands it over: relayed when a case is open."""
    incoming = Incoming(
        message_id=message_id or next(_ids),
        text=text,
        author_id=ASHA,
        guild_id=None,
        channel_id=1,
        source="dm",
        attachments=attachments,
    )
    crisis, guidelines = lane.service.screens
    decided = route(incoming, crisis.screen(text, None), guidelines.screen(text, None))
    return await lane.service.relay_from_member(decided, incoming)


async def concern_case(lane: Lane) -> CrisisCase:
    case = await open_case(lane, "concern")
    assert case is not None
    return case


async def test_without_an_open_case_nothing_is_relayed(lane: Lane) -> None:
    assert not await member_dm(lane, "hello?")
    assert lane.fake.relayed() == []


async def test_a_member_writing_while_nobody_has_claimed_reaches_the_case_thread(
    lane: Lane,
) -> None:
    case = await concern_case(lane)
    before = len(lane.fake.dms_to(ASHA))
    assert await member_dm(lane, "please can someone talk to me now")

    [posted] = lane.fake.relayed()
    assert "please can someone talk to me now" in posted
    fresh = await lane.cases.get(case.id)
    assert fresh is not None
    assert fresh.relay_channel_id is not None
    # The first message of an unclaimed case gets one automatic reply: a person has been told.
    assert lane.fake.dms_to(ASHA)[before:] == [messages.TOLD_A_PERSON]
    await member_dm(lane, "are you there")
    assert lane.fake.dms_to(ASHA)[before:] == [messages.TOLD_A_PERSON]
    assert len(lane.fake.relayed(fresh.relay_channel_id)) == 2
    transcript = await lane.service.transcript(case)
    assert [(m.direction, m.status) for m in transcript] == [
        ("in", "sent"),
        ("out", "sent"),
        ("in", "sent"),
    ]


async def test_the_same_dm_seen_twice_is_relayed_once(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "still here", message_id=4242)
    await member_dm(lane, "still here", message_id=4242)
    assert len(lane.fake.relayed()) == 1
    assert len(await lane.service.transcript(case)) == 2  # the DM and the automatic reply


async def test_a_reply_that_screens_higher_pages_on_call_again(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, URGENT)
    page = lane.fake.delivered("escalation")[-1]
    assert page.to == STAFF
    assert ONCALL_ROLE in page.pings
    assert "URGENT" in page.text
    assert "relay_raised" in [e.kind for e in await lane.cases.events(case.id)]
    # Relayed into the case, not a second case.
    assert [c.id for c in await lane.cases.in_period(GUILD, case.created_at)] == [case.id]


async def test_attachments_are_relayed_as_links(lane: Lane) -> None:
    await concern_case(lane)
    link = "https://cdn.discordapp.com/attachments/1/2/photo.png"
    await member_dm(lane, "this is what I mean", attachments=(link,))
    assert link in lane.fake.relayed()[-1]


async def test_a_moderator_reply_reaches_the_member_from_the_team(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    sent = await lane.service.reply(
        case, MAYA, "I'm here. Are you safe?", source_id=1, as_name=None
    )
    assert sent.status == "sent"
    dm = lane.fake.dms_to(ASHA)[-1]
    assert dm.startswith("**From the Kindred team:**")
    assert "I'm here. Are you safe?" in dm
    assert "Maya" not in dm
    assert "emergency" in dm
    named = await lane.service.reply(case, MAYA, "It's Maya.", source_id=2, as_name="Maya")
    assert named.status == "sent"
    assert lane.fake.dms_to(ASHA)[-1].startswith("**From Maya:**")


async def test_a_retried_reply_is_sent_once(lane: Lane) -> None:
    case = await concern_case(lane)
    await lane.service.reply(case, MAYA, "Hello", source_id=77, as_name=None)
    await lane.service.reply(case, MAYA, "Hello", source_id=77, as_name=None)
    assert sum("Hello" in t for t in lane.fake.dms_to(ASHA)) == 1


async def test_two_moderators_replying_at_once_both_arrive_in_order(lane: Lane) -> None:
    import asyncio

    case = await concern_case(lane)
    await asyncio.gather(
        lane.service.reply(case, MAYA, "From the first", source_id=10, as_name=None),
        lane.service.reply(case, SAM, "From the second", source_id=11, as_name=None),
    )
    texts = [m.text for m in await lane.service.transcript(case) if m.direction == "out"]
    assert sorted(texts) == ["From the first", "From the second"]
    dms = lane.fake.dms_to(ASHA)
    assert any("From the first" in d for d in dms)
    assert any("From the second" in d for d in dms)


async def test_a_member_whose_dms_close_both_sides_are_told(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    lane.fake.close_dms(ASHA)
    sent = await lane.service.reply(case, MAYA, "Are you safe?", source_id=3, as_name=None)
    assert sent.status == "closed"
    assert "Not delivered" in messages.reply_result("x", sent.text, sent.status, sent.error)
    assert "not delivered" in lane.fake.relayed()[-1]
    assert "relay_undelivered" in [e.kind for e in await lane.cases.events(case.id)]


async def test_delivery_waits_as_a_job_when_discord_does_not_answer(lane: Lane) -> None:
    case = await concern_case(lane)
    lane.fake.fail_dms(ASHA)
    sent = await lane.service.reply(case, MAYA, "Are you safe?", source_id=4, as_name=None)
    assert sent.status == "pending"
    job = await lane.jobs.get(RELAY, sent.id)
    assert job is not None
    assert job.status == "pending"
    lane.fake.failing_dms.clear()
    lane.clock.advance(minutes=5)
    await lane.jobs.run_due()
    assert (await lane.service.relay.get(sent.id)).status == "sent"  # type: ignore[union-attr]
    assert sum("Are you safe?" in t for t in lane.fake.dms_to(ASHA)) == 1


async def test_claiming_tells_a_member_who_wrote_a_person_is_here(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    await lane.service.claim(case, MAYA, refresh=True)
    assert lane.fake.dms_to(ASHA)[-1] == messages.PERSON_HERE


async def test_closing_says_how_to_reach_the_team_and_keeps_the_transcript(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    await lane.service.close(case, "resolve", MAYA, "Talked; safe tonight.")
    assert lane.fake.dms_to(ASHA)[-1] == messages.RELAY_CLOSED
    assert len(await lane.service.transcript(case)) == 3
    # Once closed, the member's DMs are no longer relayed to the case.
    assert not await member_dm(lane, "thanks")
    with pytest.raises(UserFacingError):
        await lane.service.case_for_reply(GUILD, None, case.label)


async def test_reply_finds_the_case_by_its_thread(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    fresh = await lane.cases.get(case.id)
    assert fresh is not None
    assert fresh.relay_channel_id is not None
    found = await lane.service.case_for_reply(GUILD, fresh.relay_channel_id, None)
    assert found.id == case.id
    with pytest.raises(UserFacingError):
        await lane.service.case_for_reply(GUILD, STAFF, None)


async def test_retention_erases_the_conversation_of_old_closed_cases(lane: Lane) -> None:
    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    await lane.service.close(case, "resolve", MAYA, "Talked; safe tonight.")
    lane.clock.advance(days=31)
    await lane.jobs.schedule("crisis_retention", 0, lane.clock.now())
    await lane.jobs.run_due()
    assert await lane.service.transcript(case) == []


async def test_privacy_export_holds_the_members_side_and_never_a_moderators_id(
    lane: Lane,
) -> None:
    from cogs.privacy.service import PrivacyService

    case = await concern_case(lane)
    await member_dm(lane, "hello?")
    await lane.service.reply(case, MAYA, "I'm here.", source_id=5, as_name=None)
    privacy = PrivacyService(lane.cases.db, jobs=lane.jobs, clock=lane.clock)
    rows = (await privacy.export(ASHA))["tables"]["crisis_relay"]
    assert [r["text"] for r in rows] == ["hello?", messages.TOLD_A_PERSON, "I'm here."]
    assert all(r["author_id"] in (None, ASHA) for r in rows)
    await privacy.erase(ASHA)
    assert await lane.service.transcript(case) == []


async def test_a_saved_reply_gives_the_members_own_helplines(lane: Lane) -> None:
    from cogs.utils.errors import InvalidInput

    case = await concern_case(lane)
    made = await lane.service.saved_reply_text(case, "helplines", None)
    assert "Tele-MANAS" in made.text  # the server's country, India
    assert "**112**" in made.text
    assert (made.language, made.read_in) == ("en", "en")
    with pytest.raises(InvalidInput):
        await lane.service.saved_reply_text(case, "with_you_soon", None)
    soon = await lane.service.saved_reply_text(case, "with_you_soon", 10)
    assert "about 10 minutes" in soon.text


# --- talk to the team --------------------------------------------------------------------------


async def test_talk_opens_a_support_conversation_that_pages_nobody(lane: Lane) -> None:
    from cogs.crisis.policy import SUPPORT_ACK_MINUTES
    from cogs.crisis.service import DEADLINE

    case, new = await lane.service.talk(
        ASHA, GUILD, text="could someone talk with me?", source_id=9
    )
    assert new
    assert case.level == "support"
    alert = lane.fake.delivered("alert")[-1]
    assert alert.pings == ()  # nobody is paged
    assert "could someone talk with me?" in lane.fake.relayed()[-1]
    assert lane.fake.dms_to(ASHA)[-1] == messages.TALK_OPENED
    assert "Tele-MANAS" not in "".join(lane.fake.dms_to(ASHA))  # no crisis helplines DM
    job = await lane.jobs.get(DEADLINE, case.id)
    assert job is not None
    assert (job.due_at - case.created_at).total_seconds() == SUPPORT_ACK_MINUTES * 60
    again, new = await lane.service.talk(ASHA, GUILD)
    assert (again.id, new) == (case.id, False)


async def test_a_dm_with_no_case_is_offered_a_person_at_most_hourly(lane: Lane) -> None:
    assert await lane.service.offer_talk(ASHA)
    assert not await lane.service.offer_talk(ASHA)
    lane.clock.advance(minutes=61)
    assert await lane.service.offer_talk(ASHA)
    assert [s.text for s in lane.fake.delivered("offer")] == [messages.TALK_OFFER] * 2


async def test_a_crisis_in_a_support_conversation_opens_a_crisis_case(lane: Lane) -> None:
    case, _ = await lane.service.talk(ASHA, GUILD)
    assert not await member_dm(lane, URGENT)  # not relayed: cogs/screening opens a case
    assert await member_dm(lane, "just tired today")  # an ordinary message is relayed
    assert len(await lane.service.transcript(case)) == 2

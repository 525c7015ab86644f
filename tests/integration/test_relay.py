"""The crisis relay end to end: the member's DMs reach the case thread, /reply reaches them."""

from __future__ import annotations

from typing import Any

from cogs.crisis import messages
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

CONCERN = "Honestly I keep wishing I could just go to sleep and not wake up."
URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."


async def open_case_by_dm(k: Kindred, name: str = "Asha") -> Any:
    """The member's DM opens a concern case (as today); returns the member."""
    await configure(k)
    member = k.world.member(name)
    await k.driver.dm(member, CONCERN)
    case = await k.bot.services.lanes.crisis.relay.active_case_for(member.id)
    assert case is not None
    return member


def case_thread(k: Kindred) -> Any:
    [thread] = k.fake.threads_in(k.world.channels["staff"]["id"])
    return thread


async def test_a_member_replying_while_nobody_has_claimed_reaches_the_team(
    kindred: Kindred,
) -> None:
    asha = await open_case_by_dm(kindred)
    dms_before = len(kindred.driver.dms_to(asha))
    await kindred.driver.dm(asha, "please help me, can someone talk to me now")

    thread = case_thread(kindred)
    posted = kindred.driver.sent_to_channel(thread)
    assert "can someone talk to me now" in posted[-1]["content"]
    # One case, not two: the reply joined the conversation.
    lane = kindred.bot.services.lanes.crisis
    case = await lane.relay.active_case_for(asha.id)
    assert case is not None
    assert case.relay_channel_id == int(thread["id"])
    told = kindred.driver.dms_to(asha)[dms_before:]
    assert [m["content"] for m in told] == [messages.TOLD_A_PERSON]


async def test_reply_in_the_thread_reaches_the_member_from_the_team(kindred: Kindred) -> None:
    asha = await open_case_by_dm(kindred)
    await kindred.driver.dm(asha, "is anyone there")
    thread = case_thread(kindred)
    maya = kindred.world.member("Maya")
    result = await kindred.driver.command(
        maya, "reply", {"message": "I'm here, Asha. Are you safe right now?"}, channel=thread
    )
    assert "To the member" in result.content
    dm = kindred.driver.dms_to(asha)[-1]
    assert dm["content"].startswith("**From the Kindred team:**")
    assert "Are you safe right now?" in dm["content"]
    assert "Maya" not in dm["content"]
    assert dm["author"]["id"] == str(kindred.bot.user.id)  # never the moderator's account


async def test_two_moderators_replying_at_once_both_reach_the_member(kindred: Kindred) -> None:
    import asyncio

    asha = await open_case_by_dm(kindred)
    await kindred.driver.dm(asha, "hello?")
    thread = case_thread(kindred)
    w = kindred.world
    await asyncio.gather(
        kindred.driver.command(w.member("Maya"), "reply", {"message": "First"}, channel=thread),
        kindred.driver.command(w.member("Sam"), "reply", {"message": "Second"}, channel=thread),
    )
    texts = [m["content"] for m in kindred.driver.dms_to(asha)]
    assert sum("First" in t for t in texts) == 1
    assert sum("Second" in t for t in texts) == 1
    case = await kindred.bot.services.lanes.crisis.relay.active_case_for(asha.id)
    assert case is not None
    transcript = await kindred.bot.services.lanes.crisis.transcript(case)
    assert sorted(
        m.text for m in transcript if m.author_id is not None and m.direction == "out"
    ) == [
        "First",
        "Second",
    ]


async def test_a_member_whose_dms_close_mid_conversation(kindred: Kindred) -> None:
    asha = await open_case_by_dm(kindred)
    await kindred.driver.dm(asha, "hello?")
    thread = case_thread(kindred)
    kindred.fake.close_dms(asha.id)
    result = await kindred.driver.command(
        kindred.world.member("Maya"), "reply", {"message": "Are you safe?"}, channel=thread
    )
    assert "Not delivered" in result.content
    assert "DMs are closed" in result.content
    assert "not delivered" in kindred.driver.sent_to_channel(thread)[-1]["content"]


async def test_a_restart_in_the_middle_of_a_conversation_loses_and_repeats_nothing(
    fake, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        asha = await open_case_by_dm(first)
        await first.driver.dm(asha, "hello?")
        thread = case_thread(first)
        await first.driver.command(
            first.world.member("Maya"), "reply", {"message": "I'm here."}, channel=thread
        )
        lane = first.bot.services.lanes.crisis
        case = await lane.relay.active_case_for(asha.id)
        assert case is not None
        # The bot stops after writing the member's next message and before relaying it.
        await lane.relay.add(
            case.id,
            "in",
            "are you still there?",
            clock.now(),
            job_kind="crisis_relay",
            source_id=987654321,
            author_id=asha.id,
        )
        in_thread = len(first.driver.sent_to_channel(thread))
        dms = len(first.driver.dms_to(asha))

    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        await second.driver.settle()
        posted = second.driver.sent_to_channel(thread)
        assert len(posted) == in_thread + 1
        assert "are you still there?" in posted[-1]["content"]
        assert len(second.driver.dms_to(asha)) == dms  # nothing sent to the member twice
        transcript = await second.bot.services.lanes.crisis.transcript(case)
        assert [m.status for m in transcript] == ["sent"] * len(transcript)


async def test_a_saved_reply_sends_the_members_helplines(kindred: Kindred) -> None:
    asha = await open_case_by_dm(kindred)
    await kindred.driver.dm(asha, "hello?")
    thread = case_thread(kindred)
    result = await kindred.driver.command(
        kindred.world.member("Maya"), "reply", {"saved": "helplines"}, channel=thread
    )
    assert "To the member" in result.content
    dm = kindred.driver.dms_to(asha)[-1]["content"]
    assert "Tele-MANAS" in dm
    assert "**112**" in dm


async def test_the_reply_button_under_a_members_message_sends_from_the_team(
    kindred: Kindred,
) -> None:
    asha = await open_case_by_dm(kindred)
    await kindred.driver.dm(asha, "is anyone there")
    posted = kindred.driver.sent_to_channel(case_thread(kindred))[-1]
    [button] = [c for row in posted["components"] for c in row["components"]]
    assert button["label"] == "Reply"
    maya = kindred.world.member("Maya")
    opened = await kindred.driver.click(maya, posted, button["custom_id"])
    form = opened.modal
    assert form is not None
    done = await kindred.driver.submit_modal(
        maya, opened, {form["inputs"][0]["custom_id"]: "Yes, I'm here with you."}
    )
    assert "To the member" in done.text
    dm = kindred.driver.dms_to(asha)[-1]["content"]
    assert dm.startswith("**From the Kindred team:**")
    assert "I'm here with you." in dm


async def test_members_cannot_press_reply(kindred: Kindred) -> None:
    asha = await open_case_by_dm(kindred)
    await kindred.driver.dm(asha, "is anyone there")
    posted = kindred.driver.sent_to_channel(case_thread(kindred))[-1]
    [button] = [c for row in posted["components"] for c in row["components"]]
    result = await kindred.driver.click(kindred.world.member("Ben"), posted, button["custom_id"])
    assert result.modal is None


async def test_a_dm_without_a_case_offers_talk_to_the_team(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    await kindred.driver.dm(ben, "hi, is this thing on?")
    offer = kindred.driver.dms_to(ben)[-1]
    assert offer["content"] == messages.TALK_OFFER
    [button] = [c for row in offer["components"] for c in row["components"]]
    assert button["label"] == "Talk to the team"
    pressed = await kindred.driver.click(ben, offer, button["custom_id"])
    assert messages.TALK_STARTED in pressed.text
    assert messages.TALK_OPENED in [m["content"] for m in kindred.driver.dms_to(ben)]
    alert = staff_alert(kindred)
    assert "support" in alert["content"]
    await kindred.driver.dm(ben, "I'm struggling with my new diagnosis")
    assert "new diagnosis" in kindred.driver.sent_to_channel(case_thread(kindred))[-1]["content"]


async def test_slash_talk_opens_the_same_conversation(kindred: Kindred) -> None:
    await configure(kindred)
    dev = kindred.world.member("Dev")
    result = await kindred.driver.command(
        dev,
        "talk",
        {"message": "Can I talk to someone about work?"},
        channel=kindred.world.channels["general"],
    )
    assert messages.TALK_STARTED in result.content
    assert result.ephemeral
    assert "about work" in kindred.driver.sent_to_channel(case_thread(kindred))[-1]["content"]
    again = await kindred.driver.command(dev, "talk", channel=kindred.world.channels["general"])
    assert messages.TALK_ALREADY in again.content


def staff_alert(k: Kindred) -> Any:
    return k.driver.sent_to_channel(k.world.channels["staff"])[-1]

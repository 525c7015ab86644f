"""Reporting a message, and opening a crisis case from one, end to end through the stand-in."""

from __future__ import annotations

import pytest

from bot import DataFiles
from cogs.utils.clock import FakeClock
from sandbox.driver import CommandHidden
from sandbox.fake_discord import FakeDiscord
from sandbox.world import World
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

WORRYING = "I don't think anyone would notice if I stopped showing up here."
UNKIND = "Nobody asked for your opinion, honestly."


def ids(message: dict) -> str:
    """``channel:message:author``, as the report and level buttons carry them."""
    return f"{message['channel_id']}:{message['id']}:{message['author']['id']}"


async def report(k: Kindred, reporter: str, message: dict, reason: str, note: str = "") -> str:
    """``reporter`` uses Report message on ``message``, picks ``reason``, submits the note."""
    member = k.world.member(reporter)
    asked = await k.driver.message_command(member, "Report message", message)
    assert asked.ephemeral
    opened = await k.driver.click(member, asked, f"reports:why:{reason}:{ids(message)}")
    assert opened.modal is not None
    filed = await k.driver.submit_modal(member, opened, {"note": note})
    assert filed.ephemeral
    return filed.content


async def test_a_report_goes_through_when_the_author_then_blocks_the_reporter_who_stays_unnamed(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    asha = kindred.world.member("Asha")
    posted = await kindred.driver.post(ben, kindred.world.channels["general"], WORRYING)
    reply = await report(kindred, "Asha", posted, "worried", "he has been very quiet lately")
    assert "will check in with them privately" in reply
    # Ben now blocks Asha. Discord tells bots nothing about blocks, so there is nothing for
    # Kindred to undo: the case stands, and nothing Ben receives can name her.

    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.user_id == ben.id
    assert case.rules == ("report",)
    record = await kindred.driver.command(
        kindred.world.member("Maya"), "crisis case", {"case": case.label}
    )
    assert f"by <@{asha.id}>" in record.content  # staff see who reported...
    assert "<t:" in record.content  # ...and when, in their own timezone
    assert "UTC" not in record.content
    alert = kindred.driver.sent_to_channel(kindred.world.channels["staff"])[-1]
    assert "worried about the author" in str(alert["embeds"])
    dms = kindred.driver.dms_to(ben)
    assert dms  # the author is reached (helplines, a person will reach out)...
    for dm in dms:  # ...and never told by whom
        assert str(asha.id) not in dm["content"]
        assert "Asha" not in dm["content"]
        assert "quiet lately" not in dm["content"]


async def test_unkind_goes_to_the_queue_and_a_moderator_resolves_it(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    posted = await kindred.driver.post(ben, kindred.world.channels["general"], UNKIND)
    reply = await report(kindred, "Asha", posted, "unkind")
    assert "A moderator will look" in reply
    assert kindred.driver.dms_to(ben) == []  # nothing goes to the author

    sam = kindred.world.member("Sam")
    queue = await kindred.driver.command(sam, "mod queue", {})
    assert "`M1`" in queue.content
    assert f"<@{kindred.world.member('Asha').id}>" in queue.content
    assert "unkind to someone" in queue.content
    done = await kindred.driver.command(sam, "mod resolve", {"item": "M1", "reason": "talked"})
    assert "Marked M1 reviewed" in done.content
    queue = await kindred.driver.command(sam, "mod queue", {})
    assert "`M1`" not in queue.content


async def test_reporting_the_same_message_twice_files_one_report(kindred: Kindred) -> None:
    await configure(kindred)
    posted = await kindred.driver.post(
        kindred.world.member("Ben"), kindred.world.channels["general"], WORRYING
    )
    await report(kindred, "Asha", posted, "worried")
    before = len(kindred.driver.sent_to_channel(kindred.world.channels["staff"]))
    again = await report(kindred, "Asha", posted, "worried")
    assert "already reported" in again
    assert len(kindred.driver.sent_to_channel(kindred.world.channels["staff"])) == before


async def test_a_sixth_report_in_an_hour_is_kindly_refused(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    general = kindred.world.channels["general"]
    for n in range(5):
        posted = await kindred.driver.post(ben, general, f"{UNKIND} ({n})")
        assert "A moderator will look" in await report(kindred, "Asha", posted, "unkind")
    sixth = await kindred.driver.post(ben, general, UNKIND)
    assert "in the last hour" in await report(kindred, "Asha", sixth, "unkind")
    kindred.clock.advance(minutes=61)
    assert "A moderator will look" in await report(kindred, "Asha", sixth, "unkind")


async def test_a_report_on_a_moderator_goes_to_coordinators_not_the_queue(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    sam = kindred.world.member("Sam")
    posted = await kindred.driver.post(sam, kindred.world.channels["general"], UNKIND)
    reply = await report(kindred, "Asha", posted, "unkind", "felt dismissive")
    assert "goes to the coordinators" in reply
    note = kindred.driver.dms_to(kindred.world.coordinator)[-1]["content"]
    assert "For coordinators" in note
    assert "felt dismissive" in note
    assert kindred.driver.dms_to(sam) == []
    queue = await kindred.driver.command(kindred.world.member("Maya"), "mod queue", {})
    assert "`M1`" not in queue.content


async def test_a_report_on_kindreds_own_message_goes_to_coordinators(kindred: Kindred) -> None:
    await configure(kindred)
    general = kindred.world.channels["general"]
    bot_user = kindred.fake.users[kindred.fake.bot_user_id]
    posted = kindred.fake.create_message(int(general["id"]), bot_user, "A reminder from Kindred.")
    await kindred.driver.settle()
    reply = await report(kindred, "Asha", posted, "worried")
    assert "one of Kindred's own" in reply
    assert (
        "Kindred's own message" in kindred.driver.dms_to(kindred.world.coordinator)[-1]["content"]
    )
    assert await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"])) is None


async def test_a_member_cannot_report_their_own_message(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    posted = await kindred.driver.post(asha, kindred.world.channels["general"], UNKIND)
    result = await kindred.driver.message_command(asha, "Report message", posted)
    assert result.ephemeral
    assert "your own message" in result.content


async def test_a_moderator_opens_a_case_from_a_message_in_two_taps(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    maya = kindred.world.member("Maya")
    posted = await kindred.driver.post(ben, kindred.world.channels["general"], WORRYING)
    asked = await kindred.driver.message_command(maya, "Open crisis case", posted)
    assert asked.ephemeral
    opened = await kindred.driver.click(maya, asked, f"reports:case:urgent:{ids(posted)}")
    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.level == "urgent"
    assert case.user_id == ben.id
    assert case.excerpt is not None
    assert "don't think anyone" in case.excerpt
    assert case.label in opened.content
    events = await kindred.bot.services.lanes.crisis.record(case)
    assert events[0].actor_id == maya.id


async def test_members_cannot_open_a_case_from_a_message(kindred: Kindred) -> None:
    await configure(kindred)
    posted = await kindred.driver.post(
        kindred.world.member("Ben"), kindred.world.channels["general"], WORRYING
    )
    asha = kindred.world.member("Asha")
    with pytest.raises(CommandHidden):  # hidden by default permissions...
        await kindred.driver.message_command(asha, "Open crisis case", posted)
    # ...and refused at run time for anyone who gets past them (a server may change those).
    result = await kindred.driver.message_command(
        asha, "Open crisis case", posted, bypass_default_permissions=True
    )
    assert "moderator" in result.content.lower()
    assert await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"])) is None


async def test_the_report_buttons_still_work_after_a_restart(
    fake: FakeDiscord, world: World, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    asha = world.member("Asha")
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        posted = await first.driver.post(world.member("Ben"), world.channels["general"], UNKIND)
        asked = await first.driver.message_command(asha, "Report message", posted)

    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        opened = await second.driver.click(asha, asked, f"reports:why:unkind:{ids(posted)}")
        assert opened.modal is not None
        filed = await second.driver.submit_modal(asha, opened, {"note": ""})
        assert "A moderator will look" in filed.content
        [queued] = await second.bot.services.lanes.reports.repo.open_queue(world.guild.id)
        assert queued.excerpt == UNKIND  # read again from Discord after the restart


async def test_a_report_on_a_message_deleted_meanwhile_still_goes_through(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    asha = kindred.world.member("Asha")
    posted = await kindred.driver.post(ben, kindred.world.channels["general"], WORRYING)
    asked = await kindred.driver.message_command(asha, "Report message", posted)
    kindred.fake.delete_message(int(posted["id"]))
    await kindred.driver.settle()
    opened = await kindred.driver.click(asha, asked, f"reports:why:worried:{ids(posted)}")
    filed = await kindred.driver.submit_modal(asha, opened, {"note": "it vanished"})
    assert "will check in with them privately" in filed.content
    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.user_id == ben.id
    assert case.excerpt is None


async def test_a_moderator_on_a_message_with_an_open_case_is_pointed_to_it(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    posted = await kindred.driver.post(
        kindred.world.member("Ben"), kindred.world.channels["general"], WORRYING
    )
    await report(kindred, "Asha", posted, "worried")
    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    maya = kindred.world.member("Maya")
    asked = await kindred.driver.message_command(maya, "Open crisis case", posted)
    joined = await kindred.driver.click(maya, asked, f"reports:case:concern:{ids(posted)}")
    assert f"already has case {case.label}, still open" in joined.content
    assert joined.message is not None
    assert joined.message["components"] == []  # the buttons go once used

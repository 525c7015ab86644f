"""The guidelines lane end to end: the real discord.py client against the local stand-in."""

from __future__ import annotations

import pytest

from cogs.guidelines._handling import REPLY_LIFETIME
from cogs.guidelines.service import GuidelineService
from sandbox.driver import CommandHidden
from tests.conftest import Kindred
from tests.integration.helpers import configure

TIRED = "I'm so exhausted this week, fatigue is crushing me"
MINIMIZING = "at least it's not cancer, everyone gets tired"
TOXIC = "you're a pathetic idiot"
CRISIS_AND_TOXIC = "I want to kill myself, you're all idiots"
# Written for these tests: the crisis screen rates the first `watch`, the second `concern`,
# and the guideline screen finds `toxic` in both.
WATCH_AND_TOXIC = "everything feels hopeless, you're a pathetic idiot"
CONCERN_AND_TOXIC = "i don't want to be alive anymore, shut up you moron"


async def minimizing_reply(k: Kindred, author: str = "Ben", channel: str = "general") -> dict:
    """Asha shares a hard week; ``author`` answers with a minimizing reply."""
    where = k.world.channels[channel]
    member = k.world.member("Asha") if channel != "staff" else k.world.member("Sam")
    first = await k.driver.post(member, where, TIRED)
    return await k.driver.post(k.world.member(author), where, MINIMIZING, reply_to=first)


def cog(k: Kindred) -> GuidelineService:
    return k.bot.services.lanes.guidelines


def current_ids(k: Kindred, channel: dict) -> set[str]:
    return {m["id"] for m in k.fake.messages_in(channel["id"])}


async def test_a_minimizing_reply_gets_a_private_nudge_and_the_message_stays(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    posted = await minimizing_reply(kindred)

    dms = kindred.driver.dms_to(ben)
    assert len(dms) == 1
    text = dms[0]["content"]
    assert "Validate, don't minimize" in text
    assert "You might try" in text or "might try" in text
    assert "still there" in text
    assert posted["id"] in current_ids(kindred, kindred.world.channels["general"])
    assert (await cog(kindred).repo.infractions(kindred.world.guild.id, ben.id)) == []


async def test_closed_dms_get_a_short_reply_that_stays_until_read(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    kindred.fake.close_dms(ben.id)
    posted = await minimizing_reply(kindred)

    reply = kindred.driver.sent_to_channel(kindred.world.channels["general"])[-1]
    assert f"<@{ben.id}>" in reply["content"]
    assert "this goes in 10 minutes, or press Got it" in reply["content"]
    assert reply["message_reference"]["message_id"] == posted["id"]
    counts = await cog(kindred).repo.counts(kindred.world.guild.id, kindred.clock.now())
    assert [c[2] for c in counts] == ["nudged_reply"]
    assert posted["id"] in current_ids(kindred, kindred.world.channels["general"])

    # Long enough to read with fatigue or blurred vision; closed with a tap, by its member only.
    assert REPLY_LIFETIME >= 600
    general = kindred.world.channels["general"]
    stranger = await kindred.driver.click(
        kindred.world.member("Asha"), reply, f"guidelines:dismiss:{ben.id}"
    )
    assert "only they can close it" in stranger.text
    assert reply["id"] in current_ids(kindred, general)
    await kindred.driver.click(ben, reply, f"guidelines:dismiss:{ben.id}")
    assert reply["id"] not in current_ids(kindred, general)
    assert posted["id"] in current_ids(kindred, general), "his own message stays"


async def test_nudges_are_limited_to_one_an_hour_and_three_a_week(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    await minimizing_reply(kindred)
    await minimizing_reply(kindred)
    assert len(kindred.driver.dms_to(ben)) == 1

    for expected in (2, 3, 3):
        kindred.clock.advance(minutes=61)
        await minimizing_reply(kindred)
        assert len(kindred.driver.dms_to(ben)) == expected

    kindred.clock.advance(days=7)
    await minimizing_reply(kindred)
    assert len(kindred.driver.dms_to(ben)) == 4


async def test_a_member_who_opts_out_is_not_nudged_and_moderators_see_it(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    result = await kindred.driver.command(ben, "nudges off")
    assert result.ephemeral
    await minimizing_reply(kindred)
    assert kindred.driver.dms_to(ben) == []

    shown = await kindred.driver.command(kindred.world.member("Maya"), "guidelines show")
    assert f"<@{ben.id}>" in shown.content.split("Asked not to be nudged")[1]
    assert "opted out" in shown.content


async def test_a_report_only_channel_queues_the_hit_and_does_not_nudge(kindred: Kindred) -> None:
    await configure(kindred)
    maya = kindred.world.member("Maya")
    general = kindred.world.channels["general"]
    saved = await kindred.driver.command(
        maya, "guidelines set", {"rule": "minimizing", "mode": "report", "channel": general}
    )
    assert "report" in saved.content
    await minimizing_reply(kindred)
    assert kindred.driver.dms_to(kindred.world.member("Ben")) == []

    queue = await kindred.driver.command(maya, "mod queue")
    assert queue.ephemeral
    assert "`R1`" in queue.content
    assert "minimizing" in queue.content

    done = await kindred.driver.command(
        maya, "mod resolve", {"item": "R1", "reason": "talked to Ben"}
    )
    assert "reviewed" in done.content
    assert "empty" in (await kindred.driver.command(maya, "mod queue")).content


async def test_the_staff_channel_is_exempt_by_default(kindred: Kindred) -> None:
    await configure(kindred)
    await minimizing_reply(kindred, author="Maya", channel="staff")
    assert kindred.driver.dms_to(kindred.world.member("Maya")) == []


async def test_a_toxic_message_is_hidden_kept_for_moderators_and_the_author_told(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    chloe = kindred.world.member("Chloe")
    general = kindred.world.channels["general"]
    posted = await kindred.driver.post(chloe, general, TOXIC)

    assert posted["id"] not in current_ids(kindred, general)
    assert kindred.fake.requests_to("DELETE", rf"/channels/{general['id']}/messages/{posted['id']}")
    notice = kindred.driver.dms_to(chloe)[-1]
    assert "hid a message" in notice["content"]
    assert "appeal" in notice["content"].lower()
    buttons = [c for row in notice["components"] for c in row["components"]]
    assert buttons[0]["custom_id"] == "guidelines:appeal:1"

    history = await kindred.driver.command(
        kindred.world.member("Maya"), "mod history", {"member": chloe}
    )
    assert TOXIC in history.content  # the copy, for moderators only
    assert "2 active point" in history.content
    audit = await kindred.services.audit.recent(kindred.world.guild.id)
    assert any(e.action == "auto.hidden" and e.target_id == chloe.id for e in audit)
    assert all(TOXIC not in (e.detail or "") for e in audit)


async def test_the_copy_of_a_hidden_message_is_purged_after_retention(kindred: Kindred) -> None:
    await configure(kindred)
    chloe = kindred.world.member("Chloe")
    await kindred.driver.post(chloe, kindred.world.channels["general"], TOXIC)
    kindred.clock.advance(days=kindred.services.settings.retention_days, minutes=1)
    await kindred.services.jobs.run_due()
    history = await kindred.driver.command(
        kindred.world.member("Maya"), "mod history", {"member": chloe}
    )
    assert TOXIC not in history.content
    assert "copy purged" in history.content


async def test_a_crisis_message_is_never_hidden_or_nudged(kindred: Kindred) -> None:
    await configure(kindred)
    dev = kindred.world.member("Dev")
    general = kindred.world.channels["general"]
    posted = await kindred.driver.post(dev, general, CRISIS_AND_TOXIC)
    assert posted["id"] in current_ids(kindred, general)
    assert await cog(kindred).repo.infractions(kindred.world.guild.id, dev.id) == []
    assert all("hid a message" not in m["content"] for m in kindred.driver.dms_to(dev))


async def test_abuse_with_hopelessness_is_hidden_queued_and_the_author_told_kindly(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    dev = kindred.world.member("Dev")
    general = kindred.world.channels["general"]
    posted = await kindred.driver.post(dev, general, WATCH_AND_TOXIC)

    # Hidden exactly as other abuse: gone from the channel, a copy, an infraction, an audit line.
    assert posted["id"] not in current_ids(kindred, general)
    infractions = await cog(kindred).repo.infractions(kindred.world.guild.id, dev.id)
    assert [(i.kind, i.points) for i in infractions] == [("hidden", 2)]
    audit = await kindred.services.audit.recent(kindred.world.guild.id)
    assert any(e.action == "auto.hidden" and e.target_id == dev.id for e in audit)

    # The kind note, with the Appeal button, not the bare abuse notice.
    note = kindred.driver.dms_to(dev)[-1]
    assert "really hard for you right now" in note["content"]
    assert "/resources" in note["content"]
    assert "A moderator (a person, not a bot) will read" in note["content"]
    buttons = [c for row in note["components"] for c in row["components"]]
    assert buttons[0]["custom_id"] == f"guidelines:appeal:{infractions[0].id}"

    # The distress is not lost: it waits in /mod queue, and the copy is in /mod history.
    maya = kindred.world.member("Maya")
    queue = await kindred.driver.command(maya, "mod queue")
    assert "`R1`" in queue.content
    assert f"<@{dev.id}>" in queue.content
    assert "may be struggling" in queue.content
    history = await kindred.driver.command(maya, "mod history", {"member": dev})
    assert WATCH_AND_TOXIC in history.content
    done = await kindred.driver.command(
        maya, "mod resolve", {"item": "R1", "reason": "checked in with Dev by DM"}
    )
    assert "reviewed" in done.content


async def test_with_dms_closed_a_struggling_author_is_told_in_channel_without_details(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    dev = kindred.world.member("Dev")
    kindred.fake.close_dms(dev.id)
    general = kindred.world.channels["general"]
    await kindred.driver.post(dev, general, WATCH_AND_TOXIC)
    note = kindred.driver.sent_to_channel(general)[-1]
    assert f"<@{dev.id}>" in note["content"]
    assert "a moderator will look at it personally" in note["content"]
    assert "/resources" in note["content"]
    assert "hard" not in note["content"]  # others can read this one


async def test_a_struggling_author_is_never_timed_out_by_the_machine(kindred: Kindred) -> None:
    await configure(kindred)
    farid = kindred.world.member("Farid")
    general = kindred.world.channels["general"]
    await kindred.driver.post(farid, general, TOXIC)
    # The second hide crosses the timeout threshold, but this author may be struggling.
    await kindred.driver.post(farid, general, WATCH_AND_TOXIC, check=False)
    member = kindred.fake.member(kindred.world.guild.id, farid.id)
    assert member["communication_disabled_until"] is None
    assert not any("timed out" in m["content"] for m in kindred.driver.dms_to(farid))
    queue = await kindred.driver.command(kindred.world.member("Maya"), "mod queue")
    assert "please check in" in queue.content


async def test_abuse_in_a_concern_level_disclosure_stays_and_is_never_punished(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    dev = kindred.world.member("Dev")
    general = kindred.world.channels["general"]
    posted = await kindred.driver.post(dev, general, CONCERN_AND_TOXIC)

    assert posted["id"] in current_ids(kindred, general)
    assert await cog(kindred).repo.infractions(kindred.world.guild.id, dev.id) == []
    assert await cog(kindred).repo.counts(kindred.world.guild.id, kindred.clock.now()) == []
    assert all("hid" not in m["content"] for m in kindred.driver.dms_to(dev))
    # The crisis lane has it.
    alert = kindred.driver.sent_to_channel(kindred.world.channels["staff"])[-1]
    assert "(concern)" in alert["content"]


async def test_points_expire_after_thirty_days(kindred: Kindred) -> None:
    await configure(kindred)
    maya = kindred.world.member("Maya")
    elena = kindred.world.member("Elena")
    warned = await kindred.driver.command(
        maya, "mod warn", {"member": elena, "reason": "personal remarks in #general"}
    )
    assert "1 active" in warned.content
    assert "gave you a warning" in kindred.driver.dms_to(elena)[-1]["content"]

    kindred.clock.advance(days=29)
    history = await kindred.driver.command(maya, "mod history", {"member": elena})
    assert "1 active point" in history.content
    kindred.clock.advance(days=1, minutes=1)
    history = await kindred.driver.command(maya, "mod history", {"member": elena})
    assert "0 active point" in history.content
    assert "expired" in history.content


async def test_reaching_the_threshold_times_out_then_asks_for_review(kindred: Kindred) -> None:
    await configure(kindred)
    farid = kindred.world.member("Farid")
    general = kindred.world.channels["general"]
    await kindred.driver.post(farid, general, TOXIC)
    assert (
        kindred.fake.member(kindred.world.guild.id, farid.id)["communication_disabled_until"]
        is None
    )
    await kindred.driver.post(farid, general, "shut up you moron, nobody asked you", check=False)
    member = kindred.fake.member(kindred.world.guild.id, farid.id)
    assert member["communication_disabled_until"] is not None
    assert "timed out for 60 minute" in kindred.driver.dms_to(farid)[-1]["content"]

    staff = kindred.world.channels["staff"]
    assert not any(
        "Moderator review" in m["content"] for m in kindred.driver.sent_to_channel(staff)
    )
    await kindred.driver.post(farid, general, TOXIC + " again", check=False)
    review = kindred.driver.sent_to_channel(staff)[-1]
    assert "Moderator review" in review["content"]
    assert f"<@{farid.id}>" in review["content"]


async def test_moderator_commands_are_refused_to_members(kindred: Kindred) -> None:
    await configure(kindred)
    jon = kindred.world.member("Jon")
    asha = kindred.world.member("Asha")
    with pytest.raises(CommandHidden):
        await kindred.driver.command(jon, "mod warn", {"member": asha, "reason": "test"})
    result = await kindred.driver.command(
        jon, "mod warn", {"member": asha, "reason": "because"}, bypass_default_permissions=True
    )
    assert result.ephemeral
    assert "for the moderators" in result.content
    assert kindred.driver.dms_to(asha) == []
    with pytest.raises(CommandHidden):
        await kindred.driver.user_command(jon, "Moderation history", asha)


@pytest.mark.parametrize("target", ["Priya", "bot"])
async def test_a_moderator_cannot_act_on_a_coordinator_or_the_bot(
    kindred: Kindred, target: str
) -> None:
    await configure(kindred)
    who = (
        kindred.fake.member(kindred.world.guild.id, kindred.fake.bot_user["id"])
        if target == "bot"
        else kindred.world.member(target)
    )
    result = await kindred.driver.command(
        kindred.world.member("Maya"),
        "mod timeout",
        {"member": who, "minutes": 10, "reason": "x y z"},
    )
    assert result.ephemeral
    assert "can't" in result.content
    assert kindred.fake.requests_to("PATCH", r"/guilds/\d+/members/") == []


async def test_the_context_menu_shows_a_members_history(kindred: Kindred) -> None:
    await configure(kindred)
    sam = kindred.world.member("Sam")
    grace = kindred.world.member("Grace")
    await kindred.driver.command(
        sam, "mod note", {"member": grace, "note": "asked for a gentler tone last week"}
    )
    assert kindred.driver.dms_to(grace) == []  # notes are private to moderators
    result = await kindred.driver.user_command(sam, "Moderation history", grace)
    assert result.ephemeral
    assert "asked for a gentler tone" in result.content
    assert "note" in result.content


async def test_an_appeal_shows_in_the_queue_and_a_pardon_grants_it(kindred: Kindred) -> None:
    await configure(kindred)
    chloe = kindred.world.member("Chloe")
    await kindred.driver.post(chloe, kindred.world.channels["general"], TOXIC)
    notice = kindred.driver.dms_to(chloe)[-1]

    opened = await kindred.driver.click(chloe, notice, "guidelines:appeal:1")
    assert opened.modal is not None
    field = opened.modal["inputs"][0]["custom_id"]
    filed = await kindred.driver.submit_modal(
        chloe, opened, {field: "I was quoting what someone said to me."}
    )
    assert "A1" in filed.content
    updated = kindred.fake.message(notice["id"])
    assert "with the moderators" in updated["content"]
    assert updated["components"] == []  # one appeal per infraction

    maya = kindred.world.member("Maya")
    queue = await kindred.driver.command(maya, "mod queue")
    assert "`A1`" in queue.content
    assert "quoting" in queue.content

    pardoned = await kindred.driver.command(
        maya, "mod pardon", {"infraction": 1, "reason": "fair point, it was a quote"}
    )
    assert "told by DM" in pardoned.content
    assert "pardoned" in kindred.driver.dms_to(chloe)[-1]["content"]
    assert "empty" in (await kindred.driver.command(maya, "mod queue")).content
    history = await kindred.driver.command(maya, "mod history", {"member": chloe})
    assert "0 active point" in history.content
    assert "pardoned by" in history.content


async def test_every_moderator_action_needs_a_reason(kindred: Kindred) -> None:
    await configure(kindred)
    result = await kindred.driver.command(
        kindred.world.member("Maya"),
        "mod warn",
        {"member": kindred.world.member("Ben"), "reason": " "},
    )
    assert "give a reason" in result.content
    assert (
        await cog(kindred).repo.infractions(kindred.world.guild.id, kindred.world.member("Ben").id)
        == []
    )


async def test_with_dms_closed_the_author_is_told_in_channel_and_only_they_can_appeal(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    chloe = kindred.world.member("Chloe")
    kindred.fake.close_dms(chloe.id)
    general = kindred.world.channels["general"]
    await kindred.driver.post(chloe, general, TOXIC)
    note = kindred.driver.sent_to_channel(general)[-1]
    assert f"<@{chloe.id}>" in note["content"]
    assert "hid your last message" in note["content"]

    stranger = await kindred.driver.click(kindred.world.member("Ben"), note, "guidelines:appeal:1")
    assert stranger.modal is None
    assert "Only the member" in stranger.text
    opened = await kindred.driver.click(chloe, note, "guidelines:appeal:1")
    assert opened.modal is not None
    assert f"guidelines:dismiss:{chloe.id}" in str(note["components"]), "and a Got it button"


async def test_an_edit_that_makes_a_message_abusive_hides_it_but_edits_are_not_nudged(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    isla = kindred.world.member("Isla")
    general = kindred.world.channels["general"]
    posted = await kindred.driver.post(isla, general, "hello everyone")
    await kindred.driver.edit(posted, MINIMIZING)
    assert kindred.driver.dms_to(isla) == []
    await kindred.driver.edit(posted, TOXIC)
    assert posted["id"] not in current_ids(kindred, general)
    assert "hid a message" in kindred.driver.dms_to(isla)[-1]["content"]

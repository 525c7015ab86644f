"""Discord's AutoMod and the crisis lane, through the real client and the stand-in.

A message AutoMod blocks is never posted: Kindred hears of it only through the
AUTO_MODERATION_ACTION_EXECUTION event, and must still open a case and reach a person.
"""

from __future__ import annotations

import datetime as dt

from db.models import CrisisCase
from tests.conftest import Kindred
from tests.integration.helpers import configure

BLOCKED = "I want to die, I can't keep doing this"  # concern; trips a "die" keyword rule
REWORDED = "I keep wishing I could just go to sleep and not wake up"  # concern, no "die"
URGENT = "I'm going to kill myself tonight"


async def all_cases(k: Kindred) -> list[CrisisCase]:
    return await k.bot.services.lanes.crisis.cases.in_period(
        k.world.guild.id, k.clock.now() - dt.timedelta(days=1)
    )


def staff_alerts(k: Kindred) -> list[dict]:
    return [
        m
        for m in k.driver.sent_to_channel(k.world.channels["staff"])
        if "Crisis case" in m["content"]
    ]


async def test_a_crisis_message_automod_blocks_opens_a_case_and_reaches_staff(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    kindred.fake.add_automod_rule(w.guild.id, "Dark words", keywords=["die"])
    asha = w.member("Asha")
    sent = await kindred.driver.post_through_automod(asha, w.channels["general"], BLOCKED)

    assert sent is None  # AutoMod blocked it: the group never saw it
    assert kindred.fake.automod_executions  # the stand-in told the bot instead
    [case] = await all_cases(kindred)
    assert case.level == "concern"
    assert case.message_id is None
    assert case.automod_rule == "Dark words"
    assert case.source == "message"
    assert case.member_notified == "dm"
    assert case.staff_reached == "channel"

    [alert] = staff_alerts(kindred)
    fields = {f["name"]: f["value"] for f in alert["embeds"][0]["fields"]}
    assert 'Blocked by AutoMod rule "Dark words"' in fields["Why"]
    assert "Message" not in fields  # never posted: no jump link to a message that isn't there
    assert "never posted" in alert["embeds"][0]["footer"]["text"]

    [dm] = kindred.driver.dms_to(asha)
    assert "automatic filter" in dm["content"]
    assert "not being punished" in dm["content"]
    assert "a person on the team has been told" in dm["content"]
    assert "has not been removed" not in dm["content"]


async def test_a_blocked_message_and_its_reworded_post_open_one_case(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    kindred.fake.add_automod_rule(w.guild.id, "Dark words", keywords=["die"])
    asha = w.member("Asha")
    await kindred.driver.post_through_automod(asha, w.channels["general"], BLOCKED)
    kindred.clock.advance(dt.timedelta(minutes=2))
    posted = await kindred.driver.post_through_automod(asha, w.channels["general"], REWORDED)

    assert posted is not None  # the re-worded message got through
    [case] = await all_cases(kindred)
    assert case.automod_rule == "Dark words"
    events = await kindred.bot.services.lanes.crisis.cases.events(case.id)
    joined = [e for e in events if e.kind == "joined"]
    assert len(joined) == 1
    assert posted["id"] in (joined[0].detail or "")
    assert len(staff_alerts(kindred)) == 1
    assert len(kindred.driver.dms_to(asha)) == 1


async def test_a_more_urgent_message_after_a_blocked_one_opens_its_own_case(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    kindred.fake.add_automod_rule(w.guild.id, "Dark words", keywords=["die"])
    asha = w.member("Asha")
    await kindred.driver.post_through_automod(asha, w.channels["general"], BLOCKED)
    await kindred.driver.post_through_automod(asha, w.channels["general"], URGENT)
    levels = sorted(c.level for c in await all_cases(kindred))
    assert levels == ["concern", "urgent"]  # the urgent one pages on-call on its own


async def test_one_blocked_message_caught_by_two_rules_opens_one_case(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    staff = w.channels["staff"]["id"]
    alert_and_block = [
        {"type": 1, "metadata": {}},
        {"type": 2, "metadata": {"channel_id": staff}},
    ]
    kindred.fake.add_automod_rule(w.guild.id, "Dark words", keywords=["die"])
    kindred.fake.add_automod_rule(
        w.guild.id, "Shared preset list", regexes=[r"can'?t keep"], actions=alert_and_block
    )
    await kindred.driver.post_through_automod(w.member("Asha"), w.channels["general"], BLOCKED)
    assert len(kindred.fake.automod_executions) == 3
    assert len(await all_cases(kindred)) == 1


async def test_a_message_automod_only_flags_is_one_case_from_the_post_and_the_execution(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    staff = w.channels["staff"]["id"]
    kindred.fake.add_automod_rule(
        w.guild.id,
        "Watch words",
        keywords=["die"],
        actions=[{"type": 2, "metadata": {"channel_id": staff}}],
    )
    posted = await kindred.driver.post_through_automod(
        w.member("Asha"), w.channels["general"], BLOCKED
    )
    assert posted is not None
    [case] = await all_cases(kindred)
    assert case.message_id == int(posted["id"])
    assert len(staff_alerts(kindred)) == 1


async def test_an_ordinary_blocked_message_opens_no_case_and_is_not_coached(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    rule = kindred.fake.add_automod_rule(w.guild.id, "No spoilers", keywords=["spoiler*"])
    ben = w.member("Ben")
    sent = await kindred.driver.post_through_automod(
        ben, w.channels["general"], "spoilers: you just have to push through, stop complaining"
    )
    assert sent is None
    assert await all_cases(kindred) == []
    assert kindred.driver.dms_to(ben) == []  # nothing posted, so nothing to nudge or hide
    # No alert to name the rule in, so Discord is not asked for it.
    assert kindred.fake.requests_to("GET", rf"/auto-moderation/rules/{rule.id}$") == []


# --- /setup show: rules that would silence a member in crisis, and the one-button fix --------

AUTOMOD_FIELD = "AutoMod and members in crisis"


def automod_field(result: object) -> str:
    embed = result.embeds[0]  # type: ignore[attr-defined]
    return next(f["value"] for f in embed["fields"] if f["name"] == AUTOMOD_FIELD)


async def test_setup_show_names_a_rule_that_would_block_crisis_words_and_what_it_blocks(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    kindred.fake.add_automod_rule(w.guild.id, "Self-harm words", keywords=["suicid*"])
    kindred.fake.add_automod_rule(w.guild.id, "Shared list", trigger_type=4, presets=[1, 3])
    kindred.fake.add_automod_rule(w.guild.id, "No spoilers", keywords=["spoiler*"])
    shown = await kindred.driver.command(w.owner, "setup show")

    value = automod_field(shown)
    assert (
        'AutoMod rule "Self-harm words" blocks messages with "suicidal" (its keyword `suicid*`)'
        in value
    )
    assert 'AutoMod rule "Shared list" blocks Discord\'s profanity, slurs word list' in value
    assert "may block" in value
    assert "No spoilers" not in value
    assert "alert-only" in value
    assert "exempt the group channels" in value
    buttons = [c["custom_id"] for row in shown.message["components"] for c in row["components"]]
    assert len(buttons) == 2  # alert-only for each rule; no group channels to exempt yet


async def test_setup_show_says_so_when_no_rule_blocks_crisis_words(kindred: Kindred) -> None:
    await configure(kindred)
    kindred.fake.add_automod_rule(kindred.world.guild.id, "No spoilers", keywords=["spoiler*"])
    shown = await kindred.driver.command(kindred.world.owner, "setup show")
    assert "None of this server's AutoMod rules blocks" in automod_field(shown)


async def test_the_one_button_fix_makes_the_rule_alert_only(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    rule = kindred.fake.add_automod_rule(
        w.guild.id,
        "Self-harm words",
        keywords=["suicid*"],
        actions=[{"type": 1, "metadata": {}}, {"type": 3, "metadata": {"duration_seconds": 60}}],
    )
    shown = await kindred.driver.command(w.owner, "setup show")
    fixed = await kindred.driver.click(w.owner, shown, f"setup:automod:alert:{rule.id}")

    assert fixed.ephemeral
    assert 'AutoMod rule "Self-harm words" no longer blocks' in fixed.content
    [stored] = kindred.fake.automod_rules(w.guild.id)
    staff = w.channels["staff"]["id"]
    assert stored["actions"] == [{"type": 2, "metadata": {"channel_id": staff}}]
    audit = await kindred.services.audit.recent(w.guild.id)
    assert audit[0].action == "setup.automod_alert"
    # The member's words now get through, and the warning is gone.
    posted = await kindred.driver.post_through_automod(
        w.member("Asha"), w.channels["general"], "I feel suicidal tonight"
    )
    assert posted is not None
    again = await kindred.driver.command(w.owner, "setup show")
    assert "None of this server's AutoMod rules blocks" in automod_field(again)


async def test_alert_only_without_a_staff_channel_says_what_to_set_first(
    kindred: Kindred,
) -> None:
    w = kindred.world
    rule = kindred.fake.add_automod_rule(w.guild.id, "Self-harm words", keywords=["suicid*"])
    shown = await kindred.driver.command(w.owner, "setup show")
    refused = await kindred.driver.click(w.owner, shown, f"setup:automod:alert:{rule.id}")
    assert "/setup set staff_channel:" in refused.content
    assert kindred.fake.automod_rules(w.guild.id)[0]["actions"] == [{"type": 1, "metadata": {}}]

"""/guidelines automod: Kindred's own AutoMod rule for slurs, through the real client and the stand-in.

On: one keyword rule that blocks the toxic guideline's slurs with a kind message, never crisis
words, the staff channel exempt. Off: removed. At start-up the rule is put back to match the
setting, whatever was done to it by hand while Kindred was away.
"""

from __future__ import annotations

from typing import Any

from bot import DataFiles
from cogs.guidelines.automod_rule import CUSTOM_MESSAGE, RULE_NAME
from cogs.utils.clock import FakeClock
from sandbox.fake_discord import FakeDiscord, Perm
from sandbox.world import World
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

SLUR = "you're such a retard"  # a slur from toxic.slur, said to someone
CRISIS = "I want to die, I can't keep doing this"


async def turn(k: Kindred, state: str, who: Any = None) -> Any:
    """A coordinator (shown /guidelines in Server Settings > Integrations) runs the command."""
    return await k.driver.command(
        who or k.world.coordinator,
        "guidelines automod",
        {"state": state},
        bypass_default_permissions=True,
    )


def own_rules(fake: FakeDiscord, guild_id: int) -> list[dict[str, Any]]:
    return [r for r in fake.automod_rules(guild_id) if r["name"] == RULE_NAME]


def without_manage_server(fake: FakeDiscord, guild_id: int) -> dict[str, Any]:
    """A server admin takes Manage Server from Kindred's role (the bot hears of it if connected)."""
    role = fake.bot_role(guild_id)
    role["permissions"] = str(Perm.BOT_INVITE & ~Perm.MANAGE_GUILD)
    if fake.connected:
        fake.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(guild_id), "role": dict(role)})
    return role


async def test_on_makes_one_blocking_rule_of_slurs_with_a_kind_message(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    done = await turn(kindred, "on")

    assert done.ephemeral
    assert "Done: Kindred's AutoMod rule **Kindred: slurs (managed by Kindred)** is now on" in (
        done.content
    )
    [rule] = kindred.fake.automod_rules(w.guild.id)
    assert rule["name"] == RULE_NAME
    assert rule["trigger_type"] == 1  # keyword
    assert rule["event_type"] == 1  # message send
    assert rule["enabled"] is True
    assert rule["creator_id"] == str(kindred.fake.bot_user_id)
    keywords = rule["trigger_metadata"]["keyword_filter"]
    assert "retard" in keywords
    assert "kill yourself" not in keywords  # contempt, not a slur: the guidelines lane hides it
    assert rule["actions"] == [{"type": 1, "metadata": {"custom_message": CUSTOM_MESSAGE}}]
    assert rule["exempt_channels"] == [w.channels["staff"]["id"]]

    setting = await kindred.bot.services.lanes.guidelines.repo.automod(w.guild.id)
    assert (setting.enabled, setting.rule_id) == (True, int(rule["id"]))
    audit = await kindred.services.audit.recent(w.guild.id)
    assert audit[0].action == "guidelines.automod"


async def test_a_members_slur_is_blocked_but_crisis_words_get_through(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    await turn(kindred, "on")
    general = w.channels["general"]

    blocked = await kindred.driver.post_through_automod(w.member("Ben"), general, SLUR)
    assert blocked is None  # Discord never posted it
    [execution] = kindred.fake.automod_executions
    assert execution["action"]["metadata"]["custom_message"] == CUSTOM_MESSAGE
    assert execution["matched_keyword"] == "retard"

    posted = await kindred.driver.post_through_automod(w.member("Asha"), general, CRISIS)
    assert posted is not None  # Kindred's rule never silences a member in crisis
    fine = await kindred.driver.post_through_automod(w.member("Chloe"), general, "garden hoe day")
    assert fine is not None  # the toxic rule's exceptions are the rule's allow list
    staff = w.channels["staff"]
    said = await kindred.driver.post_through_automod(w.moderators[0], staff, SLUR)
    assert said is not None  # the staff channel is exempt


async def test_setup_show_does_not_warn_about_kindreds_own_rule(kindred: Kindred) -> None:
    await configure(kindred)
    await turn(kindred, "on")
    shown = await kindred.driver.command(kindred.world.owner, "setup show")
    field = next(
        f["value"]
        for f in shown.embeds[0]["fields"]
        if f["name"] == "AutoMod and members in crisis"
    )
    assert "None of this server's AutoMod rules blocks" in field


async def test_off_removes_the_rule(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    await turn(kindred, "on")
    done = await turn(kindred, "off")

    assert "Kindred's AutoMod rule for slurs is removed" in done.content
    assert kindred.fake.automod_rules(w.guild.id) == []
    setting = await kindred.bot.services.lanes.guidelines.repo.automod(w.guild.id)
    assert (setting.enabled, setting.rule_id) == (False, None)
    posted = await kindred.driver.post_through_automod(w.member("Ben"), w.channels["general"], SLUR)
    assert posted is not None  # AutoMod no longer blocks it (the guidelines lane hides it)


async def test_on_twice_keeps_one_rule(kindred: Kindred) -> None:
    await configure(kindred)
    await turn(kindred, "on")
    again = await turn(kindred, "on")
    assert "already up to date" in again.content
    assert len(kindred.fake.automod_rules(kindred.world.guild.id)) == 1


async def test_without_manage_server_on_changes_nothing_and_says_why(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    without_manage_server(kindred.fake, w.guild.id)
    await kindred.driver.settle()
    before = len(kindred.fake.requests)
    refused = await turn(kindred, "on")

    assert "Kindred needs the **Manage Server** permission" in refused.content
    assert "nothing was changed" in refused.content
    assert kindred.fake.automod_rules(w.guild.id) == []
    assert not [r for r in kindred.fake.requests[before:] if "auto-moderation" in r.path]
    setting = await kindred.bot.services.lanes.guidelines.repo.automod(w.guild.id)
    assert setting.enabled is False


async def test_only_coordinators_may_turn_it_on(kindred: Kindred) -> None:
    await configure(kindred)
    refused = await turn(kindred, "on", kindred.world.moderators[0])
    assert "coordinators" in refused.content
    assert kindred.fake.automod_rules(kindred.world.guild.id) == []


# --- start-up: the rule is put back to match the setting -------------------------------------


async def test_a_rule_edited_by_hand_is_put_back_after_a_restart(
    fake: FakeDiscord, world: World, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await turn(first, "on")
    [rule] = fake.automod_rules(world.guild.id)
    wanted = dict(rule)
    # While Kindred is away, an admin trims the words, makes it alert-only and renames it.
    rule["trigger_metadata"] = {"keyword_filter": ["retard"], "allow_list": []}
    rule["actions"] = [{"type": 2, "metadata": {"channel_id": world.channels["staff"]["id"]}}]
    rule["name"] = "Slurs"

    async with running_kindred(fake, world, db_url, clock, data_files):
        [again] = fake.automod_rules(world.guild.id)
        assert again["id"] == wanted["id"]  # the same rule, updated in place
        assert again["name"] == RULE_NAME
        assert again["actions"] == wanted["actions"]
        assert sorted(again["trigger_metadata"]["keyword_filter"]) == sorted(
            wanted["trigger_metadata"]["keyword_filter"]
        )


async def test_a_rule_deleted_by_hand_is_made_again_after_a_restart(
    fake: FakeDiscord, world: World, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await turn(first, "on")
    [gone] = fake.automod_rules(world.guild.id)
    del fake.guild(world.guild.id).automod_rules[int(gone["id"])]

    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        [made] = own_rules(fake, world.guild.id)
        assert made["id"] != gone["id"]
        setting = await second.bot.services.lanes.guidelines.repo.automod(world.guild.id)
        assert setting.rule_id == int(made["id"])
        blocked = await second.driver.post_through_automod(
            world.member("Ben"), world.channels["general"], SLUR
        )
        assert blocked is None


async def test_without_manage_server_at_start_up_the_staff_channel_is_told(
    fake: FakeDiscord, world: World, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await turn(first, "on")
    [gone] = fake.automod_rules(world.guild.id)
    del fake.guild(world.guild.id).automod_rules[int(gone["id"])]
    without_manage_server(fake, world.guild.id)

    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        assert fake.automod_rules(world.guild.id) == []
        [notice] = [
            m
            for m in second.driver.sent_to_channel(world.channels["staff"])
            if "AutoMod rule for slurs" in m["content"]
        ]
        assert "could not" in notice["content"]
        assert "Manage Server" in notice["content"]
        setting = await second.bot.services.lanes.guidelines.repo.automod(world.guild.id)
        assert (
            setting.enabled is True
        )  # still on: the next start (or /guidelines automod) tries again


async def test_a_rule_left_behind_when_off_is_removed_after_a_restart(
    fake: FakeDiscord, world: World, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await turn(first, "on")
        [rule] = fake.automod_rules(world.guild.id)
        # Off, but the rule stays behind (say Discord failed the delete): the id is kept.
        repo = first.bot.services.lanes.guidelines.repo
        await repo.set_automod(world.guild.id, False, int(rule["id"]), actor_id=1, now=clock.now())

    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        assert fake.automod_rules(world.guild.id) == []
        setting = await second.bot.services.lanes.guidelines.repo.automod(world.guild.id)
        assert setting.rule_id is None

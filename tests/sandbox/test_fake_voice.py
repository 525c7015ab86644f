"""Voice in the stand-in: voice states reach the real client, and joins Discord refuses are refused."""

from __future__ import annotations

import discord
import pytest

from sandbox.driver import Driver, NotAllowed
from sandbox.fake_discord import FakeDiscord, Perm
from sandbox.harness import run_bot

from .conftest import TestBot, World

VOICE_KEYS = {
    "guild_id",
    "channel_id",
    "user_id",
    "member",
    "session_id",
    "deaf",
    "mute",
    "self_deaf",
    "self_mute",
    "self_video",
    "suppress",
    "request_to_speak_timestamp",
}


def record_voice(bot: TestBot) -> list[tuple[int, int | None, int | None]]:
    """(member id, channel before, channel after) for every on_voice_state_update the bot gets."""
    seen: list[tuple[int, int | None, int | None]] = []

    async def listener(member: discord.Member, before, after) -> None:
        seen.append(
            (
                member.id,
                before.channel.id if before.channel else None,
                after.channel.id if after.channel else None,
            )
        )

    bot.add_listener(listener, "on_voice_state_update")
    return seen


async def test_joining_moving_muting_and_leaving_reach_the_bot(
    fake: FakeDiscord, world: World, bot: TestBot
) -> None:
    lounge = fake.add_channel(world.guild.id, "Lounge", type=2)
    quiet = fake.add_channel(world.guild.id, "Quiet room", type=2)
    seen = record_voice(bot)
    async with run_bot(fake, bot) as driver:
        alice = world.alice
        state = await driver.join_voice(alice, lounge)
        payload = fake.events[-1]
        assert payload.name == "VOICE_STATE_UPDATE"
        assert set(payload.data) >= VOICE_KEYS
        assert payload.data["member"]["user"]["id"] == str(alice.id)
        assert seen[-1] == (alice.id, None, lounge.id)
        guild = driver.bot.get_guild(world.guild.id)
        assert set(guild.get_channel(lounge.id).voice_states) == {alice.id}

        moved = await driver.join_voice(alice, quiet)
        assert seen[-1] == (alice.id, lounge.id, quiet.id)
        assert moved["session_id"] == state["session_id"]  # one connection, moved
        assert fake.in_voice(quiet.id) == {alice.id}
        assert fake.in_voice(lounge.id) == set()

        await driver.join_voice(alice, quiet, self_mute=True)
        assert seen[-1] == (alice.id, quiet.id, quiet.id)
        assert guild.get_member(alice.id).voice.self_mute

        await driver.leave_voice(alice)
        assert fake.events[-1].data["channel_id"] is None
        assert seen[-1] == (alice.id, quiet.id, None)
        assert guild.get_channel(quiet.id).voice_states == {}
        assert fake.voice_states(world.guild.id) == {}


async def test_the_driver_refuses_joins_discord_would_refuse(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    hidden = fake.add_channel(
        world.guild.id,
        "Staff call",
        type=2,
        overwrites=[{"id": world.guild.id, "type": 0, "deny": Perm.VIEW_CHANNEL}],
    )
    closed = fake.add_channel(
        world.guild.id,
        "Closed call",
        type=2,
        overwrites=[{"id": world.guild.id, "type": 0, "deny": Perm.CONNECT}],
    )
    await driver.settle()
    dispatched = len(fake.events)
    with pytest.raises(NotAllowed, match="cannot see"):
        await driver.join_voice(world.alice, hidden)
    with pytest.raises(NotAllowed, match="may not connect"):
        await driver.join_voice(world.alice, closed)
    with pytest.raises(NotAllowed, match="not a voice channel"):
        await driver.join_voice(world.alice, world.general)
    with pytest.raises(ValueError, match="not a voice channel"):
        fake.set_voice_state(world.guild.id, world.alice.id, world.general.id)
    assert fake.voice_states(world.guild.id) == {}
    assert len(fake.events) == dispatched
    # Someone allowed in (an admin ignores overwrites) still gets in.
    fake.set_member_roles(world.guild.id, world.bob.id, [world.admin_role.id])
    await driver.join_voice(world.bob, closed)
    assert fake.in_voice(closed.id) == {world.bob.id}


async def test_a_full_channel_is_refused_without_move_members(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    pair = fake.add_channel(world.guild.id, "Pair", type=2)
    pair["user_limit"] = 1
    await driver.join_voice(world.alice, pair)
    with pytest.raises(NotAllowed, match="full"):
        await driver.join_voice(world.bob, pair)


async def test_a_reconnecting_bot_gets_the_voice_states_in_guild_create(
    fake: FakeDiscord, world: World
) -> None:
    lounge = fake.add_channel(world.guild.id, "Lounge", type=2)
    fake.set_voice_state(world.guild.id, world.alice.id, lounge.id)  # before the bot connects
    async with run_bot(fake, TestBot()) as driver:
        guild = driver.bot.get_guild(world.guild.id)
        assert set(guild.get_channel(lounge.id).voice_states) == {world.alice.id}
        assert guild.get_member(world.alice.id).voice.channel.id == lounge.id


async def test_deleting_a_voice_channel_disconnects_everyone_in_it(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    lounge = fake.add_channel(world.guild.id, "Lounge", type=2)
    await driver.join_voice(world.alice, lounge)
    await driver.bot.get_channel(lounge.id).delete()
    await driver.settle()
    assert fake.voice_states(world.guild.id) == {}
    assert driver.bot.get_guild(world.guild.id).get_member(world.alice.id).voice is None


async def test_nobody_edits_a_voice_channel_they_cannot_connect_to(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    guild = driver.bot.get_guild(world.guild.id)
    channel = await guild.create_voice_channel(
        "Locked",
        overwrites={
            guild.default_role: discord.PermissionOverwrite(connect=False),
            guild.me: discord.PermissionOverwrite(view_channel=True),
        },
    )
    assert not fake.permissions_in(channel.id, fake.bot_user_id) & Perm.MANAGE_CHANNELS
    with pytest.raises(discord.Forbidden):
        await channel.edit(name="Renamed")
    with pytest.raises(discord.Forbidden):  # nor fix its own overwrite there
        await channel.set_permissions(guild.me, view_channel=True, connect=True)
    # A server admin lets the bot connect; then it can edit the channel.
    mine = next(
        o for o in fake.channel(channel.id)["permission_overwrites"] if o["id"] == str(guild.me.id)
    )
    mine["allow"] = str(Perm.VIEW_CHANNEL | Perm.CONNECT)
    await channel.edit(name="Renamed")
    assert fake.channel(channel.id)["name"] == "Renamed"

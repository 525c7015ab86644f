"""The stand-in serves several shards with Discord's routing, to the real discord.py client.

A guild's events go to shard ``(guild_id >> 22) % count``; DMs and DM interactions to shard 0.
These tests use a small discord.py bot (no Kindred) so they check the stand-in alone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack
from typing import Any

import discord
import pytest
from discord.ext import commands

from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord, Guild, Member
from sandbox.harness import run_bot
from sandbox.snowflake import snowflake_on_shard


class ShardBot(commands.AutoShardedBot):
    """Records what reaches it: messages (with the shard they came on) and guild joins."""

    def __init__(self, shard_ids: Sequence[int] | None, shard_count: int | None) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        intents.members = True
        sharding: dict[str, Any] = {"shard_count": shard_count}
        if shard_ids is not None:
            sharding["shard_ids"] = list(shard_ids)
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.05, **sharding)
        self.seen: list[tuple[str, int | None, int | None]] = []  # (text, guild, shard)

        @self.tree.command(name="where", description="Which shard answers")
        async def where(interaction: discord.Interaction) -> None:
            guild = interaction.guild
            await interaction.response.send_message(f"shard {guild.shard_id if guild else 0}")

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None  # the stand-in takes every IDENTIFY at once

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        guild = message.guild
        self.seen.append(
            (message.content, guild.id if guild else None, guild.shard_id if guild else None)
        )


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


def _two_guilds(fake: FakeDiscord) -> tuple[Guild, Guild]:
    zero = fake.add_guild("On shard 0", shard=(0, 2))
    one = fake.add_guild("On shard 1", shard=(1, 2))
    for guild in (zero, one):
        fake.add_channel(guild.id, "general")
        fake.add_member(guild.id, "asha")
    return zero, one


def _asha(fake: FakeDiscord, guild: Guild) -> Member:
    return next(m for m in fake.guild(guild.id).members.values() if m.name == "asha")


def _general(fake: FakeDiscord, guild: Guild) -> int:
    return next(c.id for c in fake.channels_in(guild.id, type=0) if c["name"] == "general")


def test_guild_ids_land_on_the_shard_asked_for() -> None:
    for count in (1, 2, 3, 8):
        for shard in range(count):
            assert (snowflake_on_shard(shard, count) >> 22) % count == shard
    with pytest.raises(ValueError, match="shard 2 does not exist when there are 2 shards"):
        snowflake_on_shard(2, 2)


async def test_one_process_running_both_shards_gets_both_guilds(fake: FakeDiscord) -> None:
    zero, one = _two_guilds(fake)
    bot = ShardBot([0, 1], 2)
    async with run_bot(fake, bot) as driver:
        assert sorted(g.id for g in bot.guilds) == sorted([zero.id, one.id])
        assert {g.id: g.shard_id for g in bot.guilds} == {zero.id: 0, one.id: 1}
        await driver.post(_asha(fake, zero), _general(fake, zero), "hi zero")
        await driver.post(_asha(fake, one), _general(fake, one), "hi one")
        await driver.dm(_asha(fake, one), "a dm")
    assert bot.seen == [("hi zero", zero.id, 0), ("hi one", one.id, 1), ("a dm", None, None)]
    # Each event went out on its guild's shard; the DM on shard 0.
    sent = {(e.name, e.shard) for e in fake.events if e.name == "MESSAGE_CREATE"}
    assert sent == {("MESSAGE_CREATE", 0), ("MESSAGE_CREATE", 1)}
    ready = [e for e in fake.events if e.name == "READY"]
    assert sorted(tuple(e.data["shard"]) for e in ready) == [(0, 2), (1, 2)]


async def test_a_process_on_shard_1_never_sees_shard_0(fake: FakeDiscord) -> None:
    zero, one = _two_guilds(fake)
    bot = ShardBot([1], 2)
    async with run_bot(fake, bot) as driver:
        assert [g.id for g in bot.guilds] == [one.id]
        assert bot.get_guild(zero.id) is None
        member1 = _asha(fake, one)
        await driver.post(_asha(fake, zero), _general(fake, zero), "for shard 0 only")
        fake.add_channel(zero.id, "later")  # CHANNEL_CREATE in guild 0
        await driver.post(member1, _general(fake, one), "for shard 1")
        await driver.dm(member1, "dms go to shard 0")
    assert bot.seen == [("for shard 1", one.id, 1)]
    for event in fake.events:
        guild = event.data.get("id") if event.name == "GUILD_CREATE" else event.data.get("guild_id")
        assert str(guild) != str(zero.id), f"{event.name} of shard 0's guild reached shard 1"
    assert bot.get_guild(zero.id) is None


async def test_two_processes_split_the_guilds_dms_and_interactions(fake: FakeDiscord) -> None:
    zero, one = _two_guilds(fake)
    first, second = ShardBot([0], 2), ShardBot([1], 2)
    async with AsyncExitStack() as stack:
        d0: Driver = await stack.enter_async_context(run_bot(fake, first))
        d1: Driver = await stack.enter_async_context(run_bot(fake, second))
        assert [g.id for g in first.guilds] == [zero.id]
        assert [g.id for g in second.guilds] == [one.id]
        member1 = _asha(fake, one)
        await d1.post(member1, _general(fake, one), "in guild 1")
        await d0.dm(member1, "a dm from a shard-1 member")
        await d1.settle()
        answer = await d1.command(member1, "where", guild=one.id)
        assert answer.content == "shard 1"
    assert first.seen == [("a dm from a shard-1 member", None, None)]
    assert second.seen == [("in guild 1", one.id, 1)]


async def test_gateway_bot_recommends_the_fakes_shard_count(fake: FakeDiscord) -> None:
    zero, one = _two_guilds(fake)
    fake.shard_count = 2
    bot = ShardBot(None, None)  # discord.py asks GET /gateway/bot how many
    async with run_bot(fake, bot):
        assert bot.shard_count == 2
        assert sorted(g.id for g in bot.guilds) == sorted([zero.id, one.id])
    assert any(r.path.endswith("/gateway/bot") for r in fake.requests)


async def test_a_plain_client_still_gets_everything(fake: FakeDiscord) -> None:
    zero, one = _two_guilds(fake)
    intents = discord.Intents.default()
    bot = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    async with run_bot(fake, bot):
        assert sorted(g.id for g in bot.guilds) == sorted([zero.id, one.id])
    assert [e.data["shard"] for e in fake.events if e.name == "READY"] == [[0, 1]]
    assert not any(r.path.endswith("/gateway/bot") for r in fake.requests)


async def test_an_identify_for_a_shard_that_does_not_exist_is_closed_4010(
    fake: FakeDiscord,
) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as ws:
        hello = await ws.receive_json()
        assert hello["op"] == 10
        await ws.send_json({"op": 2, "d": {"token": "t", "intents": 0, "shard": [2, 2]}})
        closed = await ws.receive()
        assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.close_code == 4010
    assert fake.identify_count == 0

"""Discord's global limit (50 requests a second) is per bot, across every process: each process
paces itself at its share, the shards it holds over all (cogs/utils/delivery.py, shards.py).

Two Kindred processes (shard 0 of 2, shard 1 of 2) on one stand-in and one database send a burst
each at once. Paced at their shares they stay under the stand-in's global limit; each paced as
if it were alone (what every process did before), together they meet it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import discord
import pytest

from bot import DataFiles, build_local_bot
from cogs.utils.clock import FakeClock
from cogs.utils.delivery import Pacer, pace_requests
from cogs.utils.shards import ShardPlan, pacing_share, parse_shards
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import World, build_world

SCALE = 0.5  # the stand-in's windows at half length: 50 requests per 0.5 s
PER_SECOND = 40.0 / SCALE  # Kindred's 40 a second, at the same scale
EACH = 40  # requests each process sends at once


@pytest.mark.parametrize(
    ("raw", "share", "logged"),
    [
        (None, 1.0, "pacing at 40/s: every shard"),
        ("0-7/8", 1.0, "pacing at 40/s: every shard"),
        ("0-1/8", 0.25, "pacing at 10/s: 2 of 8 shards"),
        ("5,7/8", 0.25, "pacing at 10/s: 2 of 8 shards"),
        ("3/4", 0.25, "pacing at 10/s: 1 of 4 shards"),
        ("0-2/8", 0.375, "pacing at 15/s: 3 of 8 shards"),
        ("1/3", 1 / 3, "pacing at 13.3/s: 1 of 3 shards"),
    ],
)
def test_the_share_comes_from_the_shard_spec(
    raw: str | None, share: float, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    plan = parse_shards(raw)
    assert pacing_share(plan) == pytest.approx(share)
    client = discord.Client(intents=discord.Intents.none())
    with caplog.at_level(logging.INFO, logger="cogs.utils.delivery"):
        pacer = pace_requests(client, shards=plan)
    assert pacer.per_second == pytest.approx(40.0 * share)
    assert pacer.burst == pytest.approx(5.0 * share)
    assert logged in caplog.messages


@pytest.mark.parametrize(
    "spread", [["0-3/8", "4-7/8"], ["0/8", "1-2/8", "3-7/8"], ["0/3", "1/3", "2/3"]]
)
def test_processes_that_hold_every_shard_once_share_one_budget(spread: list[str]) -> None:
    plans = [parse_shards(raw) for raw in spread]
    assert sum(pacing_share(p) for p in plans) == pytest.approx(1.0)
    # A second's worth at most: the rates and the bursts together are one process's 40 + 5,
    # under Discord's 50.
    pacers = [Pacer(40.0 * pacing_share(p), burst=5.0 * pacing_share(p)) for p in plans]
    assert sum(p.per_second + p.burst for p in pacers) == pytest.approx(45.0)


async def test_a_small_burst_share_still_lets_requests_through() -> None:
    """1 shard of 16: a burst under one token means a short wait, never a stall."""
    pacer = Pacer(40.0 / 16 * 100, burst=10.0 / 16)  # at 100x speed: 250/s
    async with asyncio.timeout(5):
        for _ in range(5):
            await pacer.wait()
    assert pacer.waited > 0


@asynccontextmanager
async def two_processes(
    fake: FakeDiscord,
    db_url: Path | str,
    clock: FakeClock,
    data: DataFiles,
    *,
    shared: bool,
) -> AsyncIterator[tuple[World, list[discord.Client]]]:
    """Kindred on shard 0 of 2 and on shard 1 of 2, each with its pacer (shared or alone)."""
    world = build_world(fake)
    async with AsyncExitStack() as stack:
        bots: list[discord.Client] = []
        for shard in (0, 1):
            plan = ShardPlan((shard,), 2)
            bot = await build_local_bot(db_url, clock, world.guild.id, data, shards=plan)
            await stack.enter_async_context(run_bot(fake, bot))
            pace_requests(bot, PER_SECOND, shards=plan if shared else None)
            bots.append(bot)
        limits = fake.enable_rate_limits(scale=SCALE)
        limits.route_limits.clear()  # only the global limit bites
        limits.default_limit = (10_000, 1.0)
        yield world, bots


async def _burst(bot: discord.Client, channel_id: int, tag: str) -> list[object]:
    channel = bot.get_partial_messageable(channel_id)
    return await asyncio.gather(
        *(channel.send(f"{tag} {i}") for i in range(EACH)), return_exceptions=True
    )


async def test_two_processes_at_their_shares_stay_under_the_global_limit(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    async with two_processes(fake, db_url, clock, data_files, shared=True) as (world, bots):
        general, staff = world.channels["general"]["id"], world.channels["staff"]["id"]
        sent = await asyncio.gather(_burst(bots[0], general, "a"), _burst(bots[1], staff, "b"))
    assert [r for results in sent for r in results if isinstance(r, BaseException)] == []
    assert fake.throttled == []
    assert len(fake.messages_in(general)) == EACH
    assert len(fake.messages_in(staff)) == EACH


async def test_two_processes_each_paced_alone_meet_the_global_limit(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    """What the test above guards against: each process at the whole budget, as before."""
    async with two_processes(fake, db_url, clock, data_files, shared=False) as (world, bots):
        general, staff = world.channels["general"]["id"], world.channels["staff"]["id"]
        await asyncio.gather(_burst(bots[0], general, "a"), _burst(bots[1], staff, "b"))
    assert [t.scope for t in fake.throttled][:1] == ["global"]

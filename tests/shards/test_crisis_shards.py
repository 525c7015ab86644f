"""A crisis DM with shards: two Kindred processes (one shard of two each), one stand-in, one
database file. Discord sends every DM to shard 0, but the member's server is on shard 1, held
by the other process: the process that gets the DM finds the server from the database and
Discord, posts the staff alert in that server's staff channel by id, and DMs the member the
helplines, once each.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from bot import DataFiles, build_local_bot
from cogs.utils.clock import FakeClock
from cogs.utils.shards import ShardPlan
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import World, build_world
from tests.conftest import Kindred
from tests.integration.helpers import configure

URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."


@asynccontextmanager
async def two_processes(
    fake: FakeDiscord, world: World, db_path: Path | str, clock: FakeClock, data: DataFiles
) -> AsyncIterator[tuple[Kindred, Kindred]]:
    """Kindred twice over one database: shard 0 of 2, and shard 1 of 2."""
    async with AsyncExitStack() as stack:
        running = []
        for shard in (0, 1):
            bot = await build_local_bot(
                db_path, clock, world.guild.id, data, shards=ShardPlan((shard,), 2)
            )
            driver = await stack.enter_async_context(run_bot(fake, bot))
            running.append(Kindred(bot=bot, driver=driver, fake=fake, world=world, clock=clock))
        first, second = running
        yield first, second
        for k in running:
            assert k.driver.logged_errors == [], [r.getMessage() for r in k.driver.logged_errors]


async def test_a_dm_on_shard_0_alerts_the_staff_of_a_server_on_shard_1(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (
        on_0,
        on_1,
    ):
        assert on_0.bot.get_guild(world.guild.id) is None  # shard 0's process never holds it
        assert on_1.bot.get_guild(world.guild.id) is not None
        await configure(on_1)  # /setup is an interaction in the server: shard 1's process
        isla = world.member("Isla")
        staff = world.channels["staff"]
        alerts_before = len(fake.messages_in(staff.id))

        await on_0.driver.dm(isla, URGENT)
        await on_1.driver.settle()

        dm_events = [
            e for e in fake.events if e.name == "MESSAGE_CREATE" and e.data["content"] == URGENT
        ]
        assert [e.shard for e in dm_events] == [0]  # the DM reached shard 0's process only
        alerts = fake.messages_in(staff.id)[alerts_before:]
        assert len(alerts) == 1, alerts
        assert f"<@{isla.id}>" in str(alerts[0]["embeds"])
        assert f"<@&{world.roles['oncall']['id']}>" in alerts[0]["content"]
        labels = [c["label"] for row in alerts[0]["components"] for c in row["components"]]
        assert labels == ["Claim", "Resolve", "False alarm"]
        to_isla = on_0.driver.dms_to(isla)
        assert len(to_isla) == 1
        assert "Tele-MANAS" in to_isla[0]["content"]  # the server's country (IN), from its setup

        case = await on_0.services.lanes.crisis.cases.get(1)
        assert case is not None
        assert case.guild_id == world.guild.id
        assert case.alert_message_id == int(alerts[0]["id"])
        assert case.member_notified == "dm"

        # Nothing is left to retry, in either process: the alert and the DM went out once.
        clock.advance(minutes=1)
        for k in (on_0, on_1):
            await k.services.jobs.run_due()
        await on_0.driver.settle()
        assert len(fake.messages_in(staff.id)) == alerts_before + 1
        assert len(on_0.driver.dms_to(isla)) == 1


async def test_the_conversation_runs_across_the_two_processes(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    """The member's DMs (shard 0's process) reach the case thread in the server (shard 1's), and
    a moderator's /reply there (shard 1's process) reaches the member."""
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (
        on_0,
        on_1,
    ):
        await configure(on_1)
        asha = world.member("Asha")
        await on_0.driver.dm(asha, URGENT)
        await on_0.driver.dm(asha, "is anyone there")
        await on_1.driver.settle()

        [thread] = fake.threads_in(world.channels["staff"]["id"])
        assert "is anyone there" in fake.messages_in(thread["id"])[-1]["content"]
        maya = world.member("Maya")
        result = await on_1.driver.command(
            maya, "reply", {"message": "I'm here, Asha. Are you safe?"}, channel=thread
        )
        assert "To the member" in (result.content or "")
        assert "Are you safe?" in on_1.driver.dms_to(asha)[-1]["content"]

        await on_0.driver.dm(asha, "yes, at my sister's")
        await on_1.driver.settle()
        assert [t["id"] for t in fake.threads_in(world.channels["staff"]["id"])] == [thread["id"]]
        assert "at my sister's" in fake.messages_in(thread["id"])[-1]["content"]

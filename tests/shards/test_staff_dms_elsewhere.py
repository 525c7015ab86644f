"""The crisis DM steps with shards: the people who hold the on-call, backup and coordinator roles
of a server another process holds are listed over REST, so the process that got the member's DM
(shard 0's) DMs them itself, on time, whether or not it holds the server; when Discord does not
list them, an escalation's steps are handed to the process holding the server.

Two Kindred processes (one shard of two each), one stand-in, one database; the server is on
shard 1, every DM arrives on shard 0.
"""

from __future__ import annotations

from typing import cast

from bot import DataFiles
from cogs.crisis._outbox import MEMBERS_FRESH, DiscordOutbox
from cogs.utils.clock import FakeClock
from sandbox.fake_discord import FakeDiscord
from sandbox.world import build_world
from tests.integration.helpers import configure
from tests.shards.test_crisis_shards import URGENT, two_processes


async def test_with_no_staff_channel_the_on_call_moderator_is_dmed_from_shard_0(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        fake.delete_channel(world.channels["staff"]["id"])  # the alert cannot be posted
        isla, maya = world.member("Isla"), world.member("Maya")  # Maya holds the on-call role

        await on_0.driver.dm(isla, URGENT)
        await on_1.driver.settle()

        assert on_0.bot.get_guild(world.guild.id) is None
        told = on_0.driver.dms_to(maya)
        assert len(told) == 1
        assert "could not be posted in the staff channel" in told[0]["content"]
        case = await on_0.services.lanes.crisis.cases.get(1)
        assert case is not None
        assert case.staff_reached == "dm_oncall"


async def test_an_escalation_dms_backup_and_coordinators_from_a_process_without_the_server(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        await on_0.driver.dm(world.member("Isla"), URGENT)
        await on_1.driver.settle()
        sam, priya = world.member("Sam"), world.member("Priya")  # backup, coordinator

        clock.advance(minutes=10)  # an urgent case's deadline: nobody claimed it
        await on_0.services.jobs.run_due()  # the deadline runs where it is picked up: shard 0
        await on_0.driver.settle()

        escalation = fake.messages_in(world.channels["staff"]["id"])[-1]
        assert "not been claimed after 10 minutes" in escalation["content"]
        assert "has not been claimed" in on_0.driver.dms_to(sam)[-1]["content"]
        assert "has not been claimed" in on_0.driver.dms_to(priya)[-1]["content"]
        case = await on_0.services.lanes.crisis.cases.get(1)
        assert case is not None
        assert case.escalations == 1


async def test_when_nobody_else_is_reached_the_escalation_dms_the_on_call_moderator(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        await on_0.driver.dm(world.member("Isla"), URGENT)
        await on_1.driver.settle()
        maya = world.member("Maya")
        before = len(on_0.driver.dms_to(maya))
        # The staff channel is gone and the backup and the coordinator cannot be DMed.
        fake.delete_channel(world.channels["staff"]["id"])
        fake.close_dms(world.member("Sam").id)
        fake.close_dms(world.member("Priya").id)

        clock.advance(minutes=10)
        await on_0.services.jobs.run_due()
        await on_0.driver.settle()

        to_maya = on_0.driver.dms_to(maya)[before:]
        assert len(to_maya) == 1
        assert "has not been claimed" in to_maya[0]["content"]
        events = await on_0.services.lanes.crisis.cases.events(1)
        escalated = [e for e in events if e.kind == "escalated"]
        assert escalated
        assert "dm_oncall: 1 of 1" in (escalated[-1].detail or "")


async def test_when_discord_does_not_list_the_members_the_case_and_the_channel_say_so(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        await on_0.driver.dm(world.member("Isla"), URGENT)
        await on_1.driver.settle()
        staff = world.channels["staff"]["id"]
        fake.fail_next("GET", r"/guilds/\d+/members$", 403, times=5)

        clock.advance(minutes=10)
        await on_0.services.jobs.run_due()
        await on_0.driver.settle()

        posted = [m["content"] for m in fake.messages_in(staff)]
        assert any("not been claimed after 10 minutes" in text for text in posted)
        note = posted[-1]
        assert "could not DM the backup role, the coordinators" in note
        kinds = [e.kind for e in await on_0.services.lanes.crisis.cases.events(1)]
        assert "escalation_step_failed" in kinds
        # The escalation itself went out (the staff channel), so the next one follows on time.
        case = await on_0.services.lanes.crisis.cases.get(1)
        assert case is not None
        assert case.escalations == 1
        sam, priya = world.member("Sam"), world.member("Priya")
        assert on_0.driver.dms_to(sam) == []

        # The process holding the server has the roles' holders cached: the steps go to it.
        assert await on_1.services.jobs.pick_up() == 1
        assert "has not been claimed" in on_1.driver.dms_to(sam)[-1]["content"]
        assert "has not been claimed" in on_1.driver.dms_to(priya)[-1]["content"]


async def test_a_member_with_closed_dms_gets_a_thread_in_a_server_another_process_holds(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    """The member step's fallback, when a retry of it is picked up by a process that does not
    hold the server: the private thread is made over REST where the member wrote."""
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, _):
        chloe, general = world.member("Chloe"), world.channels["general"]
        outbox = on_0.services.lanes.crisis.outbox

        made = await outbox.private_thread(
            world.guild.id, general["id"], chloe.id, "A check-in", "Hello", reason="a test"
        )

        assert made is not None
        assert made.sent
        [thread] = fake.threads_in(general["id"])
        assert thread["type"] == 12  # private
        assert "Hello" in fake.messages_in(thread["id"])[-1]["content"]
        assert chloe.id in fake.thread_members[int(thread["id"])]


async def test_a_member_list_read_over_rest_is_kept_only_while_fresh(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        # (Not isinstance: reloading the extension imports the module afresh.)
        outbox = cast("DiscordOutbox", on_0.services.lanes.crisis._outbox)
        assert type(outbox).__name__ == "DiscordOutbox"
        gone = 4242  # a server whose list was read a while ago
        outbox._members_read[gone] = (clock.now() - MEMBERS_FRESH, [])
        members = rf"/guilds/{world.guild.id}/members"
        oncall = int(world.roles["oncall"]["id"])

        maya = int(world.member("Maya")["user"]["id"])
        assert await outbox.role_holders(world.guild.id, oncall) == [maya]
        assert gone not in outbox._members_read  # an old list is not kept
        listed = len(fake.requests_to("GET", members))
        assert listed >= 1
        await outbox.role_holders(world.guild.id, oncall)
        assert len(fake.requests_to("GET", members)) == listed  # read once while fresh
        clock.advance(seconds=MEMBERS_FRESH.total_seconds())
        await outbox.role_holders(world.guild.id, oncall)
        assert len(fake.requests_to("GET", members)) > listed

"""/privacy delete with shards: the button is pressed in a DM, which Discord sends to shard 0's
process, but the member's cohort place is in a server on shard 1, held by the other process.

The place is freed in the database at once (the next person waiting has it), the member's data
is erased at once, and the server's part (the group's channels, the newcomer's DM) is a job
bound to the server, which only the process holding it runs: it waits there if that process is
down, and it carries a row id, nothing about the member who left.
"""

from __future__ import annotations

from bot import DataFiles
from cogs.privacy.service import PLACE_GIVEN
from cogs.utils.clock import FakeClock
from sandbox.fake_discord import FakeDiscord
from sandbox.world import build_world
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_privacy import join, one_place_cohort
from tests.shards.test_crisis_shards import two_processes


async def status_of(k: Kindred, user_id: int) -> str | None:
    return await k.services.db.fetchval(
        "SELECT status FROM cohort_enrolments WHERE user_id = ?", (user_id,)
    )


async def group_channel(k: Kindred) -> dict:
    channel_id = await k.services.db.fetchval("SELECT channel_id FROM cohort_groups")
    return k.fake.channel(channel_id)


def overwritten(channel: dict) -> set[int]:
    """The people (not roles) with their own overwrite on the channel."""
    return {int(o["id"]) for o in channel["permission_overwrites"] if o["type"] == 1}


async def test_a_dm_erasure_frees_the_place_in_a_server_another_process_holds(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        await one_place_cohort(on_1)
        asha, ben = world.member("Asha"), world.member("Ben")
        assert "You have a place" in await join(on_1, asha)
        assert "waitlist" in await join(on_1, ben)
        assert asha.id in overwritten(await group_channel(on_1))
        await on_0.bot.tree.sync()  # global commands, so /privacy works in a DM

        asked = await on_0.driver.command(asha, "privacy delete", dm=True)
        done = await on_0.driver.click(asha, asked, f"privacy:erase:{asha.id}")

        # At once, from shard 0's process: erased, and the place is Ben's.
        assert "Done. Kindred erased" in done.content
        assert "You also left 1 cohort place(s) or waitlist spot(s) in other servers" in (
            done.content
        )
        assert await status_of(on_0, asha.id) is None
        assert await status_of(on_0, ben.id) == "enrolled"
        job = await on_0.services.jobs.get(PLACE_GIVEN, await enrolment_id(on_0, ben.id))
        assert job is not None
        assert job.guild_id == world.guild.id
        assert job.status == "pending"
        # Shard 0's process does not hold the server, so it leaves the job alone.
        await on_0.services.jobs.run_due()
        assert (await on_0.services.jobs.get(job.kind, job.entity_id)).status == "pending"  # type: ignore[union-attr]
        assert on_0.driver.dms_to(ben) == []

        # Shard 1's process finds it (its lease alarm does this every lease length).
        assert await on_1.services.jobs.pick_up() == 1
        await on_1.driver.settle()
        assert "a place opened" in on_1.driver.dms_to(ben)[-1]["content"]
        people = overwritten(await group_channel(on_1))
        assert ben.id in people
        assert asha.id not in people
        done_job = await on_1.services.jobs.get(job.kind, job.entity_id)
        assert done_job is not None
        assert done_job.status == "done"
        # The job names a row and a server, never the member who erased their data.
        row = await on_1.services.db.fetchone("SELECT * FROM jobs WHERE id = ?", (job.id,))
        assert str(asha.id) not in " ".join(str(v) for v in dict(row).values())


async def test_a_freed_place_with_nobody_waiting_still_closes_the_channels_to_the_member(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        await one_place_cohort(on_1)
        asha = world.member("Asha")
        await join(on_1, asha)
        await on_0.bot.tree.sync()

        asked = await on_0.driver.command(asha, "privacy delete", dm=True)
        await on_0.driver.click(asha, asked, f"privacy:erase:{asha.id}")
        assert asha.id in overwritten(await group_channel(on_1))  # not yet: not held here

        assert await on_1.services.jobs.pick_up() == 1
        assert asha.id not in overwritten(await group_channel(on_1))


async def test_a_waitlist_spot_elsewhere_needs_no_job(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        await configure(on_1)
        await one_place_cohort(on_1)
        asha, ben = world.member("Asha"), world.member("Ben")
        await join(on_1, asha)
        await join(on_1, ben)  # waitlisted
        await on_0.bot.tree.sync()

        asked = await on_0.driver.command(ben, "privacy delete", dm=True)
        done = await on_0.driver.click(ben, asked, f"privacy:erase:{ben.id}")

        assert "You also left 1 cohort place(s)" in done.content
        assert await status_of(on_0, ben.id) is None
        assert await status_of(on_0, asha.id) == "enrolled"
        assert await on_1.services.jobs.pick_up() == 0


async def enrolment_id(k: Kindred, user_id: int) -> int:
    found = await k.services.db.fetchval(
        "SELECT id FROM cohort_enrolments WHERE user_id = ?", (user_id,)
    )
    assert isinstance(found, int)
    return found

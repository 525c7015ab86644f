"""Daily sweeps with shards: every server is swept, whichever process runs the sweep."""

from __future__ import annotations

from bot import DataFiles
from cogs.checkins.rounds import ROUND
from cogs.checkins.rounds import SWEEP as CHECKIN_SWEEP
from cogs.utils.clock import FakeClock
from cogs.utils.shards import ShardPlan, parse_shards, sweep_every_server
from db.database import Database
from db.repositories.cohorts import CohortRepository
from sandbox.fake_discord import FakeDiscord
from sandbox.world import build_world
from tests.builders import make_cohort
from tests.shards.test_crisis_shards import two_processes


def test_only_a_process_with_some_of_the_shards_sweeps_from_the_database() -> None:
    assert not sweep_every_server(None)  # one process, every server in its cache
    whole = parse_shards("0-1/2")
    assert isinstance(whole, ShardPlan)
    assert not sweep_every_server(whole)
    assert sweep_every_server(parse_shards("1/2"))


async def test_the_servers_to_sweep_are_those_with_a_live_cohort(db: Database) -> None:
    await make_cohort(db, guild_id=300, state="running", name="A")
    await make_cohort(db, guild_id=100, state="enrolling", name="B")
    await make_cohort(db, guild_id=100, state="running", name="C")
    await make_cohort(db, guild_id=200, state="draft", name="D")
    await make_cohort(db, guild_id=400, state="completed", name="E")
    assert await CohortRepository(db).live_guild_ids() == [100, 300]


async def test_a_process_without_the_server_still_sweeps_it_for_the_one_that_holds_it(
    fake: FakeDiscord, db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    world = build_world(fake, shard=(1, 2))
    async with two_processes(fake, world, db_url, clock, data_files) as (on_0, on_1):
        assert on_0.bot.get_guild(world.guild.id) is None
        cohort = await make_cohort(
            on_0.services.db, guild_id=world.guild.id, state="running", members=[11, 12]
        )
        # The daily check-in sweep runs in shard 0's process, which does not hold the server.
        sweep = await on_0.services.jobs.get(CHECKIN_SWEEP, 0)
        assert sweep is not None
        clock.advance(seconds=(sweep.due_at - clock.now()).total_seconds())
        assert await on_0.services.jobs.run_now(CHECKIN_SWEEP, 0)
        round_job = await on_0.services.jobs.get(ROUND, cohort.id)
        assert round_job is not None, "the server on shard 1 was swept"
        assert round_job.guild_id == world.guild.id
        assert not on_0.services.jobs.holds(round_job)  # and its round runs where it is held
        assert on_1.services.jobs.holds(round_job)

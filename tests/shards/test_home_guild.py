"""Which server a DM belongs to when this process does not hold every server (shards).

The database names the candidates (``CrisisRepository.member_guilds``): the set-up servers the
member's own rows point at, most recent first, then every other set-up server. The crisis lane
asks the cache first, then Discord about those candidates (``CrisisSteps.home_guild``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cogs.utils.clock import FakeClock
from db.database import Database
from db.repositories.crisis import CrisisRepository
from db.repositories.guild_settings import GuildSettingsRepository
from tests.builders import make_case, make_cohort

ASHA, BEN = 200, 201
A, B, C, NOT_SET_UP = 7, 8, 9, 99


async def _set_up(db: Database, clock: FakeClock, *guilds: int) -> None:
    settings = GuildSettingsRepository(db)
    for guild in guilds:
        await settings.update(guild, {"country": "GB"}, actor_id=1, now=clock.now())


async def test_the_members_own_servers_come_first_most_recent_first(
    db: Database, clock: FakeClock
) -> None:
    await _set_up(db, clock, A, B, C)
    later = clock.now() + dt.timedelta(days=3)
    await make_cohort(db, guild_id=C, members=[ASHA], now=clock.now())
    await make_case(db, user_id=ASHA, guild_id=B, now=later)
    await make_case(db, user_id=ASHA, guild_id=NOT_SET_UP, now=later)  # no setup: not a candidate
    cases = CrisisRepository(db)
    assert await cases.member_guilds(ASHA) == [B, C, A]
    assert await cases.member_guilds(BEN) == [A, B, C]  # no rows of his own: every set-up server


async def test_no_set_up_server_means_no_candidates(db: Database) -> None:
    assert await CrisisRepository(db).member_guilds(ASHA) == []


class _Outbox:
    """The two lookups ``home_guild`` makes: the cache, then Discord."""

    def __init__(self, cached: int | None, on_discord: dict[int, set[int]]) -> None:
        self.cached = cached
        self.on_discord = on_discord
        self.asked: list[Sequence[int]] = []

    def home_guild(self, user_id: int) -> int | None:
        return self.cached

    async def find_member(self, user_id: int, guild_ids: Sequence[int]) -> int | None:
        self.asked.append(list(guild_ids))
        return next((g for g in guild_ids if user_id in self.on_discord.get(g, set())), None)


async def test_the_cache_answers_first_then_discord_is_asked_in_the_databases_order(
    db: Database, clock: FakeClock
) -> None:
    from cogs.crisis.steps import CrisisSteps

    await _set_up(db, clock, A, B)
    await make_case(db, user_id=ASHA, guild_id=B)
    steps = CrisisSteps.__new__(CrisisSteps)  # only the two collaborators home_guild uses
    steps.cases = CrisisRepository(db)

    held_here = _Outbox(cached=A, on_discord={})
    steps._outbox = held_here  # type: ignore[assignment]
    assert await steps.home_guild(ASHA) == A
    assert held_here.asked == []  # the cache answered: nobody was asked

    elsewhere = _Outbox(cached=None, on_discord={A: {ASHA}, B: {ASHA}})
    steps._outbox = elsewhere  # type: ignore[assignment]
    assert await steps.home_guild(ASHA) == B  # her own case names B first
    assert elsewhere.asked == [[B, A]]

    nowhere = _Outbox(cached=None, on_discord={})
    steps._outbox = nowhere  # type: ignore[assignment]
    assert await steps.home_guild(BEN) is None

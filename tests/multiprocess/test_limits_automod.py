"""Kindred's AutoMod rule for slurs is changed by one process at a time, per server (a database
lock, db/locks.py): reading the setting, changing the rules and storing the rule's id are one
step, so two processes that both hold a server (one stopping while its replacement starts) never
make two rules or store an id the other has just deleted.

Two keepers on one running bot stand for two processes: on PostgreSQL each has its own
``Database`` (its own connection pool, as another process would); on SQLite one process owns the
file, so they share one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import discord
import pytest

from cogs.guidelines._automod import LOCK, AutoModKeeper
from cogs.guidelines.automod_rule import RULE_NAME
from db.database import Database
from db.locks import hold
from db.migrate import open_database
from db.repositories.guidelines import GuidelineRepository
from tests.conftest import Kindred
from tests.integration.helpers import configure

WAIT = 10.0  # seconds: a limit for something that should happen at once, not a sleep


@pytest.fixture
async def keepers(kindred: Kindred, db_url: str) -> AsyncIterator[tuple[AutoModKeeper, ...]]:
    await configure(kindred)
    first = kindred.services.db
    second = first if first.dialect == "sqlite" else await open_database(db_url)
    yield (
        AutoModKeeper(kindred.bot, GuidelineRepository(first)),
        AutoModKeeper(kindred.bot, GuidelineRepository(second)),
    )
    if second is not first:
        await second.close()


def own_rules(k: Kindred) -> list[dict[str, object]]:
    return [r for r in k.fake.automod_rules(k.world.guild.id) if r["name"] == RULE_NAME]


def the_guild(k: Kindred) -> discord.Guild:
    guild = k.bot.get_guild(k.world.guild.id)
    assert guild is not None
    return guild


async def stored_rule_id(db: Database, guild_id: int) -> int | None:
    return (await GuidelineRepository(db).automod(guild_id)).rule_id


async def test_two_processes_turning_it_on_at_once_make_one_rule(
    kindred: Kindred, keepers: tuple[AutoModKeeper, AutoModKeeper]
) -> None:
    a, b = keepers
    guild, coordinator = the_guild(kindred), kindred.world.coordinator.id
    done = await asyncio.gather(
        a.switch(guild, True, coordinator, reason="test: a"),
        b.switch(guild, True, coordinator, reason="test: b"),
    )
    [rule] = own_rules(kindred)
    assert sorted(applied.step.action for applied, _ in done) == ["create", "keep"]
    assert {applied.rule_id for applied, _ in done} == {int(str(rule["id"]))}
    assert await stored_rule_id(kindred.services.db, guild.id) == int(str(rule["id"]))


async def test_a_change_waits_while_another_process_holds_the_server(
    kindred: Kindred, keepers: tuple[AutoModKeeper, AutoModKeeper]
) -> None:
    a, b = keepers
    guild = the_guild(kindred)
    other = b.repo.db
    async with hold(other, LOCK, guild.id):
        task = asyncio.create_task(a.switch(guild, True, kindred.world.coordinator.id, reason="t"))
        if other.dialect == "postgresql":
            await asyncio.wait_for(_waiting_on_the_server(other), WAIT)
        else:
            for _ in range(50):  # it would be done in a few turns of the loop if it could
                await asyncio.sleep(0)
        assert not task.done()
        assert own_rules(kindred) == []
    await asyncio.wait_for(task, WAIT)
    assert len(own_rules(kindred)) == 1


async def test_turning_it_off_while_another_process_starts_up_leaves_it_off(
    kindred: Kindred, keepers: tuple[AutoModKeeper, AutoModKeeper]
) -> None:
    """Whichever goes first, the setting and the server's rules agree afterwards."""
    a, b = keepers
    guild, coordinator = the_guild(kindred), kindred.world.coordinator.id
    await a.switch(guild, True, coordinator, reason="on")
    assert len(own_rules(kindred)) == 1

    await asyncio.gather(a.switch(guild, False, coordinator, reason="off"), b.reconcile(guild))
    assert own_rules(kindred) == []
    setting = await GuidelineRepository(kindred.services.db).automod(guild.id)
    assert (setting.enabled, setting.rule_id) == (False, None)


async def _waiting_on_the_server(db: Database) -> None:
    """Return once a session waits for an advisory lock (PostgreSQL only)."""
    sql = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    while not await db.fetchval(sql):  # each query is a round trip: the other tasks run meanwhile
        pass

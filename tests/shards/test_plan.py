"""KINDRED_SHARDS: what it means, the errors that say how to fix it, and the client it builds."""

from __future__ import annotations

import datetime as dt

import pytest
from discord.ext import commands

from cogs.utils.shards import ShardPlan, ShardsError, parse_shards, shard_of
from config.errors import ConfigError
from config.settings import Settings


@pytest.mark.parametrize(
    ("raw", "ids", "count"),
    [
        ("0-3/8", (0, 1, 2, 3), 8),
        ("2/8", (2,), 8),
        ("5,7/8", (5, 7), 8),
        (" 7, 5 /8", (5, 7), 8),
        ("0-1,6/8", (0, 1, 6), 8),
        ("0/1", (0,), 1),
        ("1-1/2", (1,), 2),
    ],
)
def test_the_forms_it_accepts(raw: str, ids: tuple[int, ...], count: int) -> None:
    assert parse_shards(raw) == ShardPlan(ids, count)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_unset_is_todays_single_connection(raw: str | None) -> None:
    assert parse_shards(raw) is None
    assert Settings.from_env({} if raw is None else {"KINDRED_SHARDS": raw}).shards is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("9/8", "KINDRED_SHARDS=9/8: shard 9 does not exist when there are 8 shards; use 0-7"),
        ("0-8/8", "KINDRED_SHARDS=0-8/8: shard 8 does not exist when there are 8 shards; use 0-7"),
        (
            "3",
            "KINDRED_SHARDS=3: say how many shards there are in all after a slash, for example 3/2",
        ),
        ("3-1/8", "KINDRED_SHARDS=3-1/8: the range 3-1 runs backwards; write 1-3"),
        ("a/8", "KINDRED_SHARDS=a/8: shard 'a' is not a number"),
        ("1/x", "KINDRED_SHARDS=1/x: the shard count 'x' is not a number"),
        ("0/0", "KINDRED_SHARDS=0/0: the shard count must be from 1 to 4096"),
        ("/8", "KINDRED_SHARDS=/8: name the shards before the slash, e.g. 0-7/8"),
        ("1,,2/8", "KINDRED_SHARDS=1,,2/8: shard '' is not a number"),
    ],
)
def test_errors_say_what_to_write(raw: str, message: str) -> None:
    with pytest.raises(ShardsError) as caught:
        parse_shards(raw)
    assert str(caught.value).startswith(message)


def test_settings_refuse_a_bad_value_by_name() -> None:
    with pytest.raises(ConfigError, match="shard 9 does not exist when there are 8 shards"):
        Settings.from_env({"KINDRED_SHARDS": "9/8"})
    assert Settings.from_env({"KINDRED_SHARDS": "0-3/8"}).shards == ShardPlan((0, 1, 2, 3), 8)


def test_a_plan_knows_which_guilds_and_dms_it_holds() -> None:
    guild_on_1 = (1_000 << 22) + 1  # 1000 % 3 == 1
    assert shard_of(guild_on_1, 3) == 1
    plan = ShardPlan((1, 2), 3)
    assert plan.holds(guild_on_1)
    assert not plan.holds(999 << 22)
    assert not plan.receives_dms
    assert ShardPlan((0,), 2).receives_dms
    assert not plan.is_whole
    assert ShardPlan((0, 1), 2).is_whole
    assert str(plan) == "1,2/3"


async def test_the_client_follows_the_setting(tmp_path) -> None:
    """Unset: the plain client of today. Set: discord.py's sharded client with those shards."""
    from bot import ShardedKindredBot, build_local_bot
    from cogs.utils.clock import FakeClock

    clock = FakeClock(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC))
    plain = await build_local_bot(tmp_path / "a.db", clock, dev_guild_id=1)
    sharded = await build_local_bot(
        tmp_path / "b.db", clock, dev_guild_id=1, shards=ShardPlan((1, 3), 4)
    )
    try:
        assert type(plain) is not ShardedKindredBot
        assert not isinstance(plain, commands.AutoShardedBot)
        assert isinstance(sharded, commands.AutoShardedBot)
        assert sharded.shard_ids == [1, 3]
        assert sharded.shard_count == 4
    finally:  # never logged in: only their databases are open
        await plain.services.db.close()
        await sharded.services.db.close()


async def test_a_sandbox_process_runs_the_shards_its_environment_names(
    tmp_path, monkeypatch: pytest.MonkeyPatch, data_files
) -> None:
    """``python -m sandbox.bot_process`` with ``KINDRED_SHARDS`` (benchmarks run processes so)."""
    from bot import ShardedKindredBot
    from sandbox import bot_process

    monkeypatch.setattr(bot_process, "load_data_files", lambda extra: data_files)
    args = bot_process.parse_args(
        [
            *("--api", "http://127.0.0.1:1/api/v10", "--gateway", "ws://127.0.0.1:1/gateway"),
            *("--db", str(tmp_path / "k.sqlite3"), "--now", "2026-10-05T13:00:00Z"),
        ]
    )
    settings = bot_process.settings_for(args, {"KINDRED_SHARDS": "1/2"})
    bot = await bot_process.build(args, settings)
    try:
        assert isinstance(bot, ShardedKindredBot)
        assert (bot.shard_ids, bot.shard_count) == ([1], 2)
        assert bot.identify_spacing == 0.0  # the stand-in takes IDENTIFYs at once
    finally:  # never logged in: only its database is open
        await bot.services.db.close()

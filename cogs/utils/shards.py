"""Which Discord shards this process runs: ``KINDRED_SHARDS`` parsed, and who holds a guild.

Discord splits a bot's servers over ``count`` gateway connections (shards): a server belongs to
shard ``(guild_id >> 22) % count``, and every DM arrives on shard 0. ``KINDRED_SHARDS`` names
the shards one process runs, so several processes can share the work:

    0-3/8    shards 0, 1, 2 and 3 of 8
    2/8      shard 2 of 8
    5,7/8    shards 5 and 7 of 8

Unset, the process runs as it always has: one connection, every server. Pure (no discord).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass


class ShardsError(ValueError):
    """``KINDRED_SHARDS`` cannot be understood; the message says what to write instead."""


@dataclass(frozen=True)
class ShardPlan:
    """The shards this process runs (``ids``, ascending) out of ``count``."""

    ids: tuple[int, ...]
    count: int

    def holds(self, guild_id: int) -> bool:
        """Whether this process receives the server's events (its shard is one of ``ids``)."""
        return shard_of(guild_id, self.count) in self.ids

    @property
    def receives_dms(self) -> bool:
        """Discord sends every DM (and DM interaction) on shard 0."""
        return 0 in self.ids

    @property
    def is_whole(self) -> bool:
        """Whether this process runs every shard (so nothing lives in another process)."""
        return len(self.ids) == self.count

    def __str__(self) -> str:
        return f"{','.join(map(str, self.ids))}/{self.count}"


def sweep_every_server(plan: ShardPlan | None) -> bool:
    """Whether a daily sweep must cover every server in the database, not this process's cache.

    A sweep is one job that any process may run, but it only schedules work (each piece bound
    to its server, run where that server is held); with some shards in other processes, the
    servers in this process's cache are not all of them.
    """
    return plan is not None and not plan.is_whole


def pacing_share(plan: ShardPlan | None) -> float:
    """This process's share of the bot's global request budget: the shards it holds over all.

    Discord's global limit (50 requests a second) is per bot token, across every process. The
    processes together hold every shard once, so shares by shard sum to one: each process
    paces itself at its share and together they stay under the limit, with no shared counter
    to ask before each request. One process (unset, or every shard) has the whole budget.
    """
    if plan is None:
        return 1.0
    return len(plan.ids) / plan.count


def shard_of(guild_id: int, count: int) -> int:
    """The shard a server's events arrive on (Discord's rule)."""
    return (int(guild_id) >> 22) % count


def _number(text: str, what: str, raw: str) -> int:
    text = text.strip()
    if not text.isdigit():
        raise ShardsError(
            f"KINDRED_SHARDS={raw}: {what} {text!r} is not a number; "
            "write it like 0-3/8 (shards 0 to 3 of 8), 2/8 or 5,7/8"
        )
    return int(text)


def parse_shards(raw: str | None) -> ShardPlan | None:
    """``KINDRED_SHARDS`` as a plan; None when unset or blank (discord.py's one connection).

    Raises ``ShardsError`` with the fix, for example "KINDRED_SHARDS=9/8: shard 9 does not
    exist when there are 8 shards; use 0-7".
    """
    if raw is None or not raw.strip():
        return None
    raw = raw.strip()
    if "/" not in raw:
        raise ShardsError(
            f"KINDRED_SHARDS={raw}: say how many shards there are in all after a slash, "
            f"for example {raw}/2"
        )
    wanted, _, total = raw.partition("/")
    count = _number(total, "the shard count", raw)
    if not 1 <= count <= 4096:
        raise ShardsError(f"KINDRED_SHARDS={raw}: the shard count must be from 1 to 4096")
    if not wanted.strip():
        raise ShardsError(
            f"KINDRED_SHARDS={raw}: name the shards before the slash, e.g. 0-{count - 1}/{count}"
        )
    ids: set[int] = set()
    for part in wanted.split(","):
        first, dash, last = part.partition("-")
        low = _number(first, "shard", raw)
        high = _number(last, "shard", raw) if dash else low
        if high < low:
            raise ShardsError(
                f"KINDRED_SHARDS={raw}: the range {low}-{high} runs backwards; write {high}-{low}"
            )
        for shard in (low, high):
            if shard >= count:
                raise ShardsError(
                    f"KINDRED_SHARDS={raw}: shard {shard} does not exist when there are "
                    f"{count} shards; use 0-{count - 1}"
                )
        ids.update(range(low, high + 1))
    return ShardPlan(tuple(sorted(ids)), count)


class IdentifySpacing:
    """For the sharded client: Discord takes one IDENTIFY per 5 s, so shards after the first
    wait (as discord.py does); the stand-in takes them at once (``identify_spacing = 0``)."""

    identify_spacing = 5.0

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if not initial:
            await asyncio.sleep(self.identify_spacing)

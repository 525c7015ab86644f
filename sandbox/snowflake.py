"""Discord-style snowflake ids for the local stand-in (monotonic, time-based, process-wide)."""

from __future__ import annotations

import itertools
import time

DISCORD_EPOCH_MS = 1_420_070_400_000

_counter = itertools.count()
_last = 0


def snowflake() -> int:
    """A new id, strictly greater than every id handed out before in this process.

    The top bits carry the current time like Discord's, so ``discord.utils.snowflake_time``
    gives a sensible creation time.
    """
    global _last
    now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    candidate = (now_ms << 22) | (next(_counter) & 0xFFF)
    _last = max(candidate, _last + 1)
    return _last


def snowflake_on_shard(shard: int, count: int) -> int:
    """A new id (as ``snowflake``) for a guild on ``shard`` of ``count``: Discord routes a guild
    to shard ``(id >> 22) % count``, so the time part is moved forward (at most ``count - 1`` ms)
    until it lands there."""
    global _last
    if not 0 <= shard < count:
        raise ValueError(f"shard {shard} does not exist when there are {count} shards")
    candidate = snowflake()
    stamp = candidate >> 22
    stamp += (shard - stamp) % count
    _last = max(_last, (stamp << 22) | (candidate & 0x3FFFFF))
    return _last


def snowflake_time_ms(value: int) -> int:
    """Unix milliseconds encoded in a snowflake."""
    return (int(value) >> 22) + DISCORD_EPOCH_MS

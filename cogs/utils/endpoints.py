"""Pointing discord.py at a Discord other than discord.com: the local stand-in that `make demo`
and the integration tests run the real bot against (sandbox/harness.py, sandbox/bot_process.py).

discord.py keeps its REST base and gateway address in class attributes, so switching them is
process-wide; ``use_endpoints`` restores the originals on exit so tests stay independent. It lives
with the other discord.py glue (cogs/utils/) because it touches discord.py's own classes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import discord
import discord.gateway
import discord.http
import yarl


@contextmanager
def use_endpoints(api_base: str, gateway_url: str) -> Iterator[None]:
    """Send REST calls to ``api_base`` and open the gateway at ``gateway_url`` inside the block."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

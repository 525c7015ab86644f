"""Best-effort messages the lanes send outside an interaction: a DM, a staff-channel notice.

Both return whether the message went out and log ids (never text) when it did not, so a
caller can fall back (the crisis lane has its own retrying path in cogs/crisis/cog.py).
"""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)


async def dm_user(
    client: discord.Client, user_id: int, text: str, *, view: discord.ui.View | None = None
) -> bool:
    """DM a user; False when their DMs are closed or Discord refused."""
    try:
        user = client.get_user(user_id) or await client.fetch_user(user_id)
        if view is None:
            await user.send(text[:2000])
        else:
            await user.send(text[:2000], view=view)
    except discord.HTTPException:
        log.warning("could not DM user %s", user_id)
        return False
    return True


async def tell_staff(guild_settings: Any, guild: discord.Guild, text: str) -> bool:
    """Post a notice in the server's staff channel without pinging anyone; False if none."""
    settings = await guild_settings.get(guild.id)
    channel = guild.get_channel(settings.staff_channel_id or 0)
    if not isinstance(channel, discord.TextChannel):
        log.warning("guild %s: no staff channel for a notice", guild.id)
        return False
    await channel.send(text[:2000], allowed_mentions=discord.AllowedMentions.none())
    return True

"""Freeing a member's cohort places before their data goes: on /privacy delete, or when they
leave a server. Discord glue shared by the cog and the erase button.

Places are freed first, through the cohorts lane's Discord side (``bot.cohort_places``), so the
next person waiting gets the place, its channels and a DM, exactly as for /leave; only then is
the member's data erased.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)


async def end_enrolments(bot: KindredBot, user_id: int, guilds: Iterable[discord.Guild]) -> int:
    """Leave every live cohort (and waitlist) in ``guilds`` through the cohorts lane; how many
    ended."""
    places = bot.cohort_places
    if places is None:
        log.warning("the cohorts extension is not loaded; cohort places are not freed")
        return 0
    ended = 0
    for guild in guilds:
        for cohort in await bot.services.lanes.privacy.places_held(guild.id, user_id):
            try:
                await places.free_place(guild, cohort, user_id)
            except discord.HTTPException:
                # The place is freed in the database; only a channel edit or DM failed.
                log.exception("cohort %s: leaving for user %s half done", cohort.id, user_id)
            ended += 1
    return ended

"""Cohorts and scheduled, moderated group sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the cohorts cog and the moderator profiles cog (discord.py's extension entry point)."""
    from cogs.cohorts._profiles import ProfilesCog
    from cogs.cohorts.cog import CohortsCog

    await bot.add_cog(CohortsCog(bot))
    await bot.add_cog(ProfilesCog(bot))

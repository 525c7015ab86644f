"""Opt-in wellbeing check-ins and outcome reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the wellbeing cog (discord.py's extension entry point)."""
    from cogs.wellbeing.cog import WellbeingCog

    await bot.add_cog(WellbeingCog(bot))

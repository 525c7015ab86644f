"""Screening: the one way message content comes in; both safety screens, then the lanes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the screening cog (discord.py's extension entry point)."""
    from cogs.screening.cog import ScreeningCog

    await bot.add_cog(ScreeningCog(bot))

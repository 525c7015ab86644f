"""Screening: the one way message content comes in; both safety screens, then the lanes."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the screening cog (discord.py's extension entry point)."""
    from cogs.screening.cog import ScreeningCog

    await bot.add_cog(ScreeningCog(bot))

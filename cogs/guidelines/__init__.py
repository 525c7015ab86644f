"""Conversation guidelines: coach, don't punish; handle abuse fairly."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the guidelines cog (discord.py's extension entry point)."""
    from cogs.guidelines.cog import GuidelinesCog

    await bot.add_cog(GuidelinesCog(bot))

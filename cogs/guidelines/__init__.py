"""Conversation guidelines: coach, don't punish; handle abuse fairly."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the guidelines cog (discord.py's extension entry point)."""
    from cogs.guidelines.cog import GuidelinesCog

    await bot.add_cog(GuidelinesCog(bot))

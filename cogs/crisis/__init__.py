"""Crisis lane: keep the member safe and get a human there fast, for what screening routes here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the crisis cog (discord.py's extension entry point)."""
    from cogs.crisis.cog import CrisisCog

    await bot.add_cog(CrisisCog(bot))

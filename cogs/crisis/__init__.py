"""Crisis lane: screen every message, keep the member safe, get a human there fast."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the crisis cog (discord.py's extension entry point)."""
    from cogs.crisis.cog import CrisisCog

    await bot.add_cog(CrisisCog(bot))

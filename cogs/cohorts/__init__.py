"""Cohorts and scheduled, moderated group sessions."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the cohorts cog (discord.py's extension entry point)."""
    from cogs.cohorts.cog import CohortsCog

    await bot.add_cog(CohortsCog(bot))

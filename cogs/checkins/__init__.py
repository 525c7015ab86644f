"""Peer check-ins: weekly partners inside each group."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the check-ins cog (discord.py's extension entry point)."""
    from cogs.checkins.cog import CheckinsCog

    await bot.add_cog(CheckinsCog(bot))

"""Peer check-ins: weekly partners inside each group."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the check-ins cog (discord.py's extension entry point)."""
    from cogs.checkins.cog import CheckinsCog

    await bot.add_cog(CheckinsCog(bot))

"""Members' control of their data: show, export, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the privacy cog (discord.py's extension entry point)."""
    from cogs.privacy.cog import PrivacyCog

    await bot.add_cog(PrivacyCog(bot))

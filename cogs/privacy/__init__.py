"""Members' control of their data: show, export, delete."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the privacy cog (discord.py's extension entry point)."""
    from cogs.privacy.cog import PrivacyCog

    await bot.add_cog(PrivacyCog(bot))

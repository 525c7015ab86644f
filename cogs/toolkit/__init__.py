"""The IER toolkit: help in the moment between sessions, and sharing good news."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the toolkit cog (discord.py's extension entry point)."""
    from cogs.toolkit.cog import ToolkitCog

    await bot.add_cog(ToolkitCog(bot))

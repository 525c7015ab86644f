"""The IER toolkit: help in the moment between sessions, and sharing good news."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the toolkit cog (discord.py's extension entry point)."""
    from cogs.toolkit.cog import ToolkitCog

    await bot.add_cog(ToolkitCog(bot))

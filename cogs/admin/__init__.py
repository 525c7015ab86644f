"""Server setup: roles, the staff channel, default country and timezone."""

from __future__ import annotations

from typing import Any


async def setup(bot: Any) -> None:
    """Load the admin cog (discord.py's extension entry point)."""
    from cogs.admin.cog import AdminCog

    await bot.add_cog(AdminCog(bot))

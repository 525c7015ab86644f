"""Server setup: roles, the staff channel, default country and timezone."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the admin cog (discord.py's extension entry point)."""
    from cogs.admin.cog import AdminCog

    await bot.add_cog(AdminCog(bot))

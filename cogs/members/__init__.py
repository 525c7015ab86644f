"""A member's own settings: their language (``/language``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the members cog (discord.py's extension entry point)."""
    from cogs.members.cog import MembersCog

    await bot.add_cog(MembersCog(bot))

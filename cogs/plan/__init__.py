"""/plan: a member's private IER plan (issue 19)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the plan cog (discord.py's extension entry point)."""
    from cogs.plan.cog import PlanCog

    await bot.add_cog(PlanCog(bot))

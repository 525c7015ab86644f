"""Report a message: members tell the team about a worrying, unkind or revealing message."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot import KindredBot


async def setup(bot: KindredBot) -> None:
    """Load the reports lane."""
    from cogs.reports.cog import ReportsCog

    await bot.add_cog(ReportsCog(bot))

"""Discord glue for wellbeing check-ins."""

from __future__ import annotations

from typing import Any

from discord.ext import commands


class WellbeingCog(commands.Cog):
    """Weekly opt-in wellbeing check-ins, the member's own trend, cohort outcomes."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services

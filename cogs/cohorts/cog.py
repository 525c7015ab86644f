"""Discord glue for cohorts, groups, enrolment and sessions."""

from __future__ import annotations

from typing import Any

from discord.ext import commands


class CohortsCog(commands.Cog):
    """Cohorts, groups, enrolment and weekly sessions."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services

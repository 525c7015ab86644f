"""Discord glue for weekly peer check-ins."""

from __future__ import annotations

from typing import Any

from discord.ext import commands


class CheckinsCog(commands.Cog):
    """Weekly check-in pairs, their threads, reminders and "did you meet?"."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services

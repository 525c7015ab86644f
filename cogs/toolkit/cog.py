"""Discord glue for /cope and /goodnews."""

from __future__ import annotations

from typing import Any

from discord.ext import commands


class ToolkitCog(commands.Cog):
    """Interpersonal strategies in the moment, and sharing good news with the group."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services

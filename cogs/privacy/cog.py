"""Discord glue for /privacy."""

from __future__ import annotations

from typing import Any

from discord.ext import commands


class PrivacyCog(commands.Cog):
    """What Kindred holds about a member, as a file, and erasing it."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services

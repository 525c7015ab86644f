"""Discord glue for the guidelines lane (coaching nudges, abuse handling, moderator tools)."""

from __future__ import annotations

from typing import Any

from discord.ext import commands


class GuidelinesCog(commands.Cog):
    """Coaching nudges and fair handling of abuse."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services

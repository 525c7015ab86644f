"""Discord glue for ``/language``: a member chooses the language Kindred uses for them.

The work is in ``service.py`` (``MemberService``, plain, no discord; ``lanes.members``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.members import messages
from cogs.members.language import LANGUAGES
from cogs.members.service import MemberService
from cogs.utils.i18n import speaking

if TYPE_CHECKING:
    from bot import KindredBot

LANGUAGE_CHOICES = [
    *(app_commands.Choice(name=name, value=code) for code, name in LANGUAGES.items()),
    app_commands.Choice(name="My Discord language", value=messages.AUTO),
]


class MembersCog(commands.Cog):
    """A member's own settings."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.service: MemberService = bot.services.lanes.members

    @app_commands.command(name="language")
    @app_commands.describe(language="The language Kindred uses for you")
    @app_commands.choices(language=LANGUAGE_CHOICES)
    async def language(self, interaction: discord.Interaction, language: str) -> None:
        """Choose the language Kindred uses for you (it follows your Discord language until
        you do)."""
        chosen = await self.service.choose_language(
            interaction.user.id, None if language == messages.AUTO else language
        )
        guild_id = interaction.guild.id if interaction.guild else None
        decided = await self.service.language_of(
            guild_id, interaction.user.id, str(interaction.locale)
        )
        with speaking(decided):
            text = messages.language_set(chosen, decided)
        await interaction.response.send_message(text, ephemeral=True)

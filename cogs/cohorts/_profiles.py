"""Glue for moderator profiles: ``/moderator profile`` (staff) and ``/mygroup`` (members).

A cog of its own beside ``CohortsCog`` (loaded by the same extension), so the cohorts cog stays
within its size budget; the rules and copy are in ``profiles.py`` and the use cases in its
``ProfileService`` (``bot.services.lanes.profiles``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.cohorts import profiles
from cogs.utils.checks import is_coordinator, is_moderator, moderators_only

if TYPE_CHECKING:
    from bot import KindredBot

ROLE_CHOICES = [
    app_commands.Choice(name=label, value=value) for value, label in profiles.ROLES.items()
]


class ProfilesCog(commands.Cog):
    """Who moderates each group, as members see it."""

    moderator_group = app_commands.Group(
        name="moderator",
        description="Moderators' profiles, as members see them.",
        guild_only=True,  # like /cohort: Kindred's own roles decide (the check below)
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.profiles = bot.services.lanes.profiles

    @moderator_group.command(name="profile")
    @app_commands.describe(
        role="What members should know about this moderator's standing",
        languages="Languages they speak, separated by commas (e.g. English, Hindi)",
        bio="A short bio members see (up to 300 characters)",
        member="Whose profile (coordinators only; leave out to edit your own)",
    )
    @app_commands.choices(role=ROLE_CHOICES)
    @moderators_only()
    async def moderator_profile(
        self,
        interaction: discord.Interaction,
        role: str,
        languages: str,
        bio: str = "",
        member: discord.Member | None = None,
    ) -> None:
        """Record a moderator's role, bio and languages; members see them for their group."""
        assert interaction.guild is not None
        assert isinstance(interaction.user, discord.Member)
        settings = await self.services.guild_settings.get(interaction.guild.id)
        target = member or interaction.user
        saved = await self.profiles.save(
            guild_id=interaction.guild.id,
            actor_id=interaction.user.id,
            actor_is_coordinator=is_coordinator(interaction.user, settings),
            user_id=target.id,
            target_is_staff=is_moderator(target, settings),
            role=role,
            bio=bio,
            languages=languages,
        )
        await interaction.response.send_message(
            profiles.saved(target.id, saved),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="mygroup")
    @app_commands.guild_only()
    async def mygroup(self, interaction: discord.Interaction) -> None:
        """Your group: its channel, and who moderates it. Only you see the answer."""
        assert interaction.guild is not None
        mine = await self.profiles.my_group(interaction.guild.id, interaction.user.id)
        await interaction.response.send_message(
            profiles.my_group(mine.cohort, mine.group, mine.profile),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

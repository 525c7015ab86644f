"""Discord glue for reporting a message (message context menu "Report message", any member).

The member picks why (worried about them / unkind to someone / private details), may add a
short note, and is thanked privately. ``ReportService`` (``service.py``) decides where the
report goes and files it once; this cog tells the coordinators when a report is theirs. The
author is never told who reported them: the reporter's id goes only to staff (the case record,
``/mod queue``, the coordinators' note). Discord blocks are invisible to bots and change
nothing here: a member the author has blocked can still report, and is still not named.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.reports import messages
from cogs.reports.views import ReasonView, Target
from cogs.utils.checks import is_coordinator, is_moderator
from cogs.utils.delivery import tell_staff
from cogs.utils.errors import UserFacingError
from db.models.reports import MessageReport

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)


class ReportsCog(commands.Cog):
    """Members report messages to the team."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.lane = bot.services.lanes.reports
        self.menu = app_commands.ContextMenu(name="Report message", callback=self._report_menu)

    async def cog_load(self) -> None:
        """Add the context menu; schedule the retention sweep."""
        self.bot.tree.add_command(self.menu)
        await self.lane.ensure_sweeps()

    async def cog_unload(self) -> None:
        """Remove the context menu."""
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.guild_only()
    async def _report_menu(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Tell the team about a message: worrying, unkind, or sharing private details."""
        if interaction.guild is None:
            raise UserFacingError(messages.NOT_HERE)
        if message.author.id == interaction.user.id:
            await interaction.response.send_message(messages.OWN_MESSAGE, ephemeral=True)
            return
        target = Target.of(message, interaction.guild.id)
        view = ReasonView(interaction.user.id, target, self.file_report)
        await interaction.response.send_message(messages.ASK_WHY, view=view, ephemeral=True)

    async def file_report(
        self, interaction: discord.Interaction, target: Target, reason: str, note: str | None
    ) -> None:
        """File the report through the lane and thank the reporter privately."""
        guild = interaction.guild
        if guild is None:
            raise UserFacingError(messages.NOT_HERE)
        await interaction.response.defer(ephemeral=True, thinking=True)
        settings = await self.services.guild_settings.get(guild.id)
        author = guild.get_member(target.author_id)
        is_staff = author is not None and (
            is_moderator(author, settings) or is_coordinator(author, settings)
        )
        filed = await self.lane.file(
            guild_id=guild.id,
            reporter_id=interaction.user.id,
            author_id=target.author_id,
            channel_id=target.channel_id,
            message_id=target.message_id,
            text=target.text,
            reason=reason,
            note=note,
            target_is_bot=target.author_is_bot,
            target_is_staff=is_staff,
        )
        if not filed.new:
            text = messages.already_reported(filed.report)
        else:
            if filed.report.route == "coordinators":
                await self._tell_coordinators(guild, filed.report, target.author_is_bot)
            text = messages.thanks(filed.report.route, target_is_bot=target.author_is_bot)
        await interaction.followup.send(text, ephemeral=True)

    async def _tell_coordinators(
        self, guild: discord.Guild, report: MessageReport, target_is_bot: bool
    ) -> None:
        """DM each coordinator (not the reported person); else a note in the staff channel
        that pings nobody and says it is for the coordinators."""
        settings = await self.services.guild_settings.get(guild.id)
        text = messages.coordinator_note(report, target_is_bot=target_is_bot)
        role = guild.get_role(settings.coordinator_role_id or 0)
        people = [m for m in (role.members if role else []) if not m.bot]
        reached = 0
        for person in people:
            if person.id == report.author_id:
                continue
            if (await self.bot.messenger.dm(person, text)).sent:
                reached += 1
        if reached:
            return
        if not await tell_staff(self.bot, self.services.guild_settings, guild, text):
            log.error("report %s: no coordinator and no staff channel could be told", report.id)

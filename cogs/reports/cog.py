"""Discord glue for reporting a message (message context menu "Report message", any member).

The member picks why (worried about them / unkind to someone / private details), may add a
short note, and is thanked privately (the buttons and form are in ``views.py``).
``ReportService`` (``service.py``) decides where the report goes and files it once; the glue
tells the coordinators when a report is theirs. The author is never told who reported them:
the reporter's id goes only to staff (the case record, ``/mod queue``, the coordinators'
note). Discord blocks are invisible to bots and change nothing here: a member the author has
blocked can still report, and is still not named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.reports import messages
from cogs.reports.views import ReasonButton, Ref, reason_view
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import t

if TYPE_CHECKING:
    from bot import KindredBot


class ReportsCog(commands.Cog):
    """Members report messages to the team."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.lane = bot.services.lanes.reports
        self.menu = app_commands.ContextMenu(name="Report message", callback=self._report_menu)

    async def cog_load(self) -> None:
        """Add the context menu and its buttons (they work after a restart); schedule the
        retention sweep."""
        self.bot.tree.add_command(self.menu)
        self.bot.add_dynamic_items(ReasonButton)
        await self.lane.ensure_sweeps()

    async def cog_unload(self) -> None:
        """Remove the context menu and stop listening for its buttons."""
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)
        self.bot.remove_dynamic_items(ReasonButton)

    @app_commands.guild_only()
    async def _report_menu(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Tell the team about a message: worrying, unkind, or sharing private details."""
        if interaction.guild is None:
            raise UserFacingError(t(messages.NOT_HERE))
        if message.author.id == interaction.user.id:
            await interaction.response.send_message(t(messages.OWN_MESSAGE), ephemeral=True)
            return
        await interaction.response.send_message(
            t(messages.ASK_WHY), view=reason_view(Ref.of(message)), ephemeral=True
        )

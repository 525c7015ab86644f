"""Discord glue for /privacy, and what happens when a member leaves a server.

The work is in ``service.py`` (``PrivacyService``, plain, no discord; ``lanes.privacy``). Here:
the commands (they work in DMs too and cover every server the member shares with Kindred), the
"Erase my data" button, and freeing a member's cohort places through the cohorts lane's Discord
side (``bot.cohort_places``), so the next person waiting is told: at once in the servers this
process holds, and by a job bound to the server (run where it is held) for the others.
"""

from __future__ import annotations

import io
import json
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.cohorts.messages import consent_full
from cogs.privacy import messages
from cogs.privacy._places import end_enrolments
from cogs.privacy.service import GROUP_LEFT, PLACE_GIVEN, PrivacyService
from cogs.privacy.views import EraseButton, erase_view
from cogs.utils.i18n import t
from db.models import Job

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

# Discord's upload limit for a bot without boosts.
MAX_FILE_BYTES = 10 * 1024 * 1024


class PrivacyCog(commands.Cog):
    """What Kindred holds about a member, as a file, and erasing it."""

    privacy_group = app_commands.Group(
        name="privacy",
        description="What Kindred holds about you: see it, get a copy, or erase it.",
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.service: PrivacyService = bot.services.lanes.privacy
        # The Discord half of places /privacy delete freed in servers another process holds.
        bot.services.jobs.register(PLACE_GIVEN, self._on_freed_place)
        bot.services.jobs.register(GROUP_LEFT, self._on_freed_place)

    async def cog_load(self) -> None:
        """Make the erase button work after a restart."""
        self.bot.add_dynamic_items(EraseButton)

    async def cog_unload(self) -> None:
        """Stop listening for the erase button."""
        self.bot.remove_dynamic_items(EraseButton)

    # --- /privacy show, export, delete --------------------------------------------------------

    @privacy_group.command(name="show")
    async def privacy_show(self, interaction: discord.Interaction) -> None:
        """What Kindred holds about you, where, for how long, and who can see it, and what a
        member agrees to when joining a group (the same text ``/join`` shows)."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        lines = await self.service.summary(interaction.user.id)
        agreed = consent_full(self.service.retention_days)
        for text in messages.chunks([t(messages.SHOW_HEADER), *lines, agreed]):
            await interaction.followup.send(text, ephemeral=True)

    @privacy_group.command(name="export")
    async def privacy_export(self, interaction: discord.Interaction) -> None:
        """Get a copy of everything Kindred holds about you, as a file by direct message."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        document = await self.service.export(interaction.user.id)
        data = json.dumps(document, indent=2, ensure_ascii=False, default=str).encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            size = f"{len(data) / 1024 / 1024:.1f}"
            await interaction.followup.send(t(messages.EXPORT_TOO_BIG, size=size), ephemeral=True)
            return
        user = interaction.user
        # Through the bot's Messenger (its retries); a fresh file per attempt, as a sent one is
        # consumed.
        sent = await self.bot.messenger.call(
            lambda: user.send(t(messages.EXPORT_DM), file=_file(data))
        )
        if not sent.sent:
            log.info("export for user %s not sent by DM (%s)", user.id, sent.error)
            closed = sent.status == "closed"
            text = t(messages.EXPORT_DMS_CLOSED if closed else messages.EXPORT_DM_FAILED)
            await interaction.followup.send(text, file=_file(data), ephemeral=True)
            return
        await interaction.followup.send(t(messages.EXPORT_SENT), ephemeral=True)

    @privacy_group.command(name="delete")
    async def privacy_delete(self, interaction: discord.Interaction) -> None:
        """Erase what Kindred holds about you (you confirm with a button first)."""
        await interaction.response.send_message(
            t(messages.DELETE_CONFIRM), view=erase_view(interaction.user.id), ephemeral=True
        )

    # --- a member leaves a server -------------------------------------------------------------

    @commands.Cog.listener()
    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        """End the member's cohort places in that server and cancel jobs they no longer need.

        Their data then follows the retention rules (or /privacy delete).
        """
        if payload.user.bot:
            return
        guild = self.bot.get_guild(payload.guild_id)
        if guild is None:
            return
        ended = await end_enrolments(self.bot, payload.user.id, [guild])
        cancelled = await self.service.member_left(guild.id, payload.user.id)
        if ended or cancelled:
            log.info(
                "user %s left guild %s: %d enrolment(s) ended, %d job(s) cancelled",
                payload.user.id,
                guild.id,
                ended,
                cancelled,
            )

    # --- a place freed by another process ------------------------------------------------------

    async def _on_freed_place(self, job: Job) -> None:
        """Here, where the server is held: rewrite the group's channels from the database (the
        member who erased their data loses access) and tell whoever got the place."""
        found = await self.service.freed_place(job)
        if found is None:
            return  # the newcomer left or erased their data since, or the cohort is gone
        guild = self.bot.get_guild(found.cohort.guild_id)
        if guild is None:
            # The job runs only where the server's shard is, once connected: Kindred has left it.
            log.warning(
                "guild %s is not available; job %s has nothing to do", job.guild_id, job.key
            )
            return
        places = self.bot.cohort_places
        if places is None:
            raise RuntimeError("the cohorts extension is not loaded; the freed place waits")
        await places.settle_freed_place(guild, found.cohort, found.group, found.promoted)


def _file(data: bytes) -> discord.File:
    return discord.File(io.BytesIO(data), filename=messages.EXPORT_FILENAME)

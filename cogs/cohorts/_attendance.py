"""Discord glue for attendance: a member attends by posting in their group's text channel or
joining its voice channel while a session is open.

The listeners return before any database work for channels that are not group channels (the
in-memory index in ``CohortsBase``); ``SessionService`` decides and records the rest.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from cogs.cohorts._channels import ChannelsMixin
from cogs.cohorts.sessions import LIVE
from db.models.cohorts import Group

log = logging.getLogger(__name__)


class AttendanceMixin(ChannelsMixin):
    """The attendance listeners, and the reconnect check of live cohorts' channels."""

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A member who posts in their group channel while a session is open attended it."""
        if message.author.bot or message.guild is None:
            return
        if message.channel.id not in self._text_channels:
            return  # not a group channel: no database work
        await self.sessions.record_message(message.channel.id, message.author.id)

    @commands.Cog.listener()
    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        """A member who joins their group's voice channel while a session is open attended it."""
        channel = after.channel
        if member.bot or channel is None:
            return
        if before.channel is not None and before.channel.id == channel.id:
            return  # muting, deafening, video or screen sharing: not a join
        if channel.id not in self._voice_channels:
            return  # not a group's voice channel: no database work
        group = await self.repo.group_by_voice_channel(channel.id)
        if group is None:
            return
        await self.sessions.record_voice(group, [member.id])

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """After (re)connecting: give live cohorts' groups any channel they lack, and count
        members already in a group's voice channel during an open session (Discord sends no
        join for someone who came in while Kindred was away)."""
        for guild in self.bot.guilds:
            for cohort in await self.repo.in_guild(guild.id):
                if cohort.state not in LIVE:
                    continue
                try:
                    await self._ensure_channels(guild, cohort)
                except discord.HTTPException:
                    log.exception("cohort %s: could not check its channels", cohort.id)
                for group in await self.repo.groups(cohort.id):
                    await self.sessions.record_voice(group, in_voice(guild, group))


def in_voice(guild: discord.Guild, group: Group) -> list[int]:
    """User ids in the group's voice channel now (discord.py's voice-state cache)."""
    channel = guild.get_channel(group.voice_channel_id) if group.voice_channel_id else None
    if not isinstance(channel, discord.VoiceChannel):
        return []
    return list(channel.voice_states)

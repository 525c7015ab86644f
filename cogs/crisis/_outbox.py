"""The crisis lane's way to Discord: ``CrisisService``'s ``CrisisOutbox``, over the bot's cache
and its ``Messenger`` (glue).

It decides nothing: it finds servers, channels, roles and people by id, and sends what the
service wrote, through the ``Messenger`` (one retry policy, one ``Delivery`` result). The
service reads every result and falls back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord

from cogs.crisis import messages
from cogs.crisis._relay_views import reply_view, talk_view
from cogs.crisis.service import Server
from cogs.crisis.views import alert_embed, alert_view, more_help_view
from cogs.utils.delivery import Delivery, Messenger
from db.models import CrisisCase

if TYPE_CHECKING:
    from bot import KindredBot


class DiscordOutbox:
    """``CrisisOutbox`` for the running bot."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot

    @property
    def messenger(self) -> Messenger:
        """The bot's delivery policy, marked urgent so a crisis request never queues behind
        bulk work in the pacer (read each time: tests tune its timeout)."""
        return self.bot.messenger.as_urgent()

    # --- lookups ------------------------------------------------------------------------------

    def server(self, guild_id: int) -> Server | None:
        """The server, or None when it is not in the cache (yet)."""
        guild = self.bot.get_guild(guild_id)
        return None if guild is None else Server(guild.id, guild.name, guild.owner_id)

    def home_guild(self, user_id: int) -> int | None:
        """For a DM: the first server Kindred shares with the member."""
        for guild in self.bot.guilds:
            if guild.get_member(user_id) is not None:
                return guild.id
        return None

    def is_text_channel(self, guild_id: int, channel_id: int) -> bool:
        """Whether the server has this channel and it is a text channel."""
        return isinstance(self._text_channel(guild_id, channel_id), discord.TextChannel)

    def role_holders(self, guild_id: int, role_id: int) -> list[int]:
        """The people (not bots) who hold the role."""
        guild = self.bot.get_guild(guild_id)
        role = guild.get_role(role_id) if guild else None
        return [] if role is None else [m.id for m in role.members if not m.bot]

    async def owner(self, guild_id: int, *, look_up: bool) -> int | None:
        """The owner's id when cached, or when ``look_up`` and Discord knows them."""
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            return None
        if guild.owner is not None:
            return guild.owner.id
        if not look_up or not guild.owner_id:
            return None
        owner = await self.messenger.user(guild.owner_id)
        return None if owner is None else owner.id

    async def member_name(self, guild_id: int | None, user_id: int) -> str | None:
        """The member's name in the server (else their user name); None when not found."""
        guild = self.bot.get_guild(guild_id) if guild_id else None
        person = await self._person(guild, user_id)
        return None if person is None else person.display_name

    # --- deliveries ---------------------------------------------------------------------------

    async def dm(self, user_id: int, text: str) -> Delivery:
        """DM a person by id (from the cache, else looked up)."""
        return await self.messenger.dm(user_id, text)

    async def offer_talk(self, user_id: int, text: str) -> Delivery:
        """DM a person with the "Talk to the team" button."""
        return await self.messenger.dm(user_id, text, view=talk_view())

    async def member_dm(self, user_id: int, text: str, guild_id: int | None) -> Delivery:
        """The member's first screen, and the button to the rest (every line, /resources)."""
        return await self.messenger.dm(user_id, text, view=more_help_view(guild_id))

    async def post_alert(
        self,
        case: CrisisCase,
        channel_id: int,
        content: str,
        ping_role_id: int | None,
        group: str | None,
    ) -> Delivery:
        """The alert: its text line, the embed and the buttons; pings only the on-call role."""
        channel = self._staff(case.guild_id, channel_id)
        if channel is None:
            return Delivery("failed", error="the staff channel is gone")
        return await self.messenger.post(
            channel,
            content,
            embed=alert_embed(case, group),
            view=alert_view(case.id, case.status),
            mentions=discord.AllowedMentions(
                roles=[discord.Object(ping_role_id)] if ping_role_id else False,
                users=False,
                everyone=False,
            ),
        )

    async def post_escalation(
        self, channel_id: int, text: str, role_ids: Sequence[int]
    ) -> Delivery:
        """An escalation in the staff channel, pinging the backup and on-call roles."""
        channel = self.bot.get_channel(channel_id)
        if not isinstance(channel, discord.TextChannel):
            return Delivery("failed", error="the staff channel is gone")
        return await self.messenger.post(
            channel,
            text,
            mentions=discord.AllowedMentions(
                roles=[discord.Object(r) for r in role_ids] or False, users=False
            ),
        )

    async def post_reminder(self, channel_id: int, text: str, user_id: int) -> Delivery:
        """A follow-up reminder in the staff channel, pinging the moderator it is for."""
        channel = self.bot.get_channel(channel_id)
        if not isinstance(channel, discord.TextChannel):
            return Delivery("failed", error="the staff channel is gone")
        return await self.messenger.post(
            channel, text, mentions=discord.AllowedMentions(users=[discord.Object(user_id)])
        )

    async def refresh_alert(self, case: CrisisCase, group: str | None) -> None:
        """Show the case's status on its alert (best effort: the record is the truth)."""
        if not case.alert_channel_id or not case.alert_message_id:
            return
        channel = self.bot.get_channel(case.alert_channel_id)
        if not isinstance(channel, discord.TextChannel):
            return
        message = channel.get_partial_message(case.alert_message_id)
        await self.messenger.edit(
            message, embed=alert_embed(case, group), view=alert_view(case.id, case.status)
        )

    async def private_thread(
        self, guild_id: int, channel_id: int, user_id: int, name: str, text: str, reason: str
    ) -> Delivery | None:
        """A private thread for the member under the channel they wrote in (or its parent)."""
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            return None
        member = await self._person(guild, user_id)
        if member is None:
            return None
        channel = guild.get_channel_or_thread(channel_id)
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel):
            return None
        return await self.messenger.private_thread(parent, member, name, text, reason=reason)

    async def relay_post(
        self, case: CrisisCase, channel_id: int | None, text: str, *, with_reply: bool = False
    ) -> tuple[Delivery, int | None]:
        """Post in the case's relay thread, making it under the staff channel the first time."""
        thread = await self._relay_thread(case.relay_channel_id)
        if thread is None:
            staff = self._staff(case.guild_id, channel_id) if channel_id else None
            if staff is None:
                return Delivery("failed", error="the staff channel is gone"), None
            name = messages.RELAY_THREAD.format(case_id=case.label)
            made = await self.messenger.call(
                lambda: staff.create_thread(
                    name=name,
                    type=discord.ChannelType.private_thread,
                    invitable=False,
                    reason=f"crisis case {case.label}: conversation with the member",
                )
            )
            if not made.sent:  # private threads unavailable: a thread in the staff-only channel
                made = await self.messenger.call(
                    lambda: staff.create_thread(
                        name=name,
                        type=discord.ChannelType.public_thread,
                        auto_archive_duration=10080,
                    )
                )
            if not made.sent:
                return made, None
            thread = made.message
        view = reply_view(case.id) if with_reply else None
        return await self.messenger.post(thread, text, view=view), thread.id

    async def _relay_thread(self, thread_id: int | None) -> discord.Thread | None:
        if thread_id is None:
            return None
        found = self.bot.get_channel(thread_id)
        if found is None:
            fetched = await self.messenger.call(lambda: self.bot.fetch_channel(thread_id))
            found = fetched.message if fetched.sent else None
        return found if isinstance(found, discord.Thread) else None

    # --- helpers ------------------------------------------------------------------------------

    def _text_channel(self, guild_id: int, channel_id: int) -> object:
        guild = self.bot.get_guild(guild_id)
        return guild.get_channel(channel_id) if guild else None

    def _staff(self, guild_id: int | None, channel_id: int) -> discord.TextChannel | None:
        channel = self._text_channel(guild_id, channel_id) if guild_id else None
        return channel if isinstance(channel, discord.TextChannel) else None

    async def _person(
        self, guild: discord.Guild | None, user_id: int
    ) -> discord.Member | discord.User | discord.abc.User | None:
        """The member from the server's cache, else the user (cached or fetched)."""
        member = guild.get_member(user_id) if guild else None
        return member or await self.messenger.user(user_id)

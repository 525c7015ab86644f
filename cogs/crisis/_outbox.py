"""The crisis lane's way to Discord: ``CrisisService``'s ``CrisisOutbox``, over the bot's cache
and its ``Messenger`` (glue).

It decides nothing: it finds servers, channels, roles and people by id, and sends what the
service wrote, through the ``Messenger`` (one retry policy, one ``Delivery`` result). The
service reads every result and falls back.

With shards (``KINDRED_SHARDS``) a server may be held by another process, so it is never in
this one's cache, yet a DM about it arrives here (Discord sends every DM to shard 0). Such a
server is read over REST (its name, owner and text channels), the member is looked up there
by id, the alert is posted by channel id, which needs no cache, and the people who hold a
staff role (for the DM steps: on-call, backup, coordinators) are listed over REST.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
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

log = logging.getLogger(__name__)

# Listing the members of a server another process holds (for a role's holders): Discord's
# largest page, at most this many pages (25,000 people), kept this long for the next role.
PAGE = 1000
MEMBER_PAGES = 25
MEMBERS_FRESH = timedelta(seconds=30)


class DiscordOutbox:
    """``CrisisOutbox`` for the running bot."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        # Servers other processes hold, as last read over REST: the server, its text channels.
        self._elsewhere_read: dict[int, tuple[Server, frozenset[int]]] = {}
        # Their members and role ids, as last listed over REST, and when.
        self._members_read: dict[int, tuple[datetime, list[tuple[int, frozenset[int]]]]] = {}

    @property
    def messenger(self) -> Messenger:
        """The bot's delivery policy, marked urgent so a crisis request never queues behind
        bulk work in the pacer (read each time: tests tune its timeout)."""
        return self.bot.messenger.as_urgent()

    # --- lookups ------------------------------------------------------------------------------

    async def server(self, guild_id: int) -> Server | None:
        """The server, or None when it is not in the cache (yet); a server another process
        holds is read over REST each time (None when Discord does not answer: the job retries)."""
        guild = self.bot.get_guild(guild_id)
        if guild is not None:
            return Server(guild.id, guild.name, guild.owner_id)
        if not self._elsewhere(guild_id):
            return None
        fetched = await self.messenger.call(lambda: self.bot.fetch_guild(guild_id))
        if not fetched.sent:
            return None
        found: discord.Guild = fetched.message
        channels = await self.messenger.call(found.fetch_channels)
        if not channels.sent:
            return None
        texts = frozenset(c.id for c in channels.message if isinstance(c, discord.TextChannel))
        server = Server(found.id, found.name, found.owner_id)
        self._elsewhere_read[guild_id] = (server, texts)
        return server

    def home_guild(self, user_id: int) -> int | None:
        """For a DM: the first server this process holds that the member is in (the cache)."""
        for guild in self.bot.guilds:
            if guild.get_member(user_id) is not None:
                return guild.id
        return None

    async def find_member(self, user_id: int, guild_ids: Sequence[int]) -> int | None:
        """The first of the servers other processes hold that the member is in (over REST)."""
        for guild_id in guild_ids:
            if not self._elsewhere(guild_id):
                continue  # in this process's cache, where ``home_guild`` looked
            found = await self.messenger.call(partial(self.bot.http.get_member, guild_id, user_id))
            if found.sent:
                return guild_id
        return None

    def is_text_channel(self, guild_id: int, channel_id: int) -> bool:
        """Whether the server has this channel and it is a text channel."""
        if self._elsewhere(guild_id):
            read = self._elsewhere_read.get(guild_id)
            return read is not None and channel_id in read[1]
        return isinstance(self._text_channel(guild_id, channel_id), discord.TextChannel)

    async def role_holders(self, guild_id: int, role_id: int) -> list[int] | None:
        """The people (not bots) who hold the role. A server another process holds is not
        cached here: its members are listed over REST (None when Discord did not answer)."""
        guild = self.bot.get_guild(guild_id)
        if guild is not None:
            role = guild.get_role(role_id)
            return [] if role is None else [m.id for m in role.members if not m.bot]
        if not self._elsewhere(guild_id):
            return []
        listed = await self._members_elsewhere(guild_id)
        if listed is None:
            return None
        return [user_id for user_id, roles in listed if role_id in roles]

    async def owner(self, guild_id: int, *, look_up: bool) -> int | None:
        """The owner's id when cached, or when ``look_up`` and Discord knows them."""
        guild = self.bot.get_guild(guild_id)
        read = self._elsewhere_read.get(guild_id) if self._elsewhere(guild_id) else None
        if guild is None:
            # Read over REST by ``server`` just before: as good as this process's cache.
            return read[0].owner_id if read is not None else None
        if guild.owner is not None:
            return guild.owner.id
        owner_id = guild.owner_id
        if not look_up or not owner_id:
            return None
        owner = await self.messenger.user(owner_id)
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
        channel: discord.abc.Messageable | None = self._staff(case.guild_id, channel_id)
        if case.guild_id and self._elsewhere(case.guild_id):
            channel = self._by_id(channel_id, case.guild_id)
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
        channel = self._posting_channel(channel_id)
        if channel is None:
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
        channel = self._posting_channel(channel_id)
        if channel is None:
            return Delivery("failed", error="the staff channel is gone")
        return await self.messenger.post(
            channel, text, mentions=discord.AllowedMentions(users=[discord.Object(user_id)])
        )

    async def refresh_alert(self, case: CrisisCase, group: str | None) -> None:
        """Show the case's status on its alert (best effort: the record is the truth)."""
        if not case.alert_channel_id or not case.alert_message_id:
            return
        channel = self._posting_channel(case.alert_channel_id)
        if channel is None:
            return
        message = channel.get_partial_message(case.alert_message_id)
        await self.messenger.edit(
            message, embed=alert_embed(case, group), view=alert_view(case.id, case.status)
        )

    async def private_thread(
        self, guild_id: int, channel_id: int, user_id: int, name: str, text: str, reason: str
    ) -> Delivery | None:
        """A private thread for the member under the channel they wrote in (or its parent);
        in a server another process holds, the channel is read over REST."""
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            if not self._elsewhere(guild_id):
                return None
            return await self._private_thread_elsewhere(channel_id, user_id, name, text, reason)
        member = await self._person(guild, user_id)
        if member is None:
            return None
        channel = guild.get_channel_or_thread(channel_id)
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel):
            return None
        return await self.messenger.private_thread(parent, member, name, text, reason=reason)

    async def _private_thread_elsewhere(
        self, channel_id: int, user_id: int, name: str, text: str, reason: str
    ) -> Delivery | None:
        """``private_thread`` in a server another process holds: the channel (or a thread's
        parent) and the member are read over REST; None when either cannot be found."""
        fetched = await self.messenger.call(lambda: self.bot.fetch_channel(channel_id))
        channel = fetched.message if fetched.sent else None
        if isinstance(channel, discord.Thread) and channel.parent_id:
            channel = await self._fetched_text_channel(channel.parent_id)
        person = await self.messenger.user(user_id)
        if not isinstance(channel, discord.TextChannel) or person is None:
            return None
        return await self.messenger.private_thread(channel, person, name, text, reason=reason)

    async def relay_post(
        self, case: CrisisCase, channel_id: int | None, text: str, *, with_reply: bool = False
    ) -> tuple[Delivery, int | None]:
        """Post in the case's relay thread, making it under the staff channel the first time."""
        thread = await self._relay_thread(case.relay_channel_id)
        if thread is None:
            staff = self._staff(case.guild_id, channel_id) if channel_id else None
            if staff is None and channel_id and case.guild_id and self._elsewhere(case.guild_id):
                staff = await self._fetched_text_channel(channel_id)
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

    async def _members_elsewhere(self, guild_id: int) -> list[tuple[int, frozenset[int]]] | None:
        """Every person (not a bot) of a server another process holds, with their role ids,
        listed over REST a page of 1,000 at a time; None when Discord did not answer.

        One escalation asks for up to three roles: the list is kept for ``MEMBERS_FRESH`` so
        it is read once. Past ``MEMBER_PAGES`` pages the people listed so far are used.
        """
        now = self.bot.services.clock.now()
        kept = self._members_read.get(guild_id)
        if kept is not None and now - kept[0] < MEMBERS_FRESH:
            return kept[1]
        people: list[tuple[int, frozenset[int]]] = []
        after = 0
        for _ in range(MEMBER_PAGES):
            page = await self.messenger.call(
                partial(self.bot.http.get_members, guild_id, PAGE, after or None)
            )
            if not page.sent:
                log.warning("guild %s: members not listed over REST (%s)", guild_id, page.error)
                return None
            for member in page.message:
                user = member.get("user") or {}
                if not user.get("bot"):
                    people.append((int(user["id"]), frozenset(int(r) for r in member["roles"])))
            if len(page.message) < PAGE:
                break
            after = int(page.message[-1]["user"]["id"])
        else:
            log.warning(
                "guild %s: more than %d members; the first ones used", guild_id, len(people)
            )
        # Kept only while fresh: a process answering DMs for many servers holds no old lists.
        self._members_read = {
            g: kept for g, kept in self._members_read.items() if now - kept[0] < MEMBERS_FRESH
        }
        self._members_read[guild_id] = (now, people)
        return people

    def _elsewhere(self, guild_id: int) -> bool:
        """Whether another process holds the server (its shard is not one this process runs)."""
        plan = self.bot.services.settings.shards
        return plan is not None and not plan.holds(guild_id)

    def _by_id(self, channel_id: int, guild_id: int | None = None) -> discord.PartialMessageable:
        """A channel to post in by id alone: REST needs no cache."""
        return self.bot.get_partial_messageable(
            channel_id, guild_id=guild_id, type=discord.ChannelType.text
        )

    def _posting_channel(
        self, channel_id: int
    ) -> discord.TextChannel | discord.PartialMessageable | None:
        """A staff channel by id: from the cache; when other processes hold servers, a channel
        not cached here may be one of theirs, so it is posted to by id (a gone one fails)."""
        channel = self.bot.get_channel(channel_id)
        if isinstance(channel, discord.TextChannel):
            return channel
        plan = self.bot.services.settings.shards
        if channel is None and plan is not None and not plan.is_whole:
            return self._by_id(channel_id)
        return None

    async def _fetched_text_channel(self, channel_id: int) -> discord.TextChannel | None:
        """A text channel of a server another process holds, read over REST."""
        fetched = await self.messenger.call(lambda: self.bot.fetch_channel(channel_id))
        found = fetched.message if fetched.sent else None
        return found if isinstance(found, discord.TextChannel) else None

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

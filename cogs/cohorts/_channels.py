"""Discord glue for the cohorts lane's channels: create, heal, sync and archive them.

Who may do what in a group's channels is decided in ``access.py``; this mixin reads the
database, asks ``access.channel_access`` for the matrix, and turns each entry into a
``discord.PermissionOverwrite``. ``CohortsBase`` declares what the cohorts mixins share.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from cogs.cohorts import messages, policy
from cogs.cohorts.access import ChannelAccess, Grant, category_access, channel_access
from cogs.cohorts.curriculum import Curriculum
from cogs.cohorts.enrolment import EnrolmentService, Left
from cogs.cohorts.service import CohortService
from cogs.cohorts.sessions import SessionService
from cogs.utils.delivery import dm_user
from cogs.utils.i18n import speaking, t
from db.locks import hold
from db.models.cohorts import Cohort, Enrolment, Group
from db.repositories.cohorts import CohortRepository

if TYPE_CHECKING:
    from bot import KindredBot, Services

log = logging.getLogger(__name__)
ALUMNI_ROLE = "Kindred alumni"

Overwrites = dict[Any, discord.PermissionOverwrite]


class CohortsBase(commands.Cog):
    """What the cohorts cog and its mixins share (set in ``CohortsCog.__init__``)."""

    bot: KindredBot
    services: Services
    cohorts: CohortService
    enrolment: EnrolmentService
    sessions: SessionService
    repo: CohortRepository
    curriculum: Curriculum
    # Which channels are group channels, so the attendance listeners return before any
    # database work for every other channel. Filled in cog_load; a channel is added when this
    # mixin links it to a group (the only place that does). An id whose group changed channel
    # stays: the database lookup then finds no group, as before.
    _text_channels: set[int]
    _voice_channels: set[int]


class ChannelsMixin(CohortsBase):
    """Each group's private text and voice channel, in a private category per cohort."""

    async def _ensure_channels(self, guild: discord.Guild, cohort: Cohort) -> str | None:
        """Create the cohort's private category and a text and a voice channel per group.

        Idempotent, and it heals: a group missing a channel (a cohort from before groups had
        voice channels, or a channel someone deleted) gets a new one. Returns a note for the
        coordinator when Discord refused a voice channel; the text channels work without it.
        """
        # One check per cohort at a time, in every process (db/locks.py): a session start and a
        # reconnect must not both create the same missing channel. Read again inside the lock:
        # the caller's copy may predate the category the last holder made.
        async with hold(self.services.db, "cohort_channels", cohort.id):
            cohort = await self.repo.get(cohort.id) or cohort
            category = guild.get_channel(cohort.category_id) if cohort.category_id else None
            if not isinstance(category, discord.CategoryChannel):
                category = await guild.create_category(
                    f"Cohort {cohort.name}"[:100],
                    overwrites=_overwrites(guild, category_access()),
                    reason=f"cohort {cohort.id}: private category",
                )
                await self.cohorts.category_made(cohort.id, category.id)
            open_: bool | None = None  # read only when a channel is missing
            refused = 0
            for group in await self.repo.groups(cohort.id):
                text = guild.get_channel(group.channel_id) if group.channel_id else None
                voice = (
                    guild.get_channel(group.voice_channel_id) if group.voice_channel_id else None
                )
                has_text = isinstance(text, discord.TextChannel)
                if has_text and isinstance(voice, discord.VoiceChannel):
                    continue
                if open_ is None:
                    open_ = await self.sessions.is_open(cohort.id)
                access = await self._access(guild, cohort, group, open_=open_)
                if not has_text:
                    # The topic is read by the group: in its language.
                    with speaking(await self._group_language(cohort, group)):
                        topic = t(
                            "{cohort} · {group} · private to the group",
                            cohort=cohort.name,
                            group=messages.member_group_name(group),
                        )
                    created = await guild.create_text_channel(
                        policy.group_channel_name(cohort.name, group),
                        category=category,
                        overwrites=_overwrites(guild, access.text),
                        topic=topic,
                        slowmode_delay=access.slowmode_seconds,
                        reason=f"cohort {cohort.id}: group {group.number}",
                    )
                    await self.cohorts.channel_made(group.id, created.id, voice=False)
                    self._text_channels.add(created.id)
                if not isinstance(voice, discord.VoiceChannel):
                    try:
                        made = await guild.create_voice_channel(
                            policy.group_voice_name(cohort.name, group),
                            category=category,
                            overwrites=_overwrites(guild, access.voice),
                            reason=f"cohort {cohort.id}: group {group.number} voice",
                        )
                    except discord.Forbidden:
                        log.warning(
                            "cohort %s: Discord refused group %s's voice channel (permissions)",
                            cohort.id,
                            group.id,
                        )
                        refused += 1
                        continue
                    await self.cohorts.channel_made(group.id, made.id, voice=True)
                    self._voice_channels.add(made.id)
            return messages.voice_refused(refused) if refused else None

    async def _group_language(self, cohort: Cohort, group: Group) -> str:
        """What a group's channel is written in: the group's language, else the server's."""
        if group.language is not None:
            return group.language
        return await self.services.lanes.members.server_language(cohort.guild_id)

    async def _access(
        self,
        guild: discord.Guild,
        cohort: Cohort,
        group: Group,
        *,
        open_: bool,
        archived: bool = False,
    ) -> ChannelAccess:
        """The group's channel matrix (``access.channel_access``) for this server as it is."""
        settings = await self.services.guild_settings.get(guild.id)
        # A real Role object is needed to grant it (see _overwrites): only a role that exists.
        role = guild.get_role(settings.coordinator_role_id or 0)
        return channel_access(
            between_mode=cohort.between_mode,
            open_=open_,
            archived=archived,
            coordinator_role_id=role.id if role is not None else None,
            moderator_id=group.moderator_id,
            member_ids=await self.repo.members_of(group.id),
            bot_can_mute=guild.me.guild_permissions.mute_members,
        )

    async def _sync_group(
        self,
        guild: discord.Guild,
        cohort: Cohort,
        group: Group,
        *,
        open_: bool | None = None,
        archived: bool = False,
    ) -> None:
        """Rewrite a group's text and voice channel overwrites from the database.

        One request per channel. A voice edit Discord refuses is logged and skipped: the text
        channel is the group's home, and a session must still open and close without voice.
        """
        text = guild.get_channel(group.channel_id) if group.channel_id else None
        voice = guild.get_channel(group.voice_channel_id) if group.voice_channel_id else None
        if not isinstance(text, discord.TextChannel) and not isinstance(
            voice, discord.VoiceChannel
        ):
            return
        if open_ is None:
            open_ = await self.sessions.is_open(cohort.id)
        access = await self._access(guild, cohort, group, open_=open_, archived=archived)
        reason = f"cohort {cohort.id}: group {group.number} membership or session"
        if isinstance(text, discord.TextChannel):
            await text.edit(
                overwrites=_overwrites(guild, access.text),
                slowmode_delay=access.slowmode_seconds,
                reason=reason,
            )
        if isinstance(voice, discord.VoiceChannel):
            try:
                await voice.edit(overwrites=_overwrites(guild, access.voice), reason=reason)
            except discord.HTTPException:
                log.warning(
                    "cohort %s: could not update group %s's voice channel",
                    cohort.id,
                    group.id,
                    exc_info=True,
                )

    async def _archive_groups(self, guild: discord.Guild, cohort: Cohort) -> None:
        """Make every group's channels read-only archives (voice closed to members)."""
        fresh = await self.repo.get(cohort.id) or cohort
        for group in await self.repo.groups(cohort.id):
            try:
                await self._sync_group(guild, fresh, group, open_=False, archived=True)
            except discord.HTTPException:
                log.exception("cohort %s: could not archive group %s", cohort.id, group.id)

    async def _after_leaving(self, guild: discord.Guild, cohort: Cohort, left: Left) -> None:
        """Close the freed group's channels to the leaver, open them to whoever got the place,
        and tell them by DM."""
        if left.group is None:
            return
        await self._sync_group(guild, cohort, left.group)
        if left.promoted is not None:
            log.info("cohort %s: user %s got a freed place", cohort.id, left.promoted.user_id)
            user_id = left.promoted.user_id
            with speaking(await self.services.lanes.members.language_of(guild.id, user_id)):
                text = messages.promoted(cohort, left.group)
            await dm_user(self.bot, user_id, text)

    async def free_place(self, guild: discord.Guild, cohort: Cohort, user_id: int) -> Left:
        """A member leaves ``cohort`` (``/leave``, or they left the server): their place goes
        to the next person waiting, who gets the group's channels and a DM."""
        left = await self.enrolment.leave(cohort, user_id)
        await self._after_leaving(guild, cohort, left)
        return left

    async def settle_freed_place(
        self, guild: discord.Guild, cohort: Cohort, group: Group, promoted: Enrolment | None
    ) -> None:
        """The Discord half of a place another process freed in the database (``/privacy
        delete`` pressed in a DM, which reaches shard 0): the group's channels are rewritten
        from the database (closed to the leaver) and whoever got the place is told."""
        await self._after_leaving(guild, cohort, Left(None, group, promoted))

    # --- the end of a cohort ---------------------------------------------------------------------

    async def _give_alumni_role(self, guild: discord.Guild, cohort: Cohort) -> tuple[int, int]:
        """Give every enrolled member the alumni role (created if missing); count done/failed."""
        role = discord.utils.get(guild.roles, name=ALUMNI_ROLE)
        enrolled = await self.repo.enrolments(cohort.id, "enrolled")
        if not enrolled:
            return 0, 0
        try:
            if role is None:
                role = await guild.create_role(
                    name=ALUMNI_ROLE, reason=f"cohort {cohort.id} completed"
                )
        except discord.HTTPException:
            log.exception("cohort %s: could not create the alumni role", cohort.id)
            return 0, len(enrolled)
        given = failed = 0
        for enrolment in enrolled:
            member = guild.get_member(enrolment.user_id)
            if member is None:
                continue  # left the server
            try:
                await member.add_roles(role, reason=f"completed cohort {cohort.id}")
                given += 1
            except discord.HTTPException:
                failed += 1
                log.warning("cohort %s: alumni role not given to %s", cohort.id, member.id)
        return given, failed


def _overwrites(guild: discord.Guild, grants: Iterable[Grant]) -> Overwrites:
    """``access.py``'s entries as discord.py overwrites, in their order."""
    result: Overwrites = {}
    for grant in grants:
        target: Any
        if grant.party == "everyone":
            target = guild.default_role
        elif grant.party == "bot":
            target = guild.me
        elif grant.party == "role":
            # A real Role object: discord.py sends any Object as a *member* overwrite on create.
            target = guild.get_role(grant.target_id or 0)
            if target is None:
                continue
        else:
            target = discord.Object(grant.target_id or 0, type=discord.Member)
        result[target] = discord.PermissionOverwrite(**grant.perms)
    return result

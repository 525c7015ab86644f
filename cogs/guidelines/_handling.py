"""Discord glue for what the guidelines lane does to a routed message: nudge, hide, escalate;
and the Appeal button and form.

What to record and decide is ``GuidelineService``'s (``service.py``); this mixin resolves the
message's ids to Discord objects, hides the message, times out, DMs and posts to staff, in the
order the service's results call for. ``GuidelinesBase`` declares what the mixins share.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from cogs.guidelines import messages
from cogs.guidelines._mod_actions import history_view
from cogs.guidelines.screen import GuidelineHit
from cogs.guidelines.service import GuidelineService, Points, Posted
from cogs.guidelines.views import appeal_view, note_view
from cogs.screening.pipeline import Incoming, Route
from cogs.utils.delivery import messenger_of
from cogs.utils.i18n import speaking, tp
from db.models import GuildSettings
from db.repositories.guidelines import GuidelineRepository

if TYPE_CHECKING:
    from bot import KindredBot, Services

log = logging.getLogger(__name__)

# Seconds an in-channel note (DMs closed) stays before deleting itself. Ten minutes, not one:
# a member with MS fatigue or blurred vision may need longer to notice and read it (zooming, a
# screen reader, a rest). It also has a Got it button, so the member can close it sooner.
REPLY_LIFETIME = 600


@dataclass(frozen=True)
class _Seen:
    """What the lane needs of a routed message (a new one or an edit), resolved from its ids."""

    guild: discord.Guild
    channel: Any
    author: discord.Member
    id: int
    content: str
    handle: discord.Message | discord.PartialMessage  # to delete or reply to

    @property
    def posted(self) -> Posted:
        """The message as ids and text, for the service."""
        return Posted(self.guild.id, self.channel.id, self.author.id, self.id, self.content)

    async def delete(self) -> None:
        """Delete (hide) the message."""
        await self.handle.delete()

    async def reply(self, content: str, **kwargs: Any) -> None:
        """Reply to the message."""
        await self.handle.reply(content, **kwargs)


class GuidelinesBase(commands.Cog):
    """What the guidelines cog and its mixins share (set in ``GuidelinesCog.__init__``)."""

    bot: KindredBot
    services: Services
    guidelines: GuidelineService
    repo: GuidelineRepository

    async def _tell(
        self, member: discord.Member | discord.User, text: str, view: discord.ui.View | None = None
    ) -> str:
        """DM a member, best effort: ``dm``, ``closed`` or ``failed``; never raises."""
        sent = await messenger_of(self.bot).dm(member, text, view=view)
        return "dm" if sent.sent else sent.status

    async def _language_of(self, guild_id: int, user_id: int) -> str:
        """The language a message to this member is written in (their own, else the server's)."""
        return await self.bot.services.lanes.members.language_of(guild_id, user_id)

    async def _escalate(
        self,
        guild: discord.Guild,
        member: discord.Member,
        settings: GuildSettings,
        points: Points,
        *,
        may_time_out: bool = True,
    ) -> None:
        """Apply the point thresholds the service found crossed (``points.step``)."""
        step, after = points.step, points.after
        if step.timeout_minutes is not None and not may_time_out:
            log.info(
                "guidelines: no automatic timeout for member %s (may be struggling)", member.id
            )
        elif step.timeout_minutes is not None:
            try:
                # An end time from the injected clock (the system clock in production, which
                # is Discord's), so tests that move time see consistent timeouts.
                await member.timeout(
                    self.services.clock.now() + timedelta(minutes=step.timeout_minutes),
                    reason=f"Kindred: {after} active points",
                )
            except discord.HTTPException:
                log.error("guidelines: could not time out member %s", member.id)
            else:
                await self.guidelines.record_auto_timeout(
                    guild.id, member.id, points, step.timeout_minutes
                )
                with speaking(await self._language_of(guild.id, member.id)):
                    notice = messages.auto_timeout_notice(guild.name, step.timeout_minutes, after)
                await self._tell(member, notice)
        if step.review:
            note = messages.review_note(
                member.id, after, await self.guidelines.infractions(guild.id, member.id)
            )
            channel = (
                guild.get_channel(settings.staff_channel_id) if settings.staff_channel_id else None
            )
            if isinstance(channel, discord.TextChannel):
                view = history_view(member.id)  # the record in one tap
                if (await messenger_of(self.bot).post(channel, note, view=view)).sent:
                    return
                log.error("guidelines: review note for %s could not be posted", member.id)
            log.warning("guidelines: member %s needs review but no staff channel works", member.id)


class HandlingMixin(GuidelinesBase):
    """The route from screening (nudge, hide, report); appeals are in ``views.py``."""

    # --- the route from screening --------------------------------------------------------------

    async def act_on(self, route: Route, incoming: Incoming) -> None:
        """Nudge, hide or report as ``cogs/screening`` decided (crisis already had its say).

        Records come first (report-only and second hits), then the nudge or the hide. DMs, and
        authors who are no longer members, are left alone.
        """
        plan = route.guidelines
        if plan.action == "none" or incoming.guild_id is None or incoming.message_id is None:
            return
        seen = await self._seen(incoming)
        if seen is None:
            return
        for hit, outcome in plan.records:
            await self.guidelines.record(seen.posted, hit, outcome)
        if plan.hit is None:
            return
        if plan.action in ("hide", "hide_care"):
            await self._handle_abuse(seen, plan.hit, care=plan.action == "hide_care")
        elif plan.action == "nudge":
            await self._coach(seen, plan.hit)

    async def _seen(self, incoming: Incoming) -> _Seen | None:
        """The guild, channel, member and a message handle for ``incoming`` (None: gone)."""
        guild = self.bot.get_guild(incoming.guild_id or 0)
        channel = guild.get_channel_or_thread(incoming.channel_id or 0) if guild else None
        if guild is None or channel is None or not hasattr(channel, "get_partial_message"):
            return None
        member = guild.get_member(incoming.author_id)
        if member is None:
            try:
                member = await guild.fetch_member(incoming.author_id)
            except discord.HTTPException:
                return None  # a webhook, or a member who just left
        handle = channel.get_partial_message(incoming.message_id or 0)
        return _Seen(guild, channel, member, handle.id, incoming.text, handle)

    async def _coach(self, message: _Seen, nudge: GuidelineHit) -> None:
        """Nudge about ``nudge`` within the member's limits (or record why not)."""
        reserved = await self.guidelines.reserve_nudge(message.posted, nudge)
        if not reserved.may_nudge:
            log.info("guidelines: nudge for message %s skipped (%s)", message.id, reserved.outcome)
            return
        await self.guidelines.nudge_sent(reserved, await self._nudge(message, nudge))

    async def _nudge(self, message: _Seen, hit: GuidelineHit) -> str:
        """DM the nudge; if DMs are closed, a short reply (10 minutes, or until Got it)."""
        author = message.author
        # In the author's language, the in-channel note too: it is addressed to them alone.
        with speaking(await self._language_of(message.guild.id, author.id)):
            channel_mention = getattr(message.channel, "mention", tp("guidelines", "the group"))
            suggestion = messages.fitted_suggestion(
                hit.suggestion, hit.suggestion_copy, hit.feeling
            )
            text = messages.nudge_dm(
                author.display_name, channel_mention, hit.label, hit.reason, suggestion
            )
            reply = messages.nudge_reply(author.id, hit.label, suggestion)
            view = note_view(author.id)
        if (await messenger_of(self.bot).dm(author, text)).sent:
            return "nudged_dm"
        log.info("guidelines: nudge DM not delivered for message %s", message.id)
        try:
            await message.reply(
                reply,
                view=view,
                delete_after=REPLY_LIFETIME,
                mention_author=True,
                allowed_mentions=discord.AllowedMentions(users=[author], replied_user=True),
            )
        except discord.HTTPException:
            log.warning("guidelines: in-channel nudge failed for message %s", message.id)
            return "nudge_failed"
        return "nudged_reply"

    async def _handle_abuse(self, message: _Seen, hit: GuidelineHit, *, care: bool) -> None:
        """Keep a copy and the infraction (the service), hide, tell the author, apply thresholds.

        ``care``: the author may be struggling (a watch signal): the hit also waits in
        /mod queue and the author gets the kind note instead of the bare notice.
        """
        guild, author = message.guild, message.author
        settings = await self.services.guild_settings.get(guild.id)
        points = await self.guidelines.hide(message.posted, hit, care=care)
        if points is None:
            return  # this message was already handled
        infraction = points.infraction
        try:
            await message.delete()
        except discord.NotFound:
            pass  # someone already deleted it
        except discord.HTTPException:
            log.error("guidelines: could not hide message %s; queued for moderators", message.id)
            await self.guidelines.hide_failed(message.id)
        log.info(
            "guidelines: hid message %s (%s), infraction %s", message.id, hit.rule, infraction.id
        )
        with speaking(await self._language_of(guild.id, author.id)):
            notice = (messages.hidden_care_notice if care else messages.hidden_notice)(
                author.display_name,
                getattr(message.channel, "mention", tp("guidelines", "the group")),
                hit.reason,
                infraction,
                points.after,
                points.limits.point_days,
            )
            reply = (messages.hidden_care_reply if care else messages.hidden_reply)(author.id)
            dm_view, channel_view = appeal_view(infraction.id), note_view(author.id, infraction.id)
        how_told = await self._tell(author, notice, dm_view)
        if how_told != "dm":
            try:
                await message.channel.send(
                    reply,
                    view=channel_view,
                    delete_after=REPLY_LIFETIME,
                    allowed_mentions=discord.AllowedMentions(users=[author]),
                )
            except discord.HTTPException:
                log.warning("guidelines: could not tell member %s about a hide", author.id)
        # Someone who may be struggling is never timed out by a machine: the hide waits in
        # /mod queue and a moderator decides (the review note still goes out at its threshold).
        await self._escalate(guild, author, settings, points, may_time_out=not care)

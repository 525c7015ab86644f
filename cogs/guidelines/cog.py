"""Discord glue for the guidelines lane (coaching nudges, abuse handling, moderator tools).

Three paths that never mix:
- coaching (minimizing, comparing, unsolicited advice): the message stays; the author gets a
  private, rate-limited nudge (DM, else a reply that deletes itself); no infraction;
- abuse (toxic, privacy): persist a copy and the infraction first, then hide the message, tell
  the author why and how to appeal, and apply the point thresholds;
- crisis: a message the crisis screen flags (concern or urgent) is left entirely to the crisis
  lane here. An abusive message at watch level is hidden like any other, but also queued for
  a moderator, and its author gets a kind note (``policy.handling`` decides).

Messages are screened once in ``cogs/screening``, which decides which path a message takes
(``screening.pipeline.route``) and hands this lane the ``Route`` (``act_on``).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.guidelines import messages
from cogs.guidelines._automod import RULE_NAME, AutoModKeeper
from cogs.guidelines.policy import (
    LABELS,
    POINTS_FOR_LABEL,
    TIMEOUT_ACTION_POINTS,
    WARN_POINTS,
    Limits,
    active_points,
    escalation,
    explain_mode,
    nudge_allowed,
    parse_queue_item,
    refusal,
    require_reason,
    resolve_limits,
    sorted_counts,
)
from cogs.guidelines.screen import GuidelineHit
from cogs.guidelines.views import AppealButton, AppealModal, appeal_view
from cogs.screening.pipeline import Incoming, Route
from cogs.utils.checks import coordinators_only, is_coordinator, is_moderator, moderators_only
from cogs.utils.delivery import messenger_of
from cogs.utils.errors import UserFacingError
from db.models import GuildSettings
from db.repositories.guidelines import GuidelineRepository, Infraction

log = logging.getLogger(__name__)

PURGE = "guidelines_purge"
REPLY_LIFETIME = 60  # seconds an in-channel nudge stays before deleting itself
MOD_PERMS = discord.Permissions(manage_messages=True)
RULE_CHOICES = [app_commands.Choice(name=label, value=label) for label in LABELS]
MODE_CHOICES = [
    app_commands.Choice(name="on: nudge (coaching) or hide (abuse)", value="on"),
    app_commands.Choice(
        name="report only: moderators see it, the member is not told", value="report"
    ),
    app_commands.Choice(name="off", value="off"),
    app_commands.Choice(name="default (remove this setting)", value="default"),
]
ON_OFF = [
    app_commands.Choice(name="on: Kindred keeps an AutoMod rule that blocks slurs", value="on"),
    app_commands.Choice(name="off: Kindred removes its AutoMod rule", value="off"),
]


@dataclass(frozen=True)
class _Seen:
    """What the lane needs of a routed message (a new one or an edit), resolved from its ids."""

    guild: discord.Guild
    channel: Any
    author: discord.Member
    id: int
    content: str
    handle: discord.Message | discord.PartialMessage  # to delete or reply to

    async def delete(self) -> None:
        """Delete (hide) the message."""
        await self.handle.delete()

    async def reply(self, content: str, **kwargs: Any) -> None:
        """Reply to the message."""
        await self.handle.reply(content, **kwargs)


class GuidelinesCog(commands.Cog):
    """Coaching nudges and fair handling of abuse."""

    mod_group = app_commands.Group(
        name="mod",
        description="Moderation: warnings, timeouts, notes, history and the review queue.",
        default_permissions=MOD_PERMS,
        guild_only=True,
    )
    guidelines_group = app_commands.Group(
        name="guidelines",
        description="Conversation guidelines: view and tune the rules (moderators).",
        default_permissions=MOD_PERMS,
        guild_only=True,
    )
    nudges_group = app_commands.Group(
        name="nudges",
        description="Kindred's private coaching notes to you.",
        guild_only=True,
    )

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.screen = bot.services.data.guidelines
        self.repo = GuidelineRepository(bot.services.db)
        self.automod = AutoModKeeper(bot, self.repo)
        self._nudge_lock = asyncio.Lock()
        self.history_menu = app_commands.ContextMenu(
            name="Moderation history", callback=self._history_menu
        )
        bot.services.jobs.register(PURGE, self._on_purge)

    async def cog_load(self) -> None:
        """Appeal buttons keep working after a restart; add the context menu."""
        self.bot.add_dynamic_items(AppealButton)
        self.bot.tree.add_command(self.history_menu)

    async def cog_unload(self) -> None:
        """Stop listening for appeal buttons; remove the context menu."""
        self.bot.remove_dynamic_items(AppealButton)
        self.bot.tree.remove_command(self.history_menu.name, type=self.history_menu.type)

    # --- the route from screening --------------------------------------------------------------

    async def rule_modes(self, guild_id: int) -> dict[tuple[int, str], str]:
        """The server's guideline modes (``(channel id or 0, label) -> mode``), for the route."""
        return await self.repo.modes(guild_id)

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
            await self._record(seen, hit, outcome)
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
        guild_id, author = message.guild.id, message.author
        now = self.services.clock.now()
        limits = resolve_limits(await self.repo.limits(guild_id))
        # The check and the reservation happen together, so two quick messages can't both
        # pass the limit before either is recorded.
        async with self._nudge_lock:
            if await self.repo.opted_out(guild_id, author.id):
                outcome = "opted_out"
            else:
                sent = await self.repo.nudge_times(guild_id, author.id, now - timedelta(days=7))
                outcome = "nudged_dm" if nudge_allowed(sent, now, limits) else "rate_limited"
            hit_id = await self._record(message, nudge, outcome)
        if outcome != "nudged_dm":
            log.info("guidelines: nudge for message %s skipped (%s)", message.id, outcome)
            return
        delivered = await self._nudge(message, nudge)
        if delivered != outcome:
            await self.repo.set_hit_outcome(hit_id, delivered)

    async def _nudge(self, message: _Seen, hit: GuidelineHit) -> str:
        """DM the nudge; if DMs are closed, a short reply that deletes itself."""
        author = message.author
        channel_mention = getattr(message.channel, "mention", "the group")
        text = messages.nudge_dm(
            author.display_name, channel_mention, hit.label, hit.reason, hit.suggestion
        )
        if (await messenger_of(self.bot).dm(author, text)).sent:
            return "nudged_dm"
        log.info("guidelines: nudge DM not delivered for message %s", message.id)
        try:
            await message.reply(
                messages.nudge_reply(author.id, hit.label, hit.suggestion),
                delete_after=REPLY_LIFETIME,
                mention_author=True,
                allowed_mentions=discord.AllowedMentions(users=[author], replied_user=True),
            )
        except discord.HTTPException:
            log.warning("guidelines: in-channel nudge failed for message %s", message.id)
            return "nudge_failed"
        return "nudged_reply"

    async def _record(self, message: _Seen, hit: GuidelineHit, outcome: str) -> int:
        return await self.repo.record_hit(
            guild_id=message.guild.id,
            channel_id=message.channel.id,
            user_id=message.author.id,
            message_id=message.id,
            label=hit.label,
            rule=hit.rule,
            outcome=outcome,
            now=self.services.clock.now(),
        )

    # --- abuse ----------------------------------------------------------------------------------

    async def _handle_abuse(self, message: _Seen, hit: GuidelineHit, *, care: bool) -> None:
        """Hide, keep a copy, record the infraction, tell the author, apply thresholds.

        ``care``: the author may be struggling (a watch signal): the hit also waits in
        /mod queue and the author gets the kind note instead of the bare notice.
        """
        guild, author = message.guild, message.author
        settings = await self.services.guild_settings.get(guild.id)
        now = self.services.clock.now()
        limits = resolve_limits(await self.repo.limits(guild.id))
        points = POINTS_FOR_LABEL.get(hit.label, 1)
        before = active_points(await self.repo.infractions(guild.id, author.id), now)
        done = await self.repo.hide_message(
            guild_id=guild.id,
            channel_id=message.channel.id,
            user_id=author.id,
            message_id=message.id,
            label=hit.label,
            rule=hit.rule,
            content=message.content,
            points=points,
            reason=hit.reason,
            now=now,
            expires_at=now + limits.point_lifetime,
            outcome="hidden_wellbeing" if care else "hidden",
        )
        if done is None:
            return  # this message was already handled
        hidden, infraction = done
        # The copy is for moderators only, and only for the retention period.
        retention = timedelta(days=self.services.settings.retention_days)
        await self.services.jobs.schedule(PURGE, hidden.id, now + retention)
        try:
            await message.delete()
        except discord.NotFound:
            pass  # someone already deleted it
        except discord.HTTPException:
            log.error("guidelines: could not hide message %s; queued for moderators", message.id)
            await self.repo.mark_hide_failed(message.id)
        log.info(
            "guidelines: hid message %s (%s), infraction %s", message.id, hit.rule, infraction.id
        )
        after = before + points
        notice = (messages.hidden_care_notice if care else messages.hidden_notice)(
            author.display_name,
            getattr(message.channel, "mention", "the group"),
            hit.reason,
            infraction,
            after,
            limits.point_days,
        )
        how_told = await self._tell(author, notice, appeal_view(infraction.id))
        if how_told != "dm":
            reply = messages.hidden_care_reply if care else messages.hidden_reply
            try:
                await message.channel.send(
                    reply(author.id),
                    view=appeal_view(infraction.id),
                    delete_after=REPLY_LIFETIME,
                    allowed_mentions=discord.AllowedMentions(users=[author]),
                )
            except discord.HTTPException:
                log.warning("guidelines: could not tell member %s about a hide", author.id)
        # Someone who may be struggling is never timed out by a machine: the hide waits in
        # /mod queue and a moderator decides (the review note still goes out at its threshold).
        await self._escalate(guild, author, settings, limits, before, after, may_time_out=not care)

    async def _escalate(
        self,
        guild: discord.Guild,
        member: discord.Member,
        settings: GuildSettings,
        limits: Limits,
        before: int,
        after: int,
        *,
        timed_out_now: bool = False,
        may_time_out: bool = True,
    ) -> None:
        """Apply the point thresholds crossed going from ``before`` to ``after``."""
        step = escalation(before, after, limits, timed_out_now=timed_out_now)
        now = self.services.clock.now()
        if step.timeout_minutes is not None and not may_time_out:
            log.info(
                "guidelines: no automatic timeout for member %s (may be struggling)", member.id
            )
        elif step.timeout_minutes is not None:
            try:
                # An end time from the injected clock (the system clock in production, which
                # is Discord's), so tests that move time see consistent timeouts.
                await member.timeout(
                    now + timedelta(minutes=step.timeout_minutes),
                    reason=f"Kindred: {after} active points",
                )
            except discord.HTTPException:
                log.error("guidelines: could not time out member %s", member.id)
            else:
                await self.repo.add_infraction(
                    guild_id=guild.id,
                    user_id=member.id,
                    kind="timeout",
                    points=0,
                    reason=f"Reached {after} active points (threshold {limits.timeout_points}).",
                    actor_id=None,
                    now=now,
                    expires_at=now + limits.point_lifetime,
                    duration_min=step.timeout_minutes,
                )
                await self._tell(
                    member, messages.auto_timeout_notice(guild.name, step.timeout_minutes, after)
                )
        if step.review:
            note = messages.review_note(
                member.id, after, await self.repo.infractions(guild.id, member.id)
            )
            channel = (
                guild.get_channel(settings.staff_channel_id) if settings.staff_channel_id else None
            )
            if isinstance(channel, discord.TextChannel):
                if (await messenger_of(self.bot).post(channel, note)).sent:
                    return
                log.error("guidelines: review note for %s could not be posted", member.id)
            log.warning("guidelines: member %s needs review but no staff channel works", member.id)

    async def _tell(
        self, member: discord.Member | discord.User, text: str, view: discord.ui.View | None = None
    ) -> str:
        """DM a member, best effort: ``dm``, ``closed`` or ``failed``; never raises."""
        sent = await messenger_of(self.bot).dm(member, text, view=view)
        return "dm" if sent.sent else sent.status

    async def _on_purge(self, job: Any) -> None:
        """Retention: drop the copy of a hidden message (idempotent)."""
        if await self.repo.purge_hidden(job.entity_id, self.services.clock.now()):
            log.info("guidelines: purged the copy of hidden message %s", job.entity_id)

    # --- appeals --------------------------------------------------------------------------------

    async def open_appeal(self, interaction: discord.Interaction, infraction_id: int) -> None:
        """The Appeal button: only the infraction's member, once."""
        infraction = await self._own_infraction(interaction, infraction_id)
        if await self.repo.has_appeal(infraction.id):
            raise UserFacingError(messages.APPEAL_EXISTS.format(infraction_id=infraction.id))
        await interaction.response.send_modal(AppealModal(infraction.id))

    async def file_appeal(
        self, interaction: discord.Interaction, infraction_id: int, text: str
    ) -> None:
        """Store the appeal; it shows in /mod queue (and a line in the staff channel)."""
        infraction = await self._own_infraction(interaction, infraction_id)
        appeal = await self.repo.add_appeal(infraction, text, self.services.clock.now())
        if appeal is None:
            raise UserFacingError(messages.APPEAL_EXISTS.format(infraction_id=infraction.id))
        filed = messages.APPEAL_FILED.format(appeal_id=appeal.id)
        if interaction.guild_id is None and interaction.message is not None:
            # In the DM notice: say so in place and drop the button (one appeal each).
            body = f"{interaction.message.content}\n\n**{filed}**"[:2000]
            await interaction.response.edit_message(content=body, view=None)
        else:
            await interaction.response.send_message(filed, ephemeral=True)
        guild = self.bot.get_guild(infraction.guild_id)
        settings = await self.services.guild_settings.get(infraction.guild_id)
        channel = (
            guild.get_channel(settings.staff_channel_id)
            if guild and settings.staff_channel_id
            else None
        )
        if isinstance(channel, discord.TextChannel):
            text = messages.APPEAL_STAFF.format(
                appeal_id=appeal.id, user_id=appeal.user_id, infraction_id=infraction.id
            )
            if not (await messenger_of(self.bot).post(channel, text)).sent:
                log.warning("guidelines: could not post appeal %s to staff", appeal.id)

    async def _own_infraction(
        self, interaction: discord.Interaction, infraction_id: int
    ) -> Infraction:
        infraction = await self.repo.infraction(infraction_id)
        if infraction is None:
            raise UserFacingError(messages.APPEAL_NOT_FOUND)
        if infraction.user_id != interaction.user.id:
            raise UserFacingError(messages.APPEAL_NOT_YOURS)
        return infraction

    # --- moderator commands ---------------------------------------------------------------------

    @mod_group.command(name="warn")
    @app_commands.describe(
        member="Who to warn",
        reason="Why (the member sees this, and it goes in the audit log)",
        points=f"Points to add (default {WARN_POINTS})",
    )
    @moderators_only()
    async def mod_warn(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: str,
        points: app_commands.Range[int, 0, 10] = WARN_POINTS,
    ) -> None:
        """Warn a member, with a reason they are told and points that expire."""
        await self._act(interaction, member, "warn", points, reason)

    @mod_group.command(name="timeout")
    @app_commands.describe(
        member="Who to time out",
        minutes="How long (1 minute to 28 days)",
        reason="Why (the member sees this, and it goes in the audit log)",
        points=f"Points to add (default {TIMEOUT_ACTION_POINTS})",
    )
    @moderators_only()
    async def mod_timeout(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        minutes: app_commands.Range[int, 1, 40320],
        reason: str,
        points: app_commands.Range[int, 0, 10] = TIMEOUT_ACTION_POINTS,
    ) -> None:
        """Time a member out for a while, with a reason they are told."""
        await self._act(interaction, member, "timeout", points, reason, minutes=minutes)

    @mod_group.command(name="note")
    @app_commands.describe(
        member="Who the note is about",
        note="What moderators should know (the member can read it in their /privacy export)",
    )
    @moderators_only()
    async def mod_note(
        self, interaction: discord.Interaction, member: discord.Member, note: str
    ) -> None:
        """Add a note for moderators to a member's record (not sent; in their /privacy export)."""
        await self._act(interaction, member, "note", 0, note)

    @mod_group.command(name="pardon")
    @app_commands.describe(
        infraction="The infraction number (see /mod history)",
        reason="Why (goes to the member and the audit log)",
    )
    @moderators_only()
    async def mod_pardon(
        self, interaction: discord.Interaction, infraction: int, reason: str
    ) -> None:
        """Take back an infraction: its points stop counting and any appeal is granted."""
        assert interaction.guild is not None
        reason = require_reason(reason)
        record = await self.repo.infraction(infraction)
        if record is None or record.guild_id != interaction.guild.id:
            raise UserFacingError(f"There is no infraction #{infraction} in this server.")
        if record.user_id == interaction.user.id:
            raise UserFacingError("You can't pardon your own infraction; ask another moderator.")
        if not await self.repo.pardon(
            record.id, interaction.user.id, reason, self.services.clock.now()
        ):
            raise UserFacingError(f"Infraction #{record.id} was already pardoned.")
        told = "not told (they are no longer here)"
        member = interaction.guild.get_member(record.user_id) if record.user_id else None
        if member is not None and record.kind != "note":
            how = await self._tell(
                member, messages.pardon_notice(interaction.guild.name, record, reason)
            )
            told = "told by DM" if how == "dm" else "not told (their DMs are closed)"
        elif record.kind == "note":
            told = "not told (it was a private note)"
        await interaction.response.send_message(
            f"Pardoned infraction #{record.id} for <@{record.user_id}>; they were {told}.",
            ephemeral=True,
        )

    @mod_group.command(name="history")
    @app_commands.describe(member="Whose record to show")
    @moderators_only()
    async def mod_history(self, interaction: discord.Interaction, member: discord.User) -> None:
        """A member's moderation record: infractions, points, pardons and hidden messages."""
        await self._send_history(interaction, member)

    @app_commands.default_permissions(manage_messages=True)
    @app_commands.guild_only()
    @moderators_only()
    async def _history_menu(self, interaction: discord.Interaction, member: discord.User) -> None:
        """A member's moderation record (the mobile-friendly /mod history)."""
        await self._send_history(interaction, member)

    @mod_group.command(name="queue")
    @moderators_only()
    async def mod_queue(self, interaction: discord.Interaction) -> None:
        """Report-only hits and appeals waiting for a moderator."""
        assert interaction.guild is not None
        gid = interaction.guild.id
        text = messages.queue(
            await self.repo.open_reports(gid), await self.repo.open_appeals(gid), gid
        )
        await interaction.response.send_message(
            text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @mod_group.command(name="resolve")
    @app_commands.describe(
        item="The queue item, e.g. R12 (a report) or A3 (an appeal)",
        reason="What you decided and why (an appeal's member is told)",
    )
    @moderators_only()
    async def mod_resolve(self, interaction: discord.Interaction, item: str, reason: str) -> None:
        """Close a queue item: a report is marked reviewed; an appeal is upheld (use /mod pardon to grant)."""
        assert interaction.guild is not None
        guild = interaction.guild
        reason = require_reason(reason)
        kind, item_id = parse_queue_item(item)
        now = self.services.clock.now()
        if kind == "report":
            if not await self.repo.review_hit(guild.id, item_id, interaction.user.id, reason, now):
                raise UserFacingError(f"R{item_id} is not an open item in this server's queue.")
            await interaction.response.send_message(f"Marked R{item_id} reviewed.", ephemeral=True)
            return
        appeal = await self.repo.uphold_appeal(guild.id, item_id, interaction.user.id, reason, now)
        if appeal is None:
            raise UserFacingError(f"A{item_id} is not an open appeal in this server.")
        member = guild.get_member(appeal.user_id) if appeal.user_id else None
        how = (
            "closed"
            if member is None
            else await self._tell(member, messages.appeal_decided_notice(guild.name, appeal))
        )
        told = "they were told by DM" if how == "dm" else "they could not be told by DM"
        await interaction.response.send_message(
            f"Appeal A{appeal.id} closed: infraction #{appeal.infraction_id} stands; {told}.",
            ephemeral=True,
        )

    async def _act(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        kind: str,
        points: int,
        reason: str,
        *,
        minutes: int | None = None,
    ) -> None:
        """warn / timeout / note: check the target, act, record, tell, apply thresholds."""
        guild = interaction.guild
        assert guild is not None
        assert isinstance(interaction.user, discord.Member)
        reason = require_reason(reason)
        settings = await self.services.guild_settings.get(guild.id)
        self._check_target(interaction.user, member, settings)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if kind == "timeout":
            assert minutes is not None
            try:
                # An end time from the injected clock (see the automatic timeout above).
                await member.timeout(
                    self.services.clock.now() + timedelta(minutes=minutes),
                    reason=f"{interaction.user}: {reason}"[:512],
                )
            except discord.Forbidden as exc:
                raise UserFacingError(
                    f"Discord didn't let me time out {member.mention}: their top role may be "
                    "above mine, or I lack Moderate Members. Nothing was recorded."
                ) from exc
        now = self.services.clock.now()
        limits = resolve_limits(await self.repo.limits(guild.id))
        before = active_points(await self.repo.infractions(guild.id, member.id), now)
        infraction = await self.repo.add_infraction(
            guild_id=guild.id,
            user_id=member.id,
            kind=kind,
            points=points,
            reason=reason,
            actor_id=interaction.user.id,
            now=now,
            expires_at=now + limits.point_lifetime,
            duration_min=minutes,
        )
        after = before + points
        if kind == "note":
            told = (
                "Notes are not sent to the member, but they can read them in their "
                "`/privacy export`: it is their data."
            )
        else:
            how = await self._tell(
                member,
                messages.action_notice(guild.name, infraction, after, limits.point_days),
                appeal_view(infraction.id),
            )
            told = (
                "They were told by DM."
                if how == "dm"
                else "They could NOT be told by DM (closed or failed); consider telling them."
            )
        await self._escalate(
            guild, member, settings, limits, before, after, timed_out_now=kind == "timeout"
        )
        await interaction.followup.send(
            f"Recorded {messages.KIND[kind]} #{infraction.id} for {member.mention} "
            f"({points} point(s); {after} active). {told}",
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    def _check_target(
        self, actor: discord.Member, target: discord.Member, settings: GuildSettings
    ) -> None:
        problem = refusal(
            actor_id=actor.id,
            target_id=target.id,
            target_is_bot=target.bot,
            target_is_coordinator=is_coordinator(target, settings),
            target_is_moderator=is_moderator(target, settings),
            actor_is_coordinator=is_coordinator(actor, settings),
        )
        if problem:
            raise UserFacingError(problem)

    async def _send_history(self, interaction: discord.Interaction, user: discord.abc.User) -> None:
        assert interaction.guild is not None
        gid = interaction.guild.id
        now = self.services.clock.now()
        infractions = await self.repo.infractions(gid, user.id)
        hidden = {}
        for inf in infractions:
            if inf.kind == "hidden":
                copy = await self.repo.hidden_for_infraction(inf.id)
                if copy is not None:
                    hidden[inf.id] = copy
        text = messages.history(
            user.id,
            infractions,
            hidden,
            active_points(infractions, now),
            now,
            await self.repo.opted_out(gid, user.id),
        )
        await interaction.response.send_message(
            text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    # --- /guidelines ------------------------------------------------------------------------------

    @guidelines_group.command(name="show")
    @app_commands.describe(channel="Show how the rules apply in this channel (default: server)")
    @moderators_only()
    async def guidelines_show(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | discord.Thread | None = None,
    ) -> None:
        """Rule modes, limits, counts per rule, and who asked not to be nudged."""
        assert interaction.guild is not None
        gid = interaction.guild.id
        settings = await self.services.guild_settings.get(gid)
        modes = await self.repo.modes(gid)
        parent_id = getattr(channel, "parent_id", None) if channel else None
        staff = channel is not None and settings.staff_channel_id in (channel.id, parent_id)
        shown = {
            label: explain_mode(
                label,
                modes,
                channel_id=channel.id if channel else None,
                parent_id=parent_id,
                staff_channel=staff,
            )
            for label in LABELS
        }
        limits = resolve_limits(await self.repo.limits(gid))
        days = 30
        counts = sorted_counts(
            await self.repo.counts(gid, self.services.clock.now() - timedelta(days=days))
        )
        text = messages.settings_view(
            shown,
            messages.limits_lines(limits),
            counts,
            await self.repo.opted_out_members(gid),
            days,
            channel.mention if channel else "this server",
        )
        await interaction.response.send_message(
            text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @guidelines_group.command(name="set")
    @app_commands.describe(
        rule="Which guideline",
        mode="on, report only, off, or back to the default",
        channel="Only in this channel (default: the whole server)",
    )
    @app_commands.choices(rule=RULE_CHOICES, mode=MODE_CHOICES)
    @moderators_only()
    async def guidelines_set(
        self,
        interaction: discord.Interaction,
        rule: str,
        mode: str,
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Turn a guideline on, off or to report-only, for the server or one channel."""
        assert interaction.guild is not None
        await self.repo.set_mode(
            interaction.guild.id,
            channel.id if channel else None,
            rule,
            None if mode == "default" else mode,
            actor_id=interaction.user.id,
            now=self.services.clock.now(),
        )
        where = channel.mention if channel else "the whole server"
        await interaction.response.send_message(
            f"Saved: `{rule}` is now **{mode}** in {where}.", ephemeral=True
        )

    @guidelines_group.command(name="limits")
    @app_commands.describe(
        nudges_per_hour="Most nudges a member gets in an hour (default 1)",
        nudges_per_week="Most nudges a member gets in a week (default 3)",
        point_days="Days before an infraction's points expire (default 30)",
        timeout_points="Active points that trigger a timeout (default 3; 0 = never)",
        timeout_minutes="Length of that timeout (default 60)",
        review_points="Active points that ask moderators to review (default 6; 0 = never)",
    )
    @coordinators_only()
    async def guidelines_limits(
        self,
        interaction: discord.Interaction,
        nudges_per_hour: app_commands.Range[int, 0, 10] | None = None,
        nudges_per_week: app_commands.Range[int, 0, 50] | None = None,
        point_days: app_commands.Range[int, 1, 365] | None = None,
        timeout_points: app_commands.Range[int, 0, 100] | None = None,
        timeout_minutes: app_commands.Range[int, 1, 40320] | None = None,
        review_points: app_commands.Range[int, 0, 100] | None = None,
    ) -> None:
        """Change nudge limits and point thresholds (coordinators). Options left out stay."""
        assert interaction.guild is not None
        changes = {
            k: v
            for k, v in {
                "nudges_per_hour": nudges_per_hour,
                "nudges_per_week": nudges_per_week,
                "point_days": point_days,
                "timeout_points": timeout_points,
                "timeout_minutes": timeout_minutes,
                "review_points": review_points,
            }.items()
            if v is not None
        }
        stored = await self.repo.set_limits(
            interaction.guild.id,
            changes,
            actor_id=interaction.user.id,
            now=self.services.clock.now(),
        )
        lines = messages.limits_lines(resolve_limits(stored))
        await interaction.response.send_message("Saved. " + "; ".join(lines), ephemeral=True)

    @guidelines_group.command(name="automod")
    @app_commands.describe(state="on: keep an AutoMod rule that blocks slurs; off: remove it")
    @app_commands.choices(state=ON_OFF)
    @coordinators_only()
    async def guidelines_automod(self, interaction: discord.Interaction, state: str) -> None:
        """Let Discord's AutoMod block slurs from the toxic guideline (a rule Kindred keeps)."""
        assert interaction.guild is not None
        guild = interaction.guild
        enabled = state == "on"
        await interaction.response.defer(ephemeral=True, thinking=True)
        stored = await self.repo.automod(guild.id)
        applied = await self.automod.apply(
            guild,
            enabled,
            stored.rule_id,
            reason=f"Kindred /guidelines automod {state}: asked by {interaction.user.id}",
        )
        await self.repo.set_automod(
            guild.id,
            enabled,
            applied.rule_id,
            actor_id=interaction.user.id,
            now=self.services.clock.now(),
        )
        if enabled:
            staff = (await self.services.guild_settings.get(guild.id)).staff_channel_id
            text = messages.automod_on(RULE_NAME, applied.words, applied.step.action, staff)
        else:
            text = messages.automod_off(applied.step.action == "delete")
        await interaction.followup.send(text, ephemeral=True)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """After (re)connecting: make each server's AutoMod rule for slurs match its setting."""
        await self.automod.reconcile_all()

    # --- /nudges (any member) -------------------------------------------------------------------

    @nudges_group.command(name="off")
    async def nudges_off(self, interaction: discord.Interaction) -> None:
        """Stop Kindred's private coaching notes to you (moderators can see you chose this)."""
        assert interaction.guild_id is not None
        await self.repo.set_opt_out(
            interaction.guild_id, interaction.user.id, True, self.services.clock.now()
        )
        await interaction.response.send_message(messages.NUDGES_OFF, ephemeral=True)

    @nudges_group.command(name="on")
    async def nudges_on(self, interaction: discord.Interaction) -> None:
        """Let Kindred send you an occasional private coaching note again."""
        assert interaction.guild_id is not None
        await self.repo.set_opt_out(
            interaction.guild_id, interaction.user.id, False, self.services.clock.now()
        )
        await interaction.response.send_message(messages.NUDGES_ON, ephemeral=True)

"""Discord glue for the guidelines lane (coaching nudges, abuse handling, moderator tools).

Three paths that never mix:
- coaching (minimizing, comparing, unsolicited advice): the message stays; the author gets a
  private, rate-limited nudge (DM, else a reply that stays 10 minutes); no infraction;
- abuse (toxic, privacy): persist a copy and the infraction first, then hide the message, tell
  the author why and how to appeal, and apply the point thresholds;
- crisis: a message the crisis screen flags (concern or urgent) is left entirely to the crisis
  lane here. An abusive message at watch level is hidden like any other, but also queued for
  a moderator, and its author gets a kind note (``policy.handling`` decides).

Messages are screened once in ``cogs/screening``, which decides which path a message takes
(``screening.pipeline.route``) and hands this lane the ``Route`` (``act_on``).

Where things live: the use cases in ``service.py`` (``GuidelineService``), built once in
``bot.py``; the decisions in ``policy.py``; the Discord work on a routed message and the
appeal button in the mixin ``_handling.py``; Kindred's own AutoMod rule in ``_automod.py``.
A command here checks, converts, calls the service, renders with ``messages.py`` and replies.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.guidelines import messages
from cogs.guidelines._automod import RULE_NAME, AutoModKeeper
from cogs.guidelines._handling import REPLY_LIFETIME, HandlingMixin
from cogs.guidelines._mod_actions import (
    ModButton,
    TimeoutForm,
    WarnForm,
    pardon_infraction,
    queue_view,
    resolve_item,
    send_history,
)
from cogs.guidelines.policy import (
    LABELS,
    TIMEOUT_ACTION_POINTS,
    WARN_POINTS,
    refusal,
    require_reason,
)
from cogs.guidelines.service import PURGE
from cogs.guidelines.views import AppealButton, DismissButton, appeal_view
from cogs.utils.checks import coordinators_only, is_coordinator, is_moderator, moderators_only
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import speaking, t
from db.models import GuildSettings

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

__all__ = ["PURGE", "REPLY_LIFETIME", "GuidelinesCog"]

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


class GuidelinesCog(HandlingMixin):
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

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.guidelines = bot.services.lanes.guidelines
        self.repo = self.guidelines.repo
        self.screen = bot.services.data.guidelines
        self.automod = AutoModKeeper(bot, self.repo)
        self.history_menu = app_commands.ContextMenu(
            name="Moderation history", callback=self._history_menu
        )
        self.warn_menu = app_commands.ContextMenu(name="Warn", callback=self._warn_menu)
        self.timeout_menu = app_commands.ContextMenu(name="Time out", callback=self._timeout_menu)
        bot.services.jobs.register(PURGE, self.guidelines.on_purge)

    async def cog_load(self) -> None:
        """Appeal and moderator buttons keep working after a restart; add the context menus."""
        self.bot.add_dynamic_items(AppealButton, DismissButton, ModButton)
        self.bot.tree.add_command(self.history_menu)
        self.bot.tree.add_command(self.warn_menu)
        self.bot.tree.add_command(self.timeout_menu)
        self.bot.guideline_actions = self  # screening hands routed messages here

    async def cog_unload(self) -> None:
        """Stop listening for the buttons; remove the context menus."""
        self.bot.remove_dynamic_items(AppealButton, DismissButton, ModButton)
        self.bot.tree.remove_command(self.history_menu.name, type=self.history_menu.type)
        self.bot.tree.remove_command(self.warn_menu.name, type=self.warn_menu.type)
        self.bot.tree.remove_command(self.timeout_menu.name, type=self.timeout_menu.type)
        self.bot.guideline_actions = None

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
        await pardon_infraction(interaction, infraction, reason)

    @mod_group.command(name="history")
    @app_commands.describe(member="Whose record to show")
    @moderators_only()
    async def mod_history(self, interaction: discord.Interaction, member: discord.User) -> None:
        """A member's moderation record: infractions, points, pardons and hidden messages."""
        await send_history(interaction, member.id)

    @app_commands.default_permissions(manage_messages=True)
    @app_commands.guild_only()
    @moderators_only()
    async def _history_menu(self, interaction: discord.Interaction, member: discord.User) -> None:
        """A member's moderation record (the mobile-friendly /mod history)."""
        await send_history(interaction, member.id)

    @app_commands.default_permissions(manage_messages=True)
    @app_commands.guild_only()
    @moderators_only()
    async def _warn_menu(self, interaction: discord.Interaction, member: discord.Member) -> None:
        """Warn a member in two taps (the mobile-friendly /mod warn): a form asks the reason."""
        await interaction.response.send_modal(WarnForm(member, self._warn))

    async def _warn(
        self, interaction: discord.Interaction, member: discord.Member, reason: str
    ) -> None:
        """The Warn form's reason: the same warning as /mod warn, with the default points."""
        await self._act(interaction, member, "warn", WARN_POINTS, reason)

    @app_commands.default_permissions(manage_messages=True)
    @app_commands.guild_only()
    @moderators_only()
    async def _timeout_menu(self, interaction: discord.Interaction, member: discord.Member) -> None:
        """Time a member out from their profile (the mobile-friendly /mod timeout)."""
        await interaction.response.send_modal(TimeoutForm(member, self._timeout))

    async def _timeout(
        self, interaction: discord.Interaction, member: discord.Member, minutes: int, reason: str
    ) -> None:
        """The Time out form: the same timeout as /mod timeout, with the default points."""
        await self._act(
            interaction, member, "timeout", TIMEOUT_ACTION_POINTS, reason, minutes=minutes
        )

    @mod_group.command(name="queue")
    @moderators_only()
    async def mod_queue(self, interaction: discord.Interaction) -> None:
        """Flagged messages, members' reports and appeals waiting for a moderator."""
        assert interaction.guild is not None
        gid = interaction.guild.id
        queue = await self.guidelines.queue(gid)
        text = messages.queue(queue.reports, queue.appeals, gid, queue.member_reports)
        view = queue_view(queue.appeals, queue.reports, queue.member_reports)  # a tap, not a code
        await interaction.response.send_message(
            text,
            view=view or discord.utils.MISSING,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @mod_group.command(name="resolve")
    @app_commands.describe(
        item="The queue item, e.g. R12 (flagged), M4 (a member's report) or A3 (an appeal)",
        reason="What you decided and why (an appeal's member is told)",
    )
    @moderators_only()
    async def mod_resolve(self, interaction: discord.Interaction, item: str, reason: str) -> None:
        """Close a queue item: a report is marked reviewed; an appeal is upheld (use /mod pardon to grant)."""
        await resolve_item(interaction, item, reason)

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
                # An end time from the injected clock (as the automatic one in _handling.py).
                await member.timeout(
                    self.services.clock.now() + timedelta(minutes=minutes),
                    reason=f"{interaction.user}: {reason}"[:512],
                )
            except discord.Forbidden as exc:
                raise UserFacingError(
                    f"Discord didn't let me time out {member.mention}: their top role may be "
                    "above mine, or I lack Moderate Members. Nothing was recorded."
                ) from exc
        recorded = await self.guidelines.act(
            guild.id, interaction.user.id, member.id, kind, points, reason, minutes=minutes
        )
        infraction, after = recorded.infraction, recorded.after
        if kind == "note":
            told = (
                "Notes are not sent to the member, but they can read them in their "
                "`/privacy export`: it is their data."
            )
        else:
            # The member's language, whatever the moderator's.
            with speaking(await self._language_of(guild.id, member.id)):
                notice = messages.action_notice(
                    guild.name, infraction, after, recorded.limits.point_days
                )
                view = appeal_view(infraction.id)
            how = await self._tell(member, notice, view)
            told = (
                "They were told by DM."
                if how == "dm"
                else "They could NOT be told by DM (closed or failed); consider telling them."
            )
        await self._escalate(guild, member, settings, recorded)
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
        parent_id = getattr(channel, "parent_id", None) if channel else None
        overview = await self.guidelines.overview(
            interaction.guild.id, channel.id if channel else None, parent_id
        )
        text = messages.settings_view(
            overview.modes,
            messages.limits_lines(overview.limits),
            overview.counts,
            overview.opted_out,
            overview.days,
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
        await self.guidelines.set_mode(
            interaction.guild.id, interaction.user.id, rule, mode, channel.id if channel else None
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
        limits = await self.guidelines.set_limits(
            interaction.guild.id, interaction.user.id, changes
        )
        lines = messages.limits_lines(limits)
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
        applied, staff = await self.automod.switch(
            guild,
            enabled,
            interaction.user.id,
            reason=f"Kindred /guidelines automod {state}: asked by {interaction.user.id}",
        )
        if enabled:
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
        await self.guidelines.set_nudges(interaction.guild_id, interaction.user.id, on=False)
        await interaction.response.send_message(t(messages.NUDGES_OFF), ephemeral=True)

    @nudges_group.command(name="on")
    async def nudges_on(self, interaction: discord.Interaction) -> None:
        """Let Kindred send you an occasional private coaching note again."""
        assert interaction.guild_id is not None
        await self.guidelines.set_nudges(interaction.guild_id, interaction.user.id, on=True)
        await interaction.response.send_message(t(messages.NUDGES_ON), ephemeral=True)

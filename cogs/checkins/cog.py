"""Discord glue for weekly peer check-ins: the /checkin commands and posts in pair threads.

The use cases live in ``service.py`` (``CheckinService``: members' choices, moderators' view and
swaps) and ``rounds.py`` (``RoundService``: the weekly round and its jobs), built once in
``bot.py`` and reached as ``bot.services.lanes.checkins``. The job handlers, which do the
Discord part of a round (threads, DMs, buttons), are the mixin ``_rounds.py``. A command here
checks, converts, calls one service method, renders with ``messages.py`` and replies; the
"did you meet?" buttons (``views.py``) reach the service the same way.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.checkins import messages
from cogs.checkins._rounds import RoundsMixin
from cogs.checkins.rounds import SWEEP
from cogs.checkins.service import PairsReport
from cogs.checkins.views import AnswerButton
from cogs.utils.checks import coordinators_only, moderators_only
from cogs.utils.i18n import t, tn
from cogs.utils.replies import reply_privately
from db.repositories.checkins import ACTIVE, PAUSED

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

PLACE_CHOICES = [
    app_commands.Choice(name="a private thread in my group channel", value="thread"),
    app_commands.Choice(name="direct messages", value="dm"),
]


class CheckinsCog(RoundsMixin):
    """Weekly check-in pairs, their threads, reminders and "did you meet?"."""

    checkin_group = app_commands.Group(
        name="checkin", description="Weekly peer check-ins with a partner.", guild_only=True
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.lane = bot.services.lanes.checkins
        self.rounds = self.lane.rounds
        self._register_jobs()

    async def cog_load(self) -> None:
        """Make the answer buttons work after a restart; make sure the sweep is scheduled."""
        self.bot.add_dynamic_items(AnswerButton)
        await self.bot.services.jobs.ensure_recurring(SWEEP)

    async def cog_unload(self) -> None:
        """Stop listening for answer buttons."""
        self.bot.remove_dynamic_items(AnswerButton)

    # --- member commands -----------------------------------------------------------------------

    @checkin_group.command(name="status")
    async def checkin_status(self, interaction: discord.Interaction) -> None:
        """Your check-ins: taking part or not, where you meet, this week's partner, your list."""
        assert interaction.guild is not None
        found = await self.lane.status(interaction.guild.id, interaction.user.id)
        ctx, me = found.context, interaction.user.id
        lines = [t("**Check-ins in {cohort}**", cohort=ctx.cohort.name)]
        status = ctx.status
        if status == ACTIVE:
            lines.append(t("You're taking part."))
        elif status == PAUSED:
            lines.append(t("Your check-ins are paused. `/checkin optin` starts them again."))
        else:
            lines.append(t("You're not taking part. `/checkin optin` to join in."))
        place = ctx.choice.place if ctx.choice else "thread"
        lines.append(
            t("You meet by direct message.")
            if place == "dm"
            else t("You meet in a private thread.")
        )
        if status == ACTIVE and ctx.choice and ctx.choice.snoozed_until >= found.next_week:
            lines.append(
                t(
                    "Snoozed: you'll be paired again from week {week}.",
                    week=ctx.choice.snoozed_until + 1,
                )
            )
        if found.current is not None:
            round_, pair = found.current
            others = messages.mentions([u for u in pair.user_ids if u != me])
            if pair.thread_id:
                line = t(
                    "This week (week {week}): {partners} in <#{thread}>.",
                    week=round_.week,
                    partners=others,
                    thread=pair.thread_id,
                )
            else:
                line = t(
                    "This week (week {week}): {partners} by direct message.",
                    week=round_.week,
                    partners=others,
                )
            lines.append(line)
        if found.avoided:
            lines.append(
                t(
                    "You asked not to be paired with {members} (only you can see this).",
                    members=messages.mentions(found.avoided),
                )
            )
        await reply_privately(interaction, "\n".join(lines))

    @checkin_group.command(name="snooze")
    @app_commands.describe(weeks="How many weeks to skip (1 to 8; default 1)")
    async def checkin_snooze(self, interaction: discord.Interaction, weeks: int = 1) -> None:
        """Skip check-ins for a week or more; nobody is told why."""
        assert interaction.guild is not None
        back = await self.lane.snooze(interaction.guild.id, interaction.user.id, weeks)
        await reply_privately(
            interaction,
            tn(
                "Snoozed. You won't get a partner for {n} week; you'll be paired again from "
                "week {back}. Take care of yourself.",
                "Snoozed. You won't get a partner for {n} weeks; you'll be paired again from "
                "week {back}. Take care of yourself.",
                weeks,
                back=back,
            ),
        )

    @checkin_group.command(name="optout")
    async def checkin_optout(self, interaction: discord.Interaction) -> None:
        """Stop weekly check-ins (from next week); you can come back any time."""
        assert interaction.guild is not None
        await self.lane.opt_out(interaction.guild.id, interaction.user.id)
        await reply_privately(
            interaction,
            t(
                "Done: no more check-in partners from next week. `/checkin optin` brings you "
                "back whenever you like."
            ),
        )

    @checkin_group.command(name="optin")
    @app_commands.describe(where="Where you'd like to meet your partner (default: private thread)")
    @app_commands.choices(where=PLACE_CHOICES)
    async def checkin_optin(self, interaction: discord.Interaction, where: str = "thread") -> None:
        """Take part in weekly check-ins (also to rejoin after a pause or opting out)."""
        assert interaction.guild is not None
        saved = await self.lane.opt_in(interaction.guild.id, interaction.user.id, where)
        text = (
            t(
                "You're in. From the next round you'll get a partner each week, meeting in "
                "direct messages."
            )
            if saved.place == "dm"
            else t(
                "You're in. From the next round you'll get a partner each week, meeting in "
                "a private thread."
            )
        )
        await reply_privately(interaction, text)

    @checkin_group.command(name="avoid")
    @app_commands.describe(
        member="Someone you'd rather not be paired with",
        remove="Take them off your list instead",
    )
    async def checkin_avoid(
        self, interaction: discord.Interaction, member: discord.Member, remove: bool = False
    ) -> None:
        """Confidentially ask not to be paired with someone; they are never told."""
        assert interaction.guild is not None
        done = await self.lane.avoid(
            interaction.guild.id, interaction.user.id, member.id, remove=remove
        )
        if remove:
            text = (
                t("Taken {member} off your list.", member=member.mention)
                if done.changed
                else t("{member} wasn't on your list.", member=member.mention)
            )
        else:
            text = t(
                "Noted, privately: you won't be paired with {member}. They are not told, "
                "and nobody else sees your list.",
                member=member.mention,
            )
            if done.paired_now:
                text += " " + t(
                    "This week's pairs are already made; if you'd like a change now, a "
                    "moderator can quietly swap partners."
                )
        await reply_privately(interaction, text)

    # --- moderator commands --------------------------------------------------------------------

    @checkin_group.command(name="pairs")
    @app_commands.describe(cohort="The cohort's name (leave out when only one is running)")
    @moderators_only()
    async def checkin_pairs(
        self, interaction: discord.Interaction, cohort: str | None = None
    ) -> None:
        """This week's pairs per group, members without a partner, and completion rates."""
        assert interaction.guild is not None
        report = await self.lane.pairs_report(interaction.guild.id, cohort)
        await interaction.response.send_message(
            embed=_pairs_embed(report),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @checkin_group.command(name="override")
    @app_commands.describe(member_a="One member to swap", member_b="The member to swap them with")
    @moderators_only()
    async def checkin_override(
        self,
        interaction: discord.Interaction,
        member_a: discord.Member,
        member_b: discord.Member,
    ) -> None:
        """Swap two members' partners for this week (same group); their threads follow."""
        assert interaction.guild is not None
        # The member's cohort is checked before deferring, so a member outside one is told at once.
        await self.lane.context(interaction.guild.id, member_a.id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        swap = await self.lane.swap(
            interaction.guild.id, interaction.user.id, member_a.id, member_b.id
        )
        for move in swap.moves:
            await self._move_member(interaction.guild, swap.round, move)
        await reply_privately(
            interaction,
            f"Swapped {member_a.mention} and {member_b.mention} for week {swap.round.week}.",
        )

    @checkin_group.command(name="schedule")
    @app_commands.describe(
        cohort="The cohort's name",
        day="Weekday pairs are made, e.g. Wednesday",
        time="Local time in the cohort's timezone, e.g. 10:00",
    )
    @coordinators_only()
    async def checkin_schedule(
        self, interaction: discord.Interaction, cohort: str, day: str, time: str
    ) -> None:
        """Set the weekday and local time a cohort's check-in pairs are made (next round on)."""
        assert interaction.guild is not None
        done = await self.lane.reschedule(interaction.guild.id, cohort, day, time)
        await reply_privately(
            interaction,
            f"Check-in pairs for **{done.cohort.name}** are now made on "
            f"{_WEEKDAYS[done.weekday]} at {done.local_time.strftime('%H:%M')} "
            f"({done.cohort.timezone}).",
        )

    # --- posts in pair threads ----------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A member posting in their pair's thread counts as checking in."""
        if message.author.bot or message.guild is None:
            return
        if not isinstance(message.channel, discord.Thread):
            return
        await self.lane.record_post(message.channel.id, message.author.id)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _pairs_embed(report: PairsReport) -> discord.Embed:
    """``/checkin pairs``: each group's pairs with their answers, the unplaced, completion."""
    embed = discord.Embed(title=f"Check-ins: {report.cohort.name}", colour=0x5B8DEF)
    latest = report.round
    if latest is None:
        embed.description = "No round yet: pairs are made each week once the cohort runs."
        return embed
    state = "open" if latest.status == "open" else "closed"
    embed.description = f"Week {latest.week} ({state})."
    for group in report.groups:
        lines = []
        for pair in (p for p in report.pairs if p.group_id == group.id):
            where = f"<#{pair.thread_id}>" if pair.thread_id else "by DM"
            answers = ", ".join(
                f"<@{m.user_id}> {_answer(m.outcome, m.posted)}" for m in pair.members
            )
            lines.append(f"• {answers} · {where}")
        for u in (u for u in report.unplaced if u.group_id == group.id):
            reason = messages.REASONS_FOR_STAFF.get(u.reason, u.reason)
            lines.append(f"• <@{u.user_id}>: no partner ({reason})")
        rate = report.completion.get(group.id)
        lines.append(
            "Completion so far: "
            + (
                f"{messages.percent(rate.rate)} ({rate.met} of {rate.pairs} pairs met)"
                if rate
                else "none yet"
            )
        )
        embed.add_field(name=f"Group {group.number}", value="\n".join(lines)[:1024], inline=False)
    return embed


def _answer(outcome: str | None, posted: bool) -> str:
    if outcome == "met":
        return "✓ met"
    if outcome == "not_met":
        return "✗ not this week"
    if outcome == "no_answer":
        return "no answer"
    return "posted" if posted else "waiting"

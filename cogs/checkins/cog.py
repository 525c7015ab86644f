"""Discord glue for weekly peer check-ins.

The database is the source of truth. Each live cohort has one ``checkin_round`` job (entity: the
cohort id) that closes ended rounds, pairs the week (stored before any thread exists), opens the
threads and DMs, and reschedules itself for next week. Each round has a ``checkin_reminder`` and a
``checkin_ask`` job (entity: the round id). An hourly ``checkin_sweep`` makes sure every live
cohort has its round job, since cohorts are created and started by another lane. Every handler
re-reads the rows and is idempotent, so a restart repeats nothing and loses nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.checkins import messages
from cogs.checkins.service import LIVE, CheckinService, MemberContext
from cogs.checkins.views import AnswerButton, answer_view
from cogs.cohorts.schedule import parse_local_time, parse_weekday
from cogs.plan import messages as plan_messages
from cogs.utils.checks import coordinators_only, moderators_only
from cogs.utils.delivery import dm_user, tell_staff
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.replies import reply_privately
from db.repositories.checkins import ACTIVE, PAUSED, CheckinRepository, Pair, Round
from db.repositories.cohorts import Cohort, CohortRepository

log = logging.getLogger(__name__)

ROUND = "checkin_round"
REMINDER = "checkin_reminder"
ASK = "checkin_ask"
SWEEP = "checkin_sweep"
SWEEP_EVERY = dt.timedelta(hours=1)

PLACE_CHOICES = [
    app_commands.Choice(name="a private thread in my group channel", value="thread"),
    app_commands.Choice(name="direct messages", value="dm"),
]


class CheckinsCog(commands.Cog):
    """Weekly check-in pairs, their threads, reminders and "did you meet?"."""

    checkin_group = app_commands.Group(
        name="checkin", description="Weekly peer check-ins with a partner.", guild_only=True
    )

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.repo = CheckinRepository(bot.services.db)
        self.cohorts = CohortRepository(bot.services.db)
        self.service = CheckinService(self.repo, self.cohorts, bot.services.data.checkin_prompts)
        bot.services.jobs.register(ROUND, self._on_round)
        bot.services.jobs.register(REMINDER, self._on_reminder)
        bot.services.jobs.register(ASK, self._on_ask)
        bot.services.jobs.register(SWEEP, self._on_sweep)

    async def cog_load(self) -> None:
        """Make the answer buttons work after a restart; make sure the sweep is scheduled."""
        self.bot.add_dynamic_items(AnswerButton)
        await self.services.jobs.ensure_recurring(SWEEP)

    async def cog_unload(self) -> None:
        """Stop listening for answer buttons."""
        self.bot.remove_dynamic_items(AnswerButton)

    def _now(self) -> dt.datetime:
        return self.services.clock.now()

    # --- member commands -----------------------------------------------------------------------

    async def _context(self, interaction: discord.Interaction) -> MemberContext:
        assert interaction.guild is not None
        return await self.service.context(interaction.guild.id, interaction.user.id)

    @checkin_group.command(name="status")
    async def checkin_status(self, interaction: discord.Interaction) -> None:
        """Your check-ins: taking part or not, where you meet, this week's partner, your list."""
        ctx = await self._context(interaction)
        me = interaction.user.id
        lines = [f"**Check-ins in {ctx.cohort.name}**"]
        status = ctx.status
        if status == ACTIVE:
            lines.append("You're taking part.")
        elif status == PAUSED:
            lines.append("Your check-ins are paused. `/checkin optin` starts them again.")
        else:
            lines.append("You're not taking part. `/checkin optin` to join in.")
        place = ctx.choice.place if ctx.choice else "thread"
        lines.append(
            "You meet by direct message." if place == "dm" else "You meet in a private thread."
        )
        next_week = await self.service.next_week(ctx.cohort.id)
        if status == ACTIVE and ctx.choice and ctx.choice.snoozed_until >= next_week:
            lines.append(
                f"Snoozed: you'll be paired again from week {ctx.choice.snoozed_until + 1}."
            )
        current = await self.service.current_pair(ctx.cohort.id, me)
        if current is not None:
            round_, pair = current
            others = [u for u in pair.user_ids if u != me]
            where = f" in <#{pair.thread_id}>" if pair.thread_id else " by direct message"
            lines.append(f"This week (week {round_.week}): {messages.mentions(others)}{where}.")
        avoided = await self.repo.avoided_by(ctx.cohort.guild_id, me)
        if avoided:
            lines.append(
                f"You asked not to be paired with {messages.mentions(avoided)} "
                "(only you can see this)."
            )
        await reply_privately(interaction, "\n".join(lines))

    @checkin_group.command(name="snooze")
    @app_commands.describe(weeks="How many weeks to skip (1 to 8; default 1)")
    async def checkin_snooze(self, interaction: discord.Interaction, weeks: int = 1) -> None:
        """Skip check-ins for a week or more; nobody is told why."""
        ctx = await self._context(interaction)
        back = await self.service.snooze(ctx, weeks, self._now())
        await reply_privately(
            interaction,
            f"Snoozed. You won't get a partner for {weeks} week{'s' if weeks > 1 else ''}; "
            f"you'll be paired again from week {back}. Take care of yourself.",
        )

    @checkin_group.command(name="optout")
    async def checkin_optout(self, interaction: discord.Interaction) -> None:
        """Stop weekly check-ins (from next week); you can come back any time."""
        ctx = await self._context(interaction)
        await self.service.opt_out(ctx, self._now())
        await reply_privately(
            interaction,
            "Done: no more check-in partners from next week. `/checkin optin` brings you back "
            "whenever you like.",
        )

    @checkin_group.command(name="optin")
    @app_commands.describe(where="Where you'd like to meet your partner (default: private thread)")
    @app_commands.choices(where=PLACE_CHOICES)
    async def checkin_optin(self, interaction: discord.Interaction, where: str = "thread") -> None:
        """Take part in weekly check-ins (also to rejoin after a pause or opting out)."""
        ctx = await self._context(interaction)
        saved = await self.service.opt_in(ctx, where, self._now())
        place = "direct messages" if saved.place == "dm" else "a private thread"
        await reply_privately(
            interaction,
            f"You're in. From the next round you'll get a partner each week, meeting in {place}.",
        )

    @checkin_group.command(name="avoid")
    @app_commands.describe(
        member="Someone you'd rather not be paired with",
        remove="Take them off your list instead",
    )
    async def checkin_avoid(
        self, interaction: discord.Interaction, member: discord.Member, remove: bool = False
    ) -> None:
        """Confidentially ask not to be paired with someone; they are never told."""
        ctx = await self._context(interaction)
        changed = await self.service.avoid(ctx, member.id, remove=remove, now=self._now())
        if remove:
            text = (
                f"Taken {member.mention} off your list."
                if changed
                else f"{member.mention} wasn't on your list."
            )
        else:
            text = (
                f"Noted, privately: you won't be paired with {member.mention}. They are not told, "
                "and nobody else sees your list."
            )
            current = await self.service.current_pair(ctx.cohort.id, interaction.user.id)
            if current is not None and member.id in current[1].user_ids:
                text += (
                    " This week's pairs are already made; if you'd like a change now, a "
                    "moderator can quietly swap partners."
                )
        await reply_privately(interaction, text)

    # --- moderator commands --------------------------------------------------------------------

    async def _cohort_named(self, guild_id: int, name: str | None) -> Cohort:
        if name:
            found = await self.cohorts.by_name(guild_id, name)
            if found is None:
                raise UserFacingError(f"There is no cohort called “{name.strip()}”.")
            return found
        live = [c for c in await self.cohorts.in_guild(guild_id) if c.state in LIVE]
        if len(live) != 1:
            raise InvalidInput("Name the cohort with `cohort:`.")
        return live[0]

    @checkin_group.command(name="pairs")
    @app_commands.describe(cohort="The cohort's name (leave out when only one is running)")
    @moderators_only()
    async def checkin_pairs(
        self, interaction: discord.Interaction, cohort: str | None = None
    ) -> None:
        """This week's pairs per group, members without a partner, and completion rates."""
        assert interaction.guild is not None
        found = await self._cohort_named(interaction.guild.id, cohort)
        latest = await self.repo.latest_round(found.id)
        groups = {g.id: g for g in await self.cohorts.groups(found.id)}
        rates = {c.group_id: c for c in await self.repo.completion(found.id)}
        embed = discord.Embed(title=f"Check-ins: {found.name}", colour=0x5B8DEF)
        if latest is None:
            embed.description = "No round yet: pairs are made each week once the cohort runs."
        else:
            state = "open" if latest.status == "open" else "closed"
            embed.description = f"Week {latest.week} ({state})."
            pairs = await self.repo.pairs(latest.id)
            unplaced = await self.repo.unplaced(latest.id)
            for group_id, group in groups.items():
                lines = []
                for pair in (p for p in pairs if p.group_id == group_id):
                    where = f"<#{pair.thread_id}>" if pair.thread_id else "by DM"
                    answers = ", ".join(
                        f"<@{m.user_id}> {_answer(m.outcome, m.posted)}" for m in pair.members
                    )
                    lines.append(f"• {answers} · {where}")
                for u in (u for u in unplaced if u.group_id == group_id):
                    reason = messages.REASONS_FOR_STAFF.get(u.reason, u.reason)
                    lines.append(f"• <@{u.user_id}>: no partner ({reason})")
                rate = rates.get(group_id)
                lines.append(
                    "Completion so far: "
                    + (
                        f"{messages.percent(rate.rate)} ({rate.met} of {rate.pairs} pairs met)"
                        if rate
                        else "none yet"
                    )
                )
                embed.add_field(
                    name=f"Group {group.number}", value="\n".join(lines)[:1024], inline=False
                )
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
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
        ctx = await self.service.context(interaction.guild.id, member_a.id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        pair_a, pair_b = await self.service.override(ctx.cohort, member_a.id, member_b.id)
        round_ = await self.repo.round(pair_a.round_id)
        assert round_ is not None
        guild = interaction.guild
        for old, leaving, joining in (
            (pair_a, member_a.id, member_b.id),
            (pair_b, member_b.id, member_a.id),
        ):
            fresh = await self.repo.pair(old.id)
            assert fresh is not None
            await self._move_member(guild, round_, fresh, leaving, joining)
        await self.services.audit.add(
            guild_id=guild.id,
            actor_id=interaction.user.id,
            action="checkin.override",
            target_id=round_.id,
            detail=f"swapped {member_a.id} and {member_b.id}",
            now=self._now(),
        )
        await reply_privately(
            interaction,
            f"Swapped {member_a.mention} and {member_b.mention} for week {round_.week}.",
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
        found = await self._cohort_named(interaction.guild.id, cohort)
        weekday, local_time = parse_weekday(day), parse_local_time(time)
        await self.repo.set_schedule(found.id, weekday, local_time, self._now())
        if found.state in LIVE:
            await self._arm_round(found)
        await reply_privately(
            interaction,
            f"Check-in pairs for **{found.name}** are now made on "
            f"{_WEEKDAYS[weekday]} at {local_time.strftime('%H:%M')} ({found.timezone}).",
        )

    # --- the "did you meet?" buttons, and posts in pair threads --------------------------------

    async def handle_answer(
        self, interaction: discord.Interaction, action: str, pair_id: int
    ) -> None:
        """A member answers for themselves; others' clicks are refused kindly."""
        pair = await self.repo.pair(pair_id)
        if pair is None or interaction.user.id not in pair.user_ids:
            raise UserFacingError(messages.ANSWER_NOT_YOURS)
        round_ = await self.repo.round(pair.round_id)
        if round_ is None or round_.status != "open":
            raise UserFacingError(messages.ANSWER_CLOSED)
        outcome = "met" if action == "met" else "not_met"
        await self.repo.answer(pair.id, interaction.user.id, outcome, self._now())
        await reply_privately(
            interaction, messages.ANSWER_MET if outcome == "met" else messages.ANSWER_MISSED
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A member posting in their pair's thread counts as checking in."""
        if message.author.bot or message.guild is None:
            return
        if not isinstance(message.channel, discord.Thread):
            return
        pair = await self.repo.pair_by_thread(message.channel.id)
        if pair is None or message.author.id not in pair.user_ids:
            return
        await self.repo.mark_posted(pair.id, message.author.id, self._now())

    # --- jobs ----------------------------------------------------------------------------------

    async def _arm_round(self, cohort: Cohort) -> None:
        """Run the cohort's round job now; it works out what is due and reschedules itself."""
        await self.services.jobs.schedule(ROUND, cohort.id, self._now())

    async def _on_sweep(self, job: Any) -> None:
        """Make sure every live cohort the bot can see has its weekly round job."""
        for guild in self.bot.guilds:
            for cohort in await self.cohorts.in_guild(guild.id):
                if cohort.state not in LIVE:
                    continue
                pending = await self.services.jobs.get(ROUND, cohort.id)
                if pending is not None and pending.active:
                    continue
                latest = await self.repo.latest_round(cohort.id)
                if latest is not None and latest.week >= cohort.weeks and latest.status == "closed":
                    continue  # every round is done
                await self._arm_round(cohort)
        await self.services.jobs.schedule(SWEEP, 0, self._now() + SWEEP_EVERY)

    async def _on_round(self, job: Any) -> None:
        """Close ended rounds, pair this week (once), open threads and DMs, arm next week."""
        cohort = await self.cohorts.get(job.entity_id)
        if cohort is None:
            return
        now = self._now()
        await self.service.close_due_rounds(cohort.id, now)
        if cohort.state not in LIVE:
            return
        schedule = await self.service.schedule_for(cohort)
        if schedule is None:
            return
        week = schedule.week_at(now)
        if week == 0:
            await self.services.jobs.schedule(ROUND, cohort.id, schedule.start_of(1))
            return
        if cohort.state != "running":
            # The first session's start (another lane's job) makes the cohort running.
            await self.services.jobs.schedule(ROUND, cohort.id, now + dt.timedelta(minutes=5))
            return
        times = schedule.times(week)
        current = await self.repo.round_of(cohort.id, week)
        if current is None and now < times.ends_at:
            planned = await self.service.plan_round(cohort, schedule, week, now)
            current = planned.round
        guild = self._guild(cohort)
        if current is not None and current.status == "open":
            await self._open_round(guild, cohort, current)
            await self.services.jobs.schedule(REMINDER, current.id, current.remind_at)
            await self.services.jobs.schedule(ASK, current.id, current.ask_at)
        await self._tell_paused(cohort)
        if week < cohort.weeks:
            await self.services.jobs.schedule(ROUND, cohort.id, schedule.start_of(week + 1))
        elif current is not None and current.status == "open":
            await self.services.jobs.schedule(ROUND, cohort.id, current.ends_at)

    async def _open_round(self, guild: discord.Guild, cohort: Cohort, round_: Round) -> None:
        """Create each pair's thread (or DMs) and post the prompt; skip what already happened."""
        for pair in await self.repo.pairs(round_.id):
            if pair.announced:
                continue
            if pair.place == "dm" and not await self._open_by_dm(round_, pair):
                # A closed DM must not leave the pair without a place to meet: give them a
                # private thread instead, and let the reminders and the question follow it.
                log.info("check-in pair %s: a DM failed; meeting in a thread instead", pair.id)
                await self.repo.set_place(pair.id, "thread")
                await self._open_thread(guild, round_, pair)
            elif pair.place != "dm":
                await self._open_thread(guild, round_, pair)
            await self.repo.mark_announced(pair.id)
        unplaced = [u for u in await self.repo.unplaced(round_.id) if not u.told]
        if unplaced:
            groups = {g.id: g for g in await self.cohorts.groups(cohort.id)}
            rows = [
                (
                    f"Group {groups[u.group_id].number}" if u.group_id in groups else "?",
                    u.user_id,
                    u.reason,
                )
                for u in unplaced
            ]
            await tell_staff(
                self.bot,
                self.services.guild_settings,
                guild,
                messages.staff_unplaced(cohort.name, round_.week, rows),
            )
            for u in unplaced:
                await dm_user(self.bot, u.user_id, messages.NO_PARTNER)
                await self.repo.mark_unplaced_told(round_.id, u.user_id, self._now())

    async def _open_thread(self, guild: discord.Guild, round_: Round, pair: Pair) -> None:
        thread = await self._thread_of(guild, pair)
        if thread is None:
            group = await self.cohorts.group(pair.group_id)
            channel = guild.get_channel(group.channel_id or 0) if group else None
            if not isinstance(channel, discord.TextChannel):
                raise RuntimeError(f"check-in pair {pair.id}: the group channel is missing")
            thread = await channel.create_thread(
                name=messages.thread_name(round_.week),
                type=discord.ChannelType.private_thread,
                invitable=False,
                auto_archive_duration=10080,  # a week: open for the whole round
                reason=f"check-in round {round_.id}, pair {pair.id}",
            )
            # Stored at once, so a re-run after a crash reuses it instead of making another.
            await self.repo.set_thread(pair.id, thread.id)
        for user_id in pair.user_ids:
            await thread.add_user(discord.Object(user_id))
        await thread.send(
            messages.thread_opening(round_.week, pair.user_ids, pair.prompt)
            + "\n\n"
            + plan_messages.CHECKIN_THREAD_NOTE,  # the same words for all: the thread is shared
            allowed_mentions=discord.AllowedMentions(users=True, roles=False, everyone=False),
        )

    async def _open_by_dm(self, round_: Round, pair: Pair) -> bool:
        """Send each member the prompt and their partners by DM; False if any DM failed."""
        delivered = True
        for user_id in pair.user_ids:
            partners = [u for u in pair.user_ids if u != user_id]
            text = messages.dm_opening(round_.week, partners, pair.prompt)
            text += "\n\n" + await self.bot.services.lanes.plan.checkin_note(user_id)  # private
            delivered = await dm_user(self.bot, user_id, text) and delivered
        return delivered

    async def _thread_of(self, guild: discord.Guild, pair: Pair) -> discord.Thread | None:
        if pair.thread_id is None:
            return None
        found = guild.get_thread(pair.thread_id)
        if found is not None:
            return found
        try:
            fetched = await guild.fetch_channel(pair.thread_id)
        except discord.NotFound:
            return None
        return fetched if isinstance(fetched, discord.Thread) else None

    async def _on_reminder(self, job: Any) -> None:
        """Mid-week: a gentle reminder to pairs where nobody has posted or said they met."""
        round_ = await self.repo.round(job.entity_id)
        if round_ is None or round_.status != "open" or self._now() >= round_.ask_at:
            return
        cohort = await self.cohorts.get(round_.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return
        guild = self._guild(cohort)
        for pair in await self.repo.pairs(round_.id):
            if pair.met() or any(m.posted for m in pair.members) or pair.reminded:
                continue
            if pair.place == "dm":
                for user_id in pair.user_ids:
                    await dm_user(self.bot, user_id, messages.DM_REMINDER)
            else:
                thread = await self._thread_of(guild, pair)
                if thread is None:
                    continue
                await thread.send(
                    messages.reminder(pair.user_ids),
                    allowed_mentions=discord.AllowedMentions(
                        users=True, roles=False, everyone=False
                    ),
                )
            await self.repo.mark_reminded(pair.id, self._now())

    async def _on_ask(self, job: Any) -> None:
        """End of the week: ask each pair "did you meet?" with Yes / Not this week buttons."""
        round_ = await self.repo.round(job.entity_id)
        if round_ is None or round_.status != "open":
            return
        cohort = await self.cohorts.get(round_.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return
        guild = self._guild(cohort)
        for pair in await self.repo.pairs(round_.id):
            if pair.asked:
                continue
            if pair.place == "dm":
                for user_id in pair.user_ids:
                    await dm_user(self.bot, user_id, messages.DM_ASK, view=answer_view(pair.id))
            else:
                thread = await self._thread_of(guild, pair)
                if thread is None:
                    continue
                await thread.send(
                    messages.ask(pair.user_ids),
                    view=answer_view(pair.id),
                    allowed_mentions=discord.AllowedMentions(
                        users=True, roles=False, everyone=False
                    ),
                )
            await self.repo.mark_asked(pair.id, self._now())

    async def _tell_paused(self, cohort: Cohort) -> None:
        """The kind note to members whose check-ins were paused (once each)."""
        for user_id, week in await self.repo.pauses_to_tell(cohort.id):
            await dm_user(self.bot, user_id, messages.PAUSED_NOTE)
            await self.repo.mark_pause_told(cohort.id, user_id, week, self._now())

    async def _move_member(
        self, guild: discord.Guild, round_: Round, pair: Pair, leaving: int, joining: int
    ) -> None:
        """After a swap: the thread loses one member and gains the other, who gets the prompt."""
        if pair.place == "dm":
            partners = [u for u in pair.user_ids if u != joining]
            await dm_user(
                self.bot, joining, messages.dm_opening(round_.week, partners, pair.prompt)
            )
            return
        thread = await self._thread_of(guild, pair)
        if thread is None:
            return
        try:
            await thread.remove_user(discord.Object(leaving))
        except discord.HTTPException:
            log.warning("check-in pair %s: could not remove a member from the thread", pair.id)
        await thread.add_user(discord.Object(joining))
        await thread.send(
            messages.swapped_note(round_.week)
            + "\n\n"
            + messages.thread_opening(round_.week, pair.user_ids, pair.prompt),
            allowed_mentions=discord.AllowedMentions(users=True, roles=False, everyone=False),
        )

    # --- helpers -------------------------------------------------------------------------------

    def _guild(self, cohort: Cohort) -> discord.Guild:
        guild = self.bot.get_guild(cohort.guild_id)
        if guild is None:
            # Fail so the job is retried once the server is back, rather than lost.
            raise RuntimeError(f"server {cohort.guild_id} of cohort {cohort.id} is not available")
        return guild


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _answer(outcome: str | None, posted: bool) -> str:
    if outcome == "met":
        return "✓ met"
    if outcome == "not_met":
        return "✗ not this week"
    if outcome == "no_answer":
        return "no answer"
    return "posted" if posted else "waiting"

"""Discord glue for /cope and /goodnews, and the weekly "share one good thing" threads.

/cope is private (ephemeral) from start to end. Nothing about the member is stored: only a count
per feeling per server per day, unless the member presses "log this for me". /goodnews runs the
crisis and guideline screens on the text before posting it, because a post made by the bot is
never seen by the listeners that screen members' messages.

Each live cohort has one ``toolkit_goodnews`` job (entity: the cohort id) that opens the week's
thread in every group channel (once: a row per group and week) and reschedules itself for the
next week. An hourly ``toolkit_sweep`` makes sure every live cohort has that job, since cohorts
are created and started by another lane.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.crisis import messages as crisis_messages
from cogs.crisis.detector import Level
from cogs.toolkit import messages
from cogs.toolkit.cope import shows_resources, suggest
from cogs.toolkit.strategies import Strategy
from cogs.toolkit.views import CopeView
from cogs.toolkit.weekly import due_week, next_opening, opening_times
from db.repositories.cohorts import Cohort, CohortRepository
from db.repositories.crisis import MemberSettingsRepository
from db.repositories.toolkit import ToolkitRepository

log = logging.getLogger(__name__)

GOODNEWS = "toolkit_goodnews"
SWEEP = "toolkit_sweep"
SWEEP_EVERY = dt.timedelta(hours=1)
LIVE = ("enrolling", "running")
MAX_GOODNEWS = 1500  # leaves room for the attribution and the invitation in one message


class ToolkitCog(commands.Cog):
    """Interpersonal strategies in the moment, and sharing good news with the group."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.repo = ToolkitRepository(bot.services.db)
        self.cohorts = CohortRepository(bot.services.db)
        self.member_settings = MemberSettingsRepository(bot.services.db)
        self.strategies: tuple[Strategy, ...] = bot.services.data.strategies
        bot.services.jobs.register(GOODNEWS, self._on_goodnews)
        bot.services.jobs.register(SWEEP, self._on_sweep)

    async def cog_load(self) -> None:
        """Make sure the sweep that arms each cohort's weekly thread job is scheduled."""
        await self.services.jobs.ensure_recurring(SWEEP)

    def _now(self) -> dt.datetime:
        return self.services.clock.now()

    # --- /cope ---------------------------------------------------------------------------------

    @app_commands.command(name="cope")
    async def cope(self, interaction: discord.Interaction) -> None:
        """Ideas for right now, through the people around you. Private; nothing is stored."""
        view = CopeView(self, interaction.user.id)
        # The member's own /plan comes first, when they have one (issue 19).
        plan = await self.bot.services.lanes.plan.cope_text(interaction.user.id)
        start = messages.COPE_START if plan is None else f"{plan}\n\n{messages.COPE_START}"
        await interaction.response.send_message(start, view=view, ephemeral=True)

    async def answer_cope(
        self, interaction: discord.Interaction, view: CopeView, someone_around: bool
    ) -> None:
        """Show two or three strategies (and the helplines for low or overwhelmed)."""
        feeling = view.feeling
        assert feeling is not None
        now = self._now()
        seed = interaction.user.id ^ int(now.timestamp() // 60)
        chosen = suggest(feeling, someone_around, self.strategies, seed)
        view.offered = tuple(s.id for s in chosen)
        if interaction.guild_id is not None:
            await self.repo.count_feeling(interaction.guild_id, feeling, now)
        view._show_log()
        await interaction.response.edit_message(
            content=messages.cope_answer(feeling, someone_around, chosen), view=view
        )
        if shows_resources(feeling):
            text = await self._resources_text(interaction)
            await interaction.followup.send(f"{messages.HELPLINES_INTRO}\n{text}", ephemeral=True)

    async def log_cope(self, interaction: discord.Interaction, view: CopeView) -> None:
        """The member asked to keep this /cope answer: store who, feeling, strategies, when."""
        assert view.feeling is not None
        await self.repo.log_cope(
            guild_id=interaction.guild_id,
            user_id=interaction.user.id,
            feeling=view.feeling,
            strategy_ids=view.offered,
            now=self._now(),
        )
        view.logged = True
        view._show_log()
        await interaction.response.edit_message(view=view)
        await interaction.followup.send(messages.LOGGED, ephemeral=True)

    async def _resources_text(self, interaction: discord.Interaction) -> str:
        """The helplines the way /resources shows them: the member's country, else the server's."""
        book = self.services.data.helplines
        code = await self.member_settings.country(interaction.user.id)
        if code is None and interaction.guild_id:
            code = (await self.services.guild_settings.get(interaction.guild_id)).country
        return crisis_messages.resources_message(
            book.for_country(code), book.emergency_number(code), book.country_name(code) or code
        )

    # --- /goodnews -----------------------------------------------------------------------------

    @app_commands.command(name="goodnews")
    @app_commands.describe(text="Your good news, big or small")
    @app_commands.guild_only()
    async def goodnews(
        self, interaction: discord.Interaction, text: app_commands.Range[str, 1, MAX_GOODNEWS]
    ) -> None:
        """Share a win with your group; Kindred posts it for you and invites warm replies."""
        assert interaction.guild is not None
        text = text.strip()
        if not text:
            await interaction.response.send_message(messages.GOODNEWS_EMPTY, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        # The crisis screen first: a disclosure is never posted, it goes to the team.
        verdict = self.services.data.crisis.screen(text)
        if verdict.level > Level.NONE:
            await self._hand_to_crisis(interaction, text)
            if verdict.level >= Level.CONCERN:
                await interaction.followup.send(messages.GOODNEWS_CONCERN, ephemeral=True)
                return
        abuse = [h for h in self.services.data.guidelines.screen(text) if h.path == "abuse"]
        if abuse:
            await interaction.followup.send(
                messages.goodnews_refused(abuse[0].reason), ephemeral=True
            )
            return
        channel = await self._group_channel(interaction.guild, interaction.user.id)
        if channel is None:
            here = interaction.channel
            channel = here if isinstance(here, (discord.TextChannel, discord.Thread)) else None
        if channel is None:
            await interaction.followup.send(messages.GOODNEWS_NOWHERE, ephemeral=True)
            return
        try:
            posted = await channel.send(
                messages.goodnews_post(interaction.user.id, text),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.Forbidden:
            await interaction.followup.send(messages.GOODNEWS_NOWHERE, ephemeral=True)
            return
        if isinstance(channel, discord.TextChannel):
            # Replies go in a thread: a group channel may be read-only between sessions, and
            # members can still talk in threads there (as in their check-in threads).
            try:
                await posted.create_thread(
                    name=messages.GOODNEWS_THREAD, auto_archive_duration=4320
                )
            except discord.HTTPException:
                log.warning("could not open a reply thread on good news %s", posted.id)
        log.info("good news posted for a member in channel %s", channel.id)
        await interaction.followup.send(
            messages.goodnews_posted(f"in {channel.mention}: {posted.jump_url}"), ephemeral=True
        )

    async def _hand_to_crisis(self, interaction: discord.Interaction, text: str) -> None:
        """Give the text to the crisis lane (it persists the case, reaches out, alerts staff)."""
        crisis: Any = self.bot.get_cog("CrisisCog")
        if crisis is None:
            log.error("crisis cog not loaded: a /goodnews disclosure could not be handed over")
            return
        channel = interaction.channel
        await crisis.screen_and_respond(
            text=text,
            context=None,
            author=interaction.user,
            guild=interaction.guild,
            channel=channel,
            message_id=None,  # never posted: there is no message to point at
            source="message",
        )

    async def _group_channel(self, guild: discord.Guild, user_id: int) -> Any:
        """The member's enrolled group's channel in this server, if they have one."""
        for enrolment in await self.cohorts.active_for_user(guild.id, user_id):
            if enrolment.status != "enrolled" or enrolment.group_id is None:
                continue
            group = await self.cohorts.group(enrolment.group_id)
            if group is None or group.channel_id is None:
                continue
            channel = guild.get_channel(group.channel_id)
            if isinstance(channel, discord.TextChannel):
                return channel
        return None

    # --- the weekly thread ---------------------------------------------------------------------

    async def _on_sweep(self, job: Any) -> None:
        """Make sure every live cohort the bot can see has its weekly good-news job."""
        for guild in self.bot.guilds:
            for cohort in await self.cohorts.in_guild(guild.id):
                if cohort.state not in LIVE:
                    continue
                pending = await self.services.jobs.get(GOODNEWS, cohort.id)
                if pending is not None and pending.active:
                    continue
                if (
                    pending is not None
                    and pending.status == "done"
                    and await self._finished(cohort)
                ):
                    continue
                await self.services.jobs.schedule(GOODNEWS, cohort.id, self._now())
        await self.services.jobs.schedule(SWEEP, 0, self._now() + SWEEP_EVERY)

    async def _finished(self, cohort: Cohort) -> bool:
        opens = await self._opening_times(cohort)
        return next_opening(opens, self._now()) is None and due_week(opens, self._now()) is None

    async def _opening_times(self, cohort: Cohort) -> dict[int, dt.datetime]:
        sessions = await self.cohorts.sessions(cohort.id)
        return opening_times((s.week, s.starts_at, s.status) for s in sessions)

    async def _on_goodnews(self, job: Any) -> None:
        """Open this week's thread in each group of the cohort (once), then arm next week."""
        cohort = await self.cohorts.get(job.entity_id)
        if cohort is None or cohort.state not in LIVE:
            return
        now = self._now()
        opens = await self._opening_times(cohort)
        week = due_week(opens, now)
        if week is not None and cohort.state != "running":
            # The first session's start (another lane's job) makes the cohort running.
            await self.services.jobs.schedule(GOODNEWS, cohort.id, now + dt.timedelta(minutes=30))
            return
        if week is not None:
            await self._open_week(cohort, week)
        following = next_opening(opens, now)
        if following is not None:
            await self.services.jobs.schedule(GOODNEWS, cohort.id, following)

    async def _open_week(self, cohort: Cohort, week: int) -> None:
        guild = self.bot.get_guild(cohort.guild_id)
        if guild is None:
            log.warning("good-news thread: cohort %s's server is not available", cohort.id)
            return
        for group in await self.cohorts.groups(cohort.id):
            if group.channel_id is None or await self.repo.thread_of(group.id, week) is not None:
                continue
            channel = guild.get_channel(group.channel_id)
            if not isinstance(channel, discord.TextChannel):
                log.warning("good-news thread: group %s has no channel", group.id)
                continue
            await self.repo.claim_thread(group.id, week, self._now())
            starter = await channel.send(messages.weekly_prompt(week))
            thread = await starter.create_thread(
                name=messages.weekly_thread_name(week),
                auto_archive_duration=10080,  # a week: open until the next one
                reason=f"good-news thread, cohort {cohort.id} week {week}",
            )
            # Stored at once, so a re-run finds it instead of making another.
            await self.repo.set_thread(group.id, week, thread.id)
            log.info("good-news thread %s opened for group %s week %s", thread.id, group.id, week)

"""Discord glue for /cope and /goodnews, and the weekly "share one good thing" threads.

/cope is private (ephemeral) from start to end. Nothing about the member is stored: only a count
per feeling per server per day, unless the member presses "log this for me". /goodnews runs the
crisis and guideline screens on the text before posting it, because a post made by the bot is
never seen by the listeners that screen members' messages; a disclosure goes to the crisis lane.

The use cases are in ``service.py`` (``ToolkitService``, ``bot.services.lanes.toolkit``); here:
the commands, posting, and opening each week's threads when the service's jobs fire.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.crisis import messages as crisis_messages
from cogs.crisis.views import more_help_view
from cogs.toolkit import messages
from cogs.toolkit.service import GOODNEWS, SWEEP, ToolkitService
from cogs.toolkit.views import CopeView
from cogs.utils.i18n import speaking, t
from cogs.utils.shards import sweep_every_server
from db.models import Job

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

MAX_GOODNEWS = 1500  # leaves room for the attribution and the invitation in one message


class ToolkitCog(commands.Cog):
    """Interpersonal strategies in the moment, and sharing good news with the group."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.toolkit: ToolkitService = bot.services.lanes.toolkit
        bot.services.jobs.register(GOODNEWS, self._on_goodnews)
        bot.services.jobs.register(SWEEP, self._on_sweep)

    async def cog_load(self) -> None:
        """Make sure the sweep that arms each cohort's weekly thread job is scheduled."""
        await self.toolkit.ensure_sweep()

    # --- /cope ---------------------------------------------------------------------------------

    @app_commands.command(name="cope")
    async def cope(self, interaction: discord.Interaction) -> None:
        """Ideas for right now, through the people around you. Private; nothing is stored."""
        view = CopeView(self, interaction.user.id)
        # The member's own /plan comes first, when they have one (issue 19).
        plan = await self.bot.services.lanes.plan.cope_text(interaction.user.id)
        intro = t(messages.COPE_START)
        start = intro if plan is None else f"{plan}\n\n{intro}"
        await interaction.response.send_message(start, view=view, ephemeral=True)

    async def answer_cope(
        self, interaction: discord.Interaction, view: CopeView, someone_around: bool
    ) -> None:
        """Show two or three strategies (and the helplines for low or overwhelmed)."""
        feeling = view.feeling
        assert feeling is not None
        answer = await self.toolkit.cope(
            guild_id=interaction.guild_id,
            user_id=interaction.user.id,
            feeling=feeling,
            someone_around=someone_around,
        )
        view.offered = tuple(s.id for s in answer.strategies)
        view.strategies = tuple(answer.strategies)
        view.someone_around = someone_around
        view.shown = 0
        view._show_log()
        await interaction.response.edit_message(content=self.cope_text(view, feeling), view=view)
        if answer.resources is not None:
            found = answer.resources
            text = crisis_messages.resources_first_screen(
                found.helplines, found.emergency, found.country
            )
            await interaction.followup.send(
                f"{t(messages.HELPLINES_INTRO)}\n{text}",
                view=more_help_view(interaction.guild_id),  # every line, one tap away
                ephemeral=True,
            )

    @staticmethod
    def cope_text(view: CopeView, feeling: str) -> str:
        """The answer showing the view's current idea."""
        return messages.cope_answer(feeling, view.someone_around, view.strategies, view.shown)

    async def log_cope(self, interaction: discord.Interaction, view: CopeView) -> None:
        """The member asked to keep this /cope answer: store who, feeling, strategies, when."""
        assert view.feeling is not None
        await self.toolkit.log_cope(
            guild_id=interaction.guild_id,
            user_id=interaction.user.id,
            feeling=view.feeling,
            strategy_ids=view.offered,
        )
        view.logged = True
        view._show_log()
        await interaction.response.edit_message(view=view)
        await interaction.followup.send(t(messages.LOGGED), ephemeral=True)

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
            await interaction.response.send_message(t(messages.GOODNEWS_EMPTY), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        checked = self.toolkit.check_goodnews(text)
        if checked.to_crisis:
            await self._hand_to_crisis(interaction, text)
        if checked.held:
            await interaction.followup.send(t(messages.GOODNEWS_CONCERN), ephemeral=True)
            return
        if checked.refusal is not None:
            await interaction.followup.send(
                messages.goodnews_refused(checked.refusal), ephemeral=True
            )
            return
        channel: discord.TextChannel | discord.Thread | None = await self._group_channel(
            interaction.guild, interaction.user.id
        )
        if channel is None:
            here = interaction.channel
            channel = here if isinstance(here, (discord.TextChannel, discord.Thread)) else None
        if channel is None:
            await interaction.followup.send(t(messages.GOODNEWS_NOWHERE), ephemeral=True)
            return
        # The post is the group's: in the group's language (else the server's), not the member's.
        with speaking(await self.toolkit.channel_language(interaction.guild.id, channel.id)):
            post = messages.goodnews_post(interaction.user.id, text)
            thread_name = t(messages.GOODNEWS_THREAD)
        try:
            posted = await channel.send(post, allowed_mentions=discord.AllowedMentions.none())
        except discord.Forbidden:
            await interaction.followup.send(t(messages.GOODNEWS_NOWHERE), ephemeral=True)
            return
        if isinstance(channel, discord.TextChannel):
            # Replies go in a thread: a group channel may be read-only between sessions, and
            # members can still talk in threads there (as in their check-in threads).
            try:
                await posted.create_thread(name=thread_name, auto_archive_duration=4320)
            except discord.HTTPException:
                log.warning("could not open a reply thread on good news %s", posted.id)
        log.info("good news posted for a member in channel %s", channel.id)
        await interaction.followup.send(
            messages.goodnews_posted(channel.mention, posted.jump_url), ephemeral=True
        )

    async def _hand_to_crisis(self, interaction: discord.Interaction, text: str) -> None:
        """Give the text to the crisis lane (it persists the case, reaches out, alerts staff)."""
        await self.bot.services.lanes.crisis.screen_and_respond(
            text=text,
            context=None,
            author_id=interaction.user.id,
            author_is_bot=interaction.user.bot,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            message_id=None,  # never posted: there is no message to point at
            source="message",
        )

    async def _group_channel(
        self, guild: discord.Guild, user_id: int
    ) -> discord.TextChannel | None:
        """The member's enrolled group's channel in this server, if they have one."""
        for channel_id in await self.toolkit.group_channel_ids(guild.id, user_id):
            channel = guild.get_channel(channel_id)
            if isinstance(channel, discord.TextChannel):
                return channel
        return None

    # --- the weekly thread ---------------------------------------------------------------------

    async def _on_sweep(self, job: Job) -> None:
        """Make sure every live cohort the bot can see has its weekly good-news job."""
        every = sweep_every_server(self.bot.services.settings.shards)
        await self.toolkit.sweep(None if every else [guild.id for guild in self.bot.guilds])

    async def _on_goodnews(self, job: Job) -> None:
        """Open this week's thread in each group of the cohort (once), then arm next week."""
        due = await self.toolkit.week_due(job.entity_id)
        if due is None:
            return
        if due.week is not None:
            await self._open_week(due.cohort.id, due.cohort.guild_id, due.week)
        await self.toolkit.arm_next_week(due)

    async def _open_week(self, cohort_id: int, guild_id: int, week: int) -> None:
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            log.warning("good-news thread: cohort %s's server is not available", cohort_id)
            return
        for group in await self.toolkit.groups_to_open(cohort_id, week):
            channel = guild.get_channel(group.channel_id or 0)
            if not isinstance(channel, discord.TextChannel):
                log.warning("good-news thread: group %s has no channel", group.id)
                continue
            await self.toolkit.claim_thread(group.id, week)
            with speaking(await self.toolkit.group_language(group, guild_id)):
                prompt, name = messages.weekly_prompt(week), messages.weekly_thread_name(week)
            starter = await channel.send(prompt)
            thread = await starter.create_thread(
                name=name,
                auto_archive_duration=10080,  # a week: open until the next one
                reason=f"good-news thread, cohort {cohort_id} week {week}",
            )
            # Stored at once, so a re-run finds it instead of making another.
            await self.toolkit.thread_opened(group.id, week, thread.id)
            log.info("good-news thread %s opened for group %s week %s", thread.id, group.id, week)

"""Discord glue for wellbeing check-ins.

The use cases live in ``service.py`` (``WellbeingService``, built once in ``bot.py`` and reached
as ``bot.services.lanes.wellbeing``); the check-in buttons and forms in ``views.py``; the crisis
hand-off of a self-harm answer in ``_crisis.py``. Here: the commands, and the daily sweep's DMs.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.utils.charts import bar_chart_png, can_draw, chart_summary
from cogs.utils.checks import coordinators_only, moderators_only
from cogs.utils.i18n import ENGLISH, current_language, speaking, t, tp
from cogs.utils.replies import reply_privately
from cogs.wellbeing import messages
from cogs.wellbeing.outcomes import MIN_GROUP, describe_outcome, outcomes_csv
from cogs.wellbeing.service import SWEEP, WellbeingService
from cogs.wellbeing.views import TAP_ITEMS, checkin_view
from db.models import Job
from db.models.wellbeing import OptIn

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

SENT, ALREADY, FAILED = "sent", "already", "failed"
NOTHING_THIS_WEEK = "nothing"  # the cohort's schedule asks for no check-in this week


class WellbeingCog(commands.Cog):
    """Weekly opt-in wellbeing check-ins, the member's own trend, cohort outcomes."""

    wellbeing_group = app_commands.Group(
        name="wellbeing", description="Weekly wellbeing check-ins (opt-in).", guild_only=True
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.lane: WellbeingService = bot.services.lanes.wellbeing
        bot.services.jobs.register(SWEEP, self._on_sweep)

    async def cog_load(self) -> None:
        """Make check-in buttons work after a restart; make sure the weekly sweep is scheduled."""
        self.bot.add_dynamic_items(*TAP_ITEMS)
        await self.bot.services.jobs.ensure_recurring(SWEEP)

    async def cog_unload(self) -> None:
        """Stop listening for check-in buttons."""
        self.bot.remove_dynamic_items(*TAP_ITEMS)

    # --- scheduling ---------------------------------------------------------------------------

    async def _on_sweep(self, job: Job) -> None:
        """Send this week's check-in to everyone opted in who has not had it; then tomorrow."""
        sent = 0
        for optin in await self.lane.opted_in():
            try:
                if await self.send_checkin(optin) == SENT:
                    sent += 1
            except Exception:
                log.exception("wellbeing: the check-in for user %s failed", optin.user_id)
        if sent:
            log.info("wellbeing: sent %d check-in(s)", sent)
        await self.lane.schedule_next_sweep()

    async def send_checkin(self, optin: OptIn) -> str:
        """Create this week's request (once) and DM it unless already sent: SENT, ALREADY, FAILED.

        Written in the member's language (the sweep is a job: nobody is being spoken to yet).
        """
        language = await self.bot.services.lanes.members.language_of(optin.guild_id, optin.user_id)
        with speaking(language):
            checkin = await self.lane.checkin_for(optin)
            if checkin is None:
                return NOTHING_THIS_WEEK  # the cohort asks for no check-in this week
            if checkin.already_sent:
                return ALREADY
            request, where = checkin.request, checkin.placement
            guild = self.bot.get_guild(optin.guild_id)
            text = messages.checkin_dm(
                guild.name if guild else tp("wellbeing", "your server"),
                where.week,
                where.cohort_name,
                list(checkin.shown),
            )
            view = checkin_view(request.id, list(checkin.buttons))
        if not (await self.bot.messenger.dm(optin.user_id, text, view=view)).sent:
            return FAILED
        await self.lane.mark_sent(request.id)
        log.info("wellbeing: request %s sent to user %s", request.id, optin.user_id)
        return SENT

    # --- commands -----------------------------------------------------------------------------

    @wellbeing_group.command(name="optin")
    async def optin(self, interaction: discord.Interaction) -> None:
        """Get a short wellbeing check-in by DM each week (only you see your answers)."""
        assert interaction.guild is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        choice = await self.lane.opt_in(interaction.guild.id, interaction.user.id)
        text = t(messages.OPTED_IN)
        try:
            outcome = await self.send_checkin(choice)
        except Exception:
            log.exception("wellbeing: first check-in for user %s failed", interaction.user.id)
            outcome = FAILED
        if outcome == FAILED:
            text += " " + t(messages.OPTED_IN_NO_DM)
        await interaction.followup.send(text, ephemeral=True)

    @wellbeing_group.command(name="optout")
    async def optout(self, interaction: discord.Interaction) -> None:
        """Stop the weekly wellbeing check-ins (your past answers stay yours)."""
        assert interaction.guild is not None
        await self.lane.opt_out(interaction.guild.id, interaction.user.id)
        await reply_privately(interaction, t(messages.OPTED_OUT))

    @wellbeing_group.command(name="me")
    async def me(self, interaction: discord.Interaction) -> None:
        """Your own wellbeing trend, in words and as a chart (only you see it)."""
        assert interaction.guild is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # a chart takes a moment
        series = await self.lane.trend(interaction.guild.id, interaction.user.id)
        await self._send_trend(interaction, series, "Your")

    @wellbeing_group.command(name="share")
    @app_commands.describe(on="Let your group's moderator see your check-in answers")
    async def share(self, interaction: discord.Interaction, on: bool) -> None:
        """Choose whether your group's moderator may see your check-in answers (off by default)."""
        assert interaction.guild is not None
        await self.lane.share(interaction.guild.id, interaction.user.id, on)
        await reply_privately(interaction, t(messages.SHARE_ON if on else messages.SHARE_OFF))

    @wellbeing_group.command(name="member")
    @app_commands.describe(member="A member of a group you moderate")
    @moderators_only()
    async def member_trend(self, interaction: discord.Interaction, member: discord.Member) -> None:
        """A member's check-in trend, only if they chose to share it with you, their moderator."""
        assert interaction.guild is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # a chart takes a moment
        series = await self.lane.shared_trend(interaction.guild.id, interaction.user.id, member.id)
        with speaking(ENGLISH):  # for a moderator: staff read English
            await self._send_trend(interaction, series, f"{member.display_name}'s")

    async def _send_trend(
        self,
        interaction: discord.Interaction,
        series: dict[str, list[tuple[int, int]]],
        whose: str,
    ) -> None:
        """A trend in words and as a chart, answered privately."""
        if not series:
            await reply_privately(interaction, t(messages.NOTHING_YET))
            return
        book = self.lane.book
        text = "\n".join(messages.trend_words(book, series))
        chart = None
        key = "who5" if "who5" in series else next(iter(series))
        instrument = book.instruments.get(key)
        if instrument is not None and not instrument.crisis_item:
            points = series[key][-12:]
            name = instrument.name.split(" (")[0]
            labels = [f"W{week}" for week, _ in points]
            scores = [score for _, score in points]
            title, drawn = f"{whose} {name} by week", labels
            if whose == "Your" and current_language() != ENGLISH:
                # The picture's words in the member's language where this machine has a font
                # for them (``charts.can_draw``), else English; the summary (and alt text)
                # says it all in their language either way.
                mine = messages.chart_title(instrument.short_name())
                weeks_drawn = [messages.week_label(week) for week, _ in points]
                if can_draw(" ".join([mine, *weeks_drawn])):
                    title, drawn = mine, weeks_drawn
            png = bar_chart_png(title, drawn, scores, instrument.score_max)
            if whose == "Your":
                weeks = [week for week, _ in points]
                summary = messages.chart_summary(instrument.short_name(), weeks, scores)
            else:
                summary = chart_summary(f"{whose} {name} score by week", labels, scores)
            chart = discord.File(io.BytesIO(png), filename="wellbeing.png", description=summary)
            text = f"{text[: 1998 - len(summary)]}\n\n{summary}"  # the summary is never cut
        await reply_privately(interaction, text[:2000], file=chart)

    @wellbeing_group.command(name="outcomes")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def outcomes(self, interaction: discord.Interaction, cohort: str) -> None:
        """Cohort outcomes: mean scores at the start and end, and the mean change (aggregates only)."""
        assert interaction.guild is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # a CSV and a chart
        report = await self.lane.outcomes(interaction.guild.id, cohort)
        found, results = report.cohort, report.outcomes
        book = self.lane.book.instruments
        names = {k: i.name for k, i in book.items()}
        lines = [
            f"**Wellbeing outcomes: {found.name}** (groups under {MIN_GROUP} answers are not shown)"
        ]
        lines += [
            describe_outcome(
                o, names, book[o.instrument].higher_is_better if o.instrument in book else True
            )
            for o in results
        ] or ["No answers yet."]
        files = [
            discord.File(
                io.BytesIO(outcomes_csv(results).encode()),
                filename=f"cohort-{found.id}-outcomes.csv",
            )
        ]
        if report.who5:
            labels = [f"wk {week}" for week, _, _ in report.who5]
            means = [round(mean, 1) for _, mean, _ in report.who5]
            png = bar_chart_png(
                f"{found.name}: mean WHO-5 by week (weeks with {MIN_GROUP}+ answers)",
                labels,
                means,
                max_value=100,
            )
            summary = chart_summary("the cohort's mean WHO-5 score by week", labels, means)
            lines.append(summary)
            files.append(
                discord.File(
                    io.BytesIO(png), filename=f"cohort-{found.id}-who5.png", description=summary
                )
            )
        await interaction.followup.send("\n".join(lines)[:2000], files=files, ephemeral=True)

    @wellbeing_group.command(name="settings")
    @app_commands.describe(
        cohort="The cohort's name",
        phq9="Ask PHQ-9 item 9 (thoughts of self-harm; any non-zero answer opens a crisis case)",
        full_weeks="Weeks with the full set of questions, e.g. 1, 6, 12 (or none)",
        weekly="Send the short WHO-5 check-in in the other weeks",
    )
    @coordinators_only()
    async def settings(
        self,
        interaction: discord.Interaction,
        cohort: str,
        phq9: bool | None = None,
        full_weeks: str | None = None,
        weekly: bool | None = None,
    ) -> None:
        """Choose a cohort's wellbeing questions and weeks (coordinators)."""
        assert interaction.guild is not None
        saved = await self.lane.configure(
            interaction.guild.id, cohort, phq9=phq9, full_weeks=full_weeks, weekly=weekly
        )
        await reply_privately(
            interaction,
            messages.settings_saved(saved.cohort.name, saved.phq9, saved.full_weeks, saved.weekly),
        )

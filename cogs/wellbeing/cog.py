"""Discord glue for wellbeing check-ins."""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.utils.charts import bar_chart_png
from cogs.utils.checks import coordinators_only, moderators_only
from cogs.utils.delivery import dm_user
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.replies import reply_privately
from cogs.wellbeing import messages
from cogs.wellbeing.instruments import Instruments
from cogs.wellbeing.outcomes import (
    MIN_GROUP,
    cohort_outcomes,
    describe_outcome,
    outcomes_csv,
    weekly_means,
)
from cogs.wellbeing.schedule import forms_for_week, parse_weeks
from cogs.wellbeing.scoring import read_as, score_form
from cogs.wellbeing.views import CheckinModal, OpenFormButton, checkin_view
from db.repositories.cohorts import CohortRepository
from db.repositories.wellbeing import NO_COHORT, NewAnswer, OptIn, Request, WellbeingRepository

log = logging.getLogger(__name__)

SWEEP = "wellbeing_sweep"  # entity 0: once a day, sends each opted-in member this week's check-in
SWEEP_EVERY = timedelta(days=1)
SENT, ALREADY, FAILED = "sent", "already", "failed"
NOTHING_THIS_WEEK = "nothing"  # the cohort's schedule asks for no check-in this week


class WellbeingCog(commands.Cog):
    """Weekly opt-in wellbeing check-ins, the member's own trend, cohort outcomes."""

    wellbeing_group = app_commands.Group(
        name="wellbeing", description="Weekly wellbeing check-ins (opt-in).", guild_only=True
    )

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.repo = WellbeingRepository(bot.services.db)
        self.cohorts = CohortRepository(bot.services.db)
        self.book: Instruments = bot.services.data.instruments
        bot.services.jobs.register(SWEEP, self._on_sweep)

    async def cog_load(self) -> None:
        """Make check-in buttons work after a restart; make sure the weekly sweep is scheduled."""
        self.bot.add_dynamic_items(OpenFormButton)
        await self.services.jobs.ensure_recurring(SWEEP)

    async def cog_unload(self) -> None:
        """Stop listening for check-in buttons."""
        self.bot.remove_dynamic_items(OpenFormButton)

    # --- scheduling ---------------------------------------------------------------------------

    async def _on_sweep(self, job: Any) -> None:
        """Send this week's check-in to everyone opted in who has not had it; then tomorrow."""
        now = self.services.clock.now()
        sent = 0
        for optin in await self.repo.opted_in():
            try:
                if await self.send_checkin(optin) == SENT:
                    sent += 1
            except Exception:
                log.exception("wellbeing: the check-in for user %s failed", optin.user_id)
        if sent:
            log.info("wellbeing: sent %d check-in(s)", sent)
        await self.services.jobs.schedule(SWEEP, 0, now + SWEEP_EVERY)

    async def _current(self, optin: OptIn, now: datetime) -> tuple[int, int, str | None]:
        """(cohort id or 0, week, cohort name) for a member now."""
        for enrolment in await self.cohorts.active_for_user(optin.guild_id, optin.user_id):
            cohort = await self.cohorts.get(enrolment.cohort_id)
            if cohort is None or cohort.state != "running" or enrolment.status != "enrolled":
                continue
            sessions = await self.cohorts.sessions(cohort.id)
            first = sessions[0].starts_at if sessions else now
            week = max(1, min(cohort.weeks, (now - first).days // 7 + 1))
            return cohort.id, week, cohort.name
        return NO_COHORT, max(1, (now - optin.opted_in_at).days // 7 + 1), None

    async def send_checkin(self, optin: OptIn) -> str:
        """Create this week's request (once) and DM it unless already sent: SENT, ALREADY, FAILED."""
        now = self.services.clock.now()
        cohort_id, week, cohort_name = await self._current(optin, now)
        full_weeks, weekly_forms = (
            await self.repo.cohort_schedule(cohort_id) if cohort_id else (None, None)
        )
        forms = forms_for_week(
            self.book.schedule,
            week,
            in_cohort=cohort_id != NO_COHORT,
            full_weeks=full_weeks,
            weekly_forms=weekly_forms,
        )
        if not forms:
            return NOTHING_THIS_WEEK  # the cohort asks for no check-in this week
        enabled = await self.repo.cohort_enabled(cohort_id) if cohort_id else frozenset()
        request = await self.repo.create_request(
            guild_id=optin.guild_id,
            user_id=optin.user_id,
            cohort_id=cohort_id,
            week=week,
            forms=forms,
            enabled=enabled,
            now=now,
        )
        if request.sent_at is not None:
            return ALREADY
        guild = self.bot.get_guild(optin.guild_id)
        shown = [
            (self.book.forms[k].title, self.book.form_instruments(k, request.enabled))
            for k in request.forms
        ]
        text = messages.checkin_dm(guild.name if guild else "your server", week, cohort_name, shown)
        view = checkin_view(
            request.id, [(k, f"Answer: {self.book.forms[k].title}") for k in request.forms]
        )
        if not await dm_user(self.bot, optin.user_id, text, view=view):
            return FAILED
        await self.repo.mark_sent(request.id, now)
        log.info("wellbeing: request %s sent to user %s", request.id, optin.user_id)
        return SENT

    # --- the forms ----------------------------------------------------------------------------

    async def _own_request(self, interaction: discord.Interaction, request_id: int) -> Request:
        request = await self.repo.request(request_id)
        if request is None:
            raise InvalidInput(messages.UNKNOWN_REQUEST)
        if request.user_id != interaction.user.id:
            raise InvalidInput(messages.NOT_YOURS)
        return request

    async def open_form(self, interaction: discord.Interaction, request_id: int, form: str) -> None:
        """A check-in button was pressed: open that form."""
        request = await self._own_request(interaction, request_id)
        if form not in request.forms or form not in self.book.forms:
            raise InvalidInput(messages.UNKNOWN_REQUEST)
        instruments = self.book.form_instruments(form, request.enabled)
        await interaction.response.send_modal(
            CheckinModal(request.id, self.book.forms[form], instruments)
        )

    async def submit_form(
        self, interaction: discord.Interaction, request_id: int, form: str, typed: dict[str, str]
    ) -> None:
        """Check every answer, score, store the whole form at once, then act on a crisis item."""
        request = await self._own_request(interaction, request_id)
        instruments = self.book.form_instruments(form, request.enabled)
        scored = score_form(instruments, typed)  # raises before anything is saved
        now = self.services.clock.now()
        await self.repo.save_answers(
            request, [NewAnswer(s.instrument, s.answers, s.score) for s in scored], now
        )
        log.info("wellbeing: request %s form %s saved", request.id, form)
        by_key = {i.key: i for i in instruments}
        crisis = [s for s in scored if by_key[s.instrument].crisis_item and s.crisis]
        lines = [messages.score_line(by_key[s.instrument], s.score) for s in scored]
        text = messages.SAVED.format(scores=" ".join(line for line in lines if line))
        text += messages.read_as_note(read_as(typed))
        if crisis:
            text += messages.CRISIS_NOTE
        await reply_privately(interaction, text)
        for item in crisis:
            await self._open_crisis_case(request, max(item.answers))

    async def _open_crisis_case(self, request: Request, answer: int) -> None:
        """A non-zero self-harm answer goes to the crisis lane the same day (never silenced)."""
        crisis: Any = self.bot.get_cog("CrisisCog")
        instrument = next(i for i in self.book.instruments.values() if i.crisis_item)
        level = "urgent" if answer >= instrument.max else "concern"
        if crisis is None:
            log.error("wellbeing: request %s needs a crisis case but the lane is not loaded",
                      request.id)  # fmt: skip
            return
        case = await crisis.open_and_respond(
            guild_id=request.guild_id,
            user_id=request.user_id,
            channel_id=None,
            message_id=None,
            source="wellbeing",
            level=level,
            rules=("phq9_item9",),
            reason=f"Wellbeing check-in: PHQ-9 item 9 answered “{instrument.labels[answer]}”.",
            excerpt=None,
        )
        log.warning("wellbeing: request %s opened crisis case %s (%s)", request.id, case.id, level)

    # --- commands -----------------------------------------------------------------------------

    @wellbeing_group.command(name="optin")
    async def optin(self, interaction: discord.Interaction) -> None:
        """Get a short wellbeing check-in by DM each week (only you see your answers)."""
        assert interaction.guild is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        now = self.services.clock.now()
        choice = await self.repo.set_optin(interaction.guild.id, interaction.user.id, True, now)
        text = messages.OPTED_IN
        try:
            outcome = await self.send_checkin(choice)
        except Exception:
            log.exception("wellbeing: first check-in for user %s failed", interaction.user.id)
            outcome = FAILED
        if outcome == FAILED:
            text += messages.OPTED_IN_NO_DM
        await interaction.followup.send(text, ephemeral=True)

    @wellbeing_group.command(name="optout")
    async def optout(self, interaction: discord.Interaction) -> None:
        """Stop the weekly wellbeing check-ins (your past answers stay yours)."""
        assert interaction.guild is not None
        now = self.services.clock.now()
        await self.repo.set_optin(interaction.guild.id, interaction.user.id, False, now)
        await reply_privately(interaction, messages.OPTED_OUT)

    @wellbeing_group.command(name="me")
    async def me(self, interaction: discord.Interaction) -> None:
        """Your own wellbeing trend, in words and as a chart (only you see it)."""
        assert interaction.guild is not None
        await self._send_trend(interaction, interaction.user.id, "Your")

    @wellbeing_group.command(name="share")
    @app_commands.describe(on="Let your group's moderator see your check-in answers")
    async def share(self, interaction: discord.Interaction, on: bool) -> None:
        """Choose whether your group's moderator may see your check-in answers (off by default)."""
        assert interaction.guild is not None
        now = self.services.clock.now()
        if not await self.repo.set_share(interaction.guild.id, interaction.user.id, on, now):
            raise UserFacingError(messages.SHARE_NOT_OPTED_IN)
        await reply_privately(interaction, messages.SHARE_ON if on else messages.SHARE_OFF)

    @wellbeing_group.command(name="member")
    @app_commands.describe(member="A member of a group you moderate")
    @moderators_only()
    async def member_trend(self, interaction: discord.Interaction, member: discord.Member) -> None:
        """A member's check-in trend, only if they chose to share it with you, their moderator."""
        assert interaction.guild is not None
        optin = await self.repo.optin(interaction.guild.id, member.id)
        if optin is None or not optin.share_with_moderator:
            raise UserFacingError(messages.NOT_SHARED.format(member=member.mention))
        groups = [
            await self.cohorts.group(e.group_id)
            for e in await self.cohorts.active_for_user(interaction.guild.id, member.id)
            if e.group_id is not None
        ]
        if not any(g is not None and g.moderator_id == interaction.user.id for g in groups):
            raise UserFacingError(messages.NOT_THEIR_MODERATOR.format(member=member.mention))
        await self._send_trend(interaction, member.id, f"{member.display_name}'s")

    async def _send_trend(self, interaction: discord.Interaction, user_id: int, whose: str) -> None:
        """A trend in words and as a chart, answered privately."""
        assert interaction.guild is not None
        answers = await self.repo.answers_for(interaction.guild.id, user_id)
        if not answers:
            await reply_privately(interaction, messages.NOTHING_YET)
            return
        series: dict[str, list[tuple[int, int]]] = {}
        for answer in answers:
            series.setdefault(answer.instrument, []).append((answer.week, answer.score))
        text = "\n".join(messages.trend_words(self.book, series))
        chart = None
        key = "who5" if "who5" in series else next(iter(series))
        instrument = self.book.instruments.get(key)
        if instrument is not None and not instrument.crisis_item:
            points = series[key][-12:]
            png = bar_chart_png(
                f"{whose} {instrument.name.split(' (')[0]} by week",
                [f"W{week}" for week, _ in points],
                [score for _, score in points],
                instrument.score_max,
            )
            chart = discord.File(io.BytesIO(png), filename="wellbeing.png")
        await reply_privately(interaction, text[:2000], file=chart)

    @wellbeing_group.command(name="outcomes")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def outcomes(self, interaction: discord.Interaction, cohort: str) -> None:
        """Cohort outcomes: mean scores at the start and end, and the mean change (aggregates only)."""
        assert interaction.guild is not None
        found = await self.cohorts.by_name(interaction.guild.id, cohort)
        if found is None:
            raise InvalidInput(messages.NO_COHORT.format(name=cohort))
        answers = await self.repo.cohort_answers(found.id)
        results = cohort_outcomes(answers)
        book = self.book.instruments
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
        who5 = weekly_means(answers, "who5")
        if who5:
            png = bar_chart_png(
                f"{found.name}: mean WHO-5 by week (weeks with {MIN_GROUP}+ answers)",
                [f"wk {week}" for week, _, _ in who5],
                [round(mean, 1) for _, mean, _ in who5],
                max_value=100,
            )
            files.append(discord.File(io.BytesIO(png), filename=f"cohort-{found.id}-who5.png"))
        await interaction.response.send_message(
            "\n".join(lines)[:2000], files=files, ephemeral=True
        )

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
        found = await self.cohorts.by_name(interaction.guild.id, cohort)
        if found is None:
            raise InvalidInput(messages.NO_COHORT.format(name=cohort))
        if phq9 is None and full_weeks is None and weekly is None:
            raise InvalidInput(messages.SETTINGS_NOTHING)
        weeks = parse_weeks(full_weeks, found.weeks) if full_weeks is not None else None
        now = self.services.clock.now()
        saved = []
        if phq9 is not None:
            enabled = set(await self.repo.cohort_enabled(found.id))
            enabled = enabled | {"phq9_item9"} if phq9 else enabled - {"phq9_item9"}
            await self.repo.set_cohort_enabled(found.id, enabled, now)
            saved.append(
                messages.SETTINGS_SAVED.format(state="on" if phq9 else "off", cohort=found.name)
            )
        if weeks is not None or weekly is not None:
            forms = None if weekly is None else (self.book.schedule.weekly if weekly else ())
            await self.repo.set_cohort_schedule(found.id, now, full_weeks=weeks, weekly_forms=forms)
            current_weeks, current_forms = await self.repo.cohort_schedule(found.id)
            saved.append(
                messages.schedule_saved(
                    found.name,
                    current_weeks if current_weeks is not None else self.book.schedule.full_weeks,
                    bool(current_forms if current_forms is not None else self.book.schedule.weekly),
                )
            )
        await reply_privately(interaction, "\n".join(saved))

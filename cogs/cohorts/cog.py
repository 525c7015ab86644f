"""Discord glue for cohorts, groups, enrolment and sessions: the slash commands.

The database is the source of truth: cohorts, groups, enrolments and the sessions (one row per
week) live there, and every session has three jobs keyed by its id (``cohort_reminder``,
``cohort_session_start``, ``cohort_session_end``). Handlers re-read the rows and are idempotent,
so a restart loses and repeats nothing; a start that ran late says so in the channel.

Each group has a private text channel and a private voice channel. A member attends a session by
posting in the text channel or joining the voice channel while the session is open.

Where things live: the use cases in ``service.py`` (``CohortService``) and ``sessions.py``
(``SessionService``), built once in ``bot.py``; who may use a group's channels in
``access.py``; the Discord work in the mixins ``_channels.py`` (channels),
``_attendance.py`` (listeners) and ``_sessions.py`` (job handlers, events, and the ``/session``
commands); the "Can't make it" buttons in ``_absences.py``. A command here checks, converts,
calls the service, renders with ``messages.py`` and replies.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from cogs.cohorts import messages, policy
from cogs.cohorts._absences import ABSENCE_ITEMS
from cogs.cohorts._channels import ALUMNI_ROLE
from cogs.cohorts._intake import IntakeMixin
from cogs.cohorts._sessions import SessionsMixin
from cogs.cohorts.enrolment import Placement
from cogs.cohorts.lifecycle import CohortAction
from cogs.cohorts.service import CohortChanges, Moderator
from cogs.cohorts.views import ConsentView, ThemeModal, overview_embed, report_embed
from cogs.members.language import ENGLISH_NAMES
from cogs.utils.charts import bar_chart_png, chart_summary
from cogs.utils.checks import coordinators_only, is_moderator
from cogs.utils.i18n import t
from cogs.utils.replies import reply_privately
from cogs.utils.when import timezone_choices
from db.models.cohorts import Cohort

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

FOCUS_CHOICES = [
    app_commands.Choice(name=label, value=value) for value, label in policy.FOCUSES.items()
]
LANGUAGE_CHOICES = [
    app_commands.Choice(name=name, value=code) for code, name in ENGLISH_NAMES.items()
]


class CohortsCog(SessionsMixin, IntakeMixin):
    """Cohorts, groups, enrolment and weekly sessions."""

    cohort_group = app_commands.Group(
        name="cohort", description="Cohorts and their groups (coordinators).", guild_only=True
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.cohorts = bot.services.lanes.cohorts
        self.enrolment = bot.services.lanes.enrolment
        self.sessions = bot.services.lanes.sessions
        self.repo = self.cohorts.repo
        self.curriculum = bot.services.data.curriculum
        self._text_channels = set()
        self._voice_channels = set()
        self._register_jobs()

    async def cog_load(self) -> None:
        """Index the group channels for the attendance listeners."""
        self._text_channels, self._voice_channels = await self.repo.group_channel_ids()
        self.bot.add_dynamic_items(*ABSENCE_ITEMS)  # "Can't make it" under session reminders
        self.bot.cohort_places = self  # /privacy delete and a member leaving free places here

    async def cog_unload(self) -> None:
        """Other lanes can no longer free places through this cog."""
        self.bot.cohort_places = None
        self.bot.remove_dynamic_items(*ABSENCE_ITEMS)

    async def _moderator(
        self, guild: discord.Guild, member: discord.Member | None
    ) -> Moderator | None:
        """A chosen group moderator, with whether they hold the moderator or coordinator role."""
        if member is None:
            return None
        settings = await self.services.guild_settings.get(guild.id)
        return Moderator(member.id, is_moderator(member, settings))

    # --- /cohort create, group, show, list, edit ------------------------------------------------

    @cohort_group.command(name="create")
    @app_commands.describe(
        name="A name for the cohort, e.g. Autumn 2026",
        start="First possible date, e.g. 2026-11-02 or 2 Nov (sessions start on the next chosen weekday)",
        day="Weekday of the sessions, e.g. Tuesday",
        time="Local start time, e.g. 18:00, 6:30 pm or 7pm",
        timezone="City or timezone, e.g. Kolkata, New York or America/New_York",
        weeks="How many weekly sessions (default 12)",
        length="Session length in minutes (default 60)",
        cap="Most members per group (default 10)",
        focus="The first group's focus",
        label="Who an affinity group is for (language, culture, age)",
        moderator="The first group's moderator",
        language="The language the first group talks in (default: the server's)",
    )
    @app_commands.choices(focus=FOCUS_CHOICES, language=LANGUAGE_CHOICES)
    @coordinators_only()
    async def cohort_create(
        self,
        interaction: discord.Interaction,
        name: str,
        start: str,
        day: str,
        time: str,
        timezone: str,
        weeks: int = 12,
        length: int = 60,
        cap: int = 10,
        focus: str = "general",
        label: str | None = None,
        moderator: discord.Member | None = None,
        language: str | None = None,
    ) -> None:
        """Create a draft cohort with its first group; nothing is created if an option is wrong."""
        assert interaction.guild is not None
        created = await self.cohorts.create(
            interaction.guild.id,
            interaction.user.id,
            name=name,
            start=start,
            day=day,
            time=time,
            timezone=timezone,
            weeks=weeks,
            length_minutes=length,
            cap=cap,
            focus=focus,
            label=label,
            moderator=await self._moderator(interaction.guild, moderator),
            language=language,
        )
        await interaction.response.send_message(
            messages.created(created.cohort, created.first, created.groups), ephemeral=True
        )

    @cohort_group.command(name="group")
    @app_commands.describe(
        cohort="The cohort's name",
        focus="The new group's focus",
        label="Who an affinity group is for",
        moderator="The new group's moderator",
        language="The language the group talks in (default: the server's)",
    )
    @app_commands.choices(focus=FOCUS_CHOICES, language=LANGUAGE_CHOICES)
    @coordinators_only()
    async def cohort_add_group(
        self,
        interaction: discord.Interaction,
        cohort: str,
        focus: str,
        label: str | None = None,
        moderator: discord.Member | None = None,
        language: str | None = None,
    ) -> None:
        """Add a group (with its focus and moderator) to a cohort that hasn't finished."""
        assert interaction.guild is not None
        found, group = await self.cohorts.add_group(
            interaction.guild.id,
            interaction.user.id,
            cohort,
            focus,
            label,
            await self._moderator(interaction.guild, moderator),
            language,
        )
        warning = None
        if found.state == "enrolling":
            await interaction.response.defer(ephemeral=True, thinking=True)
            warning = await self._ensure_channels(interaction.guild, found)
            group = await self.repo.group(group.id) or group
        text = f"Added {messages.group_name(group)} to **{found.name}**."
        if warning:
            text += f"\n\n{warning}"
        await reply_privately(interaction, text)

    @cohort_group.command(name="show")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_show(self, interaction: discord.Interaction, cohort: str) -> None:
        """A cohort's settings, groups, enrolment and next session."""
        assert interaction.guild is not None
        overview = await self.cohorts.overview(interaction.guild.id, cohort)
        await interaction.response.send_message(embed=overview_embed(overview), ephemeral=True)

    @cohort_group.command(name="list")
    @coordinators_only()
    async def cohort_list(self, interaction: discord.Interaction) -> None:
        """Every cohort on this server, newest first."""
        assert interaction.guild is not None
        cohorts = await self.cohorts.in_guild(interaction.guild.id)
        if not cohorts:
            text = "No cohorts yet. Create one with `/cohort create`."
        else:
            text = "\n".join(messages.cohort_summary(c) for c in cohorts[:20])
        await interaction.response.send_message(text[:2000], ephemeral=True)

    @cohort_group.command(name="edit")
    @app_commands.describe(
        cohort="The cohort's name",
        name="A new name",
        start="A new first possible date, e.g. 2 Nov",
        day="A new weekday",
        time="A new local start time",
        timezone="A new city or timezone",
        weeks="A new number of sessions",
        length="A new session length in minutes",
        cap="A new group size",
        between="Between sessions: closed (read-only) or slowmode",
        reminders="Reminder times in hours before each session, e.g. 24, 1",
    )
    @app_commands.choices(
        between=[
            app_commands.Choice(name="closed (read-only)", value="closed"),
            app_commands.Choice(name="slow mode", value="slowmode"),
        ]
    )
    @coordinators_only()
    async def cohort_edit(
        self,
        interaction: discord.Interaction,
        cohort: str,
        name: str | None = None,
        start: str | None = None,
        day: str | None = None,
        time: str | None = None,
        timezone: str | None = None,
        weeks: int | None = None,
        length: int | None = None,
        cap: int | None = None,
        between: str | None = None,
        reminders: str | None = None,
    ) -> None:
        """Change a cohort before or while it runs; its upcoming sessions move with it."""
        assert interaction.guild is not None
        changes = CohortChanges(
            name, start, day, time, timezone, weeks, length, cap, between, reminders
        )
        edited = await self.cohorts.edit(interaction.guild.id, interaction.user.id, cohort, changes)
        await interaction.response.send_message(
            f"Saved the changes to **{edited.cohort.name}** ({', '.join(edited.fields)}).",
            ephemeral=True,
        )

    @cohort_create.autocomplete("timezone")
    @cohort_edit.autocomplete("timezone")
    async def _timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Zones for a city, country or abbreviation typed so far (typed text works too)."""
        return [app_commands.Choice(name=z, value=z) for z in timezone_choices(current)]

    # --- /cohort start, cancel, complete -------------------------------------------------------

    @cohort_group.command(name="start")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_start(self, interaction: discord.Interaction, cohort: str) -> None:
        """Open enrolment: create the private group channels, schedule the sessions and events."""
        assert interaction.guild is not None
        found, new = await self.cohorts.check_start(interaction.guild.id, cohort)
        await interaction.response.defer(ephemeral=True, thinking=True)
        voice_warning = await self._ensure_channels(interaction.guild, found)
        await self.cohorts.open_enrolment(interaction.guild.id, interaction.user.id, found, new)
        warning = await self._plan_events(interaction.guild)
        text = (
            f"Enrolment is open for **{found.name}**. Members can `/join`; each group has its "
            "private text and voice channels, and the sessions and their reminders are scheduled."
        )
        for note in (voice_warning, warning):
            if note:
                text += f"\n\n{note}"
        await reply_privately(interaction, text)

    @cohort_group.command(name="cancel")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_cancel(self, interaction: discord.Interaction, cohort: str) -> None:
        """Cancel a cohort: its sessions, reminders and events stop; channels become read-only."""
        found = await self._end_cohort(interaction, cohort, CohortAction.CANCEL)
        await reply_privately(
            interaction, f"Cancelled **{found.name}**. Its upcoming sessions are off."
        )

    @cohort_group.command(name="complete")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_complete(self, interaction: discord.Interaction, cohort: str) -> None:
        """Complete a running cohort: channels become read-only archives."""
        assert interaction.guild is not None
        found = await self._end_cohort(interaction, cohort, CohortAction.COMPLETE)
        given, failed = await self._give_alumni_role(interaction.guild, found)
        note = f" {given} member(s) got the **{ALUMNI_ROLE}** role."
        if failed:
            note += (
                f" I couldn't give it to {failed} member(s): check that the Kindred role is "
                f"above **{ALUMNI_ROLE}** and has Manage Roles."
            )
        await reply_privately(
            interaction,
            f"Completed **{found.name}**. The group channels are kept as read-only archives."
            + note,
        )

    async def _end_cohort(
        self, interaction: discord.Interaction, name: str, action: CohortAction
    ) -> Cohort:
        """Cancel or complete: check the move, stop future work, end events, archive channels."""
        assert interaction.guild is not None
        guild = interaction.guild
        found, new = await self.cohorts.check_end(guild.id, name, action)
        await interaction.response.defer(ephemeral=True, thinking=True)
        events = await self.cohorts.end(guild.id, interaction.user.id, found, new, action)
        for session in events:
            await self._finish_event(guild, session, cancel=session.event_status == "scheduled")
        await self._archive_groups(guild, found)
        return found

    @cohort_group.command(name="theme")
    @app_commands.describe(cohort="The cohort's name", week="Which week's theme to change")
    @coordinators_only()
    async def cohort_theme(self, interaction: discord.Interaction, cohort: str, week: int) -> None:
        """Change the theme posted at one week's session (opens an editor with the current text)."""
        assert interaction.guild is not None
        found, current = await self.cohorts.theme_to_edit(interaction.guild.id, cohort, week)
        await interaction.response.send_modal(ThemeModal(found.id, week, current, self.save_theme))

    async def save_theme(
        self, interaction: discord.Interaction, cohort_id: int, week: int, text: str
    ) -> None:
        """Store a week's theme after checking it fits the post."""
        found = await self.cohorts.save_theme(
            interaction.guild_id, interaction.user.id, cohort_id, week, text
        )
        await interaction.response.send_message(
            f"Saved the week {week} theme for **{found.name}**; it is posted when that "
            "session opens.",
            ephemeral=True,
        )

    @app_commands.command(name="reminders")
    @app_commands.describe(
        by_dm="Also send me each session reminder by direct message",
        cohort="Your cohort, if you are in more than one",
    )
    @app_commands.guild_only()
    async def reminders(
        self, interaction: discord.Interaction, by_dm: bool, cohort: str | None = None
    ) -> None:
        """Choose whether session reminders also come to you by DM (they are always in your group)."""
        assert interaction.guild is not None
        await self.enrolment.set_dm_reminders(
            interaction.guild.id, interaction.user.id, cohort, by_dm
        )
        text = (
            t(
                "Done: session reminders will also come to you by DM. If your DMs are closed, "
                "they still appear in your group channel."
            )
            if by_dm
            else t("Done: session reminders will appear only in your group channel.")
        )
        await interaction.response.send_message(text, ephemeral=True)

    # --- enrolment -----------------------------------------------------------------------------

    @cohort_group.command(name="enrol")
    @app_commands.describe(
        cohort="The cohort's name",
        member="Who to enrol",
        group="Group number (leave out to use the emptiest group)",
    )
    @coordinators_only()
    async def cohort_enrol(
        self,
        interaction: discord.Interaction,
        cohort: str,
        member: discord.Member,
        group: int | None = None,
    ) -> None:
        """Enrol a member (or move them to another group); full groups put them on the waitlist."""
        assert interaction.guild is not None
        guild = interaction.guild
        found, candidates = await self.enrolment.check_enrol(guild.id, cohort, group)
        await interaction.response.defer(ephemeral=True, thinking=True)
        placed = await self.enrolment.enrol(
            guild.id, interaction.user.id, found, member.id, candidates
        )
        if placed.moved_from is not None:
            await self._after_leaving(guild, found, placed.moved_from)
        await self._settle(guild, placed)
        if placed.group is None:
            text = (
                f"{member.mention} is on the waitlist of **{found.name}** at position "
                f"{placed.position}."
            )
        else:
            text = (
                f"Enrolled {member.mention} in **{found.name}**, "
                f"{messages.group_name(placed.group)}."
            )
        await reply_privately(interaction, text)

    @app_commands.command(name="join")
    @app_commands.describe(cohort="Which cohort (leave out when only one is open)")
    @app_commands.guild_only()
    async def join(self, interaction: discord.Interaction, cohort: str | None = None) -> None:
        """Join a support-group cohort: what Kindred keeps (agree first), a short form, then a
        place or the waitlist."""
        assert interaction.guild is not None
        found = await self.enrolment.check_join(interaction.guild.id, interaction.user.id, cohort)
        days = self.bot.services.settings.retention_days
        await interaction.response.send_message(
            messages.consent_summary(found.name, days),
            view=ConsentView(found.id, found.name, messages.consent_full(days), self.finish_intake),
            ephemeral=True,
        )

    @app_commands.command(name="leave")
    @app_commands.describe(cohort="Which cohort (leave out when you are in only one)")
    @app_commands.guild_only()
    async def leave(self, interaction: discord.Interaction, cohort: str | None = None) -> None:
        """Leave your cohort or its waitlist; your place goes to the next person waiting."""
        assert interaction.guild is not None
        found = await self.enrolment.check_leave(interaction.guild.id, interaction.user.id, cohort)
        await interaction.response.defer(ephemeral=True, thinking=True)
        left = await self.free_place(interaction.guild, found, interaction.user.id)
        assert left.was is not None
        await reply_privately(interaction, messages.left(found, left.was))

    async def _settle(self, guild: discord.Guild, placed: Placement) -> None:
        """Open the group's channels to a member who got a place (none for the waitlist)."""
        if placed.group is not None:
            await self._sync_group(guild, placed.cohort, placed.group)

    # --- /cohort report ------------------------------------------------------------------------

    @cohort_group.command(name="report")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_report(self, interaction: discord.Interaction, cohort: str) -> None:
        """Enrolment, waitlist and attendance per session and per member, with a CSV file."""
        assert interaction.guild is not None
        # Drawing the chart may take longer than Discord's 3 seconds for a first answer.
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await self.cohorts.report(interaction.guild.id, cohort)
        found = report.cohort
        embed = report_embed(report)
        file = discord.File(
            io.BytesIO(report.csv.encode()), filename=f"cohort-{found.id}-report.csv"
        )
        labels = [f"wk {w.week}" for w in report.held]
        values = [w.came for w in report.held]
        chart = bar_chart_png(
            f"{found.name}: members attending each session",
            labels,
            values,
            max_value=max(report.enrolled, 1),
        )
        summary = chart_summary("members attending each session", labels, values)
        image = discord.File(
            io.BytesIO(chart), filename=f"cohort-{found.id}-attendance.png", description=summary
        )
        embed.set_image(url=f"attachment://cohort-{found.id}-attendance.png")
        await interaction.followup.send(summary, embed=embed, files=[file, image], ephemeral=True)

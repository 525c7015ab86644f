"""Discord glue for cohorts, groups, enrolment and sessions.

The database is the source of truth: cohorts, groups, enrolments and the sessions (one row per
week) live there, and every session has three jobs keyed by its id (``cohort_reminder``,
``cohort_session_start``, ``cohort_session_end``). Handlers re-read the rows and are idempotent,
so a restart loses and repeats nothing; a start that ran late says so in the channel.

Each group has a private text channel and a private voice channel. A member attends a session by
posting in the text channel or joining the voice channel while the session is open.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.cohorts import messages, service
from cogs.cohorts.curriculum import Curriculum, check_theme_override
from cogs.cohorts.events import UpcomingSession, plan_events
from cogs.cohorts.lifecycle import CohortAction, CohortState, transition
from cogs.cohorts.schedule import check_attendance, reminders_for, skip_session
from cogs.cohorts.views import IntakeModal, ThemeModal
from cogs.utils.charts import bar_chart_png
from cogs.utils.checks import coordinators_only, is_moderator
from cogs.utils.delivery import dm_user, tell_staff
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.replies import reply_privately
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import Cohort, CohortRepository, Group, NewGroup, SessionRow

log = logging.getLogger(__name__)
ALUMNI_ROLE = "Kindred alumni"

REMINDER = "cohort_reminder"
SESSION_START = "cohort_session_start"
SESSION_END = "cohort_session_end"
SLOWMODE_SECONDS = 3600
LIVE = ("enrolling", "running")

Overwrites = dict[Any, discord.PermissionOverwrite]

FOCUS_CHOICES = [
    app_commands.Choice(name=label, value=value) for value, label in service.FOCUSES.items()
]


class CohortsCog(commands.Cog):
    """Cohorts, groups, enrolment and weekly sessions."""

    cohort_group = app_commands.Group(
        name="cohort", description="Cohorts and their groups (coordinators).", guild_only=True
    )
    session_group = app_commands.Group(
        name="session", description="A cohort's weekly sessions (coordinators).", guild_only=True
    )

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.repo = CohortRepository(bot.services.db)
        self.checkins = CheckinRepository(bot.services.db)
        self.curriculum: Curriculum = bot.services.data.curriculum
        # One channel check at a time: a session start and a reconnect must not both create
        # the same missing channel.
        self._channels_lock = asyncio.Lock()
        # Which channels are group channels, so the attendance listeners return before any
        # database work for every other channel. Filled in cog_load; a channel is added when
        # this cog links it to a group (the only place that does). An id whose group changed
        # channel stays: the database lookup then finds no group, as before.
        self._text_channels: set[int] = set()
        self._voice_channels: set[int] = set()
        bot.services.jobs.register(REMINDER, self._on_reminder)
        bot.services.jobs.register(SESSION_START, self._on_session_start)
        bot.services.jobs.register(SESSION_END, self._on_session_end)

    async def cog_load(self) -> None:
        """Index the group channels for the attendance listeners."""
        self._text_channels, self._voice_channels = await self.repo.group_channel_ids()

    # --- lookups ------------------------------------------------------------------------------

    async def _cohort(self, guild_id: int, name: str) -> Cohort:
        cohort = await self.repo.by_name(guild_id, name)
        if cohort is None:
            raise UserFacingError(messages.NOT_FOUND.format(name=name.strip()))
        return cohort

    async def _member_cohort(self, guild_id: int, name: str | None) -> Cohort:
        """The cohort a member means: the one named, or the only one open for enrolment."""
        if name:
            return await self._cohort(guild_id, name)
        open_now = [c for c in await self.repo.in_guild(guild_id) if c.state in LIVE]
        if not open_now:
            raise UserFacingError(messages.NO_OPEN_COHORT)
        if len(open_now) > 1:
            names = ", ".join(c.name for c in open_now)
            raise UserFacingError(messages.SEVERAL_OPEN.format(names=names))
        return open_now[0]

    def _now(self) -> dt.datetime:
        return self.services.clock.now()

    async def _check_group_moderator(
        self, guild: discord.Guild, moderator: discord.Member | None
    ) -> None:
        """A group's moderator reads outreach notes and shared check-ins: the care team only."""
        if moderator is None:
            return
        settings = await self.services.guild_settings.get(guild.id)
        if not is_moderator(moderator, settings):
            raise InvalidInput(messages.MODERATOR_WITHOUT_ROLE.format(member=moderator.mention))

    # --- /cohort create, group, show, list, edit ------------------------------------------------

    @cohort_group.command(name="create")
    @app_commands.describe(
        name="A name for the cohort, e.g. Autumn 2026",
        start="First possible date, YYYY-MM-DD (the first session is the next chosen weekday)",
        day="Weekday of the sessions, e.g. Tuesday",
        time="Local start time, e.g. 18:00 or 6:30 pm",
        timezone="IANA timezone, e.g. America/New_York",
        weeks="How many weekly sessions (default 12)",
        length="Session length in minutes (default 60)",
        cap="Most members per group (default 10)",
        focus="The first group's focus",
        label="Who an affinity group is for (language, culture, age)",
        moderator="The first group's moderator",
    )
    @app_commands.choices(focus=FOCUS_CHOICES)
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
    ) -> None:
        """Create a draft cohort with its first group; nothing is created if an option is wrong."""
        assert interaction.guild is not None
        plan = service.plan_cohort(
            name=name,
            start=start,
            day=day,
            time=time,
            timezone=timezone,
            weeks=weeks,
            length_minutes=length,
            cap=cap,
            now=self._now(),
        )
        focus, label = service.check_focus(focus, label)
        await self._check_group_moderator(interaction.guild, moderator)
        if await self.repo.by_name(interaction.guild.id, plan.name) is not None:
            raise InvalidInput(
                f"There is already a cohort called “{plan.name}”; pick another name."
            )
        cohort = await self.repo.create(
            guild_id=interaction.guild.id,
            name=plan.name,
            start_date=plan.start_date,
            weeks=plan.weeks,
            weekday=plan.weekday,
            local_time=plan.local_time,
            timezone=plan.timezone,
            length_minutes=plan.length_minutes,
            group_cap=plan.group_cap,
            between_mode="closed",
            reminder_hours=(24, 1),
            groups=[NewGroup(focus, label, moderator.id if moderator else None)],
            sessions=plan.sessions,
            created_by=interaction.user.id,
            now=self._now(),
        )
        await self._audit(interaction, "cohort.create", cohort.id, cohort.name)
        groups = await self.repo.groups(cohort.id)
        first = (await self.repo.sessions(cohort.id))[0]
        await interaction.response.send_message(
            messages.created(cohort, first, groups), ephemeral=True
        )

    @cohort_group.command(name="group")
    @app_commands.describe(
        cohort="The cohort's name",
        focus="The new group's focus",
        label="Who an affinity group is for",
        moderator="The new group's moderator",
    )
    @app_commands.choices(focus=FOCUS_CHOICES)
    @coordinators_only()
    async def cohort_add_group(
        self,
        interaction: discord.Interaction,
        cohort: str,
        focus: str,
        label: str | None = None,
        moderator: discord.Member | None = None,
    ) -> None:
        """Add a group (with its focus and moderator) to a cohort that hasn't finished."""
        assert interaction.guild is not None
        found = await self._cohort(interaction.guild.id, cohort)
        if found.state not in ("draft", "enrolling"):
            raise InvalidInput("Groups can be added while a cohort is a draft or enrolling.")
        focus, label = service.check_focus(focus, label)
        await self._check_group_moderator(interaction.guild, moderator)
        group = await self.repo.add_group(
            found.id, NewGroup(focus, label, moderator.id if moderator else None)
        )
        warning = None
        if found.state == "enrolling":
            await interaction.response.defer(ephemeral=True, thinking=True)
            warning = await self._ensure_channels(interaction.guild, found)
            group = await self.repo.group(group.id) or group
        await self._audit(interaction, "cohort.group", found.id, messages.group_name(group))
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
        found = await self._cohort(interaction.guild.id, cohort)
        embed = await self._cohort_embed(found)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @cohort_group.command(name="list")
    @coordinators_only()
    async def cohort_list(self, interaction: discord.Interaction) -> None:
        """Every cohort on this server, newest first."""
        assert interaction.guild is not None
        cohorts = await self.repo.in_guild(interaction.guild.id)
        if not cohorts:
            text = "No cohorts yet. Create one with `/cohort create`."
        else:
            text = "\n".join(messages.cohort_summary(c) for c in cohorts[:20])
        await interaction.response.send_message(text[:2000], ephemeral=True)

    @cohort_group.command(name="edit")
    @app_commands.describe(
        cohort="The cohort's name",
        name="A new name",
        start="A new first possible date, YYYY-MM-DD",
        day="A new weekday",
        time="A new local start time",
        timezone="A new IANA timezone",
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
        found = await self._cohort(interaction.guild.id, cohort)
        if found.state in ("completed", "cancelled"):
            raise InvalidInput(f"“{found.name}” has finished, so it can't be changed.")
        fields: dict[str, object] = {}
        schedule_changed = any(v is not None for v in (start, day, time, timezone, weeks, length))
        if found.state == "running" and (start is not None or day is not None):
            raise InvalidInput(
                "A running cohort keeps its start date and weekday; use `/session skip` to "
                "move a week."
            )
        if name is not None:
            new_name = service.check_name(name)
            other = await self.repo.by_name(interaction.guild.id, new_name)
            if other is not None and other.id != found.id:
                raise InvalidInput(f"There is already a cohort called “{new_name}”.")
            fields["name"] = new_name
        zone = service.parse_timezone(timezone) if timezone is not None else None
        if zone is not None:
            fields["timezone"] = zone.key
        if time is not None:
            fields["local_time"] = service.parse_local_time(time).strftime("%H:%M")
        if day is not None:
            fields["weekday"] = service.parse_weekday(day)
        if start is not None:
            date = service.parse_date(start)
            service.check_start_date(
                date, zone or service.parse_timezone(found.timezone), self._now()
            )
            fields["start_date"] = date.isoformat()
        service.check_numbers(
            weeks if weeks is not None else found.weeks,
            length if length is not None else found.length_minutes,
            cap if cap is not None else found.group_cap,
        )
        for key, value in (("weeks", weeks), ("length_minutes", length), ("group_cap", cap)):
            if value is not None:
                fields[key] = value
        if between is not None:
            fields["between_mode"] = between
        if reminders is not None:
            fields["reminder_hours"] = ",".join(
                f"{h:g}" for h in service.parse_reminder_hours(reminders)
            )
        if not fields:
            raise InvalidInput("Nothing to change: give at least one option.")
        await self.repo.update_schedule(found.id, fields=fields, sessions=None, now=self._now())
        updated = await self.repo.get(found.id)
        assert updated is not None
        if schedule_changed:
            await self.repo.update_schedule(
                found.id, fields={}, sessions=service.sessions_of(updated), now=self._now()
            )
        if updated.state in LIVE:
            await self._schedule_jobs(updated)
        await self._audit(interaction, "cohort.edit", found.id, ",".join(sorted(fields)))
        await interaction.response.send_message(
            f"Saved the changes to **{updated.name}** ({', '.join(sorted(fields))}).",
            ephemeral=True,
        )

    # --- /cohort start, cancel, complete -------------------------------------------------------

    @cohort_group.command(name="start")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_start(self, interaction: discord.Interaction, cohort: str) -> None:
        """Open enrolment: create the private group channels, schedule the sessions and events."""
        assert interaction.guild is not None
        found = await self._cohort(interaction.guild.id, cohort)
        new = transition(found.state, CohortAction.OPEN_ENROLMENT)
        first = (await self.repo.sessions(found.id))[0]
        if first.starts_at <= self._now():
            raise InvalidInput(
                "The first session time has already passed; change the start date with "
                "`/cohort edit` first."
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        voice_warning = await self._ensure_channels(interaction.guild, found)
        if not await self.repo.set_state(found.id, found.state, new, self._now()):
            raise UserFacingError("Someone changed this cohort at the same moment; try again.")
        started = await self.repo.get(found.id)
        assert started is not None
        await self._schedule_jobs(started)
        warning = await self._plan_events(interaction.guild)
        await self._audit(interaction, "cohort.start", found.id, found.name)
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
        """Cancel or complete: check the move, stop future work, archive channels, audit."""
        assert interaction.guild is not None
        found = await self._cohort(interaction.guild.id, name)
        new = transition(found.state, action)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.repo.set_state(found.id, found.state, new, self._now())
        cancelled = action == CohortAction.CANCEL
        await self._wind_down(interaction.guild, found, cancelled=cancelled)
        await self._audit(
            interaction, f"cohort.{'cancel' if cancelled else 'complete'}", found.id, found.name
        )
        return found

    async def _give_alumni_role(self, guild: discord.Guild, cohort: Cohort) -> tuple[int, int]:
        """Give every enrolled member the alumni role (created if missing); count done/failed."""
        role = discord.utils.get(guild.roles, name=ALUMNI_ROLE)
        enrolled = await self.repo.enrolments(cohort.id, "enrolled")
        if not enrolled:
            return 0, 0
        try:
            if role is None:
                role = await guild.create_role(
                    name=ALUMNI_ROLE, reason=f"cohort {cohort.id} completed"
                )
        except discord.HTTPException:
            log.exception("cohort %s: could not create the alumni role", cohort.id)
            return 0, len(enrolled)
        given = failed = 0
        for enrolment in enrolled:
            member = guild.get_member(enrolment.user_id)
            if member is None:
                continue  # left the server
            try:
                await member.add_roles(role, reason=f"completed cohort {cohort.id}")
                given += 1
            except discord.HTTPException:
                failed += 1
                log.warning("cohort %s: alumni role not given to %s", cohort.id, member.id)
        return given, failed

    @cohort_group.command(name="theme")
    @app_commands.describe(cohort="The cohort's name", week="Which week's theme to change")
    @coordinators_only()
    async def cohort_theme(self, interaction: discord.Interaction, cohort: str, week: int) -> None:
        """Change the theme posted at one week's session (opens an editor with the current text)."""
        assert interaction.guild is not None
        found = await self._cohort(interaction.guild.id, cohort)
        if not 1 <= week <= found.weeks:
            raise InvalidInput(f"**{found.name}** has weeks 1 to {found.weeks}; pick one of those.")
        overrides = await self.repo.theme_overrides(found.id)
        current = self.curriculum.theme_for(week, overrides, found.weeks)
        await interaction.response.send_modal(ThemeModal(found.id, week, current))

    async def save_theme(
        self, interaction: discord.Interaction, cohort_id: int, week: int, text: str
    ) -> None:
        """Store a week's theme after checking it fits the post."""
        found = await self.repo.get(cohort_id)
        if found is None:
            raise UserFacingError("That cohort no longer exists.")
        theme = check_theme_override(self.curriculum, week, text, found.weeks)
        await self.repo.set_theme(found.id, week, theme)
        await self._audit(interaction, "cohort.theme", found.id, f"week {week}")
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
        mine = await self.repo.active_for_user(interaction.guild.id, interaction.user.id)
        if cohort is None and len(mine) == 1:
            found = await self.repo.get(mine[0].cohort_id)
            assert found is not None
        else:
            found = await self._member_cohort(interaction.guild.id, cohort)
        enrolment = await self.repo.enrolment(found.id, interaction.user.id)
        if enrolment is None or enrolment.status not in ("enrolled", "waitlisted"):
            raise UserFacingError(
                f"You're not in **{found.name}** yet. `/join` to take part; reminders come with it."
            )
        await self.repo.set_remind_by_dm(enrolment.id, by_dm)
        text = (
            "Done: session reminders will also come to you by DM. If your DMs are closed, they "
            "still appear in your group channel."
            if by_dm
            else "Done: session reminders will appear only in your group channel."
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
        found = await self._cohort(interaction.guild.id, cohort)
        if found.state not in ("draft", "enrolling", "running"):
            raise InvalidInput(f"“{found.name}” has finished, so nobody can be enrolled.")
        groups = await self.repo.groups(found.id)
        if group is not None:
            chosen = [g.id for g in groups if g.number == group]
            if not chosen:
                raise InvalidInput(f"“{found.name}” has groups 1 to {len(groups)}.")
            candidates = chosen
        else:
            candidates = [g.id for g in groups]
        await interaction.response.defer(ephemeral=True, thinking=True)
        before = await self.repo.enrolment(found.id, member.id)
        if before is not None and before.status == "enrolled" and before.group_id in candidates:
            raise InvalidInput(f"{member.mention} is already in that group.")
        if before is not None and before.status == "enrolled":
            # Moving groups: free the old place first (the next person waiting gets it).
            await self._leave(interaction.guild, found, member.id)
        enrolment = await self.repo.place(
            cohort_id=found.id,
            user_id=member.id,
            candidates=candidates,
            cap=found.group_cap,
            joined_week=await self._joining_week(found),
            focus_pref=before.focus_pref if before else None,
            timezone_pref=before.timezone_pref if before else None,
            checkins=before.checkins if before else False,
            language=before.language if before else None,
            consent=False,
            enrolled_by=interaction.user.id,
            now=self._now(),
        )
        await self._audit(interaction, "cohort.enrol", found.id, f"user {member.id}")
        if enrolment.status == "waitlisted":
            position = await self.repo.waitlist_position(enrolment)
            text = (
                f"{member.mention} is on the waitlist of **{found.name}** at position {position}."
            )
        else:
            placed = await self.repo.group(enrolment.group_id or 0)
            assert placed is not None
            await self._sync_group(interaction.guild, found, placed)
            text = f"Enrolled {member.mention} in **{found.name}**, {messages.group_name(placed)}."
        await reply_privately(interaction, text)

    @app_commands.command(name="join")
    @app_commands.describe(cohort="Which cohort (leave out when only one is open)")
    @app_commands.guild_only()
    async def join(self, interaction: discord.Interaction, cohort: str | None = None) -> None:
        """Join a support-group cohort: a short form with consent, then a place or the waitlist."""
        assert interaction.guild is not None
        found = await self._member_cohort(interaction.guild.id, cohort)
        if found.state not in LIVE:
            raise UserFacingError(
                messages.NOT_OPEN_FOR_JOINING.format(
                    name=found.name, state=messages.STATE_LABEL[found.state].lower()
                )
            )
        existing = await self.repo.enrolment(found.id, interaction.user.id)
        if existing is not None and existing.status in ("enrolled", "waitlisted"):
            where = "on the waitlist" if existing.status == "waitlisted" else "enrolled"
            raise UserFacingError(messages.ALREADY_IN.format(name=found.name, where=where))
        await interaction.response.send_modal(IntakeModal(found.id, found.name))

    async def finish_intake(
        self, interaction: discord.Interaction, cohort_id: int, answers: dict[str, str]
    ) -> None:
        """The intake form came back: check consent, then place or waitlist the member."""
        assert interaction.guild is not None
        found = await self.repo.get(cohort_id)
        if found is None or found.guild_id != interaction.guild.id or found.state not in LIVE:
            raise UserFacingError("That cohort isn't taking new members any more.")
        if answers["consent"].strip().lower() not in ("yes", "y", "i agree", "agree"):
            raise InvalidInput(messages.CONSENT_NEEDED)
        focus = _focus_from(answers["focus"])
        tz = answers["timezone"].strip()
        timezone = service.parse_timezone(tz).key if tz else None
        checkins = answers["checkins"].strip().lower() in ("yes", "y")
        language = answers["language"].strip() or None
        await interaction.response.defer(ephemeral=True, thinking=True)
        groups = await self.repo.groups(found.id)
        enrolment = await self.repo.place(
            cohort_id=found.id,
            user_id=interaction.user.id,
            candidates=service.candidate_groups(groups, focus),
            cap=found.group_cap,
            joined_week=await self._joining_week(found),
            focus_pref=focus,
            timezone_pref=timezone,
            checkins=checkins,
            language=language,
            consent=True,
            enrolled_by=None,
            now=self._now(),
        )
        if enrolment.status == "waitlisted":
            position = await self.repo.waitlist_position(enrolment)
            await reply_privately(interaction, messages.waitlisted(found, position))
            return
        group = await self.repo.group(enrolment.group_id or 0)
        assert group is not None
        await self._sync_group(interaction.guild, found, group)
        await reply_privately(interaction, messages.joined(found, group, enrolment.joined_week))

    @app_commands.command(name="leave")
    @app_commands.describe(cohort="Which cohort (leave out when you are in only one)")
    @app_commands.guild_only()
    async def leave(self, interaction: discord.Interaction, cohort: str | None = None) -> None:
        """Leave your cohort or its waitlist; your place goes to the next person waiting."""
        assert interaction.guild is not None
        mine = await self.repo.active_for_user(interaction.guild.id, interaction.user.id)
        if cohort:
            found = await self._cohort(interaction.guild.id, cohort)
            mine = [e for e in mine if e.cohort_id == found.id]
        if not mine:
            raise UserFacingError(messages.NOT_IN_ANY)
        if len(mine) > 1:
            raise UserFacingError("You are in more than one cohort; name one with `cohort:`.")
        found_cohort = await self.repo.get(mine[0].cohort_id)
        assert found_cohort is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        was = await self._leave(interaction.guild, found_cohort, interaction.user.id)
        assert was is not None
        await reply_privately(interaction, messages.left(found_cohort, was))

    async def _leave(self, guild: discord.Guild, cohort: Cohort, user_id: int) -> Any:
        """Free a member's place, give it to the next person waiting, and tell them."""
        was, promoted = await self.repo.leave_and_promote(
            cohort.id, user_id, await self._joining_week(cohort), self._now()
        )
        if was is None or was.group_id is None or was.status != "enrolled":
            return was
        group = await self.repo.group(was.group_id)
        assert group is not None
        await self._sync_group(guild, cohort, group)
        if promoted is not None:
            log.info("cohort %s: user %s got a freed place", cohort.id, promoted.user_id)
            await dm_user(self.bot, promoted.user_id, messages.promoted(cohort, group))
        return was

    async def _joining_week(self, cohort: Cohort) -> int:
        return service.current_week(await self.repo.sessions(cohort.id), self._now())

    # --- channels ------------------------------------------------------------------------------

    async def _ensure_channels(self, guild: discord.Guild, cohort: Cohort) -> str | None:
        """Create the cohort's private category and a text and a voice channel per group.

        Idempotent, and it heals: a group missing a channel (a cohort from before groups had
        voice channels, or a channel someone deleted) gets a new one. Returns a note for the
        coordinator when Discord refused a voice channel; the text channels work without it.
        """
        async with self._channels_lock:
            me = guild.me
            private = {
                guild.default_role: discord.PermissionOverwrite(view_channel=False),
                me: _bot_overwrite(),
            }
            category = guild.get_channel(cohort.category_id) if cohort.category_id else None
            if not isinstance(category, discord.CategoryChannel):
                category = await guild.create_category(
                    f"Cohort {cohort.name}"[:100],
                    overwrites=private,
                    reason=f"cohort {cohort.id}: private category",
                )
                await self.repo.set_category(cohort.id, category.id)
            open_: bool | None = None  # read only when a channel is missing
            refused = 0
            for group in await self.repo.groups(cohort.id):
                text = guild.get_channel(group.channel_id) if group.channel_id else None
                voice = (
                    guild.get_channel(group.voice_channel_id) if group.voice_channel_id else None
                )
                has_text = isinstance(text, discord.TextChannel)
                if has_text and isinstance(voice, discord.VoiceChannel):
                    continue
                if open_ is None:
                    open_ = await self._session_open(cohort.id)
                text_overwrites, voice_overwrites = await self._overwrites(
                    guild, cohort, group, open_=open_
                )
                if not has_text:
                    slow = cohort.between_mode == "slowmode" and not open_
                    created = await guild.create_text_channel(
                        service.group_channel_name(cohort.name, group),
                        category=category,
                        overwrites=text_overwrites,
                        topic=f"{cohort.name} · {messages.group_name(group)} · private to the group",
                        slowmode_delay=SLOWMODE_SECONDS if slow else 0,
                        reason=f"cohort {cohort.id}: group {group.number}",
                    )
                    await self.repo.set_group_channel(group.id, created.id)
                    self._text_channels.add(created.id)
                if not isinstance(voice, discord.VoiceChannel):
                    try:
                        made = await guild.create_voice_channel(
                            service.group_voice_name(cohort.name, group),
                            category=category,
                            overwrites=voice_overwrites,
                            reason=f"cohort {cohort.id}: group {group.number} voice",
                        )
                    except discord.Forbidden:
                        log.warning(
                            "cohort %s: Discord refused group %s's voice channel (permissions)",
                            cohort.id,
                            group.id,
                        )
                        refused += 1
                        continue
                    await self.repo.set_group_voice_channel(group.id, made.id)
                    self._voice_channels.add(made.id)
            return messages.voice_refused(refused) if refused else None

    async def _overwrites(
        self,
        guild: discord.Guild,
        cohort: Cohort,
        group: Group,
        *,
        open_: bool,
        archived: bool = False,
    ) -> tuple[Overwrites, Overwrites]:
        """Who may use a group's (text, voice) channels; @everyone cannot even see them.

        Members, the moderator, the coordinator role and the bot see both. Text: members read
        always and post while a session is open (or, with between-session slow mode, in between).
        Voice: members connect and speak only while a session is open; staff any time (to test
        their audio, or to use an archive) and may mute, when the bot holds Mute Members to
        grant it. Archived (completed or cancelled): members only read, and staff stop posting.
        """
        settings = await self.services.guild_settings.get(guild.id)
        can_talk = not archived and (open_ or cohort.between_mode == "slowmode")
        can_join = not archived and open_
        staff_text = discord.PermissionOverwrite(
            view_channel=True, send_messages=not archived, read_message_history=True
        )
        staff_voice = discord.PermissionOverwrite(view_channel=True, connect=True, speak=True)
        if guild.me.guild_permissions.mute_members:
            # Discord refuses an overwrite granting what the bot itself lacks (older invites).
            staff_voice.update(mute_members=True)
        hidden = discord.PermissionOverwrite(view_channel=False)
        text: Overwrites = {guild.default_role: hidden, guild.me: _bot_overwrite()}
        voice: Overwrites = {guild.default_role: hidden, guild.me: _bot_voice_overwrite()}
        # A real Role object: discord.py sends any Object as a *member* overwrite on create.
        role = guild.get_role(settings.coordinator_role_id or 0)
        if role is not None:
            text[role] = staff_text
            voice[role] = staff_voice
        if group.moderator_id:
            moderator = discord.Object(group.moderator_id, type=discord.Member)
            text[moderator] = staff_text
            voice[moderator] = staff_voice
        for user_id in await self.repo.members_of(group.id):
            member = discord.Object(user_id, type=discord.Member)
            text[member] = discord.PermissionOverwrite(
                view_channel=True, read_message_history=True, send_messages=can_talk
            )
            voice[member] = discord.PermissionOverwrite(
                view_channel=True, connect=can_join, speak=can_join
            )
        return text, voice

    async def _sync_group(
        self,
        guild: discord.Guild,
        cohort: Cohort,
        group: Group,
        *,
        open_: bool | None = None,
        archived: bool = False,
    ) -> None:
        """Rewrite a group's text and voice channel overwrites from the database.

        One request per channel. A voice edit Discord refuses is logged and skipped: the text
        channel is the group's home, and a session must still open and close without voice.
        """
        text = guild.get_channel(group.channel_id) if group.channel_id else None
        voice = guild.get_channel(group.voice_channel_id) if group.voice_channel_id else None
        if not isinstance(text, discord.TextChannel) and not isinstance(
            voice, discord.VoiceChannel
        ):
            return
        if open_ is None:
            open_ = await self._session_open(cohort.id)
        text_overwrites, voice_overwrites = await self._overwrites(
            guild, cohort, group, open_=open_, archived=archived
        )
        reason = f"cohort {cohort.id}: group {group.number} membership or session"
        if isinstance(text, discord.TextChannel):
            slowmode = SLOWMODE_SECONDS if cohort.between_mode == "slowmode" and not open_ else 0
            await text.edit(overwrites=text_overwrites, slowmode_delay=slowmode, reason=reason)
        if isinstance(voice, discord.VoiceChannel):
            try:
                await voice.edit(overwrites=voice_overwrites, reason=reason)
            except discord.HTTPException:
                log.warning(
                    "cohort %s: could not update group %s's voice channel",
                    cohort.id,
                    group.id,
                    exc_info=True,
                )

    async def _session_open(self, cohort_id: int) -> bool:
        return await self._open_session(cohort_id) is not None

    async def _open_session(self, cohort_id: int) -> SessionRow | None:
        return next((s for s in await self.repo.sessions(cohort_id) if s.status == "open"), None)

    async def _wind_down(self, guild: discord.Guild, cohort: Cohort, *, cancelled: bool) -> None:
        """Stop future work, end or cancel events, and make the channels read-only."""
        for session in await self.repo.sessions(cohort.id):
            if session.status in ("scheduled", "open"):
                for kind in (REMINDER, SESSION_START, SESSION_END):
                    await self.services.jobs.cancel(kind, session.id)
                if session.status == "scheduled" and cancelled:
                    await self.repo.set_session_status(session.id, ["scheduled"], "cancelled")
                elif session.status == "open":
                    # It took place, up to now; left "open" it would count posts and calls in
                    # an archive, and keep the cohort looking mid-session for ever.
                    await self.repo.set_session_status(session.id, ["open"], "held")
            if session.event_id and session.event_status in ("scheduled", "active"):
                await self._finish_event(guild, session, cancel=session.event_status == "scheduled")
        fresh = await self.repo.get(cohort.id) or cohort
        for group in await self.repo.groups(cohort.id):
            try:
                await self._sync_group(guild, fresh, group, open_=False, archived=True)
            except discord.HTTPException:
                log.exception("cohort %s: could not archive group %s", cohort.id, group.id)

    # --- jobs ----------------------------------------------------------------------------------

    async def _schedule_jobs(self, cohort: Cohort) -> None:
        """(Re)schedule every upcoming session's reminder, start and end (idempotent)."""
        now = self._now()
        offsets = _offsets(cohort)
        for session in await self.repo.sessions(cohort.id):
            if session.status == "scheduled" and session.starts_at > now:
                await self.services.jobs.schedule(SESSION_START, session.id, session.starts_at)
                await self._schedule_reminder(session, offsets, now)
            if session.status in ("scheduled", "open"):
                await self.services.jobs.schedule(SESSION_END, session.id, session.ends_at)

    async def _schedule_reminder(
        self, session: SessionRow, offsets: list[dt.timedelta], now: dt.datetime
    ) -> None:
        sent = await self.repo.reminders_sent(session.id)
        upcoming = [
            r
            for r in reminders_for(session.starts_at, now, offsets)
            if _minutes(r.before) not in sent and r.at > now
        ]
        if upcoming:
            await self.services.jobs.schedule(REMINDER, session.id, upcoming[0].at)
        else:
            await self.services.jobs.cancel(REMINDER, session.id)

    async def _on_reminder(self, job: Any) -> None:
        """Post the most recent due reminder in each group channel; arm the next one."""
        session = await self.repo.session(job.entity_id)
        if session is None or session.status != "scheduled":
            return
        cohort = await self.repo.get(session.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return
        now = self._now()
        offsets = _offsets(cohort)
        sent = await self.repo.reminders_sent(session.id)
        due = [o for o in offsets if session.starts_at - o <= now and _minutes(o) not in sent]
        if due and now < session.starts_at:
            closest = min(due)  # when late, one reminder (the nearest) is enough
            guild = self._guild(cohort)
            title = self.curriculum.week(session.week, cohort.weeks).title
            text = messages.reminder(cohort, session, closest, title)
            for group in await self.repo.groups(cohort.id):
                await self._post(guild, group, text)
            for user_id in await self.repo.dm_reminder_members(cohort.id):
                await dm_user(self.bot, user_id, text)  # best effort: the channel reminder stands
            await self.repo.mark_reminders_sent(session.id, [_minutes(o) for o in due], now)
        await self._schedule_reminder(session, offsets, now)

    async def _on_session_start(self, job: Any) -> None:
        """Open the group channels, post the week's theme, start the Discord event, and count
        members already in their group's voice channel."""
        session = await self.repo.session(job.entity_id)
        if session is None:
            return
        cohort = await self.repo.get(session.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return
        now = self._now()
        if cohort.state == CohortState.ENROLLING:
            transition(cohort.state, CohortAction.BEGIN)
            await self.repo.set_state(cohort.id, cohort.state, CohortState.RUNNING, now)
            cohort = await self.repo.get(cohort.id) or cohort
        first_run = await self.repo.set_session_status(session.id, ["scheduled"], "open")
        if not first_run and session.status != "open":
            return  # held, cancelled or moved: nothing to open
        guild = self._guild(cohort)
        # Heal first, so a group from before voice channels (or missing a deleted channel) is
        # complete before it opens; a failure here must not keep the session from opening.
        try:
            warning = await self._ensure_channels(guild, cohort)
        except discord.HTTPException:
            log.exception("cohort %s: could not check its channels", cohort.id)
            warning = None
        if warning and first_run:
            await tell_staff(self.bot, self.services.guild_settings, guild, warning)
        overrides = await self.repo.theme_overrides(cohort.id)
        post = self.curriculum.theme_post(session.week, overrides, cohort.weeks)
        for group in await self.repo.groups(cohort.id):
            await self._sync_group(guild, cohort, group, open_=True)
            if first_run:
                # The theme goes out once; a rerun after a crash only reopens the channel.
                opening = messages.opening(job.late, group.voice_channel_id)
                await self._post(guild, group, opening + "\n\n" + post)
            # Someone who stayed in the call, or joined while Kindred was away, is there now.
            await self._record_voice(group, _in_voice(guild, group))
        if session.event_id and session.event_status == "scheduled":
            await self._start_event(guild, session)

    async def _on_session_end(self, job: Any) -> None:
        """Close the channels, end the event, record attendance and note who may need outreach."""
        session = await self.repo.session(job.entity_id)
        if session is None:
            return
        cohort = await self.repo.get(session.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return
        guild = self._guild(cohort)
        ended = await self.repo.set_session_status(session.id, ["open", "scheduled"], "held")
        fresh = await self.repo.session(session.id) or session
        groups = await self.repo.groups(cohort.id)
        for group in groups:
            await self._sync_group(guild, cohort, group, open_=False)
            if ended:
                await self._post(guild, group, messages.closing(session.week, cohort.weeks))
        if fresh.event_id and fresh.event_status in ("scheduled", "active"):
            await self._finish_event(guild, fresh, cancel=False)
        await self._follow_up(guild, cohort, session.week, groups)
        warning = await self._plan_events(guild)
        if warning:
            await tell_staff(self.bot, self.services.guild_settings, guild, warning)

    async def _follow_up(
        self, guild: discord.Guild, cohort: Cohort, week: int, groups: list[Group]
    ) -> None:
        """Private notes to moderators about members whose attendance calls for outreach."""
        held = await self.repo.held_count(cohort.id)
        attendance = await self.repo.attendance(cohort.id)
        moderators = {g.id: g.moderator_id for g in groups}
        for enrolment in await self.repo.enrolments(cohort.id, "enrolled"):
            came = {w for w in attendance.get(enrolment.user_id, set()) if w <= held}
            check = check_attendance(cohort.weeks, held, came, enrolment.joined_week)
            reasons = sorted(r.value for r in check.new_reasons)
            fresh = [
                r
                for r in reasons
                if await self.repo.mark_outreach(cohort.id, enrolment.user_id, week, r, self._now())
            ]
            moderator = moderators.get(enrolment.group_id or 0)
            if not fresh or moderator is None:
                continue
            text = messages.outreach(enrolment.user_id, cohort, fresh, check.attended, held)
            await dm_user(self.bot, moderator, text)

    # --- attendance ----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A member who posts in their group channel while a session is open attended it."""
        if message.author.bot or message.guild is None:
            return
        if message.channel.id not in self._text_channels:
            return  # not a group channel: no database work
        group = await self.repo.group_by_channel(message.channel.id)
        if group is None:
            return
        current = await self._open_session(group.cohort_id)
        if current is None:
            return
        if message.author.id not in await self.repo.members_of(group.id):
            return
        await self.repo.record_attendance(
            current.id, message.author.id, group.id, "message", self._now()
        )

    @commands.Cog.listener()
    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        """A member who joins their group's voice channel while a session is open attended it."""
        channel = after.channel
        if member.bot or channel is None:
            return
        if before.channel is not None and before.channel.id == channel.id:
            return  # muting, deafening, video or screen sharing: not a join
        if channel.id not in self._voice_channels:
            return  # not a group's voice channel: no database work
        group = await self.repo.group_by_voice_channel(channel.id)
        if group is None:
            return
        await self._record_voice(group, [member.id])

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """After (re)connecting: give live cohorts' groups any channel they lack, and count
        members already in a group's voice channel during an open session (Discord sends no
        join for someone who came in while Kindred was away)."""
        for guild in self.bot.guilds:
            for cohort in await self.repo.in_guild(guild.id):
                if cohort.state not in LIVE:
                    continue
                try:
                    await self._ensure_channels(guild, cohort)
                except discord.HTTPException:
                    log.exception("cohort %s: could not check its channels", cohort.id)
                for group in await self.repo.groups(cohort.id):
                    await self._record_voice(group, _in_voice(guild, group))

    async def _record_voice(self, group: Group, user_ids: list[int]) -> int:
        """Record voice attendance for the enrolled members among ``user_ids`` when the group's
        cohort has a session open (moderators, coordinators and bots are not attendance)."""
        if not user_ids:
            return 0
        current = await self._open_session(group.cohort_id)
        if current is None:
            return 0
        enrolled = set(await self.repo.members_of(group.id))
        now = self._now()
        recorded = 0
        for user_id in user_ids:
            if user_id in enrolled and await self.repo.record_attendance(
                current.id, user_id, group.id, "voice", now
            ):
                recorded += 1
        return recorded

    # --- events --------------------------------------------------------------------------------

    async def _plan_events(self, guild: discord.Guild) -> str | None:
        """Create events for the next few weeks within Discord's cap; a warning when it bites."""
        sessions = await self.repo.guild_sessions_with_events(guild.id)
        with_events = await self.repo.kindred_event_sessions(guild.id)
        ours = {s.event_id for s in with_events}
        other = sum(
            1
            for e in guild.scheduled_events
            if e.id not in ours
            and e.status in (discord.EventStatus.scheduled, discord.EventStatus.active)
        )
        plan = plan_events(
            [UpcomingSession(s.id, s.starts_at) for s in sessions if s.status == "scheduled"],
            {s.id for s in with_events},
            other,
            self._now(),
        )
        by_id = {s.id: s for s in sessions}
        for session_id in plan.create:
            session = by_id[session_id]
            cohort = await self.repo.get(session.cohort_id)
            assert cohort is not None
            title = self.curriculum.week(session.week, cohort.weeks).title
            try:
                event = await guild.create_scheduled_event(
                    name=f"{cohort.name} · week {session.week}: {title}"[:100],
                    start_time=session.starts_at,
                    end_time=session.ends_at,
                    entity_type=discord.EntityType.external,
                    location="Your group's private channel",
                    privacy_level=discord.PrivacyLevel.guild_only,
                    description=f"Week {session.week} of {cohort.name}, for enrolled members.",
                    reason=f"cohort {cohort.id} session {session.id}",
                )
            except discord.HTTPException:
                log.exception("could not create the event for session %s", session.id)
                continue
            await self.repo.set_event(session.id, event.id, "scheduled")
        if plan.warning is None:
            return None
        w = plan.warning
        return messages.cap_warning(
            w.not_created, w.first_missing_at, w.kindred_events, w.other_events, w.cap
        )

    async def _event(self, guild: discord.Guild, event_id: int) -> Any:
        event = guild.get_scheduled_event(event_id)
        if event is None:
            event = await guild.fetch_scheduled_event(event_id)
        return event

    async def _start_event(self, guild: discord.Guild, session: SessionRow) -> None:
        assert session.event_id is not None
        try:
            event = await self._event(guild, session.event_id)
            if event.status == discord.EventStatus.scheduled:
                await event.start(reason=f"session {session.id} started")
        except discord.NotFound:
            await self.repo.set_event(session.id, None, "ended")
            return
        except discord.HTTPException:
            log.exception("could not start the event of session %s", session.id)
            return
        await self.repo.set_event(session.id, None, "active")

    async def _finish_event(
        self, guild: discord.Guild, session: SessionRow, *, cancel: bool
    ) -> None:
        assert session.event_id is not None
        try:
            event = await self._event(guild, session.event_id)
            if event.status == discord.EventStatus.scheduled and not cancel:
                event = await event.start(reason=f"session {session.id}")
            if event.status == discord.EventStatus.active:
                await event.end(reason=f"session {session.id} ended")
            elif event.status == discord.EventStatus.scheduled:
                await event.cancel(reason=f"session {session.id} cancelled")
        except discord.NotFound:
            pass
        except discord.HTTPException:
            log.exception("could not end the event of session %s", session.id)
            return
        await self.repo.set_event(session.id, None, "ended")

    @cohort_group.command(name="report")
    @app_commands.describe(cohort="The cohort's name")
    @coordinators_only()
    async def cohort_report(self, interaction: discord.Interaction, cohort: str) -> None:
        """Enrolment, waitlist and attendance per session and per member, with a CSV file."""
        assert interaction.guild is not None
        found = await self._cohort(interaction.guild.id, cohort)
        groups = await self.repo.groups(found.id)
        numbers = {g.id: g.number for g in groups}
        sessions = await self.repo.sessions(found.id)
        rows = await self.repo.enrolments(found.id)
        attendance = await self.repo.attendance(found.id)
        in_voice = await self.repo.attendance(found.id, "voice")
        held = [s for s in sessions if s.status == "held"]
        enrolled = [e for e in rows if e.status == "enrolled"]
        embed = discord.Embed(title=f"Report: {found.name}", colour=0x5B8DEF)
        embed.description = messages.cohort_summary(found)
        embed.add_field(
            name="Enrolment",
            value="\n".join(
                f"{messages.group_name(g)}: "
                f"{sum(1 for e in enrolled if e.group_id == g.id)}/{found.group_cap}"
                for g in groups
            )
            or "no groups",
            inline=False,
        )
        embed.add_field(
            name="Waitlist", value=str(sum(1 for e in rows if e.status == "waitlisted"))
        )
        embed.add_field(name="Left", value=str(sum(1 for e in rows if e.status == "left")))
        per_week = []
        for s in held:
            line = f"week {s.week}: {_count(attendance, s.week)}/{len(enrolled)}"
            voice = _count(in_voice, s.week)
            per_week.append(line + (f" ({voice} in voice)" if voice else ""))
        embed.add_field(
            name="Attendance per session",
            value="\n".join(per_week)[:1024] or "no sessions held yet",
            inline=False,
        )
        completion = {c.group_id: c for c in await self.checkins.completion(found.id)}
        embed.add_field(
            name="Check-in completion (pairs that met)",
            value="\n".join(
                f"{messages.group_name(g)}: {c.met}/{c.pairs} ({c.rate:.0%})"
                if (c := completion.get(g.id)) and c.rate is not None
                else f"{messages.group_name(g)}: no finished check-in weeks yet"
                for g in groups
            )[:1024]
            or "no groups",
            inline=False,
        )
        data = service.report_csv(
            found.weeks,
            [(e.user_id, numbers.get(e.group_id or 0), e.status, e.joined_week) for e in rows],
            attendance,
            len(held),
            in_voice,
        )
        file = discord.File(io.BytesIO(data.encode()), filename=f"cohort-{found.id}-report.csv")
        chart = bar_chart_png(
            f"{found.name}: members attending each session",
            [f"wk {s.week}" for s in held],
            [_count(attendance, s.week) for s in held],
            max_value=max(len(enrolled), 1),
        )
        image = discord.File(io.BytesIO(chart), filename=f"cohort-{found.id}-attendance.png")
        embed.set_image(url=f"attachment://cohort-{found.id}-attendance.png")
        await interaction.response.send_message(embed=embed, files=[file, image], ephemeral=True)

    # --- /session skip -------------------------------------------------------------------------

    @session_group.command(name="skip")
    @app_commands.describe(cohort="The cohort's name", week="The session week to postpone")
    @coordinators_only()
    async def session_skip(self, interaction: discord.Interaction, cohort: str, week: int) -> None:
        """Skip a week (a holiday): that session and every later one move a week later."""
        assert interaction.guild is not None
        found = await self._cohort(interaction.guild.id, cohort)
        if found.state not in ("draft", "enrolling", "running"):
            raise InvalidInput(f"“{found.name}” has finished, so its sessions can't move.")
        sessions = {s.week: s for s in await self.repo.sessions(found.id)}
        target = sessions.get(week)
        if target is None:
            raise InvalidInput(f"“{found.name}” has sessions 1 to {found.weeks}.")
        if target.status != "scheduled" or target.starts_at <= self._now():
            raise InvalidInput(f"Week {week} has already started, so it can't be skipped.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        skipped = skip_session(week, found.skipped_slots)
        await self.repo.update_schedule(
            found.id,
            fields={"skipped_slots": ",".join(str(s) for s in sorted(skipped))},
            sessions=None,
            now=self._now(),
        )
        updated = await self.repo.get(found.id)
        assert updated is not None
        await self.repo.update_schedule(
            found.id, fields={}, sessions=service.sessions_of(updated), now=self._now()
        )
        moved = [s for s in await self.repo.sessions(found.id) if s.week >= week]
        for session in moved:
            if session.event_id and session.event_status == "scheduled":
                await self._move_event(interaction.guild, session)
        if updated.state in LIVE:
            await self._schedule_jobs(updated)
        await self._audit(interaction, "session.skip", found.id, f"week {week}")
        last = moved[-1]
        await reply_privately(
            interaction,
            f"Week {week} of **{found.name}** is now {messages.when(moved[0].starts_at, found.timezone)}"
            f"; the last session moves to {messages.when(last.starts_at, found.timezone)}.",
        )

    async def _move_event(self, guild: discord.Guild, session: SessionRow) -> None:
        assert session.event_id is not None
        try:
            event = await self._event(guild, session.event_id)
            await event.edit(start_time=session.starts_at, end_time=session.ends_at)
        except discord.HTTPException:
            log.exception("could not move the event of session %s", session.id)

    # --- helpers -------------------------------------------------------------------------------

    def _guild(self, cohort: Cohort) -> discord.Guild:
        guild = self.bot.get_guild(cohort.guild_id)
        if guild is None:
            # Fail so the job is retried once the server is back, rather than lost.
            raise RuntimeError(f"server {cohort.guild_id} of cohort {cohort.id} is not available")
        return guild

    async def _post(self, guild: discord.Guild, group: Group, text: str) -> None:
        channel = guild.get_channel(group.channel_id) if group.channel_id else None
        if isinstance(channel, discord.TextChannel):
            await channel.send(text[:2000], allowed_mentions=discord.AllowedMentions.none())

    async def _audit(
        self, interaction: discord.Interaction, action: str, target: int, detail: str
    ) -> None:
        await self.services.audit.add(
            guild_id=interaction.guild_id,
            actor_id=interaction.user.id,
            action=action,
            target_id=target,
            detail=detail,
            now=self._now(),
        )

    async def _cohort_embed(self, cohort: Cohort) -> discord.Embed:
        groups = await self.repo.groups(cohort.id)
        sessions = await self.repo.sessions(cohort.id)
        enrolled = await self.repo.enrolments(cohort.id, "enrolled")
        waiting = await self.repo.enrolments(cohort.id, "waitlisted")
        embed = discord.Embed(
            title=cohort.name, description=messages.cohort_summary(cohort), colour=0x5B8DEF
        )
        for group in groups:
            count = sum(1 for e in enrolled if e.group_id == group.id)
            mod = f"<@{group.moderator_id}>" if group.moderator_id else "no moderator yet"
            where = f"<#{group.channel_id}>" if group.channel_id else "channel at enrolment"
            if group.voice_channel_id:
                where += f" · voice <#{group.voice_channel_id}>"
            embed.add_field(
                name=messages.group_name(group),
                value=f"{count}/{cohort.group_cap} members · {mod} · {where}",
                inline=False,
            )
        embed.add_field(name="Waitlist", value=str(len(waiting)))
        upcoming = next((s for s in sessions if s.status == "scheduled"), None)
        if upcoming is not None:
            embed.add_field(
                name=f"Next session (week {upcoming.week})",
                value=messages.when(upcoming.starts_at, cohort.timezone),
            )
        if sessions:
            embed.add_field(
                name="Last session", value=messages.when(sessions[-1].starts_at, cohort.timezone)
            )
        return embed


def _bot_overwrite() -> discord.PermissionOverwrite:
    return discord.PermissionOverwrite(
        view_channel=True,
        send_messages=True,
        read_message_history=True,
        embed_links=True,
        attach_files=True,
    )


def _bot_voice_overwrite() -> discord.PermissionOverwrite:
    # Discord lets nobody edit a voice channel they cannot connect to (the bot never joins).
    return discord.PermissionOverwrite(view_channel=True, connect=True)


def _in_voice(guild: discord.Guild, group: Group) -> list[int]:
    """User ids in the group's voice channel now (discord.py's voice-state cache)."""
    channel = guild.get_channel(group.voice_channel_id) if group.voice_channel_id else None
    if not isinstance(channel, discord.VoiceChannel):
        return []
    return list(channel.voice_states)


def _count(attendance: dict[int, set[int]], week: int) -> int:
    return sum(1 for weeks in attendance.values() if week in weeks)


def _offsets(cohort: Cohort) -> list[dt.timedelta]:
    return [dt.timedelta(hours=h) for h in cohort.reminder_hours]


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _focus_from(text: str) -> str | None:
    cleaned = text.strip().lower().replace("-", " ").replace("_", " ")
    if not cleaned:
        return None
    for value, label in service.FOCUSES.items():
        if cleaned in (value.replace("_", " "), label) or label.startswith(cleaned):
            return value
    if "newly" in cleaned or "diagnos" in cleaned:
        return "newly_diagnosed"
    if "progress" in cleaned:
        return "progression"
    return None

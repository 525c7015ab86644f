"""Discord glue for a cohort's sessions: the three job handlers, the Discord events, and the
``/session`` commands (``skip`` for coordinators, ``absent`` for members).

``SessionService`` says what is due and records what happened; these handlers do the Discord
part (posts, DMs, channel overwrites, scheduled events). Handlers re-read the rows and are
idempotent, so a restart loses and repeats nothing; a start that ran late says so.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from cogs.cohorts import messages
from cogs.cohorts._absences import reminder_view, reply_absence
from cogs.cohorts._attendance import AttendanceMixin, in_voice
from cogs.cohorts.sessions import REASON_MAX, REMINDER, SESSION_END, SESSION_START
from cogs.utils.checks import coordinators_only
from cogs.utils.delivery import dm_user, tell_staff
from cogs.utils.i18n import speaking, t
from cogs.utils.replies import reply_privately
from db.models import Job
from db.models.cohorts import Cohort, Group, SessionRow

log = logging.getLogger(__name__)


class SessionsMixin(AttendanceMixin):
    """Reminders, opening and closing sessions, the Discord events that mirror them, and the
    ``/session`` commands."""

    session_group = app_commands.Group(
        name="session",
        description="Weekly sessions: say you can't make one; skip a week (coordinators).",
        guild_only=True,
    )

    def _register_jobs(self) -> None:
        jobs = self.services.jobs
        jobs.register(REMINDER, self._on_reminder)
        jobs.register(SESSION_START, self._on_session_start)
        jobs.register(SESSION_END, self._on_session_end)

    async def _on_reminder(self, job: Job) -> None:
        """Post the most recent due reminder in each group channel (and by DM to those who asked),
        with a "Can't make it" button; arm the next one."""
        reminder = await self.sessions.reminder(job.entity_id)
        if reminder is None:
            return
        if reminder.due:
            cohort = reminder.cohort
            guild = self._guild(cohort)
            session_id = reminder.session.id
            # Each group's post in the group's language; each DM in the member's.
            for group in await self.repo.groups(cohort.id):
                with speaking(await self._group_language(cohort, group)):
                    text = messages.reminder(
                        cohort, reminder.session, reminder.closest, reminder.title
                    )
                    view = reminder_view(session_id)
                await self._post(guild, group, text, view=view)
            members = self.services.lanes.members
            for user_id in await self.sessions.dm_reminder_members(cohort.id):
                with speaking(await members.language_of(cohort.guild_id, user_id)):
                    text = messages.reminder(
                        cohort, reminder.session, reminder.closest, reminder.title
                    )
                    view = reminder_view(session_id)
                # Best effort: the channel reminder stands.
                await dm_user(self.bot, user_id, text, view=view)
        await self.sessions.reminded(reminder)

    async def _on_session_start(self, job: Job) -> None:
        """Open the group channels, post the week's theme, start the Discord event, count
        members already in their group's voice channel, and tell each group's moderator (one
        DM, only when someone did) who said they can't make it."""
        opening = await self.sessions.open(job.entity_id)
        if opening is None:
            return
        cohort, session = opening.cohort, opening.session
        guild = self._guild(cohort)
        # Heal first, so a group from before voice channels (or missing a deleted channel) is
        # complete before it opens; a failure here must not keep the session from opening.
        try:
            warning = await self._ensure_channels(guild, cohort)
        except discord.HTTPException:
            log.exception("cohort %s: could not check its channels", cohort.id)
            warning = None
        if warning and opening.first_run:
            await tell_staff(self.bot, self.services.guild_settings, guild, warning)
        for group in await self.repo.groups(cohort.id):
            await self._sync_group(guild, cohort, group, open_=True)
            if opening.first_run:
                # The theme goes out once; a rerun after a crash only reopens the channel.
                with speaking(await self._group_language(cohort, group)):
                    text = messages.opening(job.late, group.voice_channel_id)
                    post = text + "\n\n" + self.sessions.theme_post(opening)
                    # Week 1 welcomes the group: it says who moderates it (issue 19).
                    intro = None
                    if session.week == 1:
                        profiles = self.services.lanes.profiles
                        intro = await profiles.introduce(cohort.guild_id, group)
                if intro and len(post) + len(intro) + 2 <= 2000:
                    post, intro = post + "\n\n" + intro, None
                await self._post(guild, group, post)
                if intro:
                    await self._post(guild, group, intro)
            # Someone who stayed in the call, or joined while Kindred was away, is there now.
            await self.sessions.record_voice(group, in_voice(guild, group))
        if session.event_id and session.event_status == "scheduled":
            await self._start_event(guild, session)
        if opening.first_run:
            groups = await self.repo.groups(cohort.id)
            for excused in await self.sessions.excused(session, groups):
                note = messages.excused_note(cohort, session, list(excused.members))
                await dm_user(self.bot, excused.moderator_id, note)

    async def _on_session_end(self, job: Job) -> None:
        """Close the channels, end the event, record attendance and note who may need outreach."""
        ending = await self.sessions.ending(job.entity_id)
        if ending is None:
            return
        cohort, session = ending
        guild = self._guild(cohort)
        closing = await self.sessions.close(cohort, session)
        for group in closing.groups:
            await self._sync_group(guild, cohort, group, open_=False)
            if closing.ended:
                with speaking(await self._group_language(cohort, group)):
                    text = messages.closing(session.week, cohort.weeks)
                await self._post(guild, group, text)
        fresh = closing.session
        if fresh.event_id and fresh.event_status in ("scheduled", "active"):
            await self._finish_event(guild, fresh, cancel=False)
        for note in await self.sessions.follow_up(cohort, session.week, closing.groups):
            text = messages.outreach(
                note.user_id, cohort, list(note.reasons), note.attended, note.held
            )
            await dm_user(self.bot, note.moderator_id, text)
        warning = await self._plan_events(guild)
        if warning:
            await tell_staff(self.bot, self.services.guild_settings, guild, warning)

    # --- /session skip -------------------------------------------------------------------------

    @session_group.command(name="skip")
    @app_commands.describe(cohort="The cohort's name", week="The session week to postpone")
    @coordinators_only()
    async def session_skip(self, interaction: discord.Interaction, cohort: str, week: int) -> None:
        """Skip a week (a holiday): that session and every later one move a week later."""
        assert interaction.guild is not None
        found = await self.cohorts.check_skip(interaction.guild.id, cohort, week)
        await interaction.response.defer(ephemeral=True, thinking=True)
        skipped = await self.cohorts.skip(interaction.guild.id, interaction.user.id, found, week)
        for session in skipped.moved:
            if session.event_id and session.event_status == "scheduled":
                await self._move_event(interaction.guild, session)
        first, last = skipped.moved[0], skipped.moved[-1]
        await reply_privately(
            interaction,
            f"Week {week} of **{found.name}** is now {messages.when(first.starts_at, found.timezone)}"
            f"; the last session moves to {messages.when(last.starts_at, found.timezone)}.",
        )

    # --- /session absent -----------------------------------------------------------------------

    @session_group.command(name="absent")
    @app_commands.describe(
        week="The session week you'll miss (leave out for the next session)",
        reason="Optional: a short note for your group's moderator only",
        undo="Take it back: you can make it after all",
    )
    async def session_absent(
        self,
        interaction: discord.Interaction,
        week: app_commands.Range[int, 1, 52] | None = None,
        reason: app_commands.Range[str, 1, REASON_MAX] | None = None,
        undo: bool = False,
    ) -> None:
        """Can't make a session? Say so: it won't count as missed, and your moderator will know."""
        assert interaction.guild is not None
        done = await self.sessions.absent(
            interaction.guild.id, interaction.user.id, week, reason, undo=undo
        )
        await reply_absence(interaction, done)

    # --- Discord scheduled events --------------------------------------------------------------

    async def _plan_events(self, guild: discord.Guild) -> str | None:
        """Create events for the next few weeks within Discord's cap; a warning when it bites."""
        live = [
            e.id
            for e in guild.scheduled_events
            if e.status in (discord.EventStatus.scheduled, discord.EventStatus.active)
        ]
        plan = await self.sessions.events_to_create(guild.id, live)
        # Events are for the whole server: in the server's language.
        language = await self.services.lanes.members.server_language(guild.id)
        for new in plan.create:
            session, cohort = new.session, new.cohort
            with speaking(language):
                name = t(
                    "{cohort} · week {week}: {title}",
                    cohort=cohort.name,
                    week=session.week,
                    title=t(new.title),
                )
                location = t("Your group's private channel")
                about = t(
                    "Week {week} of {cohort}, for enrolled members.",
                    week=session.week,
                    cohort=cohort.name,
                )
            try:
                event = await guild.create_scheduled_event(
                    name=name[:100],
                    start_time=session.starts_at,
                    end_time=session.ends_at,
                    entity_type=discord.EntityType.external,
                    location=location,
                    privacy_level=discord.PrivacyLevel.guild_only,
                    description=about,
                    reason=f"cohort {cohort.id} session {session.id}",
                )
            except discord.HTTPException:
                log.exception("could not create the event for session %s", session.id)
                continue
            await self.sessions.event_changed(session.id, event.id, "scheduled")
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
        if session.event_id is None:
            return
        try:
            event = await self._event(guild, session.event_id)
            if event.status == discord.EventStatus.scheduled:
                await event.start(reason=f"session {session.id} started")
        except discord.NotFound:
            await self.sessions.event_changed(session.id, None, "ended")
            return
        except discord.HTTPException:
            # Discord starts an event by itself at its start time; a start that raced it is
            # refused, and the event is running all the same.
            status = await self._status_now(guild, session.event_id)
            if status is None:
                log.exception("could not start the event of session %s", session.id)
                return
            await self.sessions.event_changed(session.id, None, status)
            return
        await self.sessions.event_changed(session.id, None, "active")

    async def _finish_event(
        self, guild: discord.Guild, session: SessionRow, *, cancel: bool
    ) -> None:
        if session.event_id is None:
            return
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
            # Discord completes an event by itself at its end time; ending it again is refused.
            if await self._status_now(guild, session.event_id) != "ended":
                log.exception("could not end the event of session %s", session.id)
                return
        await self.sessions.event_changed(session.id, None, "ended")

    async def _status_now(self, guild: discord.Guild, event_id: int) -> str | None:
        """The event's status as Discord has it now ("active" or "ended"), after a refused
        change; None while it is still scheduled or cannot be read."""
        try:
            event = await guild.fetch_scheduled_event(event_id)
        except discord.NotFound:
            return "ended"
        except discord.HTTPException:
            return None
        if event.status == discord.EventStatus.active:
            return "active"
        if event.status in (discord.EventStatus.completed, discord.EventStatus.cancelled):
            return "ended"
        return None

    async def _move_event(self, guild: discord.Guild, session: SessionRow) -> None:
        if session.event_id is None:
            return
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

    async def _post(
        self, guild: discord.Guild, group: Group, text: str, *, view: discord.ui.View | None = None
    ) -> None:
        channel = guild.get_channel(group.channel_id) if group.channel_id else None
        if isinstance(channel, discord.TextChannel):
            kwargs: dict[str, Any] = {"view": view} if view is not None else {}
            await channel.send(
                text[:2000], allowed_mentions=discord.AllowedMentions.none(), **kwargs
            )

"""The cohorts lane's use cases: create, add a group, edit, start, end, themes, skip, report
(enrolment, joining and leaving are in ``enrolment.py``; the sessions' jobs in ``sessions.py``).

No discord: each method takes ids and plain values, checks with ``policy.py``, writes through
the repository (the audit line goes with the change, in the same unit of work), schedules
through ``SessionService``, then returns a plain result.
It raises ``UserFacingError``s (the tree's error handler answers with their text). The cog
does the Discord part around it (channels, events, roles, DMs) and renders the reply.

A command whose Discord work sits between its checks and its writes (``/cohort start`` makes
the channels before enrolment opens) has two methods: ``check_…`` and the use case itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cogs.cohorts import messages, policy
from cogs.cohorts.curriculum import Curriculum, check_theme_override
from cogs.cohorts.lifecycle import CohortAction, transition
from cogs.cohorts.report import CohortReport, build_report
from cogs.cohorts.schedule import (
    check_start_date,
    parse_local_time,
    parse_timezone,
    parse_weekday,
    skip_session,
)
from cogs.cohorts.sessions import LIVE, SessionService
from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import t
from db.models import AuditNote
from db.models.cohorts import Cohort, Enrolment, Group, NewGroup, SessionRow
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository


@dataclass(frozen=True)
class Moderator:
    """A group's moderator as the cog saw them: their id, and whether they hold Kindred's
    moderator or coordinator role (a moderator reads outreach notes and shared check-ins)."""

    user_id: int
    is_staff: bool


@dataclass(frozen=True)
class CohortChanges:
    """What ``/cohort edit`` was given (None: leave as it is)."""

    name: str | None = None
    start: str | None = None
    day: str | None = None
    time: str | None = None
    timezone: str | None = None
    weeks: int | None = None
    length: int | None = None
    cap: int | None = None
    between: str | None = None
    reminders: str | None = None

    @property
    def moves_sessions(self) -> bool:
        """Whether the change moves the sessions (their dates, times, number or length)."""
        moving = (self.start, self.day, self.time, self.timezone, self.weeks, self.length)
        return any(v is not None for v in moving)


@dataclass(frozen=True)
class Created:
    """A new draft cohort, its first session and its groups."""

    cohort: Cohort
    first: SessionRow
    groups: list[Group]


@dataclass(frozen=True)
class Overview:
    """What ``/cohort show`` shows."""

    cohort: Cohort
    groups: list[Group]
    sessions: list[SessionRow]
    enrolled: list[Enrolment]
    waiting: list[Enrolment]


@dataclass(frozen=True)
class Edited:
    """The cohort after ``/cohort edit`` and the stored fields that changed (sorted)."""

    cohort: Cohort
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Skipped:
    """After ``/session skip``: the cohort and its sessions from the skipped week on."""

    cohort: Cohort
    moved: list[SessionRow]


class CohortService:
    """Cohorts, their groups and enrolment."""

    def __init__(
        self,
        repo: CohortRepository,
        sessions: SessionService,
        checkins: CheckinRepository,
        clock: Clock,
        curriculum: Curriculum,
    ) -> None:
        self.repo = repo
        self.sessions = sessions
        self.checkins = checkins
        self.clock = clock
        self.curriculum = curriculum

    # --- lookups -------------------------------------------------------------------------------

    async def find(self, guild_id: int, name: str) -> Cohort:
        """The cohort called ``name`` on the server; UserFacingError when there is none."""
        cohort = await self.repo.by_name(guild_id, name)
        if cohort is None:
            raise UserFacingError(t(messages.NOT_FOUND, name=name.strip()))
        return cohort

    async def member_cohort(self, guild_id: int, name: str | None) -> Cohort:
        """The cohort a member means: the one named, or the only one open for enrolment."""
        if name:
            return await self.find(guild_id, name)
        open_now = [c for c in await self.repo.in_guild(guild_id) if c.state in LIVE]
        if not open_now:
            raise UserFacingError(t(messages.NO_OPEN_COHORT))
        if len(open_now) > 1:
            names = ", ".join(c.name for c in open_now)
            raise UserFacingError(t(messages.SEVERAL_OPEN, names=names))
        return open_now[0]

    async def in_guild(self, guild_id: int) -> list[Cohort]:
        """Every cohort on the server, newest first."""
        return await self.repo.in_guild(guild_id)

    async def overview(self, guild_id: int, name: str) -> Overview:
        """A cohort with its groups, sessions, members and waitlist (``/cohort show``)."""
        cohort = await self.find(guild_id, name)
        return Overview(
            cohort,
            await self.repo.groups(cohort.id),
            await self.repo.sessions(cohort.id),
            await self.repo.enrolments(cohort.id, "enrolled"),
            await self.repo.enrolments(cohort.id, "waitlisted"),
        )

    async def report(self, guild_id: int, name: str) -> CohortReport:
        """Enrolment, waitlist, attendance and check-in completion (``/cohort report``)."""
        cohort = await self.find(guild_id, name)
        return build_report(
            cohort,
            await self.repo.groups(cohort.id),
            await self.repo.sessions(cohort.id),
            await self.repo.enrolments(cohort.id),
            await self.repo.attendance(cohort.id),
            await self.repo.attendance(cohort.id, "voice"),
            await self.checkins.completion(cohort.id),
            await self.repo.absences(cohort.id),
        )

    # --- create, add a group, edit -------------------------------------------------------------

    async def create(
        self,
        guild_id: int,
        actor_id: int,
        *,
        name: str,
        start: str,
        day: str,
        time: str,
        timezone: str,
        weeks: int,
        length_minutes: int,
        cap: int,
        focus: str,
        label: str | None,
        moderator: Moderator | None,
        language: str | None = None,
    ) -> Created:
        """Create a draft cohort with its first group; nothing is stored if an option is wrong."""
        plan = policy.plan_cohort(
            name=name,
            start=start,
            day=day,
            time=time,
            timezone=timezone,
            weeks=weeks,
            length_minutes=length_minutes,
            cap=cap,
            now=self.clock.now(),
        )
        focus, label = policy.check_focus(focus, label)
        _check_moderator(moderator)
        if await self.repo.by_name(guild_id, plan.name) is not None:
            raise InvalidInput(
                f"There is already a cohort called “{plan.name}”; pick another name."
            )
        cohort = await self.repo.create(
            guild_id=guild_id,
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
            groups=[
                NewGroup(
                    focus,
                    label,
                    moderator.user_id if moderator else None,
                    policy.check_language(language),
                )
            ],
            sessions=plan.sessions,
            created_by=actor_id,
            now=self.clock.now(),
            audit=lambda stored: AuditNote(
                guild_id, actor_id, "cohort.create", stored.id, stored.name
            ),
        )
        groups = await self.repo.groups(cohort.id)
        first = (await self.repo.sessions(cohort.id))[0]
        return Created(cohort, first, groups)

    async def add_group(
        self,
        guild_id: int,
        actor_id: int,
        name: str,
        focus: str,
        label: str | None,
        moderator: Moderator | None,
        language: str | None = None,
    ) -> tuple[Cohort, Group]:
        """Add a group to a draft or enrolling cohort (an enrolling one needs its channels)."""
        found = await self.find(guild_id, name)
        if found.state not in ("draft", "enrolling"):
            raise InvalidInput("Groups can be added while a cohort is a draft or enrolling.")
        focus, label = policy.check_focus(focus, label)
        _check_moderator(moderator)
        group = await self.repo.add_group(
            found.id,
            NewGroup(
                focus,
                label,
                moderator.user_id if moderator else None,
                policy.check_language(language),
            ),
            self.clock.now(),
            audit=lambda stored: AuditNote(
                guild_id, actor_id, "cohort.group", found.id, messages.group_name(stored)
            ),
        )
        return found, group

    async def edit(self, guild_id: int, actor_id: int, name: str, changes: CohortChanges) -> Edited:
        """Change a cohort before or while it runs; its upcoming sessions and jobs move with it."""
        found = await self.find(guild_id, name)
        if found.state in ("completed", "cancelled"):
            raise InvalidInput(f"“{found.name}” has finished, so it can't be changed.")
        fields = await self._changed_fields(guild_id, found, changes)
        note = AuditNote(guild_id, actor_id, "cohort.edit", found.id, ",".join(sorted(fields)))
        await self.repo.update_schedule(
            found.id,
            fields=fields,
            now=self.clock.now(),
            replan=policy.sessions_of if changes.moves_sessions else None,
            audit=note,
        )
        updated = await self.get(found.id)
        if updated.state in LIVE:
            await self.sessions.schedule_jobs(updated)
        return Edited(updated, tuple(sorted(fields)))

    async def _changed_fields(
        self, guild_id: int, found: Cohort, c: CohortChanges
    ) -> dict[str, object]:
        """The stored fields ``c`` changes, checked; InvalidInput on the first problem."""
        fields: dict[str, object] = {}
        if found.state == "running" and (c.start is not None or c.day is not None):
            raise InvalidInput(
                "A running cohort keeps its start date and weekday; use `/session skip` to "
                "move a week."
            )
        if c.name is not None:
            new_name = policy.check_name(c.name)
            other = await self.repo.by_name(guild_id, new_name)
            if other is not None and other.id != found.id:
                raise InvalidInput(f"There is already a cohort called “{new_name}”.")
            fields["name"] = new_name
        zone = parse_timezone(c.timezone) if c.timezone is not None else None
        if zone is not None:
            fields["timezone"] = zone.key
        if c.time is not None:
            fields["local_time"] = parse_local_time(c.time).strftime("%H:%M")
        if c.day is not None:
            fields["weekday"] = parse_weekday(c.day)
        if c.start is not None:
            tz = zone or ZoneInfo(found.timezone)
            date = policy.parse_date(c.start, self.clock.now().astimezone(tz).date())
            check_start_date(date, tz, self.clock.now())
            fields["start_date"] = date.isoformat()
        policy.check_numbers(
            c.weeks if c.weeks is not None else found.weeks,
            c.length if c.length is not None else found.length_minutes,
            c.cap if c.cap is not None else found.group_cap,
        )
        for key, value in (("weeks", c.weeks), ("length_minutes", c.length), ("group_cap", c.cap)):
            if value is not None:
                fields[key] = value
        if c.between is not None:
            fields["between_mode"] = c.between
        if c.reminders is not None:
            fields["reminder_hours"] = ",".join(
                f"{h:g}" for h in policy.parse_reminder_hours(c.reminders)
            )
        if not fields:
            raise InvalidInput("Nothing to change: give at least one option.")
        return fields

    # --- start, cancel, complete ---------------------------------------------------------------

    async def check_start(self, guild_id: int, name: str) -> tuple[Cohort, str]:
        """The cohort ``/cohort start`` opens and its next state, before its channels exist."""
        found = await self.find(guild_id, name)
        new = transition(found.state, CohortAction.OPEN_ENROLMENT)
        first = (await self.repo.sessions(found.id))[0]
        if first.starts_at <= self.clock.now():
            raise InvalidInput(
                "The first session time has already passed; change the start date with "
                "`/cohort edit` first."
            )
        return found, new

    async def open_enrolment(
        self, guild_id: int, actor_id: int, cohort: Cohort, new_state: str
    ) -> Cohort:
        """Open enrolment (its channels exist now) and schedule the sessions' jobs."""
        note = AuditNote(guild_id, actor_id, "cohort.start", cohort.id, cohort.name)
        moved = await self.repo.set_state(
            cohort.id, cohort.state, new_state, self.clock.now(), audit=note
        )
        if not moved:
            raise UserFacingError("Someone changed this cohort at the same moment; try again.")
        started = await self.get(cohort.id)
        await self.sessions.schedule_jobs(started)
        return started

    async def check_end(self, guild_id: int, name: str, action: CohortAction) -> tuple[Cohort, str]:
        """The cohort a cancel or complete ends, and its next state (InvalidInput if it can't)."""
        found = await self.find(guild_id, name)
        return found, transition(found.state, action)

    async def end(
        self, guild_id: int, actor_id: int, cohort: Cohort, new_state: str, action: CohortAction
    ) -> list[SessionRow]:
        """Cancel or complete: store the state and stop future work. Returns the sessions whose
        Discord event must still be ended (or cancelled)."""
        cancelled = action == CohortAction.CANCEL
        verb = "cancel" if cancelled else "complete"
        note = AuditNote(guild_id, actor_id, f"cohort.{verb}", cohort.id, cohort.name)
        await self.repo.set_state(cohort.id, cohort.state, new_state, self.clock.now(), audit=note)
        events = await self.sessions.wind_down(cohort, cancelled=cancelled)
        return events

    # --- themes and reminders ------------------------------------------------------------------

    async def theme_to_edit(self, guild_id: int, name: str, week: int) -> tuple[Cohort, str]:
        """The cohort and the current theme text of ``week`` (for the editor)."""
        found = await self.find(guild_id, name)
        if not 1 <= week <= found.weeks:
            raise InvalidInput(f"**{found.name}** has weeks 1 to {found.weeks}; pick one of those.")
        overrides = await self.repo.theme_overrides(found.id)
        return found, self.curriculum.theme_for(week, overrides, found.weeks)

    async def save_theme(
        self, guild_id: int | None, actor_id: int, cohort_id: int, week: int, text: str
    ) -> Cohort:
        """Store a week's theme after checking it fits the post."""
        found = await self.repo.get(cohort_id)
        if found is None:
            raise UserFacingError("That cohort no longer exists.")
        theme = check_theme_override(self.curriculum, week, text, found.weeks)
        note = AuditNote(guild_id, actor_id, "cohort.theme", found.id, f"week {week}")
        await self.repo.set_theme(found.id, week, theme, self.clock.now(), audit=note)
        return found

    # --- channels -----------------------------------------------------------------------------

    async def category_made(self, cohort_id: int, category_id: int) -> None:
        """Store the cohort's private category, once Discord made it."""
        await self.repo.set_category(cohort_id, category_id)

    async def channel_made(self, group_id: int, channel_id: int, *, voice: bool) -> None:
        """Store a group's new text (or voice) channel, once Discord made it."""
        if voice:
            await self.repo.set_group_voice_channel(group_id, channel_id)
        else:
            await self.repo.set_group_channel(group_id, channel_id)

    # --- /session skip -------------------------------------------------------------------------

    async def check_skip(self, guild_id: int, name: str, week: int) -> Cohort:
        """The cohort whose ``week`` is skipped; InvalidInput when that week can't move."""
        found = await self.find(guild_id, name)
        if found.state not in ("draft", "enrolling", "running"):
            raise InvalidInput(f"“{found.name}” has finished, so its sessions can't move.")
        sessions = {s.week: s for s in await self.repo.sessions(found.id)}
        target = sessions.get(week)
        if target is None:
            raise InvalidInput(f"“{found.name}” has sessions 1 to {found.weeks}.")
        if target.status != "scheduled" or target.starts_at <= self.clock.now():
            raise InvalidInput(f"Week {week} has already started, so it can't be skipped.")
        return found

    async def skip(self, guild_id: int, actor_id: int, cohort: Cohort, week: int) -> Skipped:
        """Skip a week (a holiday): that session and every later one move a week later."""
        skipped = skip_session(week, cohort.skipped_slots)
        await self.repo.update_schedule(
            cohort.id,
            fields={"skipped_slots": ",".join(str(s) for s in sorted(skipped))},
            now=self.clock.now(),
            replan=policy.sessions_of,
            audit=AuditNote(guild_id, actor_id, "session.skip", cohort.id, f"week {week}"),
        )
        updated = await self.get(cohort.id)
        moved = [s for s in await self.repo.sessions(cohort.id) if s.week >= week]
        if updated.state in LIVE:
            await self.sessions.schedule_jobs(updated)
        return Skipped(updated, moved)

    # --- helpers -------------------------------------------------------------------------------

    async def get(self, cohort_id: int) -> Cohort:
        """The cohort with this id; LookupError when it is gone (a bug, not a user error)."""
        cohort = await self.repo.get(cohort_id)
        if cohort is None:
            raise LookupError(f"cohort {cohort_id} is gone")
        return cohort


def _check_moderator(moderator: Moderator | None) -> None:
    """A group's moderator reads outreach notes and shared check-ins: the care team only."""
    if moderator is not None and not moderator.is_staff:
        raise InvalidInput(messages.MODERATOR_WITHOUT_ROLE.format(member=f"<@{moderator.user_id}>"))

"""A cohort's weekly sessions: their jobs, opening and closing, attendance, events (no discord).

A member may say ahead of time that they can't make a session (an excused absence): it is
not a missed session for the outreach notes, the report shows it as excused, and the group's
moderator reads who and why in one DM when the session opens.

Every session has three jobs keyed by its id (``cohort_reminder``, ``cohort_session_start``,
``cohort_session_end``). The job handlers are Discord glue (``cogs/cohorts/_sessions.py``);
they ask this service what is due, do the Discord part, and tell it what happened. Each
method re-reads the rows, so a handler that runs twice (after a crash) repeats nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from cogs.cohorts import messages
from cogs.cohorts.curriculum import Curriculum
from cogs.cohorts.events import CapWarning, UpcomingSession, plan_events
from cogs.cohorts.lifecycle import CohortAction, CohortState, transition
from cogs.cohorts.policy import current_week
from cogs.cohorts.schedule import check_attendance, reminders_for
from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput
from cogs.utils.i18n import t
from cogs.utils.jobs import JobScheduler
from db.models.cohorts import Cohort, Group, SessionRow
from db.repositories.cohorts import CohortRepository

REMINDER = "cohort_reminder"
SESSION_START = "cohort_session_start"
SESSION_END = "cohort_session_end"
JOB_KINDS = (REMINDER, SESSION_START, SESSION_END)
LIVE = ("enrolling", "running")


@dataclass(frozen=True)
class Reminder:
    """A reminder job's work: ``due`` offsets not yet sent (empty: nothing to post now)."""

    cohort: Cohort
    session: SessionRow
    due: tuple[dt.timedelta, ...]
    title: str

    @property
    def closest(self) -> dt.timedelta:
        """When late, one reminder (the nearest to the start) is enough."""
        return min(self.due)


@dataclass(frozen=True)
class Opening:
    """A session start job's work: whether this run opened it (the theme goes out once)."""

    cohort: Cohort
    session: SessionRow
    first_run: bool
    # A coordinator's own theme texts by week (posted as written, in any language).
    overrides: Mapping[int, str]


@dataclass(frozen=True)
class Closing:
    """A session end job's work: whether this run ended it, and the session as stored now."""

    cohort: Cohort
    session: SessionRow
    ended: bool
    groups: list[Group]


@dataclass(frozen=True)
class Outreach:
    """A note for a group's moderator about a member whose attendance calls for outreach."""

    moderator_id: int
    user_id: int
    reasons: tuple[str, ...]
    attended: int
    held: int


@dataclass(frozen=True)
class NewEvent:
    """A session that should get a Discord event now, with its cohort and week title."""

    session: SessionRow
    cohort: Cohort
    title: str


@dataclass(frozen=True)
class EventsToCreate:
    """What ``plan_events`` decided: events to create and, when the cap bit, its warning."""

    create: tuple[NewEvent, ...]
    warning: CapWarning | None


@dataclass(frozen=True)
class Absence:
    """A member's "can't make it" for one session, as stored now.

    ``changed``: False when it already was so (marked twice, or undone when not marked).
    """

    cohort: Cohort
    session: SessionRow
    absent: bool
    changed: bool


@dataclass(frozen=True)
class Excused:
    """Who in a group said they can't make the session opening now, for its moderator."""

    moderator_id: int
    group: Group
    members: tuple[tuple[int, str | None], ...]  # (user id, reason or None)


REASON_MAX = 200  # the reason is a short note for the moderator


def _offsets(cohort: Cohort) -> list[dt.timedelta]:
    return [dt.timedelta(hours=h) for h in cohort.reminder_hours]


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


class SessionService:
    """Session jobs, attendance and events for every cohort."""

    def __init__(
        self, repo: CohortRepository, jobs: JobScheduler, clock: Clock, curriculum: Curriculum
    ) -> None:
        self.repo = repo
        self.jobs = jobs
        self.clock = clock
        self.curriculum = curriculum

    # --- lookups -------------------------------------------------------------------------------

    async def open_session(self, cohort_id: int) -> SessionRow | None:
        """The cohort's session that is open now, if any."""
        return next((s for s in await self.repo.sessions(cohort_id) if s.status == "open"), None)

    async def is_open(self, cohort_id: int) -> bool:
        """Whether a session of the cohort is open now."""
        return await self.open_session(cohort_id) is not None

    async def joining_week(self, cohort: Cohort) -> int:
        """The week someone joining now counts from (the first session not started yet)."""
        return current_week(await self.repo.sessions(cohort.id), self.clock.now())

    # --- jobs ----------------------------------------------------------------------------------

    async def schedule_jobs(self, cohort: Cohort) -> None:
        """(Re)schedule every upcoming session's reminder, start and end (idempotent)."""
        now = self.clock.now()
        offsets = _offsets(cohort)
        for session in await self.repo.sessions(cohort.id):
            if session.status == "scheduled" and session.starts_at > now:
                await self.jobs.schedule(
                    SESSION_START, session.id, session.starts_at, guild_id=cohort.guild_id
                )
                await self._schedule_reminder(session, offsets, now, cohort.guild_id)
            if session.status in ("scheduled", "open"):
                await self.jobs.schedule(
                    SESSION_END, session.id, session.ends_at, guild_id=cohort.guild_id
                )

    async def _schedule_reminder(
        self,
        session: SessionRow,
        offsets: list[dt.timedelta],
        now: dt.datetime,
        guild_id: int | None = None,
    ) -> None:
        sent = await self.repo.reminders_sent(session.id)
        upcoming = [
            r
            for r in reminders_for(session.starts_at, now, offsets)
            if _minutes(r.before) not in sent and r.at > now
        ]
        if upcoming:
            await self.jobs.schedule(REMINDER, session.id, upcoming[0].at, guild_id=guild_id)
        else:
            await self.jobs.cancel(REMINDER, session.id)

    async def wind_down(self, cohort: Cohort, *, cancelled: bool) -> list[SessionRow]:
        """Stop the cohort's future work: cancel its jobs, cancel (or, if open, hold) sessions.

        Returns the sessions (as they were) whose Discord event must still be ended or cancelled.
        """
        events = []
        for session in await self.repo.sessions(cohort.id):
            if session.status in ("scheduled", "open"):
                for kind in JOB_KINDS:
                    await self.jobs.cancel(kind, session.id)
                if session.status == "scheduled" and cancelled:
                    await self.repo.set_session_status(session.id, ["scheduled"], "cancelled")
                elif session.status == "open":
                    # It took place, up to now; left "open" it would count posts and calls in
                    # an archive, and keep the cohort looking mid-session for ever.
                    await self.repo.set_session_status(session.id, ["open"], "held")
            if session.event_id and session.event_status in ("scheduled", "active"):
                events.append(session)
        return events

    # --- the three job handlers' database side -------------------------------------------------

    async def reminder(self, session_id: int) -> Reminder | None:
        """What a reminder job should post now; None when the session or cohort is done."""
        session = await self.repo.session(session_id)
        if session is None or session.status != "scheduled":
            return None
        cohort = await self.repo.get(session.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return None
        now = self.clock.now()
        sent = await self.repo.reminders_sent(session.id)
        due = tuple(
            o for o in _offsets(cohort) if session.starts_at - o <= now and _minutes(o) not in sent
        )
        if not (due and now < session.starts_at):
            due = ()
        title = self.curriculum.week(session.week, cohort.weeks).title
        return Reminder(cohort, session, due, title)

    async def dm_reminder_members(self, cohort_id: int) -> list[int]:
        """Members who asked for session reminders by DM too."""
        return await self.repo.dm_reminder_members(cohort_id)

    async def reminded(self, reminder: Reminder) -> None:
        """Record the reminders posted (if any) and arm the next one."""
        now = self.clock.now()
        if reminder.due:
            await self.repo.mark_reminders_sent(
                reminder.session.id, [_minutes(o) for o in reminder.due], now
            )
        await self._schedule_reminder(reminder.session, _offsets(reminder.cohort), now)

    async def open(self, session_id: int) -> Opening | None:
        """Open a session (and begin its cohort at the first one); None: nothing to open."""
        session = await self.repo.session(session_id)
        if session is None:
            return None
        cohort = await self.repo.get(session.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return None
        now = self.clock.now()
        if cohort.state == CohortState.ENROLLING:
            transition(cohort.state, CohortAction.BEGIN)
            await self.repo.set_state(cohort.id, cohort.state, CohortState.RUNNING, now)
            cohort = await self.repo.get(cohort.id) or cohort
        first_run = await self.repo.set_session_status(session.id, ["scheduled"], "open")
        if not first_run and session.status != "open":
            return None  # held, cancelled or moved: nothing to open
        overrides = await self.repo.theme_overrides(cohort.id)
        return Opening(cohort, session, first_run, overrides)

    def theme_post(self, opening: Opening) -> str:
        """The week's theme post, in the language being spoken (each group's: the cog says)."""
        return self.curriculum.theme_post(
            opening.session.week, opening.overrides, opening.cohort.weeks
        )

    async def ending(self, session_id: int) -> tuple[Cohort, SessionRow] | None:
        """The session an end job closes, and its cohort; None when there is nothing to do."""
        session = await self.repo.session(session_id)
        if session is None:
            return None
        cohort = await self.repo.get(session.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return None
        return cohort, session

    async def close(self, cohort: Cohort, session: SessionRow) -> Closing:
        """Mark the session held (once) and return it as stored, with the cohort's groups."""
        ended = await self.repo.set_session_status(session.id, ["open", "scheduled"], "held")
        fresh = await self.repo.session(session.id) or session
        return Closing(cohort, fresh, ended, await self.repo.groups(cohort.id))

    async def follow_up(self, cohort: Cohort, week: int, groups: Sequence[Group]) -> list[Outreach]:
        """Outreach notes due after ``week`` (each reason once per member and week).

        An excused absence ("can't make it") is not a missed session: it counts as kept for
        the reasons, though not as attended in the note's numbers.
        """
        held = await self.repo.held_count(cohort.id)
        attendance = await self.repo.attendance(cohort.id)
        excused = await self.repo.absences(cohort.id)
        moderators = {g.id: g.moderator_id for g in groups}
        notes = []
        for enrolment in await self.repo.enrolments(cohort.id, "enrolled"):
            came = {w for w in attendance.get(enrolment.user_id, set()) if w <= held}
            kept = came | {w for w in excused.get(enrolment.user_id, set()) if w <= held}
            check = check_attendance(cohort.weeks, held, kept, enrolment.joined_week)
            reasons = sorted(r.value for r in check.new_reasons)
            fresh = [
                r
                for r in reasons
                if await self.repo.mark_outreach(
                    cohort.id, enrolment.user_id, week, r, self.clock.now()
                )
            ]
            moderator = moderators.get(enrolment.group_id or 0)
            if not fresh or moderator is None:
                continue
            notes.append(Outreach(moderator, enrolment.user_id, tuple(fresh), len(came), held))
        return notes

    # --- "can't make it" -----------------------------------------------------------------------

    async def _member_cohorts(self, guild_id: int, user_id: int) -> list[Cohort]:
        cohorts = []
        for enrolment in await self.repo.active_for_user(guild_id, user_id):
            cohort = await self.repo.get(enrolment.cohort_id)
            if enrolment.status == "enrolled" and cohort is not None and cohort.state in LIVE:
                cohorts.append(cohort)
        return cohorts

    async def absent(
        self,
        guild_id: int,
        user_id: int,
        week: int | None = None,
        reason: str | None = None,
        *,
        undo: bool = False,
    ) -> Absence:
        """``/session absent``: mark (or undo) the member's absence from a session of their
        cohort: ``week``, else the next one not started yet."""
        now = self.clock.now()
        candidates: list[tuple[dt.datetime, Cohort, SessionRow]] = []
        for cohort in await self._member_cohorts(guild_id, user_id):
            for session in await self.repo.sessions(cohort.id):
                upcoming = session.status == "scheduled" and session.starts_at > now
                if (week is None and upcoming) or session.week == week:
                    candidates.append((session.starts_at, cohort, session))
        if not await self._member_cohorts(guild_id, user_id):
            raise InvalidInput(t(messages.ABSENT_NOT_ENROLLED))
        if not candidates:
            raise InvalidInput(
                t(messages.ABSENT_NO_SESSION)
                if week is None
                else t(messages.ABSENT_NO_WEEK, week=week)
            )
        _, cohort, session = min(candidates, key=lambda c: c[0])
        return await self._set_absent(cohort, session, user_id, reason, undo=undo)

    async def absent_from(self, session_id: int, user_id: int, *, undo: bool = False) -> Absence:
        """A reminder's "Can't make it" (or its "I can make it after all") for that session."""
        session = await self.repo.session(session_id)
        cohort = await self.repo.get(session.cohort_id) if session is not None else None
        if session is None or cohort is None or cohort.state not in LIVE:
            raise InvalidInput(t(messages.ABSENT_NO_SESSION))
        if cohort.id not in {c.id for c in await self._member_cohorts(cohort.guild_id, user_id)}:
            raise InvalidInput(t(messages.ABSENT_NOT_YOUR_GROUP))
        return await self._set_absent(cohort, session, user_id, None, undo=undo)

    async def _set_absent(
        self, cohort: Cohort, session: SessionRow, user_id: int, reason: str | None, *, undo: bool
    ) -> Absence:
        if session.status != "scheduled" or session.starts_at <= self.clock.now():
            raise InvalidInput(t(messages.ABSENT_STARTED, week=session.week))
        if undo:
            changed = await self.repo.unmark_absent(session.id, user_id)
            return Absence(cohort, session, False, changed)
        note = " ".join((reason or "").split())[:REASON_MAX] or None
        changed = await self.repo.mark_absent(session.id, user_id, note, self.clock.now())
        return Absence(cohort, session, True, changed)

    async def excused(self, session: SessionRow, groups: Sequence[Group]) -> list[Excused]:
        """Per group with a moderator: the members who said they can't make the session."""
        said = await self.repo.session_absences(session.id)
        if not said:
            return []
        found = []
        for group in groups:
            if group.moderator_id is None:
                continue
            members = set(await self.repo.members_of(group.id))
            mine = tuple((u, r) for u, r in said if u in members)
            if mine:
                found.append(Excused(group.moderator_id, group, mine))
        return found

    # --- attendance ----------------------------------------------------------------------------

    async def record_message(self, channel_id: int, user_id: int) -> bool:
        """A post in a group's text channel: attendance when a session is open and the author
        is enrolled in that group. True when it was recorded now."""
        group = await self.repo.group_by_channel(channel_id)
        if group is None:
            return False
        current = await self.open_session(group.cohort_id)
        if current is None:
            return False
        if user_id not in await self.repo.members_of(group.id):
            return False
        return await self.repo.record_attendance(
            current.id, user_id, group.id, "message", self.clock.now()
        )

    async def record_voice(self, group: Group, user_ids: Collection[int]) -> int:
        """Record voice attendance for the enrolled members among ``user_ids`` when the group's
        cohort has a session open (moderators, coordinators and bots are not attendance)."""
        if not user_ids:
            return 0
        current = await self.open_session(group.cohort_id)
        if current is None:
            return 0
        enrolled = set(await self.repo.members_of(group.id))
        now = self.clock.now()
        recorded = 0
        for user_id in user_ids:
            if user_id in enrolled and await self.repo.record_attendance(
                current.id, user_id, group.id, "voice", now
            ):
                recorded += 1
        return recorded

    # --- Discord scheduled events --------------------------------------------------------------

    async def events_to_create(
        self, guild_id: int, live_event_ids: Collection[int]
    ) -> EventsToCreate:
        """Which sessions get an event now, within Discord's cap.

        ``live_event_ids`` are the server's scheduled or active events (Kindred's and others).
        """
        sessions = await self.repo.guild_sessions_with_events(guild_id)
        with_events = await self.repo.kindred_event_sessions(guild_id)
        ours = {s.event_id for s in with_events}
        other = sum(1 for event_id in live_event_ids if event_id not in ours)
        plan = plan_events(
            [UpcomingSession(s.id, s.starts_at) for s in sessions if s.status == "scheduled"],
            {s.id for s in with_events},
            other,
            self.clock.now(),
        )
        by_id = {s.id: s for s in sessions}
        create = []
        for session_id in plan.create:
            session = by_id[session_id]
            cohort = await self.repo.get(session.cohort_id)
            if cohort is None:
                raise LookupError(f"session {session.id} has no cohort")
            title = self.curriculum.week(session.week, cohort.weeks).title
            create.append(NewEvent(session, cohort, title))
        return EventsToCreate(tuple(create), plan.warning)

    async def event_changed(self, session_id: int, event_id: int | None, status: str) -> None:
        """Store a session's Discord event (its id when created, else None) and its status."""
        await self.repo.set_event(session_id, event_id, status)

"""Check-in rounds as use cases (no Discord): the weekly round job, reminders, "did you meet?".

The database is the source of truth. Each live cohort has one ``checkin_round`` job (entity: the
cohort id) that closes ended rounds, pairs the week (stored before any thread exists), opens the
threads and DMs, and reschedules itself for next week. Each round has a ``checkin_reminder`` and a
``checkin_ask`` job (entity: the round id). An hourly ``checkin_sweep`` makes sure every live
cohort has its round job, since cohorts are created and started by another lane.

The job handlers are Discord glue (``_rounds.py``): they ask this service what is due, do the
Discord part (threads, DMs, buttons) and tell it what happened. Every method re-reads the rows,
so a handler that runs twice (after a crash) repeats nothing and loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cogs.checkins.pairing import Preferences, pair_members, should_pause
from cogs.checkins.prompts import Prompts
from cogs.checkins.schedule import DEFAULT_TIME, CheckinSchedule, default_weekday
from cogs.utils.clock import Clock
from cogs.utils.jobs import JobScheduler
from db.repositories.checkins import (
    ACTIVE,
    CheckinMember,
    CheckinRepository,
    NewPair,
    NewUnplaced,
    Pair,
    Round,
)
from db.repositories.cohorts import Cohort, CohortRepository, Enrolment

LIVE = ("enrolling", "running")

ROUND = "checkin_round"
REMINDER = "checkin_reminder"
ASK = "checkin_ask"
SWEEP = "checkin_sweep"
SWEEP_EVERY = dt.timedelta(hours=1)
# A round job for a cohort whose first session has not yet made it running looks again this soon.
NOT_RUNNING_RETRY = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class PlannedRound:
    """A round after planning: the stored round, whether it was new, and who was paused."""

    round: Round
    created: bool
    paused: tuple[int, ...]


@dataclass(frozen=True)
class RoundStep:
    """A round job's work: the cohort, its open round to announce (if any), when to run again."""

    cohort: Cohort
    round: Round | None
    next_due: dt.datetime | None


@dataclass(frozen=True)
class DueNotes:
    """A reminder or ask job's work: the round's pairs that still need the note."""

    cohort: Cohort
    round: Round
    pairs: list[Pair]


@dataclass(frozen=True)
class UnplacedNotice:
    """Members left without a partner and not yet told: (group label, user id, reason code)."""

    round: Round
    rows: list[tuple[str, int, str]]


def is_opted_in(enrolment: Enrolment, choice: CheckinMember | None) -> bool:
    """Whether a member takes part (their own choice, else their intake answer)."""
    if choice is None:
        return enrolment.checkins
    return choice.status == ACTIVE


def utc_offset_hours(timezone: str | None, now: dt.datetime) -> float | None:
    """A member's current UTC offset from their IANA timezone, if they gave a valid one."""
    if not timezone:
        return None
    try:
        offset = now.astimezone(ZoneInfo(timezone)).utcoffset()
    except (KeyError, ValueError):
        return None
    return None if offset is None else offset.total_seconds() / 3600


class RoundService:
    """Rounds, their jobs and what each job still has to do."""

    def __init__(
        self,
        repo: CheckinRepository,
        cohorts: CohortRepository,
        prompts: Prompts,
        jobs: JobScheduler,
        clock: Clock,
    ) -> None:
        self.repo = repo
        self.cohorts = cohorts
        self.prompts = prompts
        self.jobs = jobs
        self.clock = clock

    # --- schedule ------------------------------------------------------------------------------

    async def schedule_for(self, cohort: Cohort) -> CheckinSchedule | None:
        """A cohort's check-in slot (None when it has no sessions)."""
        sessions = await self.cohorts.sessions(cohort.id)
        if not sessions:
            return None
        own = await self.repo.schedule_of(cohort.id)
        weekday, local_time = own or (default_weekday(cohort.weekday), DEFAULT_TIME)
        return CheckinSchedule(
            first_session=sessions[0].starts_at,
            timezone=cohort.timezone,
            weekday=weekday,
            local_time=local_time,
            weeks=cohort.weeks,
        )

    # --- rounds --------------------------------------------------------------------------------

    async def close_due_rounds(self, cohort_id: int, now: dt.datetime) -> list[Round]:
        """Close the cohort's open rounds that have ended; the rounds closed."""
        closed = []
        for r in await self.repo.rounds(cohort_id):
            if r.status == "open" and r.ends_at <= now and await self.repo.close_round(r.id):
                closed.append(r)
        return closed

    async def plan_round(
        self, cohort: Cohort, schedule: CheckinSchedule, week: int, now: dt.datetime
    ) -> PlannedRound:
        """Pair every group of the cohort for ``week`` and store it (once; re-runs change nothing).

        Members whose last three check-ins were all missed are paused first (a kind note goes
        out from the cog), so they are not paired this week.
        """
        existing = await self.repo.round_of(cohort.id, week)
        if existing is not None:
            return PlannedRound(existing, False, ())
        times = schedule.times(week)
        choices = await self.repo.members(cohort.id)
        enrolments = await self.cohorts.enrolments(cohort.id, "enrolled")
        prompt = self.prompts.for_week(week).text
        pairs: list[NewPair] = []
        unplaced: list[NewUnplaced] = []
        paused: list[int] = []
        for group in await self.cohorts.groups(cohort.id):
            pool: list[int] = []
            offsets: dict[int, float] = {}
            labels: dict[int, list[str]] = {}
            for e in enrolments:
                if e.group_id != group.id:
                    continue
                choice = choices.get(e.user_id)
                if not is_opted_in(e, choice) or (choice and choice.snoozed_until >= week):
                    continue
                from_week = choice.counted_from if choice else 0
                if should_pause(await self.repo.outcomes(cohort.id, e.user_id, from_week)):
                    if await self.repo.pause(cohort.id, e.user_id, week, now):
                        paused.append(e.user_id)
                    continue
                pool.append(e.user_id)
                offset = utc_offset_hours(e.timezone_pref, now)
                if offset is not None:
                    offsets[e.user_id] = offset
                if e.focus_pref:
                    labels[e.user_id] = [e.focus_pref]
            if not pool:
                continue
            history = await self.repo.history(cohort.id, group.id, week)
            avoid = await self.repo.avoid_lists(cohort.guild_id, pool)
            # The avoid lists are symmetric inside the rules; people outside the pool are moot.
            result = pair_members(pool, history, avoid, Preferences(offsets, labels), seed=week - 1)
            for members in result.groups:
                dm_only = all(
                    (choices.get(m) is not None and choices[m].place == "dm") for m in members
                )
                pairs.append(NewPair(group.id, members, "dm" if dm_only else "thread", prompt))
            unplaced.extend(NewUnplaced(group.id, u.member_id, u.reason) for u in result.unplaced)
        stored, created = await self.repo.create_round(
            cohort_id=cohort.id,
            week=week,
            starts_at=times.starts_at,
            remind_at=times.remind_at,
            ask_at=times.ask_at,
            ends_at=times.ends_at,
            pairs=pairs,
            unplaced=unplaced,
            now=now,
        )
        return PlannedRound(stored, created, tuple(paused))

    # --- the jobs ------------------------------------------------------------------------------

    async def arm_round(self, cohort_id: int, guild_id: int | None = None) -> None:
        """Run the cohort's round job now; it works out what is due and reschedules itself."""
        await self.jobs.schedule(ROUND, cohort_id, self.clock.now(), guild_id=guild_id)

    async def sweep(self, guild_ids: Sequence[int] | None) -> int:
        """Make sure every live cohort of these servers has its weekly round job; then in an hour.

        ``None``: every server with a live cohort in the database (with shards in other
        processes; each round job runs where its server is held). Returns how many it armed.
        """
        armed = 0
        if guild_ids is None:
            guild_ids = await self.cohorts.live_guild_ids()
        for guild_id in guild_ids:
            for cohort in await self.cohorts.in_guild(guild_id):
                if cohort.state not in LIVE:
                    continue
                pending = await self.jobs.get(ROUND, cohort.id)
                if pending is not None and pending.active:
                    continue
                latest = await self.repo.latest_round(cohort.id)
                if latest is not None and latest.week >= cohort.weeks and latest.status == "closed":
                    continue  # every round is done
                await self.arm_round(cohort.id, cohort.guild_id)
                armed += 1
        await self.jobs.schedule(SWEEP, 0, self.clock.now() + SWEEP_EVERY)
        return armed

    async def start_round(self, cohort_id: int) -> RoundStep | None:
        """Close ended rounds and pair this week (once); None when there is nothing to open.

        Before week 1, or while the cohort waits for its first session, the job is moved to
        when it can do something, and None comes back.
        """
        cohort = await self.cohorts.get(cohort_id)
        if cohort is None:
            return None
        now = self.clock.now()
        await self.close_due_rounds(cohort.id, now)
        if cohort.state not in LIVE:
            return None
        schedule = await self.schedule_for(cohort)
        if schedule is None:
            return None
        week = schedule.week_at(now)
        if week == 0:
            await self.jobs.schedule(
                ROUND, cohort.id, schedule.start_of(1), guild_id=cohort.guild_id
            )
            return None
        if cohort.state != "running":
            # The first session's start (another lane's job) makes the cohort running.
            await self.jobs.schedule(
                ROUND, cohort.id, now + NOT_RUNNING_RETRY, guild_id=cohort.guild_id
            )
            return None
        current = await self.repo.round_of(cohort.id, week)
        if current is None and now < schedule.times(week).ends_at:
            current = (await self.plan_round(cohort, schedule, week, now)).round
        opened = current if current is not None and current.status == "open" else None
        if week < cohort.weeks:
            next_due: dt.datetime | None = schedule.start_of(week + 1)
        else:  # the last week: run once more when it ends, to close it
            next_due = opened.ends_at if opened is not None else None
        return RoundStep(cohort, opened, next_due)

    async def round_started(self, step: RoundStep) -> None:
        """The round's threads and DMs are out: arm its reminder and question, and next week."""
        if step.round is not None:
            guild_id = step.cohort.guild_id
            await self.jobs.schedule(
                REMINDER, step.round.id, step.round.remind_at, guild_id=guild_id
            )
            await self.jobs.schedule(ASK, step.round.id, step.round.ask_at, guild_id=guild_id)
        if step.next_due is not None:
            await self.jobs.schedule(
                ROUND, step.cohort.id, step.next_due, guild_id=step.cohort.guild_id
            )

    async def _open_round(self, round_id: int) -> tuple[Cohort, Round] | None:
        round_ = await self.repo.round(round_id)
        if round_ is None or round_.status != "open":
            return None
        cohort = await self.cohorts.get(round_.cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return None
        return cohort, round_

    async def reminders_due(self, round_id: int) -> DueNotes | None:
        """Mid-week: pairs where nobody has posted or said they met, not yet reminded."""
        found = await self._open_round(round_id)
        if found is None or self.clock.now() >= found[1].ask_at:
            return None
        pairs = [
            p
            for p in await self.repo.pairs(round_id)
            if not (p.met() or any(m.posted for m in p.members) or p.reminded)
        ]
        return DueNotes(*found, pairs)

    async def questions_due(self, round_id: int) -> DueNotes | None:
        """End of the week: pairs not yet asked "did you meet?"."""
        found = await self._open_round(round_id)
        if found is None:
            return None
        return DueNotes(*found, [p for p in await self.repo.pairs(round_id) if not p.asked])

    async def reminded(self, pair_id: int) -> None:
        """The pair got its mid-week reminder."""
        await self.repo.mark_reminded(pair_id, self.clock.now())

    async def asked(self, pair_id: int) -> None:
        """The pair got the end-of-week question."""
        await self.repo.mark_asked(pair_id, self.clock.now())

    # --- opening a round: what the glue reports back -------------------------------------------

    async def pairs_to_announce(self, round_id: int) -> list[Pair]:
        """The round's pairs whose thread or DMs have not gone out yet."""
        return [p for p in await self.repo.pairs(round_id) if not p.announced]

    async def meet_in_thread_instead(self, pair_id: int) -> Pair:
        """A DM pair whose DM failed meets in a private thread; the pair as stored now."""
        await self.repo.set_place(pair_id, "thread")
        return await self._pair(pair_id)

    async def group_channel_id(self, pair: Pair) -> int | None:
        """The channel of the pair's group, where its private thread opens."""
        group = await self.cohorts.group(pair.group_id)
        return group.channel_id if group else None

    async def group_language(self, pair: Pair) -> str | None:
        """The language of the pair's group, which its shared thread is written in (None: the
        group has none, so the server's)."""
        group = await self.cohorts.group(pair.group_id)
        return group.language if group else None

    async def thread_made(self, pair_id: int, thread_id: int) -> None:
        """Store the pair's new thread at once, so a re-run reuses it instead of making another."""
        await self.repo.set_thread(pair_id, thread_id)

    async def announced(self, pair_id: int) -> None:
        """The pair's thread or DMs went out."""
        await self.repo.mark_announced(pair_id)

    async def unplaced_notice(self, cohort: Cohort, round_: Round) -> UnplacedNotice | None:
        """Members of the round left without a partner and not yet told; None when nobody."""
        unplaced = [u for u in await self.repo.unplaced(round_.id) if not u.told]
        if not unplaced:
            return None
        groups = {g.id: g for g in await self.cohorts.groups(cohort.id)}
        rows = [
            (
                f"Group {groups[u.group_id].number}" if u.group_id in groups else "?",
                u.user_id,
                u.reason,
            )
            for u in unplaced
        ]
        return UnplacedNotice(round_, rows)

    async def unplaced_told(self, round_id: int, user_id: int) -> None:
        """The member without a partner got the kind note."""
        await self.repo.mark_unplaced_told(round_id, user_id, self.clock.now())

    async def pauses_to_tell(self, cohort_id: int) -> list[tuple[int, int]]:
        """(user id, week) of members whose check-ins were paused and who were not told yet."""
        return await self.repo.pauses_to_tell(cohort_id)

    async def pause_told(self, cohort_id: int, user_id: int, week: int) -> None:
        """The member got the note about their paused check-ins."""
        await self.repo.mark_pause_told(cohort_id, user_id, week, self.clock.now())

    async def _pair(self, pair_id: int) -> Pair:
        pair = await self.repo.pair(pair_id)
        if pair is None:
            raise RuntimeError(f"check-in pair {pair_id} is gone")
        return pair

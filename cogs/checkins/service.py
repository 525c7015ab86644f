"""Check-in rules that need the database but not Discord: who is in this week, rounds, choices.

The cog calls these, then does the Discord part (threads, DMs, buttons) and renders copy from
``messages.py``. Everything speaks in plain ids, dataclasses and aware datetimes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cogs.checkins.pairing import Preferences, pair_members, should_pause
from cogs.checkins.prompts import Prompts
from cogs.checkins.schedule import DEFAULT_TIME, CheckinSchedule, default_weekday
from cogs.utils.errors import InvalidInput, UserFacingError
from db.repositories.checkins import (
    ACTIVE,
    OPTED_OUT,
    CheckinMember,
    CheckinRepository,
    NewPair,
    NewUnplaced,
    Pair,
    Round,
)
from db.repositories.cohorts import Cohort, CohortRepository, Enrolment

LIVE = ("enrolling", "running")
MAX_SNOOZE_WEEKS = 8

NOT_IN_A_GROUP = (
    "Check-ins are for members of a cohort group. Once you have a place (`/join`), you can "
    "use `/checkin` to choose how you take part."
)


@dataclass(frozen=True)
class MemberContext:
    """A member's place for check-ins: their cohort, enrolment and stored choices."""

    cohort: Cohort
    enrolment: Enrolment
    choice: CheckinMember | None

    @property
    def status(self) -> str:
        """active, opted_out or paused (no stored choice: the intake answer)."""
        if self.choice is not None:
            return self.choice.status
        return ACTIVE if self.enrolment.checkins else OPTED_OUT


@dataclass(frozen=True)
class PlannedRound:
    """A round after planning: the stored round, whether it was new, and who was paused."""

    round: Round
    created: bool
    paused: tuple[int, ...]


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


class CheckinService:
    """Rounds, pairs and members' choices for check-ins."""

    def __init__(self, repo: CheckinRepository, cohorts: CohortRepository, prompts: Prompts):
        self.repo = repo
        self.cohorts = cohorts
        self.prompts = prompts

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

    # --- members -------------------------------------------------------------------------------

    async def context(self, guild_id: int, user_id: int) -> MemberContext:
        """The cohort group a member is in for check-ins; UserFacingError when none."""
        rows = [
            e
            for e in await self.cohorts.active_for_user(guild_id, user_id)
            if e.status == "enrolled" and e.group_id is not None
        ]
        if not rows:
            raise UserFacingError(NOT_IN_A_GROUP)
        enrolment = rows[-1]  # the newest, if someone is in two live cohorts
        cohort = await self.cohorts.get(enrolment.cohort_id)
        assert cohort is not None
        return MemberContext(cohort, enrolment, await self.repo.member(cohort.id, user_id))

    async def next_week(self, cohort_id: int) -> int:
        """The week of the next round not yet paired."""
        latest = await self.repo.latest_round(cohort_id)
        return 1 if latest is None else latest.week + 1

    async def opt_in(self, ctx: MemberContext, place: str, now: dt.datetime) -> CheckinMember:
        """Take part again (also after a pause); misses count afresh from the next round."""
        if place not in ("thread", "dm"):
            raise InvalidInput("Choose where to meet: a private thread or direct messages.")
        return await self.repo.save_member(
            ctx.cohort.id,
            ctx.enrolment.user_id,
            now,
            status=ACTIVE,
            place=place,
            snoozed_until=0,
            counted_from=await self.next_week(ctx.cohort.id),
        )

    async def opt_out(self, ctx: MemberContext, now: dt.datetime) -> CheckinMember:
        """Stop being paired (from the next round)."""
        return await self.repo.save_member(
            ctx.cohort.id, ctx.enrolment.user_id, now, status=OPTED_OUT
        )

    async def snooze(self, ctx: MemberContext, weeks: int, now: dt.datetime) -> int:
        """Skip the next ``weeks`` rounds; returns the first week paired again."""
        if not 1 <= weeks <= MAX_SNOOZE_WEEKS:
            raise InvalidInput(f"You can snooze for 1 to {MAX_SNOOZE_WEEKS} weeks.")
        if ctx.status != ACTIVE:
            raise UserFacingError(
                "You aren't being paired right now, so there is nothing to snooze. "
                "`/checkin optin` starts check-ins again."
            )
        until = await self.next_week(ctx.cohort.id) + weeks - 1
        await self.repo.save_member(
            ctx.cohort.id,
            ctx.enrolment.user_id,
            now,
            snoozed_until=until,
            default_status=ACTIVE,
        )
        return until + 1

    async def avoid(
        self, ctx: MemberContext, other_id: int, *, remove: bool, now: dt.datetime
    ) -> bool:
        """Add (or remove) someone on a member's confidential list; whether anything changed."""
        me = ctx.enrolment.user_id
        if other_id == me:
            raise InvalidInput("That's you! Choose another member.")
        if remove:
            return await self.repo.remove_avoid(ctx.cohort.guild_id, me, other_id)
        return await self.repo.add_avoid(ctx.cohort.guild_id, me, other_id, now)

    async def current_pair(self, cohort_id: int, user_id: int) -> tuple[Round, Pair] | None:
        """The member's pair in the cohort's latest open round, if any."""
        latest = await self.repo.latest_round(cohort_id)
        if latest is None or latest.status != "open":
            return None
        for pair in await self.repo.pairs(latest.id):
            if user_id in pair.user_ids:
                return latest, pair
        return None

    # --- moderators ----------------------------------------------------------------------------

    async def override(self, cohort: Cohort, a: int, b: int) -> tuple[Pair, Pair]:
        """Swap two members between pairs of this week (same group); the two pairs before."""
        if a == b:
            raise InvalidInput("Choose two different members to swap.")
        found_a = await self.current_pair(cohort.id, a)
        found_b = await self.current_pair(cohort.id, b)
        if found_a is None or found_b is None:
            raise InvalidInput("Both members need a partner in this week's check-ins to swap.")
        (_, pair_a), (_, pair_b) = found_a, found_b
        if pair_a.id == pair_b.id:
            raise InvalidInput("Those two are already together this week.")
        if pair_a.group_id != pair_b.group_id:
            raise InvalidInput("Swaps are within one group; those two are in different groups.")
        new_a = [m for m in pair_a.user_ids if m != a] + [b]
        new_b = [m for m in pair_b.user_ids if m != b] + [a]
        lists = await self.repo.avoid_lists(cohort.guild_id, [*new_a, *new_b])
        for group in (new_a, new_b):
            for x in group:
                if any(y in lists.get(x, set()) for y in group if y != x):
                    # Neutral on purpose: lists are confidential, even from moderators' view.
                    raise InvalidInput(
                        "That swap isn't possible because of a member's confidential pairing "
                        "preference. Try another swap."
                    )
        await self.repo.swap(pair_a.id, a, pair_b.id, b)
        return pair_a, pair_b

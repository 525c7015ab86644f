"""Check-ins as use cases (no Discord): members' choices and moderators' tools.

The weekly rounds and their jobs are ``RoundService``'s (``rounds.py``, reached as
``CheckinService.rounds``). The cog calls one method here, renders with ``messages.py`` and
replies; a swap's thread moves are the glue's (``_rounds.py``). Everything speaks in plain ids,
dataclasses and aware datetimes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cogs.checkins import messages
from cogs.checkins.rounds import LIVE, RoundService
from cogs.cohorts.schedule import parse_local_time, parse_weekday
from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import N_, t
from db.models import AuditNote
from db.models.checkins import GroupCompletion, UnplacedRow
from db.repositories.checkins import (
    ACTIVE,
    OPTED_OUT,
    CheckinMember,
    CheckinRepository,
    Pair,
    Round,
)
from db.repositories.cohorts import Cohort, CohortRepository, Enrolment, Group

__all__ = ["LIVE", "CheckinService", "MemberContext"]

MAX_SNOOZE_WEEKS = 8

NOT_IN_A_GROUP = N_(
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
class MemberStatus:
    """What ``/checkin status`` shows a member: their choices, this week's pair, their list."""

    context: MemberContext
    next_week: int
    current: tuple[Round, Pair] | None
    avoided: list[int]


@dataclass(frozen=True)
class Avoided:
    """An avoid-list change: whether it changed anything, and whether they are paired now."""

    changed: bool
    paired_now: bool


@dataclass(frozen=True)
class PairsReport:
    """A cohort's latest round for moderators: pairs, members without one, completion."""

    cohort: Cohort
    round: Round | None
    groups: list[Group]
    pairs: list[Pair]
    unplaced: list[UnplacedRow]
    completion: dict[int, GroupCompletion]


@dataclass(frozen=True)
class Move:
    """After a swap: ``pair`` (as stored now) loses ``leaving`` and gains ``joining``."""

    pair: Pair
    leaving: int
    joining: int


@dataclass(frozen=True)
class Swap:
    """A stored swap: the round and the two moves the threads (or DMs) must follow."""

    round: Round
    moves: tuple[Move, Move]


@dataclass(frozen=True)
class Rescheduled:
    """A cohort's new check-in slot."""

    cohort: Cohort
    weekday: int
    local_time: dt.time


class CheckinService:
    """Members' check-in choices, their answers, and moderators' view and swaps."""

    def __init__(
        self,
        repo: CheckinRepository,
        cohorts: CohortRepository,
        rounds: RoundService,
        clock: Clock,
    ) -> None:
        self.repo = repo
        self.cohorts = cohorts
        self.rounds = rounds
        self.clock = clock

    # --- members -------------------------------------------------------------------------------

    async def context(self, guild_id: int, user_id: int) -> MemberContext:
        """The cohort group a member is in for check-ins; UserFacingError when none."""
        rows = [
            e
            for e in await self.cohorts.active_for_user(guild_id, user_id)
            if e.status == "enrolled" and e.group_id is not None
        ]
        if not rows:
            raise UserFacingError(t(NOT_IN_A_GROUP))
        enrolment = rows[-1]  # the newest, if someone is in two live cohorts
        cohort = await self.cohorts.get(enrolment.cohort_id)
        assert cohort is not None
        return MemberContext(cohort, enrolment, await self.repo.member(cohort.id, user_id))

    async def next_week(self, cohort_id: int) -> int:
        """The week of the next round not yet paired."""
        latest = await self.repo.latest_round(cohort_id)
        return 1 if latest is None else latest.week + 1

    async def status(self, guild_id: int, user_id: int) -> MemberStatus:
        """A member's check-ins: their choices, this week's pair and their confidential list."""
        ctx = await self.context(guild_id, user_id)
        return MemberStatus(
            ctx,
            await self.next_week(ctx.cohort.id),
            await self.current_pair(ctx.cohort.id, user_id),
            await self.repo.avoided_by(ctx.cohort.guild_id, user_id),
        )

    async def opt_in(self, guild_id: int, user_id: int, place: str) -> CheckinMember:
        """Take part again (also after a pause); misses count afresh from the next round."""
        ctx = await self.context(guild_id, user_id)
        if place not in ("thread", "dm"):
            raise InvalidInput(t("Choose where to meet: a private thread or direct messages."))
        return await self.repo.save_member(
            ctx.cohort.id,
            user_id,
            self.clock.now(),
            status=ACTIVE,
            place=place,
            snoozed_until=0,
            counted_from=await self.next_week(ctx.cohort.id),
        )

    async def opt_out(self, guild_id: int, user_id: int) -> CheckinMember:
        """Stop being paired (from the next round)."""
        ctx = await self.context(guild_id, user_id)
        return await self.repo.save_member(
            ctx.cohort.id, user_id, self.clock.now(), status=OPTED_OUT
        )

    async def snooze(self, guild_id: int, user_id: int, weeks: int) -> int:
        """Skip the next ``weeks`` rounds; returns the first week paired again."""
        ctx = await self.context(guild_id, user_id)
        if not 1 <= weeks <= MAX_SNOOZE_WEEKS:
            raise InvalidInput(t("You can snooze for 1 to {max} weeks.", max=MAX_SNOOZE_WEEKS))
        if ctx.status != ACTIVE:
            raise UserFacingError(
                t(
                    "You aren't being paired right now, so there is nothing to snooze. "
                    "`/checkin optin` starts check-ins again."
                )
            )
        until = await self.next_week(ctx.cohort.id) + weeks - 1
        await self.repo.save_member(
            ctx.cohort.id, user_id, self.clock.now(), snoozed_until=until, default_status=ACTIVE
        )
        return until + 1

    async def avoid(self, guild_id: int, user_id: int, other_id: int, *, remove: bool) -> Avoided:
        """Add (or remove) someone on a member's confidential list; they are never told."""
        ctx = await self.context(guild_id, user_id)
        if other_id == user_id:
            raise InvalidInput(t("That's you! Choose another member."))
        if remove:
            changed = await self.repo.remove_avoid(ctx.cohort.guild_id, user_id, other_id)
            return Avoided(changed, False)
        changed = await self.repo.add_avoid(
            ctx.cohort.guild_id, user_id, other_id, self.clock.now()
        )
        current = await self.current_pair(ctx.cohort.id, user_id)
        return Avoided(changed, current is not None and other_id in current[1].user_ids)

    async def answer(self, pair_id: int, user_id: int, action: str) -> str:
        """A member's own answer to "did you meet?" (``met`` or not); the outcome stored."""
        pair = await self.repo.pair(pair_id)
        if pair is None or user_id not in pair.user_ids:
            raise UserFacingError(t(messages.ANSWER_NOT_YOURS))
        round_ = await self.repo.round(pair.round_id)
        if round_ is None or round_.status != "open":
            raise UserFacingError(t(messages.ANSWER_CLOSED))
        outcome = "met" if action == "met" else "not_met"
        await self.repo.answer(pair.id, user_id, outcome, self.clock.now())
        return outcome

    async def record_post(self, thread_id: int, user_id: int) -> bool:
        """A member posting in their pair's thread counts as checking in; False: not theirs."""
        pair = await self.repo.pair_by_thread(thread_id)
        if pair is None or user_id not in pair.user_ids:
            return False
        return await self.repo.mark_posted(pair.id, user_id, self.clock.now())

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

    async def cohort_named(self, guild_id: int, name: str | None) -> Cohort:
        """The cohort called ``name``; without a name, the one live cohort."""
        if name:
            found = await self.cohorts.by_name(guild_id, name)
            if found is None:
                raise UserFacingError(f"There is no cohort called “{name.strip()}”.")
            return found
        live = [c for c in await self.cohorts.in_guild(guild_id) if c.state in LIVE]
        if len(live) != 1:
            raise InvalidInput("Name the cohort with `cohort:`.")
        return live[0]

    async def pairs_report(self, guild_id: int, cohort: str | None) -> PairsReport:
        """The latest round's pairs per group, members without a partner, completion rates."""
        found = await self.cohort_named(guild_id, cohort)
        latest = await self.repo.latest_round(found.id)
        return PairsReport(
            cohort=found,
            round=latest,
            groups=await self.cohorts.groups(found.id),
            pairs=await self.repo.pairs(latest.id) if latest else [],
            unplaced=await self.repo.unplaced(latest.id) if latest else [],
            completion={c.group_id: c for c in await self.repo.completion(found.id)},
        )

    async def swap(self, guild_id: int, actor_id: int, a: int, b: int) -> Swap:
        """Swap two members' partners for this week (same group), audited; the moves to make."""
        ctx = await self.context(guild_id, a)
        pair_a, pair_b = await self.override(ctx.cohort, a, b, actor_id=actor_id)
        round_ = await self.repo.round(pair_a.round_id)
        fresh_a, fresh_b = await self.repo.pair(pair_a.id), await self.repo.pair(pair_b.id)
        if round_ is None or fresh_a is None or fresh_b is None:  # stored just above
            raise RuntimeError(f"check-in pairs {pair_a.id} and {pair_b.id} vanished in a swap")
        return Swap(round_, (Move(fresh_a, a, b), Move(fresh_b, b, a)))

    async def reschedule(self, guild_id: int, cohort: str, day: str, time: str) -> Rescheduled:
        """Set the weekday and local time a cohort's pairs are made (from the next round)."""
        found = await self.cohort_named(guild_id, cohort)
        weekday, local_time = parse_weekday(day), parse_local_time(time)
        await self.repo.set_schedule(found.id, weekday, local_time, self.clock.now())
        if found.state in LIVE:
            await self.rounds.arm_round(found.id, found.guild_id)
        return Rescheduled(found, weekday, local_time)

    async def override(
        self, cohort: Cohort, a: int, b: int, *, actor_id: int | None = None
    ) -> tuple[Pair, Pair]:
        """Swap two members between pairs of this week (same group); the two pairs before.

        The swap and its audit line are written together.
        """
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
        note = AuditNote(
            cohort.guild_id, actor_id, "checkin.override", pair_a.round_id, f"swapped {a} and {b}"
        )
        await self.repo.swap(pair_a.id, a, pair_b.id, b, audit=note, now=self.clock.now())
        return pair_a, pair_b

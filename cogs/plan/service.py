"""A member's private IER plan: the use cases behind ``/plan``.

The IER trial in MS worked with each participant to name their ongoing emotional issues and
choose strategies for them, session by session. ``/plan`` is Kindred's version: one to three
situations that weigh on a member, each with up to three strategies from
``config/ier_strategies.toml`` and, if they like, their own words. It is private: only the
member sees it, ``/cope`` and the check-in prompts offer it back to them, and it reaches their
group's moderator only when they press "share" (``share_target`` says who gets it; the cog
sends it). ``/privacy export`` and ``/privacy delete`` cover it (``PlanRepository``).

No discord: each method takes ids and text and returns plain values or raises a
``UserFacingError`` whose text the member sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cogs.plan import messages
from cogs.toolkit.strategies import Strategy
from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import t, tp
from db.models.cohorts import Cohort, Group
from db.models.plans import PlanItem
from db.repositories.cohorts import CohortRepository
from db.repositories.plans import PlanRepository

MAX_ITEMS = 3  # one to three situations: enough to be personal, few enough to hold in mind
MAX_STRATEGIES = 3  # per situation; the select menu allows no more
# Short on purpose (easier to read back), and so a full plan with /cope's question, or with a
# "sent" note above it, stays within one Discord message (2,000 characters).
SITUATION_LIMIT = 150
WORDS_LIMIT = 200


@dataclass(frozen=True)
class PlanEntry:
    """One situation with the strategies chosen for it (unknown ids are left out)."""

    item: PlanItem
    strategies: tuple[Strategy, ...]


@dataclass(frozen=True)
class Plan:
    """A member's whole plan, in the order they made it."""

    user_id: int
    entries: tuple[PlanEntry, ...]

    @property
    def empty(self) -> bool:
        """Nothing in it yet."""
        return not self.entries

    @property
    def full(self) -> bool:
        """Three situations: change or remove one to add another."""
        return len(self.entries) >= MAX_ITEMS


@dataclass(frozen=True)
class ShareTarget:
    """Who gets a shared plan: the moderator of the member's group in this server."""

    guild_id: int
    moderator_id: int
    cohort: Cohort
    group: Group


def check_situation(text: str) -> str:
    """The situation tidied to one line; InvalidInput when empty or too long."""
    situation = " ".join(text.split())
    if not situation:
        raise InvalidInput(t(messages.SITUATION_EMPTY))
    if len(situation) > SITUATION_LIMIT:
        raise InvalidInput(messages.too_long(tp("plan field", "situation"), SITUATION_LIMIT))
    return situation


def check_words(text: str | None) -> str | None:
    """The member's own words tidied (line breaks kept); None when blank."""
    words = "\n".join(" ".join(line.split()) for line in (text or "").splitlines()).strip()
    if len(words) > WORDS_LIMIT:
        raise InvalidInput(messages.too_long(tp("plan field", "your own words"), WORDS_LIMIT))
    return words or None


class PlanService:
    """Make, change, read and share a member's own plan."""

    def __init__(
        self,
        repo: PlanRepository,
        cohorts: CohortRepository,
        strategies: Sequence[Strategy],
        clock: Clock,
    ) -> None:
        self.repo = repo
        self.cohorts = cohorts
        self.strategies = tuple(strategies)
        self._by_id = {s.id: s for s in self.strategies}
        self.clock = clock

    async def plan(self, user_id: int) -> Plan:
        """The member's plan (empty when they have not made one)."""
        items = await self.repo.items(user_id)
        return Plan(
            user_id,
            tuple(
                PlanEntry(
                    item, tuple(self._by_id[s] for s in item.strategy_ids if s in self._by_id)
                )
                for item in items
            ),
        )

    async def add(self, user_id: int, situation: str, own_words: str | None) -> PlanItem:
        """Add a situation (strategies are chosen next); refused when the plan has three."""
        text, words = check_situation(situation), check_words(own_words)
        item_id = await self.repo.add(user_id, text, words, MAX_ITEMS, self.clock.now())
        if item_id is None:
            raise UserFacingError(t(messages.PLAN_FULL))
        return await self._item(user_id, item_id)

    async def edit(
        self, user_id: int, item_id: int, situation: str, own_words: str | None
    ) -> PlanItem:
        """Change a situation's words (its strategies stay)."""
        text, words = check_situation(situation), check_words(own_words)
        if not await self.repo.set_words(user_id, item_id, text, words, self.clock.now()):
            raise UserFacingError(t(messages.GONE))
        return await self._item(user_id, item_id)

    async def choose(self, user_id: int, item_id: int, strategy_ids: Sequence[str]) -> PlanItem:
        """Set the strategies for one situation (up to three known ones, in the file's order)."""
        wanted = set(strategy_ids)
        unknown = wanted - set(self._by_id)
        if unknown or len(wanted) > MAX_STRATEGIES:
            raise InvalidInput(t(messages.PICK_AGAIN))
        ordered = [s.id for s in self.strategies if s.id in wanted]
        if not await self.repo.set_strategies(user_id, item_id, ordered, self.clock.now()):
            raise UserFacingError(t(messages.GONE))
        return await self._item(user_id, item_id)

    async def remove(self, user_id: int, item_id: int) -> None:
        """Take one situation out of the plan."""
        if not await self.repo.remove(user_id, item_id):
            raise UserFacingError(t(messages.GONE))

    async def item(self, user_id: int, item_id: int) -> PlanItem:
        """One situation of the member's own plan."""
        return await self._item(user_id, item_id)

    async def share_target(self, guild_id: int | None, user_id: int) -> ShareTarget:
        """The moderator a member's plan would go to; refused with a reason when there is none."""
        if guild_id is None:
            raise UserFacingError(t(messages.SHARE_IN_SERVER))
        if (await self.plan(user_id)).empty:
            raise UserFacingError(t(messages.NOTHING_TO_SHARE))
        for enrolment in await self.cohorts.active_for_user(guild_id, user_id):
            if enrolment.status != "enrolled" or enrolment.group_id is None:
                continue
            group = await self.cohorts.group(enrolment.group_id)
            cohort = await self.cohorts.get(enrolment.cohort_id)
            if group is None or cohort is None or group.moderator_id is None:
                continue
            return ShareTarget(guild_id, group.moderator_id, cohort, group)
        raise UserFacingError(t(messages.NO_MODERATOR))

    # --- what other lanes show ---------------------------------------------------------------

    async def cope_text(self, user_id: int) -> str | None:
        """The member's plan in a few lines for the top of ``/cope``; None without a plan."""
        found = await self.plan(user_id)
        return None if found.empty else messages.for_cope(found)

    async def checkin_note(self, user_id: int) -> str:
        """The line a member's private check-in DM ends with: their plan, or an invitation."""
        return messages.checkin_dm_note(await self.plan(user_id))

    async def _item(self, user_id: int, item_id: int) -> PlanItem:
        found = await self.repo.item(user_id, item_id)
        if found is None:
            raise UserFacingError(t(messages.GONE))
        return found

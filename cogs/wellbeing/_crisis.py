"""Glue: a self-harm answer on a wellbeing form goes to the crisis lane the same day.

The wellbeing service decides (``Submitted.crisis``: who, how urgent, why); this module hands
each one to the crisis lane's one entry point, ``open_and_respond``, which writes the case,
answers the member and alerts staff. A hand-off is never dropped silently: the case is saved
with its steps even before the crisis lane's Discord side is attached, and start-up runs them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from cogs.wellbeing.service import CRISIS_RULE, CrisisHandOff
from db.models.crisis import CrisisCase

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)


class CrisisIntake(Protocol):
    """The crisis lane's entry point, as the wellbeing lane calls it."""

    async def open_and_respond(
        self,
        *,
        guild_id: int | None,
        user_id: int,
        channel_id: int | None,
        message_id: int | None,
        source: str,
        level: str,
        rules: tuple[str, ...],
        reason: str,
        excerpt: str | None,
    ) -> CrisisCase | None: ...


def crisis_lane(bot: KindredBot) -> CrisisIntake:
    """The crisis lane: ``bot.services.lanes.crisis`` (``CrisisService``)."""
    return bot.services.lanes.crisis


async def open_crisis_cases(bot: KindredBot, hand_offs: Sequence[CrisisHandOff]) -> None:
    """Open (or join) a crisis case for each self-harm answer; never silenced."""
    for hand_off in hand_offs:
        await _open_crisis_case(bot, hand_off)


async def _open_crisis_case(bot: KindredBot, hand_off: CrisisHandOff) -> None:
    case = await crisis_lane(bot).open_and_respond(
        guild_id=hand_off.guild_id,
        user_id=hand_off.user_id,
        channel_id=None,
        message_id=None,
        source="wellbeing",
        level=hand_off.level,
        rules=(CRISIS_RULE,),
        reason=hand_off.reason,
        excerpt=None,
    )
    if case is None:  # the member's open case took it up; it is already running
        log.warning("wellbeing: request %s joined an open crisis case", hand_off.request_id)
        return
    log.warning(
        "wellbeing: request %s opened crisis case %s (%s)",
        hand_off.request_id,
        case.id,
        hand_off.level,
    )

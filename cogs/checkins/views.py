"""The "did you meet?" buttons.

Dynamic items (``checkin:<met|missed>:<pair id>``) so they keep working after a restart:
discord.py matches the custom id, not a view held in memory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord

from cogs.checkins import messages
from cogs.utils.i18n import t
from cogs.utils.i18n_discord import speak_to
from cogs.utils.replies import reply_privately

if TYPE_CHECKING:
    from bot import KindredBot
    from cogs.checkins.service import CheckinService

ACTIONS = {
    "met": (messages.MET_LABEL, discord.ButtonStyle.success),
    "missed": (messages.MISSED_LABEL, discord.ButtonStyle.secondary),
}


# The private thanks for each answer (met or not), translated when sent.
_ANSWERS = {True: messages.ANSWER_MET, False: messages.ANSWER_MISSED}


def _lane(interaction: discord.Interaction) -> CheckinService:
    """The check-ins lane's service (``bot.services.lanes.checkins``)."""
    return cast("KindredBot", interaction.client).services.lanes.checkins


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"checkin:(?P<action>met|missed):(?P<pair_id>\d+)",
):
    """Yes / Not this week, under the end-of-week question."""

    def __init__(self, action: str, pair_id: int) -> None:
        label, style = ACTIONS[action]
        super().__init__(
            discord.ui.Button(label=t(label), style=style, custom_id=f"checkin:{action}:{pair_id}")
        )
        self.action = action
        self.pair_id = pair_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnswerButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["action"], int(match["pair_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Record the clicker's own answer; a click from outside the pair is refused kindly."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            outcome = await _lane(interaction).answer(
                self.pair_id, interaction.user.id, self.action
            )
            await reply_privately(interaction, t(_ANSWERS[outcome == "met"]))
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def answer_view(pair_id: int) -> discord.ui.View:
    """The two buttons for one pair."""
    view = discord.ui.View(timeout=None)
    for action in ACTIONS:
        view.add_item(AnswerButton(action, pair_id))
    return view

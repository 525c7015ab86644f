"""The "did you meet?" buttons.

Dynamic items (``checkin:<met|missed>:<pair id>``) so they keep working after a restart:
discord.py matches the custom id, not a view held in memory.
"""

from __future__ import annotations

from typing import Any

import discord

ACTIONS = {
    "met": ("Yes, we met", discord.ButtonStyle.success),
    "missed": ("Not this week", discord.ButtonStyle.secondary),
}


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"checkin:(?P<action>met|missed):(?P<pair_id>\d+)",
):
    """Yes / Not this week, under the end-of-week question."""

    def __init__(self, action: str, pair_id: int) -> None:
        label, style = ACTIONS[action]
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=f"checkin:{action}:{pair_id}")
        )
        self.action = action
        self.pair_id = pair_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: Any
    ) -> AnswerButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["action"], int(match["pair_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the cog, which checks the clicker belongs to the pair."""
        from cogs.utils.tree import answer_error

        cog: Any = interaction.client.get_cog("CheckinsCog")  # type: ignore[attr-defined]
        try:
            await cog.handle_answer(interaction, self.action, self.pair_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def answer_view(pair_id: int) -> discord.ui.View:
    """The two buttons for one pair."""
    view = discord.ui.View(timeout=None)
    for action in ACTIONS:
        view.add_item(AnswerButton(action, pair_id))
    return view

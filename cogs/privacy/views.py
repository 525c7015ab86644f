"""The "Erase my data" button.

A dynamic item (``privacy:erase:<user id>``) so it keeps working after a restart: discord.py
matches the custom id, not a view held in memory. Only the person it names may press it.
"""

from __future__ import annotations

from typing import Any

import discord

from cogs.privacy import messages
from cogs.utils.errors import UserFacingError


class EraseButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"privacy:erase:(?P<user_id>\d+)",
):
    """Erase the data of the member whose id is in the custom id."""

    def __init__(self, user_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=messages.ERASE_LABEL,
                style=discord.ButtonStyle.danger,
                custom_id=f"privacy:erase:{user_id}",
            )
        )
        self.user_id = user_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> EraseButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(int(match["user_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Check the presser is the member it names, then hand over to the cog."""
        from cogs.utils.tree import answer_error

        try:
            if interaction.user.id != self.user_id:
                raise UserFacingError(messages.NOT_YOURS)
            cog: Any = interaction.client.get_cog("PrivacyCog")  # type: ignore[attr-defined]
            await cog.erase_for(interaction)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def erase_view(user_id: int) -> discord.ui.View:
    """The confirmation's one button."""
    view = discord.ui.View(timeout=None)
    view.add_item(EraseButton(user_id))
    return view

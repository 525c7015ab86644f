"""The "Erase my data" button.

A dynamic item (``privacy:erase:<user id>``) so it keeps working after a restart: discord.py
matches the custom id, not a view held in memory. Only the person it names may press it; it
frees their cohort places (in every server, whichever process holds it), then erases through
``lanes.privacy``.
"""

from __future__ import annotations

from typing import Any

import discord

from cogs.privacy import messages
from cogs.privacy._places import end_enrolments
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import t
from cogs.utils.i18n_discord import speak_to
from cogs.utils.types import kindred


class EraseButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"privacy:erase:(?P<user_id>\d+)",
):
    """Erase the data of the member whose id is in the custom id."""

    def __init__(self, user_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=t(messages.ERASE_LABEL),
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
        """Check the presser is the member it names, then erase."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            if interaction.user.id != self.user_id:
                raise UserFacingError(t(messages.NOT_YOURS))
            await self.erase(interaction)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)

    async def erase(self, interaction: discord.Interaction) -> None:
        """Pressed by its member: free their places, erase, confirm.

        Places in the servers this process holds are freed here, channels and DMs included.
        With shards, the others' servers are not here (a DM arrives on shard 0): their places
        are freed in the database now and the process holding each server does the rest.
        """
        bot = kindred(interaction.client)
        privacy = bot.services.lanes.privacy
        await interaction.response.defer()  # the confirmation message is edited below
        freed = await end_enrolments(bot, self.user_id, bot.guilds)
        later = await privacy.free_places_elsewhere(
            self.user_id, lambda guild_id: bot.get_guild(guild_id) is not None
        )
        counts = await privacy.erase(self.user_id)
        await interaction.edit_original_response(
            content=messages.erased(counts, freed, later)[:2000], view=None
        )


def erase_view(user_id: int) -> discord.ui.View:
    """The confirmation's one button."""
    view = discord.ui.View(timeout=None)
    view.add_item(EraseButton(user_id))
    return view

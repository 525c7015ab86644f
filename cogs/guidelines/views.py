"""The Appeal button on a member's notice, and the appeal modal.

The button is a dynamic item (``guidelines:appeal:<infraction id>``) so it keeps working after
a restart: discord.py matches the custom id, not a view held in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord

if TYPE_CHECKING:
    from cogs.guidelines.cog import GuidelinesCog


def _lane(interaction: discord.Interaction) -> GuidelinesCog:
    """The guidelines cog, which handles the button and the form."""
    client: Any = interaction.client
    return cast("GuidelinesCog", client.get_cog("GuidelinesCog"))


class AppealButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"guidelines:appeal:(?P<infraction_id>\d+)",
):
    """Appeal an infraction (only its member may)."""

    def __init__(self, infraction_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Appeal",
                style=discord.ButtonStyle.secondary,
                custom_id=f"guidelines:appeal:{infraction_id}",
            )
        )
        self.infraction_id = infraction_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> AppealButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(int(match["infraction_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the cog, which checks it is the member's own infraction."""
        from cogs.utils.tree import answer_error

        try:
            await _lane(interaction).open_appeal(interaction, self.infraction_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def appeal_view(infraction_id: int) -> discord.ui.View:
    """The view holding one Appeal button."""
    view = discord.ui.View(timeout=None)
    view.add_item(AppealButton(infraction_id))
    return view


class AppealModal(discord.ui.Modal):
    """Asks the member why the infraction should be looked at again."""

    def __init__(self, infraction_id: int) -> None:
        super().__init__(
            title=f"Appeal infraction #{infraction_id}",
            custom_id=f"guidelines:appeal-form:{infraction_id}",
        )
        self.infraction_id = infraction_id
        self.text: discord.ui.TextInput[AppealModal] = discord.ui.TextInput(
            label="Why should a moderator look again?",
            style=discord.TextStyle.paragraph,
            required=True,
            min_length=3,
            max_length=1000,
            placeholder="e.g. I was quoting what someone said to me, not saying it to anyone.",
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """File the appeal."""
        await _lane(interaction).file_appeal(
            interaction, self.infraction_id, self.text.value.strip()
        )

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

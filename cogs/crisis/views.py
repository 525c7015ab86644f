"""The staff alert's buttons and the reason modal.

Buttons are dynamic items (``crisis:<action>:<case id>``) so they keep working after a restart:
discord.py matches the custom id, not a view held in memory.
"""

from __future__ import annotations

from typing import Any

import discord

ACTIONS = {
    "claim": ("Claim", discord.ButtonStyle.primary),
    "resolve": ("Resolve", discord.ButtonStyle.success),
    "false": ("False alarm", discord.ButtonStyle.secondary),
}


class CaseButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"crisis:(?P<action>claim|resolve|false):(?P<case_id>\d+)",
):
    """One of Claim / Resolve / False alarm on a staff alert."""

    def __init__(self, action: str, case_id: int) -> None:
        label, style = ACTIONS[action]
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=f"crisis:{action}:{case_id}")
        )
        self.action = action
        self.case_id = case_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: Any
    ) -> CaseButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["action"], int(match["case_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the cog, which checks the clicker is a moderator."""
        from cogs.utils.tree import answer_error

        cog: Any = interaction.client.get_cog("CrisisCog")  # type: ignore[attr-defined]
        try:
            await cog.handle_button(interaction, self.action, self.case_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def alert_view(case_id: int, status: str) -> discord.ui.View | None:
    """The buttons an alert shows for its status (none once it is closed)."""
    actions = {"open": ("claim", "resolve", "false"), "claimed": ("resolve", "false")}.get(status)
    if not actions:
        return None
    view = discord.ui.View(timeout=None)
    for action in actions:
        view.add_item(CaseButton(action, case_id))
    return view


class ReasonModal(discord.ui.Modal):
    """Asks why a case is resolved (required) or a false alarm (optional)."""

    def __init__(self, case_id: int, action: str, label: str) -> None:
        resolving = action == "resolve"
        super().__init__(
            title=f"{'Resolve' if resolving else 'False alarm'}: case {label}",
            custom_id=f"crisis:reason:{action}:{case_id}",
        )
        self.case_id = case_id
        self.action = action
        self.reason: discord.ui.TextInput[ReasonModal] = discord.ui.TextInput(
            label="What happened?" if resolving else "What made this a false alarm? (optional)",
            style=discord.TextStyle.paragraph,
            required=resolving,
            min_length=3 if resolving else 0,
            max_length=500,
            # The member sees this reason in their /privacy export: it is their data.
            placeholder=(
                "The member can read this in /privacy export. e.g. Spoke by DM; safe tonight."
                if resolving
                else "The member can read this in /privacy export. e.g. About a TV show."
            ),
        )
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Close the case with the reason given."""
        cog: Any = interaction.client.get_cog("CrisisCog")  # type: ignore[attr-defined]
        await cog.close_case(interaction, self.case_id, self.action, self.reason.value.strip())

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

"""The one-button fixes for an AutoMod rule that would block a member in crisis.

Dynamic items (``setup:automod:<fix>:<rule id>``), so a button on an older ``/setup show`` still
works after a restart. The cog checks the presser may change the setup (Manage Server).
"""

from __future__ import annotations

from typing import Any

import discord

FIXES = {
    "alert": ("Make alert-only: {name}", discord.ButtonStyle.primary),
    "exempt": ("Exempt group channels: {name}", discord.ButtonStyle.secondary),
}


class AutoModFixButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"setup:automod:(?P<fix>alert|exempt):(?P<rule_id>\d+)",
):
    """Make one AutoMod rule alert-only, or exempt the group channels from it."""

    def __init__(self, fix: str, rule_id: int, rule_name: str = "this rule") -> None:
        label, style = FIXES[fix]
        super().__init__(
            discord.ui.Button(
                label=label.format(name=rule_name)[:80],
                style=style,
                custom_id=f"setup:automod:{fix}:{rule_id}",
            )
        )
        self.fix = fix
        self.rule_id = rule_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> AutoModFixButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["fix"], int(match["rule_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the cog, which checks who pressed it."""
        from cogs.utils.tree import answer_error

        cog: Any = interaction.client.get_cog("AdminCog")  # type: ignore[attr-defined]
        try:
            await cog.fix_automod(interaction, self.fix, self.rule_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def automod_fix_view(
    rules: list[tuple[int, str]], *, exempt_possible: bool
) -> discord.ui.View | None:
    """Buttons for each (rule id, name): alert-only, and exempt when there are group channels."""
    if not rules:
        return None
    view = discord.ui.View(timeout=None)
    for rule_id, name in rules[:12]:  # 25 components at most
        view.add_item(AutoModFixButton("alert", rule_id, name))
        if exempt_possible:
            view.add_item(AutoModFixButton("exempt", rule_id, name))
    return view

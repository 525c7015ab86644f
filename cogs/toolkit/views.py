"""The private /cope flow: a feelings menu, "is someone around?", then "log this for me".

Ephemeral messages only: the view lives in memory and times out (nothing to restore after a
restart, and nothing about the member is stored unless they press the log button).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from cogs.toolkit import messages
from cogs.toolkit.strategies import FEELINGS, Strategy
from cogs.utils.i18n import t
from cogs.utils.i18n_discord import speak_to

if TYPE_CHECKING:
    from cogs.toolkit.cog import ToolkitCog

TIMEOUT = 900.0  # seconds


class CopeView(discord.ui.View):
    """One member's /cope flow; remembers the feeling and the strategies offered."""

    def __init__(self, cog: ToolkitCog, user_id: int) -> None:
        super().__init__(timeout=TIMEOUT)
        self.cog = cog
        self.user_id = user_id
        self.feeling: str | None = None
        self.offered: tuple[str, ...] = ()
        self.strategies: tuple[Strategy, ...] = ()  # what the answer offers, one at a time
        self.shown = 0
        self.someone_around = False
        self.logged = False
        self._show_feelings()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Only the member who ran /cope can use it (it is ephemeral, so this is a guard).

        Speaks the member's language first, so every step answers in it.
        """
        await speak_to(interaction)
        return interaction.user.id == self.user_id

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        """Answer the member through the one error path, like commands."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

    # --- steps ---------------------------------------------------------------------------------

    def _show_feelings(self) -> None:
        self.clear_items()
        select: discord.ui.Select[CopeView] = discord.ui.Select(
            custom_id="toolkit:feeling",
            placeholder=t(messages.FEELING_PLACEHOLDER),
            options=[
                discord.SelectOption(label=messages.feeling_label(f), value=f) for f in FEELINGS
            ],
        )
        select.callback = self._on_feeling  # type: ignore[method-assign]
        self.add_item(select)

    def _show_someone(self) -> None:
        self.clear_items()
        for value, label, style in (
            ("yes", t(messages.SOMEONE_YES), discord.ButtonStyle.primary),
            ("no", t(messages.SOMEONE_NO), discord.ButtonStyle.secondary),
        ):
            button: discord.ui.Button[CopeView] = discord.ui.Button(
                label=label, style=style, custom_id=f"toolkit:around:{value}"
            )
            button.callback = self._around_callback(value == "yes")  # type: ignore[method-assign]
            self.add_item(button)

    def _show_log(self) -> None:
        self.clear_items()
        if len(self.strategies) > 1:
            another: discord.ui.Button[CopeView] = discord.ui.Button(
                label=t(messages.ANOTHER_LABEL),
                style=discord.ButtonStyle.primary,
                custom_id="toolkit:another",
            )
            another.callback = self._on_another  # type: ignore[method-assign]
            self.add_item(another)
        button: discord.ui.Button[CopeView] = discord.ui.Button(
            label=t(messages.LOG_LABEL),
            style=discord.ButtonStyle.secondary,
            custom_id="toolkit:log",
            disabled=self.logged,
        )
        button.callback = self._on_log  # type: ignore[method-assign]
        self.add_item(button)

    # --- callbacks -----------------------------------------------------------------------------

    async def _on_feeling(self, interaction: discord.Interaction) -> None:
        data: Any = interaction.data or {}
        values = data.get("values") or []
        if not values or values[0] not in FEELINGS:
            await interaction.response.defer()
            return
        self.feeling = values[0]
        self._show_someone()
        await interaction.response.edit_message(
            content=messages.ask_someone_around(self.feeling), view=self
        )

    def _around_callback(self, someone_around: bool) -> Any:
        async def callback(interaction: discord.Interaction) -> None:
            if self.feeling is None:
                self._show_feelings()
                await interaction.response.edit_message(content=t(messages.COPE_START), view=self)
                return
            await self.cog.answer_cope(interaction, self, someone_around)

        return callback

    async def _on_another(self, interaction: discord.Interaction) -> None:
        """The next idea of the answer (round again after the last)."""
        if self.feeling is None or not self.strategies:
            await interaction.response.defer()
            return
        self.shown = (self.shown + 1) % len(self.strategies)
        await interaction.response.edit_message(
            content=self.cog.cope_text(self, self.feeling), view=self
        )

    async def _on_log(self, interaction: discord.Interaction) -> None:
        if self.logged or self.feeling is None:
            await interaction.response.send_message(t(messages.ALREADY_LOGGED), ephemeral=True)
            return
        await self.cog.log_cope(interaction, self)

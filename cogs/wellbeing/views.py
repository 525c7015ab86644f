"""The check-in DM's buttons and the forms they open.

Buttons are dynamic items (``wellbeing:open:<request id>:<form>``) so they work after a restart.
The form's inputs are ``<instrument>:<item index>``; scoring happens in the cog, which answers
an out-of-range number with the allowed range and saves nothing.
"""

from __future__ import annotations

from typing import Any

import discord

from cogs.wellbeing.instruments import Form, Instrument
from cogs.wellbeing.scoring import input_id


def _cog(interaction: discord.Interaction) -> Any:
    return interaction.client.get_cog("WellbeingCog")  # type: ignore[attr-defined]


class OpenFormButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"wellbeing:open:(?P<request_id>\d+):(?P<form>[a-z0-9_]+)",
):
    """ "Answer ..." under the weekly DM: opens one form."""

    def __init__(self, request_id: int, form: str, label: str = "Answer") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:80],
                style=discord.ButtonStyle.primary,
                custom_id=f"wellbeing:open:{request_id}:{form}",
            )
        )
        self.request_id = request_id
        self.form = form

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: Any
    ) -> OpenFormButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(int(match["request_id"]), match["form"], item.label or "Answer")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Ask the cog for the form (it checks the request is the clicker's)."""
        from cogs.utils.tree import answer_error

        try:
            await _cog(interaction).open_form(interaction, self.request_id, self.form)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


class CheckinModal(discord.ui.Modal):
    """One form: up to five numbered questions."""

    def __init__(self, request_id: int, form: Form, instruments: list[Instrument]) -> None:
        super().__init__(
            title=form.title, custom_id=f"wellbeing:form:{request_id}:{form.key}", timeout=None
        )
        self.request_id = request_id
        self.form_key = form.key
        self.inputs: list[discord.ui.TextInput] = []
        for instrument in instruments:
            for index in range(len(instrument.items)):
                field: discord.ui.TextInput = discord.ui.TextInput(
                    label=instrument.label(index),
                    custom_id=input_id(instrument, index),
                    placeholder=instrument.placeholder(),
                    min_length=1,
                    max_length=2,
                    required=True,
                )
                self.inputs.append(field)
                self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the typed answers to the cog to check, score and store."""
        from cogs.utils.tree import answer_error

        typed = {str(field.custom_id): field.value for field in self.inputs}
        try:
            await _cog(interaction).submit_form(interaction, self.request_id, self.form_key, typed)
        except Exception as error:
            await answer_error(interaction, error)


def checkin_view(request_id: int, forms: list[tuple[str, str]]) -> discord.ui.View:
    """One button per form: ``forms`` is (form key, button label)."""
    view = discord.ui.View(timeout=None)
    for key, label in forms:
        view.add_item(OpenFormButton(request_id, key, label))
    return view

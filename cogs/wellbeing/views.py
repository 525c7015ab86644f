"""The check-in DM's buttons and the forms they open.

Buttons are dynamic items (``wellbeing:open:<request id>:<form>``) so they work after a restart.
The form's inputs are ``<instrument>:<item index>``; scoring happens in the wellbeing service
(``bot.services.lanes.wellbeing``), which answers an out-of-range number with the allowed range
and saves nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord

from cogs.utils.replies import reply_privately
from cogs.wellbeing import messages
from cogs.wellbeing._crisis import open_crisis_cases
from cogs.wellbeing.instruments import Form, Instrument
from cogs.wellbeing.scoring import input_id

if TYPE_CHECKING:
    from bot import KindredBot
    from cogs.wellbeing.service import WellbeingService


def _bot(interaction: discord.Interaction) -> KindredBot:
    return cast("KindredBot", interaction.client)


def _lane(interaction: discord.Interaction) -> WellbeingService:
    return _bot(interaction).services.lanes.wellbeing


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
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> OpenFormButton:
        """Rebuild the button from its custom id (after a restart too)."""
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(int(match["request_id"]), match["form"], label or "Answer")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the form (the service checks the request is the clicker's)."""
        from cogs.utils.tree import answer_error

        try:
            shown = await _lane(interaction).form(self.request_id, interaction.user.id, self.form)
            await interaction.response.send_modal(
                CheckinModal(shown.request.id, shown.form, shown.instruments)
            )
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
        """Check, score and store the answers; then hand any self-harm answer to the crisis lane."""
        from cogs.utils.tree import answer_error

        typed = {str(field.custom_id): field.value for field in self.inputs}
        try:
            done = await _lane(interaction).submit(
                self.request_id, interaction.user.id, self.form_key, typed
            )
            await reply_privately(
                interaction, messages.saved(done.scores, done.read_as, bool(done.crisis))
            )
            await open_crisis_cases(_bot(interaction), done.crisis)
        except Exception as error:
            await answer_error(interaction, error)


def checkin_view(request_id: int, forms: list[tuple[str, str]]) -> discord.ui.View:
    """One button per form: ``forms`` is (form key, button label)."""
    view = discord.ui.View(timeout=None)
    for key, label in forms:
        view.add_item(OpenFormButton(request_id, key, label))
    return view

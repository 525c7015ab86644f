"""The Appeal button on a member's notice, the appeal modal, and the Got it button.

The buttons are dynamic items (``guidelines:appeal:<infraction id>``,
``guidelines:dismiss:<member id>``) so they keep working after a restart: discord.py matches
the custom id, not a view held in memory. Their labels are in the language being spoken when
the notice is made (the member's); their callbacks and the form speak to whoever presses.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import discord

from cogs.guidelines import messages
from cogs.guidelines._mod_actions import appeal_view as staff_appeal_view
from cogs.utils.delivery import staff_channel_by_id
from cogs.utils.i18n import t, tp
from cogs.utils.i18n_discord import SpeaksToMember, speak_to
from cogs.utils.types import kindred

log = logging.getLogger(__name__)


async def open_appeal(interaction: discord.Interaction, infraction_id: int) -> None:
    """The Appeal button: only the infraction's member, once (the lane checks)."""
    lane = kindred(interaction.client).services.lanes.guidelines
    infraction = await lane.appealable(interaction.user.id, infraction_id)
    await interaction.response.send_modal(AppealModal(infraction.id))


async def file_appeal(interaction: discord.Interaction, infraction_id: int, text: str) -> None:
    """Store the appeal; it shows in /mod queue (and a line in the staff channel)."""
    bot = kindred(interaction.client)
    appeal = await bot.services.lanes.guidelines.appeal(interaction.user.id, infraction_id, text)
    filed = t(messages.APPEAL_FILED, appeal_id=appeal.id)
    if interaction.guild_id is None and interaction.message is not None:
        # In the DM notice: say so in place and drop the button (one appeal each).
        body = f"{interaction.message.content}\n\n**{filed}**"[:2000]
        await interaction.response.edit_message(content=body, view=None)
    else:
        await interaction.response.send_message(filed, ephemeral=True)
    settings = await bot.services.guild_settings.get(appeal.guild_id)
    # By id when another process holds the server (the button was pressed in a DM).
    channel = staff_channel_by_id(bot, appeal.guild_id, settings.staff_channel_id)
    if channel is None:
        log.warning(
            "guidelines: appeal %s is in /mod queue, but server %s has no staff channel for "
            "the note",
            appeal.id,
            appeal.guild_id,
        )
        return
    note = messages.APPEAL_STAFF.format(
        appeal_id=appeal.id, user_id=appeal.user_id, infraction_id=appeal.infraction_id
    )
    # Grant / Uphold / History under the note: a moderator on a phone need not type codes.
    if not (await bot.messenger.post(channel, note, view=staff_appeal_view(appeal))).sent:
        log.warning("guidelines: could not post appeal %s to staff", appeal.id)


class AppealButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"guidelines:appeal:(?P<infraction_id>\d+)",
):
    """Appeal an infraction (only its member may)."""

    def __init__(self, infraction_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=tp("guidelines button", "Appeal"),
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
        """Open the appeal form, once the lane has checked it is the member's own infraction."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            await open_appeal(interaction, self.infraction_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def appeal_view(infraction_id: int) -> discord.ui.View:
    """The view holding one Appeal button."""
    view = discord.ui.View(timeout=None)
    view.add_item(AppealButton(infraction_id))
    return view


async def dismiss_note(interaction: discord.Interaction, user_id: int) -> None:
    """Got it: the member the in-channel note is for deletes it; anyone else is told so."""
    if interaction.user.id != user_id or interaction.message is None:
        await interaction.response.send_message(t(messages.DISMISS_NOT_YOURS), ephemeral=True)
        return
    await interaction.response.defer()
    with contextlib.suppress(discord.NotFound):  # already gone (its timer, or a moderator)
        await interaction.message.delete()


class DismissButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"guidelines:dismiss:(?P<user_id>\d+)",
):
    """Close an in-channel note once read (only the member it is addressed to may)."""

    def __init__(self, user_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=tp("guidelines button", "Got it"),
                style=discord.ButtonStyle.secondary,
                custom_id=f"guidelines:dismiss:{user_id}",
            )
        )
        self.user_id = user_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> DismissButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(int(match["user_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Delete the note if it is the member's own."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            await dismiss_note(interaction, self.user_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def note_view(user_id: int, infraction_id: int | None = None) -> discord.ui.View:
    """The buttons under an in-channel note: Appeal (for a hide) and Got it."""
    view = discord.ui.View(timeout=None)
    if infraction_id is not None:
        view.add_item(AppealButton(infraction_id))
    view.add_item(DismissButton(user_id))
    return view


class AppealModal(SpeaksToMember, discord.ui.Modal):
    """Asks the member why the infraction should be looked at again."""

    def __init__(self, infraction_id: int) -> None:
        super().__init__(
            title=t("Appeal infraction #{id}", id=infraction_id)[:45],
            custom_id=f"guidelines:appeal-form:{infraction_id}",
        )
        self.infraction_id = infraction_id
        self.text: discord.ui.TextInput[AppealModal] = discord.ui.TextInput(
            label=t("Why should a moderator look again?"),
            style=discord.TextStyle.paragraph,
            required=True,
            min_length=3,
            max_length=1000,
            placeholder=t("e.g. I was quoting what someone said to me, not saying it to anyone."),
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """File the appeal."""
        await file_appeal(interaction, self.infraction_id, self.text.value.strip())

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

"""The check-in DM's buttons, the screens answered by tapping, and the typed form.

"Answer ..." under the weekly DM opens the form's first screen (or where the member left off):
each question a select menu of the scale's labelled answers, kept server-side the moment it is
chosen, then Next and Send. "Type my answers instead" opens the same questions as a typed form
(for screen-reader users who prefer it), filled in with the answers kept so far.

Every component is a dynamic item (custom ids below) so a screen keeps working after it timed
out or Kindred restarted. Each callback speaks the member's language first (``speak_to``),
and labels are rendered in it. The question ids are ``<instrument>:<item index>``; scoring happens
in the wellbeing service (``bot.services.lanes.wellbeing``), which answers an out-of-range
number with the allowed range and saves nothing.

- ``wellbeing:open:<request>:<form>``: the DM's button, opens the screens
- ``wellbeing:tap:<request>:<form>:<instrument>:<item>``: one question's select
- ``wellbeing:go:<request>:<form>:<screen>``: Back and Next
- ``wellbeing:send:<request>:<form>``: Send (on the last screen)
- ``wellbeing:type:<request>:<form>``: the typed form instead
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord

from cogs.utils.i18n import t, tp
from cogs.utils.i18n_discord import SpeaksToMember, speak_to
from cogs.utils.replies import reply_privately
from cogs.wellbeing import messages
from cogs.wellbeing._crisis import open_crisis_cases
from cogs.wellbeing.instruments import Form, Instrument
from cogs.wellbeing.scoring import input_id
from cogs.wellbeing.tapping import option_label, question

if TYPE_CHECKING:
    from bot import KindredBot
    from cogs.wellbeing.service import TapScreen, WellbeingService

_IDS = r"(?P<request_id>\d+):(?P<form>[a-z0-9_]+)"


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
        """Show the form's screen where the member left off (the service checks the request is
        the clicker's)."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            at = await _lane(interaction).tap_screen(
                self.request_id, interaction.user.id, self.form
            )
            text, view = render_screen(at)
            await interaction.response.send_message(text, view=view, ephemeral=True)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def render_screen(at: TapScreen) -> tuple[str, discord.ui.View]:
    """A tapping screen's text and components: a select per question, then the buttons."""
    screen = at.screen
    text = messages.tap_screen(
        at.form.title, screen.instrument, screen.part, screen.parts, at.index, len(at.screens),
        at.note,
    )  # fmt: skip
    view = discord.ui.View(timeout=None)
    for row, index in enumerate(screen.items):
        view.add_item(
            AnswerSelect(at.request_id, at.form.key, screen.instrument, index, at.kept, row=row)
        )
    buttons = len(screen.items)
    if at.index > 0:
        back = tp("wellbeing button", "Back")
        view.add_item(
            GoButton(at.request_id, at.form.key, at.index - 1, back, forward=False, row=buttons)
        )
    if at.last:
        view.add_item(SendButton(at.request_id, at.form.key, row=buttons))
    else:
        forward = tp("wellbeing button", "Next")
        view.add_item(GoButton(at.request_id, at.form.key, at.index + 1, forward, row=buttons))
    view.add_item(TypeButton(at.request_id, at.form.key, row=buttons))
    return text, view


class AnswerSelect(
    discord.ui.DynamicItem[discord.ui.Select],
    template=r"wellbeing:tap:" + _IDS + r":(?P<instrument>[a-z0-9_]+):(?P<index>\d+)",
):
    """One question: its scale's answers, the kept one chosen. A choice is kept at once."""

    def __init__(
        self,
        request_id: int,
        form: str,
        instrument: Instrument | None,
        index: int,
        kept: dict[str, int] | None = None,
        *,
        row: int | None = None,
        key: str = "",
    ) -> None:
        key = instrument.key if instrument is not None else key
        chosen = (kept or {}).get(f"{key}:{index}")
        options = (
            [
                discord.SelectOption(
                    label=option_label(instrument, value), value=str(value), default=value == chosen
                )
                for value in range(instrument.min, instrument.max + 1)
            ]
            if instrument is not None
            else [discord.SelectOption(label="-", value="-")]
        )
        super().__init__(
            discord.ui.Select(
                custom_id=f"wellbeing:tap:{request_id}:{form}:{key}:{index}",
                placeholder=question(instrument, index) if instrument is not None else None,
                options=options,
                min_values=1,
                max_values=1,
                row=row,
            )
        )
        self.request_id, self.form, self.question = request_id, form, f"{key}:{index}"

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnswerSelect:
        """Rebuild the select from its custom id (the choice arrives in the interaction)."""
        return cls(
            int(match["request_id"]), match["form"], None, int(match["index"]),
            key=match["instrument"],
        )  # fmt: skip

    async def callback(self, interaction: discord.Interaction) -> None:
        """Keep the answer and redraw the screen with it chosen."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            values = self.item.values or [""]
            at = await _lane(interaction).tap(
                self.request_id, interaction.user.id, self.form, self.question, values[0]
            )
            text, view = render_screen(at)
            await interaction.response.edit_message(content=text, view=view)
        except Exception as error:
            await answer_error(interaction, error)


class GoButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"wellbeing:go:" + _IDS + r":(?P<index>\d+)",
):
    """Back or Next: another screen of the same form (answers already kept stay)."""

    def __init__(
        self,
        request_id: int,
        form: str,
        index: int,
        label: str = "Next",
        *,
        forward: bool = True,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.primary if forward else discord.ButtonStyle.secondary,
                custom_id=f"wellbeing:go:{request_id}:{form}:{index}",
                row=row,
            )
        )
        self.request_id, self.form, self.index = request_id, form, index

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> GoButton:
        """Rebuild the button from its custom id."""
        return cls(int(match["request_id"]), match["form"], int(match["index"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the other screen."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            at = await _lane(interaction).tap_screen(
                self.request_id, interaction.user.id, self.form, self.index
            )
            text, view = render_screen(at)
            await interaction.response.edit_message(content=text, view=view)
        except Exception as error:
            await answer_error(interaction, error)


class SendButton(discord.ui.DynamicItem[discord.ui.Button], template=r"wellbeing:send:" + _IDS):
    """Send: score and store the form; any self-harm answer goes to the crisis lane."""

    def __init__(self, request_id: int, form: str, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=t("Send my answers"),
                style=discord.ButtonStyle.success,
                custom_id=f"wellbeing:send:{request_id}:{form}",
                row=row,
            )
        )
        self.request_id, self.form = request_id, form

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SendButton:
        """Rebuild the button from its custom id."""
        return cls(int(match["request_id"]), match["form"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Store the answers and thank the member; a question left out shows its screen."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            sent = await _lane(interaction).send_tapped(
                self.request_id, interaction.user.id, self.form
            )
            if sent.saved is None:
                assert sent.screen is not None
                text, view = render_screen(sent.screen)
                await interaction.response.edit_message(content=text, view=view)
                return
            done = sent.saved
            await interaction.response.edit_message(
                content=messages.saved(done.scores, done.read_as, bool(done.crisis)), view=None
            )
            await open_crisis_cases(_bot(interaction), done.crisis)
        except Exception as error:
            await answer_error(interaction, error)


class TypeButton(discord.ui.DynamicItem[discord.ui.Button], template=r"wellbeing:type:" + _IDS):
    """The same questions as a typed form, filled in with the answers kept so far."""

    def __init__(self, request_id: int, form: str, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=t("Type my answers instead"),
                style=discord.ButtonStyle.secondary,
                custom_id=f"wellbeing:type:{request_id}:{form}",
                row=row,
            )
        )
        self.request_id, self.form = request_id, form

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> TypeButton:
        """Rebuild the button from its custom id."""
        return cls(int(match["request_id"]), match["form"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the typed form (the service checks the request is the clicker's)."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            lane = _lane(interaction)
            shown = await lane.form(self.request_id, interaction.user.id, self.form)
            kept = await lane.kept(self.request_id, interaction.user.id)
            await interaction.response.send_modal(
                CheckinModal(shown.request.id, shown.form, shown.instruments, kept)
            )
        except Exception as error:
            await answer_error(interaction, error)


class CheckinModal(SpeaksToMember, discord.ui.Modal):
    """One form: up to five numbered questions."""

    def __init__(
        self,
        request_id: int,
        form: Form,
        instruments: list[Instrument],
        kept: dict[str, int] | None = None,
    ) -> None:
        super().__init__(
            title=messages.form_title(form.title)[:45],
            custom_id=f"wellbeing:form:{request_id}:{form.key}",
            timeout=None,
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
                    default=_kept_text(kept, input_id(instrument, index)),
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


def _kept_text(kept: dict[str, int] | None, question_id: str) -> str | None:
    value = (kept or {}).get(question_id)
    return None if value is None else str(value)


TAP_ITEMS = (OpenFormButton, AnswerSelect, GoButton, SendButton, TypeButton)


def checkin_view(request_id: int, forms: list[tuple[str, str]]) -> discord.ui.View:
    """One button per form: ``forms`` is (form key, button label)."""
    view = discord.ui.View(timeout=None)
    for key, label in forms:
        view.add_item(OpenFormButton(request_id, key, label))
    return view

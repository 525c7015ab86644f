"""The report form (why, then an optional note) and the moderator's level choice (glue).

Both live only as long as their private (ephemeral) message: a view held in memory, with a
timeout. After a restart the member or moderator simply uses the menu again; nothing is filed
until the last tap, so nothing is lost or half-done.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord

from cogs.crisis import messages as crisis_messages
from cogs.reports import messages
from cogs.reports.policy import NOTE_CHARS, REASONS
from cogs.utils.checks import require
from cogs.utils.types import kindred

TIMEOUT = 600  # seconds: long enough to think, short enough that a stale form goes away


@dataclass(frozen=True)
class Target:
    """The reported message, as plain values (read once, when the menu was used)."""

    guild_id: int
    channel_id: int
    message_id: int
    author_id: int
    author_is_bot: bool
    text: str

    @classmethod
    def of(cls, message: discord.Message, guild_id: int) -> Target:
        """The values of ``message`` that a report keeps."""
        return cls(
            guild_id=guild_id,
            channel_id=message.channel.id,
            message_id=message.id,
            author_id=message.author.id,
            author_is_bot=message.author.bot,
            text=message.content or "",
        )


FileReport = Callable[[discord.Interaction, Target, str, str | None], Awaitable[None]]


class _Answering:
    """Errors in a button or form go through the one error path, like commands."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, *_: Any) -> None:
        """Answer through ``answer_error`` (user-facing text, or a calm incident id)."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


class ReasonView(_Answering, discord.ui.View):
    """Why the member is reporting: one button per reason; each opens the optional note."""

    def __init__(self, reporter_id: int, target: Target, file: FileReport) -> None:
        super().__init__(timeout=TIMEOUT)
        self.reporter_id = reporter_id
        self.target = target
        self.file = file
        for reason in REASONS:
            button: discord.ui.Button[ReasonView] = discord.ui.Button(
                label=messages.REASON_BUTTON[reason],
                style=discord.ButtonStyle.secondary,
                custom_id=f"reports:why:{reason}",
            )
            button.callback = self._opener(reason)  # type: ignore[method-assign]
            self.add_item(button)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Only the reporter (the message is private to them; this is a guard)."""
        return interaction.user.id == self.reporter_id

    def _opener(self, reason: str) -> Any:
        async def open_note(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(NoteModal(self, reason))

        return open_note


class NoteModal(_Answering, discord.ui.Modal):
    """The optional note; submitting it files the report."""

    def __init__(self, view: ReasonView, reason: str) -> None:
        super().__init__(title="Report message", custom_id=f"reports:note:{reason}")
        self.reason_view = view
        self.reason = reason
        self.note: discord.ui.TextInput[NoteModal] = discord.ui.TextInput(
            label=messages.NOTE_LABEL,
            custom_id="note",
            placeholder=messages.NOTE_PLACEHOLDER,
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=NOTE_CHARS,
        )
        self.add_item(self.note)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """File the report (the cog checks, calls the lane and confirms privately)."""
        view = self.reason_view
        await view.file(interaction, view.target, self.reason, self.note.value or None)
        view.stop()


LEVELS = {"concern": discord.ButtonStyle.primary, "urgent": discord.ButtonStyle.danger}


class LevelView(_Answering, discord.ui.View):
    """A moderator opens a crisis case from a message: the level is the second and last tap."""

    def __init__(self, moderator_id: int, target: Target) -> None:
        super().__init__(timeout=TIMEOUT)
        self.moderator_id = moderator_id
        self.target = target
        for level, style in LEVELS.items():
            button: discord.ui.Button[LevelView] = discord.ui.Button(
                label=level.capitalize(), style=style, custom_id=f"reports:case:{level}"
            )
            button.callback = self._opener(level)  # type: ignore[method-assign]
            self.add_item(button)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Only the moderator who used the menu (the message is private; this is a guard)."""
        return interaction.user.id == self.moderator_id

    def _opener(self, level: str) -> Any:
        async def open_case(interaction: discord.Interaction) -> None:
            await self.open_case(interaction, level)

        return open_case

    async def open_case(self, interaction: discord.Interaction, level: str) -> None:
        """Check the moderator again (roles can change), open the case, show its reference."""
        bot = kindred(interaction.client)
        guild = interaction.guild
        if guild is None or not isinstance(interaction.user, discord.Member):
            raise RuntimeError("the level buttons are only sent inside a server")
        require(interaction.user, await bot.services.guild_settings.get(guild.id), "moderator")
        await interaction.response.defer()
        target = self.target
        crisis = bot.services.lanes.crisis
        case = await crisis.open_and_respond(
            guild_id=target.guild_id,
            user_id=target.author_id,
            channel_id=target.channel_id,
            message_id=target.message_id,
            source="manual",
            level=level,
            rules=(),
            reason="Opened by a moderator from the member's message.",
            excerpt=crisis_messages.excerpt(target.text) if target.text else None,
            actor_id=interaction.user.id,
        )
        if case is None:
            existing = await crisis.cases.for_message(target.message_id)
            label = existing.label if existing else "?"
            text = crisis_messages.ALREADY_OPEN_FOR_MESSAGE.format(case_id=label)
        else:
            text = crisis_messages.OPENED_MANUALLY.format(
                case_id=case.label, member=f"<@{target.author_id}>"
            )
        self.stop()
        await interaction.edit_original_response(content=text, view=None)

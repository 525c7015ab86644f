"""The report form (why, then an optional note) and the moderator's level choice (glue).

The buttons are dynamic items whose custom id carries the message's ids
(``reports:why:<reason>:<channel>:<message>:<author>``, ``reports:case:<level>:…``), so a tap
still works after a restart or however long the member took to decide: nothing is held in
memory, and nothing is filed until the last tap. The message's text is read again from Discord
when the report is filed; if Discord no longer has it (deleted), the report goes through
without an excerpt rather than not at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import discord

from cogs.crisis import messages as crisis_messages
from cogs.reports import messages
from cogs.reports.policy import NOTE_CHARS, REASONS
from cogs.utils.checks import is_coordinator, is_moderator, require
from cogs.utils.delivery import tell_staff
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import t, tp
from cogs.utils.i18n_discord import SpeaksToMember, speak_to
from cogs.utils.types import kindred
from db.models.reports import MessageReport

log = logging.getLogger(__name__)

_IDS = r"(?P<channel>\d+):(?P<message>\d+):(?P<author>\d+)"


@dataclass(frozen=True)
class Ref:
    """Which message, by ids (what a button's custom id can carry)."""

    channel_id: int
    message_id: int
    author_id: int

    @classmethod
    def of(cls, message: discord.Message) -> Ref:
        """The ids of ``message``."""
        return cls(message.channel.id, message.id, message.author.id)

    @classmethod
    def parse(cls, match: re.Match[str]) -> Ref:
        """The ids from a custom id matched by a template using ``_IDS``."""
        return cls(int(match["channel"]), int(match["message"]), int(match["author"]))

    @property
    def ids(self) -> str:
        """``channel:message:author``, for a custom id."""
        return f"{self.channel_id}:{self.message_id}:{self.author_id}"


@dataclass(frozen=True)
class Target:
    """The reported message as plain values, read from Discord when it is acted on."""

    ref: Ref
    text: str
    author_is_bot: bool


async def read_target(interaction: discord.Interaction, ref: Ref) -> Target:
    """The message's text and whether a bot wrote it; its text is empty when Discord no
    longer has it (the report or case goes ahead all the same)."""
    guild = interaction.guild
    if guild is None:
        raise UserFacingError(t(messages.NOT_HERE))
    me = interaction.client.user
    author = guild.get_member(ref.author_id)
    is_bot = (me is not None and ref.author_id == me.id) or (author is not None and author.bot)
    channel = guild.get_channel_or_thread(ref.channel_id)
    if isinstance(channel, discord.abc.Messageable):
        try:
            message = await channel.fetch_message(ref.message_id)
        except discord.HTTPException as error:
            log.info("message %s could not be read again: %s", ref.message_id, error.status)
        else:
            return Target(ref, message.content or "", message.author.bot)
    return Target(ref, "", is_bot)


class _Answering:
    """Errors in a button or form go through the one error path, like commands."""

    async def answer(self, interaction: discord.Interaction, error: Exception) -> None:
        """Answer through ``answer_error`` (user-facing text, or a calm incident id)."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


# --- Report message -------------------------------------------------------------------------


class ReasonButton(
    _Answering,
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"reports:why:(?P<reason>worried|unkind|private):{_IDS}",
):
    """One reason to report; opens the optional note."""

    def __init__(self, reason: str, ref: Ref) -> None:
        super().__init__(
            discord.ui.Button(
                label=t(messages.REASON_BUTTON[reason]),
                style=discord.ButtonStyle.secondary,
                custom_id=f"reports:why:{reason}:{ref.ids}",
            )
        )
        self.reason = reason
        self.ref = ref

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReasonButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["reason"], Ref.parse(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the note form."""
        try:
            await speak_to(interaction)
            await interaction.response.send_modal(NoteModal(self.reason, self.ref))
        except Exception as error:  # buttons have no command tree: answer here
            await self.answer(interaction, error)


def reason_view(ref: Ref) -> discord.ui.View:
    """The three reasons, one button each."""
    view = discord.ui.View(timeout=None)
    for reason in REASONS:
        view.add_item(ReasonButton(reason, ref))
    return view


class NoteModal(SpeaksToMember, discord.ui.Modal):
    """The optional note; submitting it files the report."""

    def __init__(self, reason: str, ref: Ref) -> None:
        super().__init__(title=tp("reports", "Report message"), custom_id=f"reports:note:{reason}")
        self.reason = reason
        self.ref = ref
        self.note: discord.ui.TextInput[NoteModal] = discord.ui.TextInput(
            label=t(messages.NOTE_LABEL),
            custom_id="note",
            placeholder=t(messages.NOTE_PLACEHOLDER),
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=NOTE_CHARS,
        )
        self.add_item(self.note)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """File the report and thank the member privately."""
        await file_report(interaction, self.ref, self.reason, self.note.value or None)

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


async def file_report(
    interaction: discord.Interaction, ref: Ref, reason: str, note: str | None
) -> None:
    """Read the message again, file the report through the lane, tell the coordinators when
    it is theirs, and thank the reporter privately."""
    guild = interaction.guild
    if guild is None:
        raise UserFacingError(t(messages.NOT_HERE))
    bot = kindred(interaction.client)
    await interaction.response.defer(ephemeral=True, thinking=True)
    target = await read_target(interaction, ref)
    settings = await bot.services.guild_settings.get(guild.id)
    author = guild.get_member(ref.author_id)
    is_staff = author is not None and (
        is_moderator(author, settings) or is_coordinator(author, settings)
    )
    filed = await bot.services.lanes.reports.file(
        guild_id=guild.id,
        reporter_id=interaction.user.id,
        author_id=ref.author_id,
        channel_id=ref.channel_id,
        message_id=ref.message_id,
        text=target.text,
        reason=reason,
        note=note,
        target_is_bot=target.author_is_bot,
        target_is_staff=is_staff,
    )
    if not filed.new:
        text = messages.already_reported(filed.report)
    else:
        if filed.report.route == "coordinators":
            await tell_coordinators(interaction.client, guild, filed.report, target.author_is_bot)
        text = messages.thanks(filed.report.route, target_is_bot=target.author_is_bot)
    await interaction.followup.send(text, ephemeral=True)


async def tell_coordinators(
    client: discord.Client, guild: discord.Guild, report: MessageReport, target_is_bot: bool
) -> None:
    """DM each coordinator (never the reported person); else a note in the staff channel that
    pings nobody and says it is for the coordinators."""
    bot = kindred(client)
    settings = await bot.services.guild_settings.get(guild.id)
    text = messages.coordinator_note(report, target_is_bot=target_is_bot)
    role = guild.get_role(settings.coordinator_role_id or 0)
    people = [m for m in (role.members if role else []) if not m.bot and m.id != report.author_id]
    reached = 0
    for person in people:
        if (await bot.messenger.dm(person, text)).sent:
            reached += 1
    if reached:
        return
    if not await tell_staff(client, bot.services.guild_settings, guild, text):
        log.error("report %s: no coordinator and no staff channel could be told", report.id)


# --- Open crisis case (the crisis lane's message menu) ----------------------------------------

LEVELS = {"concern": discord.ButtonStyle.primary, "urgent": discord.ButtonStyle.danger}


class LevelButton(
    _Answering,
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"reports:case:(?P<level>concern|urgent):{_IDS}",
):
    """Concern or Urgent: the second and last tap of opening a case from a message."""

    def __init__(self, level: str, ref: Ref) -> None:
        super().__init__(
            discord.ui.Button(
                label=level.capitalize(),
                style=LEVELS[level],
                custom_id=f"reports:case:{level}:{ref.ids}",
            )
        )
        self.level = level
        self.ref = ref

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> LevelButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["level"], Ref.parse(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the case at this level."""
        try:
            await open_case(interaction, self.ref, self.level)
        except Exception as error:  # buttons have no command tree: answer here
            await self.answer(interaction, error)


def level_view(ref: Ref) -> discord.ui.View:
    """Concern and Urgent."""
    view = discord.ui.View(timeout=None)
    for level in LEVELS:
        view.add_item(LevelButton(level, ref))
    return view


async def open_case(interaction: discord.Interaction, ref: Ref, level: str) -> None:
    """Check the moderator again (roles change), open the case, show its reference in place."""
    bot = kindred(interaction.client)
    guild = interaction.guild
    if guild is None or not isinstance(interaction.user, discord.Member):
        raise UserFacingError("Crisis cases are handled inside the server.")
    require(interaction.user, await bot.services.guild_settings.get(guild.id), "moderator")
    await interaction.response.defer()
    target = await read_target(interaction, ref)
    opened = await bot.services.lanes.reports.case_from_message(
        guild_id=guild.id,
        author_id=ref.author_id,
        channel_id=ref.channel_id,
        message_id=ref.message_id,
        excerpt=target.text or None,
        level=level,
        rules=(),
        reason=messages.MODERATOR_CASE_REASON,
        actor_id=interaction.user.id,
        joined_as="asked_again",
    )
    if opened.joined:
        text = messages.CASE_JOINED.format(case_id=opened.case.label)
    else:
        text = crisis_messages.OPENED_MANUALLY.format(
            case_id=opened.case.label, member=f"<@{ref.author_id}>"
        )
    await interaction.edit_original_response(content=text, view=None)

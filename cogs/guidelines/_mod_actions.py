"""Moderator actions by tap, for moderators on phones: buttons on /mod queue items and staff
notes, and the forms they open (glue).

The typed commands (``/mod resolve item:A3``, ``/mod pardon``, ``/mod history``) keep working
and share the same functions here, so a tap and a typed command do exactly the same thing.
Buttons are dynamic items (``guidelines:<action>:<id>``) so they keep working after a restart.
Buttons and forms have no command checks: each one checks the moderator role itself
(``require``), as ``/mod`` does.

- ``guidelines:resolve:A3`` / ``guidelines:resolve:R12``: close an appeal (upheld) or mark a
  report reviewed, with a reason (a form);
- ``guidelines:pardon:<infraction id>``: grant an appeal / take back an infraction (a form);
- ``guidelines:history:<member id>``: the member's moderation record;
- the user context menus "Warn" and "Time out" (forms for the reason, and how long).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from cogs.guidelines import messages
from cogs.utils.checks import require
from cogs.utils.delivery import messenger_of
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import speaking
from cogs.utils.types import kindred
from db.models.guidelines import Appeal, ReportedHit
from db.models.reports import MessageReport

# Discord allows five rows of buttons under a message: one row per queue item.
MAX_ITEM_ROWS = 5


async def check_moderator(interaction: discord.Interaction) -> discord.Guild:
    """The server, once the person tapping holds the moderator (or coordinator) role."""
    guild = interaction.guild
    if guild is None or not isinstance(interaction.user, discord.Member):
        raise UserFacingError("Moderation is done inside the server.")
    settings = await kindred(interaction.client).services.guild_settings.get(guild.id)
    require(interaction.user, settings, "moderator")
    return guild


async def _tell(client: discord.Client, member: discord.abc.User, text: str) -> str:
    """DM a member, best effort: ``dm``, ``closed`` or ``failed``."""
    sent = await messenger_of(kindred(client)).dm(member, text)
    return "dm" if sent.sent else sent.status


async def _language_of(client: discord.Client, guild_id: int, user_id: int) -> str:
    """The member's language for a DM about them (a moderator's own language may differ)."""
    return await kindred(client).services.lanes.members.language_of(guild_id, user_id)


async def resolve_item(interaction: discord.Interaction, item: str, reason: str) -> None:
    """Close a queue item: a report is marked reviewed; an appeal is upheld (member told)."""
    guild = interaction.guild
    assert guild is not None
    lane = kindred(interaction.client).services.lanes.guidelines
    resolved = await lane.resolve(guild.id, interaction.user.id, item, reason)
    appeal = resolved.appeal
    if appeal is None:
        prefix = "M" if resolved.kind == "member_report" else "R"
        await interaction.response.send_message(
            f"Marked {prefix}{resolved.item_id} reviewed.", ephemeral=True
        )
        return
    member = guild.get_member(appeal.user_id) if appeal.user_id else None
    how = "closed"
    if member is not None:
        with speaking(await _language_of(interaction.client, guild.id, member.id)):
            notice = messages.appeal_decided_notice(guild.name, appeal)
        how = await _tell(interaction.client, member, notice)
    told = "they were told by DM" if how == "dm" else "they could not be told by DM"
    await interaction.response.send_message(
        f"Appeal A{appeal.id} closed: infraction #{appeal.infraction_id} stands; {told}.",
        ephemeral=True,
    )


async def pardon_infraction(interaction: discord.Interaction, infraction: int, reason: str) -> None:
    """Take back an infraction: its points stop counting and any appeal is granted."""
    guild = interaction.guild
    assert guild is not None
    lane = kindred(interaction.client).services.lanes.guidelines
    pardoned = await lane.pardon(guild.id, interaction.user.id, infraction, reason)
    record = pardoned.infraction
    told = "not told (they are no longer here)"
    member = guild.get_member(record.user_id) if record.user_id else None
    if member is not None and record.kind != "note":
        with speaking(await _language_of(interaction.client, guild.id, member.id)):
            notice = messages.pardon_notice(guild.name, record, pardoned.reason)
        how = await _tell(interaction.client, member, notice)
        told = "told by DM" if how == "dm" else "not told (their DMs are closed)"
    elif record.kind == "note":
        told = "not told (it was a private note)"
    await interaction.response.send_message(
        f"Pardoned infraction #{record.id} for <@{record.user_id}>; they were {told}.",
        ephemeral=True,
    )


async def send_history(interaction: discord.Interaction, user_id: int) -> None:
    """A member's moderation record, privately."""
    assert interaction.guild is not None
    bot = kindred(interaction.client)
    record = await bot.services.lanes.guidelines.history(interaction.guild.id, user_id)
    text = messages.history(
        user_id,
        record.infractions,
        record.hidden,
        record.active_points,
        bot.services.clock.now(),
        record.opted_out,
    )
    await interaction.response.send_message(
        text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
    )


# --- the buttons ---------------------------------------------------------------------------------

ACTIONS: dict[str, tuple[str, discord.ButtonStyle]] = {
    "resolve": ("Resolve", discord.ButtonStyle.secondary),
    "pardon": ("Grant: pardon", discord.ButtonStyle.success),
    "history": ("History", discord.ButtonStyle.secondary),
}


class ModButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"guidelines:(?P<action>resolve|pardon|history):(?P<target>[AMR]?\d+)",
):
    """One moderator action on a queue item or staff note (moderators only)."""

    def __init__(self, action: str, target: str, label: str | None = None) -> None:
        default, style = ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=label or default, style=style, custom_id=f"guidelines:{action}:{target}"
            )
        )
        self.action = action
        self.target = target

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ModButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["action"], match["target"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Check the role, then show the record or open the reason form."""
        from cogs.utils.tree import answer_error

        try:
            await check_moderator(interaction)
            if self.action == "history":
                await send_history(interaction, int(self.target))
            elif self.action == "pardon":
                await interaction.response.send_modal(
                    ReasonForm(f"Pardon infraction #{self.target}", pardon_by_id(self.target))
                )
            else:
                await interaction.response.send_modal(
                    ReasonForm(f"Resolve {self.target}", resolve_by_id(self.target))
                )
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


Submit = Callable[[discord.Interaction, str], Awaitable[None]]


def pardon_by_id(target: str) -> Submit:
    """What the pardon form does with its reason."""

    async def submit(interaction: discord.Interaction, reason: str) -> None:
        await pardon_infraction(interaction, int(target), reason)

    return submit


def resolve_by_id(target: str) -> Submit:
    """What the resolve form does with its reason."""

    async def submit(interaction: discord.Interaction, reason: str) -> None:
        await resolve_item(interaction, target, reason)

    return submit


class ReasonForm(discord.ui.Modal):
    """Asks the moderator why (a pardon's or an appeal's member is told), then acts."""

    def __init__(self, title: str, submit: Submit, *, label: str | None = None) -> None:
        super().__init__(title=title[:45])
        self.submit = submit
        self.reason: discord.ui.TextInput[ReasonForm] = discord.ui.TextInput(
            label=label or "What you decided and why",
            style=discord.TextStyle.paragraph,
            required=True,
            min_length=3,
            max_length=500,
            placeholder="The member may be told this, so write it kindly.",
        )
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Check the role again (a form can outlive a role change), then act."""
        await check_moderator(interaction)
        await self.submit(interaction, self.reason.value.strip())

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


def queue_view(
    appeals: Sequence[Appeal],
    reports: Sequence[ReportedHit],
    member_reports: Sequence[MessageReport] = (),
) -> discord.ui.View | None:
    """One row of buttons per queue item (members' reports, then appeals, then report-only
    hits, as the queue lists them), for the first five items."""
    view = discord.ui.View(timeout=None)
    rows = 0
    for member_report in member_reports:
        if rows == MAX_ITEM_ROWS:
            break
        buttons = [ModButton("resolve", f"M{member_report.id}", f"Reviewed M{member_report.id}")]
        if member_report.author_id:
            buttons.append(ModButton("history", str(member_report.author_id)))
        _add_row(view, rows, buttons)
        rows += 1
    for appeal in appeals:
        if rows == MAX_ITEM_ROWS:
            break
        buttons = [
            ModButton("pardon", str(appeal.infraction_id), f"Grant A{appeal.id}"),
            ModButton("resolve", f"A{appeal.id}", f"Uphold A{appeal.id}"),
        ]
        if appeal.user_id:
            buttons.append(ModButton("history", str(appeal.user_id)))
        _add_row(view, rows, buttons)
        rows += 1
    for report in reports:
        if rows == MAX_ITEM_ROWS:
            break
        buttons = [ModButton("resolve", f"R{report.id}", f"Reviewed R{report.id}")]
        if report.user_id:
            buttons.append(ModButton("history", str(report.user_id)))
        _add_row(view, rows, buttons)
        rows += 1
    return view if rows else None


def appeal_view(appeal: Appeal) -> discord.ui.View:
    """The buttons on the staff channel's note about a new appeal."""
    view = discord.ui.View(timeout=None)
    buttons = [
        ModButton("pardon", str(appeal.infraction_id), f"Grant A{appeal.id}"),
        ModButton("resolve", f"A{appeal.id}", f"Uphold A{appeal.id}"),
    ]
    if appeal.user_id:
        buttons.append(ModButton("history", str(appeal.user_id)))
    _add_row(view, 0, buttons)
    return view


def history_view(user_id: int) -> discord.ui.View:
    """One History button (the staff channel's review note)."""
    view = discord.ui.View(timeout=None)
    view.add_item(ModButton("history", str(user_id)))
    return view


def _add_row(view: discord.ui.View, row: int, buttons: Sequence[ModButton]) -> None:
    for button in buttons:
        button.row = row
        view.add_item(button)


# --- the Warn context menu -------------------------------------------------------------------------

WarnHandler = Callable[[discord.Interaction, discord.Member, str], Awaitable[None]]


class WarnForm(ReasonForm):
    """The "Warn" context menu's form: the reason the member is told."""

    def __init__(self, member: discord.Member, handler: WarnHandler) -> None:
        async def submit(interaction: discord.Interaction, reason: str) -> None:
            await handler(interaction, member, reason)

        super().__init__(
            f"Warn {member.display_name}",
            submit,
            label="Why (the member sees this)",
        )


# --- the Time out context menu -----------------------------------------------------------------

MAX_MINUTES = 40320  # Discord's longest timeout: 28 days
TimeoutHandler = Callable[[discord.Interaction, discord.Member, int, str], Awaitable[None]]


def parse_minutes(text: str) -> int:
    """The form's minutes as a whole number from 1 to 28 days; a kind refusal otherwise."""
    try:
        minutes = int(text.strip())
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= MAX_MINUTES:
        raise UserFacingError(
            f"How long: a whole number of minutes from 1 to {MAX_MINUTES} (28 days), e.g. 60. "
            "Nothing was done."
        )
    return minutes


class TimeoutForm(discord.ui.Modal):
    """The "Time out" context menu's form: how long, and the reason the member is told."""

    def __init__(self, member: discord.Member, handler: TimeoutHandler) -> None:
        super().__init__(title=f"Time out {member.display_name}"[:45])
        self.member = member
        self.handler = handler
        self.minutes: discord.ui.TextInput[TimeoutForm] = discord.ui.TextInput(
            label="How long, in minutes (1 to 40320)", default="60", max_length=5
        )
        self.reason: discord.ui.TextInput[TimeoutForm] = discord.ui.TextInput(
            label="Why (the member sees this)",
            style=discord.TextStyle.paragraph,
            min_length=3,
            max_length=500,
            placeholder="The member is told this, so write it kindly.",
        )
        self.add_item(self.minutes)
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Check the role and the minutes, then time out as /mod timeout does."""
        await check_moderator(interaction)
        minutes = parse_minutes(self.minutes.value)
        await self.handler(interaction, self.member, minutes, self.reason.value.strip())

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

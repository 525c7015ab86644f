"""The staff alert: its embed, its buttons and the reason modal (glue).

Buttons are dynamic items (``crisis:<action>:<case id>``) so they keep working after a restart:
discord.py matches the custom id, not a view held in memory. A click reaches the lane through
``bot.services.lanes.crisis``; the lane decides, this module only renders and replies.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord

from cogs.crisis import messages
from cogs.utils.checks import require
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import t
from cogs.utils.i18n_discord import speak_to
from db.models import CrisisCase

if TYPE_CHECKING:
    from bot import KindredBot
    from cogs.crisis.service import CrisisService

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
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> CaseButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["action"], int(match["case_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Claim, or ask why the case is closed; only a moderator may."""
        from cogs.utils.tree import answer_error

        try:
            await handle_button(interaction, self.action, self.case_id)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


class MoreHelpButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"crisis:more:(?P<guild_id>\d+)",
):
    """ "More ways to get help" under a member's crisis message or /cope's helplines.

    The first screen is kept short; this shows every line for the member's country, with
    languages and the international directory, exactly as ``/resources`` does. Anyone who
    can see the button may press it: it only shows public helplines, to them alone.
    """

    def __init__(self, guild_id: int | None) -> None:
        super().__init__(
            discord.ui.Button(
                label=t(messages.MORE_HELP_LABEL),  # in the language being spoken as it is sent
                style=discord.ButtonStyle.primary,
                custom_id=f"crisis:more:{guild_id or 0}",
            )
        )
        self.guild_id = guild_id or None

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> MoreHelpButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(int(match["guild_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the full list privately (in a DM, as a new message under the first)."""
        from cogs.utils.tree import answer_error

        try:
            language = await speak_to(interaction)
            lines, emergency, country = await lane(interaction).helplines_for(
                interaction.user.id, self.guild_id, None, remember=False
            )
            text = messages.resources_message(lines, emergency, country, language)
            await interaction.response.send_message(
                text, ephemeral=interaction.guild_id is not None
            )
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def more_help_view(guild_id: int | None) -> discord.ui.View:
    """The view holding the one "More ways to get help" button."""
    view = discord.ui.View(timeout=None)
    view.add_item(MoreHelpButton(guild_id))
    return view


def lane(interaction: discord.Interaction) -> CrisisService:
    """The crisis lane of the bot that got the interaction."""
    return cast("KindredBot", interaction.client).services.lanes.crisis


async def checked_case(
    interaction: discord.Interaction, case_id: int | None = None, ref: str | None = None
) -> CrisisCase:
    """The case a moderator acts on (by row id or reference), once they are a moderator."""
    guild = interaction.guild
    if guild is None or not isinstance(interaction.user, discord.Member):
        raise UserFacingError("Crisis cases are handled inside the server.")
    bot = cast("KindredBot", interaction.client)
    require(interaction.user, await bot.services.guild_settings.get(guild.id), "moderator")
    return await bot.services.lanes.crisis.case_for(guild.id, case_id=case_id, ref=ref)


async def handle_button(interaction: discord.Interaction, action: str, case_id: int) -> None:
    """Claim, Resolve or False alarm on a staff alert."""
    case = await checked_case(interaction, case_id)
    crisis = lane(interaction)
    if action == "claim":
        claimed = await crisis.claim(case, interaction.user.id, refresh=False)
        await interaction.response.edit_message(
            embed=alert_embed(claimed, await crisis.group_text(claimed)),
            view=alert_view(claimed.id, claimed.status),
        )
        await interaction.followup.send(
            messages.CLAIMED.format(case_id=claimed.label), ephemeral=True
        )
        return
    if case.status not in ("open", "claimed"):
        raise UserFacingError(messages.already_taken(case))
    await interaction.response.send_modal(ReasonModal(case.id, action, case.label))


def alert_embed(case: CrisisCase, group: str | None) -> discord.Embed:
    """The alert's embed: who, why, the excerpt, how the member was reached, the status."""
    embed = discord.Embed(
        title=messages.LEVEL_TITLE[case.level], colour=messages.LEVEL_COLOUR[case.level]
    )
    for name, value in messages.alert_fields(case, messages.jump_url(case), group):
        embed.add_field(name=name, value=value[:1024], inline=name in ("Member", "Group"))
    embed.set_footer(text=messages.alert_footer(case))
    embed.timestamp = case.created_at
    return embed


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
        """Close the case with the reason given; the alert shows it."""
        case = await checked_case(interaction, self.case_id)
        closed = await lane(interaction).close(
            case, self.action, interaction.user.id, self.reason.value.strip()
        )
        text = messages.RESOLVED if closed.status == "resolved" else messages.FALSE_ALARM
        await interaction.response.send_message(text.format(case_id=closed.label), ephemeral=True)

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

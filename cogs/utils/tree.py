"""The one command-tree error handler: every user gets an answer, privately."""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from cogs.utils.checks import NotAllowed
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n_discord import speak_to
from cogs.utils.replies import reply_privately

log = logging.getLogger(__name__)

GENERIC = (
    "Sorry, something went wrong on our side and this didn't finish. Nothing you wrote was "
    "lost. Please try again in a minute; if it keeps happening, tell a moderator and "
    "mention incident `{incident}`."
)
NO_PERMISSION = "You don't have permission to use this command here."
COOLDOWN = "Please wait {seconds:.0f} seconds before using this again."
BOT_MISSING = (
    "I don't have the permissions I need for this ({perms}). Ask someone with Manage Server "
    "to give the Kindred role those permissions, then try again."
)
NO_DMS = "This command works only inside a server, not in direct messages."


def new_incident_id() -> str:
    """A short id a user can quote and an admin can find in the log."""
    return secrets.token_hex(4)


def message_for(error: Exception) -> tuple[str, str | None]:
    """The text to show for ``error``, and an incident id when it was unexpected."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, UserFacingError):
        return original.message, None
    if isinstance(original, NotAllowed):
        return original.message, None
    if isinstance(original, app_commands.NoPrivateMessage):
        return NO_DMS, None
    if isinstance(original, app_commands.CommandOnCooldown):
        return COOLDOWN.format(seconds=original.retry_after), None
    if isinstance(original, app_commands.BotMissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in original.missing_permissions)
        return BOT_MISSING.format(perms=perms), None
    if isinstance(original, app_commands.MissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in original.missing_permissions)
        return f"You need the {perms} permission to use this command.", None
    if isinstance(original, app_commands.TransformerError):
        return f"I couldn't understand `{original.value}`. Please check it and try again.", None
    if isinstance(original, app_commands.CheckFailure):
        return NO_PERMISSION, None
    incident = new_incident_id()
    return GENERIC.format(incident=incident), incident


async def answer_error(interaction: discord.Interaction, error: Exception) -> None:
    """Reply to ``interaction`` with the right copy for ``error``; log unexpected ones."""
    text, incident = message_for(error)
    if incident is not None:
        original = getattr(error, "original", error)
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error(
            "incident %s in %s (guild %s, user %s)",
            incident,
            command,
            interaction.guild_id,
            interaction.user.id,
            exc_info=(type(original), original, original.__traceback__),
        )
    try:
        await reply_privately(interaction, text)
    except discord.HTTPException:
        log.exception("could not deliver the error reply for interaction %s", interaction.id)


class KindredTree(app_commands.CommandTree):
    """The bot's command tree with the single error handler; it speaks each member's language."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Before every slash command: speak the member's language for the whole handler."""
        await speak_to(interaction)
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Answer every failed command privately; unexpected errors get an incident id."""
        await answer_error(interaction, error)

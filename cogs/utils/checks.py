"""Runtime role checks that explain themselves.

Commands also carry ``default_permissions`` so Discord hides them from most members, but a
server admin can override that in Server Settings > Integrations, so the bot checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from db.models import GuildSettings

T = TypeVar("T")


class NotAllowed(app_commands.CheckFailure):
    """A runtime permission check failed; the message says who may do this."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def is_coordinator(member: discord.Member, settings: GuildSettings) -> bool:
    """Coordinators: the coordinator role, or anyone who can manage the server."""
    if member.guild_permissions.manage_guild or member.guild_permissions.administrator:
        return True
    return settings.coordinator_role_id is not None and any(
        r.id == settings.coordinator_role_id for r in member.roles
    )


def is_moderator(member: discord.Member, settings: GuildSettings) -> bool:
    """Moderators: the moderator role, or any coordinator."""
    if is_coordinator(member, settings):
        return True
    return settings.moderator_role_id is not None and any(
        r.id == settings.moderator_role_id for r in member.roles
    )


async def _settings_for(interaction: discord.Interaction) -> GuildSettings:
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        raise app_commands.NoPrivateMessage()
    services: Any = interaction.client.services  # type: ignore[attr-defined]
    return await services.guild_settings.get(interaction.guild_id)


def manage_server_only() -> Callable[[T], T]:
    """Only people with Manage Server may run the command."""

    async def predicate(interaction: discord.Interaction) -> bool:
        await _settings_for(interaction)
        assert isinstance(interaction.user, discord.Member)
        perms = interaction.user.guild_permissions
        if perms.manage_guild or perms.administrator:
            return True
        raise NotAllowed(
            "Only people with the Manage Server permission can change Kindred's setup. "
            "If something here needs changing, please ask a server admin."
        )

    return app_commands.check(predicate)


def moderators_only() -> Callable[[T], T]:
    """Only moderators and coordinators may run the command."""

    async def predicate(interaction: discord.Interaction) -> bool:
        settings = await _settings_for(interaction)
        assert isinstance(interaction.user, discord.Member)
        if is_moderator(interaction.user, settings):
            return True
        if settings.moderator_role_id is None:
            raise NotAllowed(
                "This command is for moderators, and this server has no moderator role set "
                "yet. Someone with Manage Server can set it with `/setup set moderator_role:`."
            )
        raise NotAllowed("This command is for the moderators of this server.")

    return app_commands.check(predicate)


def coordinators_only() -> Callable[[T], T]:
    """Only coordinators (or people with Manage Server) may run the command."""

    async def predicate(interaction: discord.Interaction) -> bool:
        settings = await _settings_for(interaction)
        assert isinstance(interaction.user, discord.Member)
        if is_coordinator(interaction.user, settings):
            return True
        raise NotAllowed("This command is for the coordinators of this server.")

    return app_commands.check(predicate)

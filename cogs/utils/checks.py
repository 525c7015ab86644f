"""Runtime role checks that explain themselves.

Who may do what is decided by Kindred's own roles, set with ``/setup set``: the moderator role
and the coordinator role. Discord permissions grant nothing here: Manage Server (or
Administrator, or owning the server) lets a person run ``/setup``, and that is all. Crisis
cases, moderation records and member check-ins are for the care team, and a server admin is not
on it unless they hold one of the roles.

Commands also carry ``default_permissions`` so Discord hides them from most members, but a
server admin can override that in Server Settings > Integrations, so the bot checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

import discord
from discord import app_commands

from cogs.utils.types import kindred
from db.models import GuildSettings

T = TypeVar("T")

Staff = Literal["moderator", "coordinator"]

SETUP_ONLY = (
    "Only people with the Manage Server permission can change Kindred's setup. "
    "If something here needs changing, please ask a server admin."
)


class NotAllowed(app_commands.CheckFailure):
    """A runtime permission check failed; the message says who may do this."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _has_role(member: discord.Member, role_id: int | None) -> bool:
    return role_id is not None and any(r.id == role_id for r in member.roles)


def is_coordinator(member: discord.Member, settings: GuildSettings) -> bool:
    """Coordinators: members holding the coordinator role set with ``/setup set``."""
    return _has_role(member, settings.coordinator_role_id)


def is_moderator(member: discord.Member, settings: GuildSettings) -> bool:
    """Moderators: members holding the moderator role, and every coordinator."""
    return _has_role(member, settings.moderator_role_id) or is_coordinator(member, settings)


def _role(guild: discord.Guild, role_id: int | None) -> discord.Role | None:
    """The role set with ``/setup set``, or None when none is set or it was deleted."""
    return guild.get_role(role_id) if role_id is not None else None


def role_holders(guild: discord.Guild, role_id: int | None) -> int:
    """How many people (not bots) hold a role; 0 for one that is unset or was deleted."""
    role = _role(guild, role_id)
    return sum(not m.bot for m in role.members) if role is not None else 0


def _held(role: discord.Role | None) -> bool:
    return role is not None and role_holders(role.guild, role.id) > 0


def refusal(member: discord.Member, settings: GuildSettings, needed: Staff) -> str:
    """Why ``member`` may not do something for ``needed``, and what would change that.

    The copy never blames: it names the role that is needed and, when the server is not set up
    for it yet (no such role, or nobody holds it), who can fix that and with which command.
    """
    guild = member.guild
    who = "moderators" if needed == "moderator" else "coordinators"
    option = f"`/setup set {needed}_role:`"
    role = _role(guild, getattr(settings, f"{needed}_role_id"))
    if role is None:
        return (
            f"This is for the {who} of this server, and no {needed} role is set yet. "
            f"Someone with Manage Server can set it with {option}."
        )
    # A coordinator counts as a moderator, so moderator tools are only unstaffed when both are.
    staff: list[discord.Role | None] = [role]
    if needed == "moderator":
        staff.append(_role(guild, settings.coordinator_role_id))
    if not any(_held(r) for r in staff):
        return (
            f"This is for the {who} of this server, and nobody has the {needed} role "
            f"(**{role.name}**) yet. A server admin can give it to the right people, or "
            f"someone with Manage Server can choose another role with {option}."
        )
    text = f"This is for the {who} of this server: it needs the **{role.name}** role."
    perms = member.guild_permissions
    if perms.manage_guild or perms.administrator:
        return text + (
            " Manage Server lets you run `/setup` and nothing else here: crisis cases, members' "
            "records, cohorts and check-ins are for the care team. If you are part of it, ask "
            "a server admin to give you that role."
        )
    return text + " If you think you should have it, please ask a coordinator."


def require(member: discord.Member, settings: GuildSettings, needed: Staff) -> None:
    """Raise ``NotAllowed`` with a kind, actionable sentence unless ``member`` has the role.

    Buttons and modals have no command checks; their handlers call this (for example
    ``require(interaction.user, settings, "moderator")`` before acting on a crisis case).
    """
    allowed = is_moderator if needed == "moderator" else is_coordinator
    if not allowed(member, settings):
        raise NotAllowed(refusal(member, settings, needed))


async def _settings_for(interaction: discord.Interaction) -> GuildSettings:
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        raise app_commands.NoPrivateMessage()
    return await kindred(interaction.client).services.guild_settings.get(interaction.guild_id)


class AccessCheck:
    """A command's runtime check; ``needs`` says who passes it (read by the README test).

    ``needs`` is ``"manage_server"`` (``/setup``), ``"moderator"`` (the moderator or the
    coordinator role) or ``"coordinator"`` (the coordinator role).
    """

    def __init__(self, needs: Literal["manage_server"] | Staff) -> None:
        self.needs = needs

    async def __call__(self, interaction: discord.Interaction) -> bool:
        """Pass, or raise ``NotAllowed`` saying who may and how to get there."""
        settings = await _settings_for(interaction)
        assert isinstance(interaction.user, discord.Member)
        if self.needs == "manage_server":
            perms = interaction.user.guild_permissions
            if perms.manage_guild or perms.administrator:
                return True
            raise NotAllowed(SETUP_ONLY)
        require(interaction.user, settings, self.needs)
        return True


def needs_of(command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu) -> str:
    """Who may run ``command``: ``anyone``, or the ``needs`` of its ``AccessCheck``."""
    for check in command.checks:
        if isinstance(check, AccessCheck):
            return check.needs
    return "anyone"


def manage_server_only() -> Callable[[T], T]:
    """Only people with Manage Server may run the command (``/setup`` and nothing else)."""
    return app_commands.check(AccessCheck("manage_server"))


def moderators_only() -> Callable[[T], T]:
    """Only holders of the moderator or coordinator role may run the command."""
    return app_commands.check(AccessCheck("moderator"))


def coordinators_only() -> Callable[[T], T]:
    """Only holders of the coordinator role may run the command."""
    return app_commands.check(AccessCheck("coordinator"))

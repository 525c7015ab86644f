"""The one-button fixes for an AutoMod rule that would block a member in crisis.

Dynamic items (``setup:automod:<fix>:<rule id>``), so a button on an older ``/setup show`` still
works after a restart. The button checks the presser may change the setup (Manage Server), reads
the rule through Discord's API, edits it and records the fix through ``lanes.admin``.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from cogs.admin import messages
from cogs.admin.automod import Rule, alert_only_actions, exempt_channels_plan
from cogs.utils.checks import SETUP_ONLY, NotAllowed
from cogs.utils.errors import UserFacingError
from cogs.utils.types import kindred

log = logging.getLogger(__name__)

FIXES = {
    "alert": ("Make alert-only: {name}", discord.ButtonStyle.primary),
    "exempt": ("Exempt group channels: {name}", discord.ButtonStyle.secondary),
}


class AutoModFixButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"setup:automod:(?P<fix>alert|exempt):(?P<rule_id>\d+)",
):
    """Make one AutoMod rule alert-only, or exempt the group channels from it."""

    def __init__(self, fix: str, rule_id: int, rule_name: str = "this rule") -> None:
        label, style = FIXES[fix]
        super().__init__(
            discord.ui.Button(
                label=label.format(name=rule_name)[:80],
                style=style,
                custom_id=f"setup:automod:{fix}:{rule_id}",
            )
        )
        self.fix = fix
        self.rule_id = rule_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> AutoModFixButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["fix"], int(match["rule_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Check who pressed it and apply the fix; any error is answered here."""
        from cogs.utils.tree import answer_error

        try:
            await self.handle(interaction)
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Make the rule alert-only, or exempt the group channels from it (Manage Server)."""
        fix, rule_id = self.fix, self.rule_id
        bot = kindred(interaction.client)
        admin = bot.services.lanes.admin
        guild = interaction.guild
        member = interaction.user
        if guild is None or not isinstance(member, discord.Member):
            raise UserFacingError("AutoMod rules are changed inside the server.")
        # Changing AutoMod is a server admin's call, as in Discord itself.
        if not (member.guild_permissions.manage_guild or member.guild_permissions.administrator):
            raise NotAllowed(SETUP_ONLY)
        settings = await admin.settings(guild.id)
        try:
            payload = await bot.http.get_auto_moderation_rule(guild.id, rule_id)
        except discord.NotFound:
            raise UserFacingError(messages.AUTOMOD_RULE_GONE) from None
        except discord.Forbidden:
            raise UserFacingError(messages.AUTOMOD_NO_PERMISSION) from None
        rule = Rule.from_payload(payload)
        groups = await admin.group_channels(guild.id)
        changes: dict[str, Any]
        if fix == "alert":
            actions = alert_only_actions(payload.get("actions") or [], settings.staff_channel_id)
            if actions is None:
                raise UserFacingError(messages.AUTOMOD_NO_ALERT_CHANNEL)
            changes = {"actions": actions}
        else:
            if not groups:
                raise UserFacingError(messages.AUTOMOD_NO_GROUPS)
            exempt = exempt_channels_plan(rule, groups)
            if exempt is None:
                raise UserFacingError(messages.AUTOMOD_TOO_MANY)
            changes = {"exempt_channels": [str(c) for c in exempt]}
        try:
            await bot.http.edit_auto_moderation_rule(
                guild.id,
                rule_id,
                reason=f"Kindred /setup show: asked by {member.id} so members in crisis are heard",
                **changes,
            )
        except discord.NotFound:
            raise UserFacingError(messages.AUTOMOD_RULE_GONE) from None
        except discord.Forbidden:
            raise UserFacingError(messages.AUTOMOD_NO_PERMISSION) from None
        await admin.automod_fixed(guild.id, member.id, fix, rule_id)
        log.info("guild %s: AutoMod rule %s fixed (%s) by %s", guild.id, rule_id, fix, member.id)
        await interaction.response.send_message(
            messages.automod_fixed(rule.name, fix, settings.staff_channel_id, len(groups)),
            ephemeral=True,
        )


def automod_fix_view(
    rules: list[tuple[int, str]], *, exempt_possible: bool
) -> discord.ui.View | None:
    """Buttons for each (rule id, name): alert-only, and exempt when there are group channels."""
    if not rules:
        return None
    view = discord.ui.View(timeout=None)
    for rule_id, name in rules[:12]:  # 25 components at most
        view.add_item(AutoModFixButton("alert", rule_id, name))
        if exempt_possible:
            view.add_item(AutoModFixButton("exempt", rule_id, name))
    return view

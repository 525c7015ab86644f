"""Discord glue for /setup. Reads and writes go through ``service.py`` (``lanes.admin``), the
rules live in ``policy.py``, the copy in ``messages.py``; the AutoMod fix buttons in
``views.py`` handle their own clicks."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.admin import messages
from cogs.admin.automod import (
    Finding,
    Rule,
    crisis_blockers,
    plain_phrases,
)
from cogs.admin.policy import (
    DEADLINE_OPTIONS,
    SETTING_OPTIONS,
    country_choices,
    moderators_miss_private_threads,
    parse_country,
    parse_timezone,
    timezone_choices,
)
from cogs.admin.service import AdminService
from cogs.admin.views import AutoModFixButton, automod_fix_view
from cogs.crisis.policy import reachability_warnings
from cogs.members.language import LANGUAGES, check_choice
from cogs.utils.checks import manage_server_only, role_holders
from cogs.utils.errors import InvalidInput
from db.models import GuildSettings

if TYPE_CHECKING:
    from bot import KindredBot

SERVER_LANGUAGES = [app_commands.Choice(name=name, value=code) for code, name in LANGUAGES.items()]

log = logging.getLogger(__name__)


def _holders(guild: discord.Guild, settings: GuildSettings) -> dict[str, int]:
    """How many people hold each staff role (moderator, coordinator)."""
    return {
        field: role_holders(guild, getattr(settings, field)) for field, _ in messages.STAFF_ROLES
    }


def _crisis_reach(guild: discord.Guild, settings: GuildSettings) -> list[str]:
    """What would leave a crisis case with nobody to tell, checked against the live server."""
    holders = {
        "oncall": role_holders(guild, settings.oncall_role_id),
        "backup": role_holders(guild, settings.backup_role_id),
        "coordinator": role_holders(guild, settings.coordinator_role_id),
    }
    warnings = reachability_warnings(settings, holders)
    if settings.staff_channel_id:
        channel = guild.get_channel(settings.staff_channel_id)
        if not isinstance(channel, discord.TextChannel):
            warnings.insert(0, messages.STAFF_CHANNEL_GONE)
        else:
            perms = channel.permissions_for(guild.me)
            if not (perms.view_channel and perms.send_messages and perms.embed_links):
                warnings.insert(0, messages.STAFF_CHANNEL_NO_ACCESS.format(channel=channel.mention))
    return warnings


class AdminCog(commands.Cog):
    """Server setup for Kindred."""

    setup_group = app_commands.Group(
        name="setup",
        description="Set up Kindred for this server (Manage Server).",
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.admin: AdminService = bot.services.lanes.admin
        # The crisis lexicon's plain phrases, tested against the server's AutoMod rules.
        self.crisis_phrases = plain_phrases(bot.services.data.crisis.lexicon)

    async def cog_load(self) -> None:
        """Make the AutoMod fix buttons work after a restart."""
        self.bot.add_dynamic_items(AutoModFixButton)

    async def cog_unload(self) -> None:
        """Stop listening for the fix buttons."""
        self.bot.remove_dynamic_items(AutoModFixButton)

    @setup_group.command(name="set")
    @app_commands.describe(
        moderator_role="Role of the group moderators (facilitators and trained peers)",
        coordinator_role="Role of the coordinators who run cohorts and read reports",
        oncall_role="Role pinged at once for urgent crisis alerts",
        backup_role="Role pinged when nobody claims a crisis alert in time",
        staff_channel="Private channel where crisis alerts and moderator notes go",
        country="Default country for helplines (two-letter code, e.g. IN, US, GB)",
        timezone="Default timezone for schedules (e.g. Asia/Kolkata)",
        urgent_deadline="Minutes before an unclaimed urgent alert escalates (default 10)",
        concern_deadline="Minutes before an unclaimed concern alert escalates (default 60)",
        language="The server's language: for members who chose none and whose Discord "
        "language Kindred doesn't have (default English)",
    )
    @app_commands.choices(language=SERVER_LANGUAGES)
    @manage_server_only()
    async def setup_set(
        self,
        interaction: discord.Interaction,
        moderator_role: discord.Role | None = None,
        coordinator_role: discord.Role | None = None,
        oncall_role: discord.Role | None = None,
        backup_role: discord.Role | None = None,
        staff_channel: discord.TextChannel | None = None,
        country: str | None = None,
        timezone: str | None = None,
        urgent_deadline: app_commands.Range[int, 1, 120] | None = None,
        concern_deadline: app_commands.Range[int, 5, 1440] | None = None,
        language: str | None = None,
    ) -> None:
        """Change Kindred's setup for this server; options you leave out stay as they are."""
        assert interaction.guild is not None
        changes: dict[str, object] = {}
        for field, role in (
            ("moderator_role_id", moderator_role),
            ("coordinator_role_id", coordinator_role),
            ("oncall_role_id", oncall_role),
            ("backup_role_id", backup_role),
        ):
            if role is not None:
                if role.is_default():
                    raise InvalidInput("@everyone can't be a staff role; pick or create a role.")
                changes[field] = role.id
        note = ""
        if staff_channel is not None:
            self._check_staff_channel(interaction.guild, staff_channel)
            changes["staff_channel_id"] = staff_channel.id
        if country is not None:
            code = parse_country(country, self.services.data.helplines)
            changes["country"] = code
            if not self.services.data.helplines.has_lines(code):
                note = messages.COUNTRY_WITHOUT_HELPLINES.format(code=code)
        if timezone is not None:
            changes["timezone"] = parse_timezone(timezone)
        if urgent_deadline is not None:
            changes["urgent_ack_minutes"] = urgent_deadline
        if concern_deadline is not None:
            changes["concern_ack_minutes"] = concern_deadline
        if language is not None:
            changes["language"] = check_choice(language)
        if not changes:
            raise InvalidInput(messages.NOTHING_GIVEN)
        saved = await self.admin.update(interaction.guild.id, changes, actor_id=interaction.user.id)
        log.info(
            "guild %s setup changed by %s: %s",
            interaction.guild.id,
            interaction.user.id,
            sorted(changes),
        )
        labels = [label for field, label, _ in SETTING_OPTIONS if field in changes]
        labels += [label for field, label, _, _ in DEADLINE_OPTIONS if field in changes]
        labels += ["server language"] if "language" in changes else []
        await interaction.response.send_message(
            messages.updated(labels, saved, _holders(interaction.guild, saved)) + note,
            ephemeral=True,
        )

    @staticmethod
    def _check_staff_channel(guild: discord.Guild, channel: discord.TextChannel) -> None:
        if channel.permissions_for(guild.default_role).view_channel:
            raise InvalidInput(messages.STAFF_CHANNEL_PUBLIC.format(channel=channel.mention))
        mine = channel.permissions_for(guild.me)
        if not (mine.view_channel and mine.send_messages and mine.embed_links):
            raise InvalidInput(messages.STAFF_CHANNEL_NO_ACCESS.format(channel=channel.mention))

    @setup_set.autocomplete("country")
    async def _country_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=label, value=code)
            for label, code in country_choices(current, self.services.data.helplines)
        ]

    @setup_set.autocomplete("timezone")
    async def _timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in timezone_choices(current)]

    @setup_group.command(name="show")
    @manage_server_only()
    async def setup_show(self, interaction: discord.Interaction) -> None:
        """Show Kindred's setup for this server and what is still missing."""
        assert interaction.guild is not None
        guild = interaction.guild
        # Reading the AutoMod rules is a request to Discord: don't let it cost the answer.
        await interaction.response.defer(ephemeral=True, thinking=True)
        settings = await self.admin.settings(guild.id)
        country_name = self.services.data.helplines.country_name(settings.country)
        embed = discord.Embed(title=messages.TITLE, colour=discord.Colour.blurple())
        embed.description = messages.missing_hint(settings, _holders(guild, settings))
        for label, value in messages.settings_lines(settings, country_name):
            embed.add_field(name=label, value=value, inline=True)
        reach = _crisis_reach(guild, settings)
        moderators = guild.get_role(settings.moderator_role_id or 0)
        if moderators is not None and moderators_miss_private_threads(moderators.permissions.value):
            reach.append(messages.MODERATORS_NO_THREADS)
        embed.add_field(
            name=messages.CRISIS_REACH_TITLE,
            value="\n".join(f"⚠ {w}" for w in reach)[:1024] if reach else messages.CRISIS_REACH_OK,
            inline=False,
        )
        groups = await self.admin.group_channels(guild.id)
        findings = await self._automod_findings(guild, groups)
        view = None
        if findings is None:
            automod = f"⚠ {messages.AUTOMOD_UNREADABLE}"
        elif not findings:
            automod = messages.AUTOMOD_OK
        else:
            lines = messages.automod_report(findings)
            automod = "\n".join(f"⚠ {w}" for w in lines[:-1]) + "\n" + lines[-1]
            buttons = messages.AUTOMOD_BUTTONS if groups else messages.AUTOMOD_BUTTON
            automod = automod[: 1024 - len(buttons) - 1] + " " + buttons
            view = automod_fix_view(
                [(f.rule.id, f.rule.name) for f in findings], exempt_possible=bool(groups)
            )
        embed.add_field(name=messages.AUTOMOD_TITLE, value=automod, inline=False)
        if view is None:
            await interaction.followup.send(embed=embed, ephemeral=True)
        else:
            await interaction.followup.send(embed=embed, view=view, ephemeral=True)

    async def _automod_findings(
        self, guild: discord.Guild, groups: set[int]
    ) -> list[Finding] | None:
        """The server's AutoMod rules that would block crisis words (None: not readable)."""
        try:
            payloads = await self.bot.http.get_auto_moderation_rules(guild.id)
        except discord.HTTPException as exc:
            log.warning("guild %s: AutoMod rules not readable: %s", guild.id, exc)
            return None
        rules = [Rule.from_payload(p) for p in payloads]
        return crisis_blockers(rules, self.crisis_phrases, group_channels=groups)

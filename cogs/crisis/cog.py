"""Discord glue for the crisis lane: the route from screening, commands and the alert's buttons.

Messages are screened once in ``cogs/screening``, which hands this lane its ``Route``
(``respond_to``). The response itself (the case as the outbox, the staff chain, the member's
message, the deadline) is in ``_response.py``. The member's message is never deleted, hidden or punished.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.admin.policy import parse_country
from cogs.crisis import messages
from cogs.crisis._response import (
    ALERT,
    DEADLINE,
    FOLLOWUP,
    MEMBER,
    RETENTION,
    CrisisResponse,
)
from cogs.crisis.detector import Level
from cogs.crisis.policy import FOLLOWUP_AFTER, build_report, case_join, report_lines
from cogs.crisis.views import CaseButton, ReasonModal, alert_view
from cogs.screening.pipeline import Incoming, Route, Source, route
from cogs.utils.checks import moderators_only, require
from cogs.utils.errors import InvalidInput, UserFacingError
from db.models import CrisisCase
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository

log = logging.getLogger(__name__)

__all__ = ["ALERT", "DEADLINE", "FOLLOWUP", "MEMBER", "RETENTION", "CrisisCog"]


class CrisisCog(CrisisResponse, commands.Cog):
    """Opens crisis cases for what screening routes here, and runs the response."""

    crisis_group = app_commands.Group(
        name="crisis",
        description="Crisis cases (moderators).",
        default_permissions=discord.Permissions(manage_messages=True),
        guild_only=True,
    )

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.cases = CrisisRepository(bot.services.db)
        self.member_settings = MemberSettingsRepository(bot.services.db)
        self.cohorts = CohortRepository(bot.services.db)
        self.register_jobs()

    async def cog_load(self) -> None:
        """Make alert buttons work after a restart; make sure the retention sweep is scheduled."""
        self.bot.add_dynamic_items(CaseButton)
        await self.services.jobs.ensure_recurring(RETENTION)

    async def cog_unload(self) -> None:
        """Stop listening for alert buttons."""
        self.bot.remove_dynamic_items(CaseButton)

    # --- the route from screening --------------------------------------------------------------

    async def respond_to(self, route: Route, incoming: Incoming) -> CrisisCase | None:
        """Open and answer a case at the route's crisis level (``cogs/screening`` decided it).

        A message that is also abusive keeps its case (crisis wins) and the alert says which
        guideline it broke, so the moderator can decide. An edited message that already has a
        case gets no second one (cases are unique per message: ``open_case`` returns None).
        A message AutoMod blocked opens a case like a posted one (the alert names the rule),
        and the same disclosure blocked and then posted re-worded opens one case, not two
        (``policy.case_join``).
        """
        crisis = route.crisis
        if crisis.level == Level.NONE or incoming.is_bot:
            return None
        guild_id = incoming.guild_id
        if guild_id is None:
            home = self._home_guild(incoming.author_id)
            guild_id = home.id if home else None
        return await self.open_and_respond(
            guild_id=guild_id,
            user_id=incoming.author_id,
            channel_id=incoming.channel_id,
            message_id=incoming.message_id,
            # What AutoMod blocked or flagged is a message the member wrote; the rule is kept.
            source="message" if incoming.source == "automod" else incoming.source,
            level=crisis.level.label,
            rules=crisis.rules,
            reason=messages.automod_reason(incoming.automod_rule, crisis.reason, incoming.blocked),
            excerpt=messages.excerpt(incoming.text),
            also_abusive=", ".join(crisis.also_abusive) or None,
            automod_rule=incoming.automod_rule,
            join=case_join(
                crisis.level.label, blocked=incoming.blocked, now=self.services.clock.now()
            ),
            joined_detail=messages.joined_detail(incoming.automod_rule, incoming.message_id),
        )

    async def screen_and_respond(
        self,
        *,
        text: str,
        context: str | None,
        author: Any,
        guild: discord.Guild | None,
        channel: Any,
        message_id: int | None,
        source: Source,
    ) -> CrisisCase | None:
        """Screen a text that never came in as a message (``/goodnews``) and respond to it.

        Messages, DMs and edits come through ``cogs/screening`` instead. Never for a bot.
        """
        incoming = Incoming(
            message_id=message_id,
            text=text,
            author_id=author.id,
            guild_id=guild.id if guild else None,
            channel_id=getattr(channel, "id", None),
            source=source,
            context=context,
            is_bot=bool(getattr(author, "bot", False)),
        )
        if incoming.is_bot:
            return None
        data = self.services.data
        decided = route(
            incoming, data.crisis.screen(text, context), data.guidelines.screen(text, context)
        )
        return await self.respond_to(decided, incoming)

    # --- buttons and modals -------------------------------------------------------------------

    async def handle_button(
        self, interaction: discord.Interaction, action: str, case_id: int
    ) -> None:
        """Claim, Resolve or False alarm on a staff alert."""
        case = await self._case_for(interaction, case_id)
        if action == "claim":
            claimed = await self._claim(case, interaction.user.id)
            await interaction.response.edit_message(
                embed=await self._alert_embed(claimed), view=alert_view(claimed.id, claimed.status)
            )
            await interaction.followup.send(
                messages.CLAIMED.format(case_id=claimed.label), ephemeral=True
            )
            return
        if case.status not in ("open", "claimed"):
            raise UserFacingError(messages.already_taken(case))
        await interaction.response.send_modal(ReasonModal(case.id, action, case.label))

    async def _claim(self, case: CrisisCase, moderator_id: int) -> CrisisCase:
        """Claim for this moderator; the one who lost a race is told who has it."""
        if not await self.cases.claim(case.id, moderator_id, self.services.clock.now()):
            current = await self.cases.get(case.id) or case
            raise UserFacingError(messages.already_taken(current))
        await self.services.jobs.cancel(DEADLINE, case.id)
        claimed = await self.cases.get(case.id)
        assert claimed is not None  # claimed just above
        return claimed

    async def close_case(
        self, interaction: discord.Interaction, case_id: int, action: str, reason: str
    ) -> None:
        """Resolve (reason required) or mark a false alarm; schedule the follow-up."""
        case = await self._case_for(interaction, case_id)
        status = "resolved" if action == "resolve" else "false_alarm"
        if status == "resolved" and len(reason) < 3:
            raise InvalidInput("Please say briefly what happened; the case record needs it.")
        now = self.services.clock.now()
        if not await self.cases.close(case.id, status, interaction.user.id, reason or "-", now):
            raise UserFacingError(messages.already_taken(await self.cases.get(case.id) or case))
        await self.services.jobs.cancel(DEADLINE, case.id)
        if status == "resolved":
            await self.services.jobs.schedule(FOLLOWUP, case.id, now + FOLLOWUP_AFTER)
        closed = await self.cases.get(case.id)
        assert closed is not None
        await self._refresh_alert(closed)
        text = messages.RESOLVED if status == "resolved" else messages.FALSE_ALARM
        await interaction.response.send_message(text.format(case_id=case.label), ephemeral=True)

    async def _case_for(
        self, interaction: discord.Interaction, case_id: int | None = None, ref: str | None = None
    ) -> CrisisCase:
        """The case a moderator acts on: by row id (buttons) or by reference (commands)."""
        guild = interaction.guild
        if guild is None or not isinstance(interaction.user, discord.Member):
            raise UserFacingError("Crisis cases are handled inside the server.")
        settings = await self.services.guild_settings.get(guild.id)
        require(interaction.user, settings, "moderator")
        if ref is not None:
            case = await self.cases.by_ref(guild.id, ref)
        else:
            case = await self.cases.get(case_id or 0)
        if case is None or case.guild_id != guild.id:
            raise UserFacingError(messages.NOT_FOUND.format(case_id=ref or "with that reference"))
        return case

    # --- commands -----------------------------------------------------------------------------

    @app_commands.command(name="resources")
    @app_commands.describe(
        country="Show another country's helplines (two-letter code, e.g. IN, US, GB)",
        remember="Remember this country for me",
    )
    async def resources(
        self, interaction: discord.Interaction, country: str | None = None, remember: bool = False
    ) -> None:
        """Free, confidential helplines, shown only to you. Nothing is shared with anyone."""
        book = self.services.data.helplines
        code = parse_country(country, book) if country else None
        if code and remember:
            await self.member_settings.set_country(
                interaction.user.id, code, self.services.clock.now()
            )
        if code is None:
            code = await self.member_settings.country(interaction.user.id)
        if code is None and interaction.guild_id:
            code = (await self.services.guild_settings.get(interaction.guild_id)).country
        text = messages.resources_message(
            book.for_country(code), book.emergency_number(code), book.country_name(code) or code
        )
        await interaction.response.send_message(text, ephemeral=True)

    @resources.autocomplete("country")
    async def _resources_country(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        from cogs.admin.policy import country_choices

        return [
            app_commands.Choice(name=label, value=code)
            for label, code in country_choices(current, self.services.data.helplines)
        ]

    @crisis_group.command(name="open")
    @app_commands.describe(
        member="The member you are worried about",
        level="urgent pages the on-call role",
        note="What you noticed (kept in the case record for moderators)",
    )
    @app_commands.choices(
        level=[
            app_commands.Choice(name="concern", value="concern"),
            app_commands.Choice(name="urgent", value="urgent"),
        ]
    )
    @moderators_only()
    async def crisis_open(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        level: str = "concern",
        note: str | None = None,
    ) -> None:
        """Open a crisis case by hand, for something the screen did not catch."""
        assert interaction.guild is not None
        if member.bot:
            raise InvalidInput(messages.NOT_FOR_BOTS.format(member=member.mention))
        await interaction.response.defer(ephemeral=True, thinking=True)
        case = await self.open_and_respond(
            guild_id=interaction.guild.id,
            user_id=member.id,
            channel_id=interaction.channel_id,
            message_id=None,
            source="manual",
            level=level,
            rules=(),
            reason=f"Opened by a moderator: {note}" if note else "Opened by a moderator.",
            excerpt=None,
            actor_id=interaction.user.id,
        )
        assert case is not None  # no message id: never a duplicate
        await interaction.followup.send(
            messages.OPENED_MANUALLY.format(case_id=case.label, member=member.mention),
            ephemeral=True,
        )

    @crisis_group.command(name="case")
    @app_commands.describe(case="The case reference from the alert, e.g. K7QX-3MPD")
    @moderators_only()
    async def crisis_case(self, interaction: discord.Interaction, case: str) -> None:
        """Show a crisis case and every step taken on it."""
        found = await self._case_for(interaction, ref=case)
        text = messages.case_record(found, await self.cases.events(found.id))
        await interaction.response.send_message(
            text[:2000], ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @crisis_group.command(name="claim")
    @app_commands.describe(case="The case reference from the alert or the DM, e.g. K7QX-3MPD")
    @moderators_only()
    async def crisis_claim(self, interaction: discord.Interaction, case: str) -> None:
        """Claim a case (for when the alert came by DM and its button is out of reach)."""
        claimed = await self._claim(
            await self._case_for(interaction, ref=case), interaction.user.id
        )
        await self._refresh_alert(claimed)
        await interaction.response.send_message(
            messages.CLAIMED.format(case_id=claimed.label), ephemeral=True
        )

    @crisis_group.command(name="report")
    @app_commands.describe(days="How many days back (default 30)")
    @moderators_only()
    async def crisis_report(
        self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 365] = 30
    ) -> None:
        """Crisis counts, time to claim, and false alarms by rule (to tune the screen)."""
        assert interaction.guild is not None
        since = self.services.clock.now() - timedelta(days=days)
        report = build_report(await self.cases.in_period(interaction.guild.id, since), days)
        await interaction.response.send_message("\n".join(report_lines(report)), ephemeral=True)

    # --- helpers ------------------------------------------------------------------------------

    def _home_guild(self, user_id: int) -> discord.Guild | None:
        """For a DM: the first server Kindred shares with the member."""
        for guild in self.bot.guilds:
            if guild.get_member(user_id) is not None:
                return guild
        return None

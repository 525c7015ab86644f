"""Discord glue for the crisis lane: its commands, and the adapter the lane reaches Discord by.

Messages are screened once in ``cogs/screening``, which hands the route to the lane
(``bot.services.lanes.crisis.respond_to``). The response itself (the case as the outbox, the
staff chain, the member's message, the deadline) is ``CrisisService`` (``service.py``); this cog
attaches its Discord adapter (``_outbox.py``) when it loads. The alert's buttons are in
``views.py``. The member's message is never deleted, hidden or punished.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.crisis import helpline_words as words
from cogs.crisis import messages
from cogs.crisis._outbox import DiscordOutbox
from cogs.crisis._relay_views import ReplyButton, TalkButton
from cogs.crisis.policy import report_lines
from cogs.crisis.service import ALERT, DEADLINE, FOLLOWUP, MEMBER, RETENTION, CrisisService
from cogs.crisis.views import CaseButton, MoreHelpButton, checked_case
from cogs.reports.views import LevelButton, Ref, level_view
from cogs.utils.checks import moderators_only
from cogs.utils.errors import InvalidInput
from cogs.utils.i18n import current_language, t
from db.repositories.crisis import CrisisRepository

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

__all__ = ["ALERT", "DEADLINE", "FOLLOWUP", "MEMBER", "RETENTION", "CrisisCog"]


class CrisisCog(commands.Cog):
    """The crisis commands; gives the lane its way to Discord."""

    crisis_group = app_commands.Group(
        name="crisis",
        description="Crisis cases (moderators).",
        default_permissions=discord.Permissions(manage_messages=True),
        guild_only=True,
    )

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.lane: CrisisService = bot.services.lanes.crisis
        # The lane's cases, for tests and tools that read the record.
        self.cases: CrisisRepository = self.lane.cases
        self.case_menu = app_commands.ContextMenu(
            name="Open crisis case", callback=self._open_case_menu
        )

    async def cog_load(self) -> None:
        """Give the lane its adapter; make alert buttons work after a restart; schedule the sweep."""
        self.lane.attach(DiscordOutbox(self.bot))
        self.bot.add_dynamic_items(CaseButton, MoreHelpButton)
        self.bot.tree.add_command(self.case_menu)
        self.bot.add_dynamic_items(LevelButton)
        self.bot.add_dynamic_items(ReplyButton, TalkButton)  # the relay's buttons (issue 14)
        await self.lane.ensure_sweeps()

    async def cog_unload(self) -> None:
        """Stop listening for alert buttons; crisis steps wait (as jobs) for the next load."""
        self.bot.remove_dynamic_items(CaseButton, MoreHelpButton)
        self.bot.tree.remove_command(self.case_menu.name, type=self.case_menu.type)
        self.bot.remove_dynamic_items(LevelButton)
        self.bot.remove_dynamic_items(ReplyButton, TalkButton)
        self.lane.attach(None)

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
        # A code, or the country's name in English or in the member's language.
        code = words.find_country(country, self.lane.helplines) if country else None
        lines, emergency, name = await self.lane.helplines_for(
            interaction.user.id, interaction.guild_id, code, remember=remember
        )
        # In the member's language, with how to reach a line in it where the line says.
        text = messages.resources_message(lines, emergency, name, current_language())
        await interaction.response.send_message(text, ephemeral=True)

    @resources.autocomplete("country")
    async def _resources_country(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        # The names in the member's language (the tree set it for the autocomplete too).
        return [
            app_commands.Choice(name=label, value=code)
            for label, code in words.country_choices(current, self.services.data.helplines)
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
        case = await self.lane.open_and_respond(
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

    @app_commands.default_permissions(manage_messages=True)
    @app_commands.guild_only()
    @moderators_only()
    async def _open_case_menu(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Open a crisis case from a member's message (moderators): pick concern or urgent."""
        if message.author.bot:
            raise InvalidInput(messages.NOT_FOR_BOTS.format(member=message.author.mention))
        await interaction.response.send_message(
            f"Open a crisis case for {message.author.mention} from this message? "
            "**Urgent** pages the on-call role.",
            view=level_view(Ref.of(message)),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @crisis_group.command(name="case")
    @app_commands.describe(case="The case reference from the alert, e.g. K7QX-3MPD")
    @moderators_only()
    async def crisis_case(self, interaction: discord.Interaction, case: str) -> None:
        """Show a crisis case and every step taken on it."""
        found = await checked_case(interaction, ref=case)
        text = messages.case_record(found, await self.lane.record(found))
        await interaction.response.send_message(
            text[:2000], ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @crisis_group.command(name="claim")
    @app_commands.describe(case="The case reference from the alert or the DM, e.g. K7QX-3MPD")
    @moderators_only()
    async def crisis_claim(self, interaction: discord.Interaction, case: str) -> None:
        """Claim a case (for when the alert came by DM and its button is out of reach)."""
        found = await checked_case(interaction, ref=case)
        claimed = await self.lane.claim(found, interaction.user.id, refresh=True)
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
        report = await self.lane.report(interaction.guild.id, days)
        await interaction.response.send_message("\n".join(report_lines(report)), ephemeral=True)

    # --- the relay: replying to the member (issue 14) -------------------------------------------

    @app_commands.command(name="reply")
    @app_commands.describe(
        message="What the member should read (they see it from the Kindred team)",
        saved="A saved reply (safety plan, their helplines, someone will be with you soon...)",
        minutes="For a saved reply that says when someone will be with them",
        case="The case reference; leave out inside the case's conversation thread",
        show_my_name="Show your server name to the member instead of 'the Kindred team'",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_messages=True)
    @moderators_only()
    async def reply(
        self,
        interaction: discord.Interaction,
        message: app_commands.Range[str, 1, 1800] | None = None,
        saved: str | None = None,
        minutes: app_commands.Range[int, 1, 240] | None = None,
        case: str | None = None,
        show_my_name: bool = False,
    ) -> None:
        """Reply to the member of a crisis case by DM, from the team (never your own account)."""
        assert interaction.guild is not None
        found = await self.lane.case_for_reply(interaction.guild.id, interaction.channel_id, case)
        parts = [message] if message else []
        note = None
        if saved:
            made = await self.lane.saved_reply_text(found, saved, minutes)
            parts.append(made.text)
            note = messages.saved_reply_language(made.label, made.language, made.read_in)
        if not parts:
            raise InvalidInput(messages.NOTHING_TO_SEND)
        in_thread = interaction.channel_id == found.relay_channel_id
        # Other moderators see the reply in the case thread; elsewhere only the sender does.
        await interaction.response.defer(ephemeral=not in_thread, thinking=True)
        name = interaction.user.display_name if show_my_name else None
        sent = await self.lane.reply(
            found, interaction.user.id, "\n\n".join(parts), source_id=interaction.id, as_name=name
        )
        await interaction.followup.send(
            messages.reply_result(
                sent.as_name or messages.TEAM_NAME, sent.text, sent.status, sent.error, note
            ),
            ephemeral=not in_thread,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @reply.autocomplete("saved")
    async def _reply_saved(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=r.label, value=r.name)
            for r in self.lane.saved_replies.matching(current)[:25]
        ]

    @app_commands.command(name="talk")
    @app_commands.describe(message="What you'd like the team to know (optional)")
    async def talk(
        self,
        interaction: discord.Interaction,
        message: app_commands.Range[str, 1, 1800] | None = None,
    ) -> None:
        """Talk privately with a person on the team; they reply in your DMs with Kindred."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        case, new = await self.lane.talk(
            interaction.user.id, interaction.guild_id, text=message, source_id=interaction.id
        )
        text = messages.TALK_STARTED if new else messages.TALK_ALREADY
        if new and (await self.lane.transcript(case))[-1].status == "closed":
            text = messages.TALK_DMS_CLOSED
        await interaction.followup.send(t(text), ephemeral=True)

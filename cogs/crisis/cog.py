"""Discord glue for the crisis lane.

Order of the response, each step surviving the failure of the one before:
1. persist the case; 2. the member, privately (DM, else a private thread); 3. the staff alert
(else DMs to the coordinators); 4. the acknowledgement deadline, escalating until claimed;
5. on resolve, a follow-up reminder. The member's message is never deleted, hidden or punished.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from cogs.admin.rules import parse_country
from cogs.crisis import messages
from cogs.crisis.detector import Level
from cogs.crisis.policy import (
    FOLLOWUP_AFTER,
    ack_minutes,
    build_report,
    may_message_member,
    report_lines,
)
from cogs.crisis.views import CaseButton, ReasonModal, alert_view
from cogs.utils.checks import is_moderator, moderators_only
from cogs.utils.errors import InvalidInput, UserFacingError
from db.models import CrisisCase, GuildSettings
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository

log = logging.getLogger(__name__)
T = TypeVar("T")

DEADLINE = "crisis_deadline"
FOLLOWUP = "crisis_followup"
RETENTION = "crisis_retention"  # one daily sweep (entity 0)


class DeliveryFailed(Exception):
    """A message could not be delivered after every retry."""


class CrisisCog(commands.Cog):
    """Screens messages for crisis language and runs the response."""

    crisis_group = app_commands.Group(
        name="crisis",
        description="Crisis cases (moderators).",
        default_permissions=discord.Permissions(manage_messages=True),
        guild_only=True,
    )

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.services = bot.services
        self.screen = bot.services.data.crisis
        self.cases = CrisisRepository(bot.services.db)
        self.member_settings = MemberSettingsRepository(bot.services.db)
        self.cohorts = CohortRepository(bot.services.db)
        self.retry_delays: tuple[float, ...] = bot.retry_delays
        bot.services.jobs.register(DEADLINE, self._on_deadline)
        bot.services.jobs.register(FOLLOWUP, self._on_followup)
        bot.services.jobs.register(RETENTION, self._on_retention)

    async def cog_load(self) -> None:
        """Make alert buttons work after a restart; make sure the retention sweep is scheduled."""
        self.bot.add_dynamic_items(CaseButton)
        if await self.services.jobs.repo.get(RETENTION, 0) is None:
            await self.services.jobs.schedule(RETENTION, 0, self.services.clock.now())

    async def cog_unload(self) -> None:
        """Stop listening for alert buttons."""
        self.bot.remove_dynamic_items(CaseButton)

    # --- screening ----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Screen every message the bot can see: group channels, threads and DMs."""
        if message.author.bot or not message.content:
            return
        if message.guild is not None and await self._is_staff_channel(message):
            return  # staff discussing a case must not open new cases
        context = None
        ref = message.reference
        if ref is not None and isinstance(ref.resolved, discord.Message):
            context = ref.resolved.content
        await self.screen_and_respond(
            text=message.content,
            context=context,
            author=message.author,
            guild=message.guild,
            channel=message.channel,
            message_id=message.id,
            jump_url=message.jump_url,
            source="message" if message.guild else "dm",
        )

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """An edit can turn a message into a disclosure: screen the new text too."""
        data: Any = payload.data
        author = data.get("author") or {}
        content = data.get("content")
        if author.get("bot") or not content:
            return
        if await self.cases.for_message(payload.message_id) is not None:
            return  # the message already has a case
        guild = self.bot.get_guild(payload.guild_id) if payload.guild_id else None
        channel = self.bot.get_channel(payload.channel_id)
        if guild is not None:
            if await self._staff_channel_id(guild.id) == payload.channel_id:
                return
            user: Any = guild.get_member(int(author["id"]))
        else:
            user = self.bot.get_user(int(author["id"]))
        if user is None:
            try:
                user = await self.bot.fetch_user(int(author["id"]))
            except discord.HTTPException:
                log.exception(
                    "could not look up the author of edited message %s", payload.message_id
                )
                return
        jump = (
            f"https://discord.com/channels/{payload.guild_id or '@me'}/"
            f"{payload.channel_id}/{payload.message_id}"
        )
        await self.screen_and_respond(
            text=content,
            context=None,
            author=user,
            guild=guild,
            channel=channel,
            message_id=payload.message_id,
            jump_url=jump,
            source="edit",
        )

    async def screen_and_respond(
        self,
        *,
        text: str,
        context: str | None,
        author: Any,
        guild: discord.Guild | None,
        channel: Any,
        message_id: int,
        jump_url: str,
        source: str,
    ) -> CrisisCase | None:
        """Screen one text; open and answer a case when it is above ``none``."""
        verdict = self.screen.screen(text, context)
        if verdict.level == Level.NONE:
            return None
        if guild is None:
            guild = self._home_guild(author.id)
        case = await self.cases.open_case(
            guild_id=guild.id if guild else None,
            user_id=author.id,
            channel_id=getattr(channel, "id", None),
            message_id=message_id,
            source=source,
            level=verdict.level.label,
            rules=verdict.rules,
            reason=verdict.reason,
            excerpt=messages.excerpt(text),
            now=self.services.clock.now(),
        )
        if case is None:
            return None  # this message already has a case
        log.warning("crisis case %s opened: %s in guild %s", case.id, case.level, case.guild_id)
        await self.respond(case, author, guild, channel, jump_url)
        return case

    # --- the response -------------------------------------------------------------------------

    async def respond(
        self,
        case: CrisisCase,
        member: Any,
        guild: discord.Guild | None,
        channel: Any,
        jump_url: str | None,
    ) -> None:
        """Steps 2-4; each runs whatever happened to the one before."""
        settings = await self._settings(guild)
        try:
            await self._reach_member(case, member, settings, channel)
        except Exception:
            log.exception("crisis case %s: reaching the member failed unexpectedly", case.id)
            await self._record_member(case.id, "failed", "unexpected error")
        case = await self.cases.get(case.id) or case
        try:
            await self._alert_staff(case, guild, settings, jump_url)
        except Exception:
            log.exception("crisis case %s: the staff alert failed unexpectedly", case.id)
        minutes = ack_minutes(case.level, settings)
        if minutes is not None:
            due = self.services.clock.now() + timedelta(minutes=minutes)
            await self.services.jobs.schedule(DEADLINE, case.id, due)

    async def _reach_member(
        self, case: CrisisCase, member: Any, settings: GuildSettings, channel: Any
    ) -> None:
        now = self.services.clock.now()
        if case.level not in ("concern", "urgent"):
            await self._record_member(case.id, "not_needed")
            return
        if not may_message_member(await self.cases.last_member_message_at(member.id), now):
            await self._record_member(case.id, "cooldown")
            return
        country = await self.member_settings.country(member.id) or settings.country
        book = self.services.data.helplines
        text = messages.member_message(
            member.display_name,
            book.for_country(country, crisis_only=True),
            book.emergency_number(country),
            urgent=case.level == "urgent",
        )
        try:
            await self._deliver(lambda: member.send(text))
        except discord.Forbidden:
            log.info("crisis case %s: member DMs closed; trying a private thread", case.id)
        except DeliveryFailed as exc:
            log.error("crisis case %s: DM failed after retries (%s)", case.id, exc)
        else:
            await self._record_member(case.id, "dm")
            return
        if await self._thread_fallback(case, member, channel, text):
            await self._record_member(case.id, "thread")
        else:
            await self._record_member(case.id, "failed", "DM and private thread both failed")

    async def _thread_fallback(
        self, case: CrisisCase, member: Any, channel: Any, text: str
    ) -> bool:
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel):
            return False
        try:
            thread = await self._deliver(
                lambda: parent.create_thread(
                    name="A check-in from Kindred",
                    type=discord.ChannelType.private_thread,
                    invitable=False,
                    reason=f"crisis case {case.id}: member DMs closed",
                )
            )
            await self._deliver(lambda: thread.add_user(member))
            body = messages.thread_message(member.id) + "\n" + text.split("\n", 2)[-1]
            await self._deliver(
                lambda: thread.send(
                    body[:2000], allowed_mentions=discord.AllowedMentions(users=[member])
                )
            )
        except (discord.HTTPException, DeliveryFailed):
            log.exception("crisis case %s: private thread fallback failed", case.id)
            return False
        return True

    async def _alert_staff(
        self,
        case: CrisisCase,
        guild: discord.Guild | None,
        settings: GuildSettings,
        jump_url: str | None,
    ) -> bool:
        """Post the alert in the staff channel; else DM the coordinators. True when delivered."""
        channel = (
            guild.get_channel(settings.staff_channel_id)
            if guild and settings.staff_channel_id
            else None
        )
        if isinstance(channel, discord.TextChannel):
            ping = settings.oncall_role_id if case.level == "urgent" else None
            embed = await self._alert_embed(case, jump_url)
            try:
                message = await self._deliver(
                    lambda: channel.send(
                        messages.alert_content(case, ping),
                        embed=embed,
                        view=alert_view(case.id, case.status),
                        allowed_mentions=discord.AllowedMentions(
                            roles=[discord.Object(ping)] if ping else False, users=False
                        ),
                    )
                )
            except (discord.HTTPException, DeliveryFailed) as exc:
                log.error(
                    "crisis case %s: staff alert failed (%s); DMing coordinators", case.id, exc
                )
            else:
                detail = f"channel {channel.id}" + (f", pinged role {ping}" if ping else "")
                await self.cases.mark_alerted(
                    case.id, channel.id, message.id, self.services.clock.now(), detail
                )
                return True
        if case.level == "watch":
            await self.cases.add_event(
                case.id,
                "staff_not_alerted",
                self.services.clock.now(),
                detail="watch level and no staff channel",
            )
            return False
        name = guild.name if guild else "your server"
        reached = await self._dm_coordinators(
            guild, settings, messages.no_staff_channel_dm(case, name)
        )
        await self.cases.add_event(
            case.id, "coordinators_dmed", self.services.clock.now(), detail=f"{reached} reached"
        )
        if not reached:
            log.critical("crisis case %s: NO staff member could be alerted", case.id)
        return reached > 0

    async def _dm_coordinators(
        self, guild: discord.Guild | None, settings: GuildSettings, text: str
    ) -> int:
        """DM every coordinator (or the owner when no coordinator role is set); count reached."""
        if guild is None:
            return 0
        people: list[discord.Member] = []
        role = (
            guild.get_role(settings.coordinator_role_id) if settings.coordinator_role_id else None
        )
        if role is not None:
            people = [m for m in role.members if not m.bot]
        if not people and guild.owner is not None:
            people = [guild.owner]
        reached = 0
        for person in people:
            try:
                await self._deliver(lambda p=person: p.send(text))  # type: ignore[misc]
                reached += 1
            except (discord.HTTPException, DeliveryFailed):
                log.warning("could not DM coordinator %s", person.id)
        return reached

    async def _group_text(self, case: CrisisCase) -> str | None:
        """The member's cohort group and its moderator, for the alert."""
        if case.guild_id is None or case.user_id is None:
            return None
        for enrolment in await self.cohorts.active_for_user(case.guild_id, case.user_id):
            if enrolment.group_id is None:
                continue
            group = await self.cohorts.group(enrolment.group_id)
            cohort = await self.cohorts.get(enrolment.cohort_id)
            if group is None or cohort is None:
                continue
            moderator = f", moderator <@{group.moderator_id}>" if group.moderator_id else ""
            return f"{cohort.name}, group {group.number}{moderator}"
        return None

    async def _alert_embed(self, case: CrisisCase, jump_url: str | None) -> discord.Embed:
        embed = discord.Embed(
            title=messages.LEVEL_TITLE[case.level], colour=messages.LEVEL_COLOUR[case.level]
        )
        group = await self._group_text(case)
        for name, value in messages.alert_fields(case, jump_url, group=group):
            embed.add_field(name=name, value=value[:1024], inline=name in ("Member", "Group"))
        embed.set_footer(text=f"Case #{case.id} · the member's message stays where it is")
        embed.timestamp = case.created_at
        return embed

    async def _refresh_alert(self, case: CrisisCase) -> None:
        """Show the case's new status on its alert (best effort: the record is the truth)."""
        if not case.alert_channel_id or not case.alert_message_id:
            return
        channel = self.bot.get_channel(case.alert_channel_id)
        if not isinstance(channel, discord.TextChannel):
            return
        try:
            message = channel.get_partial_message(case.alert_message_id)
            await message.edit(
                embed=await self._alert_embed(case, None), view=alert_view(case.id, case.status)
            )
        except discord.HTTPException:
            log.warning("could not update the alert of crisis case %s", case.id)

    # --- deadlines and follow-ups (jobs) --------------------------------------------------------

    async def _on_deadline(self, job: Any) -> None:
        """Nobody claimed in time: ping the backup role, DM coordinators, and repeat."""
        case = await self.cases.get(job.entity_id)
        if case is None or not case.is_open:
            return
        guild = self.bot.get_guild(case.guild_id) if case.guild_id else None
        if case.guild_id and guild is None:
            # Never escalate into the void: fail so the job is retried once the server is back.
            raise RuntimeError(
                f"server {case.guild_id} is not available to escalate case {case.id}"
            )
        settings = await self._settings(guild)
        now = self.services.clock.now()
        waited = int((now - case.created_at).total_seconds() // 60)
        if case.alert_message_id is None:
            await self._alert_staff(case, guild, settings, None)  # try the alert again
        channel = (
            guild.get_channel(settings.staff_channel_id)
            if guild and settings.staff_channel_id
            else None
        )
        pinged = "no staff channel"
        if isinstance(channel, discord.TextChannel):
            roles = [r for r in (settings.backup_role_id, settings.oncall_role_id) if r]
            try:
                await self._deliver(
                    lambda: channel.send(
                        messages.escalation_content(case, waited, settings.backup_role_id),
                        allowed_mentions=discord.AllowedMentions(
                            roles=[discord.Object(r) for r in roles] or False
                        ),
                    )
                )
                pinged = f"backup role {settings.backup_role_id}"
            except (discord.HTTPException, DeliveryFailed):
                log.exception("crisis case %s: escalation post failed", case.id)
                pinged = "staff channel post failed"
        name = guild.name if guild else "your server"
        reached = await self._dm_coordinators(
            guild, settings, messages.coordinator_dm(case, waited, name)
        )
        await self.cases.record_escalation(case.id, now, f"{pinged}; {reached} coordinator(s) DMed")
        minutes = ack_minutes(case.level, settings) or 60
        await self.services.jobs.schedule(DEADLINE, case.id, now + timedelta(minutes=minutes))

    async def _on_followup(self, job: Any) -> None:
        """Remind the moderator who resolved a case to check in with the member."""
        case = await self.cases.get(job.entity_id)
        if case is None or case.status != "resolved" or case.closed_by is None:
            return
        moderator = self.bot.get_user(case.closed_by) or await self.bot.fetch_user(case.closed_by)
        try:
            await self._deliver(lambda: moderator.send(messages.followup_reminder(case)))
            detail = "DM"
        except (discord.HTTPException, DeliveryFailed):
            guild = self.bot.get_guild(case.guild_id) if case.guild_id else None
            settings = await self._settings(guild)
            channel = (
                guild.get_channel(settings.staff_channel_id)
                if guild and settings.staff_channel_id
                else None
            )
            if not isinstance(channel, discord.TextChannel):
                raise  # the job is retried with back-off
            await self._deliver(
                lambda: channel.send(
                    f"<@{case.closed_by}> " + messages.followup_reminder(case),
                    allowed_mentions=discord.AllowedMentions(users=True),
                )
            )
            detail = "staff channel"
        await self.cases.add_event(
            case.id, "followup_sent", self.services.clock.now(), detail=detail
        )

    async def _on_retention(self, job: Any) -> None:
        """Erase excerpts past the retention period, then come back tomorrow."""
        now = self.services.clock.now()
        days = self.services.settings.retention_days
        purged = await self.cases.purge_excerpts(now - timedelta(days=days))
        if purged:
            log.info("retention: erased the excerpts of %d crisis case(s)", purged)
        await self.services.jobs.schedule(RETENTION, 0, now + timedelta(days=1))

    # --- buttons and modals -------------------------------------------------------------------

    async def handle_button(
        self, interaction: discord.Interaction, action: str, case_id: int
    ) -> None:
        """Claim, Resolve or False alarm on a staff alert."""
        case = await self._case_for(interaction, case_id)
        if action == "claim":
            now = self.services.clock.now()
            if not await self.cases.claim(case.id, interaction.user.id, now):
                raise UserFacingError(
                    messages.ALREADY_TAKEN.format(
                        case_id=case.id, status=case.status.replace("_", " ")
                    )
                )
            await self.services.jobs.cancel(DEADLINE, case.id)
            claimed = await self.cases.get(case.id)
            assert claimed is not None
            await interaction.response.edit_message(
                embed=await self._alert_embed(claimed, None),
                view=alert_view(claimed.id, claimed.status),
            )
            await interaction.followup.send(
                messages.CLAIMED.format(case_id=case.id), ephemeral=True
            )
            return
        if case.status not in ("open", "claimed"):
            raise UserFacingError(
                messages.ALREADY_TAKEN.format(case_id=case.id, status=case.status.replace("_", " "))
            )
        await interaction.response.send_modal(ReasonModal(case.id, action))

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
            raise UserFacingError(
                messages.ALREADY_TAKEN.format(case_id=case.id, status=case.status.replace("_", " "))
            )
        await self.services.jobs.cancel(DEADLINE, case.id)
        if status == "resolved":
            await self.services.jobs.schedule(FOLLOWUP, case.id, now + FOLLOWUP_AFTER)
        closed = await self.cases.get(case.id)
        assert closed is not None
        await self._refresh_alert(closed)
        text = messages.RESOLVED if status == "resolved" else messages.FALSE_ALARM
        await interaction.response.send_message(text.format(case_id=case.id), ephemeral=True)

    async def _case_for(self, interaction: discord.Interaction, case_id: int) -> CrisisCase:
        guild = interaction.guild
        if guild is None or not isinstance(interaction.user, discord.Member):
            raise UserFacingError("Crisis cases are handled inside the server.")
        settings = await self.services.guild_settings.get(guild.id)
        if not is_moderator(interaction.user, settings):
            raise UserFacingError("Only moderators can act on crisis cases.")
        case = await self.cases.get(case_id)
        if case is None or case.guild_id != guild.id:
            raise UserFacingError(messages.NOT_FOUND.format(case_id=case_id))
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
        from cogs.admin.rules import country_choices

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
        await interaction.response.defer(ephemeral=True, thinking=True)
        case = await self.cases.open_case(
            guild_id=interaction.guild.id,
            user_id=member.id,
            channel_id=interaction.channel_id,
            message_id=None,
            source="manual",
            level=level,
            rules=(),
            reason=f"Opened by a moderator: {note}" if note else "Opened by a moderator.",
            excerpt=None,
            now=self.services.clock.now(),
            actor_id=interaction.user.id,
        )
        assert case is not None
        await self.respond(case, member, interaction.guild, interaction.channel, None)
        await interaction.followup.send(
            messages.OPENED_MANUALLY.format(case_id=case.id, member=member.mention), ephemeral=True
        )

    @crisis_group.command(name="case")
    @app_commands.describe(case_id="The case number from the alert")
    @moderators_only()
    async def crisis_case(self, interaction: discord.Interaction, case_id: int) -> None:
        """Show a crisis case and every step taken on it."""
        case = await self._case_for(interaction, case_id)
        text = messages.case_record(case, await self.cases.events(case.id))
        await interaction.response.send_message(text[:2000], ephemeral=True)

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

    async def _deliver(self, send: Callable[[], Awaitable[T]]) -> T:
        """Call ``send`` with retries for transient failures; 403/404 are not retried."""
        last: Exception | None = None
        for attempt, pause in enumerate((0.0, *self.retry_delays)):
            if pause:
                await asyncio.sleep(pause)
            try:
                return await send()
            except (discord.Forbidden, discord.NotFound):
                raise
            except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as exc:
                last = exc
                log.warning("delivery attempt %d failed: %s", attempt + 1, type(exc).__name__)
        raise DeliveryFailed(repr(last))

    async def _record_member(self, case_id: int, how: str, detail: str | None = None) -> None:
        await self.cases.mark_member_notified(case_id, how, self.services.clock.now(), detail)

    async def _settings(self, guild: discord.Guild | None) -> GuildSettings:
        if guild is None:
            return GuildSettings(guild_id=0)
        return await self.services.guild_settings.get(guild.id)

    async def _staff_channel_id(self, guild_id: int) -> int | None:
        return (await self.services.guild_settings.get(guild_id)).staff_channel_id

    async def _is_staff_channel(self, message: discord.Message) -> bool:
        assert message.guild is not None
        staff = await self._staff_channel_id(message.guild.id)
        channel_id = message.channel.id
        parent = getattr(message.channel, "parent_id", None)
        return staff is not None and staff in (channel_id, parent)

    def _home_guild(self, user_id: int) -> discord.Guild | None:
        """For a DM: the first server Kindred shares with the member."""
        for guild in self.bot.guilds:
            if guild.get_member(user_id) is not None:
                return guild
        return None

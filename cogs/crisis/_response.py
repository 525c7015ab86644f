"""The crisis response: the case is the outbox, and its steps are jobs (Discord glue).

A case is written together with its first steps (staff alert now, member message now, the
acknowledgement deadline later) in one transaction, before any Discord call. The steps then
run at once, side by side, and each step is a job row: a crash, a hang or a restart after the
commit leaves the row pending, and start-up runs it. So a saved case always reaches a person.

- ``crisis_alert``: the staff chain (staff channel, then DMs to the on-call role, the backup
  role, the coordinators and the owner), moving on whenever a step fails. When every step
  fails, the case records it and the job retries until someone is reached.
- ``crisis_member``: the member's helplines by DM, else in a private thread; never waits for,
  and is never waited on by, the staff alert.
- ``crisis_deadline``: unclaimed after the deadline: escalate, and again every deadline.

Every Discord call goes through the bot's ``Messenger`` (a short timeout per attempt, bounded
retries), so a request Discord never answers becomes a retry, never a wait.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import discord

from cogs.crisis import messages
from cogs.crisis.policy import (
    ALERT_LEVELS,
    CRISIS_RETRY_CAP,
    ack_minutes,
    first_steps,
    may_message_member,
    staff_chain,
)
from cogs.crisis.views import alert_view
from cogs.utils.delivery import Delivery, Messenger
from cogs.utils.jobs import KindPolicy
from db.models import CaseJoin, CrisisCase, GuildSettings, Job
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository

log = logging.getLogger(__name__)

ALERT = "crisis_alert"
MEMBER = "crisis_member"
DEADLINE = "crisis_deadline"
FOLLOWUP = "crisis_followup"
RETENTION = "crisis_retention"  # one daily sweep (entity 0)

# A crisis step never gives up; a failing one is retried within CRISIS_RETRY_CAP, and overdue
# steps at start-up run side by side so one hung delivery cannot hold up the rest.
CRISIS_STEP = KindPolicy(forever=True, max_delay=CRISIS_RETRY_CAP, concurrent=True)
# A member's message is worth a few retries for transient failures, then it is recorded as
# failed (the alert says so, and moderators reach out themselves).
MEMBER_ATTEMPTS = 3


class NobodyReached(RuntimeError):
    """Every step of the staff chain failed; the job is retried until someone is told."""


class ServerUnavailable(RuntimeError):
    """The case's server is not in the cache (yet): retry rather than tell nobody."""


class CrisisResponse:
    """Mixin for ``CrisisCog``: opening a case and running its steps."""

    bot: Any
    services: Any
    cases: CrisisRepository
    member_settings: MemberSettingsRepository
    cohorts: CohortRepository

    @property
    def messenger(self) -> Messenger:
        """The bot's one delivery service."""
        return self.bot.messenger

    def register_jobs(self) -> None:
        """Say which handler runs each crisis job kind (from ``__init__``)."""
        jobs = self.services.jobs
        jobs.register(ALERT, self._on_alert, CRISIS_STEP)
        # Delivery failures are bounded by MEMBER_ATTEMPTS inside the handler; a server that
        # is not available yet is waited for, however long.
        jobs.register(MEMBER, self._on_member, CRISIS_STEP)
        jobs.register(DEADLINE, self._on_deadline, CRISIS_STEP)
        jobs.register(FOLLOWUP, self._on_followup)
        jobs.register(RETENTION, self._on_retention)

    # --- opening ------------------------------------------------------------------------------

    async def open_and_respond(
        self,
        *,
        guild_id: int | None,
        user_id: int,
        channel_id: int | None,
        message_id: int | None,
        source: str,
        level: str,
        rules: tuple[str, ...],
        reason: str,
        excerpt: str | None,
        actor_id: int | None = None,
        also_abusive: str | None = None,
        automod_rule: str | None = None,
        join: CaseJoin | None = None,
        joined_detail: str = "",
    ) -> CrisisCase | None:
        """Write the case with its steps in one transaction, then run the steps at once.

        Returns the case (None when the message already had one, or when ``join`` found the
        member's recent open case and added the message to it: that case is already running).
        By the time this returns the first attempts have run; whatever did not finish is a
        pending job.
        """
        now = self.services.clock.now()
        settings = (
            await self.services.guild_settings.get(guild_id) if guild_id else GuildSettings(0)
        )
        opened = await self.cases.open_or_join(
            guild_id=guild_id,
            user_id=user_id,
            channel_id=channel_id,
            message_id=message_id,
            source=source,
            level=level,
            rules=rules,
            reason=reason,
            excerpt=excerpt,
            now=now,
            actor_id=actor_id,
            steps=first_steps(level, settings, now, alert=ALERT, member=MEMBER, deadline=DEADLINE),
            also_abusive=also_abusive,
            automod_rule=automod_rule,
            join=join,
            joined_detail=joined_detail,
        )
        if opened is None:
            return None
        case, joined = opened
        if joined:
            log.warning("crisis case %s: the member's new message joined it", case.id)
            return None
        log.warning("crisis case %s opened: %s in guild %s", case.id, case.level, case.guild_id)
        jobs = self.services.jobs
        await jobs.run_now(DEADLINE, case.id)  # not due: this arms its alarm
        # Staff first and the member at once: neither waits for the other.
        await asyncio.gather(jobs.run_now(ALERT, case.id), jobs.run_now(MEMBER, case.id))
        return await self.cases.get(case.id) or case

    # --- the staff chain ----------------------------------------------------------------------

    async def _on_alert(self, job: Job) -> None:
        """Tell a person on the staff side about a new case (idempotent)."""
        case = await self.cases.get(job.entity_id)
        if case is None or case.staff_reached is not None or not case.is_open:
            return  # told already, or someone has it
        if case.guild_id is None:
            # A DM from someone who shares no server with Kindred: no team to tell. They
            # still get the helplines (the member step); the case records why nobody was.
            await self.cases.add_event(
                case.id,
                "staff_not_alerted",
                self.services.clock.now(),
                detail="the member shares no server with Kindred, so there is no team to tell",
            )
            return
        guild = self._guild_of(case)
        settings = await self._settings(guild)
        if await self._tell_staff(case, guild, settings):
            return
        if case.level not in ALERT_LEVELS:
            await self.cases.add_event(
                case.id,
                "staff_not_alerted",
                self.services.clock.now(),
                detail="watch level: staff channel only, and it could not be used",
            )
            return
        log.critical("crisis case %s: NO staff member could be told; retrying", case.id)
        raise NobodyReached(f"case {case.id}: every step of the staff chain failed")

    async def _tell_staff(
        self, case: CrisisCase, guild: discord.Guild | None, settings: GuildSettings
    ) -> bool:
        """Run the staff chain until one step reaches a person; record each failure."""
        tried: set[int] = set()
        failures: list[str] = []
        now = self.services.clock.now
        for step in staff_chain(settings, case.level):
            if step.how == "channel":
                outcome = await self._post_alert(case, guild, settings)
                if outcome is None:
                    return True
                failures.append(f"staff channel: {outcome}")
                continue
            people = self._step_people(guild, step.how, step.role_id, tried)
            if step.how == "dm_owner" and not people and guild and guild.owner_id:
                owner = await self.messenger.user(guild.owner_id)
                people = [owner] if owner is not None and owner.id not in tried else []
            if not people:
                failures.append(f"{step.how}: nobody to DM")
                continue
            tried.update(p.id for p in people)
            name = guild.name if guild else "your server"
            text = (
                messages.owner_dm(case, name)
                if step.how == "dm_owner"
                else messages.no_staff_channel_dm(case, name)
            )
            reached = await self._dm_all(people, text)
            if reached:
                await self.cases.mark_staff_reached(
                    case.id, step.how, now(), f"{reached} of {len(people)} DMed"
                )
                return True
            failures.append(f"{step.how}: 0 of {len(people)} DMs delivered")
        await self.cases.add_event(
            case.id, "staff_unreachable", now(), detail="; ".join(failures) or "no steps"
        )
        return False

    async def _post_alert(
        self, case: CrisisCase, guild: discord.Guild | None, settings: GuildSettings
    ) -> str | None:
        """Post the alert in the staff channel; None when posted, else why not."""
        channel = self._staff_channel(guild, settings)
        if channel is None:
            return "missing or not a text channel"
        ping = settings.oncall_role_id if case.level == "urgent" else None
        sent = await self.messenger.post(
            channel,
            messages.alert_content(case, ping),
            embed=await self._alert_embed(case),
            view=alert_view(case.id, case.status),
            mentions=discord.AllowedMentions(
                roles=[discord.Object(ping)] if ping else False, users=False, everyone=False
            ),
        )
        if not sent.sent:
            return f"{sent.status} ({sent.error})"
        detail = f"channel {channel.id}" + (f", pinged role {ping}" if ping else "")
        await self.cases.mark_alerted(
            case.id, channel.id, sent.message.id, self.services.clock.now(), detail
        )
        # The member step may have finished while the alert was on its way: show it.
        fresh = await self.cases.get(case.id)
        if fresh is not None and fresh.member_notified != case.member_notified:
            await self._refresh_alert(fresh)
        return None

    def _step_people(
        self, guild: discord.Guild | None, how: str, role_id: int | None, tried: set[int]
    ) -> list[discord.abc.User]:
        """The people a DM step reaches (no bots, nobody DMed by an earlier step)."""
        if guild is None:
            return []
        if how == "dm_owner":
            owner = guild.owner
            return [owner] if owner is not None and owner.id not in tried else []
        role = guild.get_role(role_id) if role_id else None
        if role is None:
            return []
        return [m for m in role.members if not m.bot and m.id not in tried]

    async def _dm_all(self, people: Iterable[discord.abc.User], text: str) -> int:
        """DM everyone at once; how many were reached."""
        results = await asyncio.gather(*(self.messenger.dm(p, text) for p in people))
        return sum(1 for r in results if r.sent)

    # --- the member ---------------------------------------------------------------------------

    async def _on_member(self, job: Job) -> None:
        """The member's private message: helplines by DM, else a private thread (idempotent)."""
        case = await self.cases.get(job.entity_id)
        if case is None or case.member_notified is not None:
            return
        if case.level not in ALERT_LEVELS or case.user_id is None:
            await self._record_member(case.id, "not_needed")
            return
        now = self.services.clock.now()
        if not may_message_member(await self.cases.last_member_message_at(case.user_id), now):
            await self._record_member(case.id, "cooldown")
            await self._after_member(case.id)
            return
        guild = self._guild_of(case)
        settings = await self._settings(guild)
        member: Any = guild.get_member(case.user_id) if guild else None
        member = member or await self.messenger.user(case.user_id)
        country = await self.member_settings.country(case.user_id) or settings.country
        book = self.services.data.helplines
        text = messages.member_message(
            getattr(member, "display_name", None) or "there",
            book.for_country(country, crisis_only=True),
            book.emergency_number(country),
            urgent=case.level == "urgent",
            blocked=case.blocked_by_automod,
        )
        dm = (
            await self.messenger.dm(member, text)
            if member is not None
            else Delivery("failed", error="the member could not be looked up")
        )
        if dm.sent:
            await self._record_member(case.id, "dm")
        elif await self._thread_fallback(case, member, guild, text):
            await self._record_member(case.id, "thread")
        elif dm.status == "failed" and job.attempts < MEMBER_ATTEMPTS:
            # Discord did not answer (not a refusal): try again shortly, as a job.
            raise RuntimeError(f"case {case.id}: member not reached yet ({dm.error})")
        else:
            await self._record_member(
                case.id, "failed", f"DM {dm.status}; private thread not possible or failed"
            )
        await self._after_member(case.id)

    async def _thread_fallback(
        self, case: CrisisCase, member: Any, guild: discord.Guild | None, text: str
    ) -> bool:
        """A private thread where the member wrote, when their DMs are closed."""
        if member is None or guild is None or case.channel_id is None:
            return False
        channel = guild.get_channel_or_thread(case.channel_id)
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel):
            return False
        body = messages.thread_message(member.id) + "\n" + text.split("\n", 2)[-1]
        sent = await self.messenger.private_thread(
            parent,
            member,
            "A check-in from Kindred",
            body,
            reason=f"crisis case {case.id}: member DMs closed",
        )
        return sent.sent

    async def _after_member(self, case_id: int) -> None:
        """Show how the member was reached on the alert, if it is already posted."""
        case = await self.cases.get(case_id)
        if case is not None and case.alert_message_id is not None:
            await self._refresh_alert(case)

    async def _record_member(self, case_id: int, how: str, detail: str | None = None) -> None:
        await self.cases.mark_member_notified(case_id, how, self.services.clock.now(), detail)

    # --- deadlines, follow-ups and retention --------------------------------------------------

    async def _on_deadline(self, job: Job) -> None:
        """Nobody claimed in time: tell the backup role and the coordinators, and repeat."""
        case = await self.cases.get(job.entity_id)
        if case is None or not case.is_open:
            return
        guild = self._guild_of(case)
        settings = await self._settings(guild)
        now = self.services.clock.now()
        waited = int((now - case.created_at).total_seconds() // 60)
        if case.staff_reached is None:
            await self._tell_staff(case, guild, settings)  # the first alert never got through
        told: list[str] = []
        channel = self._staff_channel(guild, settings)
        if channel is not None:
            roles = [r for r in (settings.backup_role_id, settings.oncall_role_id) if r]
            posted = await self.messenger.post(
                channel,
                messages.escalation_content(case, waited, settings.backup_role_id),
                mentions=discord.AllowedMentions(
                    roles=[discord.Object(r) for r in roles] or False, users=False
                ),
            )
            if posted.sent:
                told.append(f"staff channel (pinged backup role {settings.backup_role_id})")
        name = guild.name if guild else "your server"
        text = messages.coordinator_dm(case, waited, name)
        tried: set[int] = set()
        for how, role in (
            ("dm_backup", settings.backup_role_id),
            ("dm_coordinators", settings.coordinator_role_id),
            ("dm_oncall", settings.oncall_role_id),
            ("dm_owner", None),
        ):
            if how in ("dm_oncall", "dm_owner") and told:
                break  # the on-call role and the owner are the fallback, not every escalation
            people = self._step_people(guild, how, role, tried)
            tried.update(p.id for p in people)
            body = messages.owner_dm(case, name) if how == "dm_owner" else text
            reached = await self._dm_all(people, body) if people else 0
            if reached:
                told.append(f"{how}: {reached} of {len(people)}")
        if not told:
            await self.cases.add_event(
                case.id, "escalation_unreachable", now, detail="nobody could be told; retrying"
            )
            log.critical("crisis case %s: escalation reached nobody; retrying", case.id)
            raise NobodyReached(f"case {case.id}: the escalation reached nobody")
        await self.cases.record_escalation(case.id, now, "; ".join(told))
        minutes = ack_minutes(case.level, settings) or 60
        await self.services.jobs.schedule(DEADLINE, case.id, now + timedelta(minutes=minutes))

    async def _on_followup(self, job: Job) -> None:
        """Remind the moderator who resolved a case to check in with the member."""
        case = await self.cases.get(job.entity_id)
        if case is None or case.status != "resolved" or case.closed_by is None:
            return
        text = messages.followup_reminder(case)
        sent = await self.messenger.dm(case.closed_by, text)
        detail = "DM"
        if not sent.sent:
            guild = self._guild_of(case)
            channel = self._staff_channel(guild, await self._settings(guild))
            if channel is None:
                raise RuntimeError(f"case {case.id}: follow-up reminder not delivered")
            posted = await self.messenger.post(
                channel,
                f"<@{case.closed_by}> " + text,
                mentions=discord.AllowedMentions(users=[discord.Object(case.closed_by)]),
            )
            if not posted.sent:
                raise RuntimeError(f"case {case.id}: follow-up reminder not delivered")
            detail = "staff channel"
        await self.cases.add_event(
            case.id, "followup_sent", self.services.clock.now(), detail=detail
        )

    async def _on_retention(self, job: Job) -> None:
        """Erase excerpts past the retention period, then come back tomorrow."""
        now = self.services.clock.now()
        days = self.services.settings.retention_days
        purged = await self.cases.purge_excerpts(now - timedelta(days=days))
        if purged:
            log.info("retention: erased the excerpts of %d crisis case(s)", purged)
        await self.services.jobs.schedule(RETENTION, 0, now + timedelta(days=1))

    # --- the alert ----------------------------------------------------------------------------

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

    async def _alert_embed(self, case: CrisisCase) -> discord.Embed:
        embed = discord.Embed(
            title=messages.LEVEL_TITLE[case.level], colour=messages.LEVEL_COLOUR[case.level]
        )
        group = await self._group_text(case)
        for name, value in messages.alert_fields(case, jump_url(case), group):
            embed.add_field(name=name, value=value[:1024], inline=name in ("Member", "Group"))
        embed.set_footer(text=messages.alert_footer(case))
        embed.timestamp = case.created_at
        return embed

    async def _refresh_alert(self, case: CrisisCase) -> None:
        """Show the case's new status on its alert (best effort: the record is the truth)."""
        if not case.alert_channel_id or not case.alert_message_id:
            return
        channel = self.bot.get_channel(case.alert_channel_id)
        if not isinstance(channel, discord.TextChannel):
            return
        message = channel.get_partial_message(case.alert_message_id)
        await self.messenger.edit(
            message, embed=await self._alert_embed(case), view=alert_view(case.id, case.status)
        )

    # --- helpers ------------------------------------------------------------------------------

    def _guild_of(self, case: CrisisCase) -> discord.Guild | None:
        """The case's server; raise (so the job retries) when it is not available yet."""
        if case.guild_id is None:
            return None
        guild = self.bot.get_guild(case.guild_id)
        if guild is None:
            # Never tell the void: fail so the job is retried once the server is back.
            raise ServerUnavailable(f"server {case.guild_id} is not available for case {case.id}")
        return guild

    async def _settings(self, guild: discord.Guild | None) -> GuildSettings:
        if guild is None:
            return GuildSettings(guild_id=0)
        return await self.services.guild_settings.get(guild.id)

    @staticmethod
    def _staff_channel(
        guild: discord.Guild | None, settings: GuildSettings
    ) -> discord.TextChannel | None:
        if guild is None or not settings.staff_channel_id:
            return None
        channel = guild.get_channel(settings.staff_channel_id)
        return channel if isinstance(channel, discord.TextChannel) else None


def jump_url(case: CrisisCase) -> str | None:
    """A link to the member's message (DMs link into the member's own DM with Kindred)."""
    if case.message_id is None or case.channel_id is None:
        return None
    where = "@me" if case.source == "dm" else case.guild_id
    return f"https://discord.com/channels/{where}/{case.channel_id}/{case.message_id}"

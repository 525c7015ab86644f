"""The crisis response's steps, each a job: the staff chain, the member, escalation (no discord).

A case is written with its first steps (``CrisisService.open_and_respond``); each step is a
job row, so a crash, a hang or a restart leaves it pending and start-up runs it again. Every
handler re-reads the case and returns early when its work is done, so running twice repeats
nothing. Discord is reached only through the ``CrisisOutbox``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta

from cogs.crisis import messages
from cogs.crisis.helplines import HelplineBook
from cogs.crisis.policy import (
    ALERT_LEVELS,
    CRISIS_RETRY_CAP,
    ack_minutes,
    may_message_member,
    staff_chain,
)
from cogs.crisis.ports import CrisisOutbox, OutboxMissing, Server
from cogs.members.language import decide
from cogs.utils.clock import Clock
from cogs.utils.i18n import N_, speaking, t, tp
from cogs.utils.jobs import JobScheduler, KindPolicy
from db.locks import hold
from db.models import CrisisCase, GuildSettings, Job
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.members import MemberLanguageRepository

log = logging.getLogger(__name__)

ALERT = "crisis_alert"
MEMBER = "crisis_member"
DEADLINE = "crisis_deadline"
FOLLOWUP = "crisis_followup"
RETENTION = "crisis_retention"  # one daily sweep (entity 0)
# An escalation's DM steps that could not be done where it ran (Discord did not list a role's
# holders in a server another process holds), handed to the process holding the server, whose
# cache has them. Bound to the server; the case's record says which steps.
HANDOFF = "crisis_handoff"

# A crisis step never gives up; a failing one is retried within CRISIS_RETRY_CAP, and overdue
# steps at start-up run side by side so one hung delivery cannot hold up the rest.
CRISIS_STEP = KindPolicy(forever=True, max_delay=CRISIS_RETRY_CAP, concurrent=True)
# A member's message is worth a few retries for transient failures, then it is recorded as
# failed (the alert says so, and moderators reach out themselves).
MEMBER_ATTEMPTS = 3
THREAD_NAME = N_("A check-in from Kindred")
# Why a DM step reached nobody in a server another process holds (its members are listed over
# REST there, and Discord did not answer).
ROLE_NOT_LISTED = "Discord did not list who holds the role"
STEP_FAILED = "escalation_step_failed"  # the case event naming them (``on_handoff`` reads it)
# An escalation's DM steps, in order: the on-call role and the owner only when nobody else was.
ESCALATION_STEPS = ("dm_backup", "dm_coordinators", "dm_oncall", "dm_owner")


class NobodyReached(RuntimeError):
    """Every step of the staff chain failed; the job is retried until someone is told."""


class ServerUnavailable(RuntimeError):
    """The case's server is not in the cache (yet): retry rather than tell nobody."""


class CrisisSteps:
    """Mixin for ``CrisisService``: the job handlers and what they share."""

    cases: CrisisRepository
    member_settings: MemberSettingsRepository
    languages: MemberLanguageRepository
    cohorts: CohortRepository
    guild_settings: GuildSettingsRepository
    jobs: JobScheduler
    clock: Clock
    helplines: HelplineBook
    retention_days: int
    _outbox: CrisisOutbox | None

    def register_jobs(self) -> None:
        """Say which handler runs each crisis job kind (once, when the service is built)."""
        self.jobs.register(ALERT, self.on_alert, CRISIS_STEP)
        # Delivery failures are bounded by MEMBER_ATTEMPTS inside the handler; a server that
        # is not available yet is waited for, however long.
        self.jobs.register(MEMBER, self.on_member, CRISIS_STEP)
        self.jobs.register(DEADLINE, self.on_deadline, CRISIS_STEP)
        self.jobs.register(HANDOFF, self.on_handoff, CRISIS_STEP)
        self.jobs.register(FOLLOWUP, self.on_followup)
        self.jobs.register(RETENTION, self.on_retention)

    @property
    def outbox(self) -> CrisisOutbox:
        """The attached adapter; a step that runs without one fails loudly and is retried."""
        if self._outbox is None:
            raise OutboxMissing("the crisis lane has no Discord adapter attached (cog not loaded)")
        return self._outbox

    # --- the staff chain ----------------------------------------------------------------------

    async def on_alert(self, job: Job) -> None:
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
                self.clock.now(),
                detail="the member shares no server with Kindred, so there is no team to tell",
            )
            return
        server = await self._server_of(case)
        settings = await self._settings(server)
        if await self._tell_staff(case, server, settings):
            return
        if case.level not in ALERT_LEVELS:
            await self.cases.add_event(
                case.id,
                "staff_not_alerted",
                self.clock.now(),
                detail=f"{case.level} level: staff channel only, and it could not be used",
            )
            return
        log.critical("crisis case %s: NO staff member could be told; retrying", case.id)
        raise NobodyReached(f"case {case.id}: every step of the staff chain failed")

    async def _tell_staff(
        self, case: CrisisCase, server: Server | None, settings: GuildSettings
    ) -> bool:
        """Run the staff chain until one step reaches a person; record each failure."""
        tried: set[int] = set()
        failures: list[str] = []
        now = self.clock.now
        for step in staff_chain(settings, case.level):
            if step.how == "channel":
                outcome = await self._post_alert(case, server, settings)
                if outcome is None:
                    return True
                failures.append(f"staff channel: {outcome}")
                continue
            people = await self._step_people(server, step.how, step.role_id, tried, look_up=True)
            if people is None:
                failures.append(f"{step.how}: {ROLE_NOT_LISTED}")
                continue
            if not people:
                failures.append(f"{step.how}: nobody to DM")
                continue
            tried.update(people)
            name = server.name if server else "your server"
            text = (
                messages.owner_dm(case, name)
                if step.how == "dm_owner"
                else messages.no_staff_channel_dm(case, name)
            )
            reached = await self._dm_all(people, text)
            if reached:
                # The steps that could not be done stay on the record with the one that worked.
                before = f" (first: {'; '.join(failures)})" if failures else ""
                await self.cases.mark_staff_reached(
                    case.id, step.how, now(), f"{reached} of {len(people)} DMed{before}"
                )
                return True
            failures.append(f"{step.how}: 0 of {len(people)} DMs delivered")
        await self.cases.add_event(
            case.id, "staff_unreachable", now(), detail="; ".join(failures) or "no steps"
        )
        return False

    async def _post_alert(
        self, case: CrisisCase, server: Server | None, settings: GuildSettings
    ) -> str | None:
        """Post the alert in the staff channel; None when posted, else why not."""
        channel_id = self._staff_channel(server, settings)
        if channel_id is None:
            return "missing or not a text channel"
        ping = settings.oncall_role_id if case.level == "urgent" else None
        sent = await self.outbox.post_alert(
            case,
            channel_id,
            messages.alert_content(case, ping),
            ping,
            await self.group_text(case),
        )
        if not sent.sent:
            return f"{sent.status} ({sent.error})"
        detail = f"channel {channel_id}" + (f", pinged role {ping}" if ping else "")
        fresh = await self.cases.mark_alerted(
            case.id, channel_id, sent.message.id, self.clock.now(), detail
        )
        # The member step may have finished while the alert was on its way: show it.
        if fresh is not None and fresh.member_notified != case.member_notified:
            await self.refresh_alert(fresh)
        return None

    async def _step_people(
        self,
        server: Server | None,
        how: str,
        role_id: int | None,
        tried: set[int],
        *,
        look_up: bool,
    ) -> list[int] | None:
        """The people a DM step reaches (no bots, nobody DMed by an earlier step); None when
        Discord could not say who holds the role (a server another process holds).

        The owner is looked up when not cached only for a new case's chain (``look_up``);
        an escalation DMs them only from the cache, as the last resort it is.
        """
        if server is None:
            return []
        if how == "dm_owner":
            owner = await self.outbox.owner(server.id, look_up=look_up)
            return [owner] if owner is not None and owner not in tried else []
        if not role_id:
            return []
        holders = await self.outbox.role_holders(server.id, role_id)
        if holders is None:
            return None
        return [p for p in holders if p not in tried]

    async def _dm_all(self, people: Sequence[int], text: str) -> int:
        """DM everyone at once; how many were reached."""
        results = await asyncio.gather(*(self.outbox.dm(p, text) for p in people))
        return sum(1 for r in results if r.sent)

    # --- the member ---------------------------------------------------------------------------

    async def on_member(self, job: Job) -> None:
        """The member's private message: helplines by DM, else a private thread (idempotent)."""
        case = await self.cases.get(job.entity_id)
        if case is None or case.member_notified is not None:
            return
        if case.level not in ALERT_LEVELS or case.user_id is None:
            await self._record_member(case.id, "not_needed")
            return
        # From the once-an-hour check to the record, one case at a time per member, in every
        # process: two cases opened at once (two messages, or two servers) sent the helplines
        # twice within the hour.
        async with hold(self.cases.db, "crisis_member", case.user_id):
            await self._message_member(job, case)

    async def _message_member(self, job: Job, case: CrisisCase) -> None:
        """``on_member``'s work, under the member's lock."""
        assert case.user_id is not None
        now = self.clock.now()
        if not may_message_member(await self.cases.last_member_message_at(case.user_id), now):
            await self._show_member(await self._record_member(case.id, "cooldown"))
            return
        server = await self._server_of(case)
        settings = await self._settings(server)
        name = await self.outbox.member_name(case.guild_id, case.user_id)
        country = await self.member_settings.country(case.user_id) or settings.country
        # A job has no Discord locale: their own choice, else the locale Kindred last saw
        # from them, else the server's language.
        language = await self.member_language(case.user_id, case.guild_id, settings.language)
        with speaking(language):
            text = messages.member_message(
                name or tp("greeting someone whose name is unknown", "there"),
                self.helplines.for_country(country, crisis_only=True, language=language),
                self.helplines.emergency_number(country),
                urgent=case.level == "urgent",
                blocked=case.blocked_by_automod,
                language=language,
            )
            # The "More ways to get help" button is labelled as the DM is sent.
            dm = await self.outbox.member_dm(case.user_id, text, server.id if server else None)
            fallback = not dm.sent and await self._thread_fallback(case, server, text)
        if dm.sent:
            recorded = await self._record_member(case.id, "dm")
        elif fallback:
            recorded = await self._record_member(case.id, "thread")
        elif dm.status == "failed" and job.attempts < MEMBER_ATTEMPTS:
            # Discord did not answer (not a refusal): try again shortly, as a job.
            raise RuntimeError(f"case {case.id}: member not reached yet ({dm.error})")
        else:
            recorded = await self._record_member(
                case.id, "failed", f"DM {dm.status}; private thread not possible or failed"
            )
        await self._show_member(recorded)

    async def _thread_fallback(self, case: CrisisCase, server: Server | None, text: str) -> bool:
        """A private thread where the member wrote, when their DMs are closed."""
        if server is None or case.channel_id is None or case.user_id is None:
            return False
        body = messages.thread_message(case.user_id) + "\n" + text.split("\n", 2)[-1]
        sent = await self.outbox.private_thread(
            server.id,
            case.channel_id,
            case.user_id,
            t(THREAD_NAME),
            body,
            reason=f"crisis case {case.id}: member DMs closed",
        )
        return sent is not None and sent.sent

    async def member_language(
        self, user_id: int | None, guild_id: int | None, server: str | None = None
    ) -> str:
        """The language to write to a member in: their ``/language`` choice, else the Discord
        locale Kindred last saw from them, else the server's language (``server`` when the
        caller has read it; English with no server)."""
        own, locale = await self.languages.language_and_locale(user_id or 0)
        if server is None and guild_id:
            server = (await self.guild_settings.get(guild_id)).language
        return decide(own, locale, server)

    async def _show_member(self, case: CrisisCase | None) -> None:
        """Show how the member was reached on the alert, if it is already posted.

        ``case`` is as the member step's own write left it, so an alert posted before that
        write is seen here, and one posted after it sees the member's result itself.
        """
        if case is not None and case.alert_message_id is not None:
            await self.refresh_alert(case)

    async def _record_member(
        self, case_id: int, how: str, detail: str | None = None
    ) -> CrisisCase | None:
        return await self.cases.mark_member_notified(case_id, how, self.clock.now(), detail)

    # --- deadlines, follow-ups and retention --------------------------------------------------

    async def on_deadline(self, job: Job) -> None:
        """Nobody claimed in time: tell the backup role and the coordinators, and repeat."""
        case = await self.cases.get(job.entity_id)
        if case is None or not case.is_open:
            return
        server = await self._server_of(case)
        settings = await self._settings(server)
        now = self.clock.now()
        waited = int((now - case.created_at).total_seconds() // 60)
        if case.staff_reached is None:
            await self._tell_staff(case, server, settings)  # the first alert never got through
        told: list[str] = []
        channel_id = self._staff_channel(server, settings)
        if channel_id is not None:
            roles = [r for r in (settings.backup_role_id, settings.oncall_role_id) if r]
            posted = await self.outbox.post_escalation(
                channel_id,
                messages.escalation_content(case, waited, settings.backup_role_id),
                roles,
            )
            if posted.sent:
                told.append(f"staff channel (pinged backup role {settings.backup_role_id})")
        tried: set[int] = set()
        missed: list[str] = []
        for how in ESCALATION_STEPS:
            if how in ("dm_oncall", "dm_owner") and told:
                break  # the on-call role and the owner are the fallback, not every escalation
            reached, people = await self._escalation_dm(case, server, settings, how, waited, tried)
            if people is None:
                missed.append(how)  # said below; the next step goes on now
            elif reached:
                told.append(f"{how}: {reached} of {len(people)}")
        if missed:
            await self._say_missed(case, channel_id, missed)
            # The process holding the server has the role's holders cached: it tries now.
            await self.jobs.schedule(HANDOFF, case.id, now, guild_id=case.guild_id)
        if not told:
            await self.cases.add_event(
                case.id, "escalation_unreachable", now, detail="nobody could be told; retrying"
            )
            log.critical("crisis case %s: escalation reached nobody; retrying", case.id)
            raise NobodyReached(f"case {case.id}: the escalation reached nobody")
        await self.cases.record_escalation(case.id, now, "; ".join(told))
        minutes = ack_minutes(case.level, settings) or 60
        await self.jobs.schedule(DEADLINE, case.id, now + timedelta(minutes=minutes))

    async def _escalation_dm(
        self,
        case: CrisisCase,
        server: Server | None,
        settings: GuildSettings,
        how: str,
        waited: int,
        tried: set[int],
    ) -> tuple[int, list[int] | None]:
        """One DM step of an escalation: how many were reached, and who was tried (None: Discord
        did not say who holds the role)."""
        role = {
            "dm_backup": settings.backup_role_id,
            "dm_coordinators": settings.coordinator_role_id,
            "dm_oncall": settings.oncall_role_id,
        }.get(how)
        people = await self._step_people(server, how, role, tried, look_up=False)
        if not people:
            return 0, people
        tried.update(people)
        name = server.name if server else "your server"
        text = (
            messages.owner_dm(case, name)
            if how == "dm_owner"
            else messages.coordinator_dm(case, waited, name)
        )
        return await self._dm_all(people, text), people

    async def on_handoff(self, job: Job) -> None:
        """Where the server is held: the DM steps an escalation elsewhere could not do (its
        record says which), from this process's cache; recorded either way."""
        case = await self.cases.get(job.entity_id)
        if case is None or not case.is_open:
            return  # someone has it now
        failed = [e for e in await self.cases.events(case.id) if e.kind == STEP_FAILED]
        steps = [h for h in ESCALATION_STEPS if failed and f"{h}:" in (failed[-1].detail or "")]
        server = await self._server_of(case)
        settings = await self._settings(server)
        now = self.clock.now()
        waited = int((now - case.created_at).total_seconds() // 60)
        told: list[str] = []
        tried: set[int] = set()
        for how in steps:
            reached, people = await self._escalation_dm(case, server, settings, how, waited, tried)
            done = ROLE_NOT_LISTED if people is None else f"{reached} of {len(people)}"
            told.append(f"{how}: {done}")
        detail = "; ".join(told) or "no steps to hand over"
        await self.cases.add_event(case.id, "escalation_step_handed", now, detail=detail)

    async def _say_missed(
        self, case: CrisisCase, channel_id: int | None, missed: list[str]
    ) -> None:
        """DM steps that could not run because Discord did not list a role's holders: the
        case record says so, and so does the staff channel (without pinging anyone), so a
        person on the team can reach those people another way."""
        detail = "; ".join(f"{how}: {ROLE_NOT_LISTED}" for how in missed)
        await self.cases.add_event(case.id, STEP_FAILED, self.clock.now(), detail=detail)
        if channel_id is not None:
            await self.outbox.post_escalation(channel_id, messages.steps_missed(case, missed), [])

    async def on_followup(self, job: Job) -> None:
        """Remind the moderator who resolved a case to check in with the member."""
        case = await self.cases.get(job.entity_id)
        if case is None or case.status != "resolved" or case.closed_by is None:
            return
        text = messages.followup_reminder(case)
        sent = await self.outbox.dm(case.closed_by, text)
        detail = "DM"
        if not sent.sent:
            server = await self._server_of(case)
            channel_id = self._staff_channel(server, await self._settings(server))
            if channel_id is None:
                raise RuntimeError(f"case {case.id}: follow-up reminder not delivered")
            posted = await self.outbox.post_reminder(
                channel_id, f"<@{case.closed_by}> " + text, case.closed_by
            )
            if not posted.sent:
                raise RuntimeError(f"case {case.id}: follow-up reminder not delivered")
            detail = "staff channel"
        await self.cases.add_event(case.id, "followup_sent", self.clock.now(), detail=detail)

    async def on_retention(self, job: Job) -> None:
        """Erase excerpts past the retention period, then come back tomorrow."""
        now = self.clock.now()
        purged = await self.cases.purge_excerpts(now - timedelta(days=self.retention_days))
        if purged:
            log.info("retention: erased the excerpts of %d crisis case(s)", purged)
        await self.jobs.schedule(RETENTION, 0, now + timedelta(days=1))

    # --- the alert ----------------------------------------------------------------------------

    async def group_text(self, case: CrisisCase) -> str | None:
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

    async def refresh_alert(self, case: CrisisCase) -> None:
        """Show the case's new status on its alert (best effort: the record is the truth)."""
        if not case.alert_channel_id or not case.alert_message_id:
            return
        await self.outbox.refresh_alert(case, await self.group_text(case))

    # --- helpers ------------------------------------------------------------------------------

    async def home_guild(self, user_id: int) -> int | None:
        """For a DM: the member's server. The servers this process holds first (its cache, as
        with one process); then the set-up servers other processes hold (with shards), the
        ones the member's own rows name first, asked of Discord."""
        cached = self.outbox.home_guild(user_id)
        if cached is not None:
            return cached
        return await self.outbox.find_member(user_id, await self.cases.member_guilds(user_id))

    async def _server_of(self, case: CrisisCase) -> Server | None:
        """The case's server; raise (so the job retries) when it is not available yet."""
        if case.guild_id is None:
            return None
        server = await self.outbox.server(case.guild_id)
        if server is None:
            # Never tell the void: fail so the job is retried once the server is back.
            raise ServerUnavailable(f"server {case.guild_id} is not available for case {case.id}")
        return server

    async def _settings(self, server: Server | None) -> GuildSettings:
        if server is None:
            return GuildSettings(guild_id=0)
        return await self.guild_settings.get(server.id)

    def _staff_channel(self, server: Server | None, settings: GuildSettings) -> int | None:
        channel_id = settings.staff_channel_id
        if server is None or not channel_id:
            return None
        return channel_id if self.outbox.is_text_channel(server.id, channel_id) else None

"""The crisis lane's use cases: open a case, respond, escalate, claim, close, follow up (no discord).

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
- ``crisis_followup``: a day after a case is resolved, remind the moderator to check in.
- ``crisis_retention``: erase old excerpts, daily.

The step handlers are in ``steps.py`` (a mixin of ``CrisisService``). Discord is reached only
through a ``CrisisOutbox`` (``ports.py``; the adapter in ``_outbox.py``, which the cog attaches
when it loads). Every delivery goes through the bot's ``Messenger`` there (a
short timeout per attempt, bounded retries), so a request Discord never answers becomes a
retry, never a wait. Until the outbox is attached a case is still written with its steps; the
steps wait as pending jobs (start-up runs them), and the gap is logged as an error.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from cogs.crisis import helpline_words as words
from cogs.crisis import messages
from cogs.crisis.detector import CrisisScreen, Level
from cogs.crisis.helplines import HelplineBook
from cogs.crisis.policy import FOLLOWUP_AFTER, SUPPORT, build_report, case_join, first_steps
from cogs.crisis.ports import CrisisOutbox, OutboxMissing, Server
from cogs.crisis.relay import RELAY, CrisisRelay
from cogs.crisis.replies import SavedReplies, SavedReplyText, load_replies
from cogs.crisis.steps import (
    ALERT,
    CRISIS_STEP,
    DEADLINE,
    FOLLOWUP,
    MEMBER,
    MEMBER_ATTEMPTS,
    RETENTION,
    NobodyReached,
    ServerUnavailable,
)
from cogs.guidelines.screen import GuidelineScreen
from cogs.screening.pipeline import Incoming, Route, Source, route
from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import speaking, t, tp
from cogs.utils.jobs import JobScheduler
from db.models import CaseEvent, CaseJoin, CrisisCase, GuildSettings
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.members import MemberLanguageRepository
from db.repositories.relay import RelayRepository

if TYPE_CHECKING:
    from cogs.crisis.helplines import Helpline
    from cogs.crisis.policy import CrisisReport

log = logging.getLogger(__name__)

__all__ = [
    "ALERT",
    "CRISIS_STEP",
    "DEADLINE",
    "FOLLOWUP",
    "MEMBER",
    "MEMBER_ATTEMPTS",
    "RELAY",
    "RETENTION",
    "CrisisOutbox",
    "CrisisService",
    "NobodyReached",
    "OutboxMissing",
    "Server",
    "ServerUnavailable",
]


class CrisisService(CrisisRelay):
    """The crisis lane's use cases; its steps (``steps.py``) and the relay's deliveries
    (``relay.py``) are registered as jobs when built."""

    def __init__(
        self,
        cases: CrisisRepository,
        member_settings: MemberSettingsRepository,
        cohorts: CohortRepository,
        guild_settings: GuildSettingsRepository,
        jobs: JobScheduler,
        clock: Clock,
        helplines: HelplineBook,
        screens: tuple[CrisisScreen, GuidelineScreen],
        *,
        retention_days: int,
        replies: SavedReplies | None = None,
    ) -> None:
        self.cases = cases
        self.member_settings = member_settings
        self.cohorts = cohorts
        self.guild_settings = guild_settings
        self.jobs = jobs
        self.clock = clock
        self.helplines = helplines
        self.screens = screens
        self.retention_days = retention_days
        self.relay = RelayRepository(cases.db)
        # The member's own language (``/language``), for the helplines' "how to reach" lines.
        self.languages = MemberLanguageRepository(cases.db)
        self.saved_replies = replies if replies is not None else load_replies()
        self._outbox: CrisisOutbox | None = None
        self.register_jobs()

    # --- the Discord adapter ------------------------------------------------------------------

    def attach(self, outbox: CrisisOutbox | None) -> None:
        """Give the lane its way to Discord (the cog, when it loads; None when it unloads)."""
        self._outbox = outbox

    async def ensure_sweeps(self) -> None:
        """Make sure the daily retention sweep is scheduled."""
        await self.jobs.ensure_recurring(RETENTION)

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
        now = self.clock.now()
        settings = await self.guild_settings.get(guild_id) if guild_id else GuildSettings(0)
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
        if self._outbox is None:
            # Never silent: the case and its steps are saved, and start-up runs them.
            log.error("crisis case %s saved, but the lane has no Discord adapter yet", case.id)
            return case
        await self.jobs.run_now(DEADLINE, case.id)  # not due: this arms its alarm
        # Staff first and the member at once: neither waits for the other.
        await asyncio.gather(self.jobs.run_now(ALERT, case.id), self.jobs.run_now(MEMBER, case.id))
        return await self.cases.get(case.id) or case

    async def respond_to(self, decided: Route, incoming: Incoming) -> CrisisCase | None:
        """Open and answer a case at the route's crisis level (``cogs/screening`` decided it).

        A message that is also abusive keeps its case (crisis wins) and the alert says which
        guideline it broke, so the moderator can decide. An edited message that already has a
        case gets no second one (cases are unique per message: ``open_case`` returns None).
        A message AutoMod blocked opens a case like a posted one (the alert names the rule),
        and the same disclosure blocked and then posted re-worded opens one case, not two
        (``policy.case_join``).
        """
        crisis = decided.crisis
        if crisis.level == Level.NONE or incoming.is_bot:
            return None
        guild_id = incoming.guild_id
        if guild_id is None:
            if self._outbox is None:
                log.error("crisis lane has no Discord adapter: a DM's case has no server")
            else:
                guild_id = await self.home_guild(incoming.author_id)
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
            join=case_join(crisis.level.label, blocked=incoming.blocked, now=self.clock.now()),
            joined_detail=messages.joined_detail(incoming.automod_rule, incoming.message_id),
        )

    async def screen_and_respond(
        self,
        *,
        text: str,
        context: str | None,
        author_id: int,
        author_is_bot: bool,
        guild_id: int | None,
        channel_id: int | None,
        message_id: int | None,
        source: Source,
    ) -> CrisisCase | None:
        """Screen a text that never came in as a message (``/goodnews``) and respond to it.

        Messages, DMs and edits come through ``cogs/screening`` instead. Never for a bot.
        """
        incoming = Incoming(
            message_id=message_id,
            text=text,
            author_id=author_id,
            guild_id=guild_id,
            channel_id=channel_id,
            source=source,
            context=context,
            is_bot=author_is_bot,
        )
        if incoming.is_bot:
            return None
        crisis, guidelines = self.screens
        decided = route(incoming, crisis.screen(text, context), guidelines.screen(text, context))
        return await self.respond_to(decided, incoming)

    # --- talk to the team (relay.py has the conversation) ---------------------------------------

    async def talk(
        self,
        user_id: int,
        guild_id: int | None,
        *,
        text: str | None = None,
        source_id: int | None = None,
    ) -> tuple[CrisisCase, bool]:
        """Open a conversation with the team without a crisis (level support); (case, new).

        A member who already has an open case is already talking with the team: that case.
        ``text`` (what they wrote with /talk) is relayed as their first message.
        """
        case = await self.relay.active_case_for(user_id)
        if case is not None:
            return case, False
        if guild_id is None and self._outbox is not None:
            guild_id = await self.home_guild(user_id)
        if guild_id is None:
            raise UserFacingError(t(messages.TALK_NO_SERVER))  # to the member, in their language
        opened = await self.open_and_respond(
            guild_id=guild_id,
            user_id=user_id,
            channel_id=None,
            message_id=None,
            source="talk",
            level=SUPPORT,
            rules=(),
            reason=messages.TALK_REASON,
            excerpt=None,
            actor_id=user_id,
        )
        if opened is None:  # no message id: never a duplicate
            raise RuntimeError("a support conversation was not opened")
        if text:
            stored, _ = await self.relay.add(
                opened.id,
                "in",
                text,
                self.clock.now(),
                job_kind=RELAY,
                source_id=source_id,
                author_id=user_id,
            )
            await self.jobs.run_now(RELAY, stored.id)
        await self.send_to_member(opened, messages.TALK_OPENED, as_name=None)
        return opened, True

    # --- what moderators do -------------------------------------------------------------------

    async def case_for(
        self, guild_id: int, *, case_id: int | None = None, ref: str | None = None
    ) -> CrisisCase:
        """The case a moderator acts on: by row id (buttons) or by reference (commands)."""
        if ref is not None:
            case = await self.cases.by_ref(guild_id, ref)
        else:
            case = await self.cases.get(case_id or 0)
        if case is None or case.guild_id != guild_id:
            raise UserFacingError(messages.NOT_FOUND.format(case_id=ref or "with that reference"))
        return case

    async def claim(self, case: CrisisCase, moderator_id: int, *, refresh: bool) -> CrisisCase:
        """Claim for this moderator; the one who lost a race is told who has it.

        ``refresh``: show the claim on the alert (a button's own reply shows it instead).
        """
        if not await self.cases.claim(case.id, moderator_id, self.clock.now()):
            current = await self.cases.get(case.id) or case
            raise UserFacingError(messages.already_taken(current))
        await self.jobs.cancel(DEADLINE, case.id)
        claimed = await self.cases.get(case.id)
        if claimed is None:  # claimed just above; the row cannot be gone
            raise RuntimeError(f"crisis case {case.id} vanished after it was claimed")
        if refresh:
            await self.refresh_alert(claimed)
        # A member who has written in the conversation is told a person is here now.
        await self.notify_member(claimed, messages.PERSON_HERE)
        return claimed

    async def close(
        self, case: CrisisCase, action: str, moderator_id: int, reason: str
    ) -> CrisisCase:
        """Resolve (reason required) or mark a false alarm; schedule the follow-up."""
        status = "resolved" if action == "resolve" else "false_alarm"
        if status == "resolved" and len(reason) < 3:
            raise InvalidInput("Please say briefly what happened; the case record needs it.")
        now = self.clock.now()
        if not await self.cases.close(case.id, status, moderator_id, reason or "-", now):
            raise UserFacingError(messages.already_taken(await self.cases.get(case.id) or case))
        await self.jobs.cancel(DEADLINE, case.id)
        if status == "resolved":
            await self.jobs.schedule(FOLLOWUP, case.id, now + FOLLOWUP_AFTER)
        closed = await self.cases.get(case.id)
        if closed is None:  # closed just above; the row cannot be gone
            raise RuntimeError(f"crisis case {case.id} vanished after it was closed")
        await self.refresh_alert(closed)
        # The conversation ends kindly: how to reach the team again. The transcript stays.
        await self.notify_member(closed, messages.RELAY_CLOSED)
        return closed

    async def record(self, case: CrisisCase) -> list[CaseEvent]:
        """Every step taken on the case, oldest first."""
        return await self.cases.events(case.id)

    async def report(self, guild_id: int, days: int) -> CrisisReport:
        """The server's crisis report over the last ``days``."""
        since = self.clock.now() - timedelta(days=days)
        return build_report(await self.cases.in_period(guild_id, since), days)

    async def helplines_for(
        self, user_id: int, guild_id: int | None, country: str | None, *, remember: bool
    ) -> tuple[list[Helpline], str | None, str | None]:
        """The helplines to show a member (their choice, else the server's country).

        Returns the lines, the emergency number and the country's name.
        """
        if country and remember:
            await self.member_settings.set_country(user_id, country, self.clock.now())
        if country is None:
            country = await self.member_settings.country(user_id)
        if country is None and guild_id:
            country = (await self.guild_settings.get(guild_id)).country
        book = self.helplines
        return (
            book.for_country(country),
            book.emergency_number(country),
            # In the member's language (the interaction's): ``helpline_words``.
            words.country_name(country, book.country_name(country) or country),
        )

    async def saved_reply_text(
        self, case: CrisisCase, name: str, minutes: int | None
    ) -> SavedReplyText:
        """A saved reply for this member, in their language where it is translated: their
        helplines and emergency number filled in, in the language they will read it in."""
        reply = self.saved_replies.get(name)
        if reply is None:
            raise InvalidInput(messages.NO_SAVED_REPLY.format(name=name))
        if reply.needs_minutes and not minutes:
            raise InvalidInput(messages.SAVED_REPLY_NEEDS_MINUTES.format(label=reply.label))
        lines, emergency, _ = await self.helplines_for(
            case.user_id or 0, case.guild_id, None, remember=False
        )
        language = await self.member_language(case.user_id, case.guild_id)
        read_in = reply.read_in(language)
        # The whole reply in one language: a reply with no translation gets English helplines
        # (with how to reach a line in the member's own language, which is written in it).
        with speaking(read_in):
            text = reply.render(
                helplines="\n".join(messages.helpline_lines(lines, language)),
                emergency=f"**{words.emergency(emergency)}**"
                if emergency
                else tp("in place of an emergency number", "your local emergency number"),
                minutes=minutes,
            )
        return SavedReplyText(text, reply.label, language, read_in)

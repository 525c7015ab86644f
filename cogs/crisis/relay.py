"""The crisis relay: a case becomes a conversation between the member and the team (no discord).

While a member's case is open or claimed, whatever they write to Kindred by DM goes to the
case's thread under the staff channel (made with the first message), screened: a message that
screens above the case's level pages on-call again. Moderators answer with ``/reply``; the
member sees the reply from "the Kindred team" (or the moderator's display name, if they chose
it), never from the moderator's account.

Every message, both ways, is written to the transcript (``crisis_relay``) with its delivery job
in one transaction, before any Discord call, and keyed on the Discord id it came from: a restart
at any point neither loses a message (the job is pending; start-up runs it) nor sends one twice
(a delivered row is never delivered again; a DM seen twice is stored once).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from cogs.crisis import messages
from cogs.crisis.policy import ALERT_LEVELS, LEVEL_ORDER, SUPPORT, TALK_OFFER_EVERY
from cogs.crisis.steps import CRISIS_STEP, CrisisSteps
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import speaking, t
from db.models import CrisisCase, Job, RelayMessage
from db.repositories.relay import RelayRepository

if TYPE_CHECKING:
    from cogs.screening.pipeline import Incoming, Route

log = logging.getLogger(__name__)

RELAY = "crisis_relay"  # one job per relayed message (entity = the transcript row)
# A delivery Discord did not answer is retried this many times, then recorded as failed and
# both sides are told.
RELAY_ATTEMPTS = 3


class CrisisRelay(CrisisSteps):
    """Mixin for ``CrisisService``: the conversation of a case (on top of its steps)."""

    relay: RelayRepository

    def register_jobs(self) -> None:
        """The crisis steps, and the relay's delivery (never given up on; bounded inside)."""
        super().register_jobs()
        self.jobs.register(RELAY, self.on_relay, CRISIS_STEP)

    async def on_retention(self, job: Job) -> None:
        """The daily sweep: conversations of cases closed past the retention period go too."""
        cutoff = self.clock.now() - timedelta(days=self.retention_days)
        purged = await self.relay.purge(cutoff)
        if purged:
            log.info("retention: erased %d relayed message(s) of closed cases", purged)
        # An offer older than the hourly limit holds nobody back: only who wrote lately stays.
        await self.relay.prune_talk_offers(self.clock.now() - TALK_OFFER_EVERY)
        await super().on_retention(job)  # excerpts, the scrub, and tomorrow's sweep

    # --- the member writes --------------------------------------------------------------------

    async def relay_from_member(self, decided: Route, incoming: Incoming) -> bool:
        """Relay a DM to the team when the member has an open case; False when they have none.

        The DM is stored once (a DM seen twice is not relayed twice). The first message of an
        unclaimed case gets an automatic reply saying a person has been told. A message that
        screens above the case's level pages on-call again.
        """
        if incoming.source != "dm" or incoming.is_bot:
            return False
        case = await self.relay.active_case_for(incoming.author_id)
        if case is None:
            return False
        level = decided.crisis.level.label
        if case.level == SUPPORT and level in ALERT_LEVELS:
            return False  # a crisis in a support conversation opens a crisis case, as any DM
        now = self.clock.now()
        first = not any(m.direction == "in" for m in await self.relay.transcript(case.id))
        stored, new = await self.relay.add(
            case.id,
            "in",
            incoming.text,
            now,
            job_kind=RELAY,
            source_id=incoming.message_id,
            author_id=incoming.author_id,
            attachments=incoming.attachments,
        )
        if not new:
            return True
        await self.cases.add_event(case.id, "member_wrote", now, detail=f"relay {stored.id}")
        await self.jobs.run_now(RELAY, stored.id)
        if level in ALERT_LEVELS and _rank(level) > _rank(case.level):
            await self._page_again(case, level)
        if first and case.is_open and case.level != SUPPORT:  # support opened with its own
            await self.send_to_member(case, messages.TOLD_A_PERSON, as_name=None)
        return True

    async def _page_again(self, case: CrisisCase, level: str) -> None:
        """The member's reply is more worrying than their case: ping on-call (and backup)."""
        now = self.clock.now()
        fresh = await self.cases.get(case.id) or case
        await self.cases.add_event(case.id, "relay_raised", now, detail=f"{case.level} -> {level}")
        server = await self._server_of(fresh)
        settings = await self._settings(server)
        channel_id = self._staff_channel(server, settings)
        roles = [r for r in (settings.oncall_role_id, settings.backup_role_id) if r]
        if channel_id is None:
            log.critical(
                "crisis case %s: a reply screens %s but there is no staff channel", case.id, level
            )
            return
        posted = await self.outbox.post_escalation(
            channel_id, messages.relay_raised(fresh, level, settings.oncall_role_id), roles
        )
        if not posted.sent:
            log.critical("crisis case %s: could not page on-call for a %s reply", case.id, level)

    # --- talk to the team -----------------------------------------------------------------------

    async def offer_talk(self, user_id: int) -> bool:
        """A DM with no open case and no crisis: offer the "Talk to the team" button (at most
        hourly), rather than silence. True when offered.

        The last offer is kept in the database, so the limit holds across a restart and
        across processes; claiming it is one statement, so only one of two at once offers.
        """
        if self._outbox is None:
            return False
        now = self.clock.now()
        last = await self.relay.last_talk_offer(user_id)
        if last is not None and now - last < TALK_OFFER_EVERY:
            return False  # checked first: it spares the search for their server
        home = await self.home_guild(user_id)
        if home is None:
            return False  # no team to pass it to
        if not await self.relay.claim_talk_offer(user_id, now, TALK_OFFER_EVERY):
            return False  # offered meanwhile (another DM, another process)
        with speaking(await self.member_language(user_id, home)):
            sent = await self.outbox.offer_talk(user_id, t(messages.TALK_OFFER))
        return sent.sent

    # --- the team writes ----------------------------------------------------------------------

    async def case_for_reply(
        self, guild_id: int, channel_id: int | None, ref: str | None
    ) -> CrisisCase:
        """The case a /reply is for: by reference, else the case thread it was run in."""
        case = await self.cases.by_ref(guild_id, ref) if ref else None
        if case is None and ref is None and channel_id is not None:
            case = await self.relay.case_for_thread(channel_id)
        if case is None or case.guild_id != guild_id:
            if ref:
                raise UserFacingError(messages.NOT_FOUND.format(case_id=ref))
            raise UserFacingError(messages.NO_RELAY_HERE)
        return self.replyable(case)

    def replyable(self, case: CrisisCase) -> CrisisCase:
        """The case, when its member can be written to; else say why not."""
        if not case.is_active:
            raise UserFacingError(messages.RELAY_NOT_ACTIVE.format(case_id=case.label))
        if case.user_id is None:
            raise UserFacingError(messages.NO_MEMBER.format(case_id=case.label))
        return case

    async def reply(
        self,
        case: CrisisCase,
        moderator_id: int,
        text: str,
        *,
        source_id: int,
        as_name: str | None,
    ) -> RelayMessage:
        """Send a moderator's reply to the member; the row as delivery left it.

        ``source_id`` (the interaction) makes a retried command send once. ``as_name``: the
        moderator's display name when they chose to show it, else "the Kindred team".
        """
        return await self.send_to_member(
            case,
            text,
            as_name=as_name or messages.TEAM_NAME,
            author_id=moderator_id,
            source_id=source_id,
        )

    async def send_to_member(
        self,
        case: CrisisCase,
        text: str,
        *,
        as_name: str | None,
        author_id: int | None = None,
        source_id: int | None = None,
    ) -> RelayMessage:
        """Store a message to the member with its delivery, then deliver it at once.

        ``as_name`` None: Kindred's own notice (a person has been told, a person is here),
        an English constant: it is stored as the member reads it, in their language, so the
        transcript holds what they were sent. A moderator's words are stored as written.
        """
        if as_name is None and case.user_id is not None:
            with speaking(await self._language_in(case)):
                text = t(text)
        stored, new = await self.relay.add(
            case.id,
            "out",
            text,
            self.clock.now(),
            job_kind=RELAY,
            source_id=source_id,
            author_id=author_id,
            as_name=as_name,
        )
        if new:
            await self.jobs.run_now(RELAY, stored.id)
        return await self.relay.get(stored.id) or stored

    async def notify_member(self, case: CrisisCase, text: str) -> None:
        """Kindred's notice to a member who has written in their case (claimed, closed)."""
        if case.user_id is None:
            return
        if any(m.direction == "in" for m in await self.relay.transcript(case.id)):
            await self.send_to_member(case, text, as_name=None)

    async def transcript(self, case: CrisisCase) -> list[RelayMessage]:
        """The case's conversation, oldest first."""
        return await self.relay.transcript(case.id)

    # --- delivery (the job) -------------------------------------------------------------------

    async def on_relay(self, job: Job) -> None:
        """Deliver one relayed message (idempotent: a delivered row is never sent again)."""
        stored = await self.relay.get(job.entity_id)
        if stored is None or stored.status != "pending":
            return
        case = await self.cases.get(stored.case_id)
        if case is None:
            return
        if stored.direction == "in":
            await self._deliver_in(job, case, stored)
        else:
            await self._deliver_out(job, case, stored)

    async def _deliver_in(self, job: Job, case: CrisisCase, stored: RelayMessage) -> None:
        """Post the member's message in the case thread (made with the first message)."""
        server = await self._server_of(case)  # raises (retry) while the server is unavailable
        channel_id = self._staff_channel(server, await self._settings(server))
        when = stored.created_at.strftime("%H:%M UTC")
        text = messages.relay_in(stored.text, stored.links, when)
        sent_ok = False
        error: str | None = "no staff channel"
        if channel_id is not None or case.relay_channel_id is not None:
            sent, thread_id = await self.outbox.relay_post(case, channel_id, text, with_reply=True)
            if thread_id is not None and thread_id != case.relay_channel_id:
                await self.relay.set_thread(case.id, thread_id)
            sent_ok, error = sent.sent, sent.error
            if not sent_ok and sent.status == "failed" and job.attempts < RELAY_ATTEMPTS:
                raise RuntimeError(f"case {case.id}: relay {stored.id} not posted yet ({error})")
        now = self.clock.now()
        if sent_ok:
            await self.relay.mark(stored.id, "sent", now)
            return
        await self.relay.mark(stored.id, "failed", now, error)
        log.critical("crisis case %s: a member's message could not reach the team", case.id)
        if case.user_id is not None:
            with speaking(await self._language_in(case)):
                await self.outbox.dm(case.user_id, t(messages.RELAY_NOT_PASSED_ON))

    async def _deliver_out(self, job: Job, case: CrisisCase, stored: RelayMessage) -> None:
        """DM the member; when it fails, say so in the case thread at once."""
        if case.user_id is None:
            await self.relay.mark(stored.id, "failed", self.clock.now(), "the member was erased")
            return
        if stored.as_name is None:
            text = stored.text  # Kindred's notice, already in the member's language
        else:
            with speaking(await self._language_in(case)):
                text = messages.to_member(stored.as_name, stored.text)
        dm = await self.outbox.dm(case.user_id, text)
        if not dm.sent and dm.status == "failed" and job.attempts < RELAY_ATTEMPTS:
            raise RuntimeError(f"case {case.id}: relay {stored.id} not delivered yet ({dm.error})")
        now = self.clock.now()
        await self.relay.mark(stored.id, dm.status, now, dm.error)
        if dm.sent:
            return
        await self.cases.add_event(case.id, "relay_undelivered", now, detail=dm.status)
        if case.relay_channel_id is not None:
            await self.outbox.relay_post(case, None, messages.not_delivered_notice(dm.status))

    async def _language_in(self, case: CrisisCase) -> str:
        """The language of the case's member (``member_language``), for what Kindred writes."""
        return await self.member_language(case.user_id, case.guild_id)


def _rank(level: str) -> int:
    """How worrying a level is (none and unknown levels lowest)."""
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else -1

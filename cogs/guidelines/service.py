"""The guidelines lane's use cases: record hits, reserve nudges, hide abuse, moderator actions,
pardons, appeals, the review queue and the lane's settings.

No discord: each method takes ids and plain values, decides with ``policy.py``, writes through
the repository (which writes the audit rows in the same unit of work), schedules through the
job scheduler and returns a plain result. It raises ``UserFacingError``s (the tree's error
handler answers with their text). The cog and its mixin ``_handling.py`` do the Discord part
around it (hide the message, time out, DM, post to staff) and render the reply.

A use case whose Discord work sits between its decision and its record is two calls: hiding
stores first (``hide``) and then deletes the message (``hide_failed`` if Discord refused); an
automatic timeout is made on Discord first and recorded after (``record_auto_timeout``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from cogs.guidelines import messages
from cogs.guidelines.policy import (
    LABELS,
    POINTS_FOR_LABEL,
    Escalation,
    Limits,
    active_points,
    escalation,
    explain_mode,
    nudge_allowed,
    parse_queue_item,
    require_reason,
    resolve_limits,
    sorted_counts,
)
from cogs.guidelines.screen import GuidelineHit
from cogs.utils.clock import Clock
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import t
from cogs.utils.jobs import JobScheduler
from db.locks import hold
from db.models import Job
from db.models.guidelines import Appeal, AutoModSetting, HiddenMessage, Infraction, ReportedHit
from db.models.reports import MessageReport
from db.repositories.guidelines import GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.reports import ReportRepository

log = logging.getLogger(__name__)

PURGE = "guidelines_purge"
COUNT_DAYS = 30  # /guidelines show counts hits over this many days


@dataclass(frozen=True)
class Posted:
    """The message a hit is about, as ids and its text (a new message or an edit)."""

    guild_id: int
    channel_id: int
    author_id: int
    message_id: int
    content: str


@dataclass(frozen=True)
class Reserved:
    """A coaching hit recorded with what happens to it (``nudged_dm``: go ahead and nudge)."""

    hit_id: int
    outcome: str

    @property
    def may_nudge(self) -> bool:
        """Within the member's limits and not opted out: the nudge may go out."""
        return self.outcome == "nudged_dm"


@dataclass(frozen=True)
class Points:
    """An infraction just recorded, the member's active points around it, and what follows."""

    infraction: Infraction
    before: int
    after: int
    limits: Limits
    step: Escalation


@dataclass(frozen=True)
class Pardoned:
    """An infraction taken back, and the moderator's reason (tidied)."""

    infraction: Infraction
    reason: str


@dataclass(frozen=True)
class Resolved:
    """A closed queue item: a reviewed report (``appeal`` None) or an upheld appeal."""

    kind: str
    item_id: int
    appeal: Appeal | None = None


@dataclass(frozen=True)
class History:
    """A member's moderation record (``/mod history``)."""

    user_id: int
    infractions: list[Infraction]
    hidden: dict[int, HiddenMessage]
    active_points: int
    opted_out: bool


@dataclass(frozen=True)
class Queue:
    """What waits for a moderator: report-only hits, appeals and members' reports."""

    reports: list[ReportedHit]
    appeals: list[Appeal]
    member_reports: list[MessageReport] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    """What ``/guidelines show`` shows."""

    modes: dict[str, tuple[str, str]]  # label -> (mode, where it comes from)
    limits: Limits
    counts: list[tuple[str, int, dict[str, int]]]  # label, hits, per outcome
    opted_out: list[int]
    days: int


class GuidelineService:
    """Coaching nudges, fair handling of abuse, and the moderators' tools."""

    def __init__(
        self,
        repo: GuidelineRepository,
        guild_settings: GuildSettingsRepository,
        jobs: JobScheduler,
        clock: Clock,
        *,
        retention_days: int,
        member_reports: ReportRepository | None = None,
    ) -> None:
        self.repo = repo
        # Members' reports of unkind or revealing messages ("Report message") share the queue.
        self.member_reports = member_reports
        self.guild_settings = guild_settings
        self.jobs = jobs
        self.clock = clock
        self.retention = timedelta(days=retention_days)

    # --- hits from screening -------------------------------------------------------------------

    async def rule_modes(self, guild_id: int) -> dict[tuple[int, str], str]:
        """The server's guideline modes (``(channel id or 0, label) -> mode``), for the route."""
        return await self.repo.modes(guild_id)

    async def record(self, posted: Posted, hit: GuidelineHit, outcome: str) -> int:
        """Record a hit and what happened to it (report-only, a second hit, ...); its id."""
        return await self.repo.record_hit(
            guild_id=posted.guild_id,
            channel_id=posted.channel_id,
            user_id=posted.author_id,
            message_id=posted.message_id,
            label=hit.label,
            rule=hit.rule,
            outcome=outcome,
            now=self.clock.now(),
        )

    async def reserve_nudge(self, posted: Posted, hit: GuidelineHit) -> Reserved:
        """Record a coaching hit: a nudge if the member has not opted out and is within limits."""
        guild_id, author_id = posted.guild_id, posted.author_id
        now = self.clock.now()
        limits = resolve_limits(await self.repo.limits(guild_id))
        # The check and the reservation happen together, so two quick messages can't both
        # pass the limit before either is recorded; with several processes they may arrive
        # at two of them, so the lock is the database's (db/locks.py), one per server.
        async with hold(self.repo.db, "nudge", guild_id):
            if await self.repo.opted_out(guild_id, author_id):
                outcome = "opted_out"
            else:
                sent = await self.repo.nudge_times(guild_id, author_id, now - timedelta(days=7))
                outcome = "nudged_dm" if nudge_allowed(sent, now, limits) else "rate_limited"
            hit_id = await self.record(posted, hit, outcome)
        return Reserved(hit_id, outcome)

    async def nudge_sent(self, reserved: Reserved, delivered: str) -> None:
        """How the nudge went (``nudged_dm``, ``nudged_reply`` or ``nudge_failed``)."""
        if delivered != reserved.outcome:
            await self.repo.set_hit_outcome(reserved.hit_id, delivered)

    # --- abuse ---------------------------------------------------------------------------------

    async def hide(self, posted: Posted, hit: GuidelineHit, *, care: bool) -> Points | None:
        """Keep a copy and record the infraction before the message is hidden.

        None: this message was already handled. The copy is for moderators only, and only for
        the retention period (a purge job). ``care``: the hit also waits in /mod queue.
        """
        now = self.clock.now()
        limits = resolve_limits(await self.repo.limits(posted.guild_id))
        points = POINTS_FOR_LABEL.get(hit.label, 1)
        before = active_points(await self.repo.infractions(posted.guild_id, posted.author_id), now)
        done = await self.repo.hide_message(
            guild_id=posted.guild_id,
            channel_id=posted.channel_id,
            user_id=posted.author_id,
            message_id=posted.message_id,
            label=hit.label,
            rule=hit.rule,
            content=posted.content,
            points=points,
            reason=hit.reason,
            now=now,
            expires_at=now + limits.point_lifetime,
            outcome="hidden_wellbeing" if care else "hidden",
            purge=(PURGE, now + self.retention),
        )
        if done is None:
            return None
        _hidden, infraction = done
        after = before + points
        return Points(infraction, before, after, limits, escalation(before, after, limits))

    async def hide_failed(self, message_id: int) -> None:
        """Discord would not delete the message: it waits in /mod queue."""
        await self.repo.mark_hide_failed(message_id)

    async def record_auto_timeout(
        self, guild_id: int, user_id: int, points: Points, minutes: int
    ) -> Infraction:
        """Record the timeout a threshold called for (after Discord applied it)."""
        now = self.clock.now()
        return await self.repo.add_infraction(
            guild_id=guild_id,
            user_id=user_id,
            kind="timeout",
            points=0,
            reason=(
                f"Reached {points.after} active points (threshold {points.limits.timeout_points})."
            ),
            actor_id=None,
            now=now,
            expires_at=now + points.limits.point_lifetime,
            duration_min=minutes,
        )

    async def infractions(self, guild_id: int, user_id: int) -> list[Infraction]:
        """A member's infractions, newest first (the staff review note lists them)."""
        return await self.repo.infractions(guild_id, user_id)

    async def on_purge(self, job: Job) -> None:
        """Retention: drop the copy of a hidden message (idempotent)."""
        if await self.repo.purge_hidden(job.entity_id, self.clock.now()):
            log.info("guidelines: purged the copy of hidden message %s", job.entity_id)

    # --- moderator actions ---------------------------------------------------------------------

    async def act(
        self,
        guild_id: int,
        actor_id: int,
        user_id: int,
        kind: str,
        points: int,
        reason: str,
        *,
        minutes: int | None = None,
    ) -> Points:
        """Record a warn, timeout or note (a timeout after Discord applied it) with its points."""
        now = self.clock.now()
        limits = resolve_limits(await self.repo.limits(guild_id))
        before = active_points(await self.repo.infractions(guild_id, user_id), now)
        infraction = await self.repo.add_infraction(
            guild_id=guild_id,
            user_id=user_id,
            kind=kind,
            points=points,
            reason=reason,
            actor_id=actor_id,
            now=now,
            expires_at=now + limits.point_lifetime,
            duration_min=minutes,
        )
        after = before + points
        step = escalation(before, after, limits, timed_out_now=kind == "timeout")
        return Points(infraction, before, after, limits, step)

    async def pardon(
        self, guild_id: int, actor_id: int, infraction_id: int, reason: str
    ) -> Pardoned:
        """Take back an infraction: its points stop counting and any appeal is granted."""
        reason = require_reason(reason)
        record = await self.repo.infraction(infraction_id)
        if record is None or record.guild_id != guild_id:
            raise UserFacingError(f"There is no infraction #{infraction_id} in this server.")
        if record.user_id == actor_id:
            raise UserFacingError("You can't pardon your own infraction; ask another moderator.")
        if not await self.repo.pardon(record.id, actor_id, reason, self.clock.now()):
            raise UserFacingError(f"Infraction #{record.id} was already pardoned.")
        return Pardoned(record, reason)

    async def history(self, guild_id: int, user_id: int) -> History:
        """A member's record: infractions, active points, the hidden copies, opt-out."""
        infractions = await self.repo.infractions(guild_id, user_id)
        hidden = {}
        for inf in infractions:
            if inf.kind == "hidden":
                copy = await self.repo.hidden_for_infraction(inf.id)
                if copy is not None:
                    hidden[inf.id] = copy
        return History(
            user_id,
            infractions,
            hidden,
            active_points(infractions, self.clock.now()),
            await self.repo.opted_out(guild_id, user_id),
        )

    async def queue(self, guild_id: int) -> Queue:
        """Report-only hits, appeals and members' reports waiting for a moderator."""
        members = await self.member_reports.open_queue(guild_id) if self.member_reports else []
        return Queue(
            await self.repo.open_reports(guild_id), await self.repo.open_appeals(guild_id), members
        )

    async def resolve(self, guild_id: int, actor_id: int, item: str, reason: str) -> Resolved:
        """Close a queue item: R12 (a flagged message) or M4 (a member's report) is reviewed,
        A3 (an appeal) upheld."""
        reason = require_reason(reason)
        kind, item_id = parse_queue_item(item)
        now = self.clock.now()
        if kind == "member_report":
            reports = self.member_reports
            if reports is None or not await reports.review(
                guild_id, item_id, actor_id, reason, now
            ):
                raise UserFacingError(f"M{item_id} is not an open item in this server's queue.")
            return Resolved(kind, item_id)
        if kind == "report":
            if not await self.repo.review_hit(guild_id, item_id, actor_id, reason, now):
                raise UserFacingError(f"R{item_id} is not an open item in this server's queue.")
            return Resolved(kind, item_id)
        appeal = await self.repo.uphold_appeal(guild_id, item_id, actor_id, reason, now)
        if appeal is None:
            raise UserFacingError(f"A{item_id} is not an open appeal in this server.")
        return Resolved(kind, item_id, appeal)

    # --- appeals -------------------------------------------------------------------------------

    async def appealable(self, user_id: int, infraction_id: int) -> Infraction:
        """The member's own infraction, not yet appealed (the Appeal button)."""
        infraction = await self._own_infraction(user_id, infraction_id)
        if await self.repo.has_appeal(infraction.id):
            raise UserFacingError(t(messages.APPEAL_EXISTS, infraction_id=infraction.id))
        return infraction

    async def appeal(self, user_id: int, infraction_id: int, text: str) -> Appeal:
        """File the member's appeal (one per infraction); it shows in /mod queue."""
        infraction = await self._own_infraction(user_id, infraction_id)
        appeal = await self.repo.add_appeal(infraction, text, self.clock.now())
        if appeal is None:
            raise UserFacingError(t(messages.APPEAL_EXISTS, infraction_id=infraction.id))
        return appeal

    async def _own_infraction(self, user_id: int, infraction_id: int) -> Infraction:
        infraction = await self.repo.infraction(infraction_id)
        if infraction is None:
            raise UserFacingError(t(messages.APPEAL_NOT_FOUND))
        if infraction.user_id != user_id:
            raise UserFacingError(t(messages.APPEAL_NOT_YOURS))
        return infraction

    # --- settings ------------------------------------------------------------------------------

    async def overview(
        self, guild_id: int, channel_id: int | None = None, parent_id: int | None = None
    ) -> Overview:
        """Rule modes (for the server, or as they apply in one channel), limits, counts, opt-outs."""
        settings = await self.guild_settings.get(guild_id)
        modes = await self.repo.modes(guild_id)
        staff_id = settings.staff_channel_id
        staff = staff_id is not None and staff_id in (channel_id, parent_id)
        shown = {
            label: explain_mode(
                label, modes, channel_id=channel_id, parent_id=parent_id, staff_channel=staff
            )
            for label in LABELS
        }
        limits = resolve_limits(await self.repo.limits(guild_id))
        since = self.clock.now() - timedelta(days=COUNT_DAYS)
        counts = sorted_counts(await self.repo.counts(guild_id, since))
        opted_out = await self.repo.opted_out_members(guild_id)
        return Overview(shown, limits, counts, opted_out, COUNT_DAYS)

    async def set_mode(
        self, guild_id: int, actor_id: int, rule: str, mode: str, channel_id: int | None = None
    ) -> None:
        """A rule's mode for the server or one channel (``default`` removes the setting)."""
        await self.repo.set_mode(
            guild_id,
            channel_id,
            rule,
            None if mode == "default" else mode,
            actor_id=actor_id,
            now=self.clock.now(),
        )

    async def set_limits(self, guild_id: int, actor_id: int, changes: dict[str, int]) -> Limits:
        """Change nudge limits and point thresholds (left out: unchanged); the limits now."""
        stored = await self.repo.set_limits(
            guild_id, changes, actor_id=actor_id, now=self.clock.now()
        )
        return resolve_limits(stored)

    async def set_nudges(self, guild_id: int, user_id: int, *, on: bool) -> None:
        """A member turns Kindred's private coaching notes on or off."""
        await self.repo.set_opt_out(guild_id, user_id, not on, self.clock.now())

    async def automod(self, guild_id: int) -> AutoModSetting:
        """``/guidelines automod`` as stored: on or off, and Kindred's rule id."""
        return await self.repo.automod(guild_id)

    async def save_automod(
        self, guild_id: int, actor_id: int, enabled: bool, rule_id: int | None
    ) -> int | None:
        """Store the setting once Discord's rules match it; the staff channel id (for the reply)."""
        await self.repo.set_automod(
            guild_id, enabled, rule_id, actor_id=actor_id, now=self.clock.now()
        )
        return (await self.guild_settings.get(guild_id)).staff_channel_id

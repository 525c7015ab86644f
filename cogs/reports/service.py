"""The reports lane's use cases: a member reports a message; moderators see and resolve it.

No discord here. The cog resolves who wrote the message (a bot? staff?) and hands ids and text
to ``file``, which decides the route (``policy.destination``), writes the report once, and for
worry opens or joins a crisis case through the crisis lane (``open_and_respond``). The cog does
the Discord work that is left: the private confirmation, and the note to coordinators.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from cogs.crisis import messages as crisis_messages
from cogs.crisis.service import CrisisService
from cogs.reports import messages
from cogs.reports.policy import (
    REPORTS_PER_WINDOW,
    check_reason,
    clean_note,
    destination,
    excerpt,
    joins,
    window_start,
)
from cogs.utils.clock import Clock
from cogs.utils.errors import UserFacingError
from cogs.utils.i18n import t
from cogs.utils.jobs import JobScheduler
from db.models import CrisisCase, Job
from db.models.reports import MessageReport
from db.repositories.reports import ReportRepository

log = logging.getLogger(__name__)

# Reported worry is a person's judgement, not a screen's: it asks a moderator to check in
# (concern) and never pages on-call by itself. A moderator raises it with "Open crisis case".
REPORT_LEVEL = "concern"
# The crisis lane's sources are fixed by the database (V2); a report opens a "manual" case,
# told apart by its rule.
REPORT_SOURCE = "manual"
REPORT_RULE = "report"
RETENTION = "reports_retention"  # one daily sweep (entity 0): excerpts follow the retention rule


class RateLimited(UserFacingError):
    """The reporter has filed the most reports a window allows."""


class OwnMessage(UserFacingError):
    """A member tried to report their own message."""


@dataclass(frozen=True)
class FromMessage:
    """The case a message's author has now: new, or the message's open case (``joined``)."""

    case: CrisisCase
    joined: bool


@dataclass(frozen=True)
class Filed:
    """A report as filed: ``new`` False when the member had already reported the message."""

    report: MessageReport
    new: bool
    case: CrisisCase | None = None


class ReportService:
    """Members' reports of messages."""

    def __init__(
        self,
        repo: ReportRepository,
        crisis: CrisisService,
        jobs: JobScheduler,
        clock: Clock,
        *,
        retention_days: int,
    ) -> None:
        self.repo = repo
        self.crisis = crisis
        self.jobs = jobs
        self.clock = clock
        self.retention = timedelta(days=retention_days)
        jobs.register(RETENTION, self.on_retention)

    async def ensure_sweeps(self) -> None:
        """Make sure the daily retention sweep is scheduled."""
        await self.jobs.ensure_recurring(RETENTION)

    async def on_retention(self, job: Job) -> None:
        """Erase the copies of reported messages past the retention period; again tomorrow."""
        now = self.clock.now()
        purged = await self.repo.purge_excerpts(now - self.retention)
        if purged:
            log.info("retention: erased the excerpts of %d report(s)", purged)
        await self.jobs.schedule(RETENTION, 0, now + timedelta(days=1))

    async def file(
        self,
        *,
        guild_id: int,
        reporter_id: int,
        author_id: int,
        channel_id: int,
        message_id: int,
        text: str,
        reason: str,
        note: str | None,
        target_is_bot: bool,
        target_is_staff: bool,
    ) -> Filed:
        """File a member's report, once per member and message, within the hourly limit.

        Raises ``OwnMessage`` for the reporter's own message and ``RateLimited`` past the limit.
        A repeat of the same report returns the first one and does nothing else.
        """
        check_reason(reason)
        if author_id == reporter_id:
            raise OwnMessage(t(messages.OWN_MESSAGE))
        now = self.clock.now()
        route = destination(reason, target_is_bot=target_is_bot, target_is_staff=target_is_staff)
        filed = await self.repo.file(
            guild_id=guild_id,
            reporter_id=reporter_id,
            author_id=author_id,
            channel_id=channel_id,
            message_id=message_id,
            reason=reason,
            route=route,
            note=clean_note(note),
            excerpt=excerpt(text),
            now=now,
            since=window_start(now),
            limit=REPORTS_PER_WINDOW,
        )
        if filed is None:
            log.info("report by %s on message %s: over the hourly limit", reporter_id, message_id)
            raise RateLimited(t(messages.RATE_LIMITED, limit=REPORTS_PER_WINDOW))
        report, new = filed
        if not new:
            return Filed(report, False)
        log.info("report %s on message %s: %s -> %s", report.id, message_id, reason, route)
        case = await self._open_case(report, author_id, reporter_id) if route == "crisis" else None
        return Filed(report, True, case)

    async def _open_case(
        self, report: MessageReport, author_id: int, reporter_id: int
    ) -> CrisisCase:
        """Open a case for the author, or add this report to the message's open case.

        The reporter is the case's actor, so staff see who reported; the author's crisis
        message never names them.
        """
        reason = messages.case_reason(report.note)
        opened = await self.case_from_message(
            guild_id=report.guild_id,
            author_id=author_id,
            channel_id=report.channel_id,
            message_id=report.message_id,
            excerpt=report.excerpt,
            level=REPORT_LEVEL,
            rules=(REPORT_RULE,),
            reason=reason,
            actor_id=reporter_id,
            joined_as="reported",
        )
        await self.repo.set_case(report.id, opened.case.id)
        return opened.case

    async def case_from_message(
        self,
        *,
        guild_id: int,
        author_id: int,
        channel_id: int,
        message_id: int,
        excerpt: str | None,
        level: str,
        rules: tuple[str, ...],
        reason: str,
        actor_id: int,
        joined_as: str,
    ) -> FromMessage:
        """A crisis case for a message's author: a new one, or the message's own while it is
        open at this level or above (then ``joined_as`` is added to its record, by
        ``actor_id``; ``policy.joins``).

        Otherwise (the message's case is closed, or below the level asked for) a new case opens
        without the message's id (a message has at most one case), so new worry always reaches
        a person, and "urgent" always pages on-call: never only a line in an old record.
        Used by "Report message" (worry) and by the moderators' "Open crisis case".
        """
        short = crisis_messages.excerpt(excerpt) if excerpt else None

        async def open_new(for_message: int | None) -> CrisisCase | None:
            return await self.crisis.open_and_respond(
                guild_id=guild_id,
                user_id=author_id,
                channel_id=channel_id,
                message_id=for_message,
                source=REPORT_SOURCE,
                level=level,
                rules=rules,
                reason=reason,
                excerpt=short,
                actor_id=actor_id,
            )

        case = await open_new(message_id)
        if case is not None:
            return FromMessage(case, joined=False)
        existing = await self.crisis.cases.for_message(message_id)
        if existing is not None and joins(existing.status, existing.level, level):
            await self.crisis.cases.add_event(
                existing.id, joined_as, self.clock.now(), actor_id=actor_id, detail=reason
            )
            return FromMessage(existing, joined=True)
        # Closed (or gone): a new case, linked to the channel, with the excerpt.
        fresh = await open_new(None)
        if fresh is None:  # without a message id a case is never a duplicate
            raise RuntimeError(f"no crisis case could be opened for message {message_id}")
        return FromMessage(fresh, joined=False)

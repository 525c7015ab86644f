"""The toolkit lane's use cases: /cope's answer and log, vetting /goodnews, the weekly thread.

No discord: each method takes ids and plain values and returns a plain result. The cog does the
Discord part around it (the ephemeral /cope flow, posting good news, opening threads) and the
crisis hand-off of a /goodnews disclosure (through the crisis lane, never by posting it).

The weekly "share one good thing" thread: each live cohort has one ``toolkit_goodnews`` job
(entity: the cohort id) that opens the week's thread in every group channel (once: a row per
group and week) and reschedules itself for the next week. An hourly ``toolkit_sweep`` makes
sure every live cohort has that job, since cohorts are created and started by another lane.
The cog registers both handlers (opening a thread is Discord work) and calls in here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cogs.crisis.detector import CrisisScreen, Level
from cogs.crisis.helpline_words import country_name
from cogs.crisis.helplines import Helpline, HelplineBook
from cogs.guidelines.screen import GuidelineScreen
from cogs.members.language import ENGLISH, decide
from cogs.toolkit.cope import shows_resources, suggest
from cogs.toolkit.strategies import Strategy
from cogs.toolkit.weekly import due_week, next_opening, opening_times
from cogs.utils.clock import Clock
from cogs.utils.jobs import JobScheduler
from db.repositories.cohorts import Cohort, CohortRepository, Group
from db.repositories.crisis import MemberSettingsRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.toolkit import ToolkitRepository

GOODNEWS = "toolkit_goodnews"
SWEEP = "toolkit_sweep"
SWEEP_EVERY = dt.timedelta(hours=1)
LIVE = ("enrolling", "running")
# A week whose thread is due before the first session has started the cohort: look again then.
NOT_STARTED_RETRY = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Resources:
    """The helplines /cope shows with a heavy feeling, the way /resources shows them."""

    helplines: list[Helpline]
    emergency: str | None
    country: str | None


@dataclass(frozen=True)
class CopeAnswer:
    """What /cope offers: the strategies, and the helplines when the feeling is heavy."""

    strategies: list[Strategy]
    resources: Resources | None


@dataclass(frozen=True)
class GoodNewsCheck:
    """What the screens make of a /goodnews text, in the order the cog acts on it.

    ``to_crisis``: hand the text to the crisis lane (any crisis level). ``held``: a concern or
    urgent disclosure is never posted. ``refusal``: why abusive text is not posted.
    """

    to_crisis: bool
    held: bool
    refusal: str | None


@dataclass(frozen=True)
class WeekDue:
    """A cohort's good-news job fired: the week to open now (if any) and when to look next."""

    cohort: Cohort
    week: int | None
    following: dt.datetime | None


class ToolkitService:
    """/cope, /goodnews and the weekly good-news threads, Discord-free."""

    def __init__(
        self,
        repo: ToolkitRepository,
        cohorts: CohortRepository,
        member_settings: MemberSettingsRepository,
        guild_settings: GuildSettingsRepository,
        jobs: JobScheduler,
        clock: Clock,
        *,
        strategies: Sequence[Strategy],
        helplines: HelplineBook,
        crisis: CrisisScreen,
        guidelines: GuidelineScreen,
    ) -> None:
        self.repo = repo
        self.cohorts = cohorts
        self.member_settings = member_settings
        self.guild_settings = guild_settings
        self.jobs = jobs
        self.clock = clock
        self.strategies = tuple(strategies)
        self.helplines = helplines
        self.crisis = crisis
        self.guidelines = guidelines

    # --- /cope ---------------------------------------------------------------------------------

    async def cope(
        self, *, guild_id: int | None, user_id: int, feeling: str, someone_around: bool
    ) -> CopeAnswer:
        """Two or three strategies (seeded by member and minute), counted for the server only.

        Nothing about the member is stored: the count is per feeling per server per day.
        """
        now = self.clock.now()
        seed = user_id ^ int(now.timestamp() // 60)
        chosen = suggest(feeling, someone_around, self.strategies, seed)
        if guild_id is not None:
            await self.repo.count_feeling(guild_id, feeling, now)
        resources = await self.resources(guild_id, user_id) if shows_resources(feeling) else None
        return CopeAnswer(chosen, resources)

    async def resources(self, guild_id: int | None, user_id: int) -> Resources:
        """The helplines for the member's own country, else the server's."""
        code = await self.member_settings.country(user_id)
        if code is None and guild_id:
            code = (await self.guild_settings.get(guild_id)).country
        book = self.helplines
        # The country's name in the member's language (the interaction's): ``helpline_words``.
        name = country_name(code, book.country_name(code) or code)
        return Resources(book.for_country(code), book.emergency_number(code), name)

    async def log_cope(
        self, *, guild_id: int | None, user_id: int, feeling: str, strategy_ids: tuple[str, ...]
    ) -> None:
        """The member asked to keep this /cope answer: store who, feeling, strategies, when."""
        await self.repo.log_cope(
            guild_id=guild_id,
            user_id=user_id,
            feeling=feeling,
            strategy_ids=strategy_ids,
            now=self.clock.now(),
        )

    # --- /goodnews -----------------------------------------------------------------------------

    def check_goodnews(self, text: str) -> GoodNewsCheck:
        """The crisis screen first (a disclosure is never posted), then the abuse rules.

        A post made by the bot is never seen by the listeners that screen members' messages,
        so /goodnews screens its own text.
        """
        level = self.crisis.screen(text).level
        if level >= Level.CONCERN:
            return GoodNewsCheck(to_crisis=True, held=True, refusal=None)
        abuse = [h for h in self.guidelines.screen(text) if h.path == "abuse"]
        return GoodNewsCheck(
            to_crisis=level > Level.NONE, held=False, refusal=abuse[0].reason if abuse else None
        )

    async def group_channel_ids(self, guild_id: int, user_id: int) -> list[int]:
        """The channels of the member's enrolled groups in this server, in enrolment order."""
        found: list[int] = []
        for enrolment in await self.cohorts.active_for_user(guild_id, user_id):
            if enrolment.status != "enrolled" or enrolment.group_id is None:
                continue
            group = await self.cohorts.group(enrolment.group_id)
            if group is not None and group.channel_id is not None:
                found.append(group.channel_id)
        return found

    async def channel_language(self, guild_id: int, channel_id: int) -> str:
        """The language of a post in this channel: its group's, else the server's."""
        group = await self.cohorts.group_by_channel(channel_id)
        if group is not None and group.language:
            return group.language
        return await self._server_language(guild_id)

    async def group_language(self, group: Group, guild_id: int) -> str:
        """The language of a post in a group's channel: the group's, else the server's."""
        if group.language:
            return group.language
        return await self._server_language(guild_id)

    async def _server_language(self, guild_id: int | None) -> str:
        if guild_id is None:
            return ENGLISH
        settings = await self.guild_settings.get(guild_id)
        return decide(None, None, settings.language)

    # --- the weekly thread ---------------------------------------------------------------------

    async def ensure_sweep(self) -> None:
        """Make sure the sweep that arms each cohort's weekly thread job is scheduled."""
        await self.jobs.ensure_recurring(SWEEP)

    async def sweep(self, guild_ids: Iterable[int] | None) -> None:
        """Make sure every live cohort in these servers has its weekly good-news job.

        ``None``: every server with a live cohort in the database (with shards in other
        processes; each week's job runs where its server is held).
        """
        now = self.clock.now()
        if guild_ids is None:
            guild_ids = await self.cohorts.live_guild_ids()
        for guild_id in guild_ids:
            for cohort in await self.cohorts.in_guild(guild_id):
                if cohort.state not in LIVE:
                    continue
                pending = await self.jobs.get(GOODNEWS, cohort.id)
                if pending is not None and pending.active:
                    continue
                if (
                    pending is not None
                    and pending.status == "done"
                    and await self._finished(cohort)
                ):
                    continue
                await self.jobs.schedule(GOODNEWS, cohort.id, now, guild_id=cohort.guild_id)
        await self.jobs.schedule(SWEEP, 0, now + SWEEP_EVERY)

    async def week_due(self, cohort_id: int) -> WeekDue | None:
        """The cohort's good-news job fired: which week's threads to open now.

        None when there is nothing to do: the cohort is gone or over, or its week is due before
        the first session started it (the job then looks again in half an hour).
        """
        cohort = await self.cohorts.get(cohort_id)
        if cohort is None or cohort.state not in LIVE:
            return None
        now = self.clock.now()
        opens = await self._opening_times(cohort)
        week = due_week(opens, now)
        if week is not None and cohort.state != "running":
            # The first session's start (another lane's job) makes the cohort running.
            await self.jobs.schedule(
                GOODNEWS, cohort.id, now + NOT_STARTED_RETRY, guild_id=cohort.guild_id
            )
            return None
        return WeekDue(cohort, week, next_opening(opens, now))

    async def arm_next_week(self, due: WeekDue) -> None:
        """Schedule the cohort's next good-news job, if a week is still to come."""
        if due.following is not None:
            await self.jobs.schedule(
                GOODNEWS, due.cohort.id, due.following, guild_id=due.cohort.guild_id
            )

    async def groups_to_open(self, cohort_id: int, week: int) -> list[Group]:
        """The cohort's groups with a channel and no thread yet for this week."""
        return [
            group
            for group in await self.cohorts.groups(cohort_id)
            if group.channel_id is not None and await self.repo.thread_of(group.id, week) is None
        ]

    async def claim_thread(self, group_id: int, week: int) -> None:
        """Note that this group's thread for the week is being opened."""
        await self.repo.claim_thread(group_id, week, self.clock.now())

    async def thread_opened(self, group_id: int, week: int, thread_id: int) -> None:
        """Store the thread at once, so a re-run finds it instead of making another."""
        await self.repo.set_thread(group_id, week, thread_id)

    async def _finished(self, cohort: Cohort) -> bool:
        opens = await self._opening_times(cohort)
        now = self.clock.now()
        return next_opening(opens, now) is None and due_week(opens, now) is None

    async def _opening_times(self, cohort: Cohort) -> dict[int, dt.datetime]:
        sessions = await self.cohorts.sessions(cohort.id)
        return opening_times((s.week, s.starts_at, s.status) for s in sessions)

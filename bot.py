"""Kindred's composition root and command line.

    python bot.py run      connect to Discord (needs DISCORD_TOKEN)
    python bot.py check    validate settings and config files, migrate the database
    python bot.py migrate-to postgresql://...   copy the SQLite database into PostgreSQL
    python bot.py demo     run the real bot against the local Discord stand-in
    python bot.py screen   run the safety screens on text (see --help)

Nothing in the project does work at import time; everything is built here.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from discord.ext import commands

from cogs.admin._check import check_automod, helpline_problems, summary_lines
from cogs.admin.service import AdminService
from cogs.checkins.prompts import DEFAULT_PATH as PROMPTS_PATH
from cogs.checkins.prompts import Prompts, load_prompts
from cogs.checkins.rounds import RoundService
from cogs.checkins.service import CheckinService
from cogs.cohorts.curriculum import DEFAULT_PATH as CURRICULUM_PATH
from cogs.cohorts.curriculum import Curriculum, load_curriculum
from cogs.cohorts.enrolment import EnrolmentService
from cogs.cohorts.profiles import ProfileService
from cogs.cohorts.service import CohortService
from cogs.cohorts.sessions import SessionService
from cogs.crisis.detector import CrisisScreen, default_lexicon_path
from cogs.crisis.helplines import DEFAULT_PATH as HELPLINES_PATH
from cogs.crisis.helplines import HelplineBook
from cogs.crisis.policy import reachability_warnings
from cogs.crisis.replies import DEFAULT_PATH as RELAY_REPLIES_PATH
from cogs.crisis.replies import SavedReplies, load_replies
from cogs.crisis.service import CrisisService
from cogs.guidelines.screen import GuidelineScreen, default_rules_path
from cogs.guidelines.service import GuidelineService
from cogs.members.service import MemberService
from cogs.plan.service import PlanService
from cogs.privacy.service import PrivacyService
from cogs.reports.service import ReportService
from cogs.screening.cli import build_screener, describe_verdicts, screen_jsonl
from cogs.screening.gate import share_gate
from cogs.screening.guideline_model import GuidelineScorer
from cogs.screening.service import load_crisis_model, load_guideline_model
from cogs.screening.stage import Scorer
from cogs.toolkit.service import ToolkitService
from cogs.toolkit.strategies import DEFAULT_PATH as STRATEGIES_PATH
from cogs.toolkit.strategies import Strategy, load_strategies
from cogs.utils.clock import Clock, SystemClock
from cogs.utils.delivery import Messenger, pace_requests
from cogs.utils.i18n_discord import KindredTranslator, synced_payload
from cogs.utils.jobs import Alarm, JobScheduler
from cogs.utils.shards import IdentifySpacing, ShardPlan
from cogs.utils.startup import RUN_FAILURES, fail, run_failure, setup_logging
from cogs.utils.tree import KindredTree
from cogs.utils.types import CohortPlaces, GuidelineActions
from cogs.wellbeing.instruments import INSTRUMENTS_PATH, Instruments, load_instruments
from cogs.wellbeing.service import WellbeingService
from config.errors import ConfigError
from config.settings import Settings
from db.database import Database, DatabaseError
from db.migrate import open_database  # also imported from here by the sandbox and tests
from db.repositories.audit import AuditRepository
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guidelines import GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.members import MemberLanguageRepository
from db.repositories.meta import MetaRepository
from db.repositories.moderator_profiles import ModeratorProfileRepository
from db.repositories.plans import PlanRepository
from db.repositories.reports import ReportRepository
from db.repositories.toolkit import ToolkitRepository
from db.repositories.wellbeing import WellbeingRepository

log = logging.getLogger("kindred")

ROOT = Path(__file__).resolve().parent
EXTENSIONS: tuple[str, ...] = (
    "cogs.admin",
    "cogs.crisis",
    "cogs.guidelines",
    "cogs.screening",  # the one message listener: screens once, hands the route to the two above
    "cogs.cohorts",
    "cogs.checkins",
    "cogs.privacy",
    "cogs.members",
    "cogs.wellbeing",
    "cogs.toolkit",
    "cogs.plan",
    "cogs.reports",
)


@dataclass(frozen=True)
class DataFiles:
    """The data files people edit, loaded and validated."""

    helplines: HelplineBook
    crisis: CrisisScreen
    guidelines: GuidelineScreen
    curriculum: Curriculum
    checkin_prompts: Prompts
    strategies: tuple[Strategy, ...]
    instruments: Instruments
    sources: tuple[Path, ...]
    relay_replies: SavedReplies  # the crisis relay's saved replies (shipped, then the server's)


@dataclass(frozen=True)
class Lanes:
    """The lanes' services (Discord-free use cases), built once in ``build_services``."""

    cohorts: CohortService
    enrolment: EnrolmentService
    sessions: SessionService
    guidelines: GuidelineService
    checkins: CheckinService
    wellbeing: WellbeingService
    crisis: CrisisService
    profiles: ProfileService
    plan: PlanService
    toolkit: ToolkitService
    privacy: PrivacyService
    admin: AdminService
    reports: ReportService
    members: MemberService


@dataclass
class Services:
    """What the cogs use: built once here and handed to the bot."""

    settings: Settings
    db: Database
    clock: Clock
    jobs: JobScheduler
    data: DataFiles
    guild_settings: GuildSettingsRepository
    audit: AuditRepository
    meta: MetaRepository
    lanes: Lanes
    # The screening models, the screens' second stages; None: the rules alone decide.
    crisis_model: Scorer | None = None
    guideline_model: GuidelineScorer | None = None


def load_data_files(extra_dir: Path | None) -> DataFiles:
    """Load every config data file (shipped, then the server's own in ``extra_dir``)."""

    def paths(shipped: Path) -> list[Path]:
        extra = extra_dir / shipped.name if extra_dir else None
        return [shipped] + ([extra] if extra is not None and extra.is_file() else [])

    helpline_paths = paths(HELPLINES_PATH)
    lexicon_paths = paths(default_lexicon_path())
    rule_paths = paths(default_rules_path())
    # A server's own curriculum replaces the shipped one as a whole (weeks are not merged).
    curriculum_path = paths(CURRICULUM_PATH)[-1]
    # These three are likewise replaced whole by a server's own file.
    prompts_path = paths(PROMPTS_PATH)[-1]
    strategies_path = paths(STRATEGIES_PATH)[-1]
    instruments_path = paths(INSTRUMENTS_PATH)[-1]
    reply_paths = paths(RELAY_REPLIES_PATH)  # a server's replies replace or add, by name
    crisis = CrisisScreen.load(lexicon_paths)
    guidelines = GuidelineScreen.load(rule_paths)
    # One raw-text pass per message serves both screens (built now, not on the first message).
    share_gate([crisis, guidelines])
    return DataFiles(
        helplines=HelplineBook.load(helpline_paths),
        crisis=crisis,
        guidelines=guidelines,
        curriculum=load_curriculum(curriculum_path),
        checkin_prompts=load_prompts(prompts_path),
        strategies=load_strategies(strategies_path),
        instruments=load_instruments(instruments_path),
        sources=(
            *helpline_paths,
            *lexicon_paths,
            *rule_paths,
            curriculum_path,
            prompts_path,
            strategies_path,
            instruments_path,
            *reply_paths,
        ),
        relay_replies=load_replies(reply_paths),
    )


def build_services(
    settings: Settings,
    db: Database,
    data: DataFiles,
    *,
    clock: Clock | None = None,
    alarm: Alarm | None = None,
    crisis_model: Scorer | None = None,
    guideline_model: GuidelineScorer | None = None,
) -> Services:
    """Wire every repository, the job scheduler and every lane's service over an open database.

    ``clock``, ``alarm`` and the models are for tests and benchmarks (fake clock, no alarms).
    """
    clock = clock or SystemClock()
    jobs = JobScheduler(
        JobRepository(db),
        clock,
        alarm,
        lease=dt.timedelta(seconds=settings.job_lease),
        shards=settings.shards,
    )
    audit = AuditRepository(db)
    cohorts = CohortRepository(db)
    sessions = SessionService(cohorts, jobs, clock, data.curriculum)
    checkin_repo = CheckinRepository(db)
    cohort_service = CohortService(cohorts, sessions, checkin_repo, clock, data.curriculum)
    profiles = ProfileService(ModeratorProfileRepository(db), cohorts, clock)
    guild_settings = GuildSettingsRepository(db)
    reports = ReportRepository(db)
    guidelines = GuidelineService(
        GuidelineRepository(db),
        guild_settings,
        jobs,
        clock,
        retention_days=settings.retention_days,
        member_reports=reports,
    )
    crisis = CrisisService(
        CrisisRepository(db),
        MemberSettingsRepository(db),
        cohorts,
        guild_settings,
        jobs,
        clock,
        data.helplines,
        (data.crisis, data.guidelines),
        retention_days=settings.retention_days,
        replies=data.relay_replies,
    )
    return Services(
        settings=settings,
        db=db,
        clock=clock,
        jobs=jobs,
        data=data,
        guild_settings=guild_settings,
        audit=audit,
        meta=MetaRepository(db),
        lanes=Lanes(
            cohorts=cohort_service,
            enrolment=(enrolment := EnrolmentService(cohort_service, profiles)),
            sessions=sessions,
            guidelines=guidelines,
            checkins=CheckinService(
                checkin_repo,
                cohorts,
                RoundService(checkin_repo, cohorts, data.checkin_prompts, jobs, clock),
                clock,
            ),
            wellbeing=WellbeingService(
                WellbeingRepository(db), cohorts, data.instruments, jobs, clock
            ),
            crisis=crisis,
            profiles=profiles,
            plan=PlanService(PlanRepository(db), cohorts, data.strategies, clock),
            admin=AdminService(guild_settings, audit, cohorts, clock),
            reports=ReportService(
                reports, crisis, jobs, clock, retention_days=settings.retention_days
            ),
            privacy=PrivacyService(
                db, enrolment, jobs=jobs, clock=clock, retention_days=settings.retention_days
            ),
            members=MemberService(MemberLanguageRepository(db), guild_settings, clock),
            toolkit=ToolkitService(
                ToolkitRepository(db),
                cohorts,
                MemberSettingsRepository(db),
                guild_settings,
                jobs,
                clock,
                strategies=data.strategies,
                helplines=data.helplines,
                crisis=data.crisis,
                guidelines=data.guidelines,
            ),
        ),
        crisis_model=crisis_model,
        guideline_model=guideline_model,
    )


def intents() -> discord.Intents:
    """Gateway intents: the defaults plus the privileged MESSAGE_CONTENT and MEMBERS."""
    wanted = discord.Intents.default()
    wanted.voice_states = True  # a default; voice attendance needs it, so say so
    # A default too: a message AutoMod blocks reaches the crisis lane only through this event
    # (with its text only with MESSAGE_CONTENT; Discord sends it only with Manage Server).
    wanted.auto_moderation_execution = True
    wanted.message_content = True  # the safety screens read messages
    wanted.members = True  # enrolment, roles and channel overwrites need members
    return wanted


class KindredBot(commands.Bot):
    """The Discord client: loads the lanes as extensions and starts the job scheduler."""

    def __init__(
        self,
        services: Services,
        *,
        extensions: Sequence[str] = EXTENSIONS,
        retry_delays: tuple[float, ...] = (0.5, 2.0, 5.0),
        **options: object,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            tree_cls=KindredTree,
            help_command=None,
            # Never ping @everyone or roles unless a message says so explicitly.
            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False, users=True),
            **options,  # type: ignore[arg-type]
        )
        self.services = services
        self.extension_names = tuple(extensions)
        # The cohorts cog while it is loaded: other lanes free a member's places through it.
        self.cohort_places: CohortPlaces | None = None
        # The guidelines cog while it is loaded: screening hands it the messages to act on.
        self.guideline_actions: GuidelineActions | None = None
        # The one way DMs, staff posts and fallback threads go out: a short timeout per
        # attempt and bounded retries (cogs/utils/delivery.py).
        self.messenger = Messenger(
            self, timeout=services.settings.delivery_timeout, retry_delays=retry_delays
        )
        # Pauses between attempts when a safety message fails to send (discord.py already
        # retries 429s and most 5xx itself).
        self.retry_delays = retry_delays

    async def setup_hook(self) -> None:
        """Load extensions, start the scheduler from the database, sync slash commands."""
        for name in self.extension_names:
            await self.load_extension(name)
        await self.tree.set_translator(KindredTranslator())  # config/locales/*/commands.po
        await self.sync_commands()
        # Jobs need the guild cache (channels, roles, members), so they start once READY.
        self._jobs_task = asyncio.create_task(self._start_jobs(), name="kindred:start-jobs")

    async def _start_jobs(self) -> None:
        await self.wait_until_ready()
        pending = await self.services.jobs.start()
        log.info("scheduler started with %d pending job(s)", pending)

    async def sync_commands(self) -> None:
        """Sync to the dev guild at once, or globally only when the command set changed."""
        dev_guild = self.services.settings.dev_guild_id
        if dev_guild is not None:
            guild = discord.Object(id=dev_guild)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d command(s) to guild %s", len(synced), dev_guild)
            return
        payload = await synced_payload(self.tree)  # with translations: a new one is synced
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        if await self.services.meta.get("command_hash") == digest:
            log.info("slash commands unchanged; not syncing")
            return
        synced = await self.tree.sync()
        await self.services.meta.set("command_hash", digest)
        log.info("synced %d global command(s)", len(synced))

    async def close(self) -> None:
        """Stop the scheduler, disconnect, and close the database."""
        await self.services.jobs.shutdown()
        await super().close()
        await self.services.db.close()


class ShardedKindredBot(IdentifySpacing, KindredBot, commands.AutoShardedBot):
    """Kindred on the shards ``KINDRED_SHARDS`` names, one gateway connection each."""


def make_bot(services: Services, **options: Any) -> KindredBot:
    """One connection (``KINDRED_SHARDS`` unset, as always), or the shards it names."""
    if (plan := services.settings.shards) is None:
        return KindredBot(services, **options)
    return ShardedKindredBot(services, shard_ids=list(plan.ids), shard_count=plan.count, **options)


async def build_local_bot(
    db_path: Path | str,
    clock: Clock,
    dev_guild_id: int,
    data: DataFiles | None = None,
    *,
    delivery_timeout: float = 2.0,
    crisis_model: Scorer | None = None,
    guideline_model: GuidelineScorer | None = None,
    shards: ShardPlan | None = None,
) -> KindredBot:
    """A Kindred bot for the local stand-in (tests and the demo): fake clock, no alarms.

    With no alarm the scheduler fires nothing by itself; the caller moves the clock and calls
    ``bot.services.jobs.run_due()``.
    """
    settings = Settings(
        discord_token="sandbox-token",
        db_path=db_path,
        dev_guild_id=dev_guild_id,
        log_level="WARNING",
        extra_config_dir=None,
        delivery_timeout=delivery_timeout,
        shards=shards,
    )
    db = await open_database(db_path)
    services = build_services(
        settings,
        db,
        data or load_data_files(None),
        clock=clock,
        crisis_model=crisis_model,
        guideline_model=guideline_model,
    )
    # The stand-in fails on purpose in tests; don't wait between delivery attempts.
    bot = make_bot(services, retry_delays=(0.0, 0.0, 0.0), guild_ready_timeout=0.05)
    if isinstance(bot, ShardedKindredBot):
        bot.identify_spacing = 0.0  # the stand-in takes every IDENTIFY at once
    return bot


# --- commands -------------------------------------------------------------------------------


async def run_bot(settings: Settings) -> int:
    """Connect to Discord and run until stopped."""
    try:
        data = load_data_files(settings.extra_config_dir)
        db = await open_database(settings.db_path)
    except (ConfigError, DatabaseError) as exc:
        return fail([f"Kindred cannot start: {exc}"])
    services = build_services(
        settings,
        db,
        data,
        alarm=AsyncIOScheduler(timezone=dt.UTC),
        crisis_model=load_crisis_model(),
        guideline_model=load_guideline_model(),
    )
    bot = make_bot(services)
    pace_requests(bot, shards=settings.shards)  # its share of Discord's global limit
    try:
        async with bot:
            await bot.start(settings.discord_token or "")
    except RUN_FAILURES as exc:
        return fail(run_failure(exc))
    finally:
        await db.close()
    return 0


async def check(settings: Settings) -> int:
    """Validate settings and every config file, migrate the database, print a summary."""
    try:
        data = load_data_files(settings.extra_config_dir)
    except ConfigError as exc:
        return fail([f"Config problem: {exc}"])
    if overdue := helpline_problems(data.helplines):
        return fail(overdue)
    try:
        db = await open_database(settings.db_path)
    except DatabaseError as exc:
        return fail([f"Database problem: {exc}"])
    try:
        version = await db.schema_version()
        pending = await db.fetchval("SELECT count(*) FROM jobs WHERE status = 'pending'")
        setups = GuildSettingsRepository(db)
        warnings: list[str] = []
        cohorts = CohortRepository(db)
        servers = {g: await cohorts.live_group_channels(g) for g in await setups.guild_ids()}
        moderators = {g: (await setups.get(g)).moderator_role_id for g in servers}
        automod = await check_automod(settings, data, servers, moderators)
        for guild_id in await setups.guild_ids():
            # Offline, who holds a role is unknown (-1): only what the setup itself lacks.
            setup = await setups.get(guild_id)
            warnings.extend(
                f"  warning: server {guild_id}: {w}"
                for w in reachability_warnings(
                    setup, {"oncall": -1, "backup": -1, "coordinator": -1}
                )
            )
    finally:
        await db.close()
    for line in summary_lines(settings, data, version, pending):
        print(line)
    for line in warnings:
        print(line)
    for line in automod:
        print(line)
    return 0


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Parse the command line and run one command; return the exit status."""
    parser = argparse.ArgumentParser(prog="bot.py", description="Kindred, the support-group bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="connect to Discord (needs DISCORD_TOKEN)")
    sub.add_parser("check", help="validate settings and config files; migrate the database")
    sub.add_parser("demo", help="run the bot against the local Discord stand-in")
    move = sub.add_parser("migrate-to", help="copy the SQLite database into PostgreSQL")
    move.add_argument("url", help="an empty database: postgresql://user:pw@host:port/name")
    move.add_argument("--from", dest="source", help="the SQLite file (default: KINDRED_DB)")
    screen = sub.add_parser("screen", help="run the safety screens on text")
    screen.add_argument("text", nargs="?", help="the text to screen")
    screen.add_argument("--context", help="the message it replies to, if any")
    screen.add_argument(
        "--jsonl", action="store_true", help="read JSON lines on stdin, write verdicts on stdout"
    )
    screen.add_argument(
        "--model", action="store_true", help="also show the models' scores (English only)"
    )
    screen.add_argument(
        "--rules-only",
        action="store_true",
        help="leave the models out: the rules alone, as when the model files are missing",
    )
    args = parser.parse_args(argv)

    if env is None:
        from dotenv import load_dotenv

        load_dotenv(ROOT / ".env")
        env = os.environ
    try:
        settings = Settings.from_env(env)
    except ConfigError as exc:
        return fail([f"Setting problem: {exc.problem}", "Fix it in .env (see .env.example)."])

    if args.command == "screen":
        try:
            data = load_data_files(settings.extra_config_dir)
        except ConfigError as exc:
            return fail([f"Config problem: {exc}"])
        if not args.jsonl and not args.text:
            return fail(["Give the text to screen, or --jsonl to read JSON lines from stdin."])
        screener = build_screener(data, models=not args.rules_only)
        try:
            if args.jsonl:
                return screen_jsonl(screener, sys.stdin, sys.stdout)
            print(describe_verdicts(screener, args.text, args.context, scores=args.model))
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error, and no traceback.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        finally:
            screener.close()
        return 0
    if args.command == "demo":
        from sandbox.demo import run_demo

        setup_logging(logging.ERROR)
        return asyncio.run(run_demo(build_local_bot))
    setup_logging(settings.log_level_number)
    if args.command == "check":
        return asyncio.run(check(settings))
    if args.command == "migrate-to":
        from db.transfer import migrate_to

        return migrate_to(args.source or settings.db_path, args.url)
    if not settings.discord_token:
        return fail(
            [
                "DISCORD_TOKEN is not set: copy .env.example to .env and put your bot's token in it.",
                "To try Kindred without Discord, run `make demo`.",
            ]
        )
    try:
        return asyncio.run(run_bot(settings))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""Kindred's composition root and command line.

    python bot.py run      connect to Discord (needs DISCORD_TOKEN)
    python bot.py check    validate settings and config files, migrate the database
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
from typing import TextIO

import aiohttp
import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from discord.ext import commands

from cogs.admin.automod import Rule, crisis_blockers, plain_phrases
from cogs.admin.messages import automod_report
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
from cogs.crisis.service import CrisisService
from cogs.guidelines.screen import GuidelineScreen, default_rules_path
from cogs.guidelines.service import GuidelineService
from cogs.plan.service import PlanService
from cogs.screening.gate import share_gate
from cogs.screening.guideline_model import MODEL_LABELS, GuidelineScorer
from cogs.screening.service import Reading, Screener
from cogs.screening.stage import Scorer
from cogs.toolkit.strategies import DEFAULT_PATH as STRATEGIES_PATH
from cogs.toolkit.strategies import Strategy, load_strategies
from cogs.utils.clock import Clock, SystemClock
from cogs.utils.delivery import Messenger
from cogs.utils.jobs import Alarm, JobScheduler
from cogs.utils.logs import quiet_libraries
from cogs.utils.tree import KindredTree
from cogs.wellbeing.instruments import INSTRUMENTS_PATH, Instruments, load_instruments
from cogs.wellbeing.service import WellbeingService
from config.errors import ConfigError
from config.settings import Settings
from db.database import Database, DatabaseError
from db.migrate import migrate
from db.repositories.audit import AuditRepository
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guidelines import GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.meta import MetaRepository
from db.repositories.moderator_profiles import ModeratorProfileRepository
from db.repositories.plans import PlanRepository
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
    "cogs.wellbeing",
    "cogs.toolkit",
    "cogs.plan",
)

# Exit status when the operator must fix something (configuration, token, intents, database).
EXIT_CONFIG = 2


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
        ),
    )


async def open_database(path: Path | str) -> Database:
    """Open and migrate the database; raise DatabaseError with a clear reason."""
    db = Database(path)
    await db.connect()
    try:
        await migrate(db)
    except BaseException:
        await db.close()
        raise
    return db


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
    """Wire repositories and the job scheduler over an open database.

    ``clock``, ``alarm`` and the models are for tests and benchmarks (a fake clock, no alarms,
    fake screening models).
    """
    clock = clock or SystemClock()
    jobs = JobScheduler(JobRepository(db), clock, alarm)
    audit = AuditRepository(db)
    cohorts = CohortRepository(db)
    sessions = SessionService(cohorts, jobs, clock, data.curriculum)
    checkin_repo = CheckinRepository(db)
    cohort_service = CohortService(cohorts, sessions, checkin_repo, clock, data.curriculum)
    profiles = ProfileService(ModeratorProfileRepository(db), cohorts, audit, clock)
    guild_settings = GuildSettingsRepository(db)
    guidelines = GuidelineService(
        GuidelineRepository(db),
        guild_settings,
        jobs,
        clock,
        retention_days=settings.retention_days,
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
            enrolment=EnrolmentService(cohort_service, profiles),
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
        payload = [c.to_dict(self.tree) for c in self.tree.get_commands()]
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


async def build_local_bot(
    db_path: Path,
    clock: Clock,
    dev_guild_id: int,
    data: DataFiles | None = None,
    *,
    delivery_timeout: float = 2.0,
    crisis_model: Scorer | None = None,
    guideline_model: GuidelineScorer | None = None,
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
    return KindredBot(services, retry_delays=(0.0, 0.0, 0.0), guild_ready_timeout=0.05)


def setup_logging(level: int) -> None:
    """Log to stderr with ids, never message text, at any level (see cogs/utils/logs.py)."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-8s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    quiet_libraries(level, logging.getLogger().handlers)
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))


def fail(lines: Sequence[str], status: int = EXIT_CONFIG) -> int:
    """Print a short message for the operator (no traceback) and return the exit status."""
    for line in lines:
        print(line, file=sys.stderr)
    return status


# --- commands -------------------------------------------------------------------------------


def load_crisis_model() -> Scorer | None:
    """The shipped crisis model, or None (and a loud log) when its files are missing or altered.

    The crisis lane never waits for the model: without it the lexicon alone decides, which is
    worse at recall but still screens every message, so a broken model file must not stop
    Kindred from starting. ``bot.py check`` reports the same problem before a start.
    """
    from cogs.screening.model import CrisisModel, ModelFileError

    try:
        # One onnxruntime thread, not spinning: the event loop needs the other core (on two
        # cores, two spinning threads made each message cost more; bench_alert_latency).
        return CrisisModel.load(threads=1, spin=False)
    except ModelFileError as exc:
        log.critical("the crisis model could not be loaded (%s); the lexicon alone screens", exc)
        return None


def load_guideline_model() -> GuidelineScorer | None:
    """The shipped guideline model, or None (and a logged error) when its files are missing or
    altered: the guideline rules alone then coach and hide, as before the model existed."""
    from cogs.screening.guideline_model import GuidelineModel
    from cogs.screening.model import ModelFileError

    try:
        # The same single worker thread as the crisis model runs it, after any crisis text.
        return GuidelineModel.load(threads=1, spin=False)
    except ModelFileError as exc:
        log.error("the guideline model could not be loaded (%s); the rules alone coach", exc)
        return None


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
    bot = KindredBot(services)
    try:
        async with bot:
            await bot.start(settings.discord_token or "")
    except discord.LoginFailure:
        return fail(
            [
                "Discord rejected DISCORD_TOKEN: it is wrong, or was reset in the developer portal.",
                "Copy a fresh token from Bot > Reset Token into .env and run `make run` again.",
            ]
        )
    except discord.PrivilegedIntentsRequired:
        return fail(
            [
                "Discord refused the connection: the bot needs the MESSAGE CONTENT and SERVER "
                "MEMBERS privileged intents.",
                "Turn both on in the developer portal (your application > Bot > Privileged "
                "Gateway Intents), then run `make run` again.",
            ]
        )
    finally:
        await db.close()
    return 0


async def check(settings: Settings) -> int:
    """Validate settings and every config file, migrate the database, print a summary."""
    try:
        data = load_data_files(settings.extra_config_dir)
    except ConfigError as exc:
        return fail([f"Config problem: {exc}"])
    try:
        db = await open_database(settings.db_path)
    except DatabaseError as exc:
        return fail([f"Database problem: {exc}"])
    try:
        version = await db.fetchval("PRAGMA user_version")
        pending = await db.fetchval("SELECT count(*) FROM jobs WHERE status = 'pending'")
        setups = GuildSettingsRepository(db)
        warnings: list[str] = []
        cohorts = CohortRepository(db)
        servers = {g: await cohorts.live_group_channels(g) for g in await setups.guild_ids()}
        automod = await check_automod(settings, data, servers)
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
    countries = sorted(data.helplines.countries)
    print("Kindred check: all good.")
    print(f"  config files: {', '.join(str(p) for p in data.sources)}")
    print(
        f"  helplines: {len(data.helplines.helplines)} for {len(countries)} countries "
        f"({', '.join(countries)}) plus an international directory"
    )
    for line in data.helplines.stale(dt.datetime.now(dt.UTC).date()):
        print(
            f"  note: re-verify helpline {line.name!r} ({line.country}), verified {line.verified_on}"
        )
    print(f"  database: {settings.db_path} at schema version {version}, {pending} pending job(s)")
    print(f"  token: {'set' if settings.discord_token else 'not set (needed for `run`)'}")
    model = load_crisis_model()
    print(
        "  crisis model: loaded, files match their sha256 (English messages get a second look)"
        if model is not None
        else "  warning: the crisis model could not be loaded: the lexicon alone will screen "
        "(reinstall Kindred to restore cogs/screening/model/)"
    )
    print(
        "  guideline model: loaded, files match their sha256 (English replies get a second look)"
        if load_guideline_model() is not None
        else "  warning: the guideline model could not be loaded: the guideline rules alone will "
        "coach (reinstall Kindred to restore cogs/screening/model/guidelines/)"
    )
    for line in warnings:
        print(line)
    for line in automod:
        print(line)
    return 0


AUTOMOD_CHECK_TIMEOUT = 20.0  # seconds for logging in and reading every server's rules


async def check_automod(
    settings: Settings, data: DataFiles, servers: Mapping[int, set[int]]
) -> list[str]:
    """Lines about each set-up server's AutoMod rules that would block crisis words.

    ``servers``: server id -> its live group channels. Needs the token and Discord: without
    either, one line says the rules were not checked, and why (``check`` still succeeds).
    """
    if not servers:
        return []
    if not settings.discord_token:
        return ["  note: AutoMod rules not checked (DISCORD_TOKEN is not set)"]
    client = discord.Client(intents=discord.Intents.none())
    phrases = plain_phrases(data.crisis.lexicon)
    lines: list[str] = []
    try:
        async with asyncio.timeout(AUTOMOD_CHECK_TIMEOUT):
            await client.login(settings.discord_token)
            for guild_id, groups in servers.items():
                try:
                    payloads = await client.http.get_auto_moderation_rules(guild_id)
                except discord.HTTPException as exc:
                    lines.append(
                        f"  warning: server {guild_id}: AutoMod rules not readable ({exc.status}): "
                        "give Kindred Manage Server so it can check them"
                    )
                    continue
                rules = [Rule.from_payload(p) for p in payloads]
                report = automod_report(crisis_blockers(rules, phrases, group_channels=groups))
                lines.extend(f"  warning: server {guild_id}: {line}" for line in report[:-1])
                if report:
                    lines.append(
                        f"  {report[-1]} `/setup show` in that server has a button for each."
                    )
    except discord.LoginFailure:
        lines.append("  warning: AutoMod rules not checked: Discord rejected DISCORD_TOKEN")
    except (OSError, TimeoutError, aiohttp.ClientError, discord.HTTPException) as exc:
        lines.append(
            f"  note: AutoMod rules not checked: could not connect to Discord ({type(exc).__name__})"
        )
    finally:
        await client.close()
    return lines


def build_screener(data: DataFiles, *, models: bool = True) -> Screener:
    """Both screens as the bot runs them: with the shipped models unless ``models`` is False
    (a model that cannot be loaded is left out, with the same log as at start-up)."""
    return Screener(
        data.crisis,
        data.guidelines,
        load_crisis_model() if models else None,
        load_guideline_model() if models else None,
    )


def screen_record(reading: Reading) -> dict[str, object]:
    """One reading as the --jsonl output shapes it."""
    return {"crisis": reading.crisis.level.label, "guidelines": reading.guideline_labels}


JSONL_CHUNK = 64  # lines read, screened as one batch, then written


def screen_jsonl(screener: Screener, stdin: TextIO, stdout: TextIO) -> int:
    """One output line per input line, in order; a bad line gets an error line, not a crash.

    Lines are screened ``JSONL_CHUNK`` at a time so the models score them in batches."""
    bad = 0
    chunk: list[tuple[int, object, str, str | None]] = []  # (line, id, text, context)
    errors: dict[int, str] = {}

    def flush() -> None:
        good = [(text, ctx) for number, _, text, ctx in chunk if number not in errors]
        readings = iter(screener.read_many(good))
        for number, ident, _, _ in chunk:
            if number in errors:
                out: dict[str, object] = {"id": None, "error": errors.pop(number)}
            else:
                out = {"id": ident, **screen_record(next(readings))}
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
        chunk.clear()

    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
            context = item.get("context")
            if context is not None and not isinstance(context, str):
                raise TypeError("context must be a string")
            chunk.append((number, item.get("id"), text, context))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            bad += 1
            errors[number] = f"line {number}: {type(exc).__name__}: {exc}"
            chunk.append((number, None, "", None))
        if len(chunk) >= JSONL_CHUNK:
            flush()
    if chunk:
        flush()
    if bad:
        print(f"{bad} line(s) could not be read; see their error lines", file=sys.stderr)
    return 0


def describe_verdicts(screener: Screener, text: str, context: str | None, *, scores: bool) -> str:
    """A readable account of what Kindred would do with one text, and why."""
    reading = screener.read_many([(text, context)])[0]
    crisis = reading.crisis
    lines = [f"crisis: {crisis.level.label}", f"  why: {crisis.reason}"]
    lines.append(f"  rules: {', '.join(crisis.rules) or '(none)'}")
    if scores:
        lines.append(describe_crisis_score(screener, reading))
    if not reading.hits and reading.review is None:
        lines.append("guidelines: none")
    for hit in reading.hits:
        lines.append(f"guidelines: {hit.label} ({hit.path}, rule {hit.rule})")
        lines.append(f"  why: {hit.reason}")
        if hit.suggestion:
            lines.append(f"  suggest: {hit.suggestion}")
    if reading.review is not None:
        lines.append(
            "guidelines: toxic? (not hidden: queued for a moderator to look at; "
            f"rule {reading.review.rule})"
        )
    if scores:
        lines.append(describe_reply_score(screener, reading))
    return "\n".join(lines)


def describe_crisis_score(screener: Screener, reading: Reading) -> str:
    """The crisis model's scores against its thresholds (``screen --model``)."""
    model, score = screener.crisis_model, reading.crisis_score
    if model is None:
        return "crisis model: not loaded (the lexicon alone decided)"
    if score is None:
        return "crisis model: not run (not English, or empty)"
    t = model.thresholds
    return (
        f"crisis model: alert {score.alert:.3f} (alerts at {t.alert:.3f}, vetoes the lexicon "
        f"below {t.veto_floor:.3f}), urgent {score.urgent:.3f} (urgent at {t.urgent:.3f}); "
        f"lexicon alone: {reading.lexicon.level.label}"
    )


def describe_reply_score(screener: Screener, reading: Reading) -> str:
    """The guideline model's scores against its bars (``screen --model``)."""
    model, score = screener.guideline_model, reading.guideline_score
    if model is None:
        return "guideline model: not loaded (the rules alone decided)"
    if score is None:
        return "guideline model: not run (not English, empty, or crisis has the message)"
    t = model.thresholds
    parts = [f"{lab} {score.of(lab):.3f} (at {t.of(lab):.3f})" for lab in MODEL_LABELS]
    return f"guideline model: {', '.join(parts)}; toxic queued for review at {t.toxic_review:.3f}"


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Parse the command line and run one command; return the exit status."""
    parser = argparse.ArgumentParser(prog="bot.py", description="Kindred, the support-group bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="connect to Discord (needs DISCORD_TOKEN)")
    sub.add_parser("check", help="validate settings and config files; migrate the database")
    sub.add_parser("demo", help="run the bot against the local Discord stand-in")
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

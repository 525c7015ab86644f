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

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from discord.ext import commands

from cogs.checkins.prompts import DEFAULT_PATH as PROMPTS_PATH
from cogs.checkins.prompts import Prompts, load_prompts
from cogs.cohorts.curriculum import DEFAULT_PATH as CURRICULUM_PATH
from cogs.cohorts.curriculum import Curriculum, load_curriculum
from cogs.crisis.detector import CrisisScreen, default_lexicon_path
from cogs.crisis.helplines import DEFAULT_PATH as HELPLINES_PATH
from cogs.crisis.helplines import HelplineBook
from cogs.crisis.policy import reachability_warnings
from cogs.guidelines.screen import GuidelineScreen, default_rules_path
from cogs.screening.gate import share_gate
from cogs.screening.stage import Scorer
from cogs.toolkit.strategies import DEFAULT_PATH as STRATEGIES_PATH
from cogs.toolkit.strategies import Strategy, load_strategies
from cogs.utils.clock import Clock, SystemClock
from cogs.utils.delivery import Messenger
from cogs.utils.jobs import Alarm, JobScheduler
from cogs.utils.logs import quiet_libraries
from cogs.utils.tree import KindredTree
from cogs.wellbeing.instruments import INSTRUMENTS_PATH, Instruments, load_instruments
from config.errors import ConfigError
from config.settings import Settings
from db.database import Database, DatabaseError
from db.migrate import migrate
from db.repositories.audit import AuditRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.meta import MetaRepository

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
    # The screening model, the crisis screen's second stage; None: the lexicon alone decides.
    crisis_model: Scorer | None = None


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
) -> Services:
    """Wire repositories and the job scheduler over an open database.

    ``clock``, ``alarm`` and ``crisis_model`` are for tests and benchmarks (a fake clock, no
    alarms, a fake screening model).
    """
    clock = clock or SystemClock()
    return Services(
        settings=settings,
        db=db,
        clock=clock,
        jobs=JobScheduler(JobRepository(db), clock, alarm),
        data=data,
        guild_settings=GuildSettingsRepository(db),
        audit=AuditRepository(db),
        meta=MetaRepository(db),
        crisis_model=crisis_model,
    )


def intents() -> discord.Intents:
    """Gateway intents: the defaults plus the privileged MESSAGE_CONTENT and MEMBERS."""
    wanted = discord.Intents.default()
    wanted.voice_states = True  # a default; voice attendance needs it, so say so
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
        settings, db, data or load_data_files(None), clock=clock, crisis_model=crisis_model
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
    for line in warnings:
        print(line)
    return 0


def screen_record(data: DataFiles, text: str, context: str | None) -> dict[str, object]:
    """Both screens on one text, as the --jsonl output shapes it."""
    crisis = data.crisis.screen(text, context)
    hits = data.guidelines.screen(text, context)
    return {"crisis": crisis.level.label, "guidelines": sorted({h.label for h in hits})}


def screen_jsonl(data: DataFiles, stdin: TextIO, stdout: TextIO) -> int:
    """One output line per input line, in order; a bad line gets an error line, not a crash."""
    bad = 0
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
            out: dict[str, object] = {"id": item.get("id")}
            out.update(screen_record(data, text, item.get("context")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            bad += 1
            out = {"id": None, "error": f"line {number}: {type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    if bad:
        print(f"{bad} line(s) could not be read; see their error lines", file=sys.stderr)
    return 0


def describe_verdicts(data: DataFiles, text: str, context: str | None) -> str:
    """A readable verdict for one text."""
    crisis = data.crisis.screen(text, context)
    lines = [f"crisis: {crisis.level.label}", f"  why: {crisis.reason}"]
    lines.append(f"  rules: {', '.join(crisis.rules) or '(none)'}")
    hits = data.guidelines.screen(text, context)
    if not hits:
        lines.append("guidelines: none")
    for hit in hits:
        lines.append(f"guidelines: {hit.label} ({hit.path}, rule {hit.rule})")
        lines.append(f"  why: {hit.reason}")
        if hit.suggestion:
            lines.append(f"  suggest: {hit.suggestion}")
    return "\n".join(lines)


def describe_model(data: DataFiles, text: str, context: str | None) -> str:
    """The crisis model's scores and verdicts for one text (``screen --model``)."""
    from cogs.screening.model import CrisisModel, ModelFileError

    try:
        model = CrisisModel.load()
    except ModelFileError as exc:
        return f"model: not loaded: {exc}"
    score = model.score_one(text)
    t = model.thresholds
    lexicon = data.crisis.screen(text, context)
    combined = t.combine(
        score, lexicon_alert=lexicon.is_alert, lexicon_urgent=lexicon.level.label == "urgent"
    )
    return (
        f"model: {t.level(score).label} (alert {score.alert:.3f} vs {t.alert:.3f}, "
        f"urgent {score.urgent:.3f} vs {t.urgent:.3f}, veto floor {t.veto_floor:.3f})\n"
        f"  lexicon + model (veto combination): {combined.label}"
    )


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
        "--model", action="store_true", help="also show the crisis model's scores (English only)"
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
        if args.jsonl:
            try:
                return screen_jsonl(data, sys.stdin, sys.stdout)
            except BrokenPipeError:
                # The reader stopped early (`| head`): not an error, and no traceback.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 0
        if not args.text:
            return fail(["Give the text to screen, or --jsonl to read JSON lines from stdin."])
        print(describe_verdicts(data, args.text, args.context))
        if args.model:
            print(describe_model(data, args.text, args.context))
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

"""The real Kindred bot as its own process, against the local Discord stand-in.

::

    python -m sandbox.bot_process --api http://127.0.0.1:PORT/api/v10 \\
        --gateway ws://127.0.0.1:PORT/gateway --db kindred.sqlite3 \\
        --now 2026-10-05T13:00:00+00:00 [--guild-id N] [--data-cache FILE] [--max-seconds S]

Crash tests (``tests/crash``) and ``bench/bench_crisis_delivery.py`` start it with
``subprocess``, ``kill -9`` it at a step boundary and start it again over the same database
file with a later ``--now``: exactly what a crashed and restarted production bot goes through.

It builds the bot the way ``bot.py`` does (``open_database``, ``load_data_files``,
``build_services``, ``make_bot``) with:

- settings from the environment (``Settings.from_env``), so any ``KINDRED_*`` setting the
  caller passes (``KINDRED_DELIVERY_TIMEOUT``, ``KINDRED_SHARDS``, ``LOG_LEVEL``...) is
  honoured (with shards, no pause between IDENTIFYs: the stand-in has none); the token, the
  database path and the dev guild come from the arguments;
- a fake clock fixed at ``--now`` and no APScheduler alarm: nothing fires by itself while the
  process runs, and ``jobs.start()`` runs every job already due at ``--now`` once READY. Moving
  time forward means restarting with a later ``--now``;
- no delay between delivery attempts (the stand-in fails on purpose), as ``build_local_bot``;
- with ``--data-cache``, the loaded config data files are pickled on first use and read back on
  later starts (building the phrase automata takes seconds; the bot code is the same).

It needs no token and no network beyond loopback, logs to stderr, writes
``kindred-process: ready`` to stderr once READY, and exits on SIGTERM/SIGINT (closing the bot),
when the gateway connection ends, when its parent dies (Linux), or after ``--max-seconds``.

``python -m sandbox.bot_process --standby [--data-cache FILE]`` is the same process started
ahead of time: it imports the bot (about a second of every start, several on a loaded machine)
and reads the data cache, writes ``kindred-process: standing by``, then waits for one JSON
line on stdin, ``{"argv": [...], "env": {...}, "log": "FILE"}``, sends its output to ``log``
and runs as if started with that command line and environment. The crash rig keeps one
standing by (``sandbox.crash.Standby``), so a start or a restart costs what a started bot does
(open the database, connect, sync), not the interpreter's imports. EOF instead of the line:
it exits.

``python -m sandbox.bot_process --write-data-cache FILE`` only writes the data cache.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import logging
import os
import pickle
import signal
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot import (
    DataFiles,
    KindredBot,
    ShardedKindredBot,
    build_services,
    load_data_files,
    make_bot,
    open_database,
    setup_logging,
)
from cogs.utils.clock import FakeClock
from cogs.utils.endpoints import use_endpoints
from config.errors import ConfigError
from config.settings import Settings
from db.database import DatabaseError

log = logging.getLogger("kindred.process")

READY_LINE = "kindred-process: ready"
STANDBY_LINE = "kindred-process: standing by"
TOKEN = "sandbox-token"
# Exit statuses (besides 0 for a clean stop): the operator-fixable kind, as bot.py, and a
# connection that ended on its own.
EXIT_CONFIG = 2
EXIT_DISCONNECTED = 3


def parse_now(value: str) -> datetime:
    """An aware ISO-8601 time (``Z`` accepted), in UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"--now needs a timezone (e.g. +00:00): {value!r}")
    return moment.astimezone(UTC)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox.bot_process",
        description="Run the real Kindred bot against the local Discord stand-in.",
    )
    parser.add_argument(
        "--api", required=True, help="REST base, e.g. http://127.0.0.1:PORT/api/v10"
    )
    parser.add_argument(
        "--gateway", required=True, help="gateway URL, e.g. ws://127.0.0.1:PORT/gateway"
    )
    parser.add_argument(
        "--db", required=True, help="the SQLite database file, or a postgresql:// URL"
    )
    parser.add_argument("--now", required=True, type=parse_now, help="the fake clock's time")
    parser.add_argument("--guild-id", type=int, help="sync slash commands to this guild")
    parser.add_argument(
        "--data-cache",
        type=Path,
        default=None,
        help="a pickle of the loaded config data files, written on first use (saves seconds "
        "of start-up when a test starts the bot many times)",
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=None,
        help="exit after this long whatever happens (a safety net against stray processes)",
    )
    return parser.parse_args(argv)


def settings_for(args: argparse.Namespace, env: Mapping[str, str]) -> Settings:
    """Settings from ``env``, with the token, database and dev guild from the arguments."""
    merged = dict(env)
    merged["DISCORD_TOKEN"] = TOKEN
    merged["KINDRED_DB"] = str(args.db)
    if args.guild_id is not None:
        merged["KINDRED_DEV_GUILD"] = str(args.guild_id)
    else:
        merged.pop("KINDRED_DEV_GUILD", None)
    return Settings.from_env(merged)


# What a standby process read ahead of time: (cache, extra config folder) -> the data files.
_preloaded: dict[tuple[Path | None, Path | None], DataFiles] = {}


def data_files(settings: Settings, cache: Path | None) -> DataFiles:
    """``load_data_files``, or its pickle from an earlier start (the phrase automata take
    seconds to build; a restart should not pay that again)."""
    preloaded = _preloaded.pop((cache, settings.extra_config_dir), None)
    if preloaded is not None:
        return preloaded
    if cache is not None and cache.is_file():
        try:
            with cache.open("rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, DataFiles):
                return data
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            log.warning("data cache %s is unusable; loading the data files", cache)
    data = load_data_files(settings.extra_config_dir)
    if cache is not None:
        write_data_cache(data, cache)
    return data


def write_data_cache(data: DataFiles, cache: Path) -> None:
    """Pickle ``data`` to ``cache`` (the crash tests write it once from the data they loaded,
    so no bot start pays for building it)."""
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    with partial.open("wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, cache)  # atomic: a concurrent start reads all of it or none


async def build(args: argparse.Namespace, settings: Settings) -> KindredBot:
    """The bot as ``bot.py`` builds it, over a fake clock fixed at ``--now`` and no alarm."""
    data = data_files(settings, args.data_cache)
    db = await open_database(settings.db_path)
    services = build_services(settings, db, data, clock=FakeClock(args.now))
    bot = make_bot(services, retry_delays=(0.0, 0.0, 0.0), guild_ready_timeout=0.05)
    if isinstance(bot, ShardedKindredBot):
        bot.identify_spacing = 0.0
    return bot


def die_with_parent() -> None:
    """On Linux, ask the kernel to SIGKILL this process when its parent exits."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(EXIT_DISCONNECTED)


async def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        bot = await build(args, settings)
    except (ConfigError, DatabaseError) as exc:
        log.error("cannot start: %s", exc)
        return EXIT_CONFIG
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    status = 0
    tasks: list[asyncio.Task[object]] = []
    with use_endpoints(args.api, args.gateway):
        try:
            await bot.login(TOKEN)
            connect = asyncio.create_task(bot.connect(reconnect=False), name="process: connect")
            ready = asyncio.create_task(bot.wait_until_ready(), name="process: ready")
            stopping = asyncio.create_task(stop.wait(), name="process: stop")
            tasks = [connect, ready, stopping]
            ready.add_done_callback(
                lambda t: t.cancelled() or print(READY_LINE, file=sys.stderr, flush=True)
            )
            done, _ = await asyncio.wait(
                {connect, stopping},
                timeout=args.max_seconds,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if connect in done:
                log.error("the gateway connection ended: %r", connect.exception())
                status = EXIT_DISCONNECTED
            elif not done:
                log.error("stopping after --max-seconds %s", args.max_seconds)
        finally:
            await bot.close()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            with contextlib.suppress(Exception):
                await bot.services.db.close()
    return status


def stand_by(argv: Sequence[str]) -> tuple[list[str], dict[str, str]] | None:
    """``--standby``: read the data cache ahead, say so, and wait for the command line, the
    environment and the log file (one JSON line on stdin); None on EOF."""
    die_with_parent()
    if "--data-cache" in argv:
        cache = Path(argv[argv.index("--data-cache") + 1])
        with contextlib.suppress(ConfigError):
            settings = Settings.from_env(os.environ)
            if cache.is_file():
                _preloaded[(cache, settings.extra_config_dir)] = data_files(settings, cache)
    print(STANDBY_LINE, file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line.strip():
        return None
    order = json.loads(line)
    with open(order["log"], "ab") as log_file:
        os.dup2(log_file.fileno(), sys.stdout.fileno())
        os.dup2(log_file.fileno(), sys.stderr.fileno())
    env = {str(k): str(v) for k, v in order["env"].items()}
    os.environ.clear()  # as if started with this environment
    os.environ.update(env)
    return [str(a) for a in order["argv"]], env


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--write-data-cache"] and len(argv) == 2:
        # Build the data cache and stop (the crash tests do it once, before any bot starts).
        data_files(Settings.from_env(os.environ if env is None else env), Path(argv[1]))
        return 0
    if argv[:1] == ["--standby"]:
        order = stand_by(argv)
        if order is None:
            return 0
        argv, env = order
    args = parse_args(argv)
    die_with_parent()
    try:
        settings = settings_for(args, os.environ if env is None else env)
    except ConfigError as exc:
        print(f"Setting problem: {exc.problem}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(settings.log_level_number)
    log.info("pid %d: database %s, clock at %s", os.getpid(), args.db, args.now.isoformat())
    return asyncio.run(run(args, settings))


if __name__ == "__main__":
    sys.exit(main())

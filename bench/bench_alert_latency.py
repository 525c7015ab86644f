"""How fast a crisis message reaches the staff channel, end to end, through the real client.

Usage:
    .venv/bin/python -m bench.bench_alert_latency [--alerts N] [--chat N] [--data DIR]

Runs the real Kindred bot (``bot.build_local_bot``, the shipped data files, a fake clock and a
fresh SQLite file) against the local Discord stand-in (``sandbox.fake_discord.FakeDiscord``,
loopback only), with the demo server (``sandbox.world.build_world``) set up by ``/setup set``
the way the integration tests do it. Then:

1. Alert latency: N crisis messages (1,000 by default), one at a time, each from a different
   member (so every one takes the full path: case, private message to the member, staff
   alert). For each, the time from the MESSAGE_CREATE being dispatched at the stand-in to the
   stand-in recording the bot's POST to the staff channel. Prints p50/p90/p99/max in ms.
2. Throughput: N ordinary (non-crisis) chat lines (2,000 by default; from the background chat
   file when ``--data`` has it, else a built-in list), dispatched together; the time until the
   bot has processed every one and settled. Prints messages/second.

With ``--model-ms X`` a stand-in screening model is configured (``Services.crisis_model``): it
sleeps X ms per message in its worker thread (the real one runs onnxruntime there, which also
releases the GIL) and never changes a verdict, so the numbers show what scoring every message
off the event loop costs the alert path and throughput. Without it, no model (today's default).

Timing is wall-clock on this machine, with the bot, the stand-in and this script sharing one
event loop, so the numbers include the stand-in's own work. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot import build_local_bot, load_data_files
from cogs.crisis.detector import Level
from cogs.screening.stage import ModelScore, ModelThresholds
from cogs.utils.clock import FakeClock
from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord, Member
from sandbox.harness import run_bot
from sandbox.world import World, build_world

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)

CRISIS = (
    "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone.",
    "Honestly I keep wishing I could just go to sleep and not wake up.",
    "I don't want to be alive anymore, I can't do this",
    "tonight is the night, I've written the letters and I'm ready to end it",
    "i want to kill myself",
)
ORDINARY = (
    "had a good day today, legs behaved for once",
    "Thanks everyone, see you at the meetup on Saturday!",
    "lol same",
    "my neuro appointment got moved to next week",
    "anyone watching the match tonight?",
    "the new cooling vest arrived, it's brilliant",
    "Morning all, coffee first then physio",
    "that recipe was lovely, thank you for sharing",
)


class SleepyModel:
    """A stand-in model: ``ms`` of blocking work per message; confirms every alert, adds none."""

    thresholds = ModelThresholds(alert=2.0, urgent=2.0, veto_floor=0.0)

    def __init__(self, ms: float) -> None:
        self.ms = ms
        self.texts = 0

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        self.texts += len(texts)
        time.sleep(self.ms / 1000 * len(texts))
        return [ModelScore(0.5, 0.0)] * len(texts)


def ordinary_lines(data: Path, count: int, screen: object) -> tuple[list[str], str]:
    """``count`` non-crisis chat lines: the background chat file if present, else built-ins."""
    path = data / "external" / "background_chat_goemotions.jsonl"
    lines: list[str] = []
    source = "built-in sentences"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        # Non-crisis only: what the crisis screen would raise is measured by the latency run.
        lines = [t for t in texts if screen.screen(t).level is Level.NONE]  # type: ignore[attr-defined]
        source = f"{path.name} (crisis-screen 'none' lines)"
    if not lines:
        lines = list(ORDINARY)
    return [lines[i % len(lines)] for i in range(count)], source


async def configure(driver: Driver, world: World) -> None:
    """``/setup set`` the demo server the way a coordinator would (as the integration tests do)."""
    options: dict[str, object] = {
        "moderator_role": world.roles["moderator"],
        "coordinator_role": world.roles["coordinator"],
        "oncall_role": world.roles["oncall"],
        "backup_role": world.roles["backup"],
        "staff_channel": world.channels["staff"],
        "country": "IN",
    }
    result = await driver.command(world.owner, "setup set", options)
    if "Saved" not in result.content:
        raise SystemExit(f"/setup set failed: {result.content!r}")


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of already sorted values."""
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


async def measure_alerts(
    fake: FakeDiscord, driver: Driver, world: World, senders: list[Member], count: int
) -> list[float]:
    """Seconds from MESSAGE_CREATE dispatch to the staff-channel POST, one message at a time."""
    general = world.channels["general"]
    staff_path = f"/channels/{world.channels['staff'].id}/messages"

    def is_alert(request: object) -> bool:
        return request.method == "POST" and request.path == staff_path  # type: ignore[attr-defined]

    latencies: list[float] = []
    for n in range(count):
        member = senders[n % len(senders)]
        start_index = len(fake.requests)
        sent_at = time.time()  # the stand-in stamps requests with time.time()
        fake.create_message(general.id, member.user, CRISIS[n % len(CRISIS)])
        request = await fake.wait_for_request(is_alert, timeout=10.0, start=start_index)
        latencies.append(request.timestamp - sent_at)
        await driver.settle()  # let the case finish (deadline job, records) before the next
    return latencies


async def measure_throughput(
    fake: FakeDiscord, driver: Driver, world: World, senders: list[Member], lines: list[str]
) -> float:
    """Seconds to dispatch ``lines`` together and have the bot process all of them and settle."""
    general = world.channels["general"]
    started = time.perf_counter()
    for n, text in enumerate(lines):
        fake.create_message(general.id, senders[n % len(senders)].user, text)
    await driver.settle(timeout=120.0)
    return time.perf_counter() - started


async def run(args: argparse.Namespace) -> int:
    """Start the stand-in and the bot, run both measurements, print the numbers."""
    data_files = load_data_files(None)
    lines, source = ordinary_lines(args.data, args.chat, data_files.crisis)
    fake = FakeDiscord()
    await fake.start()
    try:
        world = build_world(fake)
        # One member per crisis message, so every alert takes the full path (the member is
        # messaged too: at most once an hour each); added before the bot connects.
        senders = [
            fake.add_member(world.guild.id, f"Member{n:04d}") for n in range(args.alerts + 5)
        ]
        with tempfile.TemporaryDirectory() as tmp:
            clock = FakeClock(START)
            model = SleepyModel(args.model_ms) if args.model_ms is not None else None
            bot = await build_local_bot(
                Path(tmp) / "kindred.sqlite3", clock, world.guild.id, data_files, crisis_model=model
            )
            async with run_bot(fake, bot) as driver:
                await configure(driver, world)
                # Warm up: first DM channel, settings cache, database pages.
                await measure_alerts(fake, driver, world, senders[-5:], 5)
                alert_started = time.perf_counter()
                latencies = await measure_alerts(
                    fake, driver, world, senders[: args.alerts], args.alerts
                )
                alert_wall = time.perf_counter() - alert_started
                chat_senders = world.members + senders
                chat_seconds = await measure_throughput(fake, driver, world, chat_senders, lines)
                if driver.logged_errors:
                    print(f"warning: the bot logged {len(driver.logged_errors)} error(s)")
                runner = getattr(bot.get_cog("ScreeningCog"), "model", None)
                batches = runner.batches if runner is not None else 0
    finally:
        await fake.stop()

    ms = sorted(x * 1000 for x in latencies)
    p50, p90, p99 = (percentile(ms, q) for q in (50, 90, 99))
    rate = len(lines) / chat_seconds
    print(f"alert latency: MESSAGE_CREATE dispatched -> staff alert POST recorded ({len(ms)} msgs)")
    print(f"  p50 {p50:7.2f} ms   p90 {p90:7.2f} ms   p99 {p99:7.2f} ms   max {ms[-1]:7.2f} ms")
    print(f"  mean {statistics.fmean(ms):6.2f} ms   p99/p50 {p99 / p50:5.2f}")
    print(f"  {len(ms) / alert_wall:.0f} crisis messages/s handled one at a time (incl. settle)")
    print(f"ordinary chat throughput ({len(lines)} msgs from {source})")
    print(f"  {chat_seconds:6.2f} s until settled = {rate:,.0f} messages/s")
    print(f"  {1e3 / rate:.3f} ms/message through the real client")
    print(f"  alert p50 / ordinary message: {p50 / (1e3 / rate):.1f}x")
    if model is not None:
        print(
            f"stand-in screening model: {args.model_ms} ms/message off the loop; "
            f"{model.texts} messages in {batches} batches ({model.texts / max(batches, 1):.1f}/batch)"
        )
    else:
        print("no screening model (the default until one ships)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=1000, help="crisis messages to time")
    parser.add_argument("--chat", type=int, default=2000, help="ordinary messages for throughput")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--model-ms", type=float, default=None, help="a stand-in screening model's ms/message"
    )
    args = parser.parse_args(argv)
    # The bot logs each case it opens at WARNING; keep that off the terminal.
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger("cogs").setLevel(logging.ERROR)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())

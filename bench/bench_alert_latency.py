"""How fast a crisis message reaches the staff channel, end to end, through the real client.

Usage:
    .venv/bin/python -m bench.bench_alert_latency [--model real|none] [--model-ms X]
        [--rate 400] [--seconds 15] [--crisis-share 0.015] [--alerts N] [--chat N] [--data DIR]

Runs the real Kindred bot (``bot.build_local_bot``, the shipped data files, a fake clock and a
fresh SQLite file) against the local Discord stand-in (``sandbox.fake_discord.FakeDiscord``,
loopback only), with the demo server (``sandbox.world.build_world``) set up by ``/setup set``
the way the integration tests do it.

The screening model (``Services.crisis_model``): ``--model real`` (the default) loads the
shipped ``CrisisModel`` the way ``bot.py`` does; ``--model none`` runs the lexicon alone;
``--model-ms X`` a stand-in that sleeps X ms per message in the worker thread and never changes
a verdict.

Steady mode (the default, ``--rate 400 --seconds 15``): ordinary chat (the background chat file
when ``--data`` has it, else built-in lines) at a steady ``--rate`` messages a second, each
dispatch scheduled at an absolute time (``loop.call_at``, so a late one does not delay the rest),
with about ``--crisis-share`` of them (1.5%) crisis disclosures, each from a different member so
every one takes the full path (case, private message to the member, staff alert). For each
disclosure, the time from its MESSAGE_CREATE being dispatched at the stand-in to the stand-in
recording the bot's POST to the staff channel: p50/p90/p99/max. Also the messages/s dispatched
and processed, how late dispatches ran, model batches and mean batch size, resident memory
(VmRSS from /proc/self/status) after start-up and at the end, and the time from process start
(and from building the bot, model load included) to ready. Targets (issue 12): alert p99 under
50 ms at 400 messages/s with the real model; RSS at most 250 MB. Exits 1 if either is missed
(or a disclosure got no alert).

``--rate 0``: the older two measurements instead. (1) Alert latency: ``--alerts`` crisis
messages (1,000), one at a time, each settled before the next. (2) Throughput: ``--chat``
ordinary lines (2,000) dispatched together; the time until the bot processed every one and
settled. Only the memory target is checked there.

Timing is wall-clock on this machine, with the bot, the stand-in and this script sharing one
event loop, so the numbers include the stand-in's own work. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.bench_model import peak_rss_mb, rss_mb
from bot import build_local_bot, load_crisis_model, load_data_files, load_guideline_model
from cogs.crisis.detector import CrisisScreen, Level
from cogs.screening.cog import ScreeningCog
from cogs.screening.stage import ModelScore, ModelThresholds, Score, Scorer, Thresholds
from cogs.utils.clock import FakeClock
from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord, Member, RecordedRequest
from sandbox.harness import run_bot
from sandbox.world import World, build_world

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
P99_TARGET_MS = 50.0
RSS_TARGET_MB = 250.0

# Crisis disclosures (invented for this benchmark; each alerts with the lexicon and the model).
CRISIS = (
    "I've decided tonight is the night, I'm going to take every tablet in the house",
    "I can't keep going like this, I just want to die",
    "I've been looking up how many of my pills it would take to not wake up",
    "everyone would be better off if I wasn't here anymore, I'm done",
    "I wrote goodbye notes to my kids this morning, I'm going to end my life",
    "I'm standing on the bridge now and I don't think I'll come back",
    "there's no point living with this disease, I want to kill myself",
    "I've got the rope ready, this is my last message to the group",
    "I keep thinking about ending it all, tonight feels like the time",
    "honestly I don't want to wake up tomorrow, I'm going to overdose",
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

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        time.sleep(self.ms / 1000 * len(texts))
        return [ModelScore(0.5, 0.0)] * len(texts)


@dataclass
class CountingScorer:
    """Wraps a scorer: records each batch's size and seconds (called from the worker thread)."""

    inner: Scorer
    sizes: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    @property
    def thresholds(self) -> Thresholds:
        """The wrapped scorer's cut-offs."""
        return self.inner.thresholds

    def score(self, texts: Sequence[str]) -> Sequence[Score]:
        """Score with the wrapped scorer, timing the call."""
        started = time.perf_counter()
        try:
            return self.inner.score(texts)
        finally:
            self.seconds.append(time.perf_counter() - started)
            self.sizes.append(len(texts))


def process_age() -> float:
    """Seconds since this process started (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, in ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return uptime - started


def ordinary_lines(data: Path, count: int, screen: CrisisScreen) -> tuple[list[str], str]:
    """``count`` non-crisis chat lines: the background chat file if present, else built-ins."""
    path = data / "external" / "background_chat_goemotions.jsonl"
    lines: list[str] = []
    source = "built-in sentences"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        # Non-crisis only: what the crisis screen would raise is measured by the latency run.
        lines = [t for t in texts if screen.screen(t).level is Level.NONE]
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
    if "Saved" not in (result.content or ""):
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

    def is_alert(request: RecordedRequest) -> bool:
        return request.method == "POST" and request.path == staff_path

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


@dataclass
class Steady:
    """What a steady-rate run measured (times in seconds)."""

    latencies: list[float]  # dispatch -> staff alert, per disclosure that got one
    disclosures: int
    sent: int
    dispatch_span: float  # first scheduled dispatch to the last one run
    settle_span: float  # first scheduled dispatch to the bot settled after the last
    lags: list[float]  # how late each dispatch ran after its scheduled time
    other_alerts: int  # staff-channel posts not for a disclosure (the model alerting on chat)


async def measure_steady(
    fake: FakeDiscord,
    driver: Driver,
    world: World,
    crisis_senders: list[Member],
    chat_senders: list[Member],
    lines: list[str],
    *,
    rate: float,
    seconds: float,
    share: float,
) -> Steady:
    """Ordinary chat at ``rate``/s for ``seconds``, every ``1/share``-th a crisis disclosure.

    Each dispatch is scheduled at ``t0 + n / rate`` with ``loop.call_at`` (no drift: a late
    dispatch does not push the later ones back); each disclosure is timed from its own dispatch
    to the staff-channel POST that links to it.
    """
    loop = asyncio.get_running_loop()
    general = world.channels["general"].id
    staff_path = f"/channels/{world.channels['staff'].id}/messages"
    total = max(1, round(rate * seconds))
    every = max(1, round(1 / share)) if share > 0 else 0
    sent_at: dict[str, float] = {}  # disclosure message id -> time.time() at dispatch
    lags: list[float] = []
    finished: asyncio.Future[float] = loop.create_future()
    start_index = len(fake.requests)

    def dispatch(n: int, due: float) -> None:
        lags.append(loop.time() - due)
        if every and n % every == every // 2:
            k = len(sent_at)
            member, text = crisis_senders[k], CRISIS[k % len(CRISIS)]
            stamp = time.time()  # the stand-in stamps requests with time.time()
            message = fake.create_message(general, member.user, text)
            sent_at[str(message.id)] = stamp
        else:
            fake.create_message(general, chat_senders[n % len(chat_senders)].user, lines[n])
        if n == total - 1:
            finished.set_result(loop.time())

    t0 = loop.time() + 0.1
    for n in range(total):
        loop.call_at(t0 + n / rate, dispatch, n, t0 + n / rate)
    last = await finished
    await driver.settle(timeout=120.0)
    settled = loop.time()

    latencies: list[float] = []
    other = 0
    for request in fake.requests[start_index:]:
        if request.method != "POST" or request.path != staff_path:
            continue
        body = json.dumps(request.json)
        ids = [mid for mid in sent_at if mid in body]
        if ids:
            latencies.append(request.timestamp - sent_at.pop(ids[0]))
        else:
            other += 1
    disclosures = len(latencies) + len(sent_at)
    return Steady(latencies, disclosures, total, last - t0, settled - t0, lags, other)


def print_latency(title: str, latencies: list[float]) -> float:
    """Print p50/p90/p99/max of ``latencies`` (seconds) in ms; return the p99 (inf if none)."""
    ms = sorted(x * 1000 for x in latencies)
    print(title)
    if not ms:
        print("  no alerts arrived")
        return float("inf")
    p50, p90, p99 = (percentile(ms, q) for q in (50, 90, 99))
    print(f"  p50 {p50:7.2f} ms   p90 {p90:7.2f} ms   p99 {p99:7.2f} ms   max {ms[-1]:7.2f} ms")
    print(f"  mean {statistics.fmean(ms):6.2f} ms")
    return p99


def make_model(args: argparse.Namespace) -> tuple[CountingScorer | None, str, float]:
    """The screening model the bot gets, its description, and the seconds it took to load."""
    started = time.perf_counter()
    if args.model_ms is not None:
        inner: Scorer = SleepyModel(args.model_ms)
        name = f"stand-in model, {args.model_ms} ms/message"
    elif args.model == "real":
        loaded = load_crisis_model()  # as bot.py loads it for a real start
        if loaded is None:
            raise SystemExit("the shipped crisis model did not load (see the log above)")
        inner = loaded
        name = "the shipped CrisisModel (onnxruntime), loaded as bot.py does"
    else:
        return None, "no screening model (lexicon alone)", 0.0
    return CountingScorer(inner), name, time.perf_counter() - started


async def run(args: argparse.Namespace) -> int:
    """Start the stand-in and the bot, run the measurements, print the numbers."""
    steady = args.rate > 0
    total = max(1, round(args.rate * args.seconds)) if steady else 0
    data_files = load_data_files(None)
    lines, source = ordinary_lines(args.data, total if steady else args.chat, data_files.crisis)
    disclosures = int(total * args.crisis_share) + 2 if steady else args.alerts
    fake = FakeDiscord()
    await fake.start()
    failed: list[str] = []
    try:
        world = build_world(fake)
        # One member per crisis message, so every alert takes the full path (the member is
        # messaged too: at most once an hour each); added before the bot connects.
        senders = [
            fake.add_member(world.guild.id, f"Member{n:04d}") for n in range(disclosures + 5)
        ]
        chat_senders = [fake.add_member(world.guild.id, f"Chatter{n:03d}") for n in range(200)]
        with tempfile.TemporaryDirectory() as tmp:
            build_started = time.perf_counter()
            model, model_name, load_seconds = make_model(args)
            # With the real crisis model, the guideline model too, as bot.py starts: it shares
            # the worker thread, after every crisis text.
            real = args.model_ms is None and args.model == "real"
            replies = load_guideline_model() if real else None
            if replies is not None:
                model_name += " + the shipped GuidelineModel"
            clock = FakeClock(START)
            bot = await build_local_bot(
                Path(tmp) / "kindred.sqlite3",
                clock,
                world.guild.id,
                data_files,
                crisis_model=model,
                guideline_model=replies,
            )
            async with run_bot(fake, bot) as driver:
                ready_seconds = time.perf_counter() - build_started
                ready_age = process_age()
                rss_ready = rss_mb()
                await configure(driver, world)
                # Warm up: first DM channel, settings cache, database pages, the model's first runs.
                await measure_alerts(fake, driver, world, senders[-5:], 5)
                for n, text in enumerate(lines[:64]):
                    fake.create_message(world.channels["general"].id, chat_senders[n].user, text)
                await driver.settle(timeout=30.0)
                sizes_before = len(model.sizes) if model is not None else 0
                if steady:
                    result = await measure_steady(
                        fake,
                        driver,
                        world,
                        senders,
                        chat_senders,
                        lines,
                        rate=args.rate,
                        seconds=args.seconds,
                        share=args.crisis_share,
                    )
                else:
                    alert_started = time.perf_counter()
                    latencies = await measure_alerts(
                        fake, driver, world, senders[: args.alerts], args.alerts
                    )
                    alert_wall = time.perf_counter() - alert_started
                    everyone = world.members + chat_senders
                    chat_seconds = await measure_throughput(fake, driver, world, everyone, lines)
                if driver.logged_errors:
                    print(f"warning: the bot logged {len(driver.logged_errors)} error(s)")
                rss_end = rss_mb()
                screening = [c for c in bot.cogs.values() if isinstance(c, ScreeningCog)]
                runner = screening[0].model if screening else None
                timeouts: int = getattr(runner, "timeouts", 0)
                pairs_skipped = getattr(runner, "shed", 0) + getattr(runner, "pair_timeouts", 0)
    finally:
        await fake.stop()

    print(f"screening model: {model_name}")
    if steady:
        share = result.disclosures / result.sent
        print(
            f"steady {args.rate:g} messages/s for {args.seconds:g} s: {result.sent} messages "
            f"({source}), {result.disclosures} crisis disclosures ({share:.1%})"
        )
        p99 = print_latency(
            "alert latency: MESSAGE_CREATE dispatched -> staff alert POST recorded "
            f"({len(result.latencies)} of {result.disclosures} disclosures)",
            result.latencies,
        )
        missing = result.disclosures - len(result.latencies)
        if missing:
            failed.append(f"{missing} disclosure(s) got no staff alert")
        lags = sorted(x * 1000 for x in result.lags)
        print(
            f"  achieved: {(result.sent - 1) / result.dispatch_span:,.0f} messages/s dispatched, "
            f"{result.sent / result.settle_span:,.0f}/s processed (first dispatch -> settled)"
        )
        print(
            f"  dispatch lateness (loop busy): p50 {percentile(lags, 50):.2f} ms, "
            f"p99 {percentile(lags, 99):.2f} ms, max {lags[-1]:.2f} ms"
        )
        if result.other_alerts:
            print(
                f"  {result.other_alerts} other staff alert(s) (the model alerting on chat lines)"
            )
        if p99 >= P99_TARGET_MS:
            failed.append(f"alert p99 {p99:.2f} ms >= {P99_TARGET_MS:g} ms")
    else:
        p99 = print_latency(
            f"alert latency, one at a time: dispatched -> staff alert POST ({len(latencies)} msgs)",
            latencies,
        )
        rate = len(lines) / chat_seconds
        print(f"  {len(latencies) / alert_wall:.0f} crisis messages/s handled one at a time")
        print(f"ordinary chat throughput ({len(lines)} msgs from {source}, dispatched together)")
        print(f"  {chat_seconds:6.2f} s until settled = {rate:,.0f} messages/s")
    if model is not None:
        sizes, secs = model.sizes[sizes_before:], model.seconds[sizes_before:]
        texts = sum(sizes)
        wall = result.settle_span if steady else alert_wall + chat_seconds
        print(
            f"crisis model: {texts} messages in {len(sizes)} batches "
            f"(mean {texts / max(len(sizes), 1):.1f}/batch, max {max(sizes, default=0)}); "
            f"{1e3 * sum(secs) / max(texts, 1):.2f} ms/message, "
            f"busy {sum(secs) / wall:.0%} of the run"
        )
        if timeouts:
            print(f"  {timeouts} message(s) not scored within 2 s: the lexicon alone screened them")
        if pairs_skipped:
            print(
                f"  {pairs_skipped} repl(ies) not read by the guideline model (shed under load "
                "or not scored within 2 s): the guideline rules alone judged them"
            )
    print(
        f"start-up: process start -> ready {ready_age:.2f} s; bot build (model load "
        f"{load_seconds:.2f} s) -> ready {ready_seconds:.2f} s"
    )
    print(
        f"resident memory (VmRSS): {rss_ready:.0f} MB after start-up, {rss_end:.0f} MB at the "
        f"end, peak {peak_rss_mb():.0f} MB (target <= {RSS_TARGET_MB:g} MB)"
    )
    if max(rss_ready, rss_end) > RSS_TARGET_MB:
        failed.append(f"RSS {max(rss_ready, rss_end):.0f} MB > {RSS_TARGET_MB:g} MB")
    for problem in failed:
        print(f"TARGET MISSED: {problem}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", choices=("real", "none"), default="real", help="the screening model"
    )
    parser.add_argument(
        "--model-ms", type=float, default=None, help="a stand-in model's ms/message instead"
    )
    parser.add_argument(
        "--rate", type=float, default=400.0, help="messages/s (0: one-at-a-time + burst modes)"
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="length of the steady run")
    parser.add_argument(
        "--crisis-share", type=float, default=0.015, help="share of disclosures (steady)"
    )
    parser.add_argument("--alerts", type=int, default=1000, help="crisis messages (--rate 0)")
    parser.add_argument("--chat", type=int, default=2000, help="burst chat lines (--rate 0)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    # The bot logs each case it opens at WARNING; keep that off the terminal.
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger("cogs").setLevel(logging.ERROR)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())

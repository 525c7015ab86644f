"""A 200-member cohort starting under Discord's rate limits: how many 429s, how long it takes.

    python -m bench.bench_cohort_start [--groups 20] [--members 200] [--scale 1.0]

Runs the real bot against the local stand-in with Discord's rate limits on
(``fake.enable_rate_limits``: per-route buckets with ``X-RateLimit-*`` headers and the global
limit of 50 requests a second; ``--scale`` shrinks every window, 1.0 is Discord's pace). A
coordinator creates a cohort of ``--groups`` groups of 10 and opens it; ``--members`` members
join through /join (10 to a group); then the clock moves through week 1: the day-before and
hour-before reminders in every group channel, the session start (every group channel synced
open, the theme posted, the Discord event started), the first check-in round (a private
thread per pair, members added, the prompt posted) and the session end.

Prints, per phase, the REST requests, the 429s (route buckets and global) and the wall time,
then the totals. Exit status 1 when any phase had a global 429 or more 429s than one in fifty
requests (a storm), or when a group did not get its theme or a pair its thread.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import build_local_bot, load_data_files
from cogs.utils.clock import FakeClock
from cogs.utils.delivery import pace_requests
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import build_world

START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)  # Monday; the cohort starts Tuesday 6 Oct
SESSION = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)  # 18:00 New York


async def run(groups: int, members: int, scale: float, pacing: bool) -> int:
    fake = FakeDiscord()
    await fake.start()
    world = build_world(fake)
    extra = [fake.add_member(world.guild.id, f"member{i:03d}") for i in range(members)]
    clock = FakeClock(START)
    fake.now = clock.now
    fake.enable_rate_limits(scale=scale)
    rows: list[tuple[str, int, int, int, float]] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        bot = await build_local_bot(
            Path(tmp) / "kindred.sqlite3", clock, world.guild.id, load_data_files(None)
        )
        # As in production (bot.py main), at the stand-in's pace.
        pacer = pace_requests(bot, 40.0 / scale) if pacing else None
        async with run_bot(fake, bot) as driver:
            driver.settle_timeout = 900.0  # Discord's pace: a command may wait out buckets

            async def phase(name: str, work: object) -> None:
                before_req, before_429 = len(fake.requests), len(fake.throttled)
                began = time.perf_counter()
                await work  # type: ignore[misc]
                await driver.settle(timeout=600)
                took = time.perf_counter() - began
                throttled = fake.throttled[before_429:]
                glob = sum(t.scope == "global" for t in throttled)
                rows.append((name, len(fake.requests) - before_req, len(throttled), glob, took))

            async def setup() -> None:
                r = world.roles
                done = await driver.command(
                    world.owner,
                    "setup set",
                    {
                        "moderator_role": r["moderator"],
                        "coordinator_role": r["coordinator"],
                        "oncall_role": r["oncall"],
                        "backup_role": r["backup"],
                        "staff_channel": world.channels["staff"],
                        "country": "IN",
                    },
                )
                assert "Saved" in (done.content or ""), done.content
                mods = [world.member("Maya"), world.member("Sam")]
                created = await driver.command(
                    world.coordinator,
                    "cohort create",
                    {
                        "name": "Autumn",
                        "start": "2026-10-06",
                        "day": "Tuesday",
                        "time": "18:00",
                        "timezone": "America/New_York",
                        "cap": 10,
                        "moderator": mods[0],
                    },
                )
                assert "Created the draft cohort" in (created.content or ""), created.content
                for g in range(1, groups):
                    added = await driver.command(
                        world.coordinator,
                        "cohort group",
                        {
                            "cohort": "Autumn",
                            "focus": "general",
                            "moderator": mods[g % 2],
                        },
                    )
                    assert "Added Group" in (added.content or ""), added.content
                opened = await driver.command(
                    world.coordinator, "cohort start", {"cohort": "Autumn"}
                )
                assert "Enrolment is open" in (opened.content or ""), opened.content

            async def enrol() -> None:
                for member in extra:
                    form = await driver.command(member, "join", {})
                    done = await driver.submit_modal(
                        member, form, {"consent": "yes", "focus": "", "checkins": "yes"}
                    )
                    if "You have a place" not in (done.content or ""):
                        failures.append(f"{member['user']['username']}: {done.content!r}")

            async def until(moment: datetime) -> None:
                clock.set(moment)
                for _ in range(10):
                    if not await bot.services.jobs.run_due():
                        return
                    await driver.settle(timeout=600)

            await phase("setup: cohort and groups", setup())
            await phase(f"enrolment: {members} joins", enrol())
            await phase("reminders: day before", until(SESSION - timedelta(hours=24)))
            await phase("reminders: hour before", until(SESSION - timedelta(hours=1)))
            await phase("session start", until(SESSION))
            await phase("session end", until(SESSION + timedelta(hours=1)))
            await phase("check-in round", until(SESSION + timedelta(days=6)))
            themes = [
                c
                for c in fake.channels_in(world.guild.id, type=0)
                if c["name"].startswith("group-")
                and any("**Week 1" in m["content"] for m in fake.messages_in(c["id"]))
            ]
            if len(themes) != groups:
                failures.append(f"{groups - len(themes)} groups without their week-1 theme")
            threads = [
                t
                for c in fake.channels_in(world.guild.id, type=0)
                for t in fake.threads_in(c["id"])
                if t["type"] == 12
            ]
            if len(threads) < members // 3:
                failures.append(f"only {len(threads)} check-in threads for {members} members")
            errors = list(driver.logged_errors)
    await fake.stop()

    paced = f"paced at {40.0 / scale:.0f}/s, waited {pacer.waited:.1f}s" if pacer else "unpaced"
    print(f"cohort start: {groups} groups, {members} members, rate-limit scale {scale}, {paced}")
    print(f"{'phase':28} {'requests':>9} {'429s':>6} {'global':>7} {'seconds':>8}")
    for name, requests, throttled, glob, took in rows:
        print(f"{name:28} {requests:9d} {throttled:6d} {glob:7d} {took:8.1f}")
    total_req = sum(r[1] for r in rows)
    total_429 = sum(r[2] for r in rows)
    print(
        f"{'total':28} {total_req:9d} {total_429:6d} {sum(r[3] for r in rows):7d} "
        f"{sum(r[4] for r in rows):8.1f}"
    )
    print(f"check-in threads: {len(threads)}; groups with their theme: {len(themes)}")
    storms = [r[0] for r in rows if r[3] or r[2] * 50 > max(r[1], 1)]
    for name in storms:
        failures.append(f"429 storm in {name}")
    if errors:
        failures.append(f"{len(errors)} errors logged by the bot")
    for failure in failures[:20]:
        print("FAIL:", failure)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--no-pacing", action="store_true", help="without Kindred's pacer, to compare"
    )
    args = parser.parse_args(argv)
    return asyncio.run(run(args.groups, args.members, args.scale, not args.no_pacing))


if __name__ == "__main__":
    sys.exit(main())

"""Many Kindred processes on one PostgreSQL: messages/s, crisis alert latency, and jobs across
a rolling restart (issue 20, "Show"). Then the same figures for one process on SQLite.

    python -m bench.bench_processes [--rate 40] [--seconds 15] [--every 25]
        [--processes 4] [--shards 8] [--guilds 16] [--skip-sqlite] [--keep]

PostgreSQL run: one throw-away server (``sandbox/pg_server.py``), the Discord stand-in in this
process with ``--guilds`` demo servers spread over ``--shards`` shards, and ``--processes`` bot
processes (``python -m sandbox.bot_process``), each running its slice of the shards
(``KINDRED_SHARDS=0-1/8``, ``2-3/8``, ...) over the one database. SQLite run: one process with
every shard over a SQLite file. Each run:

1. Flood: ordinary chat at a steady ``--rate`` messages/s for ``--seconds``, spread over the
   servers, one in ``--every`` an urgent crisis disclosure from a member of its own (so each
   opens a case). Printed: messages/s dispatched, and messages/s handled: every message sent
   divided by the time from the first dispatch until the alert of the last disclosure reached
   its staff channel (the processes read their gateway in order, so that alert means the
   backlog before it is through). Crisis alert latency: from the disclosure's MESSAGE_CREATE
   at the stand-in to the stand-in recording the staff-channel POST naming its marker,
   p50/p99/max.
2. Jobs: each urgent case has its acknowledgement deadline saved as a job (due 10 minutes after
   the case; the processes' fake clocks stand still, so nothing is due yet). Rolling restart:
   each process in turn is stopped (SIGTERM) and started again with its clock 11 minutes on,
   and runs what is due once READY; the next waits until it is READY. The deadline's one outside
   effect is the escalation post in the staff channel ("Crisis case <label> ... has not been
   claimed"). Printed: jobs due, escalations per case: lost (none) and doubled (more than one).

Timing is wall-clock on this machine; the processes, PostgreSQL, the stand-in and this script
share its cores. The bot processes run the lexicon screen without the model (as the crash
tests). Exit status 1 when a disclosure got no alert or a job was lost or doubled. A benchmark,
not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bot import open_database
from cogs.crisis.steps import DEADLINE
from db.repositories.crisis import CrisisRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.timefmt import from_db
from sandbox import pg_server
from sandbox.bot_process import READY_LINE
from sandbox.crash import CHAT_LINES, URGENT_LINES
from sandbox.crash_state import START
from sandbox.fake_discord import FakeDiscord, Member, RecordedRequest
from sandbox.world import World, build_world

ROOT = Path(__file__).resolve().parents[1]
DEADLINE_AFTER = timedelta(minutes=10)  # an urgent case's acknowledgement deadline
# Process k's fake clock starts k * STAGGER after the first's, so its cases' deadlines fall due
# at its own restart (11 minutes on) and not at an earlier process's: the jobs come due one
# restart after another, each run by a different process.
STAGGER = timedelta(minutes=3)
PAST_DEADLINE = timedelta(minutes=11)
ESCALATION = re.compile(r"Crisis case (\S+) \(urgent\) has not been claimed")
READY_SECONDS = 90.0


@dataclass
class Proc:
    """One bot process: its shards and its current run."""

    shards: str  # KINDRED_SHARDS
    now: datetime  # the fake clock it runs with
    popen: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    starts: int = 0

    def log(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@dataclass
class Disclosure:
    marker: str
    guild: int
    sent: float  # time.time() at dispatch (the stand-in stamps requests with time.time())
    alerted: float | None = None


@dataclass
class Result:
    label: str
    sent: int = 0
    dispatch_seconds: float = 0.0
    handled_seconds: float | None = None
    latencies: list[float] = field(default_factory=list)
    disclosures: int = 0
    jobs_due: int = 0
    lost: int = 0
    doubled: int = 0
    restarts: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    per_restart: list[tuple[int, int]] = field(default_factory=list)  # (came due, effects seen)
    db_lost: int | None = None
    db_doubled: int | None = None
    notes: list[str] = field(default_factory=list)


class Bench:
    """The stand-in, its servers, and the bot processes over one database."""

    def __init__(self, folder: Path, target: str, plans: list[str], args: argparse.Namespace):
        self.folder = folder
        self.target = target
        self.args = args
        self.fake = FakeDiscord()
        self.worlds: list[World] = []
        self.procs = [Proc(p, START + k * STAGGER) for k, p in enumerate(plans)]
        self.now = START
        self.disclosures: dict[str, Disclosure] = {}
        self.escalations: Counter[tuple[int, str]] = Counter()  # (staff channel, case label)
        self.staff: dict[int, World] = {}

    async def open(self) -> None:
        await self.fake.start()
        for n in range(self.args.guilds):
            world = build_world(
                self.fake, f"Circle {n}", shard=(n % self.args.shards, self.args.shards)
            )
            self.worlds.append(world)
            self.staff[world.channels["staff"].id] = world
        db = await open_database(self.target)
        try:
            for w in self.worlds:
                settings = {
                    "moderator_role_id": w.roles["moderator"].id,
                    "coordinator_role_id": w.roles["coordinator"].id,
                    "oncall_role_id": w.roles["oncall"].id,
                    "backup_role_id": w.roles["backup"].id,
                    "staff_channel_id": w.channels["staff"].id,
                    "country": "IN",
                }
                await GuildSettingsRepository(db).update(
                    w.guild.id, settings, actor_id=w.owner.id, now=self.now
                )
        finally:
            await db.close()
        self.fake.after_handled("POST", r"^/channels/\d+/messages$", self._on_post)

    def _on_post(self, request: RecordedRequest) -> None:
        channel = int(request.path.split("/")[2])
        if channel not in self.staff:
            return
        body = json.dumps(request.json)
        for marker in re.findall(r"bk\d+x[0-9a-f]+", body):
            item = self.disclosures.get(marker)
            if item is not None and item.alerted is None:
                item.alerted = request.timestamp
        for label in ESCALATION.findall(body):
            self.escalations[(channel, label)] += 1

    async def close(self) -> None:
        for proc in self.procs:
            self._kill(proc)
        await self.fake.stop()

    # --- processes --------------------------------------------------------------------------

    def _spawn(self, proc: Proc) -> None:
        proc.starts += 1
        name = proc.shards.replace("/", "of")
        proc.log_path = self.folder / f"bot-{name}-{proc.starts}.log"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("KINDRED_CONFIG_DIR", "KINDRED_DB", "KINDRED_DEV_GUILD", "DISCORD_TOKEN")
        }
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        env["PYTHONUNBUFFERED"] = "1"
        env["LOG_LEVEL"] = "WARNING"
        env["KINDRED_DELIVERY_TIMEOUT"] = "5"
        env["KINDRED_SHARDS"] = proc.shards
        command = [
            sys.executable,
            "-m",
            "sandbox.bot_process",
            "--api",
            self.fake.api_base,
            "--gateway",
            self.fake.gateway_url,
            "--db",
            self.target,
            "--now",
            proc.now.isoformat(),
            "--guild-id",
            str(self.worlds[0].guild.id),
            "--max-seconds",
            "900",
            "--data-cache",
            str(self.folder.parent / "data-files.pickle"),
        ]
        with proc.log_path.open("wb") as out:
            proc.popen = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    async def _ready(self, proc: Proc) -> None:
        await wait_for(
            lambda: READY_LINE in proc.log(),
            f"process {proc.shards} READY",
            READY_SECONDS,
            proc,
        )

    async def start_all(self) -> None:
        """The first process alone (it writes the data cache), then the rest together."""
        first, *rest = self.procs
        self._spawn(first)
        await self._ready(first)
        for proc in rest:
            self._spawn(proc)
        for proc in rest:
            await self._ready(proc)

    def _kill(self, proc: Proc) -> None:
        if proc.popen is not None and proc.popen.poll() is None:
            proc.popen.kill()
            proc.popen.wait(timeout=10)

    async def stop(self, proc: Proc) -> None:
        """SIGTERM and wait for a clean exit (a kill after 20 s)."""
        assert proc.popen is not None
        proc.popen.send_signal(signal.SIGTERM)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 20
        while proc.popen.poll() is None and loop.time() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        self._kill(proc)

    # --- the flood --------------------------------------------------------------------------

    async def flood(self, result: Result) -> None:
        args = self.args
        loop = asyncio.get_running_loop()
        total = max(1, round(args.rate * args.seconds))
        # One in --every a disclosure, and the last message one too: its alert marks the end.
        crisis = [n for n in range(total) if n % args.every == args.every // 2 or n == total - 1]
        # A member of their own for each disclosure, added before the flood.
        authors: list[tuple[World, Member]] = []
        for k, _ in enumerate(crisis):
            world = self.worlds[k % len(self.worlds)]
            member = self.fake.add_member(world.guild.id, f"Bench{k:04d}")
            authors.append((world, member))
        await asyncio.sleep(0.5)  # let the member-add dispatches reach the processes
        finished: asyncio.Future[float] = loop.create_future()
        crisis_set = set(crisis)
        next_author = iter(authors)

        def dispatch(n: int) -> None:
            if n in crisis_set:
                world, member = next(next_author)
                marker = f"bk{n}x{secrets.token_hex(3)}"
                text = f"{URGENT_LINES[n % len(URGENT_LINES)]} {marker}"
                self.disclosures[marker] = Disclosure(marker, world.guild.id, time.time())
                self.fake.create_message(world.channels["general"].id, member.user, text)
            else:
                world = self.worlds[n % len(self.worlds)]
                who = world.members[n % len(world.members)]
                line = CHAT_LINES[n % len(CHAT_LINES)]
                self.fake.create_message(world.channels["general"].id, who.user, line)
            if n == total - 1:
                finished.set_result(time.time())

        t0_loop = loop.time() + 0.1
        t0 = time.time() + 0.1
        for n in range(total):
            loop.call_at(t0_loop + n / args.rate, dispatch, n)
        last_sent = await finished
        result.sent = total
        result.dispatch_seconds = last_sent - t0
        result.disclosures = len(self.disclosures)
        with contextlib.suppress(AssertionError):
            await wait_for(
                lambda: all(d.alerted for d in self.disclosures.values()),
                "every disclosure alerted",
                args.settle,
            )
        alerted = [d for d in self.disclosures.values() if d.alerted is not None]
        result.latencies = sorted(d.alerted - d.sent for d in alerted if d.alerted)
        if len(alerted) == len(self.disclosures) and alerted:
            result.handled_seconds = max(d.alerted for d in alerted if d.alerted) - t0
        else:
            missing = len(self.disclosures) - len(alerted)
            result.notes.append(
                f"{missing} of {len(self.disclosures)} disclosures got no staff alert within "
                f"{args.settle:g} s; messages/s handled not measured"
            )

    # --- jobs across a rolling restart ------------------------------------------------------

    async def rolling_restart(self, result: Result) -> None:
        cases = await self._urgent_cases()
        result.jobs_due = len(cases)
        done: set[tuple[int, str]] = set()
        for proc in self.procs:
            began = time.perf_counter()
            await self.stop(proc)
            proc.now += PAST_DEADLINE
            self._spawn(proc)
            await self._ready(proc)
            result.restart_seconds.append(time.perf_counter() - began)
            result.restarts += 1
            due = {key for key, at in cases.items() if at <= proc.now} - done

            def escalated(due: set[tuple[int, str]] = due) -> bool:
                return all(self.escalations[key] for key in due)

            with contextlib.suppress(AssertionError):
                await wait_for(escalated, "an escalation for every case come due", self.args.settle)
            result.per_restart.append((len(due), sum(1 for k in due if self.escalations[k])))
            done |= due
        # A moment more for a second (doubled) escalation to show up, if any would.
        await asyncio.sleep(1.0)
        result.lost = sum(1 for key in cases if self.escalations[key] == 0)
        result.doubled = sum(1 for key in cases if self.escalations[key] > 1)
        strays = set(self.escalations) - set(cases)
        if strays:
            result.notes.append(f"{len(strays)} escalations for cases not counted as due")
        db = await open_database(self.target)
        try:
            rows = await db.fetchall(
                "SELECT escalations FROM crisis_cases WHERE level = 'urgent'", ()
            )
        finally:
            await db.close()
        result.db_lost = sum(1 for r in rows if int(r[0]) == 0)
        result.db_doubled = sum(1 for r in rows if int(r[0]) > 1)

    async def _urgent_cases(self) -> dict[tuple[int, str], datetime]:
        """(staff channel, case label) -> due time, of each urgent case's pending deadline."""
        db = await open_database(self.target)
        try:
            rows = await db.fetchall(
                "SELECT c.id, j.due_at FROM crisis_cases c JOIN jobs j"
                " ON j.entity_id = c.id AND j.kind = ?"
                " WHERE c.level = 'urgent' AND j.status = 'pending'",
                (DEADLINE,),
            )
            repo = CrisisRepository(db)
            cases = [(await repo.get(int(r[0])), from_db(r[1])) for r in rows]
        finally:
            await db.close()
        by_guild = {w.guild.id: w.channels["staff"].id for w in self.worlds}
        return {(by_guild[c.guild_id or 0], c.label): due for c, due in cases if c is not None}


async def wait_for(
    check: Callable[[], object],
    what: str,
    timeout: float,  # noqa: ASYNC109
    proc: Proc | None = None,
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if proc is not None and proc.popen is not None and proc.popen.poll() is not None:
            raise AssertionError(f"{what}: the process exited\n{proc.log()[-3000:]}")
        if loop.time() >= deadline:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        await asyncio.sleep(0.02)


def percentile(sorted_ms: list[float], q: float) -> float:
    index = min(len(sorted_ms) - 1, max(0, round(q / 100 * (len(sorted_ms) - 1))))
    return sorted_ms[index]


def report(result: Result) -> bool:
    print(result.label)
    print(
        f"  messages: {result.sent} sent in {result.dispatch_seconds:.1f} s "
        f"({result.sent / max(result.dispatch_seconds, 1e-9):.0f}/s dispatched)"
    )
    if result.handled_seconds is not None:
        print(
            f"  handled: all {result.sent} by {result.handled_seconds:.1f} s after the first "
            f"= {result.sent / result.handled_seconds:.0f} messages/s"
        )
    ms = [x * 1000 for x in result.latencies]
    if ms:
        print(
            f"  crisis alert latency ({len(ms)} of {result.disclosures}): "
            f"p50 {percentile(ms, 50):.0f} ms, p99 {percentile(ms, 99):.0f} ms, max {ms[-1]:.0f} ms"
        )
    else:
        print(f"  crisis alert latency: no alert arrived for {result.disclosures} disclosures")
    restarts = ", ".join(f"{s:.1f}" for s in result.restart_seconds)
    print(
        f"  jobs: {result.jobs_due} deadlines due across {result.restarts} restarts "
        f"(stop to READY: {restarts} s)"
    )
    steps = ", ".join(f"{due} due/{seen} done" for due, seen in result.per_restart)
    print(f"    per restart: {steps}")
    print(f"    escalation posts at the stand-in: {result.lost} lost, {result.doubled} doubled")
    if result.db_lost is not None:
        print(
            f"    escalations counted on the cases in the database: {result.db_lost} lost, "
            f"{result.db_doubled} doubled"
        )
    for note in result.notes:
        print(f"  NOTE: {note}")
    return (
        result.restarts > 0
        and result.lost == 0
        and result.doubled == 0
        and not result.db_lost
        and not result.db_doubled
        and bool(result.latencies)
        and len(result.latencies) == result.disclosures
    )


async def run_one(
    label: str, folder: Path, target: str, plans: list[str], args: argparse.Namespace
) -> Result:
    result = Result(label)
    bench = Bench(folder, target, plans, args)
    try:
        await bench.open()
        began = time.perf_counter()
        await bench.start_all()
        result.notes.append(f"{len(plans)} processes READY in {time.perf_counter() - began:.1f} s")
        await bench.flood(result)
        await bench.rolling_restart(result)
    except AssertionError as exc:
        result.notes.append(f"stopped early: {exc}")
    finally:
        await bench.close()
    return result


def shard_plans(processes: int, shards: int) -> list[str]:
    """``KINDRED_SHARDS`` for each process: consecutive slices of the shards."""
    per = shards // processes
    plans = []
    for k in range(processes):
        first = k * per
        last = shards - 1 if k == processes - 1 else first + per - 1
        plans.append(f"{first}-{last}/{shards}")
    return plans


async def main_async(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="kindred-bench-processes-"))
    ok = True
    try:
        why = pg_server.unavailable()
        if why is None:
            server = pg_server.start()
            (folder / "postgresql").mkdir()
            try:
                url = await server.create_database("bench")
                result = await run_one(
                    f"PostgreSQL: {args.processes} processes x {args.shards // args.processes} "
                    f"shards, {args.guilds} servers",
                    folder / "postgresql",
                    url,
                    shard_plans(args.processes, args.shards),
                    args,
                )
                ok = report(result) and ok
            finally:
                server.stop()
        else:
            # As make test: said and passed over here, a failure under CI=true.
            print(f"PostgreSQL: not measured: {why}")
            ok = os.environ.get("CI") != "true"
        if not args.skip_sqlite:
            (folder / "sqlite").mkdir()
            result = await run_one(
                f"SQLite: 1 process x {args.shards} shards, {args.guilds} servers",
                folder / "sqlite",
                str(folder / "sqlite" / "kindred.sqlite3"),
                [f"0-{args.shards - 1}/{args.shards}"],
                args,
            )
            ok = report(result) and ok
    finally:
        if args.keep:
            print(f"logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_processes")
    parser.add_argument("--rate", type=float, default=40.0, help="messages/s in all")
    parser.add_argument("--seconds", type=float, default=15.0, help="how long the flood lasts")
    parser.add_argument("--every", type=int, default=25, help="one in N messages a disclosure")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--guilds", type=int, default=16, help="servers, spread over the shards")
    parser.add_argument("--settle", type=float, default=30.0, help="seconds to wait for effects")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the processes' logs")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())

"""Crisis cases that survive kill -9 and Discord's faults: how many saved cases reach a human.

    python -m bench.bench_crisis_delivery [--messages 5000] [--every 50] [--only a,e,j] [--keep]

Runs the scenarios of ``sandbox/crash_scenarios.py`` (issue 11, "the case is the outbox")
against the real bot as its own process (``python -m sandbox.bot_process``) and the local
Discord stand-in, with ``KINDRED_DELIVERY_TIMEOUT=1``. Killed with ``kill -9`` at every step
boundary and under load:

a. the staff post and the member's DM hang; kill -9 once the case row is written; restart;
b. only the member's DM hangs (the staff alert must not wait for it); kill -9; restart;
c. only the staff post hangs; kill -9; restart;
d. kill -9 the instant both the alert and the DM were delivered; restart 11 minutes later
   (the unclaimed urgent case must escalate);
e. ``--messages`` chat lines (5,000), one in ``--every`` (50, i.e. 2 %) a crisis disclosure;
   kill -9 midway while deliveries are in flight; restart; the rest of the flood.

Under injected faults, without a kill unless noted:

f. the staff channel deleted and every coordinator's DMs closed (the on-call role is DMed);
g. bursts of 5xx: the staff channel answers 503 to its first 6 posts, opening a DM 503 twice,
   a member's DM 502 once, while three members disclose;
h. 429s with ``retry_after`` on message posts: every post's first four tries (0.2 s), then a
   staff-channel 429 longer than an attempt's timeout;
h2. one global 429 on the staff channel longer than an attempt's timeout;
i. the member's DMs closed: the member is reached in a private thread, staff are alerted;
j. every staff route failing (staff channel 403, every staff member's DMs closed), then
   recovering; restarts (kill -9) move the fake clock on, 4 minutes in all;
k. kill -9 while the DM to the on-call role hangs in the fallback chain (the staff channel
   answering 404); restarted with it still hanging.

One line per scenario: cases saved (concern/urgent rows in ``crisis_cases`` for the
disclosures), cases that reached a human (the disclosure's marker in the staff channel, or a
staff DM with the marker or naming the member), the ratio, how many of those cases' members
were reached (a DM, or a private-thread message naming them), and the first expectation that
failed, if any. Exit status 1 if any ratio is below 100 %, a member was not reached, or any
scenario failed (d can reach staff and still miss its escalation), else 0.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from sandbox import crash_scenarios as scenario
from sandbox.crash import CrashRig

Scenario = Callable[[CrashRig], Awaitable[object]]


@dataclass(frozen=True)
class Result:
    name: str
    saved: int
    reached: int
    members: int  # members of the saved cases who were reached
    seconds: float
    problem: str | None

    @property
    def ok(self) -> bool:
        return (
            self.problem is None
            and self.saved > 0
            and self.reached == self.saved
            and self.members == self.saved
        )

    def line(self) -> str:
        ratio = f"{self.reached / self.saved:7.1%}" if self.saved else "    n/a"
        if self.ok:
            verdict = "ok"
        elif self.problem:
            verdict = f"FAIL: {self.problem}"
        elif not self.saved:
            verdict = "FAIL: no case was saved"
        else:
            verdict = f"FAIL: {self.saved - self.members} member(s) not reached"
        return (
            f"{self.name:<38} saved {self.saved:>5}  reached a human {self.reached:>5}  "
            f"ratio {ratio}  member reached {self.members:>5}  {self.seconds:5.1f} s  {verdict}"
        )


def scenarios(messages: int, every: int) -> dict[str, tuple[str, Scenario]]:
    async def load(rig: CrashRig) -> object:
        return await scenario.e_kill_under_load(
            rig, messages=messages, every=every, settle=max(6.0, messages / 250)
        )

    return {
        "a": ("a: alert and DM hang, kill", scenario.a_kill_while_alert_and_dm_hang),
        "b": ("b: DM hangs, kill", scenario.b_kill_while_dm_hangs),
        "c": ("c: alert hangs, kill", scenario.c_kill_while_alert_hangs),
        "d": ("d: kill after both, +11 min", scenario.d_kill_right_after_both_delivered),
        "e": (f"e: {messages} messages, kill midway", load),
        "f": (
            "f: no staff channel, coord. DMs closed",
            scenario.f_oncall_dmed_without_staff_channel,
        ),
        "g": ("g: 5xx bursts (503 x6, 502)", scenario.g_5xx_bursts),
        "h": ("h: 429 retry_after on posts", scenario.h_429_rate_limits),
        "h2": (
            "h2: global 429 longer than an attempt",
            scenario.h2_global_429_longer_than_an_attempt,
        ),
        "i": ("i: member DMs closed, private thread", scenario.i_member_dms_closed),
        "j": ("j: staff routes fail, recover +4 min", scenario.j_staff_unreachable_then_recovers),
        "k": ("k: fallback DM hangs, kill", scenario.k_kill_while_fallback_dm_hangs),
        "l": ("l: member routes fail, retried +15 s", scenario.l_member_dm_fails_every_attempt),
    }


async def run_one(name: str, run: Scenario, tmp: Path, cache: Path, limit: float) -> Result:
    started = time.monotonic()
    problem: str | None = None
    async with CrashRig.open(tmp, env=scenario.ENV, data_cache=cache, max_seconds=limit) as rig:
        try:
            await run(rig)
        except AssertionError as exc:
            problem = str(exc).splitlines()[0]
        saved, missed = rig.tally()
        _, members_missed = rig.member_tally()
    return Result(
        name,
        saved,
        saved - len(missed),
        saved - len(members_missed),
        time.monotonic() - started,
        problem,
    )


async def run_all(
    todo: list[tuple[str, Scenario, Path]], cache: Path, limit: float
) -> list[Result]:
    results = []
    for name, run, tmp in todo:
        result = await run_one(name, run, tmp, cache, limit)
        results.append(result)
        print(result.line(), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_crisis_delivery")
    parser.add_argument("--messages", type=int, default=5_000, help="messages in scenario e")
    parser.add_argument("--every", type=int, default=50, help="one disclosure in this many")
    parser.add_argument(
        "--only", default="", help="scenarios to run, e.g. a,e,j (default: all, a to l)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases and bot logs")
    args = parser.parse_args(argv)
    table = scenarios(args.messages, args.every)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()] or list(table)
    unknown = [s for s in wanted if s not in table]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(table)}")
    root = Path(tempfile.mkdtemp(prefix="kindred-crash-"))
    todo = []
    for key in wanted:
        (root / key).mkdir()
        todo.append((*table[key], root / key))
    print(
        f"crisis delivery across kill -9 and injected faults "
        f"(KINDRED_DELIVERY_TIMEOUT={scenario.DELIVERY_TIMEOUT:g})"
    )
    try:
        results = asyncio.run(run_all(todo, root / "data-files.pickle", 120.0 + args.messages / 20))
    finally:
        if args.keep:
            print(f"databases and bot logs kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

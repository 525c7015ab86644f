"""What one crisis message costs inside Kindred: source files crossed and SQL statements run.

Usage:
    .venv/bin/python -m bench.crisis_trace

Runs the real bot (``bot.build_local_bot``, shipped data files, no screening model, a fake
clock, a fresh SQLite file) against the local Discord stand-in with the demo server set up by
``/setup set``, the way the integration tests do. Then ONE urgent disclosure is posted and the
bot is let settle (case, staff alert, member DM, alert refresh). While it runs:

- a profile hook (``sys.setprofile``) on the event loop's thread collects every project source
  file a Python call enters (under ``cogs/``, ``db/``, and ``bot.py``);
- SQLite's trace callback (``aiosqlite`` ``set_trace_callback``) records every statement,
  including BEGIN and COMMIT.

It prints the files, the statement counts (all, and without BEGIN/COMMIT), and how many
statements re-read the case just written (``SELECT * FROM crisis_cases WHERE id = ?``).
A measurement, not a test: the numbers depend on the code, not on the machine.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

import bot as composition
from bot import build_local_bot, load_data_files
from cogs.utils.clock import FakeClock
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import build_world

# The tree whose code runs (the one ``bot`` was imported from), not where this file lives.
ROOT = Path(composition.__file__).resolve().parent
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."
CASE_REREAD = re.compile(r"SELECT \* FROM crisis_cases WHERE id = ", re.IGNORECASE)
TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK)", re.IGNORECASE)


def project_file(filename: str, root: Path) -> str | None:
    """The path relative to ``root`` when it is one of the project's own source files."""
    try:
        rel = Path(filename).resolve().relative_to(root)
    except ValueError:
        return None
    text = rel.as_posix()
    if text == "bot.py" or text.startswith(("cogs/", "db/")):
        return text
    return None


async def measure() -> tuple[list[str], list[str]]:
    """Post one crisis message through the running bot; the files crossed and the SQL run."""
    fake = FakeDiscord()
    await fake.start()
    try:
        world = build_world(fake)
        clock = FakeClock(START)
        with tempfile.TemporaryDirectory() as tmp:
            bot = await build_local_bot(
                Path(tmp) / "kindred.sqlite3", clock, world.guild.id, load_data_files(None)
            )
            async with run_bot(fake, bot) as driver:
                fake.now = clock.now
                await driver.command(
                    world.owner,
                    "setup set",
                    {
                        "moderator_role": world.roles["moderator"],
                        "coordinator_role": world.roles["coordinator"],
                        "oncall_role": world.roles["oncall"],
                        "backup_role": world.roles["backup"],
                        "staff_channel": world.channels["staff"],
                        "country": "IN",
                    },
                )
                await driver.settle()
                statements: list[str] = []
                files: set[str] = set()
                sqlite: Any = bot.services.db  # the SQLite backend: aiosqlite traces
                conn: Any = sqlite.conn
                await conn.set_trace_callback(statements.append)

                def hook(frame: FrameType, event: str, arg: object) -> None:
                    if event == "call":
                        found = project_file(frame.f_code.co_filename, ROOT)
                        if found is not None:
                            files.add(found)

                sys.setprofile(hook)
                try:
                    await driver.post(world.member("Asha"), world.channels["general"], URGENT)
                    await driver.settle()
                finally:
                    sys.setprofile(None)
                    await conn.set_trace_callback(None)
                staff = driver.sent_to_channel(world.channels["staff"])
                if not any("Crisis case" in m["content"] for m in staff):
                    raise SystemExit("the crisis message got no staff alert: nothing to measure")
    finally:
        await fake.stop()
    return sorted(files), statements


def main() -> None:
    """Run the measurement and print it."""
    logging.basicConfig(level=logging.CRITICAL)
    files, statements = asyncio.run(measure())
    work = [s for s in statements if not TRANSACTION.match(s)]
    rereads = [s for s in work if CASE_REREAD.search(s)]
    print(f"project source files crossed: {len(files)}")
    for name in files:
        print(f"  {name}")
    print(f"SQL statements: {len(statements)} ({len(work)} without BEGIN/COMMIT)")
    kinds = Counter(s.split()[0].upper() for s in work)
    print("  by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print(f"re-reads of the case just written: {len(rereads)}")
    if "-v" in sys.argv:
        for s in statements:
            print("  " + " ".join(s.split())[:140])


if __name__ == "__main__":
    main()

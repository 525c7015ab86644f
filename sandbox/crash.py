"""Crash rig: the real Kindred bot as a separate process, killed with SIGKILL and restarted.

The stand-in (``FakeDiscord``) runs in the caller's event loop on 127.0.0.1 with the demo
server (``sandbox.world``); the bot runs as ``python -m sandbox.bot_process`` over one database
(a SQLite file, or the PostgreSQL database given as ``database=``), so ``kill()`` is a real
``kill -9`` and the next ``start()`` is a real restart::

    async with CrashRig.open(tmp_path, env={"KINDRED_DELIVERY_TIMEOUT": "1"}) as rig:
        await rig.start()                        # waits until the process is READY
        marker = rig.marker()
        posted = rig.post(rig.member("Asha"), f"I've decided to end my life tonight {marker}")
        await rig.wait_for(lambda: rig.case_for(posted), "the case row")
        await rig.kill()
        await rig.start(later=timedelta(minutes=1))   # same database, later fake clock
        await rig.wait_for(lambda: rig.reached_human(marker), "the staff alert")

Everything here is black-box: the rig judges what the bot did by what the stand-in received
(messages in the staff channel, DMs, private threads) and by reading the database back (SQLite's
WAL lets a reader in while the bot writes; PostgreSQL readers never wait). Waits poll with a deadline; none sleeps
for time to pass. ``CrashRig.open`` always kills the process and stops the stand-in, and the
child also dies with its parent (Linux) and after ``max_seconds``.

What "reached" means, so every test and the benchmark judge it the same way:

- a human was reached about a disclosure when the bot posted in the staff channel a message
  whose text (content or any embed text) contains the disclosure's marker, or DMed a staff
  person (owner, coordinator, moderator, on-call or backup role) a message containing the
  marker or mentioning the member;
- the member was reached when the bot DMed them, or posted in a private thread a message
  mentioning them, after their message.

The rig's state and everything it reads back (messages, the database file, logs) are in
``sandbox.crash_state``; every name is importable from here.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot import open_database
from db.repositories.guild_settings import GuildSettingsRepository
from sandbox.bot_process import READY_LINE
from sandbox.crash_state import START, Disclosure, RigState, Run, message_text
from sandbox.fake_discord import FakeDiscord, Injection, Member, Obj, RecordedRequest
from sandbox.snowflake import snowflake
from sandbox.world import build_world

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
# Status a hung request answers with once released (after the process that sent it is dead).
HANG_STATUS = 503
MESSAGE_POST = r"/channels/\d+/messages$"

# Disclosures written for these tests (never rows of any evaluation set). Each gets a unique
# marker word appended so a staff alert, a DM or an excerpt can be traced back to it.
URGENT_LINES = (
    "I've decided to end my life tonight",
    "I am going to kill myself tonight, my mind is made up",
    "Tonight I end it all, the goodbye notes are already written",
)
CONCERN_LINES = (
    "I honestly don't see the point in living any more with this disease",
    "Some nights I lie awake hoping I just won't wake up in the morning",
)
# Ordinary chat: neither screen raises anything on these.
CHAT_LINES = (
    "Had my infusion this morning, a bit wiped out but fine",
    "Does anyone else find the heat makes their legs heavier?",
    "Physio went well today, ten minutes on the bike without a break",
    "My neurologist moved my MRI to next month",
    "Trying the cooling scarf someone mentioned, it helps a little",
    "Good morning everyone, tea in hand and ready for the day",
    "Anyone have tips for sleeping when the spasms start at night?",
    "Walked to the corner shop and back, small win",
    "Our group chat last week really cheered me up",
    "I found a seated yoga video that works for my balance",
    "Brain fog is thick today so forgive the typos",
    "My partner made soup, feeling looked after",
    "The weather finally cooled down, my legs are grateful",
    "Started a journal to track relapses, it's oddly calming",
    "Just back from the pharmacy, new prescription sorted",
    "Watching the birds at the feeder while I rest",
)


def disclosure(marker: str, index: int = 0, *, level: str = "urgent") -> str:
    """A crisis disclosure of ``level`` ("urgent" or "concern") carrying ``marker``."""
    lines = URGENT_LINES if level == "urgent" else CONCERN_LINES
    return f"{lines[index % len(lines)]} {marker}"


class ProcessDied(AssertionError):
    """The bot process exited although nobody killed it."""


def base_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The bot process's environment: this one without Kindred's own settings, with this
    checkout's code first on the path, unbuffered output, and ``extra`` on top."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("KINDRED_CONFIG_DIR", "KINDRED_DB", "KINDRED_DEV_GUILD", "DISCORD_TOKEN")
    }
    # This checkout's code, whatever is installed in the virtualenv.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("LOG_LEVEL", "INFO")
    env.update(extra or {})
    return env


class Standby:
    """Bot processes started ahead of need and waiting for their command line
    (``python -m sandbox.bot_process --standby``, see there). Rigs that share them (a test
    session) start the bot with ``take()`` and ``refill()`` once it is READY, so a start does
    not wait for the interpreter to import the bot: about a second on an idle machine, several
    on a loaded one, and most of what a start cost. Two wait, so each has had the time of two
    runs to get ready (a test that kills its bot soon after READY restarts it at once). The
    process started this way is the same bot with the same arguments; ``kill()`` is the same
    ``kill -9``."""

    def __init__(self, folder: Path, data_cache: Path | None = None, size: int = 2) -> None:
        self.folder = folder
        self.data_cache = data_cache
        self.size = size
        self.taken = 0
        self._waiting: list[subprocess.Popen[bytes]] = []
        self._numbers = itertools.count(1)

    def refill(self) -> None:
        """Start standing-by processes until ``size`` are waiting."""
        self._waiting = [p for p in self._waiting if p.poll() is None]
        while len(self._waiting) < self.size:
            command = [sys.executable, "-m", "sandbox.bot_process", "--standby"]
            if self.data_cache is not None:
                command += ["--data-cache", str(self.data_cache)]
            log_path = self.folder / f"standby-{next(self._numbers)}.log"
            with log_path.open("wb") as log_file:
                self._waiting.append(
                    subprocess.Popen(
                        command,
                        cwd=ROOT,
                        env=base_environment(),
                        stdin=subprocess.PIPE,
                        stdout=log_file,
                        stderr=subprocess.STDOUT,
                    )
                )

    def take(
        self, argv: list[str], env: Mapping[str, str], log_path: Path
    ) -> subprocess.Popen[bytes] | None:
        """The longest-waiting process, told to run as ``argv`` with ``env`` and log to
        ``log_path``; None when none is waiting (the caller starts one the ordinary way)."""
        while self._waiting:
            proc = self._waiting.pop(0)
            if proc.stdin is None or proc.poll() is not None:
                continue
            order = {"argv": argv, "env": dict(env), "log": str(log_path)}
            try:
                proc.stdin.write(json.dumps(order).encode() + b"\n")
                proc.stdin.close()
            except BrokenPipeError:
                proc.kill()
                proc.wait(timeout=10)
                continue
            self.taken += 1
            return proc
        return None

    def close(self) -> None:
        """Kill the waiting processes (they may still be importing: no need to wait)."""
        waiting, self._waiting = self._waiting, []
        for proc in waiting:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)
            if proc.stdin is not None:
                proc.stdin.close()


class CrashRig(RigState):
    """See the module docstring."""

    @classmethod
    @asynccontextmanager
    async def open(
        cls,
        tmp: Path,
        *,
        env: Mapping[str, str] | None = None,
        now: datetime = START,
        max_seconds: float = 120.0,
        data_cache: Path | None = None,
        database: str | None = None,
        standby: Standby | None = None,
    ) -> AsyncIterator[CrashRig]:
        """The stand-in with the demo server; the process is killed and the stand-in stopped
        on the way out, whatever happened. ``database``: a fresh PostgreSQL database's URL
        (the caller makes and drops it), else a SQLite file in ``tmp``. ``standby``: where
        each start takes its process from (see ``Standby``); else it starts one then."""
        fake = FakeDiscord()
        await fake.start()
        rig: CrashRig | None = None
        try:
            fake.now = lambda: rig.now if rig is not None else now
            rig = cls(
                fake,
                build_world(fake),
                tmp,
                dict(env or {}),
                now,
                max_seconds,
                data_cache=data_cache,
                database=database,
                standby=standby,
            )
            yield rig
        finally:
            try:
                if rig is not None:
                    rig.kill_now()
                    rig.close_reader()
            finally:
                await fake.stop()

    # --- paths and setup ------------------------------------------------------------------------

    async def write_setup(self, **changes: Any) -> None:
        """Write the server's setup (as ``/setup set`` would) before the process starts:
        moderator, coordinator, on-call and backup roles, the staff channel, country IN."""
        w = self.world
        settings: dict[str, Any] = {
            "moderator_role_id": w.roles["moderator"].id,
            "coordinator_role_id": w.roles["coordinator"].id,
            "oncall_role_id": w.roles["oncall"].id,
            "backup_role_id": w.roles["backup"].id,
            "staff_channel_id": w.channels["staff"].id,
            "country": "IN",
        }
        settings.update(changes)
        db = await open_database(self.db_path)
        try:
            await GuildSettingsRepository(db).update(
                w.guild.id, settings, actor_id=w.owner.id, now=self.now
            )
        finally:
            await db.close()
        self.set_up = True

    def add_member(self, name: str) -> Member:
        """A new plain member (dispatched to the bot when it is connected)."""
        member = self.fake.add_member(self.world.guild.id, name)
        self.world.members.append(member)
        return member

    def marker(self) -> str:
        """A unique word to trace one disclosure through alerts and DMs."""
        return f"mk{next(self._marker_numbers)}x{secrets.token_hex(3)}"

    # --- the process ----------------------------------------------------------------------------

    def _command(self, now: datetime) -> list[str]:
        return [
            sys.executable,
            "-m",
            "sandbox.bot_process",
            "--api",
            self.fake.api_base,
            "--gateway",
            self.fake.gateway_url,
            "--db",
            str(self.db_path),
            "--now",
            now.isoformat(),
            "--guild-id",
            str(self.world.guild.id),
            "--max-seconds",
            str(self.max_seconds),
            "--data-cache",
            str(self.data_cache or self.tmp / "data-files.pickle"),
        ]

    def _environment(self) -> dict[str, str]:
        return base_environment(self.env)

    def _spawn(self, log_path: Path) -> subprocess.Popen[bytes]:
        """Launch the process (fork and exec only, or a word to the one standing by; it
        starts up on its own)."""
        command = self._command(self.now)
        if self.standby is not None:
            taken = self.standby.take(command[3:], self._environment(), log_path)
            if taken is not None:
                return taken
        with log_path.open("wb") as log_file:
            return subprocess.Popen(
                command,
                cwd=ROOT,
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )

    async def start(self, *, later: timedelta | None = None, now: datetime | None = None) -> Run:
        """Start the bot process over the database (a restart when one ran before), with the
        fake clock at ``now`` (or ``later`` than the last start), and wait until READY."""
        if self.alive:
            raise RuntimeError("the bot process is still running; kill() it first")
        if not self.set_up:
            await self.write_setup()
        if now is not None:
            self.now = now
        elif later is not None:
            self.now += later
        number = len(self.runs) + 1
        log_path = self.tmp / f"bot-run-{number}.log"
        identified = self.fake.identify_count
        began = asyncio.get_running_loop().time()
        run = Run(number, self.now, log_path, self._spawn(log_path), snowflake())
        self.runs.append(run)
        await self.wait_for(
            lambda: (
                self.fake.identify_count > identified
                and self.fake.connected
                and READY_LINE in self.log(run)
            ),
            f"run {number} of the bot process to be READY",
            timeout=self.ready_timeout,
        )
        run.ready_seconds = asyncio.get_running_loop().time() - began
        if self.standby is not None:
            self.standby.refill()  # now, not while this one starts: two cores, not one each
        return run

    def kill_now(self) -> bool:
        """SIGKILL the process and reap it; synchronous, so it is safe inside a stand-in hook
        (the process is dead before the stand-in answers). False when it was not running."""
        run = self.run
        if run is None or run.proc.poll() is not None:
            return False
        os.kill(run.proc.pid, signal.SIGKILL)
        run.proc.wait(timeout=10)
        run.killed = True
        return True

    async def kill(self) -> None:
        """``kill -9`` the bot process (it must be running)."""
        if not self.kill_now():
            raise ProcessDied(f"the bot process was not running when killed\n{self.diagnostics()}")

    def kill_when(
        self,
        condition: Callable[[], object],
        *,
        method: str | None = "POST",
        path_regex: str = MESSAGE_POST,
    ) -> None:
        """Kill the running process the first time ``condition()`` is true right after the
        stand-in handled a matching request, before the bot gets the answer: "Discord did it,
        the bot never learnt it did"."""
        fired = False
        target = self.run  # only this run: a restarted process is left alone

        def hook(_: RecordedRequest) -> None:
            nonlocal fired
            if not fired and self.run is target and self.alive and condition():
                fired = True
                self.kill_now()

        self.fake.after_handled(method, path_regex, hook)

    # --- failures -------------------------------------------------------------------------------

    def hang(self, path_regex: str, method: str = "POST") -> Injection:
        """Every matching request hangs (never answered) until ``unhang()``."""
        injection = self.fake.fail_next(method, path_regex, HANG_STATUS, times=10**9, hang=True)
        self._hangs.append(injection)
        return injection

    def unhang(self) -> None:
        """Stop hanging requests; requests already hanging get a 503 (call it after a kill)."""
        for injection in self._hangs:
            injection.times = 0
        self._hangs.clear()
        self.fake.release_hangs()

    def dm_channel_id(self, member: Member) -> int:
        """The member's DM channel (created now, so a test can hang the DM route)."""
        return int(self.fake.ensure_dm_channel(member.id)["id"])

    def hang_dms_to(self, member: Member) -> Injection:
        return self.hang(self.dm_route(member))

    def hang_staff_channel(self) -> Injection:
        return self.hang(self.staff_route)

    @property
    def staff_route(self) -> str:
        """The path regex of a post in the staff channel."""
        return rf"^/channels/{self.world.channels['staff'].id}/messages$"

    def dm_route(self, member: Member) -> str:
        """The path regex of a DM to ``member`` (their DM channel is created now)."""
        return rf"^/channels/{self.dm_channel_id(member)}/messages$"

    def fail(
        self,
        path_regex: str,
        status: int,
        *,
        times: int = 1,
        code: int = 0,
        message: str = "",
        retry_after: float | None = None,
        is_global: bool = False,
        method: str = "POST",
    ) -> Injection:
        """The next ``times`` matching requests answer ``status`` (a 429 with ``retry_after``
        in Discord's shape, ``global`` when ``is_global``); ``injection.times = 0`` ends it."""
        body: dict[str, Any] | None = None
        if status == 429:
            body = {
                "message": "You are being rate limited.",
                "retry_after": 0.01 if retry_after is None else retry_after,
                "global": is_global,
            }
        elif code or message:
            body = {"code": code, "message": message or f"{status}: injected"}
        return self.fake.fail_next(
            method, path_regex, status, body, times=times, retry_after=retry_after
        )

    # --- members talk ---------------------------------------------------------------------------

    def post(self, member: Member, text: str, channel: str = "general") -> Obj:
        """``member`` posts ``text`` (MESSAGE_CREATE to the connected bot)."""
        if not self.fake.connected:
            raise RuntimeError("no bot connected to receive the message")
        return self.fake.create_message(self.world.channels[channel].id, member.user, text)

    def disclose(
        self, member: Member, *, level: str = "urgent", index: int = 0, channel: str = "general"
    ) -> Disclosure:
        """``member`` posts a crisis disclosure with a fresh marker; remembered for ``tally``."""
        marker = self.marker()
        message = self.post(member, disclosure(marker, index, level=level), channel)
        item = Disclosure(marker, member, message, level)
        self.disclosures.append(item)
        return item

    # --- waiting --------------------------------------------------------------------------------

    async def wait_for(
        self,
        check: Callable[[], T | None],
        what: str,
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        interval: float = 0.02,
    ) -> T:
        """Poll ``check()`` until it is truthy and return it; fail after ``timeout`` seconds,
        or at once when the bot process exits without being killed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            try:
                value = check()
            except sqlite3.OperationalError:
                value = None  # e.g. the file is being created; ask again
            if value:
                return value
            run = self.run
            if run is not None and not run.killed and run.proc.poll() is not None:
                raise ProcessDied(
                    f"waiting for {what}: the bot process exited with {run.proc.returncode}\n"
                    f"{self.diagnostics()}"
                )
            if loop.time() >= deadline:
                raise AssertionError(f"{what}: not within {timeout:g} s\n{self.diagnostics()}")
            await asyncio.sleep(interval)


__all__ = [
    "CHAT_LINES",
    "CONCERN_LINES",
    "HANG_STATUS",
    "MESSAGE_POST",
    "START",
    "URGENT_LINES",
    "CrashRig",
    "Disclosure",
    "ProcessDied",
    "Run",
    "Standby",
    "disclosure",
    "message_text",
]

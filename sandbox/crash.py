"""Crash rig: the real Kindred bot as a separate process, killed with SIGKILL and restarted.

The stand-in (``FakeDiscord``) runs in the caller's event loop on 127.0.0.1 with the demo
server (``sandbox.world``); the bot runs as ``python -m sandbox.bot_process`` over one SQLite
file, so ``kill()`` is a real ``kill -9`` and the next ``start()`` is a real restart::

    async with CrashRig.open(tmp_path, env={"KINDRED_DELIVERY_TIMEOUT": "1"}) as rig:
        await rig.start()                        # waits until the process is READY
        marker = rig.marker()
        posted = rig.post(rig.member("Asha"), f"I've decided to end my life tonight {marker}")
        await rig.wait_for(lambda: rig.case_for(posted), "the case row")
        await rig.kill()
        await rig.start(later=timedelta(minutes=1))   # same database, later fake clock
        await rig.wait_for(lambda: rig.reached_human(marker), "the staff alert")

Everything here is black-box: the rig judges what the bot did by what the stand-in received
(messages in the staff channel, DMs, private threads) and by reading the database file
read-only (WAL lets a reader in while the bot writes). Waits poll with a deadline; none sleeps
for time to pass. ``CrashRig.open`` always kills the process and stops the stand-in, and the
child also dies with its parent (Linux) and after ``max_seconds``.

What "reached" means, so every test and the benchmark judge it the same way:

- a human was reached about a disclosure when the bot posted in the staff channel a message
  whose text (content or any embed text) contains the disclosure's marker, or DMed a staff
  person (owner, coordinator, moderator, on-call or backup role) a message containing the
  marker or mentioning the member;
- the member was reached when the bot DMed them, or posted in a private thread a message
  mentioning them, after their message.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot import open_database
from db.repositories.guild_settings import GuildSettingsRepository
from sandbox.bot_process import READY_LINE
from sandbox.fake_discord import FakeDiscord, Injection, Member, Obj, RecordedRequest
from sandbox.snowflake import snowflake
from sandbox.world import World, build_world

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
# The fake clock's first reading: a Monday morning (as tests/conftest.py's START).
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
# Status a hung request answers with once released (after the process that sent it is dead).
HANG_STATUS = 503
MESSAGE_POST = r"/channels/\d+/messages$"
PRIVATE_THREAD = 12

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


def message_text(message: Mapping[str, Any]) -> str:
    """Everything a person reads in a message: content and every embed's text."""
    parts = [str(message.get("content") or "")]
    for embed in message.get("embeds") or []:
        parts.extend(str(embed.get(key) or "") for key in ("title", "description"))
        for item in embed.get("fields") or []:
            parts.extend((str(item.get("name") or ""), str(item.get("value") or "")))
        for key in ("footer", "author"):
            part = embed.get(key) or {}
            parts.append(str(part.get("text") or part.get("name") or ""))
    return "\n".join(parts)


@dataclass(frozen=True)
class Disclosure:
    """A crisis disclosure a member posted, traced by its marker."""

    marker: str
    member: Member
    message: Obj
    level: str


class ProcessDied(AssertionError):
    """The bot process exited although nobody killed it."""


@dataclass
class Run:
    """One start of the bot process."""

    number: int
    now: datetime
    log_path: Path
    proc: subprocess.Popen[bytes]
    started_mark: int  # a snowflake: messages the stand-in created later have larger ids
    killed: bool = False


@dataclass
class CrashRig:
    """See the module docstring."""

    fake: FakeDiscord
    world: World
    tmp: Path
    env: dict[str, str]
    now: datetime = START
    max_seconds: float = 120.0
    ready_timeout: float = 20.0
    # Shared between rigs (a test session, a benchmark) so only the first start builds it.
    data_cache: Path | None = None
    runs: list[Run] = field(default_factory=list)
    disclosures: list[Disclosure] = field(default_factory=list)
    _hangs: list[Injection] = field(default_factory=list)
    _marker_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

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
    ) -> AsyncIterator[CrashRig]:
        """The stand-in with the demo server; the process is killed and the stand-in stopped
        on the way out, whatever happened."""
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
            )
            yield rig
        finally:
            try:
                if rig is not None:
                    rig.kill_now()
            finally:
                await fake.stop()

    # --- paths and setup ------------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.tmp / "kindred.sqlite3"

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

    def member(self, name: str) -> Member:
        return self.world.member(name)

    def add_member(self, name: str) -> Member:
        """A new plain member (dispatched to the bot when it is connected)."""
        member = self.fake.add_member(self.world.guild.id, name)
        self.world.members.append(member)
        return member

    def marker(self) -> str:
        """A unique word to trace one disclosure through alerts and DMs."""
        return f"mk{next(self._marker_numbers)}x{secrets.token_hex(3)}"

    # --- the process ----------------------------------------------------------------------------

    @property
    def run(self) -> Run | None:
        return self.runs[-1] if self.runs else None

    @property
    def alive(self) -> bool:
        return self.run is not None and self.run.proc.poll() is None

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
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("KINDRED_CONFIG_DIR", "KINDRED_DB", "KINDRED_DEV_GUILD", "DISCORD_TOKEN")
        }
        # This checkout's code, whatever is installed in the virtualenv.
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        env["PYTHONUNBUFFERED"] = "1"
        env.setdefault("LOG_LEVEL", "INFO")
        env.update(self.env)
        return env

    def _spawn(self, log_path: Path) -> subprocess.Popen[bytes]:
        """Launch the process (fork and exec only; it starts up on its own)."""
        with log_path.open("wb") as log_file:
            return subprocess.Popen(
                self._command(self.now),
                cwd=ROOT,
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )

    async def start(self, *, later: timedelta | None = None, now: datetime | None = None) -> Run:
        """Start the bot process over the database file (a restart when one ran before), with
        the fake clock at ``now`` (or ``later`` than the last start), and wait until READY."""
        if self.alive:
            raise RuntimeError("the bot process is still running; kill() it first")
        if not self.db_path.exists():
            await self.write_setup()
        if now is not None:
            self.now = now
        elif later is not None:
            self.now += later
        number = len(self.runs) + 1
        log_path = self.tmp / f"bot-run-{number}.log"
        identified = self.fake.identify_count
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

    # --- what the stand-in received -------------------------------------------------------------

    def _bot_messages(self, channel_id: Any, after: int = 0) -> list[Obj]:
        bot = self.fake.bot_user["id"]
        return [
            m
            for m in self.fake.messages_in(channel_id)
            if m["author"]["id"] == bot and int(m["id"]) > after
        ]

    def staff_people(self) -> list[Member]:
        """Owner, and everyone holding the coordinator, moderator, on-call or backup role."""
        guild = self.fake.guild(self.world.guild.id)
        roles = {
            str(self.world.roles[r].id) for r in ("coordinator", "moderator", "oncall", "backup")
        }
        return [
            m
            for uid, m in guild.members.items()
            if uid == guild.owner_id or roles & set(m.get("roles", []))
        ]

    def holders(self, role: str) -> list[Member]:
        rid = str(self.world.roles[role].id)
        guild = self.fake.guild(self.world.guild.id)
        return [m for m in guild.members.values() if rid in m.get("roles", [])]

    def staff_posts(self, needle: str | None = None, *, after: int = 0) -> list[Obj]:
        """The bot's messages in the staff channel (containing ``needle``) after id ``after``."""
        staff = self.world.channels["staff"].id
        if staff not in {c.id for c in self.fake.channels_in(self.world.guild.id)}:
            return []  # deleted
        return [
            m
            for m in self._bot_messages(staff, after)
            if needle is None or needle in message_text(m)
        ]

    def dms(
        self, people: Iterable[Member], needles: Iterable[str] = (), after: int = 0
    ) -> list[Obj]:
        """The bot's DMs to ``people`` (containing any of ``needles``, if given)."""
        wanted = tuple(needles)
        found = []
        for person in people:
            for m in self.fake.dm_messages_to(person.id):
                if int(m["id"]) > after and (
                    not wanted or any(n in message_text(m) for n in wanted)
                ):
                    found.append(m)
        return found

    def reached_human(self, marker: str, member: Member | None = None) -> bool:
        """A staff post with the marker, or a staff DM with the marker or naming the member."""
        if self.staff_posts(marker):
            return True
        needles = [marker]
        if member is not None:
            needles += [f"<@{member.id}>", f"<@!{member.id}>"]
        return bool(self.dms(self.staff_people(), needles))

    def member_reached(self, member: Member, after: Mapping[str, Any] | int) -> bool:
        """A DM to the member, or a private-thread message mentioning them, after ``after``."""
        after_id = int(after["id"]) if isinstance(after, Mapping) else int(after)
        if self.dms([member], after=after_id):
            return True
        mention = (f"<@{member.id}>", f"<@!{member.id}>")
        for channel in self.fake.channels_in(self.world.guild.id, type=0):
            for thread in self.fake.threads_in(channel.id):
                if thread["type"] != PRIVATE_THREAD:
                    continue
                for m in self._bot_messages(thread.id, after_id):
                    if any(x in message_text(m) for x in mention):
                        return True
        return False

    def escalations(self, after: int) -> list[Obj]:
        """Since id ``after``: staff-channel posts naming the backup role, and DMs to the
        backup role or the coordinators."""
        backup = f"<@&{self.world.roles['backup'].id}>"
        people = self.holders("backup") + self.holders("coordinator")
        return self.staff_posts(backup, after=after) + self.dms(people, after=after)

    def tally(self) -> tuple[int, list[Disclosure]]:
        """(cases saved, the disclosures with a saved case that reached no human): a case
        counts when ``crisis_cases`` holds a concern or urgent case for the message."""
        by_message = {int(d.message["id"]): d for d in self.disclosures}
        saved = [by_message[c["message_id"]] for c in self.cases() if c["message_id"] in by_message]
        missed = [d for d in saved if not self.reached_human(d.marker, d.member)]
        return len(saved), missed

    def member_tally(self) -> tuple[int, list[Disclosure]]:
        """(cases saved, the disclosures with a saved case whose member was not reached: no
        DM and no private-thread message to them since their message)."""
        by_message = {int(d.message["id"]): d for d in self.disclosures}
        saved = [by_message[c["message_id"]] for c in self.cases() if c["message_id"] in by_message]
        missed = [d for d in saved if not self.member_reached(d.member, d.message)]
        return len(saved), missed

    # --- the database file, read-only -----------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Rows from the database file, read-only (the bot may be writing; WAL allows it)."""
        uri = f"file:{self.db_path}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, tuple(params)).fetchall()

    def cases(self, levels: Iterable[str] = ("concern", "urgent")) -> list[sqlite3.Row]:
        wanted = tuple(levels)
        marks = ", ".join("?" for _ in wanted)
        return self.query(
            f"SELECT * FROM crisis_cases WHERE level IN ({marks}) ORDER BY id", wanted
        )

    def case_for(self, message: Mapping[str, Any]) -> sqlite3.Row | None:
        rows = self.query("SELECT * FROM crisis_cases WHERE message_id = ?", (int(message["id"]),))
        return rows[0] if rows else None

    def case_events(self, case_id: int) -> list[sqlite3.Row]:
        return self.query(
            "SELECT * FROM crisis_case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )

    def pending_crisis_jobs(self) -> list[sqlite3.Row]:
        """Crisis jobs still to run (pending, or running when the process died); the daily
        retention sweep (entity 0) is left out."""
        return self.query(
            "SELECT * FROM jobs WHERE kind LIKE 'crisis%' AND entity_id != 0 "
            "AND status IN ('pending', 'running') ORDER BY due_at"
        )

    # --- waiting --------------------------------------------------------------------------------

    def log(self, run: Run | None = None) -> str:
        run = run or self.run
        if run is None:
            return ""
        try:
            return run.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def diagnostics(self, lines: int = 25) -> str:
        """The end of each run's log and the stand-in's own problems, for failure messages."""
        out = []
        for run in self.runs:
            status = run.proc.poll()
            state = "killed" if run.killed else ("running" if status is None else f"exit {status}")
            tail = self.log(run).splitlines()[-lines:]
            out.append(f"--- bot run {run.number} (clock {run.now.isoformat()}, {state}) ---")
            out.extend(tail)
        if self.fake.requests:
            out.append("--- the bot's last REST calls (status; none = never answered) ---")
            out.extend(
                f"{r.method} {r.path}: {r.status if r.status is not None else 'none'}"
                for r in self.fake.requests[-12:]
            )
        if self.fake.errors:
            out.append("--- stand-in errors ---")
            out.extend(
                f"{e.method} {e.path}: {e.message.splitlines()[0]}" for e in self.fake.errors
            )
        return "\n".join(out)

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

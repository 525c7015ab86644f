"""The crash rig's state and what it reads back: the stand-in's messages judged by what
"reached" means (see ``sandbox.crash``), the database, and the bot's logs.

The database is a SQLite file in the rig's folder, or the PostgreSQL database whose URL the
caller gives (``database=``; the PostgreSQL test pass does). Either way it is read back through
``db.Database``, on one connection the rig keeps on a thread of its own: the rig's checks are
synchronous and run inside the test's event loop, and a connection belongs to one loop.

``CrashRig`` (in ``sandbox.crash``) builds on ``RigState`` with what it does: start and kill the
process, inject failures, post as members, wait. Import from ``sandbox.crash``.
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import threading
from collections.abc import Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from db.database import Database, Row
from sandbox.fake_discord import FakeDiscord, Injection, Member, Obj
from sandbox.world import World

if TYPE_CHECKING:
    from sandbox.crash import Standby

# The fake clock's first reading: a Monday morning (as tests/conftest.py's START).
START = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
PRIVATE_THREAD = 12
# How long one read-back query may take before the rig gives up on it.
QUERY_TIMEOUT = 10.0

T = TypeVar("T")


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


@dataclass
class Run:
    """One start of the bot process."""

    number: int
    now: datetime
    log_path: Path
    proc: subprocess.Popen[bytes]
    started_mark: int  # a snowflake: messages the stand-in created later have larger ids
    killed: bool = False
    ready_seconds: float | None = None  # from the start to READY (real time)


class Reader:
    """Queries on one ``Database`` kept open on a thread and event loop of its own, so
    synchronous code running inside another event loop can read (``query``). Opened on the
    first query: the bot process or the rig's setup makes and migrates the database first."""

    def __init__(self, target: Path | str) -> None:
        self.target = target
        self._db: Database | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def _call(self, coro: Coroutine[Any, Any, T]) -> T:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=self._loop.run_forever, name="crash-rig-reader", daemon=True
            )
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(QUERY_TIMEOUT)

    async def _fetchall(self, sql: str, params: tuple[Any, ...]) -> list[Row]:
        if self._db is None:
            db = Database(self.target)
            await db.connect()
            self._db = db
        return await self._db.fetchall(sql, params)

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        return self._call(self._fetchall(sql, tuple(params)))

    async def _close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    def close(self) -> None:
        """Close the connection and stop the thread (safe to call when never opened)."""
        if self._loop is None:
            return
        try:
            self._call(self._close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=QUERY_TIMEOUT)
            if not self._loop.is_running():
                self._loop.close()
            self._loop = None


@dataclass
class RigState:
    """The rig's state and read-back (see the module docstring)."""

    fake: FakeDiscord
    world: World
    tmp: Path
    env: dict[str, str]
    now: datetime = START
    max_seconds: float = 120.0
    # From start to READY: import (unless a standby process did), open and migrate the
    # database, connect, sync commands. A second or two on an idle machine; the bound is for
    # a hang, with room for a slow, loaded 2-core CI machine (it was 20 s, and one start took
    # 18.6 s there). A process that dies fails the wait at once, whatever the bound.
    ready_timeout: float = 60.0
    # Shared between rigs (a test session, a benchmark) so only the first start builds it.
    data_cache: Path | None = None
    # A postgresql:// URL (a fresh database), or None for a SQLite file in ``tmp``.
    database: str | None = None
    set_up: bool = False  # the server's setup is written (``CrashRig.write_setup``)
    standby: Standby | None = None  # bot processes started ahead (``sandbox.crash.Standby``)
    runs: list[Run] = field(default_factory=list)
    disclosures: list[Disclosure] = field(default_factory=list)
    _hangs: list[Injection] = field(default_factory=list)
    _marker_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _reader: Reader | None = None

    # --- paths --------------------------------------------------------------------------------------

    @property
    def db_path(self) -> Path | str:
        """The SQLite file, or the PostgreSQL URL (``--db`` and ``Database`` take either)."""
        return self.database or self.tmp / "kindred.sqlite3"

    def member(self, name: str) -> Member:
        return self.world.member(name)

    # --- the process --------------------------------------------------------------------------------

    @property
    def run(self) -> Run | None:
        return self.runs[-1] if self.runs else None

    @property
    def alive(self) -> bool:
        return self.run is not None and self.run.proc.poll() is None

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

    def member_job(self, item: Disclosure) -> tuple[Row | None, Row | None]:
        """The case saved for ``item`` and its member step's job row (either may be missing)."""
        case = self.case_for(item.message)
        if case is None:
            return None, None
        jobs = self.query(
            "SELECT * FROM jobs WHERE kind = 'crisis_member' AND entity_id = ?", (case["id"],)
        )
        return case, (jobs[0] if jobs else None)

    def member_step_state(self, item: Disclosure) -> str:
        """One line on where ``item``'s member step stands, for a failure message."""
        case, job = self.member_job(item)
        if case is None:
            return f"{item.marker}: no case"
        where = f"{item.marker}: case {case['id']}, member_notified {case['member_notified']!r}"
        if job is None:
            return f"{where}, no member job"
        return (
            f"{where}, member job {job['status']} (attempt {job['attempts']}, due "
            f"{job['due_at']}, last error {job['last_error']!r})"
        )

    # --- the database, read back ----------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        """Rows (``row["col"]``) from the database, while the bot may be writing (SQLite's WAL
        lets a reader in; PostgreSQL readers never wait for writers). Only SELECTs."""
        if self._reader is None:
            self._reader = Reader(self.db_path)
        return self._reader.query(sql, params)

    def close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def cases(self, levels: Iterable[str] = ("concern", "urgent")) -> list[Row]:
        wanted = tuple(levels)
        marks = ", ".join("?" for _ in wanted)
        return self.query(
            f"SELECT * FROM crisis_cases WHERE level IN ({marks}) ORDER BY id", wanted
        )

    def case_for(self, message: Mapping[str, Any]) -> Row | None:
        rows = self.query("SELECT * FROM crisis_cases WHERE message_id = ?", (int(message["id"]),))
        return rows[0] if rows else None

    def case_events(self, case_id: int) -> list[Row]:
        return self.query(
            "SELECT * FROM crisis_case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )

    def pending_crisis_jobs(self) -> list[Row]:
        """Crisis jobs still to run (pending, or running when the process died); the daily
        retention sweep (entity 0) is left out."""
        return self.query(
            "SELECT * FROM jobs WHERE kind LIKE 'crisis%' AND entity_id != 0 "
            "AND status IN ('pending', 'running') ORDER BY due_at"
        )

    # --- logs ---------------------------------------------------------------------------------------

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
            ready = "" if run.ready_seconds is None else f", READY after {run.ready_seconds:.1f} s"
            out.append(
                f"--- bot run {run.number} (clock {run.now.isoformat()}, {state}{ready}) ---"
            )
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

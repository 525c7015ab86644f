"""Logs never carry message text, at any level: the real bot, logging set up as for LOG_LEVEL=DEBUG."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from bot import DataFiles, setup_logging
from cogs.utils.clock import FakeClock
from sandbox.fake_discord import FakeDiscord
from sandbox.world import World
from tests.conftest import running_kindred
from tests.integration.helpers import configure

# Unique words inside messages that make Kindred screen, open a case, hide, copy and DM.
CRISIS_MARKER = "qz4-larkspur"
ABUSE_MARKER = "qz4-brambles"
CRISIS = f"I've saved up my pills and I'm taking them all tonight {CRISIS_MARKER}. Goodbye."
ABUSE = f"you're a pathetic idiot {ABUSE_MARKER}"


@dataclass
class Emitted:
    """What the handlers that ``setup_logging`` installed wrote, and the records they took."""

    stream: io.StringIO
    records: list[logging.LogRecord] = field(default_factory=list)


class _Recording:
    """Wraps a handler's ``emit``, which it calls only for records its filters let through."""

    def __init__(self, emit: Callable[[logging.LogRecord], None], sink: list[logging.LogRecord]):
        self.emit, self.sink = emit, sink

    def __call__(self, record: logging.LogRecord) -> None:
        self.sink.append(record)
        self.emit(record)


@pytest.fixture
def debug_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emitted]:
    """``setup_logging(logging.DEBUG)`` as ``bot.py run`` does it, writing into a buffer.

    pytest's own capture handlers are set aside meanwhile (so ``basicConfig`` installs its
    handler as in production), and every logger's level is restored afterwards.
    """
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    loggers = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    saved_levels = {lg.name: lg.level for lg in loggers}
    emitted = Emitted(io.StringIO())
    monkeypatch.setattr(sys, "stderr", emitted.stream)
    root.handlers = []
    try:
        setup_logging(logging.DEBUG)
        installed = root.handlers[:]
        assert installed, "setup_logging installed no handler"
        for handler in installed:
            monkeypatch.setattr(handler, "emit", _Recording(handler.emit, emitted.records))
        yield emitted
    finally:
        root.handlers = saved_handlers
        root.setLevel(saved_level)
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)
        for name in set(logging.root.manager.loggerDict) - set(saved_levels):
            logging.getLogger(name).setLevel(logging.NOTSET)


def carrying(records: list[logging.LogRecord], text: str) -> list[str]:
    """'logger: message' of each record whose message, arguments or traceback hold ``text``."""
    return [
        f"{r.name}: {r.getMessage()[:200]}"
        for r in records
        if text in r.getMessage() or text in repr(r.args) or text in (r.exc_text or "")
    ]


@pytest.mark.parametrize("lowered", [False, True], ids=["as-set-up", "libraries-lowered"])
async def test_no_log_line_carries_message_text_even_at_debug(
    lowered: bool,
    debug_logging: Emitted,
    fake: FakeDiscord,
    world: World,
    db_url: str,
    clock: FakeClock,
    data_files: DataFiles,
) -> None:
    if lowered:  # as discord.utils.setup_logging or someone debugging might
        for name in ("discord", "discord.gateway", "discord.http", "aiosqlite"):
            logging.getLogger(name).setLevel(logging.DEBUG)
    async with running_kindred(fake, world, db_url, clock, data_files) as k:
        await configure(k)
        asha, ben = world.member("Asha"), world.member("Ben")
        await k.driver.post(asha, world.channels["general"], CRISIS)
        await k.driver.post(ben, world.channels["general"], ABUSE)
        # The screens acted: a case with the excerpt, a hidden copy (so DB writes carried both).
        assert await k.services.db.fetchval(
            "SELECT count(*) FROM crisis_cases WHERE excerpt LIKE ?", (f"%{CRISIS_MARKER}%",)
        )
        assert await k.services.db.fetchval(
            "SELECT count(*) FROM guideline_hidden_messages WHERE content LIKE ?",
            (f"%{ABUSE_MARKER}%",),
        )

    # The stand-in plays Discord's part in this process; its own logs are not Kindred's.
    records = [r for r in debug_logging.records if not r.name.startswith("sandbox")]
    text = debug_logging.stream.getvalue()
    for marker in (CRISIS_MARKER, ABUSE_MARKER):
        assert carrying(records, marker) == []
        assert marker not in text
    # Kindred's own DEBUG lines still come through.
    # (the database's: db/sqlite.py logs as db.database, db/postgres.py as db.postgres)
    assert any(
        r.levelno == logging.DEBUG and r.name in ("db.database", "db.postgres") for r in records
    )

"""Run a discord.py bot against the local Discord stand-in.

::

    fake = FakeDiscord(); await fake.start()
    guild = fake.add_guild("Test")
    bot = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    async with run_bot(fake, bot) as driver:
        result = await driver.command(member, "ping")

Callers must build the bot with ``guild_ready_timeout=0.05`` (a ``discord.Client`` kwarg):
otherwise discord.py waits 2 s after READY for GUILD_CREATEs before firing ``on_ready``.

``run_bot`` logs the bot in (``setup_hook`` runs there, so command syncs happen against the
fake), starts ``bot.connect(reconnect=False)`` as a task, waits for ``on_ready``, settles, and
yields a ``Driver``. On exit it closes the bot, awaits the connect task and re-raises what
killed it, and (``fail_on_fake_errors=True``) fails if the fake recorded its own errors
(unimplemented routes, internal exceptions). Records the ``discord`` loggers emit at ERROR
(e.g. "Ignoring exception in command") are collected in ``driver.logged_errors``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cogs.utils.endpoints import use_endpoints
from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord


class _Collect(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]) -> None:
        super().__init__(level=logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


class BotDied(RuntimeError):
    """The bot's gateway task ended with an exception."""


def _describe(exc: BaseException | None) -> str:
    if getattr(exc, "code", None) == 4014:
        return (
            f"{exc!r}: the bot asked for a privileged intent that is not enabled "
            "(fake.enabled_privileged_intents, the developer portal's switches)"
        )
    return repr(exc)


@asynccontextmanager
async def run_bot(
    fake: FakeDiscord,
    bot: Any,
    *,
    token: str = "fake-token",
    ready_timeout: float = 10.0,
    fail_on_fake_errors: bool = True,
) -> AsyncIterator[Driver]:
    """Connect ``bot`` to ``fake`` and yield a ``Driver`` (see the module docstring)."""
    if getattr(getattr(bot, "_connection", None), "guild_ready_timeout", 0.05) > 0.5:
        raise ValueError("build the bot with guild_ready_timeout=0.05 (else READY waits 2 s)")
    errors: list[logging.LogRecord] = []
    handler = _Collect(errors)
    discord_logger = logging.getLogger("discord")
    discord_logger.addHandler(handler)
    connect_task: asyncio.Task[Any] | None = None
    try:
        with use_endpoints(fake.api_base, fake.gateway_url):
            await bot.login(token)
            connect_task = asyncio.create_task(
                bot.connect(reconnect=False), name="sandbox: bot.connect"
            )
            ready = asyncio.create_task(bot.wait_until_ready(), name="sandbox: wait_until_ready")
            done, _ = await asyncio.wait(
                {connect_task, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
            )
            if ready not in done:
                ready.cancel()
                if connect_task.done():
                    exc = connect_task.exception()
                    connect_task = None  # reported here, not again on shutdown
                    raise BotDied(
                        f"the bot's gateway connection ended before READY: {_describe(exc)}"
                    ) from exc
                raise TimeoutError(f"bot not ready within {ready_timeout}s")
            driver = Driver(fake, bot)
            driver.logged_errors = errors
            await driver.settle()
            yield driver
    finally:
        discord_logger.removeHandler(handler)
        await _shutdown(bot, connect_task)
    if fail_on_fake_errors and fake.errors:
        details = "\n".join(
            f"{e.method} {e.path}: {e.message.splitlines()[0]}" for e in fake.errors
        )
        raise AssertionError(f"the fake Discord recorded {len(fake.errors)} error(s):\n{details}")


async def _shutdown(bot: Any, connect_task: asyncio.Task[Any] | None) -> None:
    with contextlib.suppress(Exception):
        await bot.close()
    if connect_task is None:
        return
    try:
        await asyncio.wait_for(asyncio.shield(connect_task), 5.0)
    except TimeoutError:
        connect_task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await connect_task
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        raise BotDied(f"the bot's gateway connection died: {_describe(exc)}") from exc

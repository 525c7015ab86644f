"""What ``bot.py run`` says when it cannot start: one clear message per failure, no traceback.

Each failure a newcomer can meet on a first run (a rejected token, the privileged intents
switched off, no network or no DNS, Discord answering with an error, the database failing) is
named with what to do next; ``bot.py`` prints it and exits with status 2.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Sequence

import aiohttp
import asyncpg
import discord

from cogs.utils.logs import quiet_libraries
from db.database import DatabaseError

# Exit status when the operator must fix something (configuration, token, intents, database).
EXIT_CONFIG = 2

# What ``bot.start`` can raise that is the machine's or the account's problem, not a bug.
RUN_FAILURES: tuple[type[BaseException], ...] = (
    discord.LoginFailure,
    discord.PrivilegedIntentsRequired,
    discord.HTTPException,
    aiohttp.ClientError,
    OSError,
    TimeoutError,
    DatabaseError,
    sqlite3.Error,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
)


def run_failure(exc: BaseException) -> list[str]:
    """The message for one of ``RUN_FAILURES``: what went wrong and what to do."""
    if isinstance(exc, discord.LoginFailure):
        return [
            "Discord rejected DISCORD_TOKEN: it is wrong, or was reset in the developer portal.",
            "Copy a fresh token from Bot > Reset Token into .env and run `make run` again.",
        ]
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return [
            "Discord refused the connection: the bot needs the MESSAGE CONTENT and SERVER "
            "MEMBERS privileged intents.",
            "Turn both on in the developer portal (your application > Bot > Privileged "
            "Gateway Intents), then run `make run` again.",
        ]
    if isinstance(exc, (DatabaseError, sqlite3.Error)):
        return [f"Kindred stopped: the database failed ({exc}); check KINDRED_DB's disk."]
    if isinstance(exc, (asyncpg.PostgresError, asyncpg.InterfaceError)):
        return [
            f"Kindred stopped: the PostgreSQL database failed ({type(exc).__name__}: {exc}).",
            "Check that the server KINDRED_DB names is running and reachable (`make check` "
            "says), then run `make run` again.",
        ]
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return [
            "Kindred cannot reach Discord: the name discord.com could not be looked up (no DNS). "
            "Check this computer's internet connection, then run `make run` again."
        ]
    if isinstance(exc, discord.HTTPException):
        return [
            f"Discord answered with an error ({exc.status}) while Kindred was connecting; it may "
            "be having an outage. Wait a few minutes, then run `make run` again."
        ]
    return [
        f"Kindred cannot reach Discord ({type(exc).__name__}): check this computer's internet "
        "connection (and any proxy or firewall), then run `make run` again."
    ]


def setup_logging(level: int) -> None:
    """Log to stderr with ids, never message text, at any level (see cogs/utils/logs.py)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-8s %(name)s: %(message)s")
    quiet_libraries(level, logging.getLogger().handlers)
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))


def fail(lines: Sequence[str], status: int = EXIT_CONFIG) -> int:
    """Print a short message for the operator (no traceback) and return the exit status."""
    for line in lines:
        print(line, file=sys.stderr)
    return status

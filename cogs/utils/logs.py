"""Logs carry ids, never message text, at every level (LOG_LEVEL=DEBUG included).

Kindred's own log lines name ids only. The libraries below INFO do not: discord.py logs every
gateway event (members' messages, modal answers) and every HTTP request body (the bot's DMs,
alerts quoting an excerpt), and aiosqlite logs every SQL call with its parameters (crisis
excerpts, copies of hidden messages, appeals). So their loggers stay at INFO or above whatever
LOG_LEVEL says, and a filter on the handlers drops their records below INFO even if a logger's
level is lowered later (``discord.utils.setup_logging``, someone debugging). At INFO and above
they log ids, counts and tracebacks only. Kindred's own DEBUG lines are kept.

One library warning is dropped outright: discord.py warns "voice will NOT be supported" when
PyNaCl or davey is missing. Kindred never joins a call (it only sees who is in a voice channel),
so the warning would only alarm whoever runs it; a filter on ``discord.client`` drops exactly
that line and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

# Libraries that log whole payloads below INFO (their child loggers included).
PAYLOAD_LOGGERS: tuple[str, ...] = ("discord", "aiosqlite")
# The lowest level at which they log no payloads.
LIBRARY_FLOOR = logging.INFO


def _from_payload_logger(name: str) -> bool:
    return any(name == lib or name.startswith(lib + ".") for lib in PAYLOAD_LOGGERS)


class DropLibraryPayloads(logging.Filter):
    """A handler filter: no record below INFO from discord.py or aiosqlite gets through."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record unless a payload library logged it below ``LIBRARY_FLOOR``."""
        return record.levelno >= LIBRARY_FLOOR or not _from_payload_logger(record.name)


# The logger discord.py warns about voice support on, and the end of that warning's text.
VOICE_LOGGER = "discord.client"
VOICE_WARNING_END = "voice will NOT be supported"


class DropVoiceWarning(logging.Filter):
    """A logger filter: drops discord.py's "voice will NOT be supported" warning only."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record except the voice-support warning."""
        return not (
            isinstance(record.msg, str) and record.msg.rstrip(".").endswith(VOICE_WARNING_END)
        )


def quiet_libraries(level: int, handlers: Iterable[logging.Handler]) -> None:
    """Cap the payload libraries at INFO or above and put the filter on ``handlers`` (once);
    drop discord.py's voice warning (once)."""
    voice = logging.getLogger(VOICE_LOGGER)
    if not any(isinstance(f, DropVoiceWarning) for f in voice.filters):
        voice.addFilter(DropVoiceWarning())
    for name in PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(max(level, LIBRARY_FLOOR))
    for handler in handlers:
        if not any(isinstance(f, DropLibraryPayloads) for f in handler.filters):
            handler.addFilter(DropLibraryPayloads())

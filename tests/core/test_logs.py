"""The log filter: library payloads below INFO never reach a handler; Kindred's DEBUG does."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from cogs.utils.logs import PAYLOAD_LOGGERS, DropLibraryPayloads, quiet_libraries


def record(name: str, level: int) -> logging.LogRecord:
    return logging.makeLogRecord({"name": name, "levelno": level, "msg": "a message"})


@pytest.fixture
def library_levels() -> Iterator[None]:
    """Restore the libraries' logger levels that quiet_libraries sets."""
    saved = {name: logging.getLogger(name).level for name in PAYLOAD_LOGGERS}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("name", ["discord", "discord.gateway", "discord.http", "aiosqlite"])
def test_library_records_below_info_are_dropped(name: str) -> None:
    keep = DropLibraryPayloads().filter
    assert not keep(record(name, logging.DEBUG))
    assert keep(record(name, logging.INFO))
    assert keep(record(name, logging.ERROR))


@pytest.mark.parametrize("name", ["db.database", "cogs.crisis.cog", "kindred", "discordant"])
def test_other_debug_records_are_kept(name: str) -> None:
    assert DropLibraryPayloads().filter(record(name, logging.DEBUG))


@pytest.mark.usefixtures("library_levels")
def test_quiet_libraries_caps_their_level_and_filters_each_handler_once() -> None:
    handler = logging.NullHandler()
    quiet_libraries(logging.DEBUG, [handler])
    quiet_libraries(logging.DEBUG, [handler])
    assert [type(f) for f in handler.filters] == [DropLibraryPayloads]
    assert logging.getLogger("discord").level == logging.INFO
    assert logging.getLogger("aiosqlite").level == logging.INFO
    quiet_libraries(logging.WARNING, [handler])
    assert logging.getLogger("aiosqlite").level == logging.WARNING


def test_the_voice_warning_is_dropped_and_nothing_else(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from cogs.utils.logs import VOICE_LOGGER, DropVoiceWarning

    voice = logging.getLogger(VOICE_LOGGER)
    before = list(voice.filters)
    try:
        quiet_libraries(logging.INFO, [])
        quiet_libraries(logging.INFO, [])
        assert sum(isinstance(f, DropVoiceWarning) for f in voice.filters) == 1
        with caplog.at_level(logging.WARNING, logger=VOICE_LOGGER):
            voice.warning("PyNaCl is not installed, voice will NOT be supported")
            voice.warning("davey is not installed, voice will NOT be supported")
            voice.warning("Shard ID %s has stopped responding to the gateway.", 1)
        assert [r.getMessage() for r in caplog.records] == [
            "Shard ID 1 has stopped responding to the gateway."
        ]
    finally:
        voice.filters[:] = before


def test_a_real_client_says_nothing_about_voice(caplog: pytest.LogCaptureFixture) -> None:
    import discord
    from discord.voice_client import VoiceClient

    voice = logging.getLogger("discord.client")
    before = list(voice.filters)
    saved = (VoiceClient.warn_nacl, VoiceClient.warn_dave)
    VoiceClient.warn_nacl = VoiceClient.warn_dave = True  # as in a fresh process without PyNaCl
    try:
        quiet_libraries(logging.INFO, [])
        with caplog.at_level(logging.WARNING):
            discord.Client(intents=discord.Intents.none())
        assert not [r for r in caplog.records if "voice" in r.getMessage()]
    finally:
        VoiceClient.warn_nacl, VoiceClient.warn_dave = saved
        voice.filters[:] = before

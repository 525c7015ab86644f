"""`python bot.py run` against the stand-in: Discord's refusals become one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from cogs.utils.endpoints import use_endpoints
from config.settings import Settings
from sandbox.fake_discord import FakeDiscord


def settings_for(tmp_path: Path) -> Settings:
    return Settings.from_env({"DISCORD_TOKEN": "abc", "KINDRED_DB": str(tmp_path / "k.db")})


async def test_a_rejected_token_is_one_clear_message(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.fail_next("GET", r"/users/@me$", 401, {"message": "401: Unauthorized", "code": 0})
    with use_endpoints(fake.api_base, fake.gateway_url):
        status = await bot.run_bot(settings_for(tmp_path))
    err = capsys.readouterr().err
    assert status == 2
    assert "Discord rejected DISCORD_TOKEN" in err
    assert "Traceback" not in err


async def test_missing_privileged_intents_are_one_clear_message(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.enabled_privileged_intents = set()
    with use_endpoints(fake.api_base, fake.gateway_url):
        status = await bot.run_bot(settings_for(tmp_path))
    err = capsys.readouterr().err
    assert status == 2
    assert "MESSAGE CONTENT and SERVER MEMBERS" in err
    assert "Privileged Gateway Intents" in err


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_no_network_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = closed_port()
    with use_endpoints(f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/"):
        status = await bot.run_bot(settings_for(tmp_path))
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip().splitlines() == [err.strip()]
    assert "cannot reach Discord" in err
    assert "internet connection" in err
    assert "Traceback" not in err


async def test_a_name_that_does_not_resolve_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    async def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # The resolver fails the way it does with no DNS server, without asking a real one.
    monkeypatch.setattr("aiohttp.resolver.ThreadedResolver.resolve", no_dns)
    with use_endpoints("http://discord.invalid/api/v10", "ws://discord.invalid/"):
        status = await bot.run_bot(settings_for(tmp_path))
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip().splitlines() == [err.strip()]
    assert "could not be looked up" in err
    assert "Traceback" not in err


async def test_discord_failing_at_login_is_one_clear_line(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.fail_next("GET", r"/users/@me$", 403, {"message": "Forbidden", "code": 0})
    with use_endpoints(fake.api_base, fake.gateway_url):
        status = await bot.run_bot(settings_for(tmp_path))
    err = capsys.readouterr().err
    assert status == 2
    assert "Discord answered with an error (403)" in err
    assert "Traceback" not in err


async def test_a_database_run_cannot_open_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings.from_env(
        {"DISCORD_TOKEN": "abc", "KINDRED_DB": str(tmp_path / "no-such-folder" / "k.db")}
    )
    status = await bot.run_bot(settings)
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip().splitlines() == [err.strip()]
    assert "KINDRED_DB" in err

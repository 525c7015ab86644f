"""`python bot.py run` against the stand-in: Discord's refusals become one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from config.settings import Settings
from sandbox.endpoints import use_endpoints
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

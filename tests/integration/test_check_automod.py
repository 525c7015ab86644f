"""``bot.py check`` with the server connected: AutoMod rules that would block crisis words."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from bot import DataFiles, check_automod
from cogs.utils.endpoints import use_endpoints
from config.settings import Settings
from db.repositories.guild_settings import GuildSettingsRepository
from sandbox.fake_discord import FakeDiscord, Perm
from tests.conftest import START


def settings(tmp_path: Path, token: str | None = "sandbox-token") -> Settings:
    return Settings(
        discord_token=token,
        db_path=tmp_path / "kindred.sqlite3",
        dev_guild_id=None,
        log_level="WARNING",
        extra_config_dir=None,
    )


async def test_check_names_a_blocking_rule_of_a_connected_server(
    fake: FakeDiscord, tmp_path: Path, data_files: DataFiles
) -> None:
    guild = fake.add_guild("MS Circle")
    fake.add_automod_rule(guild.id, "Self-harm words", keywords=["kill myself"])
    fake.add_automod_rule(guild.id, "No spoilers", keywords=["spoiler*"])
    with use_endpoints(fake.api_base, fake.gateway_url):
        lines = await check_automod(settings(tmp_path), data_files, {guild.id: set()})
    text = "\n".join(lines)
    assert f'server {guild.id}: AutoMod rule "Self-harm words" blocks messages with' in text
    assert "kill myself" in text
    assert "No spoilers" not in text
    assert "alert-only" in text
    assert fake.errors == []


async def test_check_says_so_when_it_cannot_connect(tmp_path: Path, data_files: DataFiles) -> None:
    # Port 9 on loopback: nothing listens, so the connection is refused at once.
    with use_endpoints("http://127.0.0.1:9/api/v10", "ws://127.0.0.1:9/gateway"):
        lines = await check_automod(settings(tmp_path), data_files, {1: set()})
    assert lines == [
        "  note: AutoMod rules not checked: could not connect to Discord (ClientConnectorError)"
    ]


async def test_check_without_a_token_says_the_rules_were_not_checked(
    tmp_path: Path, data_files: DataFiles
) -> None:
    lines = await check_automod(settings(tmp_path, token=None), data_files, {1: set()})
    assert lines == ["  note: AutoMod rules not checked (DISCORD_TOKEN is not set)"]


def test_check_still_succeeds_offline_with_a_set_up_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    async def set_up() -> None:
        db = await bot.open_database(tmp_path / "k.db")
        await GuildSettingsRepository(db).update(1, {"country": "IN"}, actor_id=2, now=START)
        await db.close()

    asyncio.run(set_up())
    assert bot.main(["check"], env={"KINDRED_DB": str(tmp_path / "k.db")}) == 0
    assert "AutoMod rules not checked (DISCORD_TOKEN is not set)" in capsys.readouterr().out


async def test_check_warns_when_the_moderator_role_cannot_see_private_threads(
    fake: FakeDiscord, tmp_path: Path, data_files: DataFiles
) -> None:
    guild = fake.add_guild("MS Circle")
    without = fake.add_role(guild.id, "Moderator", Perm.MANAGE_MESSAGES)
    with use_endpoints(fake.api_base, fake.gateway_url):
        lines = await check_automod(
            settings(tmp_path), data_files, {guild.id: set()}, {guild.id: int(without["id"])}
        )
    assert any("cannot see private threads" in line for line in lines), lines
    fake.role(guild.id, without["id"])["permissions"] = str(
        Perm.MANAGE_MESSAGES | Perm.MANAGE_THREADS
    )
    with use_endpoints(fake.api_base, fake.gateway_url):
        lines = await check_automod(
            settings(tmp_path), data_files, {guild.id: set()}, {guild.id: int(without["id"])}
        )
    assert not any("private threads" in line for line in lines), lines

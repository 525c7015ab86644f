"""Settings from the environment: defaults, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.errors import ConfigError
from config.settings import Settings


def test_defaults_when_nothing_is_set() -> None:
    settings = Settings.from_env({})
    assert settings.discord_token is None
    assert settings.db_path == Path("kindred.sqlite3")
    assert settings.dev_guild_id is None
    assert settings.log_level == "INFO"


def test_values_are_read_and_trimmed() -> None:
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": " abc ",
            "KINDRED_DB": "/tmp/x.db",
            "KINDRED_DEV_GUILD": "123",
            "LOG_LEVEL": "debug",
        }
    )
    assert settings.discord_token == "abc"
    assert settings.db_path == Path("/tmp/x.db")
    assert settings.dev_guild_id == 123
    assert settings.log_level == "DEBUG"


def test_a_dev_guild_that_is_not_an_id_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match="KINDRED_DEV_GUILD must be a server id"):
        Settings.from_env({"KINDRED_DEV_GUILD": "my server"})


def test_an_unknown_log_level_lists_the_good_ones() -> None:
    with pytest.raises(ConfigError, match="LOG_LEVEL must be one of DEBUG, INFO"):
        Settings.from_env({"LOG_LEVEL": "loud"})


def test_a_config_dir_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="KINDRED_CONFIG_DIR"):
        Settings.from_env({"KINDRED_CONFIG_DIR": str(tmp_path / "missing")})


def test_a_postgres_url_is_kept_as_written() -> None:
    """A Path would fold the URL's '//' and lose the host."""
    for url in ("postgresql://kindred:pw@db:5432/kindred", "postgres://k@127.0.0.1/k"):
        assert Settings.from_env({"KINDRED_DB": url}).db_path == url

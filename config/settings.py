"""Process settings, from the environment (``bot.py`` reads ``.env`` into it first).

Every setting is listed in ``SETTINGS`` with its environment variable and help text; the README
documents each one and a test fails when one is missing there.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cogs.utils.shards import ShardPlan, ShardsError, parse_shards
from config.errors import ConfigError

ENV_SOURCE = Path("environment")
POSTGRES_SCHEMES = ("postgresql://", "postgres://")  # KINDRED_DB names a PostgreSQL database


@dataclass(frozen=True)
class Setting:
    """One environment variable Kindred reads."""

    env: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DISCORD_TOKEN", None, "The bot token from the Discord developer portal (secret)."),
    Setting(
        "KINDRED_DB",
        "kindred.sqlite3",
        "Path of the SQLite database file, or a postgresql://user:password@host:port/database "
        "URL to use PostgreSQL (several processes can share one).",
    ),
    Setting(
        "KINDRED_DEV_GUILD",
        None,
        "A server id: sync slash commands to this one server instantly (for development).",
    ),
    Setting("LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR."),
    Setting(
        "KINDRED_RETENTION_DAYS",
        "90",
        "Days to keep copies of flagged messages and crisis excerpts before they are erased.",
    ),
    Setting(
        "KINDRED_DELIVERY_TIMEOUT",
        "5",
        "Seconds one Discord call on a safety path may take before it is retried (0.1 to 60).",
    ),
    Setting(
        "KINDRED_JOB_LEASE",
        "30",
        "Seconds a process holds a running job before another may take it over (5 to 600).",
    ),
    Setting(
        "KINDRED_CONFIG_DIR",
        None,
        "A folder of server-specific data files that extend the shipped ones in config/.",
    ),
    Setting(
        "KINDRED_SHARDS",
        None,
        "The Discord shards this process runs, e.g. 0-3/8, 2/8 or 5,7/8 (unset: all, one connection).",
    ),
)

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class Settings:
    """Everything Kindred reads from the environment, checked."""

    discord_token: str | None
    # A SQLite file (a Path) or a PostgreSQL URL (a str: a Path would fold its "//").
    db_path: Path | str
    dev_guild_id: int | None
    log_level: str
    extra_config_dir: Path | None
    retention_days: int = 90
    delivery_timeout: float = 5.0
    shards: ShardPlan | None = None  # None: one connection, every server (discord.py decides)
    job_lease: float = 30.0

    @property
    def log_level_number(self) -> int:
        """The logging module's number for ``log_level``."""
        return int(getattr(logging, self.log_level))

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Build and check settings; raise ConfigError naming the variable and the fix."""

        def get(name: str) -> str | None:
            default = next(s.default for s in SETTINGS if s.env == name)
            value = env.get(name, "").strip()
            return value or default

        dev_guild = get("KINDRED_DEV_GUILD")
        if dev_guild is not None and not dev_guild.isdigit():
            raise ConfigError(
                ENV_SOURCE,
                None,
                f"KINDRED_DEV_GUILD must be a server id (digits), not {dev_guild!r}",
            )
        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in _LEVELS:
            raise ConfigError(
                ENV_SOURCE, None, f"LOG_LEVEL must be one of {', '.join(_LEVELS)}, not {level!r}"
            )
        retention = get("KINDRED_RETENTION_DAYS") or "90"
        if not retention.isdigit() or not 1 <= int(retention) <= 3650:
            raise ConfigError(
                ENV_SOURCE,
                None,
                f"KINDRED_RETENTION_DAYS must be a number of days from 1 to 3650, not {retention!r}",
            )
        timeout = get("KINDRED_DELIVERY_TIMEOUT") or "5"
        try:
            delivery_timeout = float(timeout)
        except ValueError:
            delivery_timeout = -1.0
        if not 0.1 <= delivery_timeout <= 60:
            raise ConfigError(
                ENV_SOURCE,
                None,
                f"KINDRED_DELIVERY_TIMEOUT must be a number of seconds from 0.1 to 60, not {timeout!r}",
            )
        lease_text = get("KINDRED_JOB_LEASE") or "30"
        try:
            job_lease = float(lease_text)
        except ValueError:
            job_lease = -1.0
        if not 5 <= job_lease <= 600:
            raise ConfigError(
                ENV_SOURCE,
                None,
                f"KINDRED_JOB_LEASE must be a number of seconds from 5 to 600, not {lease_text!r}",
            )
        extra = get("KINDRED_CONFIG_DIR")
        if extra is not None and not Path(extra).is_dir():
            raise ConfigError(
                ENV_SOURCE,
                None,
                f"KINDRED_CONFIG_DIR={extra} is not a folder; create it or unset it",
            )
        try:
            shards = parse_shards(get("KINDRED_SHARDS"))
        except ShardsError as exc:
            raise ConfigError(ENV_SOURCE, None, str(exc)) from None
        database = get("KINDRED_DB") or "kindred.sqlite3"
        return cls(
            discord_token=get("DISCORD_TOKEN"),
            db_path=database if database.startswith(POSTGRES_SCHEMES) else Path(database),
            dev_guild_id=int(dev_guild) if dev_guild else None,
            log_level=level,
            extra_config_dir=Path(extra) if extra else None,
            retention_days=int(retention),
            delivery_timeout=delivery_timeout,
            shards=shards,
            job_lease=job_lease,
        )

"""``python -m sandbox.bot_process``: its arguments, settings, data cache and standby mode (a
process here only for the standby; the crash tests run the bot for real)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from bot import DataFiles
from sandbox import bot_process
from sandbox.crash import ROOT, base_environment

ARGS = ["--api", "http://127.0.0.1:1/api/v10", "--gateway", "ws://127.0.0.1:1/gateway"]


def test_now_must_say_its_timezone() -> None:
    args = bot_process.parse_args([*ARGS, "--db", "k.sqlite3", "--now", "2026-10-05T13:00:00Z"])
    assert args.now.isoformat() == "2026-10-05T13:00:00+00:00"
    with pytest.raises(SystemExit):
        bot_process.parse_args([*ARGS, "--db", "k.sqlite3", "--now", "2026-10-05T13:00:00"])


def test_settings_come_from_the_environment_with_the_arguments_on_top(tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite3"
    args = bot_process.parse_args(
        [*ARGS, "--db", str(db), "--now", "2026-10-05T13:00:00+00:00", "--guild-id", "42"]
    )
    env = {
        "DISCORD_TOKEN": "a-real-token-must-not-be-used",
        "KINDRED_DB": "elsewhere.sqlite3",
        "KINDRED_RETENTION_DAYS": "7",
        "LOG_LEVEL": "debug",
    }
    settings = bot_process.settings_for(args, env)
    assert settings.discord_token == bot_process.TOKEN
    assert settings.db_path == db
    assert settings.dev_guild_id == 42
    assert settings.retention_days == 7
    assert settings.log_level == "DEBUG"


def test_the_data_cache_is_written_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stand-ins for the loaded files: the cache only pickles what load_data_files returns.
    loaded = DataFiles(*(f"field {n}" for n in range(len(fields(DataFiles)))))
    loads: list[object] = []

    def load(extra: object) -> DataFiles:
        loads.append(extra)
        return loaded

    monkeypatch.setattr(bot_process, "load_data_files", load)
    args = bot_process.parse_args([*ARGS, "--db", "k", "--now", "2026-10-05T13:00:00Z"])
    settings = bot_process.settings_for(args, {})
    cache = tmp_path / "data.pickle"
    assert bot_process.data_files(settings, cache) is loaded
    assert bot_process.data_files(settings, cache) == loaded
    assert len(loads) == 1

    cache.write_bytes(pickle.dumps("not data files"))
    assert bot_process.data_files(settings, cache) is loaded
    assert len(loads) == 2


def test_a_standby_process_runs_the_command_line_it_is_sent(tmp_path: Path) -> None:
    """``--standby`` waits for its command line, environment and log file on stdin, then runs
    as if started with them: here a ``--now`` without a timezone, refused as on the command
    line, in the log file it was given."""
    log = tmp_path / "run.log"
    order = {
        "argv": [*ARGS, "--db", str(tmp_path / "k.sqlite3"), "--now", "2026-10-05T13:00:00"],
        "env": base_environment(),
        "log": str(log),
    }
    standby = subprocess.run(
        [sys.executable, "-m", "sandbox.bot_process", "--standby"],
        input=json.dumps(order).encode() + b"\n",
        cwd=ROOT,
        env=base_environment(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert standby.returncode == 2
    assert bot_process.STANDBY_LINE in standby.stderr.decode()
    assert "--now needs a timezone" in log.read_text()
    assert "--now needs a timezone" not in standby.stderr.decode()


def test_a_standby_process_told_nothing_exits() -> None:
    standby = subprocess.run(
        [sys.executable, "-m", "sandbox.bot_process", "--standby"],
        input=b"",
        cwd=ROOT,
        env=base_environment(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert standby.returncode == 0

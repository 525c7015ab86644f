"""``bot.py check`` with KINDRED_DB set to a PostgreSQL URL."""

from __future__ import annotations

import socket

import pytest

import bot
from db.migrate import latest_version
from sandbox.pg_server import PgServer


def test_check_migrates_a_new_postgres_database_and_reports_its_version(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = bot.main(["check"], env={"KINDRED_DB": pg_url})
    out = capsys.readouterr().out
    assert status == 0
    assert "all good" in out
    v = latest_version()
    assert f"database: {pg_url} at schema version {v} (this Kindred's: {v})" in out


def test_check_never_prints_the_password(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_url.replace("kindred@", "kindred:hunter2@")
    assert url != pg_url
    assert bot.main(["check"], env={"KINDRED_DB": url}) == 0
    captured = capsys.readouterr()
    assert "hunter2" not in captured.out + captured.err
    assert "kindred:***@" in captured.out


def test_check_says_when_the_database_does_not_exist(
    pg: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status = bot.main(["check"], env={"KINDRED_DB": pg.url_for("kindred_missing")})
    err = capsys.readouterr().err
    assert status == 2
    assert "'kindred_missing' does not exist" in err
    assert "createdb kindred_missing" in err
    assert "Traceback" not in err


def test_check_says_when_the_server_is_down(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    status = bot.main(["check"], env={"KINDRED_DB": f"postgresql://k:pw@127.0.0.1:{port}/k"})
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot reach the PostgreSQL server at 127.0.0.1:{port}" in err
    assert "Is it running" in err
    assert ":pw@" not in err

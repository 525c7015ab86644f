"""bot.py's command line: clear messages and exit codes, no tracebacks."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

import bot
from db.database import is_postgres_url


def test_run_without_a_token_exits_2_with_a_two_line_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = bot.main(["run"], env={"KINDRED_DB": str(tmp_path / "k.db")})
    err = capsys.readouterr().err
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "DISCORD_TOKEN" in lines[0]
    assert ".env.example" in lines[0]
    assert "make demo" in lines[1]
    assert "Traceback" not in err


def test_check_prints_a_summary_and_migrates(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    # db_url: a SQLite file not made yet, or a PostgreSQL database (the test's, migrated).
    status = bot.main(["check"], env={"KINDRED_DB": db_url})
    out = capsys.readouterr().out
    assert status == 0
    assert "all good" in out
    from db.migrate import discover

    assert f"schema version {len(discover())}" in out
    assert is_postgres_url(db_url) or Path(db_url).exists()


async def _insert(url: str, sql: str) -> None:
    database = await bot.open_database(url)
    try:
        await database.execute(sql)
    finally:
        await database.close()


def test_check_warns_about_a_server_whose_crisis_alerts_could_reach_nobody(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    assert bot.main(["check"], env={"KINDRED_DB": db_url}) == 0
    capsys.readouterr()
    # A server set up with a country and nothing else.
    asyncio.run(
        _insert(
            db_url,
            "INSERT INTO guild_settings (guild_id, country, updated_at)"
            " VALUES (42, 'IN', '2026-12-04T20:00:00+00:00')",
        )
    )
    status = bot.main(["check"], env={"KINDRED_DB": db_url})
    out = capsys.readouterr().out
    assert status == 0
    assert "server 42: No staff channel" in out
    assert "only the server owner can be told of a crisis" in out


def test_check_names_the_file_and_line_of_a_broken_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    extra = tmp_path / "conf"
    extra.mkdir()
    (extra / "helplines.toml").write_text(
        '[[helpline]]\ncountry = "US"\nname = "Local line"\ncontact = "555"\n'
        'ways = ["pigeon"]\nhours = "24/7"\nlanguages = "en"\nverified_on = 2026-01-01\n'
    )
    status = bot.main(
        ["check"], env={"KINDRED_DB": str(tmp_path / "k.db"), "KINDRED_CONFIG_DIR": str(extra)}
    )
    err = capsys.readouterr().err
    assert status == 2
    assert f"{extra / 'helplines.toml'}:1:" in err
    assert "ways" in err
    assert "Traceback" not in err


@pytest.mark.sqlite_only(
    "a file in a missing folder (tests/postgres/test_check.py: a missing database, a server down)"
)
def test_a_database_it_cannot_open_is_one_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = bot.main(["check"], env={"KINDRED_DB": str(tmp_path / "missing-folder" / "k.db")})
    err = capsys.readouterr().err
    assert status == 2
    assert "does not exist" in err
    assert "KINDRED_DB" in err


def test_a_bad_setting_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    status = bot.main(["check"], env={"LOG_LEVEL": "shouty"})
    err = capsys.readouterr().err
    assert status == 2
    assert "LOG_LEVEL" in err
    assert ".env" in err


async def test_the_demo_runs_the_setup_scene_and_ends_by_itself() -> None:
    from sandbox.demo import run_demo

    lines: list[str] = []
    status = await run_demo(bot.build_local_bot, out=lines.append)
    text = "\n".join(lines)
    assert status == 0
    assert "Setting up the server" in text
    assert "Everything is set" in text
    assert "Only people with the Manage Server permission" in text
    assert "A 12-week cohort" in text
    assert "Week 1 · Welcome" in text
    assert "cohort-1-attendance.png" in text
    assert "week 1: 2/2 (1 in voice)" in text  # Asha posted, Ben joined the voice channel
    assert "Peer check-ins: a weekly partner" in text
    assert "coach, don't punish" in text
    assert "A member in crisis" in text
    assert "Wellbeing check-ins and help in the moment" in text
    assert "A member whose Discord is in Spanish" in text
    assert "[DM to Lucía] Kindred: Hola, Lucía, soy Kindred." in text
    assert "[Send my answers]" in text  # WHO-5 answered by tapping
    assert "[Can't make it]" in text  # the button under each session reminder
    assert "can't make week 2 of **Winter circle**" in " ".join(text.split())
    flat = " ".join(text.split())  # the transcript wraps long lines
    assert "has not been claimed after 10 minutes" in flat
    assert re.search(r"You claimed case [A-Z2-9]{4}-[A-Z2-9]{4}\.", flat)
    assert "Follow-up" in text
    assert "0 unexpected refusals" in text


def test_check_reports_a_broken_curriculum_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    extra = tmp_path / "conf"
    extra.mkdir()
    (extra / "curriculum.toml").write_text('[[week]]\nweek = 1\ntitle = "Welcome"\n')
    status = bot.main(
        ["check"], env={"KINDRED_DB": str(tmp_path / "k.db"), "KINDRED_CONFIG_DIR": str(extra)}
    )
    err = capsys.readouterr().err
    assert status == 2
    assert str(extra / "curriculum.toml") in err
    assert "Traceback" not in err


def test_run_loads_the_shipped_crisis_model() -> None:
    model = bot.load_crisis_model()
    assert model is not None
    assert 0 < model.thresholds.veto_floor < model.thresholds.alert < 1


def test_a_broken_crisis_model_leaves_the_lexicon_screening_and_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import cogs.screening.model as model_module

    monkeypatch.setattr(model_module, "default_model_dir", lambda: tmp_path)
    assert bot.load_crisis_model() is None
    assert "the lexicon alone screens" in caplog.text

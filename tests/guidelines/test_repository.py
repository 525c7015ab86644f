"""The guidelines repository: hides with a wellbeing signal wait in /mod queue (V12)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.database import Database
from db.migrate import MIGRATIONS_DIR, migrate
from db.repositories.guidelines import AutoModSetting, GuidelineRepository

NOW = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
GUILD, CHANNEL, USER = 1, 10, 20


async def hide(repo: GuidelineRepository, message_id: int, outcome: str = "hidden") -> None:
    done = await repo.hide_message(
        guild_id=GUILD,
        channel_id=CHANNEL,
        user_id=USER,
        message_id=message_id,
        label="toxic",
        rule="toxic.insult",
        content="words for moderators only",
        points=2,
        reason="Insults hurt.",
        now=NOW,
        expires_at=NOW + timedelta(days=30),
        outcome=outcome,
    )
    assert done is not None


async def test_a_hide_with_a_wellbeing_signal_waits_in_the_queue(db: Database) -> None:
    repo = GuidelineRepository(db)
    await hide(repo, 100, "hidden_wellbeing")
    queued = await repo.open_reports(GUILD)
    assert [(r.message_id, r.outcome) for r in queued] == [(100, "hidden_wellbeing")]
    assert await repo.review_hit(GUILD, queued[0].id, 7, "checked in with them", NOW)
    assert await repo.open_reports(GUILD) == []


async def test_a_plain_hide_does_not_wait_in_the_queue(db: Database) -> None:
    repo = GuidelineRepository(db)
    await hide(repo, 100)
    assert await repo.open_reports(GUILD) == []


async def test_the_audit_line_says_a_moderator_was_asked_to_look(db: Database) -> None:
    await hide(GuidelineRepository(db), 100, "hidden_wellbeing")
    detail = await db.fetchval("SELECT detail FROM audit_log WHERE action = 'auto.hidden'")
    assert "wellbeing signal, queued for a moderator" in str(detail)


async def test_a_failed_hide_with_a_wellbeing_signal_stays_queued_as_failed(db: Database) -> None:
    repo = GuidelineRepository(db)
    await hide(repo, 100, "hidden_wellbeing")
    await repo.mark_hide_failed(100)
    assert [r.outcome for r in await repo.open_reports(GUILD)] == ["hide_failed"]


async def test_only_hide_outcomes_are_accepted(db: Database) -> None:
    with pytest.raises(ValueError, match="not a hide outcome"):
        await hide(GuidelineRepository(db), 100, "reported")
    assert await db.fetchval("SELECT count(*) FROM guideline_infractions") == 0


async def test_v12_keeps_every_hit_written_before_it(tmp_path: Path) -> None:
    older = tmp_path / "migrations"
    older.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if int(path.name[1:].split("__")[0]) <= 11:
            shutil.copy(path, older / path.name)
    db = Database(tmp_path / "k.sqlite3")
    await db.connect()
    await migrate(db, older)
    repo = GuidelineRepository(db)
    for outcome in ("nudged_dm", "not_hidden_wellbeing"):
        await repo.record_hit(
            guild_id=GUILD,
            channel_id=CHANNEL,
            user_id=USER,
            message_id=None,
            label="toxic",
            rule="toxic.insult",
            outcome=outcome,
            now=NOW,
        )
    assert 12 in await migrate(db)  # and any later migration
    rows = await db.fetchall("SELECT id, outcome FROM guideline_hits ORDER BY id")
    assert [(r["id"], r["outcome"]) for r in rows] == [
        (1, "nudged_dm"),
        (2, "not_hidden_wellbeing"),
    ]
    assert [r.outcome for r in await repo.open_reports(GUILD)] == ["not_hidden_wellbeing"]
    indexes = {
        r["name"]
        for r in await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'guideline_hits'"
        )
    }
    assert {"guideline_hits_guild", "guideline_hits_nudges"} <= indexes
    await db.close()


async def test_the_automod_setting_is_stored_with_its_rule_id_and_audited(db: Database) -> None:
    repo = GuidelineRepository(db)
    assert (await repo.automod(GUILD)).enabled is False
    await repo.set_automod(GUILD, True, 77, actor_id=USER, now=NOW)
    assert await repo.automod(GUILD) == AutoModSetting(GUILD, True, 77)
    await repo.set_automod_rule_id(GUILD, 78)  # start-up made it again
    assert await repo.automod(GUILD) == AutoModSetting(GUILD, True, 78)
    await repo.set_automod(GUILD, False, None, actor_id=USER, now=NOW)
    assert await repo.automod(GUILD) == AutoModSetting(GUILD, False, None)
    actions = await db.fetchall("SELECT action, detail FROM audit_log ORDER BY id")
    assert [(r["action"], r["detail"]) for r in actions] == [
        ("guidelines.automod", "on, rule 77"),
        ("guidelines.automod", "off"),
    ]

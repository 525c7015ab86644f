"""The guidelines repository: hides with a wellbeing signal wait in /mod queue (V12)."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.database import Database
from db.migrate import MIGRATIONS_DIR, migrate
from db.models.guidelines import AutoModSetting, Infraction
from db.repositories.guidelines import GuidelineRepository
from tests.builders import REFUSAL_ERRORS, REFUSED, make_hidden, refuse_audit_lines, refuse_writes

NOW = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
GUILD, CHANNEL, USER = 1, 10, 20


async def test_a_hide_with_a_wellbeing_signal_waits_in_the_queue(db: Database) -> None:
    repo = GuidelineRepository(db)
    await make_hidden(db, 100, outcome="hidden_wellbeing")
    queued = await repo.open_reports(GUILD)
    assert [(r.message_id, r.outcome) for r in queued] == [(100, "hidden_wellbeing")]
    assert await repo.review_hit(GUILD, queued[0].id, 7, "checked in with them", NOW)
    assert await repo.open_reports(GUILD) == []


async def test_a_plain_hide_does_not_wait_in_the_queue(db: Database) -> None:
    repo = GuidelineRepository(db)
    await make_hidden(db, 100)
    assert await repo.open_reports(GUILD) == []


async def test_the_audit_line_says_a_moderator_was_asked_to_look(db: Database) -> None:
    await make_hidden(db, 100, outcome="hidden_wellbeing")
    detail = await db.fetchval("SELECT detail FROM audit_log WHERE action = 'auto.hidden'")
    assert "wellbeing signal, queued for a moderator" in str(detail)


async def test_a_failed_hide_with_a_wellbeing_signal_stays_queued_as_failed(db: Database) -> None:
    repo = GuidelineRepository(db)
    await make_hidden(db, 100, outcome="hidden_wellbeing")
    await repo.mark_hide_failed(100)
    assert [r.outcome for r in await repo.open_reports(GUILD)] == ["hide_failed"]


async def test_only_hide_outcomes_are_accepted(db: Database) -> None:
    with pytest.raises(ValueError, match="not a hide outcome"):
        await make_hidden(db, 100, outcome="reported")
    assert await db.fetchval("SELECT count(*) FROM guideline_infractions") == 0


@pytest.mark.sqlite_only(
    reason="upgrades a V11 SQLite file; PostgreSQL starts from the V21 baseline"
)
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


# --- the audit line goes with its change -------------------------------------------------------


async def state(db: Database) -> list[tuple[object, ...]]:
    """Every guideline row, so a test can see that nothing changed (in a fixed order)."""
    tables = (
        "guideline_rule_modes",
        "guideline_settings",
        "guideline_hits",
        "guideline_infractions",
        "guideline_hidden_messages",
        "guideline_appeals",
    )
    return [
        (table, *row)
        for table in tables
        for row in sorted((tuple(r) for r in await db.fetchall(f"SELECT * FROM {table}")), key=repr)
    ]


CHANGES: dict[str, Callable[[GuidelineRepository, Infraction, int], Awaitable[object]]] = {
    "mode": lambda repo, _, __: repo.set_mode(GUILD, None, "toxic", "off", actor_id=7, now=NOW),
    "limits": lambda repo, _, __: repo.set_limits(
        GUILD, {"nudges_per_hour": 2}, actor_id=7, now=NOW
    ),
    "automod": lambda repo, _, __: repo.set_automod(GUILD, True, 77, actor_id=7, now=NOW),
    "warning": lambda repo, _, __: repo.add_infraction(
        guild_id=GUILD,
        user_id=USER,
        kind="warn",
        points=1,
        reason="Please be kind.",
        actor_id=7,
        now=NOW,
        expires_at=NOW + timedelta(days=30),
    ),
    "hide": lambda repo, _, __: make_hidden(repo.db, 101),
    "pardon": lambda repo, infraction, _: repo.pardon(infraction.id, 7, "A mistake.", NOW),
    "appeal": lambda repo, infraction, _: repo.add_appeal(infraction, "It was a joke.", NOW),
    "review": lambda repo, _, hit_id: repo.review_hit(GUILD, hit_id, 7, "Checked.", NOW),
}


@pytest.mark.parametrize("change", CHANGES)
async def test_a_change_whose_audit_line_fails_is_rolled_back(db: Database, change: str) -> None:
    repo = GuidelineRepository(db)
    _, infraction = await make_hidden(db, 100, outcome="hidden_wellbeing")
    [queued] = await repo.open_reports(GUILD)
    before = await state(db)
    await refuse_audit_lines(db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await CHANGES[change](repo, infraction, queued.id)
    assert await state(db) == before


async def test_a_hidden_copy_and_its_purge_are_written_together(db: Database) -> None:
    repo = GuidelineRepository(db)
    purge_at = NOW + timedelta(days=90)
    done = await repo.hide_message(
        guild_id=GUILD,
        channel_id=CHANNEL,
        user_id=USER,
        message_id=100,
        label="toxic",
        rule="toxic.insult",
        content="words for moderators only",
        points=2,
        reason="Insults hurt.",
        now=NOW,
        expires_at=NOW + timedelta(days=30),
        purge=("guidelines_purge", purge_at),
    )
    assert done is not None
    job = await db.fetchone("SELECT * FROM jobs WHERE kind = 'guidelines_purge'")
    assert job is not None
    assert job["entity_id"] == done[0].id


async def test_a_hide_whose_purge_cannot_be_scheduled_keeps_no_copy(db: Database) -> None:
    await refuse_writes(db, "jobs", "INSERT", "no room for jobs")
    with pytest.raises(REFUSAL_ERRORS, match="no room for jobs"):
        await GuidelineRepository(db).hide_message(
            guild_id=GUILD,
            channel_id=CHANNEL,
            user_id=USER,
            message_id=100,
            label="toxic",
            rule="toxic.insult",
            content="words for moderators only",
            points=2,
            reason="Insults hurt.",
            now=NOW,
            expires_at=NOW + timedelta(days=30),
            purge=("guidelines_purge", NOW + timedelta(days=90)),
        )
    assert await db.fetchval("SELECT count(*) FROM guideline_hidden_messages") == 0
    assert await db.fetchval("SELECT count(*) FROM guideline_infractions") == 0

"""The repository layer: column whitelists hold under ``python -O``; reads after writes are
checked; an audit line commits or rolls back with the change it describes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cogs.utils.clock import FakeClock
from db.database import Database
from db.models import AuditNote, GuildSettings
from db.repositories.audit import AuditRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.rows import written
from tests.builders import REFUSAL_ERRORS, REFUSED, make_cohort, refuse_audit_lines

ROOT = Path(__file__).resolve().parents[2]


async def test_the_cohort_column_whitelist_refuses_an_unknown_column_by_name(
    db: Database, clock: FakeClock
) -> None:
    repo = CohortRepository(db)
    cohort_id = (await make_cohort(db, sessions=())).id
    with pytest.raises(ValueError, match="id = 0; --"):
        await repo.update_schedule(cohort_id, fields={"weeks": 3, "id = 0; --": 1}, now=clock.now())
    cohort = await repo.get(cohort_id)
    assert cohort is not None
    assert cohort.weeks == 12


async def test_the_cohort_column_whitelist_lets_listed_columns_through(
    db: Database, clock: FakeClock
) -> None:
    repo = CohortRepository(db)
    cohort_id = (await make_cohort(db, sessions=())).id
    await repo.update_schedule(cohort_id, fields={"weeks": 8}, now=clock.now())
    cohort = await repo.get(cohort_id)
    assert cohort is not None
    assert cohort.weeks == 8


def test_a_row_missing_after_its_write_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="cohort 7 was not found just after it was written"):
        written(None, "cohort 7")
    assert written(0, "a falsy value is still a value") == 0


def test_the_database_layer_never_relies_on_assert() -> None:
    """``python -O`` strips ``assert``: checks in db/ must be ``if ...: raise``."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "db").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []


async def test_an_audit_line_rolls_back_with_the_unit_of_work_it_was_written_in(
    db: Database, clock: FakeClock
) -> None:
    note = AuditNote(1, 2, "cohort.edit", 3, "weeks")

    async def change_that_fails_after_its_audit_line() -> None:
        async with db.transaction() as conn:
            await AuditRepository.insert(conn, note, clock.now())
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError, match="the change failed"):
        await change_that_fails_after_its_audit_line()
    assert await AuditRepository(db).recent(1) == []
    async with db.transaction() as conn:
        entry_id = await AuditRepository.insert(conn, note, clock.now())
    [entry] = await AuditRepository(db).recent(1)
    assert (entry.id, entry.action, entry.target_id, entry.created_at) == (
        entry_id,
        "cohort.edit",
        3,
        clock.now(),
    )


async def test_settings_whose_audit_line_fails_are_not_changed(
    db: Database, clock: FakeClock
) -> None:
    settings = GuildSettingsRepository(db)
    await refuse_audit_lines(db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await settings.update(1, {"country": "GB"}, actor_id=2, now=clock.now())
    assert await GuildSettingsRepository(db).get(1) == GuildSettings(guild_id=1)

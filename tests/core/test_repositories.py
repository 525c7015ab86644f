"""The repository layer: column whitelists hold under ``python -O``; reads after writes are checked."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from cogs.utils.clock import FakeClock
from db.database import Database
from db.repositories.cohorts import CohortRepository, NewGroup
from db.rows import written

ROOT = Path(__file__).resolve().parents[2]


async def make_cohort(db: Database, clock: FakeClock) -> int:
    cohort = await CohortRepository(db).create(
        guild_id=1,
        name="Autumn",
        start_date=dt.date(2026, 10, 6),
        weeks=12,
        weekday=1,
        local_time=dt.time(18, 0),
        timezone="America/New_York",
        length_minutes=60,
        group_cap=10,
        between_mode="closed",
        reminder_hours=(24.0,),
        groups=(NewGroup(focus="general", label=None, moderator_id=None),),
        sessions=(),
        created_by=2,
        now=clock.now(),
    )
    return cohort.id


async def test_the_cohort_column_whitelist_refuses_an_unknown_column_by_name(
    db: Database, clock: FakeClock
) -> None:
    repo = CohortRepository(db)
    cohort_id = await make_cohort(db, clock)
    with pytest.raises(ValueError, match="id = 0; --"):
        await repo.update_schedule(
            cohort_id, fields={"weeks": 3, "id = 0; --": 1}, sessions=None, now=clock.now()
        )
    cohort = await repo.get(cohort_id)
    assert cohort is not None
    assert cohort.weeks == 12


async def test_the_cohort_column_whitelist_lets_listed_columns_through(
    db: Database, clock: FakeClock
) -> None:
    repo = CohortRepository(db)
    cohort_id = await make_cohort(db, clock)
    await repo.update_schedule(cohort_id, fields={"weeks": 8}, sessions=None, now=clock.now())
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

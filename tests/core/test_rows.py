"""``db.rows.from_row``: one mapper from a row to a model, converting by the field's type."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pytest

from db.database import Database
from db.models import AuditEntry, GuildSettings, Job
from db.models.cohorts import Cohort, Enrolment, Group, SessionRow
from db.models.guidelines import (
    Appeal,
    GuidelineLimits,
    HiddenMessage,
    Infraction,
    ReportedHit,
)
from db.rows import from_row
from db.timefmt import to_db
from tests.backends import column_names

WHEN = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Sample:
    id: int
    name: str
    note: str | None
    at: dt.datetime
    maybe_at: dt.datetime | None
    flag: bool
    maybe_flag: bool | None
    day: dt.date
    clock: dt.time
    tags: tuple[str, ...]
    scores: tuple[int, ...]
    hours: tuple[float, ...]
    slots: frozenset[int]
    ref: str = ""


ROW = {
    "id": 3,
    "name": "Autumn",
    "note": None,
    "at": to_db(WHEN),
    "maybe_at": None,
    "flag": 1,
    "maybe_flag": None,
    "day": "2026-10-06",
    "clock": "18:00",
    "tags": "a,b",
    "scores": "1,0,3",
    "hours": "24,1.5",
    "slots": "",
    "ref": "K7QX3MPD",
}


def test_each_field_is_converted_by_its_type() -> None:
    sample = from_row(Sample, ROW)
    assert sample == Sample(
        id=3,
        name="Autumn",
        note=None,
        at=WHEN,
        maybe_at=None,
        flag=True,
        maybe_flag=None,
        day=dt.date(2026, 10, 6),
        clock=dt.time(18, 0),
        tags=("a", "b"),
        scores=(1, 0, 3),
        hours=(24.0, 1.5),
        slots=frozenset(),
        ref="K7QX3MPD",
    )
    assert sample.at.tzinfo is not None


def test_optional_times_and_flags_convert_when_present() -> None:
    sample = from_row(Sample, {**ROW, "maybe_at": to_db(WHEN), "maybe_flag": 0, "flag": 0})
    assert sample.maybe_at == WHEN
    assert sample.maybe_flag is False
    assert sample.flag is False


def test_a_missing_column_takes_the_default_or_is_named() -> None:
    without_ref = {k: v for k, v in ROW.items() if k != "ref"}
    assert from_row(Sample, without_ref).ref == ""
    without_name = {k: v for k, v in ROW.items() if k != "name"}
    with pytest.raises(KeyError, match=r"Sample\.name"):
        from_row(Sample, without_name)


def test_overrides_replace_a_column() -> None:
    assert from_row(Sample, {**ROW, "ref": None}, ref="").ref == ""


def test_only_dataclasses_are_mapped() -> None:
    with pytest.raises(TypeError, match="not a dataclass"):
        from_row(int, ROW)


async def test_it_reads_a_sqlite_row(db: Database) -> None:
    row = await db.fetchone(
        "SELECT 7 AS id, 'x' AS name, NULL AS note, ? AS at, NULL AS maybe_at, 1 AS flag,"
        " NULL AS maybe_flag, '2026-10-06' AS day, '09:30' AS clock, '' AS tags,"
        " '4' AS scores, '' AS hours, '2,1' AS slots",
        (to_db(WHEN),),
    )
    assert row is not None
    sample = from_row(Sample, row)
    assert (sample.id, sample.at, sample.flag, sample.tags) == (7, WHEN, True, ())
    assert (sample.scores, sample.slots, sample.clock) == ((4,), frozenset({1, 2}), dt.time(9, 30))


# Each model mapped with ``from_row(Model, SELECT * FROM table)``, by the repositories.
# (``AutoModSetting`` is read with column aliases, so it is not here.)
TABLE_MODELS: dict[str, type] = {
    "audit_log": AuditEntry,
    "jobs": Job,
    "guild_settings": GuildSettings,
    "cohorts": Cohort,
    "cohort_groups": Group,
    "cohort_enrolments": Enrolment,
    "cohort_sessions": SessionRow,
    "guideline_settings": GuidelineLimits,
    "guideline_hits": ReportedHit,
    "guideline_infractions": Infraction,
    "guideline_hidden_messages": HiddenMessage,
    "guideline_appeals": Appeal,
}


@pytest.mark.parametrize("table", TABLE_MODELS)
async def test_every_field_of_a_mapped_model_is_a_column_of_its_table(
    db: Database, table: str
) -> None:
    columns = set(await column_names(db, table))
    fields = {f.name for f in dataclasses.fields(TABLE_MODELS[table])}
    assert fields - columns == set()

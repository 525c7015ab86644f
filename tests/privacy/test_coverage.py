"""Every table is covered by the privacy protocol, so a new table cannot be forgotten."""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

import db.repositories
from cogs.privacy.service import MEMBER_JOBS, REPOSITORIES, PrivacyService
from db.database import Database
from tests.backends import column_names, table_names

# Column names that hold a person's Discord id: such a table must be a member table.
PERSON_COLUMN = re.compile(
    r"(^|_)(user|member|partner|author|moderator|actor|target|avoid|staff)_id$|_by$"
)


def repository_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"db.repositories.{info.name}")
        for info in pkgutil.iter_modules(db.repositories.__path__)
    ]


def declared(name: str) -> dict[str, set[str]]:
    """module name -> the tables it declares in ``name`` (MEMBER_TABLES or NO_MEMBER_TABLES)."""
    return {m.__name__: set(getattr(m, name, ())) for m in repository_modules()}


async def schema_tables(db: Database) -> dict[str, list[str]]:
    """Every table of the migrated schema -> its column names."""
    return {name: await column_names(db, name) for name in await table_names(db)}


def test_every_repository_module_declares_both_lists() -> None:
    missing = [
        m.__name__
        for m in repository_modules()
        if not (hasattr(m, "MEMBER_TABLES") and hasattr(m, "NO_MEMBER_TABLES"))
    ]
    assert missing == [], "declare MEMBER_TABLES and NO_MEMBER_TABLES in these modules"


async def test_every_table_of_the_schema_is_declared_somewhere(db: Database) -> None:
    member = set().union(*declared("MEMBER_TABLES").values())
    no_member = set().union(*declared("NO_MEMBER_TABLES").values())
    forgotten = sorted(set(await schema_tables(db)) - member - no_member)
    assert forgotten == [], (
        f"tables {forgotten} are in no repository's MEMBER_TABLES or NO_MEMBER_TABLES: declare "
        "them in the repository module that owns them (and export/erase the member tables)"
    )


async def test_every_declared_table_exists(db: Database) -> None:
    everything = set().union(
        *declared("MEMBER_TABLES").values(), *declared("NO_MEMBER_TABLES").values()
    )
    assert everything - set(await schema_tables(db)) == set()


def test_no_table_is_declared_twice() -> None:
    seen: dict[str, str] = {}
    for kind in ("MEMBER_TABLES", "NO_MEMBER_TABLES"):
        for module, tables in declared(kind).items():
            for table in tables:
                assert table not in seen, f"{table} is declared by {seen[table]} and {module}"
                seen[table] = module


async def test_a_table_with_a_person_column_is_a_member_table(db: Database) -> None:
    member = set().union(*declared("MEMBER_TABLES").values())
    wrong = {
        table: [c for c in columns if PERSON_COLUMN.search(c)]
        for table, columns in (await schema_tables(db)).items()
        if table not in member and any(PERSON_COLUMN.search(c) for c in columns)
    }
    assert wrong == {}, f"these tables hold a person's id but are not MEMBER_TABLES: {wrong}"


def test_every_module_with_member_tables_has_a_registered_repository() -> None:
    registered = {cls.__module__ for _, cls in REPOSITORIES}  # type: ignore[attr-defined]
    unregistered = [module for module, tables in declared("MEMBER_TABLES").items() if tables]
    assert [m for m in unregistered if m not in registered] == [], (
        "add the module's repository class to REPOSITORIES in cogs/privacy/service.py"
    )


async def test_the_registry_exports_exactly_the_member_tables(db: Database) -> None:
    exported = await PrivacyService(db).tables(123456789012345678)
    assert set(exported) == set().union(*declared("MEMBER_TABLES").values())
    assert all(rows == [] for rows in exported.values())


async def test_member_job_kinds_are_the_cogs_kinds_and_point_at_member_tables(
    db: Database,
) -> None:
    from cogs.crisis.cog import FOLLOWUP
    from cogs.guidelines.cog import PURGE
    from cogs.privacy.service import PLACE_GIVEN

    assert {j.kind for j in MEMBER_JOBS} == {FOLLOWUP, PURGE, PLACE_GIVEN}
    member = set().union(*declared("MEMBER_TABLES").values())
    columns = await schema_tables(db)
    for job in MEMBER_JOBS:
        assert job.table in member
        assert "id" in columns[job.table]
        if job.on_leave:  # leaving one server cancels only that server's jobs
            assert "guild_id" in columns[job.table]


def test_privacy_show_describes_wellbeing_and_the_cope_log() -> None:
    from cogs.privacy.service import describe

    held = {
        "wellbeing_optins": [{"user_id": 1}],
        "wellbeing_answers": [{"user_id": 1}, {"user_id": 1}],
        "toolkit_cope_log": [{"user_id": 1}],
    }
    text = "\n".join(describe(held, 90))
    assert "**Wellbeing check-ins**" in text
    assert "2 answered forms" in text
    assert "**/cope log**: 1 moment" in text
    assert "Other records" not in text


def test_privacy_show_never_leaves_a_table_out() -> None:
    from cogs.privacy.service import describe

    text = "\n".join(describe({"some_new_table": [{"user_id": 1}]}, 90))
    assert "**Other records**: 1 row in `some_new_table`" in text


def test_every_member_table_is_described_in_words_or_by_prefix() -> None:
    import sys

    from cogs.privacy.service import _DESCRIBED, REPOSITORIES

    tables: set[str] = set()
    for _, cls in REPOSITORIES:
        tables |= set(sys.modules[cls.__module__].MEMBER_TABLES)
    undescribed = {t for t in tables if t not in _DESCRIBED and not t.startswith("checkin_")}
    assert undescribed == set(), "say in describe() what these tables hold, in plain words"

"""A tiny migration runner keyed on ``PRAGMA user_version``.

Migrations live beside this file as ``migrations/V{n}__{what}.sql``. Each one that is newer
than the database runs in its own transaction together with the version bump, so a failed
migration leaves the database at the previous version, never half-way.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.database import Database, DatabaseError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^V(\d+)__([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file."""

    version: int
    name: str
    path: Path


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in ``directory`` in order; raises on gaps, duplicates or bad names."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise DatabaseError(f"migration file {path.name} must be named V<n>__<what>.sql")
        version = int(match.group(1))
        if version in found:
            raise DatabaseError(f"two migrations have version {version}")
        found[version] = Migration(version, match.group(2), path)
    versions = sorted(found)
    if versions != list(range(1, len(versions) + 1)):
        raise DatabaseError(f"migration versions must run 1..n without gaps, found {versions}")
    return [found[v] for v in versions]


async def migrate(db: Database, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply every migration newer than the database; return the versions applied."""
    migrations = discover(directory)
    current = int(await db.fetchval("PRAGMA user_version") or 0)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise DatabaseError(
            f"the database is at schema version {current} but this Kindred knows only up to "
            f"{latest}; run a newer Kindred or restore a backup"
        )
    applied = []
    for migration in migrations:
        if migration.version <= current:
            continue
        statements = _split(migration.path.read_text(encoding="utf-8"))
        async with db.transaction() as conn:
            for statement in statements:
                await conn.execute(statement)
            # PRAGMA cannot take parameters; the version is an int we parsed ourselves.
            await conn.execute(f"PRAGMA user_version = {migration.version:d}")
        log.info("applied migration V%d %s", migration.version, migration.name)
        applied.append(migration.version)
    return applied


def _split(script: str) -> list[str]:
    """Split a migration into statements; SQLite's own tokenizer handles comments and strings."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        statements.append(buffer.strip())  # a last statement without its ';'
    return statements

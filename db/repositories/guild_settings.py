"""Per-server settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from db.database import Database
from db.models import AuditNote, GuildSettings
from db.notify import invalidations, publish
from db.repositories.audit import AuditRepository
from db.rows import from_row
from db.timefmt import to_db

# ``guild_settings.updated_by`` is the person who last ran /setup (for /privacy delete).
MEMBER_TABLES: tuple[str, ...] = ("guild_settings",)
NO_MEMBER_TABLES: tuple[str, ...] = ()
# The cache invalidation topic (db/notify.py): "guild_settings:<guild id>".
TOPIC = "guild_settings"

# The columns /setup may change, in display order.
SETTING_FIELDS = (
    "moderator_role_id",
    "coordinator_role_id",
    "oncall_role_id",
    "backup_role_id",
    "staff_channel_id",
    "country",
    "timezone",
    "urgent_ack_minutes",
    "concern_ack_minutes",
    "language",
)


class GuildSettingsRepository:
    """Reads and writes ``guild_settings``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Every message's listeners read these. Every write goes through this repository, which
        # refreshes its own cache and, on PostgreSQL, tells the other processes to drop theirs
        # (db/notify.py); a process that cannot hear them caches nothing.
        self._cache: dict[int, GuildSettings] = {}
        self._changes = invalidations(db)
        self._changes.subscribe(TOPIC, self._drop)

    def _drop(self, guild_id: int | None) -> None:
        """Another process changed ``guild_id``'s settings (None: maybe any; drop them all)."""
        if guild_id is None:
            self._cache.clear()
        else:
            self._cache.pop(guild_id, None)

    async def get(self, guild_id: int) -> GuildSettings:
        """The server's settings; an empty record when it was never set up."""
        cached = self._cache.get(guild_id)
        if cached is not None:
            return cached
        await self._changes.ensure_listening()  # before the read: no change can slip between
        generation = self._changes.generation
        row = await self.db.fetchone("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,))
        settings = GuildSettings(guild_id=guild_id) if row is None else from_row(GuildSettings, row)
        if self._changes.may_store(generation):
            self._cache[guild_id] = settings
        return settings

    async def guild_ids(self) -> list[int]:
        """Every server that has been set up."""
        rows = await self.db.fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")
        return [int(r["guild_id"]) for r in rows]

    async def update(
        self, guild_id: int, changes: dict[str, Any], *, actor_id: int, now: datetime
    ) -> GuildSettings:
        """Apply ``changes`` (only SETTING_FIELDS) and write an audit line, in one unit of work."""
        unknown = set(changes) - set(SETTING_FIELDS)
        if unknown:
            raise ValueError(f"not settings: {sorted(unknown)}")
        current = await self.get(guild_id)
        new = replace(current, **changes, updated_at=now, updated_by=actor_id)
        columns = ("guild_id", *SETTING_FIELDS, "updated_at", "updated_by")
        values = [getattr(new, c) for c in columns]
        values[columns.index("updated_at")] = to_db(now)
        placeholders = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        detail = ", ".join(f"{k}={v}" for k, v in sorted(changes.items()))
        generation = self._changes.generation
        async with self.db.transaction() as conn:
            await conn.execute(
                f"INSERT INTO guild_settings ({', '.join(columns)}) VALUES ({placeholders}) "
                f"ON CONFLICT (guild_id) DO UPDATE SET {updates}",
                values,
            )
            await AuditRepository.insert(
                conn, AuditNote(guild_id, actor_id, "setup.update", detail=detail), now
            )
            await publish(conn, self.db, TOPIC, guild_id)
        if self._changes.may_store(generation):  # else another change may have come after
            self._cache[guild_id] = new
        else:
            self._cache.pop(guild_id, None)
        return new

    async def delete(self, guild_id: int) -> None:
        """Forget a server's settings (when Kindred is removed from it)."""
        self._cache.pop(guild_id, None)
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM guild_settings WHERE guild_id = ?", (guild_id,))
            await publish(conn, self.db, TOPIC, guild_id)

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The servers' settings the person last changed (for /privacy export)."""
        rows = await self.db.fetchall(
            "SELECT * FROM guild_settings WHERE updated_by = ? ORDER BY guild_id", (user_id,)
        )
        return {"guild_settings": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """Forget who last changed the settings, when it was this person; rows changed."""
        self._cache.clear()  # cached records may name this person
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE guild_settings SET updated_by = NULL WHERE updated_by = ?", (user_id,)
            )
            await publish(conn, self.db, TOPIC, None)
            return max(cursor.rowcount, 0)

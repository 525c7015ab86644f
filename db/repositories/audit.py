"""The audit log: what staff and the bot did, with who and why."""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.models import AuditEntry
from db.timefmt import from_db, to_db


class AuditRepository:
    """Reads and writes ``audit_log``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        *,
        guild_id: int | None,
        actor_id: int | None,
        action: str,
        now: datetime,
        target_id: int | None = None,
        detail: str | None = None,
    ) -> int:
        """Append one entry; return its id."""
        return await self.db.execute(
            "INSERT INTO audit_log (guild_id, actor_id, action, target_id, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (guild_id, actor_id, action, target_id, detail, to_db(now)),
        )

    async def recent(self, guild_id: int, limit: int = 20) -> list[AuditEntry]:
        """The newest entries for a server, newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM audit_log WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [
            AuditEntry(
                id=r["id"],
                guild_id=r["guild_id"],
                actor_id=r["actor_id"],
                action=r["action"],
                target_id=r["target_id"],
                detail=r["detail"],
                created_at=from_db(r["created_at"]),
            )
            for r in rows
        ]

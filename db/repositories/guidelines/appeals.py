"""Members' appeals against infractions, and moderators' decisions on them."""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.models import AuditNote
from db.models.guidelines import Appeal, Infraction
from db.repositories._sql import insert_returning_id
from db.repositories.audit import AuditRepository
from db.rows import from_row
from db.timefmt import to_db


class AppealRepository:
    """Reads and writes ``guideline_appeals``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add_appeal(self, infraction: Infraction, text: str, now: datetime) -> Appeal | None:
        """File an appeal; None when this infraction already has one."""
        async with self.db.transaction() as conn:
            appeal_id = await insert_returning_id(
                conn,
                "INSERT INTO guideline_appeals (infraction_id, guild_id, user_id, text,"
                " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (infraction_id) DO NOTHING"
                " RETURNING id",
                (infraction.id, infraction.guild_id, infraction.user_id, text, to_db(now)),
            )
            if appeal_id is None:
                return None
            await AuditRepository.insert(
                conn,
                AuditNote(
                    infraction.guild_id,
                    infraction.user_id,
                    "member.appeal",
                    infraction.user_id,
                    f"appeal {appeal_id} against infraction {infraction.id}",
                ),
                now,
            )
        return await self.appeal(appeal_id)

    async def has_appeal(self, infraction_id: int) -> bool:
        """Has this infraction been appealed already?"""
        value = await self.db.fetchval(
            "SELECT 1 FROM guideline_appeals WHERE infraction_id = ?", (infraction_id,)
        )
        return value is not None

    async def appeal(self, appeal_id: int) -> Appeal | None:
        """One appeal by id."""
        row = await self.db.fetchone("SELECT * FROM guideline_appeals WHERE id = ?", (appeal_id,))
        return None if row is None else from_row(Appeal, row)

    async def open_appeals(self, guild_id: int, limit: int = 20) -> list[Appeal]:
        """Appeals waiting for a decision, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guideline_appeals WHERE guild_id = ? AND status = 'open'"
            " ORDER BY id LIMIT ?",
            (guild_id, limit),
        )
        return [from_row(Appeal, r) for r in rows]

    async def uphold_appeal(
        self, guild_id: int, appeal_id: int, moderator_id: int, reason: str, now: datetime
    ) -> Appeal | None:
        """Decide an open appeal against the member (the infraction stands)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE guideline_appeals SET status = 'upheld', decided_by = ?, decided_at = ?,"
                " decision = ? WHERE id = ? AND guild_id = ? AND status = 'open'",
                (moderator_id, to_db(now), reason, appeal_id, guild_id),
            )
            if cursor.rowcount != 1:
                return None
            member = await (
                await conn.execute(
                    "SELECT user_id FROM guideline_appeals WHERE id = ?", (appeal_id,)
                )
            ).fetchone()
            await AuditRepository.insert(
                conn,
                AuditNote(
                    guild_id,
                    moderator_id,
                    "mod.uphold",
                    member["user_id"] if member else None,
                    f"appeal {appeal_id}: {reason}",
                ),
                now,
            )
        return await self.appeal(appeal_id)

"""The audit log: what staff and the bot did, with who and why.

An audit line describes a change, so it is written in the same unit of work as that change:
repositories call ``AuditRepository.insert(conn, note, now)`` inside their transaction, and a
crash can never leave a change without its line, or a line for a change that did not happen.
``add`` is for entries that stand alone (nothing else is written with them).
"""

from __future__ import annotations

from datetime import datetime

from db.database import Connection, Database
from db.models import AuditEntry, AuditNote
from db.repositories._sql import insert_returning_id
from db.rows import from_row, written
from db.timefmt import to_db

# Tables of this module that can hold a person's id (for /privacy export and delete):
# ``actor_id`` is who acted, ``target_id`` a member (or, for cohort actions, a cohort id), and
# ``detail`` may name a member's id (for example "user 123" when a coordinator enrols someone).
MEMBER_TABLES: tuple[str, ...] = ("audit_log",)
NO_MEMBER_TABLES: tuple[str, ...] = ()


class AuditRepository:
    """Reads and writes ``audit_log``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    async def insert(conn: Connection, note: AuditNote, now: datetime) -> int:
        """Append ``note`` inside the caller's unit of work (``conn``); return its id."""
        entry_id = await insert_returning_id(
            conn,
            "INSERT INTO audit_log (guild_id, actor_id, action, target_id, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (note.guild_id, note.actor_id, note.action, note.target_id, note.detail, to_db(now)),
        )
        return written(entry_id, "audit_log row")

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
        """Append one entry that stands alone, in its own unit of work; return its id."""
        note = AuditNote(guild_id, actor_id, action, target_id, detail)
        async with self.db.transaction() as conn:
            return await self.insert(conn, note, now)

    async def recent(self, guild_id: int, limit: int = 20) -> list[AuditEntry]:
        """The newest entries for a server, newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM audit_log WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [from_row(AuditEntry, r) for r in rows]

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Entries about the member: they are the target, or the detail names them.

        Entries where they only acted (as staff, on other members or the server) are about
        others and are not included; erasing removes their id from those too.
        """
        rows = await self.db.fetchall(
            "SELECT * FROM audit_log WHERE target_id = ? OR detail LIKE ? ORDER BY id",
            (user_id, _naming(user_id)),
        )
        return {"audit_log": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """Remove the member's id from the audit log, keeping what was done and when; rows changed.

        An entry about them loses its target and its detail (the detail is about them, for
        example a warning's reason); an entry they made as staff loses their id as the actor.
        """
        text = _naming(user_id)
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE audit_log SET"
                " actor_id = CASE WHEN actor_id = ? THEN NULL ELSE actor_id END,"
                " target_id = CASE WHEN target_id = ? THEN NULL ELSE target_id END,"
                " detail = CASE WHEN target_id = ? OR detail LIKE ? THEN NULL"
                "   ELSE detail END"
                " WHERE actor_id = ? OR target_id = ? OR detail LIKE ?",
                (user_id, user_id, user_id, text, user_id, user_id, text),
            )
            return max(cursor.rowcount, 0)


def _naming(user_id: int) -> str:
    """A ``LIKE`` pattern for a detail that names ``user_id`` anywhere in it.

    An id is only digits, so it holds no ``%`` or ``_`` to escape and case cannot matter
    (``LIKE`` ignores ASCII case on SQLite and not on PostgreSQL).
    """
    return f"%{int(user_id)}%"

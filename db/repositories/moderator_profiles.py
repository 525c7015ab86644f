"""Moderators' profiles: the role, short bio and languages members see for their moderator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from db.database import Database
from db.models import AuditNote
from db.models.plans import ModeratorProfile
from db.repositories.audit import AuditRepository
from db.rows import from_row, written
from db.timefmt import to_db

# A profile is about a person (the moderator), and names who last set it.
MEMBER_TABLES: tuple[str, ...] = ("moderator_profiles",)
NO_MEMBER_TABLES: tuple[str, ...] = ()


class ModeratorProfileRepository:
    """One profile per moderator per server."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, guild_id: int, user_id: int) -> ModeratorProfile | None:
        """A moderator's profile in a server, if one was recorded."""
        row = await self.db.fetchone(
            "SELECT * FROM moderator_profiles WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return None if row is None else from_row(ModeratorProfile, row)

    async def of_users(self, guild_id: int, user_ids: Iterable[int]) -> dict[int, ModeratorProfile]:
        """Profiles of these people in a server, by user id (those without one are missing)."""
        wanted = sorted(set(user_ids))
        if not wanted:
            return {}
        marks = ", ".join("?" for _ in wanted)
        rows = await self.db.fetchall(
            f"SELECT * FROM moderator_profiles WHERE guild_id = ? AND user_id IN ({marks})",
            (guild_id, *wanted),
        )
        return {int(r["user_id"]): from_row(ModeratorProfile, r) for r in rows}

    async def save(
        self,
        *,
        guild_id: int,
        user_id: int,
        role: str,
        bio: str,
        languages: Sequence[str],
        updated_by: int,
        now: dt.datetime,
        audit: AuditNote,
    ) -> ModeratorProfile:
        """Create or replace a moderator's profile, with its audit line; the profile as saved."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO moderator_profiles (guild_id, user_id, role, bio, languages,"
                " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, user_id) DO UPDATE SET role = excluded.role,"
                "   bio = excluded.bio, languages = excluded.languages,"
                "   updated_by = excluded.updated_by, updated_at = excluded.updated_at"
                " RETURNING *",
                (guild_id, user_id, role, bio, ",".join(languages), updated_by, to_db(now)),
            )
            row = written(await cursor.fetchone(), f"the profile of {user_id}")
            await AuditRepository.insert(conn, audit, now)
        return from_row(ModeratorProfile, row)

    async def remove(self, guild_id: int, user_id: int) -> bool:
        """Delete a profile; False when there was none."""
        changed = await self.db.execute_rowcount(
            "DELETE FROM moderator_profiles WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return changed > 0

    # --- privacy -------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The person's own profiles, and profiles they set for others (as staff)."""
        rows = await self.db.fetchall(
            "SELECT * FROM moderator_profiles WHERE user_id = ? OR updated_by = ?"
            " ORDER BY guild_id, user_id",
            (user_id, user_id),
        )
        return {"moderator_profiles": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """Delete the person's own profiles; profiles they set for others keep no trace of them
        (``updated_by`` becomes NULL). One unit of work; rows changed."""
        async with self.db.transaction() as conn:
            gone = await conn.execute(
                "DELETE FROM moderator_profiles WHERE user_id = ?", (user_id,)
            )
            kept = await conn.execute(
                "UPDATE moderator_profiles SET updated_by = NULL WHERE updated_by = ?", (user_id,)
            )
            return max(gone.rowcount, 0) + max(kept.rowcount, 0)

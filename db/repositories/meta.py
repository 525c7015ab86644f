"""Small key-value facts the bot keeps about itself (for example the synced command hash)."""

from __future__ import annotations

from db.database import Database

# Facts about the bot itself, never about a person.
MEMBER_TABLES: tuple[str, ...] = ()
NO_MEMBER_TABLES: tuple[str, ...] = ("meta",)


class MetaRepository:
    """Reads and writes ``meta``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> str | None:
        """The stored value, or None."""
        return await self.db.fetchval("SELECT value FROM meta WHERE key = ?", (key,))

    async def set(self, key: str, value: str) -> None:
        """Store a value, replacing any old one."""
        await self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Nothing: ``meta`` holds facts about the bot, never about a person."""
        return {}

    async def erase_member(self, user_id: int) -> int:
        """Nothing to erase: ``meta`` holds no member data."""
        return 0

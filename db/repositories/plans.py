"""A member's private IER plan (/plan): one to three situations with chosen strategies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db.database import Database
from db.models.plans import PlanItem
from db.repositories._sql import insert_returning_id
from db.rows import from_row, written
from db.timefmt import to_db

# Every table of this lane that can hold a member's id (for /privacy export and delete).
MEMBER_TABLES: tuple[str, ...] = ("plan_items",)
NO_MEMBER_TABLES: tuple[str, ...] = ()


class PlanRepository:
    """The plan items of each member (SQL only; the limits live in ``cogs/plan/service.py``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def items(self, user_id: int) -> list[PlanItem]:
        """The member's plan, in the order they added it."""
        rows = await self.db.fetchall(
            "SELECT * FROM plan_items WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [from_row(PlanItem, r) for r in rows]

    async def item(self, user_id: int, item_id: int) -> PlanItem | None:
        """One item of the member's own plan (None when it is not theirs or is gone)."""
        row = await self.db.fetchone(
            "SELECT * FROM plan_items WHERE id = ? AND user_id = ?", (item_id, user_id)
        )
        return None if row is None else from_row(PlanItem, row)

    async def add(
        self, user_id: int, situation: str, own_words: str | None, limit: int, now: dt.datetime
    ) -> int | None:
        """Add a situation unless the member already has ``limit``; its id, or None when full.

        One unit of work, so two quick presses cannot take a plan past the limit.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT count(*) FROM plan_items WHERE user_id = ?", (user_id,)
            )
            row = await cursor.fetchone()
            if row is not None and int(row[0]) >= limit:
                return None
            item_id = await insert_returning_id(
                conn,
                "INSERT INTO plan_items (user_id, situation, own_words, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (user_id, situation, own_words, to_db(now), to_db(now)),
            )
            return written(item_id, "plan item")

    async def set_words(
        self, user_id: int, item_id: int, situation: str, own_words: str | None, now: dt.datetime
    ) -> bool:
        """Change an item's situation and own words; False when it is not the member's."""
        changed = await self.db.execute_rowcount(
            "UPDATE plan_items SET situation = ?, own_words = ?, updated_at = ?"
            " WHERE id = ? AND user_id = ?",
            (situation, own_words, to_db(now), item_id, user_id),
        )
        return changed > 0

    async def set_strategies(
        self, user_id: int, item_id: int, strategy_ids: Sequence[str], now: dt.datetime
    ) -> bool:
        """Replace an item's strategies; False when it is not the member's."""
        changed = await self.db.execute_rowcount(
            "UPDATE plan_items SET strategy_ids = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (",".join(strategy_ids), to_db(now), item_id, user_id),
        )
        return changed > 0

    async def remove(self, user_id: int, item_id: int) -> bool:
        """Delete one item of the member's plan; False when it was not there."""
        changed = await self.db.execute_rowcount(
            "DELETE FROM plan_items WHERE id = ? AND user_id = ?", (item_id, user_id)
        )
        return changed > 0

    # --- privacy -------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The member's plan, as stored."""
        rows = await self.db.fetchall(
            "SELECT * FROM plan_items WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return {"plan_items": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """Delete the member's whole plan in one unit of work; rows changed."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM plan_items WHERE user_id = ?", (user_id,))
            return max(cursor.rowcount, 0)

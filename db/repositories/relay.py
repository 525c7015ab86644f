"""The crisis relay's transcript: every message between a member and the team, in order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from db.database import Database
from db.models import CrisisCase, RelayMessage
from db.repositories.crisis import _case
from db.repositories.jobs import upsert_in
from db.rows import from_row, written
from db.timefmt import opt_from_db, to_db

# The transcript holds what a member wrote and what the team wrote to them; talk_offers, when
# each member was last offered the "Talk to the team" button.
MEMBER_TABLES: tuple[str, ...] = ("crisis_relay", "talk_offers")
NO_MEMBER_TABLES: tuple[str, ...] = ()


class RelayRepository:
    """Reads and writes ``crisis_relay`` (and each case's relay thread), and ``talk_offers``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def active_case_for(self, user_id: int) -> CrisisCase | None:
        """The member's most recent open or claimed case with a server: their DMs go there."""
        row = await self.db.fetchone(
            "SELECT * FROM crisis_cases WHERE user_id = ? AND status IN ('open', 'claimed')"
            " AND guild_id IS NOT NULL ORDER BY id DESC LIMIT 1",
            (user_id,),
        )
        return None if row is None else _case(row)

    async def case_for_thread(self, channel_id: int) -> CrisisCase | None:
        """The case whose relay thread this is."""
        row = await self.db.fetchone(
            "SELECT * FROM crisis_cases WHERE relay_channel_id = ?", (channel_id,)
        )
        return None if row is None else _case(row)

    async def set_thread(self, case_id: int, channel_id: int) -> None:
        """Remember the case's relay thread (the first one made wins)."""
        await self.db.execute(
            "UPDATE crisis_cases SET relay_channel_id = coalesce(relay_channel_id, ?) WHERE id = ?",
            (channel_id, case_id),
        )

    async def add(
        self,
        case_id: int,
        direction: str,
        text: str,
        now: datetime,
        *,
        job_kind: str,
        source_id: int | None = None,
        author_id: int | None = None,
        as_name: str | None = None,
        attachments: Sequence[str] = (),
    ) -> tuple[RelayMessage, bool]:
        """Store a message with its delivery job, in one transaction; (row, new).

        A message already stored for ``source_id`` (the same DM or interaction seen again, e.g.
        after a restart) comes back as it is, with ``new`` False: nothing is stored or sent twice.
        """
        async with self.db.transaction() as conn:
            if source_id is not None:
                cursor = await conn.execute(
                    "SELECT * FROM crisis_relay WHERE direction = ? AND source_id = ?",
                    (direction, source_id),
                )
                found = await cursor.fetchone()
                if found is not None:
                    return from_row(RelayMessage, found), False
            cursor = await conn.execute(
                "INSERT INTO crisis_relay (case_id, direction, source_id, author_id, as_name,"
                " text, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
                (
                    case_id,
                    direction,
                    source_id,
                    author_id,
                    as_name,
                    text,
                    "\n".join(attachments),
                    to_db(now),
                ),
            )
            message = from_row(RelayMessage, written(await cursor.fetchone(), "a relay message"))
            await upsert_in(conn, job_kind, message.id, now, now)
        return message, True

    async def get(self, message_id: int) -> RelayMessage | None:
        """One relayed message by row id."""
        row = await self.db.fetchone("SELECT * FROM crisis_relay WHERE id = ?", (message_id,))
        return None if row is None else from_row(RelayMessage, row)

    async def mark(
        self, message_id: int, status: str, now: datetime, error: str | None = None
    ) -> RelayMessage | None:
        """Record how delivery went (only once: a pending row)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE crisis_relay SET status = ?, delivered_at = ?, error = ?"
                " WHERE id = ? AND status = 'pending' RETURNING *",
                (status, to_db(now), error, message_id),
            )
            row = await cursor.fetchone()
        return None if row is None else from_row(RelayMessage, row)

    async def transcript(self, case_id: int) -> list[RelayMessage]:
        """The case's conversation, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM crisis_relay WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [from_row(RelayMessage, r) for r in rows]

    async def purge(self, closed_before: datetime) -> int:
        """Delete the conversations of cases closed before ``closed_before``; how many rows."""
        return await self.db.execute_rowcount(
            "DELETE FROM crisis_relay WHERE case_id IN (SELECT id FROM crisis_cases"
            " WHERE closed_at IS NOT NULL AND closed_at < ?)",
            (to_db(closed_before),),
        )

    # --- the "Talk to the team" offer ----------------------------------------------------------

    async def last_talk_offer(self, user_id: int) -> datetime | None:
        """When the member was last offered the "Talk to the team" button (None: not lately)."""
        found = await self.db.fetchval(
            "SELECT offered_at FROM talk_offers WHERE user_id = ?", (user_id,)
        )
        return opt_from_db(found)

    async def claim_talk_offer(self, user_id: int, now: datetime, every: timedelta) -> bool:
        """Record an offer made ``now`` unless one was made less than ``every`` ago; True when
        recorded. One statement, so two processes (or two DMs at once) cannot both claim it."""
        return (
            await self.db.execute_rowcount(
                "INSERT INTO talk_offers (user_id, offered_at) VALUES (?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET offered_at = excluded.offered_at"
                " WHERE talk_offers.offered_at <= ?",
                (user_id, to_db(now), to_db(now - every)),
            )
            > 0
        )

    async def prune_talk_offers(self, before: datetime) -> int:
        """Forget offers made before ``before`` (they no longer hold anyone back); how many."""
        return await self.db.execute_rowcount(
            "DELETE FROM talk_offers WHERE offered_at < ?", (to_db(before),)
        )

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The conversations of the member's own cases, and when they were last offered the
        "Talk to the team" button (for /privacy export).

        The team's side is theirs to read (it was sent to them), but never says which moderator
        wrote it: the member saw only "the Kindred team" or the name the moderator chose.
        """
        rows = await self.db.fetchall(
            "SELECT * FROM crisis_relay WHERE case_id IN"
            " (SELECT id FROM crisis_cases WHERE user_id = ?) ORDER BY id",
            (user_id,),
        )
        exported = []
        for row in rows:
            item = dict(row)
            if item["direction"] == "out":
                item["author_id"] = None
            exported.append(item)
        offers = await self.db.fetchall("SELECT * FROM talk_offers WHERE user_id = ?", (user_id,))
        return {"crisis_relay": exported, "talk_offers": [dict(r) for r in offers]}

    async def erase_member(self, user_id: int) -> int:
        """Delete the conversations of the member's cases and their last "Talk to the team"
        offer; drop a moderator's id from theirs.

        Runs before the cases are de-identified (the privacy lane's order), while the cases
        still say whose they are.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM crisis_relay WHERE case_id IN"
                " (SELECT id FROM crisis_cases WHERE user_id = ?)",
                (user_id,),
            )
            changed = max(cursor.rowcount, 0)
            cursor = await conn.execute(
                "UPDATE crisis_relay SET author_id = NULL WHERE author_id = ?", (user_id,)
            )
            changed += max(cursor.rowcount, 0)
            cursor = await conn.execute("DELETE FROM talk_offers WHERE user_id = ?", (user_id,))
            changed += max(cursor.rowcount, 0)
        return changed

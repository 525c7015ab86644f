"""Infractions and their points, the messages Kindred hid, and pardons."""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.models import AuditNote
from db.models.guidelines import HiddenMessage, Infraction
from db.repositories._sql import insert_returning_id
from db.repositories.audit import AuditRepository
from db.repositories.jobs import upsert_in
from db.rows import from_row, written
from db.timefmt import to_db

# How an automatic hide is recorded: plainly, or with a wellbeing signal (also queued).
HIDE_OUTCOMES: tuple[str, ...] = ("hidden", "hidden_wellbeing")


class InfractionRepository:
    """Reads and writes ``guideline_infractions`` and ``guideline_hidden_messages``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- infractions ----------------------------------------------------------------------------

    async def add_infraction(
        self,
        *,
        guild_id: int,
        user_id: int,
        kind: str,
        points: int,
        reason: str,
        actor_id: int | None,
        now: datetime,
        expires_at: datetime,
        label: str | None = None,
        duration_min: int | None = None,
    ) -> Infraction:
        """Record an infraction and its audit line in one unit of work."""
        async with self.db.transaction() as conn:
            new_id = await insert_returning_id(
                conn,
                "INSERT INTO guideline_infractions (guild_id, user_id, kind, label, points,"
                " reason, actor_id, duration_min, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    guild_id,
                    user_id,
                    kind,
                    label,
                    points,
                    reason,
                    actor_id,
                    duration_min,
                    to_db(now),
                    to_db(expires_at),
                ),
            )
            infraction_id = written(new_id, "infraction")
            note = AuditNote(
                guild_id,
                actor_id,
                f"mod.{kind}" if actor_id is not None else f"auto.{kind}",
                user_id,
                f"infraction {infraction_id}, {points} point(s): {reason}",
            )
            await AuditRepository.insert(conn, note, now)
        return written(await self.infraction(infraction_id), f"infraction {infraction_id}")

    async def hide_message(
        self,
        *,
        guild_id: int,
        channel_id: int | None,
        user_id: int,
        message_id: int,
        label: str,
        rule: str,
        content: str,
        points: int,
        reason: str,
        now: datetime,
        expires_at: datetime,
        outcome: str = "hidden",
        purge: tuple[str, datetime] | None = None,
    ) -> tuple[HiddenMessage, Infraction] | None:
        """Persist first: the copy, the infraction, the hit and the audit line, together.

        ``purge`` (a job kind and when it is due) schedules the copy's deletion in the same
        transaction, so no crash can leave a member's words kept with no purge due.

        ``outcome`` is ``hidden``, or ``hidden_wellbeing`` when the author may be struggling
        (the hit then also waits in /mod queue). None when this message was already handled
        (a duplicate event).
        """
        if outcome not in HIDE_OUTCOMES:
            raise ValueError(f"not a hide outcome: {outcome!r}")
        try:
            hidden_id, infraction_id = await self._hide(
                guild_id,
                channel_id,
                user_id,
                message_id,
                label,
                rule,
                content,
                points,
                reason,
                now,
                expires_at,
                outcome,
                purge,
            )
        except _AlreadyHidden:
            return None
        hidden = written(await self.hidden(hidden_id), f"hidden message {hidden_id}")
        infraction = written(await self.infraction(infraction_id), f"infraction {infraction_id}")
        return hidden, infraction

    async def _hide(
        self,
        guild_id: int,
        channel_id: int | None,
        user_id: int,
        message_id: int,
        label: str,
        rule: str,
        content: str,
        points: int,
        reason: str,
        now: datetime,
        expires_at: datetime,
        outcome: str,
        purge: tuple[str, datetime] | None,
    ) -> tuple[int, int]:
        async with self.db.transaction() as conn:
            infraction_id = written(
                await insert_returning_id(
                    conn,
                    "INSERT INTO guideline_infractions (guild_id, user_id, kind, label, points,"
                    " reason, actor_id, created_at, expires_at)"
                    " VALUES (?, ?, 'hidden', ?, ?, ?, NULL, ?, ?) RETURNING id",
                    (guild_id, user_id, label, points, reason, to_db(now), to_db(expires_at)),
                ),
                "infraction",
            )
            hidden_id = await insert_returning_id(
                conn,
                "INSERT INTO guideline_hidden_messages (guild_id, channel_id, user_id,"
                " message_id, label, rule, content, infraction_id, hidden_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING"
                " RETURNING id",
                (
                    guild_id,
                    channel_id,
                    user_id,
                    message_id,
                    label,
                    rule,
                    content,
                    infraction_id,
                    to_db(now),
                ),
            )
            if hidden_id is None:
                # Already hidden: undo the infraction written above by rolling back.
                raise _AlreadyHidden
            await conn.execute(
                "INSERT INTO guideline_hits (guild_id, channel_id, user_id, message_id, label,"
                " rule, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (guild_id, channel_id, user_id, message_id, label, rule, outcome, to_db(now)),
            )
            note = AuditNote(
                guild_id,
                None,
                "auto.hidden",
                user_id,
                f"message {message_id} hidden ({rule}); infraction {infraction_id},"
                f" {points} point(s)"
                + ("; wellbeing signal, queued for a moderator" if outcome != "hidden" else ""),
            )
            await AuditRepository.insert(conn, note, now)
            if purge is not None:
                kind, due_at = purge
                await upsert_in(conn, kind, hidden_id, due_at, now)
        return hidden_id, infraction_id

    async def infraction(self, infraction_id: int) -> Infraction | None:
        """One infraction by id."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_infractions WHERE id = ?", (infraction_id,)
        )
        return None if row is None else from_row(Infraction, row)

    async def infractions(self, guild_id: int, user_id: int) -> list[Infraction]:
        """A member's infractions in the server, newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guideline_infractions WHERE guild_id = ? AND user_id = ?"
            " ORDER BY id DESC",
            (guild_id, user_id),
        )
        return [from_row(Infraction, r) for r in rows]

    async def pardon(
        self, infraction_id: int, moderator_id: int, reason: str, now: datetime
    ) -> bool:
        """Pardon an infraction (its points stop counting), grant any open appeal, audit."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE guideline_infractions SET pardoned_by = ?, pardoned_at = ?,"
                " pardon_reason = ? WHERE id = ? AND pardoned_at IS NULL",
                (moderator_id, to_db(now), reason, infraction_id),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "UPDATE guideline_appeals SET status = 'granted', decided_by = ?,"
                " decided_at = ?, decision = ? WHERE infraction_id = ? AND status = 'open'",
                (moderator_id, to_db(now), reason, infraction_id),
            )
            row = await (
                await conn.execute(
                    "SELECT guild_id, user_id FROM guideline_infractions WHERE id = ?",
                    (infraction_id,),
                )
            ).fetchone()
            if row is None:  # the conditional UPDATE above matched it in this transaction
                raise RuntimeError(f"infraction {infraction_id} vanished while it was pardoned")
            note = AuditNote(
                row["guild_id"],
                moderator_id,
                "mod.pardon",
                row["user_id"],
                f"infraction {infraction_id}: {reason}",
            )
            await AuditRepository.insert(conn, note, now)
        return True

    # --- hidden messages --------------------------------------------------------------------------

    async def hidden(self, hidden_id: int) -> HiddenMessage | None:
        """One hidden message by id."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_hidden_messages WHERE id = ?", (hidden_id,)
        )
        return None if row is None else from_row(HiddenMessage, row)

    async def hidden_for_infraction(self, infraction_id: int) -> HiddenMessage | None:
        """The hidden message behind an automatic infraction, if any."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_hidden_messages WHERE infraction_id = ?", (infraction_id,)
        )
        return None if row is None else from_row(HiddenMessage, row)

    async def purge_hidden(self, hidden_id: int, now: datetime) -> bool:
        """Drop a hidden message's copy (retention); idempotent. True when it purged something."""
        changed = await self.db.execute_rowcount(
            "UPDATE guideline_hidden_messages SET content = NULL, purged_at = ?"
            " WHERE id = ? AND purged_at IS NULL",
            (to_db(now), hidden_id),
        )
        if changed or self.db.scrub_pending:
            await self.db.scrub()
        return changed == 1


class _AlreadyHidden(Exception):
    """Internal: roll back a duplicate hide."""

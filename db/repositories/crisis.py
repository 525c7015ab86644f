"""Crisis cases and their step-by-step record."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from db.database import Database, Row
from db.models import CaseEvent, CaseJoin, CrisisCase
from db.repositories.jobs import upsert_in
from db.rows import from_row, written
from db.timefmt import opt_from_db, to_db

# Case references people see: 8 characters without look-alikes (0/O, 1/I/L), about 8.5e11
# possibilities, so a reference cannot be guessed from another.
REF_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REF_LENGTH = 8


def new_ref() -> str:
    """A random case reference."""
    return "".join(secrets.choice(REF_ALPHABET) for _ in range(REF_LENGTH))


def normalise_ref(text: str) -> str:
    """What someone typed ("#k7qx-3mpd", "K7QX 3MPD") as the stored reference."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


# Tables of this module that can hold a person's id (for /privacy export and delete).
MEMBER_TABLES: tuple[str, ...] = ("crisis_cases", "crisis_case_events", "member_settings")
# Tables of this module that never hold one.
NO_MEMBER_TABLES: tuple[str, ...] = ()

# Free text a moderator wrote about the member when closing their case (erased with them).
_CLOSING_EVENTS = ("resolved", "false_alarm")


def _case(row: Row) -> CrisisCase:
    # ``ref`` is NULL for cases opened before references existed; they show their row id.
    return from_row(CrisisCase, row, ref=row["ref"] or "")


class CrisisRepository:
    """Reads and writes ``crisis_cases`` and ``crisis_case_events``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def open_case(self, **fields: Any) -> CrisisCase | None:
        """Write a new case, its first event and its delivery ``steps`` in one transaction.

        ``steps`` are (job kind, due time) pairs: the staff alert, the member's message, the
        acknowledgement deadline. They commit with the case or not at all, so a crash after
        this returns can never leave a saved case that nobody is told about: start-up runs
        whatever is still pending. None when this message already has a case.

        Takes ``open_or_join``'s keyword arguments, without ``join``.
        """
        opened = await self.open_or_join(**fields)
        return None if opened is None else opened[0]

    async def open_or_join(
        self,
        *,
        guild_id: int | None,
        user_id: int | None,
        channel_id: int | None,
        message_id: int | None,
        source: str,
        level: str,
        rules: tuple[str, ...],
        reason: str,
        excerpt: str | None,
        now: datetime,
        actor_id: int | None = None,
        steps: Sequence[tuple[str, datetime]] = (),
        also_abusive: str | None = None,
        automod_rule: str | None = None,
        join: CaseJoin | None = None,
        joined_detail: str = "",
    ) -> tuple[CrisisCase, bool] | None:
        """``open_case``, or the member's recent open case that ``join`` says takes this message.

        Returns (case, False) for a new case, (case, True) when an open case took the message
        (an event with ``joined_detail`` records it; no new steps), None when this message
        already has a case. One unit of work, so two arrivals of the same disclosure at once
        (an AutoMod execution per rule and action) still open one case.
        """
        async with self.db.transaction() as conn:
            if message_id is not None:
                cursor = await conn.execute(
                    "SELECT 1 FROM crisis_cases WHERE message_id = ?", (message_id,)
                )
                if await cursor.fetchone() is not None:
                    return None
            joined = await self._joinable(conn, guild_id, user_id, join)
            if joined is not None:
                await conn.execute(
                    "INSERT INTO crisis_case_events (case_id, at, kind, actor_id, detail)"
                    " VALUES (?, ?, 'joined', NULL, ?)",
                    (joined.id, to_db(now), joined_detail or f"{source}, level {level}"),
                )
                return joined, True
            case = await self._insert(
                conn,
                guild_id=guild_id,
                user_id=user_id,
                channel_id=channel_id,
                message_id=message_id,
                source=source,
                level=level,
                rules=rules,
                reason=reason,
                excerpt=excerpt,
                now=now,
                actor_id=actor_id,
                steps=steps,
                also_abusive=also_abusive,
                automod_rule=automod_rule,
            )
        return case, False

    @staticmethod
    async def _joinable(
        conn: Any, guild_id: int | None, user_id: int | None, join: CaseJoin | None
    ) -> CrisisCase | None:
        """The member's most recent open case that ``join`` lets take a new message."""
        if join is None or guild_id is None or user_id is None or not join.levels:
            return None
        levels = ",".join("?" for _ in join.levels)
        blocked = (
            " AND automod_rule IS NOT NULL AND message_id IS NULL" if join.blocked_only else ""
        )
        cursor = await conn.execute(
            "SELECT * FROM crisis_cases WHERE guild_id = ? AND user_id = ?"
            " AND status IN ('open', 'claimed') AND created_at >= ?"
            f" AND level IN ({levels}){blocked} ORDER BY created_at DESC LIMIT 1",
            (guild_id, user_id, to_db(join.since), *join.levels),
        )
        row = await cursor.fetchone()
        return None if row is None else _case(row)

    @staticmethod
    async def _insert(
        conn: Any,
        *,
        guild_id: int | None,
        user_id: int | None,
        channel_id: int | None,
        message_id: int | None,
        source: str,
        level: str,
        rules: tuple[str, ...],
        reason: str,
        excerpt: str | None,
        now: datetime,
        actor_id: int | None,
        steps: Sequence[tuple[str, datetime]],
        also_abusive: str | None,
        automod_rule: str | None,
    ) -> CrisisCase:
        """The case row, its 'opened' event and its steps (inside the caller's transaction).

        The row comes back from the insert itself (``RETURNING``): no second read.
        """
        cursor = await conn.execute(
            "INSERT INTO crisis_cases (guild_id, user_id, channel_id, message_id, source,"
            " level, rules, reason, excerpt, created_at, ref, also_abusive, automod_rule)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                guild_id,
                user_id,
                channel_id,
                message_id,
                source,
                level,
                ",".join(rules),
                reason,
                excerpt,
                to_db(now),
                new_ref(),
                also_abusive,
                automod_rule,
            ),
        )
        case = _case(written(await cursor.fetchone(), "a new crisis case"))
        case_id = case.id
        await conn.execute(
            "INSERT INTO crisis_case_events (case_id, at, kind, actor_id, detail)"
            " VALUES (?, ?, 'opened', ?, ?)",
            (case_id, to_db(now), actor_id, f"{source}, level {level}, rules {','.join(rules)}"),
        )
        for kind, due in steps:
            await upsert_in(conn, kind, case_id, due, now)
        return case

    async def by_ref(self, guild_id: int, ref: str) -> CrisisCase | None:
        """The server's case with this reference (as typed: case and dashes don't matter)."""
        row = await self.db.fetchone(
            "SELECT * FROM crisis_cases WHERE guild_id = ? AND ref = ?",
            (guild_id, normalise_ref(ref)),
        )
        return None if row is None else _case(row)

    async def mark_staff_reached(
        self, case_id: int, how: str, now: datetime, detail: str | None = None
    ) -> None:
        """Record that a person on the staff side was told, and how (the first way counts)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE crisis_cases SET staff_reached = coalesce(staff_reached, ?),"
                " alerted_at = coalesce(alerted_at, ?) WHERE id = ?",
                (how, to_db(now), case_id),
            )
            await conn.execute(
                "INSERT INTO crisis_case_events (case_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                (case_id, to_db(now), f"staff_{how}", detail),
            )

    async def get(self, case_id: int) -> CrisisCase | None:
        """One case by id."""
        row = await self.db.fetchone("SELECT * FROM crisis_cases WHERE id = ?", (case_id,))
        return None if row is None else _case(row)

    async def for_message(self, message_id: int) -> CrisisCase | None:
        """The case opened for a message, if any."""
        row = await self.db.fetchone(
            "SELECT * FROM crisis_cases WHERE message_id = ?", (message_id,)
        )
        return None if row is None else _case(row)

    async def add_event(
        self,
        case_id: int,
        kind: str,
        now: datetime,
        *,
        actor_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        """Append a step to the case record."""
        await self.db.execute(
            "INSERT INTO crisis_case_events (case_id, at, kind, actor_id, detail)"
            " VALUES (?, ?, ?, ?, ?)",
            (case_id, to_db(now), kind, actor_id, detail),
        )

    async def events(self, case_id: int) -> list[CaseEvent]:
        """The case record, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM crisis_case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [from_row(CaseEvent, r) for r in rows]

    async def last_member_message_at(self, user_id: int) -> datetime | None:
        """When this member was last sent crisis resources privately (for the hourly limit)."""
        value = await self.db.fetchval(
            "SELECT max(member_notified_at) FROM crisis_cases"
            " WHERE user_id = ? AND member_notified IN ('dm', 'thread')",
            (user_id,),
        )
        return opt_from_db(value)

    async def mark_member_notified(
        self, case_id: int, how: str, now: datetime, detail: str | None = None
    ) -> CrisisCase | None:
        """Record how the member was (or was not) reached, with the step in the record.

        Returns the case as this write left it (None if it is gone): whether the alert was
        already posted is read in the same unit of work, so of the alert and the member step
        the one that finishes second always sees the other's result.
        """
        async with self.db.transaction() as conn:
            reached = how in ("dm", "thread")
            cursor = await conn.execute(
                "UPDATE crisis_cases SET member_notified = ?, member_notified_at = ? WHERE id = ?"
                " RETURNING *",
                (how, to_db(now) if reached else None, case_id),
            )
            row = await cursor.fetchone()
            await conn.execute(
                "INSERT INTO crisis_case_events (case_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                (case_id, to_db(now), f"member_{how}", detail),
            )
        return None if row is None else _case(row)

    async def mark_alerted(
        self, case_id: int, channel_id: int, message_id: int, now: datetime, detail: str
    ) -> CrisisCase | None:
        """Record the staff alert's location, so buttons and escalations can find it.

        Returns the case as this write left it (None if it is gone), as
        ``mark_member_notified`` does, so a member step that finished first is seen.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE crisis_cases SET alert_channel_id = ?, alert_message_id = ?,"
                " alerted_at = coalesce(alerted_at, ?),"
                " staff_reached = coalesce(staff_reached, 'channel') WHERE id = ? RETURNING *",
                (channel_id, message_id, to_db(now), case_id),
            )
            row = await cursor.fetchone()
            await conn.execute(
                "INSERT INTO crisis_case_events (case_id, at, kind, detail)"
                " VALUES (?, ?, 'staff_alerted', ?)",
                (case_id, to_db(now), detail),
            )
        return None if row is None else _case(row)

    async def record_escalation(self, case_id: int, now: datetime, detail: str) -> None:
        """Count an escalation for an unclaimed case."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE crisis_cases SET escalations = escalations + 1 WHERE id = ?", (case_id,)
            )
            await conn.execute(
                "INSERT INTO crisis_case_events (case_id, at, kind, detail)"
                " VALUES (?, ?, 'escalated', ?)",
                (case_id, to_db(now), detail),
            )

    async def claim(self, case_id: int, moderator_id: int, now: datetime) -> bool:
        """Claim an open case; False when it was already claimed or closed."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE crisis_cases SET status = 'claimed', claimed_by = ?, claimed_at = ?"
                " WHERE id = ? AND status = 'open'",
                (moderator_id, to_db(now), case_id),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "INSERT INTO crisis_case_events (case_id, at, kind, actor_id)"
                " VALUES (?, ?, 'claimed', ?)",
                (case_id, to_db(now), moderator_id),
            )
        return True

    async def close(
        self, case_id: int, status: str, moderator_id: int, reason: str, now: datetime
    ) -> bool:
        """Resolve or mark a false alarm; the closer claims it too if nobody had."""
        if status not in ("resolved", "false_alarm"):
            raise ValueError(status)
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE crisis_cases SET status = ?, closed_by = ?, closed_at = ?,"
                " close_reason = ?, claimed_by = coalesce(claimed_by, ?),"
                " claimed_at = coalesce(claimed_at, ?)"
                " WHERE id = ? AND status IN ('open', 'claimed')",
                (status, moderator_id, to_db(now), reason, moderator_id, to_db(now), case_id),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "INSERT INTO crisis_case_events (case_id, at, kind, actor_id, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                (case_id, to_db(now), status, moderator_id, reason),
            )
        return True

    async def purge_excerpts(self, older_than: datetime) -> int:
        """Erase the message excerpts of cases opened before ``older_than``; return how many."""
        purged = await self.db.execute_rowcount(
            "UPDATE crisis_cases SET excerpt = NULL WHERE excerpt IS NOT NULL AND created_at < ?",
            (to_db(older_than),),
        )
        await self.db.scrub()  # every day, so it also retries a scrub that could not finish
        return purged

    async def in_period(self, guild_id: int, since: datetime) -> list[CrisisCase]:
        """The server's cases opened since ``since``."""
        rows = await self.db.fetchall(
            "SELECT * FROM crisis_cases WHERE guild_id = ? AND created_at >= ? ORDER BY id",
            (guild_id, to_db(since)),
        )
        return [_case(r) for r in rows]

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The member's own cases and every step taken on them (for /privacy export).

        Cases a moderator claimed or closed are about other members, so they are not in the
        moderator's own export.
        """
        cases = await self.db.fetchall(
            "SELECT * FROM crisis_cases WHERE user_id = ? ORDER BY id", (user_id,)
        )
        events = await self.db.fetchall(
            "SELECT * FROM crisis_case_events WHERE case_id IN"
            " (SELECT id FROM crisis_cases WHERE user_id = ?) ORDER BY id",
            (user_id,),
        )
        return {
            "crisis_cases": [dict(r) for r in cases],
            "crisis_case_events": [dict(r) for r in events],
        }

    async def erase_member(self, user_id: int) -> int:
        """De-identify the member's cases; drop their id from staff actions. Rows changed.

        Cases stay for the safety report (level, rules, the detector's reason, status, times,
        escalations, how the member was reached). Gone: the member's id, the excerpt, where the
        message was (channel and message ids identify its author), and the moderator's closing
        note, which is about the member. Moderators' ids on the case stay as staff actions,
        unless the person erased is that moderator: then their id goes from every case too.
        """
        changed = 0
        async with self.db.transaction() as conn:
            marks = ", ".join("?" for _ in _CLOSING_EVENTS)
            cursor = await conn.execute(
                "UPDATE crisis_case_events SET"
                " actor_id = CASE WHEN actor_id = ? THEN NULL ELSE actor_id END,"
                f" detail = CASE WHEN kind IN ({marks}) AND case_id IN"
                "   (SELECT id FROM crisis_cases WHERE user_id = ?) THEN NULL ELSE detail END"
                " WHERE actor_id = ? OR (detail IS NOT NULL AND kind IN"
                f" ({marks}) AND case_id IN (SELECT id FROM crisis_cases WHERE user_id = ?))",
                (user_id, *_CLOSING_EVENTS, user_id, user_id, *_CLOSING_EVENTS, user_id),
            )
            changed += max(cursor.rowcount, 0)
            cursor = await conn.execute(
                "UPDATE crisis_cases SET"
                " user_id = CASE WHEN user_id = ? THEN NULL ELSE user_id END,"
                " channel_id = CASE WHEN user_id = ? THEN NULL ELSE channel_id END,"
                " message_id = CASE WHEN user_id = ? THEN NULL ELSE message_id END,"
                " excerpt = CASE WHEN user_id = ? THEN NULL ELSE excerpt END,"
                " close_reason = CASE WHEN user_id = ? THEN NULL ELSE close_reason END,"
                " claimed_by = CASE WHEN claimed_by = ? THEN NULL ELSE claimed_by END,"
                " closed_by = CASE WHEN closed_by = ? THEN NULL ELSE closed_by END"
                " WHERE user_id = ? OR claimed_by = ? OR closed_by = ?",
                (user_id,) * 10,
            )
            changed += max(cursor.rowcount, 0)
        return changed

    async def member_guilds(self, user_id: int) -> list[int]:
        """The set-up servers a DM from this member may come from, likeliest first.

        First the servers the member's own rows name (cohort enrolments, check-ins, wellbeing,
        past cases), most recent first; then every other set-up server, by id. For a DM when
        this process does not hold every server: the crisis lane asks Discord about each in
        turn (``CrisisService.home_guild``).
        """
        rows = await self.db.fetchall(
            "SELECT t.guild_id FROM ("
            " SELECT c.guild_id AS guild_id, e.updated_at AS seen_at FROM cohort_enrolments e"
            " JOIN cohorts c ON c.id = e.cohort_id WHERE e.user_id = ?"
            " UNION ALL SELECT c.guild_id, m.updated_at FROM checkin_members m"
            " JOIN cohorts c ON c.id = m.cohort_id WHERE m.user_id = ?"
            " UNION ALL SELECT guild_id, updated_at FROM wellbeing_optins WHERE user_id = ?"
            " UNION ALL SELECT guild_id, created_at FROM crisis_cases"
            " WHERE user_id = ? AND guild_id IS NOT NULL"
            ") t JOIN guild_settings s ON s.guild_id = t.guild_id"
            " GROUP BY t.guild_id ORDER BY max(t.seen_at) DESC, t.guild_id",
            (user_id, user_id, user_id, user_id),
        )
        named = [int(r[0]) for r in rows]
        others = await self.db.fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")
        return named + [int(r[0]) for r in others if int(r[0]) not in named]


class MemberSettingsRepository:
    """A member's own choices (their helpline country)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def country(self, user_id: int) -> str | None:
        """The member's own helpline country, if they chose one."""
        return await self.db.fetchval(
            "SELECT country FROM member_settings WHERE user_id = ?", (user_id,)
        )

    async def set_country(self, user_id: int, country: str, now: datetime) -> None:
        """Remember the member's helpline country."""
        await self.db.execute(
            "INSERT INTO member_settings (user_id, country, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET country = excluded.country,"
            " updated_at = excluded.updated_at",
            (user_id, country, to_db(now)),
        )

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """The member's own choices (for /privacy export)."""
        rows = await self.db.fetchall("SELECT * FROM member_settings WHERE user_id = ?", (user_id,))
        return {"member_settings": [dict(r) for r in rows]}

    async def erase_member(self, user_id: int) -> int:
        """Forget the member's choices; the rows deleted."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM member_settings WHERE user_id = ?", (user_id,))
            return max(cursor.rowcount, 0)

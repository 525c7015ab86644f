"""Peer check-ins: members' choices, confidential avoid lists, weekly rounds, pairs and answers.

The models of this lane live in ``db/models/checkins.py`` (importable from here too).
A round and all its pairs are written in one unit of work *before* any thread is created, so a
re-run after a crash finds them and creates only what is missing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from db.database import Database
from db.models import AuditNote
from db.models.checkins import (
    CheckinMember,
    GroupCompletion,
    NewPair,
    NewUnplaced,
    Pair,
    PairMember,
    Round,
    UnplacedRow,
)
from db.repositories._sql import insert_returning_id
from db.repositories.audit import AuditRepository
from db.rows import from_row, written
from db.timefmt import to_db

# Every table of this lane that can hold a member's id (for /privacy export and delete).
MEMBER_TABLES: tuple[str, ...] = (
    "checkin_members",
    "checkin_avoid",
    "checkin_pair_members",
    "checkin_unplaced",
    "checkin_pauses",
)
# Tables of this lane without member data.
NO_MEMBER_TABLES: tuple[str, ...] = ("checkin_schedules", "checkin_rounds", "checkin_pairs")

ACTIVE = "active"
OPTED_OUT = "opted_out"
PAUSED = "paused"


def _plain(row: sqlite3.Row) -> dict[str, object]:
    return dict(row)


class CheckinRepository:
    """Reads and writes the check-in tables."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- schedule ------------------------------------------------------------------------------

    async def schedule_of(self, cohort_id: int) -> tuple[int, dt.time] | None:
        """A cohort's own check-in weekday and local time, if it has one."""
        row = await self.db.fetchone(
            "SELECT weekday, local_time FROM checkin_schedules WHERE cohort_id = ?", (cohort_id,)
        )
        if row is None:
            return None
        return row["weekday"], dt.time.fromisoformat(row["local_time"])

    async def set_schedule(
        self, cohort_id: int, weekday: int, local_time: dt.time, now: dt.datetime
    ) -> None:
        """Set a cohort's check-in weekday and local time."""
        await self.db.execute(
            "INSERT INTO checkin_schedules (cohort_id, weekday, local_time, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (cohort_id) DO UPDATE SET"
            " weekday = excluded.weekday, local_time = excluded.local_time,"
            " updated_at = excluded.updated_at",
            (cohort_id, weekday, local_time.strftime("%H:%M"), to_db(now)),
        )

    # --- members' choices ----------------------------------------------------------------------

    async def member(self, cohort_id: int, user_id: int) -> CheckinMember | None:
        """A member's stored choices in a cohort (None: the intake answer decides)."""
        row = await self.db.fetchone(
            "SELECT * FROM checkin_members WHERE cohort_id = ? AND user_id = ?",
            (cohort_id, user_id),
        )
        return None if row is None else from_row(CheckinMember, row)

    async def members(self, cohort_id: int) -> dict[int, CheckinMember]:
        """Every stored choice in a cohort, by user id."""
        rows = await self.db.fetchall(
            "SELECT * FROM checkin_members WHERE cohort_id = ? ORDER BY user_id", (cohort_id,)
        )
        return {r["user_id"]: from_row(CheckinMember, r) for r in rows}

    async def save_member(
        self,
        cohort_id: int,
        user_id: int,
        now: dt.datetime,
        *,
        status: str | None = None,
        place: str | None = None,
        snoozed_until: int | None = None,
        counted_from: int | None = None,
        default_status: str = ACTIVE,
    ) -> CheckinMember:
        """Create or change a member's choices; options left as None stay as they are."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO checkin_members (cohort_id, user_id, status, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (cohort_id, user_id) DO NOTHING",
                (cohort_id, user_id, default_status, to_db(now)),
            )
            await conn.execute(
                "UPDATE checkin_members SET status = coalesce(?, status),"
                " place = coalesce(?, place), snoozed_until = coalesce(?, snoozed_until),"
                " counted_from = coalesce(?, counted_from), updated_at = ?"
                " WHERE cohort_id = ? AND user_id = ?",
                (
                    status,
                    place,
                    snoozed_until,
                    counted_from,
                    to_db(now),
                    cohort_id,
                    user_id,
                ),
            )
        return written(
            await self.member(cohort_id, user_id), f"check-in member {cohort_id}/{user_id}"
        )

    async def pause(self, cohort_id: int, user_id: int, week: int, now: dt.datetime) -> bool:
        """Pause an active member after missed check-ins; False when already paused or out."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO checkin_members (cohort_id, user_id, status, updated_at)"
                " VALUES (?, ?, 'active', ?) ON CONFLICT (cohort_id, user_id) DO NOTHING",
                (cohort_id, user_id, to_db(now)),
            )
            cursor = await conn.execute(
                "UPDATE checkin_members SET status = 'paused', updated_at = ?"
                " WHERE cohort_id = ? AND user_id = ? AND status = 'active'",
                (to_db(now), cohort_id, user_id),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "INSERT INTO checkin_pauses (cohort_id, user_id, week) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (cohort_id, user_id, week),
            )
        return True

    async def pauses_to_tell(self, cohort_id: int) -> list[tuple[int, int]]:
        """(user id, week) of pauses whose kind note has not gone out yet."""
        rows = await self.db.fetchall(
            "SELECT user_id, week FROM checkin_pauses WHERE cohort_id = ? AND told_at IS NULL"
            " ORDER BY user_id, week",
            (cohort_id,),
        )
        return [(r["user_id"], r["week"]) for r in rows]

    async def mark_pause_told(
        self, cohort_id: int, user_id: int, week: int, now: dt.datetime
    ) -> None:
        """The kind note about a pause went out."""
        await self.db.execute(
            "UPDATE checkin_pauses SET told_at = ? WHERE cohort_id = ? AND user_id = ? AND week = ?",
            (to_db(now), cohort_id, user_id, week),
        )

    # --- avoid lists (confidential) ------------------------------------------------------------

    async def add_avoid(self, guild_id: int, user_id: int, avoid_id: int, now: dt.datetime) -> bool:
        """Add someone to a member's list; False when already there."""
        changed = await self.db.execute_rowcount(
            "INSERT INTO checkin_avoid (guild_id, user_id, avoid_id, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (guild_id, user_id, avoid_id, to_db(now)),
        )
        return changed == 1

    async def remove_avoid(self, guild_id: int, user_id: int, avoid_id: int) -> bool:
        """Take someone off a member's list; False when they were not on it."""
        changed = await self.db.execute_rowcount(
            "DELETE FROM checkin_avoid WHERE guild_id = ? AND user_id = ? AND avoid_id = ?",
            (guild_id, user_id, avoid_id),
        )
        return changed == 1

    async def avoided_by(self, guild_id: int, user_id: int) -> list[int]:
        """Who a member asked not to be paired with (shown only to that member)."""
        rows = await self.db.fetchall(
            "SELECT avoid_id FROM checkin_avoid WHERE guild_id = ? AND user_id = ?"
            " ORDER BY created_at",
            (guild_id, user_id),
        )
        return [r["avoid_id"] for r in rows]

    async def avoid_lists(self, guild_id: int, user_ids: Sequence[int]) -> dict[int, set[int]]:
        """Every list of ``user_ids`` in a server, as the pairing rules take them."""
        result: dict[int, set[int]] = {}
        if not user_ids:
            return result
        marks = ", ".join("?" for _ in user_ids)
        rows = await self.db.fetchall(
            f"SELECT user_id, avoid_id FROM checkin_avoid WHERE guild_id = ?"
            f" AND user_id IN ({marks})",
            (guild_id, *user_ids),
        )
        for r in rows:
            result.setdefault(r["user_id"], set()).add(r["avoid_id"])
        return result

    # --- rounds --------------------------------------------------------------------------------

    async def round(self, round_id: int) -> Round | None:
        """One round by id."""
        row = await self.db.fetchone("SELECT * FROM checkin_rounds WHERE id = ?", (round_id,))
        return None if row is None else from_row(Round, row)

    async def round_of(self, cohort_id: int, week: int) -> Round | None:
        """A cohort's round of one week."""
        row = await self.db.fetchone(
            "SELECT * FROM checkin_rounds WHERE cohort_id = ? AND week = ?", (cohort_id, week)
        )
        return None if row is None else from_row(Round, row)

    async def rounds(self, cohort_id: int) -> list[Round]:
        """A cohort's rounds, week 1 first."""
        rows = await self.db.fetchall(
            "SELECT * FROM checkin_rounds WHERE cohort_id = ? ORDER BY week", (cohort_id,)
        )
        return [from_row(Round, r) for r in rows]

    async def latest_round(self, cohort_id: int) -> Round | None:
        """A cohort's most recent round."""
        row = await self.db.fetchone(
            "SELECT * FROM checkin_rounds WHERE cohort_id = ? ORDER BY week DESC LIMIT 1",
            (cohort_id,),
        )
        return None if row is None else from_row(Round, row)

    async def create_round(
        self,
        *,
        cohort_id: int,
        week: int,
        starts_at: dt.datetime,
        remind_at: dt.datetime,
        ask_at: dt.datetime,
        ends_at: dt.datetime,
        pairs: Sequence[NewPair],
        unplaced: Sequence[NewUnplaced],
        now: dt.datetime,
    ) -> tuple[Round, bool]:
        """Store a round with its pairs in one unit of work; (the round, whether it is new).

        When the week's round already exists nothing is written, so a re-run changes nothing.
        """
        async with self.db.transaction() as conn:
            round_id = await insert_returning_id(
                conn,
                "INSERT INTO checkin_rounds (cohort_id, week, starts_at, remind_at,"
                " ask_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING id",
                (
                    cohort_id,
                    week,
                    to_db(starts_at),
                    to_db(remind_at),
                    to_db(ask_at),
                    to_db(ends_at),
                    to_db(now),
                ),
            )
            created = round_id is not None
            if round_id is not None:
                for pair in pairs:
                    pair_id = await insert_returning_id(
                        conn,
                        "INSERT INTO checkin_pairs (round_id, group_id, place, prompt)"
                        " VALUES (?, ?, ?, ?) RETURNING id",
                        (round_id, pair.group_id, pair.place, pair.prompt),
                    )
                    for user_id in pair.members:
                        await conn.execute(
                            "INSERT INTO checkin_pair_members (pair_id, user_id) VALUES (?, ?)",
                            (pair_id, user_id),
                        )
                for u in unplaced:
                    await conn.execute(
                        "INSERT INTO checkin_unplaced (round_id, group_id, user_id, reason)"
                        " VALUES (?, ?, ?, ?)",
                        (round_id, u.group_id, u.user_id, u.reason),
                    )
        found = written(await self.round_of(cohort_id, week), f"check-in round {cohort_id}/{week}")
        return found, created

    async def close_round(self, round_id: int) -> bool:
        """Close a round: unanswered members who posted count as met, the rest as no answer."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE checkin_rounds SET status = 'closed' WHERE id = ? AND status = 'open'",
                (round_id,),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "UPDATE checkin_pair_members SET outcome = CASE WHEN posted_at IS NOT NULL"
                " THEN 'met' ELSE 'no_answer' END"
                " WHERE outcome IS NULL AND pair_id IN"
                " (SELECT id FROM checkin_pairs WHERE round_id = ?)",
                (round_id,),
            )
        return True

    # --- pairs ---------------------------------------------------------------------------------

    async def _pairs_where(self, where: str, params: tuple[object, ...]) -> list[Pair]:
        rows = await self.db.fetchall(
            f"SELECT * FROM checkin_pairs WHERE {where} ORDER BY group_id, id", params
        )
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" for _ in ids)
        member_rows = await self.db.fetchall(
            f"SELECT * FROM checkin_pair_members WHERE pair_id IN ({marks}) ORDER BY user_id",
            tuple(ids),
        )
        by_pair: dict[int, list[PairMember]] = {}
        for m in member_rows:
            by_pair.setdefault(m["pair_id"], []).append(
                PairMember(m["user_id"], m["outcome"], m["posted_at"] is not None)
            )
        return [
            Pair(
                id=r["id"],
                round_id=r["round_id"],
                group_id=r["group_id"],
                place=r["place"],
                prompt=r["prompt"],
                thread_id=r["thread_id"],
                announced=bool(r["announced"]),
                reminded=r["reminded_at"] is not None,
                asked=r["asked_at"] is not None,
                members=tuple(by_pair.get(r["id"], [])),
            )
            for r in rows
        ]

    async def pairs(self, round_id: int) -> list[Pair]:
        """A round's pairs, by group."""
        return await self._pairs_where("round_id = ?", (round_id,))

    async def pair(self, pair_id: int) -> Pair | None:
        """One pair by id."""
        found = await self._pairs_where("id = ?", (pair_id,))
        return found[0] if found else None

    async def pair_by_thread(self, thread_id: int) -> Pair | None:
        """The pair meeting in a thread."""
        found = await self._pairs_where("thread_id = ?", (thread_id,))
        return found[-1] if found else None

    async def set_thread(self, pair_id: int, thread_id: int) -> None:
        """Remember a pair's thread the moment it exists (so a re-run makes no second one)."""
        await self.db.execute(
            "UPDATE checkin_pairs SET thread_id = ? WHERE id = ?", (thread_id, pair_id)
        )

    async def set_place(self, pair_id: int, place: str) -> None:
        """Move a pair between DMs and a thread (for example when a member's DMs are closed)."""
        await self.db.execute("UPDATE checkin_pairs SET place = ? WHERE id = ?", (place, pair_id))

    async def mark_announced(self, pair_id: int) -> None:
        """The members were added and the prompt went out."""
        await self.db.execute("UPDATE checkin_pairs SET announced = 1 WHERE id = ?", (pair_id,))

    async def mark_reminded(self, pair_id: int, now: dt.datetime) -> bool:
        """Record the mid-week reminder; False when it was already recorded."""
        changed = await self.db.execute_rowcount(
            "UPDATE checkin_pairs SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL",
            (to_db(now), pair_id),
        )
        return changed == 1

    async def mark_asked(self, pair_id: int, now: dt.datetime) -> bool:
        """Record that "did you meet?" went out; False when it already had."""
        changed = await self.db.execute_rowcount(
            "UPDATE checkin_pairs SET asked_at = ? WHERE id = ? AND asked_at IS NULL",
            (to_db(now), pair_id),
        )
        return changed == 1

    async def mark_posted(self, pair_id: int, user_id: int, now: dt.datetime) -> bool:
        """A member posted in their pair's thread; False when already noted (or not a member)."""
        changed = await self.db.execute_rowcount(
            "UPDATE checkin_pair_members SET posted_at = ?"
            " WHERE pair_id = ? AND user_id = ? AND posted_at IS NULL",
            (to_db(now), pair_id, user_id),
        )
        return changed == 1

    async def answer(self, pair_id: int, user_id: int, outcome: str, now: dt.datetime) -> bool:
        """Record a member's "did you meet?"; False when they are not in this pair."""
        changed = await self.db.execute_rowcount(
            "UPDATE checkin_pair_members SET outcome = ?, answered_at = ?"
            " WHERE pair_id = ? AND user_id = ?",
            (outcome, to_db(now), pair_id, user_id),
        )
        return changed == 1

    async def swap(
        self,
        pair_a: int,
        user_a: int,
        pair_b: int,
        user_b: int,
        *,
        audit: AuditNote,
        now: dt.datetime,
    ) -> None:
        """Swap two members between pairs of a round (a moderator's override), audited."""
        async with self.db.transaction() as conn:
            await AuditRepository.insert(conn, audit, now)
            for pair_id, old, new in ((pair_a, user_a, user_b), (pair_b, user_b, user_a)):
                await conn.execute(
                    "UPDATE checkin_pair_members SET user_id = ?, outcome = NULL,"
                    " answered_at = NULL, posted_at = NULL WHERE pair_id = ? AND user_id = ?",
                    (new, pair_id, old),
                )

    # --- unplaced ------------------------------------------------------------------------------

    async def unplaced(self, round_id: int) -> list[UnplacedRow]:
        """A round's members without a partner."""
        rows = await self.db.fetchall(
            "SELECT * FROM checkin_unplaced WHERE round_id = ? ORDER BY group_id, user_id",
            (round_id,),
        )
        return [
            UnplacedRow(r["round_id"], r["group_id"], r["user_id"], r["reason"], bool(r["told_at"]))
            for r in rows
        ]

    async def mark_unplaced_told(self, round_id: int, user_id: int, now: dt.datetime) -> None:
        """The member without a partner was told."""
        await self.db.execute(
            "UPDATE checkin_unplaced SET told_at = ? WHERE round_id = ? AND user_id = ?",
            (to_db(now), round_id, user_id),
        )

    # --- history and rates ---------------------------------------------------------------------

    async def history(
        self, cohort_id: int, group_id: int, before_week: int
    ) -> list[list[list[int]]]:
        """A group's past weeks (oldest first), each a list of its pairs' member ids."""
        rows = await self.db.fetchall(
            "SELECT r.week, p.id AS pair_id, m.user_id FROM checkin_rounds r"
            " JOIN checkin_pairs p ON p.round_id = r.id"
            " JOIN checkin_pair_members m ON m.pair_id = p.id"
            " WHERE r.cohort_id = ? AND p.group_id = ? AND r.week < ?"
            " ORDER BY r.week, p.id, m.user_id",
            (cohort_id, group_id, before_week),
        )
        weeks: dict[int, dict[int, list[int]]] = {}
        for r in rows:
            weeks.setdefault(r["week"], {}).setdefault(r["pair_id"], []).append(r["user_id"])
        return [list(weeks[w].values()) for w in sorted(weeks)]

    async def outcomes(self, cohort_id: int, user_id: int, from_week: int) -> list[str]:
        """A member's answers in the cohort's closed rounds from ``from_week`` on, oldest first."""
        rows = await self.db.fetchall(
            "SELECT m.outcome FROM checkin_pair_members m"
            " JOIN checkin_pairs p ON p.id = m.pair_id"
            " JOIN checkin_rounds r ON r.id = p.round_id"
            " WHERE r.cohort_id = ? AND m.user_id = ? AND r.week >= ? AND r.status = 'closed'"
            " AND m.outcome IS NOT NULL ORDER BY r.week",
            (cohort_id, user_id, from_week),
        )
        return [r["outcome"] for r in rows]

    async def completion(self, cohort_id: int) -> list[GroupCompletion]:
        """Per group: how many pairs of the closed rounds met (anyone said yes or posted)."""
        rows = await self.db.fetchall(
            "SELECT p.group_id, count(*) AS pairs,"
            # CASE, as PostgreSQL has no sum() of a boolean (SQLite's EXISTS is 0 or 1).
            " sum(CASE WHEN EXISTS (SELECT 1 FROM checkin_pair_members m WHERE m.pair_id = p.id"
            "   AND m.outcome = 'met') THEN 1 ELSE 0 END) AS met"
            " FROM checkin_pairs p JOIN checkin_rounds r ON r.id = p.round_id"
            " WHERE r.cohort_id = ? AND r.status = 'closed' GROUP BY p.group_id ORDER BY p.group_id",
            (cohort_id,),
        )
        return [GroupCompletion(r["group_id"], r["pairs"], int(r["met"] or 0)) for r in rows]

    # --- privacy -------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Every row about a member, by table (plain values, for /privacy export).

        Another member's avoid list is not included even if it names this member: it belongs
        to the other member and is confidential.
        """
        queries = {
            "checkin_members": "SELECT * FROM checkin_members WHERE user_id = ?",
            "checkin_avoid": "SELECT * FROM checkin_avoid WHERE user_id = ?",
            "checkin_pair_members": "SELECT m.*, p.round_id, p.group_id, r.cohort_id, r.week"
            " FROM checkin_pair_members m JOIN checkin_pairs p ON p.id = m.pair_id"
            " JOIN checkin_rounds r ON r.id = p.round_id WHERE m.user_id = ?",
            "checkin_unplaced": "SELECT * FROM checkin_unplaced WHERE user_id = ?",
            "checkin_pauses": "SELECT * FROM checkin_pauses WHERE user_id = ?",
        }
        result: dict[str, list[dict[str, object]]] = {}
        for table, sql in queries.items():
            result[table] = [_plain(r) for r in await self.db.fetchall(sql, (user_id,))]
        return result

    async def erase_member(self, user_id: int) -> int:
        """Delete every row mentioning a member (avoid lists both ways, history); the row count.

        Pairs keep their other members, so the partner's own history stays intact.
        """
        total = 0
        async with self.db.transaction() as conn:
            for sql in (
                "DELETE FROM checkin_members WHERE user_id = ?",
                "DELETE FROM checkin_avoid WHERE user_id = ? OR avoid_id = ?",
                "DELETE FROM checkin_pair_members WHERE user_id = ?",
                "DELETE FROM checkin_unplaced WHERE user_id = ?",
                "DELETE FROM checkin_pauses WHERE user_id = ?",
            ):
                params = (user_id,) * sql.count("?")
                cursor = await conn.execute(sql, params)
                total += max(cursor.rowcount, 0)
        return total

"""Wellbeing check-ins: members' opt-ins, the weekly requests sent, and scored answers.

Answers are health information: only the member sees their own rows (``/wellbeing me``,
``/privacy export``); coordinators see aggregates of groups of at least five answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from db.database import Database
from db.models.wellbeing import Answer, NewAnswer, OptIn, Request
from db.rows import from_row, written
from db.timefmt import to_db

# Every table of this lane that can hold a member's id (for /privacy export and delete).
# Partial answers first: they point at requests.
MEMBER_TABLES: tuple[str, ...] = (
    "wellbeing_partial_answers",
    "wellbeing_optins",
    "wellbeing_requests",
    "wellbeing_answers",
)
# The order an export lists each table's rows in: its primary key (``rowid`` is SQLite's alone).
_EXPORT_ORDER: dict[str, str] = {
    "wellbeing_partial_answers": "request_id, input_id",
    "wellbeing_optins": "guild_id, user_id",
    "wellbeing_requests": "id",
    "wellbeing_answers": "id",
}
# Tables of this lane without member data.
NO_MEMBER_TABLES: tuple[str, ...] = ("wellbeing_cohort_settings",)

NO_COHORT = 0


def _csv(values: Iterable[object]) -> str:
    return ",".join(str(v) for v in values)


class WellbeingRepository:
    """Reads and writes the wellbeing tables."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- opt-in -------------------------------------------------------------------------------

    async def set_optin(
        self, guild_id: int, user_id: int, opted_in: bool, now: dt.datetime
    ) -> OptIn:
        """Opt a member in or out (keeping the first opt-in time, which starts their weeks)."""
        status = "in" if opted_in else "out"
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO wellbeing_optins (guild_id, user_id, status, opted_in_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, user_id) DO UPDATE SET status = excluded.status,"
                " updated_at = excluded.updated_at",
                (guild_id, user_id, status, to_db(now), to_db(now)),
            )
        return written(
            await self.optin(guild_id, user_id), f"wellbeing opt-in {guild_id}/{user_id}"
        )

    async def set_share(self, guild_id: int, user_id: int, share: bool, now: dt.datetime) -> bool:
        """Record consent to share answers with the member's moderator; False if not opted in."""
        changed = await self.db.execute_rowcount(
            "UPDATE wellbeing_optins SET share_with_moderator = ?, updated_at = ?"
            " WHERE guild_id = ? AND user_id = ?",
            (int(share), to_db(now), guild_id, user_id),
        )
        return changed > 0

    async def optin(self, guild_id: int, user_id: int) -> OptIn | None:
        """A member's choice in a server, if they ever made one."""
        row = await self.db.fetchone(
            "SELECT * FROM wellbeing_optins WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return None if row is None else from_row(OptIn, row)

    async def opted_in(self) -> list[OptIn]:
        """Everyone currently opted in, in every server."""
        rows = await self.db.fetchall(
            "SELECT * FROM wellbeing_optins WHERE status = 'in' ORDER BY guild_id, user_id"
        )
        return [from_row(OptIn, r) for r in rows]

    # --- requests -----------------------------------------------------------------------------

    async def create_request(
        self,
        *,
        guild_id: int,
        user_id: int,
        cohort_id: int,
        week: int,
        forms: Sequence[str],
        enabled: Iterable[str],
        now: dt.datetime,
    ) -> Request:
        """The member's request for that week: created once, then the same row every time."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO wellbeing_requests (guild_id, user_id, cohort_id, week, forms,"
                " enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, user_id, cohort_id, week) DO NOTHING",
                (guild_id, user_id, cohort_id, week, _csv(forms), _csv(sorted(enabled)),
                 to_db(now)),
            )  # fmt: skip
        row = await self.db.fetchone(
            "SELECT * FROM wellbeing_requests WHERE guild_id = ? AND user_id = ?"
            " AND cohort_id = ? AND week = ?",
            (guild_id, user_id, cohort_id, week),
        )
        return from_row(
            Request, written(row, f"wellbeing request {guild_id}/{user_id}/{cohort_id}/{week}")
        )

    async def mark_sent(self, request_id: int, now: dt.datetime) -> None:
        """Note that the request's DM went out."""
        await self.db.execute(
            "UPDATE wellbeing_requests SET sent_at = ? WHERE id = ?", (to_db(now), request_id)
        )

    async def request(self, request_id: int) -> Request | None:
        """One request by id."""
        row = await self.db.fetchone("SELECT * FROM wellbeing_requests WHERE id = ?", (request_id,))
        return None if row is None else from_row(Request, row)

    # --- answers kept while a form is answered ------------------------------------------------

    async def keep_answer(
        self, request: Request, input_id: str, value: int, now: dt.datetime
    ) -> None:
        """Keep one tapped (or typed) answer until the form is submitted; a new tap replaces it."""
        await self.db.execute(
            "INSERT INTO wellbeing_partial_answers (request_id, user_id, input_id, value,"
            " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_id, input_id) DO UPDATE"
            " SET value = excluded.value, updated_at = excluded.updated_at",
            (request.id, request.user_id, input_id, value, to_db(now)),
        )

    async def kept_answers(self, request_id: int) -> dict[str, int]:
        """The answers kept for a request: input id -> value."""
        rows = await self.db.fetchall(
            "SELECT input_id, value FROM wellbeing_partial_answers WHERE request_id = ?",
            (request_id,),
        )
        return {r["input_id"]: int(r["value"]) for r in rows}

    async def forget_kept(self, request_id: int, input_ids: Iterable[str]) -> None:
        """Drop kept answers once their form is saved."""
        async with self.db.transaction() as conn:
            for input_id in input_ids:
                await conn.execute(
                    "DELETE FROM wellbeing_partial_answers WHERE request_id = ? AND input_id = ?",
                    (request_id, input_id),
                )

    async def forget_older_kept(self, request: Request) -> int:
        """Drop a member's kept answers of their earlier requests (a new week's check-in has
        come); how many rows went."""
        return await self.db.execute_rowcount(
            "DELETE FROM wellbeing_partial_answers WHERE user_id = ? AND request_id IN"
            " (SELECT id FROM wellbeing_requests WHERE guild_id = ? AND user_id = ? AND id < ?)",
            (request.user_id, request.guild_id, request.user_id, request.id),
        )

    # --- answers ------------------------------------------------------------------------------

    async def save_answers(
        self, request: Request, scored: Sequence[NewAnswer], now: dt.datetime
    ) -> None:
        """Store a whole form in one unit of work (a resubmission that week replaces it)."""
        async with self.db.transaction() as conn:
            for item in scored:
                await conn.execute(
                    "INSERT INTO wellbeing_answers (guild_id, user_id, cohort_id, week,"
                    " instrument, answers, score, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (guild_id, user_id, cohort_id, week, instrument) DO UPDATE SET"
                    " answers = excluded.answers, score = excluded.score,"
                    " submitted_at = excluded.submitted_at",
                    (request.guild_id, request.user_id, request.cohort_id, request.week,
                     item.instrument, _csv(item.answers), item.score, to_db(now)),
                )  # fmt: skip

    async def answers_for(self, guild_id: int, user_id: int) -> list[Answer]:
        """A member's answers in a server, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM wellbeing_answers WHERE guild_id = ? AND user_id = ?"
            " ORDER BY submitted_at, id",
            (guild_id, user_id),
        )
        return [from_row(Answer, r) for r in rows]

    async def cohort_answers(self, cohort_id: int) -> list[Answer]:
        """Every answer given in a cohort (for aggregates only), by instrument and week."""
        rows = await self.db.fetchall(
            "SELECT * FROM wellbeing_answers WHERE cohort_id = ? ORDER BY instrument, week, id",
            (cohort_id,),
        )
        return [from_row(Answer, r) for r in rows]

    # --- per-cohort switches ------------------------------------------------------------------

    async def cohort_enabled(self, cohort_id: int) -> frozenset[str]:
        """The optional instruments a cohort has turned on."""
        value = await self.db.fetchval(
            "SELECT enabled FROM wellbeing_cohort_settings WHERE cohort_id = ?", (cohort_id,)
        )
        return frozenset(e for e in (value or "").split(",") if e)

    async def set_cohort_enabled(
        self, cohort_id: int, enabled: Iterable[str], now: dt.datetime
    ) -> None:
        """Turn optional instruments on (the given set) for a cohort."""
        await self.db.execute(
            "INSERT INTO wellbeing_cohort_settings (cohort_id, enabled, updated_at)"
            " VALUES (?, ?, ?) ON CONFLICT (cohort_id) DO UPDATE SET"
            " enabled = excluded.enabled, updated_at = excluded.updated_at",
            (cohort_id, _csv(sorted(enabled)), to_db(now)),
        )

    async def cohort_schedule(
        self, cohort_id: int
    ) -> tuple[tuple[int, ...] | None, tuple[str, ...] | None]:
        """A cohort's own (full weeks, weekly forms); None where it uses the default."""
        row = await self.db.fetchone(
            "SELECT full_weeks, weekly_forms FROM wellbeing_cohort_settings WHERE cohort_id = ?",
            (cohort_id,),
        )
        if row is None:
            return None, None
        weeks = row["full_weeks"]
        forms = row["weekly_forms"]
        return (
            None if weeks is None else tuple(int(w) for w in weeks.split(",") if w),
            None if forms is None else tuple(f for f in forms.split(",") if f),
        )

    async def set_cohort_schedule(
        self,
        cohort_id: int,
        now: dt.datetime,
        *,
        full_weeks: Sequence[int] | None = None,
        weekly_forms: Sequence[str] | None = None,
    ) -> None:
        """Set a cohort's full-set weeks and/or weekly forms; arguments left None stay as they are."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO wellbeing_cohort_settings (cohort_id, updated_at) VALUES (?, ?)"
                " ON CONFLICT (cohort_id) DO NOTHING",
                (cohort_id, to_db(now)),
            )
            if full_weeks is not None:
                await conn.execute(
                    "UPDATE wellbeing_cohort_settings SET full_weeks = ?, updated_at = ?"
                    " WHERE cohort_id = ?",
                    (_csv(sorted(set(full_weeks))), to_db(now), cohort_id),
                )
            if weekly_forms is not None:
                await conn.execute(
                    "UPDATE wellbeing_cohort_settings SET weekly_forms = ?, updated_at = ?"
                    " WHERE cohort_id = ?",
                    (_csv(weekly_forms), to_db(now), cohort_id),
                )

    # --- privacy ------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Every row about a member, by table (plain values, for /privacy export)."""
        result: dict[str, list[dict[str, object]]] = {}
        for table in MEMBER_TABLES:
            rows = await self.db.fetchall(
                f"SELECT * FROM {table} WHERE user_id = ? ORDER BY {_EXPORT_ORDER[table]}",
                (user_id,),
            )
            result[table] = [dict(r) for r in rows]
        return result

    async def erase_member(self, user_id: int) -> int:
        """Delete every wellbeing row of a member in one unit of work; the row count."""
        total = 0
        async with self.db.transaction() as conn:
            for table in MEMBER_TABLES:
                cursor = await conn.execute(
                    f"DELETE FROM {table} WHERE user_id = ?",
                    (user_id,),
                )
                total += max(cursor.rowcount, 0)
        return total

"""Cohorts, their groups, enrolment and the waitlist, sessions, reminders and attendance.

One repository per aggregate, each in its own module: ``programme`` (cohorts, groups, themes),
``enrolment`` (places and the waitlist) and ``sessions`` (sessions, reminders, attendance,
outreach). ``CohortRepository`` is all three in one object, plus the privacy protocol, which
must export and erase every cohort table in one unit of work. The models live in
``db/models/cohorts.py`` and are re-exported here, as callers import them from this module.
"""

from __future__ import annotations

from db.database import Database
from db.models.cohorts import Cohort, Enrolment, Group, NewGroup, NewSession, SessionRow
from db.repositories.cohorts.enrolment import EnrolmentRepository
from db.repositories.cohorts.programme import EDITABLE_COLUMNS, ProgrammeRepository
from db.repositories.cohorts.sessions import SessionRepository

__all__ = [
    "EDITABLE_COLUMNS",
    "MEMBER_TABLES",
    "NO_MEMBER_TABLES",
    "Cohort",
    "CohortRepository",
    "Enrolment",
    "EnrolmentRepository",
    "Group",
    "NewGroup",
    "NewSession",
    "ProgrammeRepository",
    "SessionRepository",
    "SessionRow",
]

# Tables of this package that can hold a person's id (for /privacy export and delete). Cohorts
# and groups hold staff ids: who created a cohort, each group's moderator.
MEMBER_TABLES: tuple[str, ...] = (
    "cohorts",
    "cohort_groups",
    "cohort_enrolments",
    "cohort_attendance",
    "cohort_outreach",
    "cohort_absences",
)
# Tables of this package that never hold one (sessions, reminders sent, themes are per cohort).
NO_MEMBER_TABLES: tuple[str, ...] = ("cohort_sessions", "cohort_reminders_sent", "cohort_themes")


class CohortRepository(ProgrammeRepository, EnrolmentRepository, SessionRepository):
    """Every cohort table: the three repositories above, and /privacy for all of them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- privacy -------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Every row about the member, by table (for /privacy export).

        Their enrolments (with consent time and preferences), attendance and the outreach notes
        sent about them; as staff, the cohorts they created and the groups they moderate.
        Members they enrolled as a coordinator are about those members and are not included.
        """
        queries = {
            "cohorts": "SELECT * FROM cohorts WHERE created_by = ? ORDER BY id",
            "cohort_groups": "SELECT * FROM cohort_groups WHERE moderator_id = ? ORDER BY id",
            "cohort_enrolments": "SELECT * FROM cohort_enrolments WHERE user_id = ? ORDER BY id",
            "cohort_attendance": "SELECT * FROM cohort_attendance WHERE user_id = ?"
            " ORDER BY session_id",
            "cohort_outreach": "SELECT * FROM cohort_outreach WHERE user_id = ?"
            " ORDER BY cohort_id, week",
            "cohort_absences": "SELECT * FROM cohort_absences WHERE user_id = ?"
            " ORDER BY session_id",
        }
        result: dict[str, list[dict[str, object]]] = {}
        for table, sql in queries.items():
            result[table] = [dict(r) for r in await self.db.fetchall(sql, (user_id,))]
        return result

    async def erase_member(self, user_id: int) -> int:
        """Delete the member's enrolments, attendance, absences and outreach notes; rows changed.

        Call the cohorts cog's leave first for live enrolments, so the freed place goes to the
        next person waiting and they are told (this method only deletes rows). A staff member's
        id is removed from cohorts they created, groups they moderate (the group then has no
        moderator until a coordinator names one) and enrolments they made for others.
        """
        u = user_id
        statements: tuple[tuple[str, tuple[object, ...]], ...] = (
            ("DELETE FROM cohort_attendance WHERE user_id = ?", (u,)),
            ("DELETE FROM cohort_outreach WHERE user_id = ?", (u,)),
            ("DELETE FROM cohort_absences WHERE user_id = ?", (u,)),
            ("DELETE FROM cohort_enrolments WHERE user_id = ?", (u,)),
            ("UPDATE cohort_enrolments SET enrolled_by = NULL WHERE enrolled_by = ?", (u,)),
            ("UPDATE cohort_groups SET moderator_id = NULL WHERE moderator_id = ?", (u,)),
            ("UPDATE cohorts SET created_by = NULL WHERE created_by = ?", (u,)),
        )
        changed = 0
        async with self.db.transaction() as conn:
            for sql, params in statements:
                cursor = await conn.execute(sql, params)
                changed += max(cursor.rowcount, 0)
        return changed

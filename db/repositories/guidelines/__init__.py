"""The guidelines lane's records: rule modes, limits, opt-outs, hits, infractions, appeals.

One repository per aggregate, each in its own module: ``settings`` (rule modes, limits,
Kindred's AutoMod rule, nudge opt-outs), ``hits`` (hits and /mod queue), ``infractions``
(infractions, points, hidden messages, pardons) and ``appeals``. ``GuidelineRepository`` is all
of them in one object, plus the privacy protocol, which must export and erase every guideline
table in one unit of work. The models live in ``db/models/guidelines.py`` and are re-exported
here, as callers import them from this module.

Hits never hold message text; the copy of a hidden message is kept for moderators only and
purged after the retention period.
"""

from __future__ import annotations

from db.database import Database
from db.models.guidelines import (
    Appeal,
    AutoModSetting,
    GuidelineLimits,
    HiddenMessage,
    Infraction,
    ReportedHit,
)
from db.repositories.guidelines.appeals import AppealRepository
from db.repositories.guidelines.hits import QUEUED_OUTCOMES, GuidelineHitRepository
from db.repositories.guidelines.infractions import HIDE_OUTCOMES, InfractionRepository
from db.repositories.guidelines.settings import SERVER, GuidelineSettingsRepository

__all__ = [
    "ERASED_REASON",
    "HIDE_OUTCOMES",
    "MEMBER_TABLES",
    "NO_MEMBER_TABLES",
    "QUEUED_OUTCOMES",
    "SERVER",
    "Appeal",
    "AppealRepository",
    "AutoModSetting",
    "GuidelineHitRepository",
    "GuidelineLimits",
    "GuidelineRepository",
    "GuidelineSettingsRepository",
    "HiddenMessage",
    "Infraction",
    "InfractionRepository",
    "ReportedHit",
]

# Tables of this package that can hold a person's id (for /privacy export and delete). Rule
# modes and limits hold the moderator who last changed them.
MEMBER_TABLES: tuple[str, ...] = (
    "guideline_rule_modes",
    "guideline_settings",
    "guideline_nudge_optouts",
    "guideline_hits",
    "guideline_infractions",
    "guideline_hidden_messages",
    "guideline_appeals",
)
# Tables of this package that never hold one.
NO_MEMBER_TABLES: tuple[str, ...] = ()

# What an erased member's infraction says instead of the moderator's reason (which is about them).
ERASED_REASON = "(erased at the member's request)"


class GuidelineRepository(
    GuidelineSettingsRepository, GuidelineHitRepository, InfractionRepository, AppealRepository
):
    """Every ``guideline_*`` table: the four repositories above, and /privacy for all of them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- privacy --------------------------------------------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, list[dict[str, object]]]:
        """Every row about the member, by table (for /privacy export).

        Included: their opt-out, hits on their messages, their infractions (moderators' notes
        too: they are about the member), the kept copies of their hidden messages, their appeals,
        and rule modes or limits they changed as staff. Hits they reviewed and infractions they
        gave as a moderator are about other members and are not included.
        """
        queries = {
            "guideline_rule_modes": "SELECT * FROM guideline_rule_modes WHERE updated_by = ?",
            "guideline_settings": "SELECT * FROM guideline_settings WHERE updated_by = ?",
            "guideline_nudge_optouts": "SELECT * FROM guideline_nudge_optouts WHERE user_id = ?",
            "guideline_hits": "SELECT * FROM guideline_hits WHERE user_id = ? ORDER BY id",
            "guideline_infractions": "SELECT * FROM guideline_infractions WHERE user_id = ?"
            " ORDER BY id",
            "guideline_hidden_messages": "SELECT * FROM guideline_hidden_messages"
            " WHERE user_id = ? ORDER BY id",
            "guideline_appeals": "SELECT * FROM guideline_appeals WHERE user_id = ? ORDER BY id",
        }
        result: dict[str, list[dict[str, object]]] = {}
        for table, sql in queries.items():
            result[table] = [dict(r) for r in await self.db.fetchall(sql, (user_id,))]
        return result

    async def erase_member(self, user_id: int) -> int:
        """Erase the member from every guideline table in one unit of work; rows changed.

        Deleted: their opt-out (they may be nudged again until they opt out again), hits on
        their messages, the copies of their hidden messages and their appeals. Their
        infractions are kept de-identified (no member, no reason text; kind, rule, points and
        dates stay) so counts per rule and per kind still add up. A moderator's or
        coordinator's id is removed from the actions they took (reviews, warnings, pardons,
        decisions, rule changes); those records otherwise stay, as they are about others.
        """
        u = user_id
        statements: tuple[tuple[str, tuple[object, ...]], ...] = (
            # Older audit entries of a review of their hit, or a decision on their appeal, name
            # no member; their text (the moderator's note or reason) is about this one. The
            # detail starts "hit <id>:" or "appeal <id>:" (LIKE, as instr() is SQLite's alone).
            (
                "UPDATE audit_log SET detail = NULL WHERE target_id IS NULL AND ("
                " (action = 'mod.review' AND EXISTS (SELECT 1 FROM guideline_hits h"
                "   WHERE h.user_id = ? AND audit_log.detail LIKE ('hit ' || h.id || ':%')))"
                " OR (action = 'mod.uphold' AND EXISTS (SELECT 1 FROM guideline_appeals a"
                "   WHERE (a.user_id = ? OR a.infraction_id IN"
                "     (SELECT id FROM guideline_infractions WHERE user_id = ?))"
                "   AND audit_log.detail LIKE ('appeal ' || a.id || ':%'))))",
                (u, u, u),
            ),
            ("DELETE FROM guideline_nudge_optouts WHERE user_id = ?", (u,)),
            ("DELETE FROM guideline_hits WHERE user_id = ?", (u,)),
            ("DELETE FROM guideline_hidden_messages WHERE user_id = ?", (u,)),
            (
                "DELETE FROM guideline_appeals WHERE user_id = ? OR infraction_id IN"
                " (SELECT id FROM guideline_infractions WHERE user_id = ?)",
                (u, u),
            ),
            (
                "UPDATE guideline_infractions SET user_id = NULL, reason = ?,"
                " pardon_reason = NULL WHERE user_id = ?",
                (ERASED_REASON, u),
            ),
            (
                "UPDATE guideline_infractions SET"
                " actor_id = CASE WHEN actor_id = ? THEN NULL ELSE actor_id END,"
                " pardoned_by = CASE WHEN pardoned_by = ? THEN NULL ELSE pardoned_by END"
                " WHERE actor_id = ? OR pardoned_by = ?",
                (u, u, u, u),
            ),
            ("UPDATE guideline_hits SET reviewed_by = NULL WHERE reviewed_by = ?", (u,)),
            ("UPDATE guideline_appeals SET decided_by = NULL WHERE decided_by = ?", (u,)),
            ("UPDATE guideline_rule_modes SET updated_by = NULL WHERE updated_by = ?", (u,)),
            ("UPDATE guideline_settings SET updated_by = NULL WHERE updated_by = ?", (u,)),
        )
        changed = 0
        async with self.db.transaction() as conn:
            for sql, params in statements:
                cursor = await conn.execute(sql, params)
                changed += max(cursor.rowcount, 0)
        return changed

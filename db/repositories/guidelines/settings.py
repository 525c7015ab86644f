"""Guidelines settings: each rule's mode, a server's limits, Kindred's AutoMod rule, opt-outs."""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.models import AuditNote
from db.models.guidelines import AutoModSetting, GuidelineLimits
from db.repositories.audit import AuditRepository
from db.rows import from_row
from db.timefmt import to_db

SERVER = 0  # channel_id of a server-wide rule mode

# The limits a coordinator may change (they become SQL column names: only these, ever).
LIMIT_COLUMNS = frozenset(
    {
        "nudges_per_hour",
        "nudges_per_week",
        "point_days",
        "timeout_points",
        "timeout_minutes",
        "review_points",
    }
)


class GuidelineSettingsRepository:
    """Reads and writes ``guideline_rule_modes``, ``guideline_settings`` and the nudge opt-outs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- rule modes and limits ----------------------------------------------------------------

    async def modes(self, guild_id: int) -> dict[tuple[int, str], str]:
        """Every mode set for the server: ``(channel_id or 0, label) -> mode``."""
        rows = await self.db.fetchall(
            "SELECT channel_id, label, mode FROM guideline_rule_modes WHERE guild_id = ?",
            (guild_id,),
        )
        return {(r["channel_id"], r["label"]): r["mode"] for r in rows}

    async def set_mode(
        self,
        guild_id: int,
        channel_id: int | None,
        label: str,
        mode: str | None,
        *,
        actor_id: int,
        now: datetime,
    ) -> None:
        """Set a rule's mode for the server or one channel (None: back to the default)."""
        where = channel_id or SERVER
        async with self.db.transaction() as conn:
            if mode is None:
                await conn.execute(
                    "DELETE FROM guideline_rule_modes"
                    " WHERE guild_id = ? AND channel_id = ? AND label = ?",
                    (guild_id, where, label),
                )
            else:
                await conn.execute(
                    "INSERT INTO guideline_rule_modes"
                    " (guild_id, channel_id, label, mode, updated_by, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, channel_id, label)"
                    " DO UPDATE SET mode = excluded.mode, updated_by = excluded.updated_by,"
                    " updated_at = excluded.updated_at",
                    (guild_id, where, label, mode, actor_id, to_db(now)),
                )
            scope = f"channel {channel_id}" if channel_id else "server"
            detail = f"{label}={mode or 'default'} ({scope})"
            await AuditRepository.insert(
                conn, AuditNote(guild_id, actor_id, "guidelines.mode", detail=detail), now
            )

    async def limits(self, guild_id: int) -> GuidelineLimits:
        """The server's limits (fields left None use the defaults)."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_settings WHERE guild_id = ?", (guild_id,)
        )
        return GuidelineLimits(guild_id) if row is None else from_row(GuidelineLimits, row)

    async def set_limits(
        self, guild_id: int, changes: dict[str, int], *, actor_id: int, now: datetime
    ) -> GuidelineLimits:
        """Change some limits, with an audit line, in one unit of work."""
        unknown = sorted(set(changes) - LIMIT_COLUMNS)
        if unknown:
            raise ValueError(f"not limits: {unknown}")
        columns = sorted(changes)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO guideline_settings (guild_id, updated_by, updated_at)"
                " VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (guild_id, actor_id, to_db(now)),
            )
            if columns:
                # Column names come from LIMIT_COLUMNS (checked above), never from the user.
                sets = ", ".join(f"{c} = ?" for c in columns)
                await conn.execute(
                    f"UPDATE guideline_settings SET {sets} WHERE guild_id = ?",
                    (*(changes[c] for c in columns), guild_id),
                )
            detail = ", ".join(f"{c}={changes[c]}" for c in columns)
            await AuditRepository.insert(
                conn, AuditNote(guild_id, actor_id, "guidelines.limits", detail=detail), now
            )
        return await self.limits(guild_id)

    # --- Kindred's own AutoMod rule ---------------------------------------------------------------

    async def automod(self, guild_id: int) -> AutoModSetting:
        """Whether Kindred keeps its AutoMod rule for slurs here, and that rule's id."""
        row = await self.db.fetchone(
            "SELECT guild_id, automod_rule AS enabled, automod_rule_id AS rule_id"
            " FROM guideline_settings WHERE guild_id = ?",
            (guild_id,),
        )
        return AutoModSetting(guild_id) if row is None else from_row(AutoModSetting, row)

    async def set_automod(
        self, guild_id: int, enabled: bool, rule_id: int | None, *, actor_id: int, now: datetime
    ) -> AutoModSetting:
        """A coordinator turned the rule on or off (and it now has ``rule_id``), with an audit line."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO guideline_settings"
                " (guild_id, automod_rule, automod_rule_id, updated_by, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " automod_rule = excluded.automod_rule,"
                " automod_rule_id = excluded.automod_rule_id,"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (guild_id, int(enabled), rule_id, actor_id, to_db(now)),
            )
            detail = f"on, rule {rule_id}" if enabled else "off"
            await AuditRepository.insert(
                conn, AuditNote(guild_id, actor_id, "guidelines.automod", detail=detail), now
            )
        return AutoModSetting(guild_id, enabled, rule_id)

    async def set_automod_rule_id(self, guild_id: int, rule_id: int | None) -> None:
        """Start-up made, or removed, the rule: store its id (the setting stays as it was)."""
        await self.db.execute(
            "UPDATE guideline_settings SET automod_rule_id = ? WHERE guild_id = ?",
            (rule_id, guild_id),
        )

    # --- nudges ---------------------------------------------------------------------------------

    async def opted_out(self, guild_id: int, user_id: int) -> bool:
        """Has the member asked not to be nudged?"""
        value = await self.db.fetchval(
            "SELECT 1 FROM guideline_nudge_optouts WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return value is not None

    async def set_opt_out(self, guild_id: int, user_id: int, out: bool, now: datetime) -> None:
        """Record (or withdraw) a member's wish not to be nudged."""
        if out:
            await self.db.execute(
                "INSERT INTO guideline_nudge_optouts (guild_id, user_id, created_at)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (guild_id, user_id, to_db(now)),
            )
        else:
            await self.db.execute(
                "DELETE FROM guideline_nudge_optouts WHERE guild_id = ? AND user_id = ?",
                (guild_id, user_id),
            )

    async def opted_out_members(self, guild_id: int) -> list[int]:
        """Members who asked not to be nudged, oldest request first."""
        rows = await self.db.fetchall(
            "SELECT user_id FROM guideline_nudge_optouts WHERE guild_id = ? ORDER BY created_at",
            (guild_id,),
        )
        return [r["user_id"] for r in rows]

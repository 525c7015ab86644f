"""The guidelines lane's records: rule modes, limits, opt-outs, hits, infractions, appeals.

The lane's frozen models live here (not in db/models.py) so the lane stays in one place.
Hits never hold message text; the copy of a hidden message is kept for moderators only and
purged after the retention period.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from db.database import Database
from db.rows import written
from db.timefmt import from_db, opt_from_db, to_db

SERVER = 0  # channel_id of a server-wide rule mode

# Tables of this module that can hold a person's id (for /privacy export and delete). Rule
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
# Tables of this module that never hold one.
NO_MEMBER_TABLES: tuple[str, ...] = ()

# Hit outcomes that wait in /mod queue until a moderator marks them reviewed: report-only hits,
# hides that failed, and anything where the author may be struggling (hidden or not).
QUEUED_OUTCOMES: tuple[str, ...] = (
    "reported",
    "not_hidden_wellbeing",
    "hidden_wellbeing",
    "hide_failed",
)
_QUEUED = "(" + ", ".join(f"'{o}'" for o in QUEUED_OUTCOMES) + ")"
# How an automatic hide is recorded: plainly, or with a wellbeing signal (also queued).
HIDE_OUTCOMES: tuple[str, ...] = ("hidden", "hidden_wellbeing")

# What an erased member's infraction says instead of the moderator's reason (which is about them).
ERASED_REASON = "(erased at the member's request)"


# --- models -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuidelineLimits:
    """A server's nudge limits and point thresholds; None means the lane's default."""

    guild_id: int
    nudges_per_hour: int | None = None
    nudges_per_week: int | None = None
    point_days: int | None = None
    timeout_points: int | None = None
    timeout_minutes: int | None = None
    review_points: int | None = None


@dataclass(frozen=True)
class AutoModSetting:
    """``/guidelines automod``: on or off, and the id of the rule Kindred made (None: none)."""

    guild_id: int
    enabled: bool = False
    rule_id: int | None = None


@dataclass(frozen=True)
class Infraction:
    """One infraction: a hidden message, or a moderator's warn, timeout or note."""

    id: int
    guild_id: int
    user_id: int | None
    kind: str
    label: str | None
    points: int
    reason: str
    actor_id: int | None
    duration_min: int | None
    created_at: datetime
    expires_at: datetime
    pardoned_by: int | None
    pardoned_at: datetime | None
    pardon_reason: str | None

    @property
    def pardoned(self) -> bool:
        """A moderator took it back."""
        return self.pardoned_at is not None


@dataclass(frozen=True)
class HiddenMessage:
    """A message Kindred hid, with the copy kept for moderators (None once purged)."""

    id: int
    guild_id: int
    channel_id: int | None
    user_id: int | None
    message_id: int
    label: str
    rule: str
    content: str | None
    infraction_id: int | None
    hidden_at: datetime
    purged_at: datetime | None


@dataclass(frozen=True)
class ReportedHit:
    """A report-only hit waiting for a moderator's look (no text: a jump link finds it)."""

    id: int
    guild_id: int
    channel_id: int | None
    user_id: int | None
    message_id: int | None
    label: str
    rule: str
    outcome: str
    created_at: datetime


@dataclass(frozen=True)
class Appeal:
    """A member's appeal against an infraction."""

    id: int
    infraction_id: int
    guild_id: int
    user_id: int | None
    text: str
    status: str
    created_at: datetime
    decided_by: int | None
    decided_at: datetime | None
    decision: str | None


def _infraction(row: sqlite3.Row) -> Infraction:
    return Infraction(
        id=row["id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        kind=row["kind"],
        label=row["label"],
        points=row["points"],
        reason=row["reason"],
        actor_id=row["actor_id"],
        duration_min=row["duration_min"],
        created_at=from_db(row["created_at"]),
        expires_at=from_db(row["expires_at"]),
        pardoned_by=row["pardoned_by"],
        pardoned_at=opt_from_db(row["pardoned_at"]),
        pardon_reason=row["pardon_reason"],
    )


def _hidden(row: sqlite3.Row) -> HiddenMessage:
    return HiddenMessage(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        message_id=row["message_id"],
        label=row["label"],
        rule=row["rule"],
        content=row["content"],
        infraction_id=row["infraction_id"],
        hidden_at=from_db(row["hidden_at"]),
        purged_at=opt_from_db(row["purged_at"]),
    )


def _appeal(row: sqlite3.Row) -> Appeal:
    return Appeal(
        id=row["id"],
        infraction_id=row["infraction_id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        text=row["text"],
        status=row["status"],
        created_at=from_db(row["created_at"]),
        decided_by=row["decided_by"],
        decided_at=opt_from_db(row["decided_at"]),
        decision=row["decision"],
    )


def _hit(row: sqlite3.Row) -> ReportedHit:
    return ReportedHit(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        message_id=row["message_id"],
        label=row["label"],
        rule=row["rule"],
        outcome=row["outcome"],
        created_at=from_db(row["created_at"]),
    )


_AUDIT = (
    "INSERT INTO audit_log (guild_id, actor_id, action, target_id, detail, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


class GuidelineRepository:
    """Reads and writes the ``guideline_*`` tables."""

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
            await conn.execute(
                _AUDIT,
                (
                    guild_id,
                    actor_id,
                    "guidelines.mode",
                    None,
                    f"{label}={mode or 'default'} ({scope})",
                    to_db(now),
                ),
            )

    async def limits(self, guild_id: int) -> GuidelineLimits:
        """The server's limits (fields left None use the defaults)."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_settings WHERE guild_id = ?", (guild_id,)
        )
        if row is None:
            return GuidelineLimits(guild_id)
        return GuidelineLimits(
            guild_id=guild_id,
            nudges_per_hour=row["nudges_per_hour"],
            nudges_per_week=row["nudges_per_week"],
            point_days=row["point_days"],
            timeout_points=row["timeout_points"],
            timeout_minutes=row["timeout_minutes"],
            review_points=row["review_points"],
        )

    async def set_limits(
        self, guild_id: int, changes: dict[str, int], *, actor_id: int, now: datetime
    ) -> GuidelineLimits:
        """Change some limits, with an audit line, in one unit of work."""
        allowed = {
            "nudges_per_hour",
            "nudges_per_week",
            "point_days",
            "timeout_points",
            "timeout_minutes",
            "review_points",
        }
        if set(changes) - allowed:
            raise ValueError(f"not limits: {sorted(set(changes) - allowed)}")
        columns = sorted(changes)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO guideline_settings (guild_id, updated_by, updated_at)"
                " VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (guild_id, actor_id, to_db(now)),
            )
            if columns:
                # Column names come from the allow-list above, never from the user.
                sets = ", ".join(f"{c} = ?" for c in columns)
                await conn.execute(
                    f"UPDATE guideline_settings SET {sets} WHERE guild_id = ?",
                    (*(changes[c] for c in columns), guild_id),
                )
            detail = ", ".join(f"{c}={changes[c]}" for c in columns)
            await conn.execute(
                _AUDIT, (guild_id, actor_id, "guidelines.limits", None, detail, to_db(now))
            )
        return await self.limits(guild_id)

    # --- Kindred's own AutoMod rule ---------------------------------------------------------------

    async def automod(self, guild_id: int) -> AutoModSetting:
        """Whether Kindred keeps its AutoMod rule for slurs here, and that rule's id."""
        row = await self.db.fetchone(
            "SELECT automod_rule, automod_rule_id FROM guideline_settings WHERE guild_id = ?",
            (guild_id,),
        )
        if row is None:
            return AutoModSetting(guild_id)
        return AutoModSetting(guild_id, bool(row["automod_rule"]), row["automod_rule_id"])

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
            await conn.execute(
                _AUDIT, (guild_id, actor_id, "guidelines.automod", None, detail, to_db(now))
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

    async def nudge_times(self, guild_id: int, user_id: int, since: datetime) -> list[datetime]:
        """When the member was nudged since ``since`` (for the rate limit)."""
        rows = await self.db.fetchall(
            "SELECT created_at FROM guideline_hits WHERE guild_id = ? AND user_id = ?"
            " AND outcome IN ('nudged_dm', 'nudged_reply') AND created_at >= ?"
            " ORDER BY created_at",
            (guild_id, user_id, to_db(since)),
        )
        return [from_db(r["created_at"]) for r in rows]

    # --- hits -----------------------------------------------------------------------------------

    async def record_hit(
        self,
        *,
        guild_id: int,
        channel_id: int | None,
        user_id: int | None,
        message_id: int | None,
        label: str,
        rule: str,
        outcome: str,
        now: datetime,
    ) -> int:
        """Record one hit (no message text); return its id."""
        return await self.db.execute(
            "INSERT INTO guideline_hits (guild_id, channel_id, user_id, message_id, label, rule,"
            " outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (guild_id, channel_id, user_id, message_id, label, rule, outcome, to_db(now)),
        )

    async def set_hit_outcome(self, hit_id: int, outcome: str) -> None:
        """Correct a hit's outcome once delivery is known."""
        await self.db.execute(
            "UPDATE guideline_hits SET outcome = ? WHERE id = ?", (outcome, hit_id)
        )

    async def mark_hide_failed(self, message_id: int) -> None:
        """The message could not be deleted: put its hit in /mod queue for a human."""
        await self.db.execute(
            "UPDATE guideline_hits SET outcome = 'hide_failed'"
            " WHERE message_id = ? AND outcome IN ('hidden', 'hidden_wellbeing')",
            (message_id,),
        )

    async def counts(self, guild_id: int, since: datetime) -> list[tuple[str, str, str, int]]:
        """``(label, rule, outcome, count)`` since ``since``, most frequent first."""
        rows = await self.db.fetchall(
            "SELECT label, rule, outcome, count(*) AS n FROM guideline_hits"
            " WHERE guild_id = ? AND created_at >= ? GROUP BY label, rule, outcome"
            " ORDER BY n DESC, label, rule",
            (guild_id, to_db(since)),
        )
        return [(r["label"], r["rule"], r["outcome"], r["n"]) for r in rows]

    async def open_reports(self, guild_id: int, limit: int = 20) -> list[ReportedHit]:
        """Hits waiting for a moderator (see ``QUEUED_OUTCOMES``), oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guideline_hits WHERE guild_id = ? AND reviewed_at IS NULL"
            f" AND outcome IN {_QUEUED}"
            " ORDER BY id LIMIT ?",
            (guild_id, limit),
        )
        return [_hit(r) for r in rows]

    async def review_hit(
        self, guild_id: int, hit_id: int, moderator_id: int, note: str, now: datetime
    ) -> bool:
        """Mark a queued hit reviewed; False when there is no such open item."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE guideline_hits SET reviewed_by = ?, reviewed_at = ?, review_note = ?"
                " WHERE id = ? AND guild_id = ? AND reviewed_at IS NULL"
                f" AND outcome IN {_QUEUED}",
                (moderator_id, to_db(now), note, hit_id, guild_id),
            )
            if cursor.rowcount != 1:
                return False
            # The note is about the hit's member, so the entry names them (and goes on erase).
            member = await (
                await conn.execute("SELECT user_id FROM guideline_hits WHERE id = ?", (hit_id,))
            ).fetchone()
            await conn.execute(
                _AUDIT,
                (
                    guild_id,
                    moderator_id,
                    "mod.review",
                    member["user_id"] if member else None,
                    f"hit {hit_id}: {note}",
                    to_db(now),
                ),
            )
        return True

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
            cursor = await conn.execute(
                "INSERT INTO guideline_infractions (guild_id, user_id, kind, label, points,"
                " reason, actor_id, duration_min, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            infraction_id = int(cursor.lastrowid or 0)
            await conn.execute(
                _AUDIT,
                (
                    guild_id,
                    actor_id,
                    f"mod.{kind}" if actor_id is not None else f"auto.{kind}",
                    user_id,
                    f"infraction {infraction_id}, {points} point(s): {reason}",
                    to_db(now),
                ),
            )
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
    ) -> tuple[HiddenMessage, Infraction] | None:
        """Persist first: the copy, the infraction, the hit and the audit line, together.

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
    ) -> tuple[int, int]:
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO guideline_infractions (guild_id, user_id, kind, label, points,"
                " reason, actor_id, created_at, expires_at)"
                " VALUES (?, ?, 'hidden', ?, ?, ?, NULL, ?, ?)",
                (guild_id, user_id, label, points, reason, to_db(now), to_db(expires_at)),
            )
            infraction_id = int(cursor.lastrowid or 0)
            cursor = await conn.execute(
                "INSERT INTO guideline_hidden_messages (guild_id, channel_id, user_id,"
                " message_id, label, rule, content, infraction_id, hidden_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING",
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
            if cursor.rowcount == 0:
                # Already hidden: undo the infraction written above by rolling back.
                raise _AlreadyHidden
            hidden_id = int(cursor.lastrowid or 0)
            await conn.execute(
                "INSERT INTO guideline_hits (guild_id, channel_id, user_id, message_id, label,"
                " rule, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (guild_id, channel_id, user_id, message_id, label, rule, outcome, to_db(now)),
            )
            await conn.execute(
                _AUDIT,
                (
                    guild_id,
                    None,
                    "auto.hidden",
                    user_id,
                    f"message {message_id} hidden ({rule}); infraction {infraction_id},"
                    f" {points} point(s)"
                    + ("; wellbeing signal, queued for a moderator" if outcome != "hidden" else ""),
                    to_db(now),
                ),
            )
        return hidden_id, infraction_id

    async def infraction(self, infraction_id: int) -> Infraction | None:
        """One infraction by id."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_infractions WHERE id = ?", (infraction_id,)
        )
        return None if row is None else _infraction(row)

    async def infractions(self, guild_id: int, user_id: int) -> list[Infraction]:
        """A member's infractions in the server, newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guideline_infractions WHERE guild_id = ? AND user_id = ?"
            " ORDER BY id DESC",
            (guild_id, user_id),
        )
        return [_infraction(r) for r in rows]

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
            await conn.execute(
                _AUDIT,
                (
                    row["guild_id"],
                    moderator_id,
                    "mod.pardon",
                    row["user_id"],
                    f"infraction {infraction_id}: {reason}",
                    to_db(now),
                ),
            )
        return True

    # --- hidden messages --------------------------------------------------------------------------

    async def hidden(self, hidden_id: int) -> HiddenMessage | None:
        """One hidden message by id."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_hidden_messages WHERE id = ?", (hidden_id,)
        )
        return None if row is None else _hidden(row)

    async def hidden_for_infraction(self, infraction_id: int) -> HiddenMessage | None:
        """The hidden message behind an automatic infraction, if any."""
        row = await self.db.fetchone(
            "SELECT * FROM guideline_hidden_messages WHERE infraction_id = ?", (infraction_id,)
        )
        return None if row is None else _hidden(row)

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

    # --- appeals ----------------------------------------------------------------------------------

    async def add_appeal(self, infraction: Infraction, text: str, now: datetime) -> Appeal | None:
        """File an appeal; None when this infraction already has one."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO guideline_appeals (infraction_id, guild_id, user_id, text,"
                " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (infraction_id) DO NOTHING",
                (infraction.id, infraction.guild_id, infraction.user_id, text, to_db(now)),
            )
            if cursor.rowcount == 0:
                return None
            appeal_id = int(cursor.lastrowid or 0)
            await conn.execute(
                _AUDIT,
                (
                    infraction.guild_id,
                    infraction.user_id,
                    "member.appeal",
                    infraction.user_id,
                    f"appeal {appeal_id} against infraction {infraction.id}",
                    to_db(now),
                ),
            )
        return await self.appeal(appeal_id)

    async def has_appeal(self, infraction_id: int) -> bool:
        """Has this infraction been appealed already?"""
        value = await self.db.fetchval(
            "SELECT 1 FROM guideline_appeals WHERE infraction_id = ?", (infraction_id,)
        )
        return value is not None

    async def appeal(self, appeal_id: int) -> Appeal | None:
        """One appeal by id."""
        row = await self.db.fetchone("SELECT * FROM guideline_appeals WHERE id = ?", (appeal_id,))
        return None if row is None else _appeal(row)

    async def open_appeals(self, guild_id: int, limit: int = 20) -> list[Appeal]:
        """Appeals waiting for a decision, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guideline_appeals WHERE guild_id = ? AND status = 'open'"
            " ORDER BY id LIMIT ?",
            (guild_id, limit),
        )
        return [_appeal(r) for r in rows]

    async def uphold_appeal(
        self, guild_id: int, appeal_id: int, moderator_id: int, reason: str, now: datetime
    ) -> Appeal | None:
        """Decide an open appeal against the member (the infraction stands)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE guideline_appeals SET status = 'upheld', decided_by = ?, decided_at = ?,"
                " decision = ? WHERE id = ? AND guild_id = ? AND status = 'open'",
                (moderator_id, to_db(now), reason, appeal_id, guild_id),
            )
            if cursor.rowcount != 1:
                return None
            member = await (
                await conn.execute(
                    "SELECT user_id FROM guideline_appeals WHERE id = ?", (appeal_id,)
                )
            ).fetchone()
            await conn.execute(
                _AUDIT,
                (
                    guild_id,
                    moderator_id,
                    "mod.uphold",
                    member["user_id"] if member else None,
                    f"appeal {appeal_id}: {reason}",
                    to_db(now),
                ),
            )
        return await self.appeal(appeal_id)

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
            # no member; their text (the moderator's note or reason) is about this one.
            (
                "UPDATE audit_log SET detail = NULL WHERE target_id IS NULL AND ("
                " (action = 'mod.review' AND substr(detail, 1, instr(detail, ':')) IN"
                "   (SELECT 'hit ' || id || ':' FROM guideline_hits WHERE user_id = ?))"
                " OR (action = 'mod.uphold' AND substr(detail, 1, instr(detail, ':')) IN"
                "   (SELECT 'appeal ' || id || ':' FROM guideline_appeals WHERE user_id = ?"
                "    OR infraction_id IN (SELECT id FROM guideline_infractions WHERE user_id = ?))))",
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


class _AlreadyHidden(Exception):
    """Internal: roll back a duplicate hide."""

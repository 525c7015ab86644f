"""Cohorts, their groups, enrolment and the waitlist, sessions, reminders and attendance.

The models of this lane live in ``db/models/cohorts.py`` (importable from here too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from db.database import Database
from db.models.cohorts import Cohort, Enrolment, Group, NewGroup, NewSession, SessionRow
from db.rows import from_row, written
from db.timefmt import to_db

# Tables of this module that can hold a person's id (for /privacy export and delete). Cohorts
# and groups hold staff ids: who created a cohort, each group's moderator.
MEMBER_TABLES: tuple[str, ...] = (
    "cohorts",
    "cohort_groups",
    "cohort_enrolments",
    "cohort_attendance",
    "cohort_outreach",
)
# Tables of this module that never hold one (sessions, reminders sent, themes are per cohort).
NO_MEMBER_TABLES: tuple[str, ...] = ("cohort_sessions", "cohort_reminders_sent", "cohort_themes")


def _csv(values: Iterable[object]) -> str:
    return ",".join(str(v) for v in values)


class CohortRepository:
    """Reads and writes the cohort tables."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- cohorts -----------------------------------------------------------------------------

    async def create(
        self,
        *,
        guild_id: int,
        name: str,
        start_date: dt.date,
        weeks: int,
        weekday: int,
        local_time: dt.time,
        timezone: str,
        length_minutes: int,
        group_cap: int,
        between_mode: str,
        reminder_hours: Sequence[float],
        groups: Sequence[NewGroup],
        sessions: Sequence[NewSession],
        created_by: int,
        now: dt.datetime,
    ) -> Cohort:
        """Write a draft cohort, its groups and its sessions in one unit of work."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO cohorts (guild_id, name, start_date, weeks, weekday, local_time,"
                " timezone, length_minutes, group_cap, between_mode, reminder_hours,"
                " created_by, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    name,
                    start_date.isoformat(),
                    weeks,
                    weekday,
                    local_time.strftime("%H:%M"),
                    timezone,
                    length_minutes,
                    group_cap,
                    between_mode,
                    _csv(_hours(h) for h in reminder_hours),
                    created_by,
                    to_db(now),
                    to_db(now),
                ),
            )
            cohort_id = int(cursor.lastrowid or 0)
            for number, group in enumerate(groups, start=1):
                await conn.execute(
                    "INSERT INTO cohort_groups (cohort_id, number, focus, label, moderator_id)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (cohort_id, number, group.focus, group.label, group.moderator_id),
                )
            await _insert_sessions(conn, cohort_id, sessions)
        return written(await self.get(cohort_id), f"cohort {cohort_id}")

    async def get(self, cohort_id: int) -> Cohort | None:
        """One cohort by id."""
        row = await self.db.fetchone("SELECT * FROM cohorts WHERE id = ?", (cohort_id,))
        return None if row is None else from_row(Cohort, row)

    async def by_name(self, guild_id: int, name: str) -> Cohort | None:
        """A server's cohort by name (case-insensitive)."""
        row = await self.db.fetchone(
            "SELECT * FROM cohorts WHERE guild_id = ? AND name = ? COLLATE NOCASE",
            (guild_id, name.strip()),
        )
        return None if row is None else from_row(Cohort, row)

    async def in_guild(self, guild_id: int) -> list[Cohort]:
        """Every cohort of a server, newest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM cohorts WHERE guild_id = ? ORDER BY id DESC", (guild_id,)
        )
        return [from_row(Cohort, r) for r in rows]

    async def set_state(self, cohort_id: int, expected: str, new: str, now: dt.datetime) -> bool:
        """Move a cohort on; False when someone else moved it first."""
        changed = await self.db.execute_rowcount(
            "UPDATE cohorts SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
            (new, to_db(now), cohort_id, expected),
        )
        return changed == 1

    async def update_schedule(
        self,
        cohort_id: int,
        *,
        fields: dict[str, object],
        sessions: Sequence[NewSession] | None,
        now: dt.datetime,
    ) -> None:
        """Change a cohort's settings and, when given, replace its future sessions.

        Sessions already held or open keep their rows; the scheduled ones are rewritten in
        place (same ids, so their jobs and events stay keyed the same).
        """
        allowed = {
            "name",
            "start_date",
            "weeks",
            "weekday",
            "local_time",
            "timezone",
            "length_minutes",
            "group_cap",
            "between_mode",
            "reminder_hours",
            "skipped_slots",
        }
        unknown = sorted(set(fields) - allowed)
        if unknown:
            # The keys become SQL column names below: never let an unlisted one through.
            raise ValueError(f"not an editable cohort column: {', '.join(unknown)}")
        async with self.db.transaction() as conn:
            if fields:
                assignments = ", ".join(f"{key} = ?" for key in fields)
                await conn.execute(
                    f"UPDATE cohorts SET {assignments}, updated_at = ? WHERE id = ?",
                    (*fields.values(), to_db(now), cohort_id),
                )
            if sessions is not None:
                await conn.execute(
                    "DELETE FROM cohort_sessions WHERE cohort_id = ? AND week > ?"
                    " AND status = 'scheduled'",
                    (cohort_id, len(sessions)),
                )
                for s in sessions:
                    await conn.execute(
                        "INSERT INTO cohort_sessions (cohort_id, week, slot, starts_at, ends_at)"
                        " VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (cohort_id, week) DO UPDATE SET slot = excluded.slot,"
                        "   starts_at = excluded.starts_at, ends_at = excluded.ends_at"
                        " WHERE cohort_sessions.status = 'scheduled'",
                        (cohort_id, s.week, s.slot, to_db(s.starts_at), to_db(s.ends_at)),
                    )

    async def set_category(self, cohort_id: int, category_id: int) -> None:
        """Remember the cohort's Discord category."""
        await self.db.execute(
            "UPDATE cohorts SET category_id = ? WHERE id = ?", (category_id, cohort_id)
        )

    # --- groups ------------------------------------------------------------------------------

    async def groups(self, cohort_id: int) -> list[Group]:
        """A cohort's groups in order."""
        rows = await self.db.fetchall(
            "SELECT * FROM cohort_groups WHERE cohort_id = ? ORDER BY number", (cohort_id,)
        )
        return [from_row(Group, r) for r in rows]

    async def group(self, group_id: int) -> Group | None:
        """One group by id."""
        row = await self.db.fetchone("SELECT * FROM cohort_groups WHERE id = ?", (group_id,))
        return None if row is None else from_row(Group, row)

    async def group_by_channel(self, channel_id: int) -> Group | None:
        """The group whose private channel this is."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_groups WHERE channel_id = ?", (channel_id,)
        )
        return None if row is None else from_row(Group, row)

    async def group_by_voice_channel(self, channel_id: int) -> Group | None:
        """The group whose private voice channel this is (one index lookup)."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_groups WHERE voice_channel_id = ?", (channel_id,)
        )
        return None if row is None else from_row(Group, row)

    async def group_channel_ids(self) -> tuple[set[int], set[int]]:
        """Every group's text channel and voice channel ids (for the listeners' index)."""
        rows = await self.db.fetchall(
            "SELECT channel_id, voice_channel_id FROM cohort_groups"
            " WHERE channel_id IS NOT NULL OR voice_channel_id IS NOT NULL"
        )
        text = {int(r["channel_id"]) for r in rows if r["channel_id"] is not None}
        voice = {int(r["voice_channel_id"]) for r in rows if r["voice_channel_id"] is not None}
        return text, voice

    async def live_group_channels(self, guild_id: int) -> set[int]:
        """The text channels of the server's enrolling and running cohorts' groups."""
        rows = await self.db.fetchall(
            "SELECT g.channel_id FROM cohort_groups g JOIN cohorts c ON c.id = g.cohort_id"
            " WHERE c.guild_id = ? AND c.state IN ('enrolling', 'running')"
            " AND g.channel_id IS NOT NULL",
            (guild_id,),
        )
        return {int(r["channel_id"]) for r in rows}

    async def add_group(self, cohort_id: int, group: NewGroup) -> Group:
        """Add a group at the end of a cohort's list."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO cohort_groups (cohort_id, number, focus, label, moderator_id)"
                " SELECT ?, coalesce(max(number), 0) + 1, ?, ?, ? FROM cohort_groups"
                " WHERE cohort_id = ?",
                (cohort_id, group.focus, group.label, group.moderator_id, cohort_id),
            )
            group_id = int(cursor.lastrowid or 0)
        return written(await self.group(group_id), f"cohort group {group_id}")

    async def set_group_channel(self, group_id: int, channel_id: int) -> None:
        """Remember a group's private channel."""
        await self.db.execute(
            "UPDATE cohort_groups SET channel_id = ? WHERE id = ?", (channel_id, group_id)
        )

    async def set_group_voice_channel(self, group_id: int, channel_id: int) -> None:
        """Remember a group's private voice channel."""
        await self.db.execute(
            "UPDATE cohort_groups SET voice_channel_id = ? WHERE id = ?", (channel_id, group_id)
        )

    # --- enrolment ---------------------------------------------------------------------------

    async def enrolment(self, cohort_id: int, user_id: int) -> Enrolment | None:
        """A member's row in a cohort, whatever its status."""
        row = await self.db.fetchone(
            "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND user_id = ?",
            (cohort_id, user_id),
        )
        return None if row is None else from_row(Enrolment, row)

    async def enrolments(self, cohort_id: int, status: str | None = None) -> list[Enrolment]:
        """A cohort's rows (optionally of one status), in queue order."""
        if status is None:
            rows = await self.db.fetchall(
                "SELECT * FROM cohort_enrolments WHERE cohort_id = ? ORDER BY queued_at, id",
                (cohort_id,),
            )
        else:
            rows = await self.db.fetchall(
                "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND status = ?"
                " ORDER BY queued_at, id",
                (cohort_id, status),
            )
        return [from_row(Enrolment, r) for r in rows]

    async def members_of(self, group_id: int) -> list[int]:
        """The user ids enrolled in a group."""
        rows = await self.db.fetchall(
            "SELECT user_id FROM cohort_enrolments WHERE group_id = ? AND status = 'enrolled'"
            " ORDER BY id",
            (group_id,),
        )
        return [r["user_id"] for r in rows]

    async def active_for_user(self, guild_id: int, user_id: int) -> list[Enrolment]:
        """A member's enrolled or waitlisted rows in the server's live cohorts."""
        rows = await self.db.fetchall(
            "SELECT e.* FROM cohort_enrolments e JOIN cohorts c ON c.id = e.cohort_id"
            " WHERE c.guild_id = ? AND e.user_id = ? AND e.status IN ('enrolled', 'waitlisted')"
            " AND c.state IN ('draft', 'enrolling', 'running') ORDER BY e.id",
            (guild_id, user_id),
        )
        return [from_row(Enrolment, r) for r in rows]

    async def place(
        self,
        *,
        cohort_id: int,
        user_id: int,
        candidates: Sequence[int],
        cap: int,
        joined_week: int,
        focus_pref: str | None,
        timezone_pref: str | None,
        checkins: bool,
        language: str | None,
        consent: bool,
        enrolled_by: int | None,
        now: dt.datetime,
    ) -> Enrolment:
        """Put a member in the emptiest candidate group with room, else on the waitlist.

        One unit of work, so two people joining at once cannot both take the last place. A
        waitlisted member waits for the only candidate group, or any (NULL) when several fit.
        """
        async with self.db.transaction() as conn:
            chosen: int | None = None
            best = cap
            for candidate in candidates:
                cursor = await conn.execute(
                    "SELECT count(*) FROM cohort_enrolments"
                    " WHERE group_id = ? AND status = 'enrolled'",
                    (candidate,),
                )
                row = await cursor.fetchone()
                count = int(row[0]) if row else 0
                if count < best:
                    chosen, best = candidate, count
            status = "enrolled" if chosen is not None else "waitlisted"
            group_id: int | None = (
                chosen if chosen is not None else (candidates[0] if len(candidates) == 1 else None)
            )
            await conn.execute(
                "INSERT INTO cohort_enrolments (cohort_id, user_id, group_id, status,"
                " joined_week, focus_pref, timezone_pref, checkins, language, consent_at,"
                " enrolled_by, queued_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (cohort_id, user_id) DO UPDATE SET group_id = excluded.group_id,"
                "   status = excluded.status, joined_week = excluded.joined_week,"
                "   focus_pref = excluded.focus_pref, timezone_pref = excluded.timezone_pref,"
                "   checkins = excluded.checkins, language = excluded.language,"
                "   consent_at = coalesce(excluded.consent_at, cohort_enrolments.consent_at),"
                "   enrolled_by = excluded.enrolled_by, queued_at = excluded.queued_at,"
                "   updated_at = excluded.updated_at",
                (
                    cohort_id,
                    user_id,
                    group_id,
                    status,
                    joined_week,
                    focus_pref,
                    timezone_pref,
                    int(checkins),
                    language,
                    to_db(now) if consent else None,
                    enrolled_by,
                    to_db(now),
                    to_db(now),
                ),
            )
        return written(await self.enrolment(cohort_id, user_id), f"enrolment {cohort_id}/{user_id}")

    async def waitlist_position(self, enrolment: Enrolment) -> int:
        """1 for the first person waiting in the cohort, and so on."""
        value = await self.db.fetchval(
            "SELECT count(*) FROM cohort_enrolments WHERE cohort_id = ? AND status = 'waitlisted'"
            " AND (queued_at < ? OR (queued_at = ? AND id <= ?))",
            (
                enrolment.cohort_id,
                to_db(enrolment.queued_at),
                to_db(enrolment.queued_at),
                enrolment.id,
            ),
        )
        return int(value or 0)

    async def leave_and_promote(
        self, cohort_id: int, user_id: int, joined_week: int, now: dt.datetime
    ) -> tuple[Enrolment | None, Enrolment | None]:
        """Mark a member as left; give a freed group place to the next person waiting for it.

        Returns (the row before leaving, the promoted row or None), in one unit of work.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT * FROM cohort_enrolments WHERE cohort_id = ? AND user_id = ?"
                " AND status IN ('enrolled', 'waitlisted')",
                (cohort_id, user_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None, None
            before = from_row(Enrolment, row)
            await conn.execute(
                "UPDATE cohort_enrolments SET status = 'left', updated_at = ? WHERE id = ?",
                (to_db(now), before.id),
            )
            promoted_id = None
            if before.status == "enrolled" and before.group_id is not None:
                cursor = await conn.execute(
                    "SELECT id FROM cohort_enrolments WHERE cohort_id = ?"
                    " AND status = 'waitlisted' AND (group_id IS NULL OR group_id = ?)"
                    " ORDER BY queued_at, id LIMIT 1",
                    (cohort_id, before.group_id),
                )
                nxt = await cursor.fetchone()
                if nxt is not None:
                    promoted_id = nxt["id"]
                    await conn.execute(
                        "UPDATE cohort_enrolments SET status = 'enrolled', group_id = ?,"
                        " joined_week = ?, updated_at = ? WHERE id = ?",
                        (before.group_id, joined_week, to_db(now), promoted_id),
                    )
        promoted = None
        if promoted_id is not None:
            row2 = await self.db.fetchone(
                "SELECT * FROM cohort_enrolments WHERE id = ?", (promoted_id,)
            )
            promoted = None if row2 is None else from_row(Enrolment, row2)
        return before, promoted

    # --- sessions ----------------------------------------------------------------------------

    async def sessions(self, cohort_id: int) -> list[SessionRow]:
        """A cohort's sessions, week 1 first."""
        rows = await self.db.fetchall(
            "SELECT * FROM cohort_sessions WHERE cohort_id = ? ORDER BY week", (cohort_id,)
        )
        return [from_row(SessionRow, r) for r in rows]

    async def session(self, session_id: int) -> SessionRow | None:
        """One session by id."""
        row = await self.db.fetchone("SELECT * FROM cohort_sessions WHERE id = ?", (session_id,))
        return None if row is None else from_row(SessionRow, row)

    async def guild_sessions_with_events(self, guild_id: int) -> list[SessionRow]:
        """Sessions of a server's live cohorts (for planning events within the cap)."""
        rows = await self.db.fetchall(
            "SELECT s.* FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id"
            " WHERE c.guild_id = ? AND c.state IN ('enrolling', 'running')"
            " ORDER BY s.starts_at, s.id",
            (guild_id,),
        )
        return [from_row(SessionRow, r) for r in rows]

    async def kindred_event_sessions(self, guild_id: int) -> list[SessionRow]:
        """Sessions whose Discord event is still scheduled or active (they use the cap)."""
        rows = await self.db.fetchall(
            "SELECT s.* FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id"
            " WHERE c.guild_id = ? AND s.event_status IN ('scheduled', 'active')",
            (guild_id,),
        )
        return [from_row(SessionRow, r) for r in rows]

    async def set_session_status(self, session_id: int, expected: Sequence[str], new: str) -> bool:
        """Move a session on; False when it was not in one of ``expected``."""
        marks = ", ".join("?" for _ in expected)
        changed = await self.db.execute_rowcount(
            f"UPDATE cohort_sessions SET status = ? WHERE id = ? AND status IN ({marks})",
            (new, session_id, *expected),
        )
        return changed == 1

    async def set_event(self, session_id: int, event_id: int | None, status: str) -> None:
        """Remember a session's Discord event and where it is."""
        await self.db.execute(
            "UPDATE cohort_sessions SET event_id = coalesce(?, event_id), event_status = ?"
            " WHERE id = ?",
            (event_id, status, session_id),
        )

    async def held_count(self, cohort_id: int) -> int:
        """How many sessions have been held."""
        value = await self.db.fetchval(
            "SELECT count(*) FROM cohort_sessions WHERE cohort_id = ? AND status = 'held'",
            (cohort_id,),
        )
        return int(value or 0)

    # --- reminders ---------------------------------------------------------------------------

    async def reminders_sent(self, session_id: int) -> set[int]:
        """Minutes-before of the reminders already sent for a session."""
        rows = await self.db.fetchall(
            "SELECT before_minutes FROM cohort_reminders_sent WHERE session_id = ?",
            (session_id,),
        )
        return {r["before_minutes"] for r in rows}

    async def mark_reminders_sent(
        self, session_id: int, minutes: Iterable[int], now: dt.datetime
    ) -> None:
        """Record reminders as sent (or deliberately passed over)."""
        async with self.db.transaction() as conn:
            for before in minutes:
                await conn.execute(
                    "INSERT OR IGNORE INTO cohort_reminders_sent (session_id, before_minutes,"
                    " sent_at) VALUES (?, ?, ?)",
                    (session_id, before, to_db(now)),
                )

    # --- attendance --------------------------------------------------------------------------

    async def record_attendance(
        self, session_id: int, user_id: int, group_id: int, how: str, now: dt.datetime
    ) -> bool:
        """Note that a member came to a session; False when already noted.

        ``how`` is ``message`` (posted in the group channel) or ``voice`` (joined the group's
        voice channel). One row per member and session, keeping the first time; joining voice
        after posting turns the row into ``voice``, so ``voice`` always means "was in the call".
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO cohort_attendance (session_id, user_id, group_id, how, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (session_id, user_id, group_id, how, to_db(now)),
            )
            inserted = cursor.rowcount == 1
            if not inserted and how == "voice":
                await conn.execute(
                    "UPDATE cohort_attendance SET how = 'voice'"
                    " WHERE session_id = ? AND user_id = ? AND how <> 'voice'",
                    (session_id, user_id),
                )
        return inserted

    async def attendance(self, cohort_id: int, how: str | None = None) -> dict[int, set[int]]:
        """user id -> the session weeks they attended (only those ``how``, when given)."""
        sql = (
            "SELECT a.user_id, s.week FROM cohort_attendance a"
            " JOIN cohort_sessions s ON s.id = a.session_id WHERE s.cohort_id = ?"
        )
        params: tuple[object, ...] = (cohort_id,)
        if how is not None:
            sql += " AND a.how = ?"
            params = (cohort_id, how)
        rows = await self.db.fetchall(sql, params)
        result: dict[int, set[int]] = {}
        for r in rows:
            result.setdefault(r["user_id"], set()).add(r["week"])
        return result

    async def mark_outreach(
        self, cohort_id: int, user_id: int, week: int, reason: str, now: dt.datetime
    ) -> bool:
        """Record an outreach note; False when this one was already sent."""
        changed = await self.db.execute_rowcount(
            "INSERT OR IGNORE INTO cohort_outreach (cohort_id, user_id, week, reason, sent_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (cohort_id, user_id, week, reason, to_db(now)),
        )
        return changed == 1

    # --- themes ------------------------------------------------------------------------------

    async def set_remind_by_dm(self, enrolment_id: int, on: bool) -> None:
        """Whether this member also gets session reminders by DM."""
        await self.db.execute(
            "UPDATE cohort_enrolments SET remind_by_dm = ? WHERE id = ?", (int(on), enrolment_id)
        )

    async def dm_reminder_members(self, cohort_id: int) -> list[int]:
        """Enrolled members of a cohort who asked for reminders by DM."""
        rows = await self.db.fetchall(
            "SELECT user_id FROM cohort_enrolments"
            " WHERE cohort_id = ? AND status = 'enrolled' AND remind_by_dm = 1 ORDER BY id",
            (cohort_id,),
        )
        return [r["user_id"] for r in rows]

    async def theme_overrides(self, cohort_id: int) -> dict[int, str]:
        """A cohort's own themes by week."""
        rows = await self.db.fetchall(
            "SELECT week, theme FROM cohort_themes WHERE cohort_id = ?", (cohort_id,)
        )
        return {r["week"]: r["theme"] for r in rows}

    async def set_theme(self, cohort_id: int, week: int, theme: str) -> None:
        """Replace one week's theme for a cohort."""
        await self.db.execute(
            "INSERT INTO cohort_themes (cohort_id, week, theme) VALUES (?, ?, ?)"
            " ON CONFLICT (cohort_id, week) DO UPDATE SET theme = excluded.theme",
            (cohort_id, week, theme),
        )

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
        }
        result: dict[str, list[dict[str, object]]] = {}
        for table, sql in queries.items():
            result[table] = [dict(r) for r in await self.db.fetchall(sql, (user_id,))]
        return result

    async def erase_member(self, user_id: int) -> int:
        """Delete the member's enrolments, attendance and outreach notes; rows changed.

        Call the cohorts cog's leave first for live enrolments, so the freed place goes to the
        next person waiting and they are told (this method only deletes rows). A staff member's
        id is removed from cohorts they created, groups they moderate (the group then has no
        moderator until a coordinator names one) and enrolments they made for others.
        """
        u = user_id
        statements: tuple[tuple[str, tuple[object, ...]], ...] = (
            ("DELETE FROM cohort_attendance WHERE user_id = ?", (u,)),
            ("DELETE FROM cohort_outreach WHERE user_id = ?", (u,)),
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


async def _insert_sessions(conn: object, cohort_id: int, sessions: Sequence[NewSession]) -> None:
    for s in sessions:
        await conn.execute(  # type: ignore[attr-defined]
            "INSERT INTO cohort_sessions (cohort_id, week, slot, starts_at, ends_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (cohort_id, s.week, s.slot, to_db(s.starts_at), to_db(s.ends_at)),
        )


def _hours(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)

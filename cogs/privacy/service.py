"""Members' control of their data: what Kindred holds about them, a copy, and erasing it.

The protocol every repository follows:

- its module declares ``MEMBER_TABLES`` (tables that can hold a person's id, as the member or
  as the staff member who acted) and ``NO_MEMBER_TABLES`` (tables that cannot);
- its repository class implements ``export_member(user_id)`` (table -> rows about that person,
  plain JSON values) and ``erase_member(user_id)`` (one unit of work; rows changed).

``REPOSITORIES`` below is the explicit registry. tests/privacy/test_coverage.py fails when a table
of the migrated schema is in neither list of any module, so a new table cannot be forgotten.

Jobs point at rows (``jobs.entity_id`` is a case, a hidden message, a session), never at people,
so they hold no member data; ``MEMBER_JOBS`` says which job kinds point at which member tables and
whether erasing the member, or the member leaving a server, cancels them.

This module imports no discord: the cog frees cohort places (Discord channels, DMs) first,
through the cohorts lane (``bot.cohort_places``), for the places ``places_held`` lists in the
servers its process holds; ``elsewhere.py`` frees the others (with shards) in the database and
leaves their Discord half to a job run where each server is held.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from cogs.cohorts.enrolment import EnrolmentService
from cogs.members.language import LANGUAGES, english_name
from cogs.privacy.elsewhere import GROUP_LEFT, PLACE_GIVEN, PlacesMixin
from cogs.utils.clock import Clock, SystemClock
from cogs.utils.i18n import ENGLISH, current_language, t, tn
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.repositories.audit import AuditRepository
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guidelines import GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.meta import MetaRepository
from db.repositories.moderator_profiles import ModeratorProfileRepository
from db.repositories.plans import PlanRepository
from db.repositories.relay import RelayRepository
from db.repositories.reports import ReportRepository
from db.repositories.toolkit import ToolkitRepository
from db.repositories.wellbeing import WellbeingRepository

log = logging.getLogger(__name__)

Rows = list[dict[str, object]]


class MemberData(Protocol):
    """What every repository implements for /privacy."""

    async def export_member(self, user_id: int) -> dict[str, Rows]:
        """Table -> rows about that person (plain JSON values)."""
        ...

    async def erase_member(self, user_id: int) -> int:
        """Erase (or de-identify) that person in one unit of work; return rows changed."""
        ...


class RepositoryClass(Protocol):
    """A repository class: built from the database, speaks the privacy protocol."""

    def __call__(self, db: Database) -> MemberData: ...


# Every repository, by the plain name used in /privacy answers. A new repository goes here (the
# coverage test names any module whose tables no listed repository declares).
REPOSITORIES: tuple[tuple[str, RepositoryClass], ...] = (
    # Before the cases: their conversations are found by the member's id on the case.
    ("crisis conversations", RelayRepository),
    ("crisis cases", CrisisRepository),
    ("helpline country", MemberSettingsRepository),
    ("guidelines", GuidelineRepository),
    ("cohorts", CohortRepository),
    ("check-ins", CheckinRepository),
    ("wellbeing check-ins", WellbeingRepository),
    ("coping toolkit", ToolkitRepository),
    ("your plan", PlanRepository),
    ("message reports", ReportRepository),
    ("moderator profile", ModeratorProfileRepository),
    ("audit log", AuditRepository),
    ("server settings", GuildSettingsRepository),
    ("scheduled jobs", JobRepository),
    ("bot facts", MetaRepository),
)


@dataclass(frozen=True)
class MemberJob:
    """A job kind whose entity is a row of a member table."""

    kind: str
    table: str  # the entity id is this table's ``id``
    on_erase: bool  # cancelled when the member erases their data
    on_leave: bool  # cancelled when the member leaves a server (rows need a guild_id)


# The job kinds that point at a member's rows (the kinds are defined in the cogs; a test checks
# that every registered kind is in exactly one of the two lists below).
# On leaving a server, nothing listed here is cancelled: the purge of a hidden copy *is* the
# retention rule the member's data follows, and the follow-up reminds a moderator to check on
# someone in crisis, which matters even more when they have just left.
MEMBER_JOBS: tuple[MemberJob, ...] = (
    # The copy of a hidden message is deleted at once, so its retention purge has nothing to do.
    MemberJob("guidelines_purge", "guideline_hidden_messages", on_erase=True, on_leave=False),
    # The case no longer says who the member is, so a "check in with them" reminder cannot work.
    MemberJob("crisis_followup", "crisis_cases", on_erase=True, on_leave=False),
    # Whoever got a freed place erased their data before being told: their own erasure frees
    # the place again. (If they leave the server instead, the job finds them gone and stops.)
    MemberJob(PLACE_GIVEN, "cohort_enrolments", on_erase=True, on_leave=False),
)

# Job kinds that never point at one member's rows, and so are never cancelled for one.
NO_MEMBER_JOB_KINDS: tuple[str, ...] = (
    # An open case keeps escalating to staff until someone claims it, even if the member erases
    # their data or leaves: a safety path is never silenced by a privacy one.
    "crisis_deadline",
    "crisis_handoff",  # an escalation's DM steps, done where the server is held
    "crisis_alert",  # the staff alert of a new case: a person is told whatever happens
    # The member's helplines: once erased the case has no member, and the step records that.
    "crisis_member",
    "crisis_retention",  # the daily sweep (entity 0)
    "reports_retention",  # the daily sweep of reported messages' copies (entity 0)
    # One relayed message; an erased member's are deleted, and the step then finds nothing.
    "crisis_relay",
    "cohort_reminder",  # per session of a whole group
    "cohort_session_start",
    "cohort_session_end",
    "checkin_round",  # per cohort
    "checkin_reminder",  # per round
    "checkin_ask",
    "checkin_sweep",  # entity 0
    "toolkit_goodnews",
    "toolkit_sweep",  # per cohort: the weekly thread; entity 0
    "wellbeing_sweep",  # entity 0: the weekly check-ins of every opted-in member
    GROUP_LEFT,  # per group: its channels rewritten from the database
)


class PrivacyService(PlacesMixin):
    """Export, erase and describe everything Kindred holds about one person."""

    def __init__(
        self,
        db: Database,
        enrolment: EnrolmentService | None = None,
        *,
        jobs: JobScheduler | None = None,
        clock: Clock | None = None,
        retention_days: int = 90,
    ) -> None:
        """``enrolment``: the enrolment lane, whose leave ``free_places_elsewhere`` uses."""
        self.db = db
        self.enrolment = enrolment
        self.clock = clock or (jobs.clock if jobs is not None else SystemClock())
        # Cancelling through the scheduler also disarms the alarm; without one, the table only.
        self.jobs = jobs or JobScheduler(JobRepository(db), self.clock)
        self.retention_days = retention_days
        self.repositories: list[tuple[str, MemberData]] = [
            (name, cls(db)) for name, cls in REPOSITORIES
        ]

    async def tables(self, user_id: int) -> dict[str, Rows]:
        """Every member table -> the rows about this person (empty lists included)."""
        result: dict[str, Rows] = {}
        for _, repo in self.repositories:
            result.update(await repo.export_member(user_id))
        return result

    async def export(self, user_id: int) -> dict[str, object]:
        """The member's data as one JSON-ready document (what /privacy export sends)."""
        return {
            "kindred_export": 1,
            "member_id": user_id,
            "exported_at": self.clock.now().isoformat(timespec="seconds"),
            "about": (
                "Everything Kindred's database holds about you, by table. Times are UTC. Ids are "
                "Discord ids (yours, servers, channels, staff) or Kindred's own row numbers. "
                "Records of actions you took as staff about other members are not included, "
                "because they are about those members."
            ),
            "tables": await self.tables(user_id),
        }

    async def erase(self, user_id: int) -> dict[str, int]:
        """Erase the person from every table; rows changed per repository, and jobs cancelled.

        Each repository erases in its own unit of work; erasing again finishes an interrupted
        run and changes nothing more. Then ``Database.scrub`` empties the write-ahead log, so
        no copy stays on disk. Cohort places should be freed first (see the cog).
        """
        held = await self.tables(user_id)
        cancelled = await self._cancel_jobs(held, erase=True)
        counts: dict[str, int] = {}
        for name, repo in self.repositories:
            counts[name] = await repo.erase_member(user_id)
        counts["scheduled jobs"] += cancelled
        # The rows are gone; now the old page images in the write-ahead log go too.
        await self.db.scrub()
        # Counts only: the log must not keep the id of someone who asked to be forgotten.
        log.info("erased a member's data: %d row(s) changed", sum(counts.values()))
        return counts

    async def member_left(self, guild_id: int, user_id: int) -> int:
        """Cancel the pending jobs a member leaving ``guild_id`` no longer needs; how many."""
        held = await self.tables(user_id)
        return await self._cancel_jobs(held, erase=False, guild_id=guild_id)

    async def _cancel_jobs(
        self, held: dict[str, Rows], *, erase: bool, guild_id: int | None = None
    ) -> int:
        cancelled = 0
        for job in MEMBER_JOBS:
            if not (job.on_erase if erase else job.on_leave):
                continue
            for row in held.get(job.table, []):
                if guild_id is not None and row.get("guild_id") != guild_id:
                    continue
                entity = row.get("id")
                if isinstance(entity, int) and await self.jobs.cancel(job.kind, entity):
                    cancelled += 1
        return cancelled

    async def summary(self, user_id: int) -> list[str]:
        """What is held, where, for how long and who sees it, in plain words (/privacy show)."""
        held = await self.tables(user_id)
        return describe(held, self.retention_days)


def _language_name(code: str) -> str:
    """A language's name for the member: in English, as English says it; otherwise as its own
    speakers write it ("Español")."""
    if current_language() == ENGLISH:
        return english_name(code)
    return LANGUAGES.get(code, english_name(code))


# The tables ``describe`` explains in its own words.
_DESCRIBED = frozenset(
    {
        "crisis_cases",
        "crisis_case_events",
        "crisis_relay",
        "talk_offers",
        "member_settings",
        "cohort_enrolments",
        "cohort_attendance",
        "cohort_outreach",
        "cohort_absences",
        "guideline_hits",
        "guideline_infractions",
        "guideline_hidden_messages",
        "guideline_appeals",
        "guideline_nudge_optouts",
        "audit_log",
        "guild_settings",
        "cohorts",
        "cohort_groups",
        "guideline_rule_modes",
        "guideline_settings",
        "wellbeing_answers",
        "wellbeing_optins",
        "wellbeing_requests",
        "wellbeing_partial_answers",
        "toolkit_cope_log",
        "plan_items",
        "moderator_profiles",
        "message_reports",
    }
)


def describe(held: dict[str, Rows], retention_days: int) -> list[str]:
    """Plain lines about the rows held (from ``PrivacyService.tables``), in the member's language
    (the record itself, ``/privacy export``, stays as stored)."""

    def count(table: str) -> int:
        return len(held.get(table, []))

    days = retention_days
    lines: list[str] = []
    cases = count("crisis_cases")
    if cases:
        lines.append(
            t(
                "**Crisis support**: {cases} opened when Kindred was worried about you, with the "
                "steps staff took. Moderators and coordinators see them. The short excerpt of "
                "your message is erased after {days} days; if you erase your data, the case "
                "stays without your name, for the server's safety report.",
                cases=tn("{n} case", "{n} cases", cases),
                days=days,
            )
        )
    relayed = count("crisis_relay")
    if relayed:
        lines.append(
            t(
                "**Conversations with the team**: {messages} between you and the team in your "
                "crisis cases. Moderators and coordinators see them. They are erased {days} days "
                "after the case is closed, or when you erase your data.",
                messages=tn("{n} message", "{n} messages", relayed),
                days=days,
            )
        )
    if count("talk_offers"):
        lines.append(
            t(
                "**Talk to the team**: when Kindred last offered you a person to talk to, after "
                "you wrote to it, so that it offers at most once an hour. It is erased within a "
                "day, or when you erase your data."
            )
        )
    choices = held.get("member_settings", [])
    if choices and choices[0].get("country"):
        lines.append(
            t(
                "**Helpline country**: {country}, which you chose with `/resources remember:`. "
                "Only used to show you helplines.",
                country=choices[0].get("country"),
            )
        )
    if choices and choices[0].get("language"):
        lines.append(
            t(
                "**Language**: {language}, which you chose with `/language`. Used to find you a "
                "group in your language.",
                language=_language_name(str(choices[0].get("language"))),
            )
        )
    enrolments = count("cohort_enrolments")
    if enrolments:
        extra = []
        if count("cohort_attendance"):
            extra.append(
                tn("{n} attendance mark", "{n} attendance marks", count("cohort_attendance"))
            )
        if count("cohort_absences"):
            extra.append(
                tn(
                    "{n} session you said you can't make (with any reason you gave, for your "
                    "moderator)",
                    "{n} sessions you said you can't make (with any reason you gave, for your "
                    "moderator)",
                    count("cohort_absences"),
                )
            )
        if count("cohort_outreach"):
            extra.append(
                tn(
                    "{n} note to your moderator suggesting they reach out",
                    "{n} notes to your moderator suggesting they reach out",
                    count("cohort_outreach"),
                )
            )
        held_places = t(
            "**Cohorts**: {enrolments} (your consent time and the preferences from the intake "
            "form)",
            enrolments=tn("{n} enrolment", "{n} enrolments", enrolments),
        )
        lines.append(
            held_places
            + (f", {', '.join(extra)}" if extra else "")
            + t(". Coordinators and your group's moderator see them.")
        )
    checkins = sum(count(table) for table in held if table.startswith("checkin_"))
    if checkins:
        lines.append(
            t(
                "**Check-ins**: {records}: your check-in choices, your partners and whether you "
                'met. Moderators see the pairs and answers. Your "don\'t pair me with" list is '
                "seen by nobody but you (the other person is never told).",
                records=tn("{n} record", "{n} records", checkins),
            )
        )
    hits = count("guideline_hits")
    infractions = count("guideline_infractions")
    hidden = count("guideline_hidden_messages")
    appeals = count("guideline_appeals")
    if hits or infractions or hidden or appeals:
        parts = []
        if hits:
            parts.append(
                tn(
                    "{n} guideline note about your messages (which rule, no text)",
                    "{n} guideline notes about your messages (which rule, no text)",
                    hits,
                )
            )
        if infractions:
            parts.append(
                tn(
                    "{n} infraction with its reason and points",
                    "{n} infractions with its reason and points",
                    infractions,
                )
            )
        if hidden:
            parts.append(
                tn(
                    "{n} kept copy of hidden messages (erased after {days} days)",
                    "{n} kept copies of hidden messages (erased after {days} days)",
                    hidden,
                    days=days,
                )
            )
        if appeals:
            parts.append(tn("{n} appeal", "{n} appeals", appeals))
        lines.append(
            t("**Conversation guidelines**: {parts}. Moderators see them.", parts="; ".join(parts))
        )
    if count("guideline_nudge_optouts"):
        lines.append(
            t(
                "**Nudges**: you asked not to get coaching notes (`/nudges off`); moderators can "
                "see that you chose this."
            )
        )
    answered = count("wellbeing_answers")
    kept = count("wellbeing_partial_answers")
    if answered or kept or count("wellbeing_optins") or count("wellbeing_requests"):
        unsent = (
            tn(
                ", {n} answer you chose but have not sent yet",
                ", {n} answers you chose but have not sent yet",
                kept,
            )
            if kept
            else ""
        )
        lines.append(
            t(
                "**Wellbeing check-ins**: whether you opted in, when check-ins were sent to you, "
                "and {forms} (your answers and scores){unsent}. You see your own trend with "
                "`/wellbeing me`; your moderator sees answers only if you agreed to share them. A "
                "non-zero answer to the question about self-harm opens a crisis case so a person "
                "can reach out.",
                forms=tn("{n} answered form", "{n} answered forms", answered),
                unsent=unsent,
            )
        )
    if count("toolkit_cope_log"):
        lines.append(
            t(
                "**/cope log**: {moments} you chose to log (how you felt and which ideas you were "
                "shown). Only you see them.",
                moments=tn("{n} moment", "{n} moments", count("toolkit_cope_log")),
            )
        )
    if count("message_reports"):
        lines.append(
            t(
                "**Reports you made**: {messages} you reported, with why and any note. The team "
                "sees that you reported them; the people who wrote them are never told. The copy "
                "of each message is erased after {days} days; if you erase your data, the reports "
                "stay without your name or note.",
                messages=tn("{n} message", "{n} messages", count("message_reports")),
                days=days,
            )
        )
    if count("plan_items"):
        lines.append(
            t(
                "**Your plan** (`/plan`): {situations} you named, with the ideas you picked. Only "
                "you see it, unless you share it with your moderator.",
                situations=tn("{n} situation", "{n} situations", count("plan_items")),
            )
        )
    if count("moderator_profiles"):
        lines.append(
            t(
                "**Moderator profile**: your role, bio and languages, which members of the groups "
                "you moderate see (or a profile you set for a moderator, as a coordinator)."
            )
        )
    if count("audit_log"):
        lines.append(
            t(
                "**Audit log**: {entries} about you (what staff did and why). Moderators and "
                "coordinators see them.",
                entries=tn("{n} entry", "{n} entries", count("audit_log")),
            )
        )
    staff = sum(
        count(table)
        for table in (
            "guild_settings",
            "cohorts",
            "cohort_groups",
            "guideline_rule_modes",
            "guideline_settings",
        )
    )
    if staff:
        lines.append(
            t(
                "**As staff**: your id is on {settings} you changed, cohorts you created or "
                "groups you moderate, and on the actions you took (kept as staff records).",
                settings=tn("{n} setting", "{n} settings", staff),
            )
        )
    # Never leave a table out silently: anything held that the lines above do not describe
    # is still listed, by table name, so /privacy show is always complete.
    other = sorted(
        table
        for table, rows in held.items()
        if rows and table not in _DESCRIBED and not table.startswith("checkin_")
    )
    if other:
        listed = ", ".join(
            tn("{n} row in `{table}`", "{n} rows in `{table}`", count(table), table=table)
            for table in other
        )
        lines.append(
            t("**Other records**: {listed}. `/privacy export` shows them in full.", listed=listed)
        )
    if not lines:
        lines.append(t("Kindred holds **nothing** about you."))
    lines.append(
        t(
            "**Where**: one database file on the computer that runs Kindred for this community. "
            "Kindred never stores your messages, except copies of messages it hid, short crisis "
            "excerpts and messages someone reported, all erased after {days} days. Everything "
            "else is kept until you erase it (or whoever runs Kindred deletes that file). Its "
            "logs carry ids, never message text or answers.",
            days=days,
        )
    )
    lines.append(t("`/privacy export` sends you a copy of all of it; `/privacy delete` erases it."))
    return lines

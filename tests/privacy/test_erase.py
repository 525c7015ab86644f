"""Erasing a member leaves no row mentioning them; exporting gives theirs and nobody else's."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cogs.privacy.service import PrivacyService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models import AuditNote
from db.repositories._sql import insert_returning_id
from db.repositories.audit import AuditRepository
from db.repositories.cohorts import CohortRepository, NewGroup, NewSession
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guidelines import ERASED_REASON, GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.moderator_profiles import ModeratorProfileRepository
from db.repositories.plans import PlanRepository
from db.repositories.relay import RelayRepository
from db.repositories.reports import ReportRepository
from db.repositories.toolkit import ToolkitRepository
from db.repositories.wellbeing import NewAnswer, WellbeingRepository
from tests.privacy.test_coverage import declared, schema_tables

NOW = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)
GUILD = 900000000000000001
CHANNEL = 900000000000000002
ASHA = 310000000000000001  # the member who erases
BEN = 310000000000000002  # another member, in the same group and pair
CHLOE = 310000000000000003  # waiting for a place
DEV = 310000000000000004  # wrote a message both members reported
MAYA = 320000000000000001  # a moderator
PRIYA = 330000000000000001  # the coordinator
_message_ids = iter(range(940000000000000001, 940000000000001000))


async def seed_member(db: Database, user_id: int, *, group_id: int, cohort_id: int) -> None:
    """Realistic rows about one member in every member table, through the repositories."""
    crisis = CrisisRepository(db)
    resolved = await crisis.open_case(
        guild_id=GUILD,
        user_id=user_id,
        channel_id=CHANNEL,
        message_id=next(_message_ids),
        source="message",
        level="concern",
        rules=("passive_ideation",),
        reason="passive ideation",
        excerpt="I keep wishing I could just not wake up",
        now=NOW,
    )
    assert resolved is not None
    await crisis.mark_member_notified(resolved.id, "dm", NOW)
    await crisis.claim(resolved.id, MAYA, NOW)
    await crisis.close(resolved.id, "resolved", MAYA, "Talked by DM; safe tonight.", NOW)
    opened = await crisis.open_case(
        guild_id=GUILD,
        user_id=user_id,
        channel_id=None,
        message_id=None,
        source="manual",
        level="urgent",
        rules=(),
        reason="opened by a moderator",
        excerpt=None,
        now=NOW,
        actor_id=MAYA,
    )
    assert opened is not None
    relay = RelayRepository(db)
    await relay.add(
        opened.id,
        "in",
        "can someone talk to me",
        NOW,
        job_kind="crisis_relay",
        source_id=next(_message_ids),
        author_id=user_id,
    )
    await relay.add(
        opened.id,
        "out",
        "I'm here. Are you safe right now?",
        NOW,
        job_kind="crisis_relay",
        source_id=next(_message_ids),
        author_id=MAYA,
        as_name="the Kindred team",
    )
    assert await relay.claim_talk_offer(user_id, NOW, dt.timedelta(hours=1))
    await MemberSettingsRepository(db).set_country(user_id, "IN", NOW)

    rules = GuidelineRepository(db)
    await rules.set_opt_out(GUILD, user_id, True, NOW)
    await rules.record_hit(
        guild_id=GUILD,
        channel_id=CHANNEL,
        user_id=user_id,
        message_id=next(_message_ids),
        label="comparing",
        rule="comparing.others_worse",
        outcome="reported",
        now=NOW,
    )
    hidden = await rules.hide_message(
        guild_id=GUILD,
        channel_id=CHANNEL,
        user_id=user_id,
        message_id=next(_message_ids),
        label="toxic",
        rule="toxic.insult",
        content="a rude message",
        points=2,
        reason="insult",
        now=NOW,
        expires_at=NOW + dt.timedelta(days=30),
    )
    assert hidden is not None
    warning = await rules.add_infraction(
        guild_id=GUILD,
        user_id=user_id,
        kind="warn",
        points=1,
        reason="Please keep advice to when it is asked for.",
        actor_id=MAYA,
        now=NOW,
        expires_at=NOW + dt.timedelta(days=30),
    )
    await rules.add_appeal(warning, "I was asked for advice, see the thread above.", NOW)
    jobs = JobRepository(db)
    await jobs.upsert("guidelines_purge", hidden[0].id, NOW + dt.timedelta(days=90), NOW)
    await jobs.upsert("crisis_followup", resolved.id, NOW + dt.timedelta(days=1), NOW)
    await jobs.upsert("crisis_deadline", opened.id, NOW + dt.timedelta(minutes=10), NOW)

    cohorts = CohortRepository(db)
    await cohorts.place(
        cohort_id=cohort_id,
        user_id=user_id,
        candidates=[group_id],
        cap=2,
        joined_week=1,
        focus_pref="progression",
        timezone_pref="Asia/Kolkata",
        checkins=True,
        language="hi",
        consent=True,
        enrolled_by=PRIYA,
        now=NOW,
    )
    session = (await cohorts.sessions(cohort_id))[0]
    await cohorts.record_attendance(session.id, user_id, group_id, "message", NOW)
    await cohorts.mark_outreach(cohort_id, user_id, 2, "missed_two", NOW)
    await cohorts.mark_absent(
        (await cohorts.sessions(cohort_id))[1].id, user_id, "infusion day", NOW
    )

    await ToolkitRepository(db).log_cope(
        guild_id=GUILD, user_id=user_id, feeling="low", strategy_ids=("fun_memory",), now=NOW
    )
    await ToolkitRepository(db).count_feeling(GUILD, "low", NOW)
    # Each member reports a message of Dev's; Maya reviews it.
    reports = ReportRepository(db)
    filed = await reports.file(
        guild_id=GUILD, reporter_id=user_id, author_id=DEV, channel_id=CHANNEL,
        message_id=next(_message_ids), reason="unkind", route="queue", note="felt cruel",
        excerpt="nobody asked you", now=NOW, since=NOW - dt.timedelta(hours=1), limit=5,
    )  # fmt: skip
    assert filed is not None
    await reports.review(GUILD, filed[0].id, MAYA, "talked to Dev", NOW)
    plans = PlanRepository(db)
    item = await plans.add(user_id, "Evenings when fatigue is bad", "Text my sister", 3, NOW)
    await plans.set_strategies(user_id, item or 0, ("reach_out",), NOW)

    wellbeing = WellbeingRepository(db)
    await wellbeing.set_optin(GUILD, user_id, True, NOW)
    request = await wellbeing.create_request(
        guild_id=GUILD, user_id=user_id, cohort_id=cohort_id, week=1, forms=("who5",),
        enabled=(), now=NOW,
    )  # fmt: skip
    await wellbeing.save_answers(request, [NewAnswer("who5", (3, 3, 2, 4, 3), 60)], NOW)
    await wellbeing.keep_answer(request, "ucla3:0", 2, NOW)

    await AuditRepository(db).add(
        guild_id=GUILD, actor_id=PRIYA, action="cohort.enrol", target_id=cohort_id,
        detail=f"user {user_id}", now=NOW,
    )  # fmt: skip


async def seed_checkins(db: Database, cohort_id: int, group_id: int) -> None:
    """Check-in rows by SQL (the lane's own tests cover its write methods)."""
    async with db.transaction() as conn:
        for user_id in (ASHA, BEN):
            await conn.execute(
                "INSERT INTO checkin_members (cohort_id, user_id, status, updated_at)"
                " VALUES (?, ?, 'active', ?)",
                (cohort_id, user_id, NOW.isoformat()),
            )
            await conn.execute(
                "INSERT INTO checkin_pauses (cohort_id, user_id, week) VALUES (?, ?, 2)",
                (cohort_id, user_id),
            )
        # Asha would rather not be paired with Chloe; Ben with Asha (both confidential).
        for user_id, avoid_id in ((ASHA, CHLOE), (BEN, ASHA)):
            await conn.execute(
                "INSERT INTO checkin_avoid (guild_id, user_id, avoid_id, created_at)"
                " VALUES (?, ?, ?, ?)",
                (GUILD, user_id, avoid_id, NOW.isoformat()),
            )
        round_id = await insert_returning_id(
            conn,
            "INSERT INTO checkin_rounds (cohort_id, week, starts_at, remind_at, ask_at, ends_at,"
            " created_at) VALUES (?, 1, ?, ?, ?, ?, ?) RETURNING id",
            (cohort_id, *(NOW.isoformat(),) * 5),
        )
        pair_id = await insert_returning_id(
            conn,
            "INSERT INTO checkin_pairs (round_id, group_id, place, prompt)"
            " VALUES (?, ?, 'thread', 'What helped this week?') RETURNING id",
            (round_id, group_id),
        )
        for user_id in (ASHA, BEN):
            await conn.execute(
                "INSERT INTO checkin_pair_members (pair_id, user_id, outcome) VALUES (?, ?, 'met')",
                (pair_id, user_id),
            )
            await conn.execute(
                "INSERT INTO checkin_unplaced (round_id, group_id, user_id, reason)"
                " VALUES (?, ?, ?, 'alone')",
                (round_id, group_id, user_id),
            )


async def seed(db: Database) -> None:
    """Two members with rows everywhere, a waitlisted third, and the staff who acted."""
    await GuildSettingsRepository(db).update(GUILD, {"country": "IN"}, actor_id=PRIYA, now=NOW)
    rules = GuidelineRepository(db)
    await rules.set_mode(GUILD, CHANNEL, "comparing", "report", actor_id=MAYA, now=NOW)
    await rules.set_limits(GUILD, {"nudges_per_week": 2}, actor_id=MAYA, now=NOW)
    cohorts = CohortRepository(db)
    cohort = await cohorts.create(
        guild_id=GUILD,
        name="Autumn",
        start_date=dt.date(2026, 10, 6),
        weeks=2,
        weekday=1,
        local_time=dt.time(18, 0),
        timezone="Asia/Kolkata",
        length_minutes=60,
        group_cap=2,
        between_mode="closed",
        reminder_hours=(24,),
        groups=[NewGroup("progression", None, MAYA)],
        sessions=[
            NewSession(w, w, NOW + dt.timedelta(weeks=w), NOW + dt.timedelta(weeks=w, hours=1))
            for w in (1, 2)
        ],
        created_by=PRIYA,
        now=NOW,
    )
    await ModeratorProfileRepository(db).save(
        guild_id=GUILD, user_id=MAYA, role="peer_facilitator", bio="Living with MS since 2015.",
        languages=("English", "Hindi"), updated_by=PRIYA, now=NOW,
        audit=AuditNote(GUILD, PRIYA, "moderator.profile", MAYA, "peer_facilitator"),
    )  # fmt: skip
    group = (await cohorts.groups(cohort.id))[0]
    for user_id in (ASHA, BEN):
        await seed_member(db, user_id, group_id=group.id, cohort_id=cohort.id)
    await seed_checkins(db, cohort.id, group.id)
    # Maya reviews Ben's report-only hit.
    [hit] = [h for h in await rules.open_reports(GUILD) if h.user_id == BEN]
    await rules.review_hit(GUILD, hit.id, MAYA, "fine in context", NOW)


async def mentions(db: Database, person: int) -> dict[str, list[dict]]:
    """Every row of every table with the person's id in any column (as a number or in text)."""
    found: dict[str, list[dict]] = {}
    for table in await schema_tables(db):
        for row in await db.fetchall(f"SELECT * FROM {table}"):
            values = dict(row)
            if any(
                v == person or (isinstance(v, str) and str(person) in v) for v in values.values()
            ):
                found.setdefault(table, []).append(values)
    return found


@pytest.fixture
def privacy(db: Database) -> PrivacyService:
    clock = FakeClock(NOW)
    return PrivacyService(db, jobs=JobScheduler(JobRepository(db), clock), clock=clock)


async def test_every_member_table_is_seeded(db: Database) -> None:
    """Guards the tests below: a new member table must get rows here too."""
    await seed(db)
    seeded = (
        set(await mentions(db, ASHA))
        | set(await mentions(db, MAYA))
        | set(await mentions(db, PRIYA))
    )
    member_tables = set().union(*declared("MEMBER_TABLES").values())
    assert member_tables - seeded == set(), "seed rows about a member in these tables"


async def test_erasing_a_member_leaves_no_row_mentioning_them(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    counts = await privacy.erase(ASHA)
    assert await mentions(db, ASHA) == {}
    assert counts["crisis cases"] >= 2
    assert counts["scheduled jobs"] == 2  # the purge of the deleted copy and the follow-up


async def test_erasing_a_member_leaves_another_members_rows_intact(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    before = await mentions(db, BEN)
    await privacy.erase(ASHA)
    after = await mentions(db, BEN)
    # Only Ben's confidential "not with Asha" row names Asha; everything else is untouched.
    expected = {
        table: [r for r in rows if not (table == "checkin_avoid" and r["avoid_id"] == ASHA)]
        for table, rows in before.items()
    }
    assert after == {table: rows for table, rows in expected.items() if rows}


async def test_crisis_cases_are_kept_de_identified_for_the_safety_report(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    await privacy.erase(ASHA)
    rows = await db.fetchall("SELECT * FROM crisis_cases WHERE user_id IS NULL ORDER BY id")
    assert [(r["level"], r["status"], r["reason"]) for r in rows] == [
        ("concern", "resolved", "passive ideation"),
        ("urgent", "open", "opened by a moderator"),
    ]
    assert all(r["excerpt"] is None and r["message_id"] is None for r in rows)
    assert rows[0]["claimed_by"] == MAYA  # the moderator's action stays a staff record
    assert rows[0]["close_reason"] is None  # the note about the member goes
    events = await db.fetchall(
        "SELECT kind, detail FROM crisis_case_events WHERE case_id = ? ORDER BY id",
        (rows[0]["id"],),
    )
    assert [e["kind"] for e in events] == ["opened", "member_dm", "claimed", "resolved"]
    assert events[-1]["detail"] is None


async def test_jobs_of_erased_rows_are_cancelled_and_safety_deadlines_kept(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    await privacy.erase(ASHA)
    statuses = {
        (r["kind"], r["status"]) for r in await db.fetchall("SELECT kind, status FROM jobs")
    }
    assert ("guidelines_purge", "cancelled") in statuses
    assert ("guidelines_purge", "pending") in statuses  # Ben's copy still follows retention
    assert ("crisis_followup", "cancelled") in statuses
    deadlines = await db.fetchall("SELECT status FROM jobs WHERE kind = 'crisis_deadline'")
    assert [d["status"] for d in deadlines] == ["pending", "pending"]


async def test_infractions_stay_as_counts_without_member_or_reason(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    await privacy.erase(ASHA)
    rows = await db.fetchall(
        "SELECT kind, points, reason FROM guideline_infractions WHERE user_id IS NULL"
    )
    assert sorted((r["kind"], r["points"]) for r in rows) == [("hidden", 2), ("warn", 1)]
    assert {r["reason"] for r in rows} == {ERASED_REASON}


async def test_staff_notes_on_the_members_hits_and_appeals_go_with_them(
    db: Database, privacy: PrivacyService
) -> None:
    """A review or an appeal decision names the member it is about, so it is in their export
    and loses its text on erase; older entries named only the hit or the appeal."""
    await seed(db)
    rules, audit = GuidelineRepository(db), AuditRepository(db)
    [hit] = [h for h in await rules.open_reports(GUILD) if h.user_id == ASHA]
    [appeal] = [a for a in await rules.open_appeals(GUILD) if a.user_id == ASHA]
    for action, detail in (
        ("mod.review", f"hit {hit.id}: an older note"),
        ("mod.uphold", f"appeal {appeal.id}: an older decision"),
    ):
        await audit.add(
            guild_id=GUILD, actor_id=MAYA, action=action, detail=detail, now=NOW
        )  # target_id=None, as these were written before
    await rules.review_hit(GUILD, hit.id, MAYA, "describing her own relapse", NOW)
    await rules.uphold_appeal(GUILD, appeal.id, MAYA, "the warning stands", NOW)
    exported = json.dumps(await audit.export_member(ASHA))
    assert "describing her own relapse" in exported
    assert "the warning stands" in exported

    await privacy.erase(ASHA)

    rows = await db.fetchall(
        "SELECT target_id, detail FROM audit_log WHERE action IN ('mod.review', 'mod.uphold')"
    )
    assert {(r["target_id"], r["detail"]) for r in rows if r["target_id"] != BEN} == {(None, None)}
    assert len(rows) == 5  # the entries stay, as staff records; Ben's review is untouched


async def test_erasing_a_moderator_removes_their_id_from_staff_records(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    await privacy.erase(MAYA)
    assert await mentions(db, MAYA) == {}
    # The members' own records are still theirs.
    assert await db.fetchval("SELECT count(*) FROM crisis_cases WHERE user_id = ?", (ASHA,)) == 2
    assert (
        await db.fetchval("SELECT count(*) FROM guideline_infractions WHERE user_id = ?", (BEN,))
        == 2
    )


async def test_erasing_twice_changes_nothing_more(db: Database, privacy: PrivacyService) -> None:
    await seed(db)
    await privacy.erase(ASHA)
    again = await privacy.erase(ASHA)
    assert sum(again.values()) == 0


async def test_export_has_the_members_rows_and_nothing_about_anyone_else(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    document = await privacy.export(ASHA)
    text = json.dumps(document)  # JSON-able as it is
    assert str(BEN) not in text
    tables = document["tables"]
    assert isinstance(tables, dict)
    for table in (
        "crisis_cases",
        "crisis_case_events",
        "member_settings",
        "guideline_nudge_optouts",
        "guideline_hits",
        "guideline_infractions",
        "guideline_hidden_messages",
        "guideline_appeals",
        "cohort_enrolments",
        "cohort_attendance",
        "cohort_outreach",
        "cohort_absences",
        "checkin_members",
        "checkin_avoid",
        "checkin_pair_members",
        "checkin_unplaced",
        "checkin_pauses",
        "wellbeing_optins",
        "wellbeing_requests",
        "wellbeing_answers",
        "wellbeing_partial_answers",
        "audit_log",
    ):
        assert tables[table], f"{table} is missing Asha's rows"
    assert len(tables["crisis_cases"]) == 2
    assert all(r["user_id"] == ASHA for r in tables["guideline_infractions"])
    assert tables["crisis_cases"][0]["excerpt"] == "I keep wishing I could just not wake up"


async def test_export_as_staff_has_their_settings_but_not_the_members_they_acted_on(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    text = json.dumps(await privacy.export(MAYA))
    assert str(ASHA) not in text
    assert str(BEN) not in text
    tables = (await privacy.export(MAYA))["tables"]
    assert isinstance(tables, dict)
    assert tables["guideline_rule_modes"]
    assert tables["cohort_groups"]


async def test_the_summary_says_what_where_how_long_and_who(
    db: Database, privacy: PrivacyService
) -> None:
    await seed(db)
    text = "\n".join(await privacy.summary(ASHA))
    assert "2 cases" in text
    assert "Moderators" in text
    assert "90 days" in text
    assert "never message text" in text
    nothing = "\n".join(await privacy.summary(CHLOE))
    assert "holds **nothing** about you" in nothing


async def test_places_held_lists_the_live_cohorts_to_free_first(
    db: Database, privacy: PrivacyService
) -> None:
    """The cog frees these through the cohorts lane before erasing: enrolled or waiting."""
    cohorts = CohortRepository(db)
    cohort = await cohorts.create(
        guild_id=GUILD, name="Winter", start_date=dt.date(2026, 10, 6), weeks=2, weekday=1,
        local_time=dt.time(18, 0), timezone="UTC", length_minutes=60, group_cap=1,
        between_mode="closed", reminder_hours=(24,), groups=[NewGroup("general", None, None)],
        sessions=[], created_by=PRIYA, now=NOW,
    )  # fmt: skip
    group = (await cohorts.groups(cohort.id))[0]
    for user_id in (ASHA, CHLOE):  # one place: Chloe waits
        await cohorts.place(
            cohort_id=cohort.id, user_id=user_id, candidates=[group.id], cap=1, joined_week=1,
            focus_pref=None, timezone_pref=None, checkins=False, language=None, consent=True,
            enrolled_by=None, now=NOW,
        )  # fmt: skip
    waiting = await cohorts.enrolment(cohort.id, CHLOE)
    assert waiting is not None
    assert waiting.status == "waitlisted"
    for user_id in (ASHA, CHLOE):
        assert [c.name for c in await privacy.places_held(GUILD, user_id)] == ["Winter"]
    assert await privacy.places_held(GUILD + 1, ASHA) == []
    assert await privacy.places_held(GUILD, BEN) == []

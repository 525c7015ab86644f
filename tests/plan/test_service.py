"""``PlanService`` without Discord: real SQLite, a fake clock, the shipped strategies."""

from __future__ import annotations

import datetime as dt

import pytest

from cogs.plan import messages
from cogs.plan.service import MAX_ITEMS, PlanService
from cogs.toolkit.strategies import load_strategies
from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput, UserFacingError
from db.database import Database
from db.repositories.cohorts import CohortRepository, NewGroup, NewSession
from db.repositories.plans import PlanRepository

GUILD, MAYA, PRIYA = 900, 700, 800
ASHA, BEN = 101, 102
NOW = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)


@pytest.fixture
def plans(db: Database, clock: FakeClock) -> PlanService:
    return PlanService(PlanRepository(db), CohortRepository(db), load_strategies(), clock)


async def enrol(db: Database, user_id: int, *, moderator: int | None = MAYA) -> None:
    """A cohort with one group (moderated by ``moderator``) and ``user_id`` placed in it."""
    cohorts = CohortRepository(db)
    cohort = await cohorts.create(
        guild_id=GUILD, name="Autumn", start_date=dt.date(2026, 10, 6), weeks=1, weekday=1,
        local_time=dt.time(18, 0), timezone="UTC", length_minutes=60, group_cap=10,
        between_mode="closed", reminder_hours=(24,),
        groups=[NewGroup("general", None, moderator)],
        sessions=[NewSession(1, 1, NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=1, hours=1))],
        created_by=PRIYA, now=NOW,
    )  # fmt: skip
    group = (await cohorts.groups(cohort.id))[0]
    await cohorts.place(
        cohort_id=cohort.id, user_id=user_id, candidates=[group.id], cap=10, joined_week=1,
        focus_pref=None, timezone_pref=None, checkins=False, language=None, consent=True,
        enrolled_by=None, now=NOW,
    )  # fmt: skip


async def test_a_new_plan_is_empty(plans: PlanService) -> None:
    assert (await plans.plan(ASHA)).empty


async def test_a_situation_is_added_then_its_ideas_are_chosen(plans: PlanService) -> None:
    item = await plans.add(ASHA, "  Evenings when   fatigue is bad ", "Text my sister")
    await plans.choose(ASHA, item.id, ["share_good_news", "reach_out"])
    [entry] = (await plans.plan(ASHA)).entries
    assert entry.item.situation == "Evenings when fatigue is bad"
    assert entry.item.own_words == "Text my sister"
    # In the strategies file's order, whatever order they were picked in.
    assert [s.id for s in entry.strategies] == ["reach_out", "share_good_news"]


async def test_a_plan_holds_at_most_three_situations(plans: PlanService) -> None:
    for n in range(MAX_ITEMS):
        await plans.add(ASHA, f"Situation {n}", None)
    with pytest.raises(UserFacingError) as refused:
        await plans.add(ASHA, "One more", None)
    assert str(refused.value) == messages.PLAN_FULL
    assert len((await plans.plan(ASHA)).entries) == MAX_ITEMS


async def test_an_empty_situation_is_refused(plans: PlanService) -> None:
    with pytest.raises(InvalidInput):
        await plans.add(ASHA, "   ", "words")
    assert (await plans.plan(ASHA)).empty


async def test_unknown_or_too_many_ideas_are_refused(plans: PlanService) -> None:
    item = await plans.add(ASHA, "Mornings", None)
    with pytest.raises(InvalidInput):
        await plans.choose(ASHA, item.id, ["not_a_strategy"])
    with pytest.raises(InvalidInput):
        await plans.choose(
            ASHA, item.id, ["reach_out", "fun_memory", "gratitude_note", "share_good_news"]
        )
    assert (await plans.item(ASHA, item.id)).strategy_ids == ()


async def test_words_can_be_changed_and_a_situation_removed(plans: PlanService) -> None:
    first = await plans.add(ASHA, "Mornings", None)
    second = await plans.add(ASHA, "Telling family", None)
    await plans.choose(ASHA, first.id, ["fun_memory"])
    changed = await plans.edit(ASHA, first.id, "Slow mornings", "Call Dad")
    assert (changed.situation, changed.own_words, changed.strategy_ids) == (
        "Slow mornings", "Call Dad", ("fun_memory",),
    )  # fmt: skip
    await plans.remove(ASHA, second.id)
    assert [e.item.id for e in (await plans.plan(ASHA)).entries] == [first.id]


async def test_nobody_can_read_or_change_another_members_plan(plans: PlanService) -> None:
    mine = await plans.add(ASHA, "Mornings", None)
    with pytest.raises(UserFacingError):
        await plans.edit(BEN, mine.id, "Hijacked", None)
    with pytest.raises(UserFacingError):
        await plans.remove(BEN, mine.id)
    with pytest.raises(UserFacingError):
        await plans.item(BEN, mine.id)
    assert (await plans.plan(BEN)).empty
    assert (await plans.item(ASHA, mine.id)).situation == "Mornings"


async def test_cope_shows_the_plan_first_only_when_there_is_one(plans: PlanService) -> None:
    assert await plans.cope_text(ASHA) is None
    item = await plans.add(ASHA, "Evenings", "Text my sister")
    await plans.choose(ASHA, item.id, ["reach_out"])
    text = await plans.cope_text(ASHA)
    assert text is not None
    assert "Evenings" in text
    assert "Tell someone how you feel" in text
    assert "Text my sister" in text


async def test_the_checkin_note_names_the_plan_or_invites_to_make_one(plans: PlanService) -> None:
    assert "`/plan`" in await plans.checkin_note(ASHA)
    assert "Evenings" not in await plans.checkin_note(ASHA)
    await plans.add(ASHA, "Evenings", None)
    note = await plans.checkin_note(ASHA)
    assert "Evenings" in note
    assert "`/plan`" in note


async def test_a_plan_is_shared_with_the_groups_moderator(plans: PlanService, db: Database) -> None:
    await enrol(db, ASHA)
    await plans.add(ASHA, "Evenings", None)
    target = await plans.share_target(GUILD, ASHA)
    assert target.moderator_id == MAYA
    assert target.cohort.name == "Autumn"


async def test_sharing_is_refused_without_a_plan_a_group_a_moderator_or_a_server(
    plans: PlanService, db: Database
) -> None:
    with pytest.raises(UserFacingError) as empty:
        await plans.share_target(GUILD, ASHA)
    assert str(empty.value) == messages.NOTHING_TO_SHARE
    await plans.add(ASHA, "Evenings", None)
    with pytest.raises(UserFacingError) as nobody:
        await plans.share_target(GUILD, ASHA)
    assert str(nobody.value) == messages.NO_MODERATOR
    with pytest.raises(UserFacingError) as in_dm:
        await plans.share_target(None, ASHA)
    assert str(in_dm.value) == messages.SHARE_IN_SERVER
    await enrol(db, ASHA, moderator=None)
    with pytest.raises(UserFacingError):
        await plans.share_target(GUILD, ASHA)


async def test_export_and_erase_cover_the_plan(plans: PlanService, db: Database) -> None:
    from cogs.privacy.service import PrivacyService
    from cogs.utils.jobs import JobScheduler
    from db.repositories.jobs import JobRepository

    await plans.add(ASHA, "Evenings", "Text my sister")
    await plans.add(BEN, "Mornings", None)
    clock = FakeClock(NOW)
    privacy = PrivacyService(db, jobs=JobScheduler(JobRepository(db), clock), clock=clock)
    exported = await privacy.tables(ASHA)
    assert [r["situation"] for r in exported["plan_items"]] == ["Evenings"]
    assert any("Your plan" in line for line in await privacy.summary(ASHA))
    await privacy.erase(ASHA)
    assert (await plans.plan(ASHA)).empty
    assert not (await plans.plan(BEN)).empty


async def test_a_full_plan_fits_in_one_message_with_copes_question(plans: PlanService) -> None:
    from cogs.plan.service import SITUATION_LIMIT, WORDS_LIMIT
    from cogs.toolkit.messages import COPE_START

    for n in range(MAX_ITEMS):
        item = await plans.add(ASHA, str(n) * SITUATION_LIMIT, "w" * WORDS_LIMIT)
        await plans.choose(ASHA, item.id, [s.id for s in plans.strategies[:3]])
    found = await plans.plan(ASHA)
    cope = await plans.cope_text(ASHA)
    assert cope is not None
    assert len(f"{cope}\n\n{COPE_START}") <= 2000
    longest_note = messages.shared(10**18, messages.SHARED_DM)
    assert len(f"{longest_note}\n\n{messages.show(found)}") <= 2000


# --- in the member's language (issue 15) ---------------------------------------------------------


def test_a_too_long_situation_is_refused_in_the_language_being_spoken() -> None:
    from cogs.plan.service import SITUATION_LIMIT, check_situation
    from cogs.utils.i18n import speaking

    long = "x" * (SITUATION_LIMIT + 1)
    with speaking("es"), pytest.raises(InvalidInput) as spanish:
        check_situation(long)
    assert (
        spanish.value.message == f"Mantén la situación en {SITUATION_LIMIT} caracteres como máximo."
    )
    with speaking("hi"), pytest.raises(InvalidInput) as hindi:
        check_situation(" ")
    assert hindi.value.message == "कृपया कुछ शब्दों में लिखिए कि आप पर क्या भारी है।"
    with pytest.raises(InvalidInput) as english:
        check_situation(long)
    assert english.value.message == f"Please keep situation to {SITUATION_LIMIT} characters."


def test_the_moderators_copy_stays_english_while_the_member_reads_their_language() -> None:
    from cogs.plan.service import Plan, PlanEntry
    from cogs.utils.i18n import speaking
    from db.models.plans import PlanItem

    strategy = next(s for s in load_strategies() if s.id == "reach_out")
    now = dt.datetime(2026, 10, 6, tzinfo=dt.UTC)
    item = PlanItem(1, 5, "Evenings", ("reach_out",), "Text Priti", now, now)
    plan = Plan(5, (PlanEntry(item, (strategy,)),))
    with speaking("hi"):
        assert "तरीक़े: किसी को बताइए कि आपका मन कैसा है" in messages.show(plan)
        copy = messages.for_moderator(5, plan, "Autumn", 2)
    assert "Ideas: Tell someone how you feel" in copy
    assert "In your words: Text Priti" in copy

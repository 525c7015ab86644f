"""Language-aware groups (issue 15): placement and the waitlist respect a member's language.

Real SQLite and a fake clock; the lane's services wired as ``bot.py`` wires them.
"""

from __future__ import annotations

import pytest

from cogs.cohorts import messages, policy
from cogs.cohorts.curriculum import DEFAULT_PATH, load_curriculum
from cogs.cohorts.enrolment import EnrolmentService, Placement
from cogs.cohorts.service import CohortService, Moderator
from cogs.cohorts.sessions import REMINDER, SESSION_END, SESSION_START, SessionService
from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models.cohorts import Cohort, Group
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.jobs import JobRepository

GUILD, PRIYA, MAYA, RAVI = 900, 800, 700, 701
ASHA, BEN, CHLOE, DIEGO = 101, 102, 103, 104


def group(number: int, language: str | None) -> Group:
    return Group(number, 1, number, "general", None, None, None, None, language)


# --- the pure rule ----------------------------------------------------------------------------


def test_groups_without_languages_take_anyone_as_before() -> None:
    groups = [group(1, None), group(2, None)]
    fit = policy.fit_language(groups, ("es",), "en")
    assert [g.id for g in fit.first] == [1, 2]
    assert fit.waits_for is None


def test_a_member_fits_groups_in_their_language_and_a_group_without_one_is_the_servers() -> None:
    groups = [group(1, None), group(2, "es"), group(3, "hi")]
    spanish = policy.fit_language(groups, ("es",), "en")
    assert ([g.id for g in spanish.first], spanish.fallback, spanish.waits_for) == ([2], (), "es")
    english = policy.fit_language(groups, ("en",), "en")
    assert [g.id for g in english.first] == [1]
    both = policy.fit_language(groups, ("hi", "en"), "en")
    assert ([g.id for g in both.first], [g.id for g in both.fallback]) == ([3], [1])


def test_a_groups_language_must_be_one_kindred_has() -> None:
    assert policy.check_language(None) is None
    assert policy.check_language("hi") == "hi"
    with pytest.raises(InvalidInput):
        policy.check_language("fr")


def test_the_group_name_says_its_language() -> None:
    assert messages.group_name(group(2, "es")) == "Group 2 (general, in Spanish)"
    assert messages.group_name(group(1, None)) == "Group 1 (general)"


# --- placement with the database ------------------------------------------------------------


async def _no_handler(job: object) -> None:
    raise AssertionError("no job runs in these tests")


async def cohort_with(
    db: Database, clock: FakeClock, *languages: str | None, cap: int = 1
) -> tuple[EnrolmentService, Cohort]:
    """An enrolling cohort with one general group per language given (cap members each)."""
    repo = CohortRepository(db)
    jobs = JobScheduler(JobRepository(db), clock)
    for kind in (REMINDER, SESSION_START, SESSION_END):
        jobs.register(kind, _no_handler)
    curriculum = load_curriculum(DEFAULT_PATH)
    sessions = SessionService(repo, jobs, clock, curriculum)
    cohorts = CohortService(repo, sessions, CheckinRepository(db), clock, curriculum)
    first, *rest = languages
    await cohorts.create(
        GUILD, PRIYA, name="Autumn", start="2026-10-06", day="Tuesday", time="18:00",
        timezone="UTC", weeks=12, length_minutes=60, cap=cap, focus="general", label=None,
        moderator=Moderator(MAYA, is_staff=True), language=first,
    )  # fmt: skip
    for language in rest:
        await cohorts.add_group(
            GUILD, PRIYA, "Autumn", "general", None, Moderator(RAVI, True), language
        )
    found, new = await cohorts.check_start(GUILD, "Autumn")
    return EnrolmentService(cohorts), await cohorts.open_enrolment(GUILD, PRIYA, found, new)


async def join(
    enrolment: EnrolmentService, cohort: Cohort, user_id: int, answer: str, language: str = "en"
) -> Placement:
    answers = {"consent": "yes", "focus": "", "timezone": "", "checkins": "no"}
    intake = await enrolment.check_intake(GUILD, cohort.id, {**answers, "language": answer})
    return await enrolment.join(user_id, intake, language=language, server="en")


async def test_a_spanish_speaker_goes_to_the_spanish_group(db: Database, clock: FakeClock) -> None:
    enrolment, cohort = await cohort_with(db, clock, None, "es")
    placed = await join(enrolment, cohort, ASHA, "español")
    assert placed.group is not None
    assert placed.group.language == "es"
    assert placed.language_outcome == "same"
    # No answer on the form: her Discord locale (or /language) decides.
    other = await join(enrolment, cohort, BEN, "", language="en")
    assert other.group is not None
    assert other.group.language is None  # the English (server's language) group


async def test_a_full_spanish_group_means_waiting_not_the_english_group(
    db: Database, clock: FakeClock
) -> None:
    enrolment, cohort = await cohort_with(db, clock, None, "es")
    await join(enrolment, cohort, ASHA, "Spanish")
    waiting = await join(enrolment, cohort, BEN, "Spanish")
    assert waiting.group is None  # the English group has room, but she didn't ask for it
    assert (waiting.position, waiting.language_outcome) == (1, "full")
    assert "waiting for a place in a group that talks in Spanish" in messages.language_note(
        waiting.language, waiting.language_outcome
    )


async def test_a_second_language_named_on_the_form_is_used_when_the_first_is_full(
    db: Database, clock: FakeClock
) -> None:
    enrolment, cohort = await cohort_with(db, clock, None, "es")
    await join(enrolment, cohort, ASHA, "Spanish")
    placed = await join(enrolment, cohort, BEN, "Spanish, English is fine")
    assert placed.group is not None
    assert placed.group.language is None
    assert placed.language_outcome == "other"
    # Sizes still hold: with both groups full, the next one waits.
    third = await join(enrolment, cohort, CHLOE, "Spanish, English")
    assert third.group is None


async def test_a_language_with_no_group_waits_and_is_told_so(
    db: Database, clock: FakeClock
) -> None:
    enrolment, cohort = await cohort_with(db, clock, None, "es")
    waiting = await join(enrolment, cohort, ASHA, "हिंदी")
    assert waiting.group is None
    assert waiting.language_outcome == "none"
    note = messages.language_note(waiting.language, waiting.language_outcome)
    assert "no group in Hindi" in note


async def test_a_freed_place_goes_to_the_next_person_waiting_for_that_language(
    db: Database, clock: FakeClock
) -> None:
    enrolment, cohort = await cohort_with(db, clock, None, "es")
    await join(enrolment, cohort, ASHA, "English")
    await join(enrolment, cohort, BEN, "Spanish")
    await join(enrolment, cohort, CHLOE, "Spanish")  # waits for Spanish, first in the queue
    await join(enrolment, cohort, DIEGO, "English")  # waits for English
    # Asha leaves the English group: the place goes to Diego, not to Chloe ahead of him.
    left = await enrolment.leave(cohort, ASHA)
    assert left.promoted is not None
    assert left.promoted.user_id == DIEGO
    # Ben leaves the Spanish group: Chloe gets it.
    left = await enrolment.leave(cohort, BEN)
    assert left.promoted is not None
    assert left.promoted.user_id == CHLOE
    assert left.promoted.wait_language == "es"  # as she waited; cleared when she is placed again


async def test_groups_without_languages_place_as_before(db: Database, clock: FakeClock) -> None:
    enrolment, cohort = await cohort_with(db, clock, None, None)
    placed = await join(enrolment, cohort, ASHA, "Hindi")
    assert placed.group is not None
    assert placed.language_outcome is None
    assert messages.language_note(placed.language, placed.language_outcome) == ""

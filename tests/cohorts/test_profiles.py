"""Moderator profiles: the pure rules, ``ProfileService``, and the language tie-breaker in placement.

Real SQLite and a fake clock; the lane's services wired as ``bot.py`` wires them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cogs.cohorts import profiles
from cogs.cohorts.curriculum import DEFAULT_PATH, load_curriculum
from cogs.cohorts.enrolment import EnrolmentService
from cogs.cohorts.profiles import ProfileService, prefer_language
from cogs.cohorts.service import CohortService, Moderator
from cogs.cohorts.sessions import REMINDER, SESSION_END, SESSION_START, SessionService
from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models.plans import ModeratorProfile
from db.repositories.checkins import CheckinRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.jobs import JobRepository
from db.repositories.moderator_profiles import ModeratorProfileRepository
from tests.builders import REFUSAL_ERRORS, REFUSED, refuse_audit_lines

GUILD, PRIYA, MAYA, RAVI = 900, 800, 700, 701
ASHA, BEN, CHLOE = 101, 102, 103
NOW = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)


def profile(user_id: int, *languages: str) -> ModeratorProfile:
    return ModeratorProfile(GUILD, user_id, "peer_facilitator", "", languages, PRIYA, NOW)


# --- pure rules -------------------------------------------------------------------------------


def test_languages_are_tidied_and_deduplicated() -> None:
    assert profiles.parse_languages(" English,  hindi / Hindi and Tamil") == (
        "English", "hindi", "Tamil",
    )  # fmt: skip


def test_too_many_languages_are_refused() -> None:
    with pytest.raises(InvalidInput):
        profiles.parse_languages("a, b, c, d, e, f")


def test_a_long_bio_is_refused() -> None:
    with pytest.raises(InvalidInput):
        profiles.check_bio("x" * (profiles.BIO_LIMIT + 1))


def test_the_language_match_ignores_case_and_reads_several_answers() -> None:
    maya = profile(MAYA, "English", "Hindi")
    assert profiles.speaks(maya, "hindi")
    assert profiles.speaks(maya, "Tamil or hindi")
    assert not profiles.speaks(maya, "Tamil")
    assert not profiles.speaks(None, "Hindi")
    assert not profiles.speaks(maya, None)


def test_preferring_a_language_only_reorders_the_same_groups() -> None:
    moderator_of = {1: MAYA, 2: RAVI, 3: None}
    found = {MAYA: profile(MAYA, "English"), RAVI: profile(RAVI, "Hindi")}
    assert prefer_language([1, 2, 3], moderator_of, found, "Hindi") == [2, 1, 3]
    assert prefer_language([1, 2, 3], moderator_of, found, "Tamil") == [1, 2, 3]
    assert prefer_language([1, 2, 3], moderator_of, found, None) == [1, 2, 3]


def test_the_introduction_names_the_role_languages_and_bio() -> None:
    text = profiles.introduction(
        MAYA,
        ModeratorProfile(
            GUILD, MAYA, "licensed_clinician", "MS nurse.", ("English", "Hindi"), PRIYA, NOW
        ),
    )
    assert f"<@{MAYA}>" in text
    assert "licensed clinician" in text
    assert "English and Hindi" in text
    assert "MS nurse." in text
    assert profiles.introduction(MAYA, None) == f"**Your moderator:** <@{MAYA}>"


# --- the service ------------------------------------------------------------------------------


@pytest.fixture
def service(db: Database, clock: FakeClock) -> ProfileService:
    return ProfileService(ModeratorProfileRepository(db), CohortRepository(db), clock)


async def save(service: ProfileService, **options: object) -> ModeratorProfile:
    values: dict = {
        "guild_id": GUILD,
        "actor_id": PRIYA,
        "actor_is_coordinator": True,
        "user_id": MAYA,
        "target_is_staff": True,
        "role": "peer_facilitator",
        "bio": "  Living with MS\nsince 2015. ",
        "languages": "English, Hindi",
        **options,
    }
    return await service.save(**values)


async def test_a_coordinator_records_a_moderators_profile(
    service: ProfileService, db: Database
) -> None:
    saved = await save(service)
    assert (saved.role, saved.bio, saved.languages) == (
        "peer_facilitator", "Living with MS since 2015.", ("English", "Hindi"),
    )  # fmt: skip
    assert saved.updated_by == PRIYA
    assert await db.fetchval("SELECT action FROM audit_log") == "moderator.profile"


async def test_a_profile_whose_audit_line_fails_is_not_saved(
    service: ProfileService, db: Database
) -> None:
    await refuse_audit_lines(db)
    with pytest.raises(REFUSAL_ERRORS, match=REFUSED):
        await save(service)
    assert await service.repo.get(GUILD, MAYA) is None


async def test_a_moderator_edits_their_own_profile_but_not_anothers(
    service: ProfileService,
) -> None:
    own = await save(service, actor_id=MAYA, actor_is_coordinator=False, role="volunteer")
    assert own.role == "volunteer"
    with pytest.raises(UserFacingError):
        await save(service, actor_id=MAYA, actor_is_coordinator=False, user_id=RAVI)
    assert await service.repo.get(GUILD, RAVI) is None


async def test_a_profile_is_only_for_someone_with_a_staff_role(service: ProfileService) -> None:
    with pytest.raises(InvalidInput, match="moderator or coordinator role"):
        await save(service, target_is_staff=False)
    assert await service.repo.get(GUILD, MAYA) is None


# --- placement --------------------------------------------------------------------------------


async def _no_handler(job: object) -> None:
    raise AssertionError("no job runs in these tests")


async def two_groups(db: Database, clock: FakeClock, service: ProfileService):
    """An enrolling cohort with an English-speaking group (Maya) and a Hindi one (Ravi)."""
    repo = CohortRepository(db)
    jobs = JobScheduler(JobRepository(db), clock)
    for kind in (REMINDER, SESSION_START, SESSION_END):  # the cog's handlers; none run here
        jobs.register(kind, _no_handler)
    curriculum = load_curriculum(DEFAULT_PATH)
    sessions = SessionService(repo, jobs, clock, curriculum)
    cohorts = CohortService(repo, sessions, CheckinRepository(db), clock, curriculum)
    made = await cohorts.create(
        GUILD, PRIYA, name="Autumn", start="2026-10-06", day="Tuesday", time="18:00",
        timezone="UTC", weeks=12, length_minutes=60, cap=2, focus="general", label=None,
        moderator=Moderator(MAYA, is_staff=True),
    )  # fmt: skip
    await cohorts.add_group(GUILD, PRIYA, "Autumn", "general", None, Moderator(RAVI, True))
    found, new = await cohorts.check_start(GUILD, "Autumn")
    cohort = await cohorts.open_enrolment(GUILD, PRIYA, found, new)
    await save(service, user_id=MAYA, languages="English")
    await save(service, user_id=RAVI, languages="Hindi, English")
    assert made.cohort.id == cohort.id
    return EnrolmentService(cohorts, service), cohort


async def join(enrolment: EnrolmentService, cohort_id: int, user_id: int, language: str):
    answers = {"consent": "yes", "focus": "", "timezone": "", "checkins": "no"}
    intake = await enrolment.check_intake(GUILD, cohort_id, {**answers, "language": language})
    return await enrolment.join(user_id, intake)


async def test_a_member_goes_to_the_group_whose_moderator_speaks_their_language(
    db: Database, clock: FakeClock, service: ProfileService
) -> None:
    enrolment, cohort = await two_groups(db, clock, service)
    placed = await join(enrolment, cohort.id, ASHA, "Hindi")
    assert placed.group is not None
    assert placed.group.moderator_id == RAVI


async def test_the_language_never_overrides_group_sizes(
    db: Database, clock: FakeClock, service: ProfileService
) -> None:
    enrolment, cohort = await two_groups(db, clock, service)
    first = await join(enrolment, cohort.id, ASHA, "Hindi")
    # Ravi's group now has one more member: the next Hindi speaker goes to the emptier group.
    second = await join(enrolment, cohort.id, BEN, "Hindi")
    assert first.group is not None
    assert second.group is not None
    assert (first.group.moderator_id, second.group.moderator_id) == (RAVI, MAYA)
    third = await join(enrolment, cohort.id, CHLOE, "")
    assert third.group is not None  # a place in whichever group has room, as before


async def test_my_group_names_the_moderator_or_says_there_is_no_group(
    db: Database, clock: FakeClock, service: ProfileService
) -> None:
    enrolment, cohort = await two_groups(db, clock, service)
    with pytest.raises(UserFacingError):
        await service.my_group(GUILD, ASHA)
    await join(enrolment, cohort.id, ASHA, "Hindi")
    mine = await service.my_group(GUILD, ASHA)
    assert mine.profile is not None
    assert mine.profile.user_id == RAVI
    assert "Hindi and English" in profiles.my_group(mine.cohort, mine.group, mine.profile)

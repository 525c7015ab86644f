"""tests/builders.py makes what it says, through the real repositories (so a changed signature
fails here, once, rather than in every test that builds its data with it)."""

from __future__ import annotations

from db.database import Database
from db.repositories.cohorts import CohortRepository
from db.repositories.crisis import CrisisRepository
from db.repositories.guidelines import GuidelineRepository
from tests.builders import FIRST_SESSION, make_case, make_cohort, make_group, make_hidden


async def test_a_cohort_has_weekly_sessions_and_its_members_in_the_first_group(
    db: Database,
) -> None:
    cohort = await make_cohort(db, members=[101, 102], state="running", weeks=3)
    repo = CohortRepository(db)
    assert cohort.state == "running"
    assert [s.starts_at for s in await repo.sessions(cohort.id)] == [
        FIRST_SESSION,
        FIRST_SESSION.replace(day=13),
        FIRST_SESSION.replace(day=20),
    ]
    [group] = await repo.groups(cohort.id)
    assert await repo.members_of(group.id) == [101, 102]
    second = await make_group(db, cohort, focus="progression")
    assert second.number == 2


async def test_a_hidden_message_comes_with_its_infraction(db: Database) -> None:
    hidden, infraction = await make_hidden(db, 100)
    assert hidden.infraction_id == infraction.id
    assert await GuidelineRepository(db).infractions(hidden.guild_id, 20) == [infraction]


async def test_a_case_is_open_for_its_member(db: Database) -> None:
    case = await make_case(db, user_id=101, message_id=55)
    assert case.user_id == 101
    assert await CrisisRepository(db).get(case.id) == case

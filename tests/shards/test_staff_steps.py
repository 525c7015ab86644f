"""The crisis DM steps when Discord cannot say who holds a role (a server another process holds,
whose members are listed over REST): the step is recorded as not done, with why, and the next
step follows at once. Real database, FakeClock, FakeMessenger."""

from __future__ import annotations

import pytest

from bot import DataFiles
from cogs.crisis.service import DEADLINE, CrisisService
from cogs.crisis.steps import HANDOFF
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models import CrisisCase
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from tests.builders import crisis_service
from tests.fakes import FakeMessenger

GUILD, STAFF, GENERAL = 1, 10, 11
ONCALL_ROLE, BACKUP_ROLE, COORD_ROLE = 20, 21, 22
OWNER, MAYA, SAM, COORD, ASHA = 100, 101, 102, 103, 200


@pytest.fixture
async def crisis(
    db: Database, clock: FakeClock, data_files: DataFiles
) -> tuple[CrisisService, FakeMessenger]:
    jobs = JobScheduler(JobRepository(db), clock)
    settings = GuildSettingsRepository(db)
    roles = {
        "staff_channel_id": STAFF,
        "oncall_role_id": ONCALL_ROLE,
        "backup_role_id": BACKUP_ROLE,
        "coordinator_role_id": COORD_ROLE,
        "country": "IN",
    }
    await settings.update(GUILD, roles, actor_id=OWNER, now=clock.now())
    service = crisis_service(db, clock, data_files, jobs=jobs, settings=settings)
    fake = FakeMessenger()
    fake.add_server(
        GUILD,
        owner_id=OWNER,
        channels=(STAFF, GENERAL),
        roles={ONCALL_ROLE: [MAYA], BACKUP_ROLE: [SAM], COORD_ROLE: [COORD]},
        people={OWNER: "Owner", MAYA: "Maya", SAM: "Sam", COORD: "Cora", ASHA: "Asha"},
    )
    service.attach(fake)
    return service, fake


async def open_case(service: CrisisService) -> CrisisCase:
    case = await service.open_and_respond(
        guild_id=GUILD,
        user_id=ASHA,
        channel_id=GENERAL,
        message_id=5000,
        source="message",
        level="urgent",
        rules=("plan",),
        reason="Describes a plan.",
        excerpt="the words",
    )
    assert case is not None
    return case


async def test_an_on_call_role_discord_did_not_list_is_recorded_and_the_backup_is_dmed(
    crisis: tuple[CrisisService, FakeMessenger],
) -> None:
    service, fake = crisis
    fake.fail_posts(STAFF)
    fake.unlisted_roles.add(ONCALL_ROLE)
    case = await open_case(service)
    assert case.staff_reached == "dm_backup"
    assert fake.dms_to(SAM)
    assert fake.dms_to(MAYA) == []
    [reached] = [e for e in await service.cases.events(case.id) if e.kind == "staff_dm_backup"]
    assert "dm_oncall: Discord did not list who holds the role" in (reached.detail or "")


async def test_an_escalation_says_which_dm_steps_it_could_not_do_and_keeps_its_schedule(
    crisis: tuple[CrisisService, FakeMessenger], clock: FakeClock
) -> None:
    service, fake = crisis
    case = await open_case(service)
    fake.unlisted_roles.update({BACKUP_ROLE, COORD_ROLE})
    clock.advance(minutes=10)
    await service.jobs.run_due()

    escalation, note = fake.delivered("escalation")
    assert "not been claimed after 10 minutes" in escalation.text
    assert "could not DM the backup role, the coordinators" in note.text
    assert note.pings == ()  # the note pings nobody; the escalation above did
    kinds = [e.kind for e in await service.cases.events(case.id)]
    assert "escalation_step_failed" in kinds
    assert (await service.cases.get(case.id)).escalations == 1  # type: ignore[union-attr]
    deadline = await service.jobs.get(DEADLINE, case.id)
    assert deadline is not None
    assert deadline.status == "pending"
    assert deadline.due_at > clock.now()  # the next reminder, on its usual schedule


async def test_the_dm_steps_discord_did_not_list_are_handed_to_the_servers_process(
    crisis: tuple[CrisisService, FakeMessenger], clock: FakeClock
) -> None:
    service, fake = crisis
    case = await open_case(service)
    fake.unlisted_roles.update({BACKUP_ROLE, COORD_ROLE})
    clock.advance(minutes=10)
    await service.jobs.run_due()
    handoff = await service.jobs.get(HANDOFF, case.id)
    assert handoff is not None
    assert handoff.guild_id == GUILD  # runs only where the server is held
    assert handoff.status == "pending"
    assert fake.dms_to(SAM) == []

    fake.unlisted_roles.clear()  # that process has the roles' holders in its cache
    await service.jobs.run_due()

    assert "has not been claimed" in fake.dms_to(SAM)[-1]
    assert "has not been claimed" in fake.dms_to(COORD)[-1]
    assert fake.dms_to(MAYA) == []  # the on-call role is not one of the steps it was handed
    [handed] = [
        e for e in await service.cases.events(case.id) if e.kind == "escalation_step_handed"
    ]
    assert handed.detail == "dm_backup: 1 of 1; dm_coordinators: 1 of 1"


async def test_a_handoff_for_a_case_someone_claimed_meanwhile_does_nothing(
    crisis: tuple[CrisisService, FakeMessenger], clock: FakeClock
) -> None:
    service, fake = crisis
    case = await open_case(service)
    fake.unlisted_roles.add(BACKUP_ROLE)
    clock.advance(minutes=10)
    await service.jobs.run_due()
    await service.claim(case, MAYA, refresh=False)
    fake.unlisted_roles.clear()
    await service.jobs.run_due()
    assert fake.dms_to(SAM) == []

"""The admin lane's service without Discord: real SQLite and a fake clock.

The stand-in tests (tests/integration/test_setup.py, test_automod.py) cover /setup itself.
"""

from __future__ import annotations

import pytest

from cogs.admin.service import AdminService
from cogs.utils.clock import FakeClock
from db.database import Database
from db.repositories.audit import AuditRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.guild_settings import GuildSettingsRepository

GUILD, PRIYA = 900, 330


@pytest.fixture
def admin(db: Database, clock: FakeClock) -> AdminService:
    return AdminService(
        GuildSettingsRepository(db), AuditRepository(db), CohortRepository(db), clock
    )


async def test_an_update_is_saved_with_who_and_when(admin: AdminService, clock: FakeClock) -> None:
    saved = await admin.update(GUILD, {"country": "IN"}, actor_id=PRIYA)
    assert (saved.country, saved.updated_by, saved.updated_at) == ("IN", PRIYA, clock.now())
    assert (await admin.settings(GUILD)).country == "IN"


async def test_an_automod_fix_is_audited(admin: AdminService, db: Database) -> None:
    await admin.automod_fixed(GUILD, PRIYA, "exempt", 42)
    [entry] = await AuditRepository(db).recent(GUILD)
    assert (entry.actor_id, entry.action, entry.detail) == (
        PRIYA,
        "setup.automod_exempt",
        "rule 42",
    )


async def test_no_live_cohort_means_no_group_channels(admin: AdminService) -> None:
    assert await admin.group_channels(GUILD) == set()

"""The "Talk to the team" offer's hourly limit is kept in the database (``talk_offers``, V25),
so it holds across a restart and across processes; offers older than the hour are pruned by the
daily retention sweep.

On PostgreSQL two ``Database`` objects on one database stand for two processes; on SQLite one
process owns the file, so both "processes" share one ``Database`` (the limit then holds across
tasks and restarts, which is what one process needs).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot import DataFiles
from cogs.crisis import messages
from cogs.crisis.policy import TALK_OFFER_EVERY
from cogs.crisis.service import CrisisService
from cogs.crisis.steps import RETENTION
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.migrate import open_database
from db.repositories.jobs import JobRepository
from db.repositories.relay import RelayRepository
from tests.builders import crisis_service
from tests.fakes import FakeMessenger

GUILD, STAFF, OWNER = 1, 10, 100
ASHA, BEN = 200, 201


@dataclass
class Process:
    """One Kindred process's crisis lane: its own service and outbox, on its own ``Database``."""

    service: CrisisService
    outbox: FakeMessenger
    jobs: JobScheduler

    def offers(self) -> list[int]:
        return [s.to for s in self.outbox.delivered("offer")]


def start(db: Database, clock: FakeClock, data: DataFiles) -> Process:
    jobs = JobScheduler(JobRepository(db), clock)
    service = crisis_service(db, clock, data, jobs=jobs)
    outbox = FakeMessenger()
    outbox.add_server(
        GUILD, owner_id=OWNER, channels=(STAFF,), people={OWNER: "Owner", ASHA: "Asha", BEN: "Ben"}
    )
    service.attach(outbox)
    return Process(service, outbox, jobs)


@pytest.fixture
async def two(db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first = await open_database(db_url)
    if first.dialect == "sqlite":
        yield first, first  # one process owns a SQLite file
        await first.close()
        return
    second = await open_database(db_url)
    yield first, second
    await second.close()
    await first.close()


async def test_the_hourly_limit_holds_across_a_restart(
    db_url: str, clock: FakeClock, data_files: DataFiles
) -> None:
    db = await open_database(db_url)
    before = start(db, clock, data_files)
    assert await before.service.offer_talk(ASHA)
    assert before.outbox.dms_to(ASHA) == [messages.TALK_OFFER]
    await db.close()

    clock.advance(minutes=5)
    db = await open_database(db_url)  # the process restarts: nothing in memory survives
    after = start(db, clock, data_files)
    try:
        assert not await after.service.offer_talk(ASHA)
        assert await after.service.offer_talk(BEN)  # the limit is each member's own
        clock.advance(minutes=56)
        assert await after.service.offer_talk(ASHA)
        assert after.offers() == [BEN, ASHA]
    finally:
        await db.close()


async def test_two_processes_offer_it_once(
    two: tuple[Database, Database], clock: FakeClock, data_files: DataFiles
) -> None:
    a, b = (start(db, clock, data_files) for db in two)
    offered = await asyncio.gather(a.service.offer_talk(ASHA), b.service.offer_talk(ASHA))
    assert sorted(offered) == [False, True]
    assert len(a.offers() + b.offers()) == 1
    clock.advance(minutes=30)
    assert not await a.service.offer_talk(ASHA)
    assert not await b.service.offer_talk(ASHA)
    clock.advance(minutes=31)
    assert await b.service.offer_talk(ASHA)
    assert len(a.offers() + b.offers()) == 2


async def test_a_claim_is_one_statement_so_only_one_of_many_wins(
    two: tuple[Database, Database], clock: FakeClock
) -> None:
    repos = [RelayRepository(db) for db in two]
    now = clock.now()
    won = await asyncio.gather(
        *(repos[i % 2].claim_talk_offer(ASHA, now, TALK_OFFER_EVERY) for i in range(10))
    )
    assert won.count(True) == 1
    assert await repos[1].last_talk_offer(ASHA) == now
    later = now + TALK_OFFER_EVERY
    assert await repos[0].claim_talk_offer(ASHA, later, TALK_OFFER_EVERY)  # exactly an hour on
    assert await repos[1].last_talk_offer(ASHA) == later


async def test_the_daily_sweep_prunes_offers_older_than_the_hour(
    db: Database, clock: FakeClock, data_files: DataFiles
) -> None:
    process = start(db, clock, data_files)
    assert await process.service.offer_talk(ASHA)
    clock.advance(minutes=90)
    assert await process.service.offer_talk(BEN)
    await process.jobs.ensure_recurring(RETENTION)
    assert await process.jobs.run_due() == 1

    rows = await db.fetchall("SELECT user_id FROM talk_offers")
    assert [r["user_id"] for r in rows] == [BEN]  # Asha's no longer holds her back: gone
    assert not await process.service.offer_talk(BEN)  # Ben's still does
    assert await process.service.offer_talk(ASHA)

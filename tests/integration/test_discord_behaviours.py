"""Discord behaviours the stand-in models (issue 18), and Kindred coping with each.

Each test meets one thing real Discord does that Kindred's other tests never met before the
stand-in modelled it: events starting and ending by themselves, threads archiving when idle.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest

from cogs.utils import charts
from db.models.cohorts import SessionRow
from tests.conftest import Kindred
from tests.integration.test_cohorts import cog, enrolling, join, run_until
from tests.integration.test_cohorts import world as world  # the fixture

START = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)  # week 1 of "Autumn"


async def week_one(k: Kindred) -> SessionRow:
    found = await cog(k).repo.by_name(k.world.guild.id, "Autumn")
    return (await cog(k).repo.sessions(found.id))[0]


# --- scheduled events start and end by themselves ---------------------------------------------


async def test_discord_starts_and_ends_the_event_itself_at_its_times(kindred: Kindred) -> None:
    await enrolling(kindred)
    session = await week_one(kindred)
    event = kindred.fake.guild(kindred.world.guild.id).scheduled_events[session.event_id]
    kindred.clock.set(START)
    assert kindred.fake.tick() == [f"event {event['id']}: 1 -> 2"]
    kindred.clock.set(START + timedelta(hours=1))
    assert kindred.fake.tick() == [f"event {event['id']}: 2 -> 3"]
    assert event["status"] == 3


async def test_a_start_that_races_discords_own_start_still_records_the_event_active(
    kindred: Kindred,
) -> None:
    """Discord started the event a moment before Kindred's start job, and the gateway update
    has not reached Kindred yet: its start is refused, and the session's event is active."""
    await enrolling(kindred)
    await join(kindred, kindred.world.member("Asha"), "newly diagnosed")
    kindred.clock.set(START)
    assert kindred.fake.tick(dispatch=False)  # started on Discord; Kindred's cache is stale
    await run_until(kindred, START)
    refused = [r for r in kindred.fake.refusals if "scheduled-events" in r.path]
    assert [r.code for r in refused] == [180000]  # the race happened
    assert (await week_one(kindred)).event_status == "active"


async def test_an_end_after_discord_completed_the_event_still_records_it_ended(
    kindred: Kindred,
) -> None:
    await enrolling(kindred)
    await join(kindred, kindred.world.member("Asha"), "newly diagnosed")
    await run_until(kindred, START)
    assert (await week_one(kindred)).event_status == "active"
    kindred.clock.set(START + timedelta(hours=1))
    assert kindred.fake.tick(dispatch=False)  # completed on Discord; Kindred's cache is stale
    await run_until(kindred, START + timedelta(hours=1))
    refused = [r for r in kindred.fake.refusals if "scheduled-events" in r.path]
    assert [r.code for r in refused] == [180000]
    assert (await week_one(kindred)).event_status == "ended"
    assert kindred.fake.errors == []


# --- interaction deadlines --------------------------------------------------------------------


def slow_charts(k: Kindred, monkeypatch: pytest.MonkeyPatch, module: str, seconds: int) -> None:
    """Make Kindred slow: drawing a chart takes ``seconds`` of the test's clock."""
    real = charts.bar_chart_png

    def slow(*args: Any, **kwargs: Any) -> bytes:
        k.clock.advance(timedelta(seconds=seconds))
        return real(*args, **kwargs)

    # Extensions are loaded by name, not as attributes of their package: patch the loaded one.
    monkeypatch.setattr(sys.modules[module], "bar_chart_png", slow)


async def test_a_report_that_takes_longer_than_three_seconds_still_arrives(
    kindred: Kindred, monkeypatch: pytest.MonkeyPatch
) -> None:
    await enrolling(kindred)
    await join(kindred, kindred.world.member("Asha"), "newly diagnosed")
    await run_until(kindred, START + timedelta(hours=1))
    slow_charts(kindred, monkeypatch, "cogs.cohorts.cog", 5)
    result = await kindred.driver.command(
        kindred.world.coordinator, "cohort report", {"cohort": "Autumn"}
    )
    assert [r.code for r in kindred.fake.refusals if "interactions" in r.path] == []
    assert result.ephemeral
    assert "Report: Autumn" in result.text
    assert len(result.message["attachments"]) == 2


async def test_the_stand_in_refuses_a_first_answer_after_three_seconds(
    kindred: Kindred, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kindred made slow before its first answer (here, its defer): Discord has forgotten the
    interaction, and refuses the answer with 10062 Unknown interaction."""
    await enrolling(kindred)

    async def undeferred(*args: Any, **kwargs: Any) -> None:
        kindred.clock.advance(timedelta(seconds=4))  # nothing answered in time

    monkeypatch.setattr(discord.InteractionResponse, "defer", undeferred)
    await kindred.driver.command(kindred.world.coordinator, "cohort report", {"cohort": "Autumn"})
    refused = [r for r in kindred.fake.refusals if "callback" in r.path]
    assert [(r.status, r.code) for r in refused][:1] == [(404, 10062)]

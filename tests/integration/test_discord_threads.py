"""Threads Discord archived for being idle (issue 18): Kindred reopens one before changing it.

Discord archives a thread after its auto-archive duration without activity, and an archived
thread refuses new and departing members (50083) until it is unarchived.
"""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_checkins import pairs_of_week, start_cohort, to_week
from tests.integration.test_checkins import world as world  # the checkins fixture


async def test_a_swap_into_a_thread_discord_archived_reopens_it_first(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    first, second = (await pairs_of_week(kindred, 1))[:2]
    for pair in (first, second):  # quiet threads: archived after an hour of no activity
        kindred.fake.channel(pair.thread_id)["thread_metadata"]["auto_archive_duration"] = 60
    kindred.clock.set(kindred.clock.now() + timedelta(minutes=61))
    assert len(kindred.fake.tick(dispatch=False)) == 2  # Kindred's cache still says open
    a, b = first.user_ids[0], second.user_ids[0]
    done = await kindred.driver.command(
        kindred.world.member("Maya"), "checkin override", {"member_a": a, "member_b": b}
    )
    assert "Swapped" in done.content, done.content
    assert b in kindred.fake.thread_members[first.thread_id]
    assert a not in kindred.fake.thread_members[first.thread_id]
    assert a in kindred.fake.thread_members[second.thread_id]
    assert not kindred.fake.channel(first.thread_id)["thread_metadata"]["archived"]
    assert kindred.fake.errors == []


async def test_the_stand_in_archives_an_idle_thread_and_is_reopened_before_a_swap(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    pair = (await pairs_of_week(kindred, 1))[0]
    meta = kindred.fake.channel(pair.thread_id)["thread_metadata"]
    assert meta["auto_archive_duration"] == 10080  # a week, as Kindred asks
    kindred.clock.set(kindred.clock.now() + timedelta(days=6, hours=23))
    assert not [c for c in kindred.fake.tick() if c.startswith("thread")]
    kindred.clock.set(kindred.clock.now() + timedelta(hours=1, minutes=1))
    assert f"thread {pair.thread_id}: archived" in kindred.fake.tick()
    assert meta["archived"]
    added = await kindred.driver.command(
        kindred.world.member("Maya"),
        "checkin override",
        {
            "member_a": pair.user_ids[0],
            "member_b": (await pairs_of_week(kindred, 1))[1].user_ids[0],
        },
    )
    assert "Swapped" in added.content, added.content
    refused = [r for r in kindred.fake.refusals if r.code == 50083]
    assert refused == []  # the cache knew: Kindred reopened the thread before touching it
    assert not meta["archived"]

"""Peer check-ins end to end: the real discord.py client against the local stand-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations

import pytest

from cogs.checkins import messages
from cogs.checkins.service import CheckinService
from sandbox.driver import NotAllowed
from sandbox.fake_discord import FakeDiscord, Perm
from sandbox.world import World, build_world
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

EXTRA = "Kai"  # an 11th member, for the trio
URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."
# The cohort's first session is Tuesday 6 October 2026, 18:00 in New York (22:00 UTC); round 1
# opens the next day at 10:00 New York time, and every week after.
ROUND_1 = datetime(2026, 10, 7, 14, 0, tzinfo=UTC)


@pytest.fixture
def world(fake: FakeDiscord) -> World:
    """The demo server plus one more member."""
    built = build_world(fake)
    built.members.append(fake.add_member(built.guild.id, EXTRA))
    return built


# --- helpers ----------------------------------------------------------------------------------


async def start_cohort(k: Kindred, members: int = 10, *, checkins: str = "yes") -> None:
    """One group (cap 12) moderated by Maya; ``members`` of the demo members join it."""
    w = k.world
    created = await k.driver.command(
        w.coordinator,
        "cohort create",
        {
            "name": "Autumn",
            "start": "2026-10-06",
            "day": "Tuesday",
            "time": "18:00",
            "timezone": "America/New_York",
            "cap": 12,
            "moderator": w.member("Maya"),
        },
    )
    assert "Created the draft cohort" in created.content, created.content
    started = await k.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in started.content, started.content
    for member in w.members[:members]:
        shown = await k.driver.command(member, "join", {})
        opened = await k.driver.click(member, shown, "cohort:agree")
        done = await k.driver.submit_modal(member, opened, {"focus": "", "checkins": checkins})
        assert "You have a place" in (done.content or ""), done.content


async def run_until(k: Kindred, moment: datetime) -> None:
    """Move the clock and run every job that is due, including ones that due jobs schedule."""
    k.clock.set(moment)
    for _ in range(10):
        ran = await k.services.jobs.run_due()
        await k.driver.settle()
        if not ran:
            return


async def to_week(k: Kindred, week: int, *, extra: timedelta = timedelta(0)) -> None:
    """Just after round ``week`` opens (plus ``extra``); 10:00 New York is 15:00 UTC in November."""
    found = await lane(k).cohorts.by_name(k.world.guild.id, "Autumn")
    schedule = await lane(k).rounds.schedule_for(found)
    await run_until(k, schedule.start_of(week) + timedelta(minutes=1) + extra)


def lane(k: Kindred) -> CheckinService:
    return k.services.lanes.checkins


async def cohort_id(k: Kindred) -> int:
    found = await lane(k).cohorts.by_name(k.world.guild.id, "Autumn")
    return found.id


async def pairs_of_week(k: Kindred, week: int):
    round_ = await lane(k).repo.round_of(await cohort_id(k), week)
    assert round_ is not None, f"no round for week {week}"
    return await lane(k).repo.pairs(round_.id)


def group_channel(k: Kindred) -> dict:
    return next(
        c for c in k.fake.channels_in(k.world.guild.id, type=0) if c["name"].startswith("group-1-")
    )


async def everyone_posts(k: Kindred, week: int) -> None:
    """Every paired member says hello in their thread (which counts as meeting)."""
    for pair in await pairs_of_week(k, week):
        for user_id in pair.user_ids:
            await k.driver.post(user_id, pair.thread_id, "Hi! Good to meet you this week.")


def sees_thread(k: Kindred, thread_id: int, user_id: int) -> bool:
    """Discord's rule for a private thread: view the parent, and be in it or manage threads.

    The stand-in's ``can_view`` checks only the parent channel's overwrites for threads.
    """
    fake = k.fake
    if not fake.can_view(thread_id, user_id):
        return False
    perms = fake.permissions_in(thread_id, user_id)
    return user_id in fake.thread_members[thread_id] or bool(perms & Perm.MANAGE_THREADS)


# --- the weekly round -------------------------------------------------------------------------


async def test_each_pair_gets_a_private_thread_with_the_prompt(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    assert kindred.clock.now() == ROUND_1 + timedelta(minutes=1)
    pairs = await pairs_of_week(kindred, 1)
    assert len(pairs) == 5
    threads = kindred.fake.threads_in(group_channel(kindred).id)
    assert len(threads) == 5
    assert all(t["type"] == 12 for t in threads)
    prompt = lane(kindred).rounds.prompts.for_week(1).text
    names = {m.id: m.name for m in kindred.world.members}
    by_id = {t["id"]: t for t in threads}
    for pair in pairs:
        assert kindred.fake.thread_members[pair.thread_id] >= set(pair.user_ids)
        first, second = (names[u] for u in pair.user_ids)
        assert by_id[str(pair.thread_id)]["name"] == f"Week 1 · {first} & {second}"
        opening = kindred.driver.sent_to_channel(pair.thread_id)[0]["content"]
        assert prompt in opening
        assert all(f"<@{u}>" in opening for u in pair.user_ids)
    assert kindred.fake.warnings == []
    assert kindred.fake.errors == []


async def test_ten_members_over_nine_weeks_never_meet_the_same_partner_twice(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    seen: set[tuple[int, int]] = set()
    prompts = set()
    for week in range(1, 10):
        await to_week(kindred, week)
        pairs = await pairs_of_week(kindred, week)
        assert len(pairs) == 5
        for pair in pairs:
            assert pair.user_ids not in seen, f"week {week} repeats {pair.user_ids}"
            seen.add(pair.user_ids)
            prompts.add(pair.prompt)
        for pair in pairs:  # they all meet, so nobody is paused
            for user_id in pair.user_ids:
                await lane(kindred).repo.mark_posted(pair.id, user_id, kindred.clock.now())
    assert len(seen) == 45  # every possible pair of 10, exactly once
    assert len(prompts) > 4  # the prompt varies week by week
    assert len(kindred.fake.threads_in(group_channel(kindred).id)) == 45


async def test_eleven_members_make_four_pairs_and_one_trio_every_week(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=11)
    for week in range(1, 5):
        await to_week(kindred, week)
        sizes = sorted(len(p.user_ids) for p in await pairs_of_week(kindred, week))
        assert sizes == [2, 2, 2, 2, 3]
        for pair in await pairs_of_week(kindred, week):
            for user_id in pair.user_ids:
                await lane(kindred).repo.mark_posted(pair.id, user_id, kindred.clock.now())


async def test_an_avoid_list_is_honoured_and_never_revealed(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    noted = await kindred.driver.command(asha, "checkin avoid", {"member": ben})
    assert noted.ephemeral
    assert "not told" in noted.content
    for week in range(1, 10):
        await to_week(kindred, week)
        for pair in await pairs_of_week(kindred, week):
            assert not {asha.id, ben.id} <= set(pair.user_ids)
            for user_id in pair.user_ids:
                await lane(kindred).repo.mark_posted(pair.id, user_id, kindred.clock.now())
    # Nothing Ben can read mentions it: his DMs, his threads, his own status.
    ben_threads = [
        t.id
        for t in kindred.fake.threads_in(group_channel(kindred).id)
        if ben.id in kindred.fake.thread_members[t.id]
    ]
    readable = [m["content"] for m in kindred.driver.dms_to(ben)]
    for thread_id in ben_threads:
        readable += [m["content"] for m in kindred.driver.sent_to_channel(thread_id)]
    status = await kindred.driver.command(ben, "checkin status")
    readable.append(status.content)
    for text in readable:
        lowered = text.lower()
        assert "avoid" not in lowered
        assert "don't pair" not in lowered
        assert "asked not" not in lowered
        assert "preference" not in lowered
        assert f"<@{asha.id}>" not in text
    mine = await kindred.driver.command(asha, "checkin status")
    assert f"<@{ben.id}>" in mine.content  # Asha sees her own list


async def test_a_member_with_no_possible_partner_is_told_kindly_and_staff_see_why(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=2)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    await kindred.driver.command(ben, "checkin avoid", {"member": asha})
    await to_week(kindred, 1)
    assert await pairs_of_week(kindred, 1) == []
    for member in (asha, ben):
        assert kindred.driver.dms_to(member)[-1]["content"] == messages.NO_PARTNER
    staff = kindred.driver.sent_to_channel(kindred.world.channels["staff"])[-1]["content"]
    assert f"<@{asha.id}>" in staff
    assert f"<@{ben.id}>" in staff
    assert "no possible partner" in staff


async def test_a_snoozed_member_sits_out_the_next_week_only(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    asha = kindred.world.member("Asha")
    snoozed = await kindred.driver.command(asha, "checkin snooze", {"weeks": 1})
    assert "from week 3" in snoozed.content
    await everyone_posts(kindred, 1)
    await to_week(kindred, 2)
    week2 = await pairs_of_week(kindred, 2)
    assert all(asha.id not in p.user_ids for p in week2)
    assert sorted(len(p.user_ids) for p in week2) == [2, 2, 2, 3]  # 9 members: one trio
    await everyone_posts(kindred, 2)
    await to_week(kindred, 3)
    assert any(asha.id in p.user_ids for p in await pairs_of_week(kindred, 3))
    # A snoozed week is not a missed one.
    assert await lane(kindred).repo.outcomes(await cohort_id(kindred), asha.id, 0) == ["met"]


async def test_three_missed_check_ins_pause_with_a_kind_note_and_optin_rejoins(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    asha = kindred.world.member("Asha")
    for week in range(1, 4):
        await to_week(kindred, week)
        for pair in await pairs_of_week(kindred, week):
            for user_id in pair.user_ids:
                if user_id != asha.id:
                    await lane(kindred).repo.mark_posted(pair.id, user_id, kindred.clock.now())
    await to_week(kindred, 4)
    assert all(asha.id not in p.user_ids for p in await pairs_of_week(kindred, 4))
    notes = [m["content"] for m in kindred.driver.dms_to(asha)]
    assert notes.count(messages.PAUSED_NOTE) == 1
    status = await kindred.driver.command(asha, "checkin status")
    assert "paused" in status.content
    back = await kindred.driver.command(asha, "checkin optin")
    assert "You're in" in back.content
    await to_week(kindred, 5)
    assert any(asha.id in p.user_ids for p in await pairs_of_week(kindred, 5))
    await to_week(kindred, 6)  # her misses count afresh: one more miss does not pause her
    assert any(asha.id in p.user_ids for p in await pairs_of_week(kindred, 6))


async def test_optout_at_intake_or_later_means_no_partner(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=4)
    asha = kindred.world.member("Asha")
    await kindred.driver.command(asha, "checkin optout")
    await to_week(kindred, 1)
    pairs = await pairs_of_week(kindred, 1)
    assert [len(p.user_ids) for p in pairs] == [3]
    assert all(asha.id not in p.user_ids for p in pairs)


# --- the week: reminder, "did you meet?" -------------------------------------------------------


async def test_midweek_reminder_goes_only_to_pairs_that_have_not_posted(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    pairs = await pairs_of_week(kindred, 1)
    talked, quiet = pairs[0], pairs[1:]
    await kindred.driver.post(talked.user_ids[0], talked.thread_id, "Hello! How's your week?")
    await to_week(kindred, 1, extra=timedelta(days=3))
    assert len(kindred.driver.sent_to_channel(talked.thread_id)) == 1  # just the opening
    for pair in quiet:
        sent = kindred.driver.sent_to_channel(pair.thread_id)
        assert len(sent) == 2
        assert "gentle mid-week reminder" in sent[-1]["content"]


async def test_did_you_meet_buttons_record_each_members_answer(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    await to_week(kindred, 1, extra=timedelta(days=6))
    pair, other = (await pairs_of_week(kindred, 1))[:2]
    asked = kindred.driver.sent_to_channel(pair.thread_id)[-1]
    assert "did you manage to check in" in asked["content"]
    a, b = pair.user_ids
    yes = await kindred.driver.click(a, asked, f"checkin:met:{pair.id}")
    assert yes.ephemeral
    assert yes.content == messages.ANSWER_MET
    no = await kindred.driver.click(b, asked, f"checkin:missed:{pair.id}")
    assert no.content == messages.ANSWER_MISSED
    outsider = await kindred.driver.click(other.user_ids[0], asked, f"checkin:met:{pair.id}")
    assert outsider.content == messages.ANSWER_NOT_YOURS
    fresh = await lane(kindred).repo.pair(pair.id)
    assert {m.user_id: m.outcome for m in fresh.members} == {a: "met", b: "not_met"}
    await to_week(kindred, 2)  # the round closes; the other pairs count as no answer
    closed = await lane(kindred).repo.pair(other.id)
    assert {m.outcome for m in closed.members} == {"no_answer"}
    rates = await lane(kindred).repo.completion(await cohort_id(kindred))
    assert (rates[0].pairs, rates[0].met) == (5, 1)


async def test_a_restart_mid_week_keeps_the_pairs_and_the_reminders(
    fake, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await start_cohort(first)
        await to_week(first, 1)
        before = await pairs_of_week(first, 1)
        threads_before = {t.id for t in fake.threads_in(group_channel(first).id)}
    assert len(threads_before) == 5
    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        second.fake.now = second.clock.now
        # The round job runs again after the restart (as after a crash mid-run).
        await second.services.jobs.schedule("checkin_round", await cohort_id(second), clock.now())
        await to_week(second, 1, extra=timedelta(days=3))
        assert {p.user_ids for p in await pairs_of_week(second, 1)} == {p.user_ids for p in before}
        assert {t.id for t in fake.threads_in(group_channel(second).id)} == threads_before
        for pair in before:
            sent = second.driver.sent_to_channel(pair.thread_id)
            assert sum("You're this week's check-in" in m["content"] for m in sent) == 1
            assert "gentle mid-week reminder" in sent[-1]["content"]
        await to_week(second, 1, extra=timedelta(days=6))
        asked = second.driver.sent_to_channel(before[0].thread_id)[-1]
        clicked = await second.driver.click(
            before[0].user_ids[0], asked, f"checkin:met:{before[0].id}"
        )
        assert clicked.content == messages.ANSWER_MET


# --- privacy and safety in threads ------------------------------------------------------------


async def test_a_member_cannot_see_another_pairs_thread(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    mine, theirs = (await pairs_of_week(kindred, 1))[:2]
    me = mine.user_ids[0]
    assert sees_thread(kindred, mine.thread_id, me)
    assert not sees_thread(kindred, theirs.thread_id, me)
    with pytest.raises(NotAllowed):
        await kindred.driver.post(me, theirs.thread_id, "hello?")
    maya = kindred.world.member("Maya")  # the group's moderator (Manage Threads)
    assert sees_thread(kindred, theirs.thread_id, maya.id)
    outsider = kindred.world.member(EXTRA)  # not in the cohort
    assert not sees_thread(kindred, theirs.thread_id, outsider.id)


async def test_members_can_post_in_their_thread_while_the_group_channel_is_closed(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)  # between sessions: the group channel is read-only for members
    pair = (await pairs_of_week(kindred, 1))[0]
    with pytest.raises(NotAllowed):
        await kindred.driver.post(pair.user_ids[0], group_channel(kindred).id, "hi all")
    await kindred.driver.post(pair.user_ids[0], pair.thread_id, "Hi partner!")
    fresh = await lane(kindred).repo.pair(pair.id)
    assert [m.posted for m in fresh.members].count(True) == 1


async def test_a_crisis_message_in_a_check_in_thread_alerts_staff(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    pair = (await pairs_of_week(kindred, 1))[0]
    staff = kindred.world.channels["staff"]
    before = len(kindred.driver.sent_to_channel(staff))
    await kindred.driver.post(pair.user_ids[0], pair.thread_id, URGENT)
    alerts = kindred.driver.sent_to_channel(staff)[before:]
    assert len(alerts) == 1
    assert "urgent" in str(alerts[0]).lower()


# --- moderators -------------------------------------------------------------------------------


async def test_moderators_see_this_weeks_pairs_and_members_cannot(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    shown = await kindred.driver.command(kindred.world.member("Maya"), "checkin pairs")
    assert shown.ephemeral
    text = shown.text
    assert "Week 1" in text
    for pair in await pairs_of_week(kindred, 1):
        assert f"<#{pair.thread_id}>" in text
    assert "Completion so far" in text
    refused = await kindred.driver.command(kindred.world.member("Asha"), "checkin pairs")
    assert "moderators" in refused.content


async def test_a_moderator_swaps_two_members_and_the_threads_follow(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred)
    await to_week(kindred, 1)
    first, second = (await pairs_of_week(kindred, 1))[:2]
    a, b = first.user_ids[0], second.user_ids[0]
    done = await kindred.driver.command(
        kindred.world.member("Maya"), "checkin override", {"member_a": a, "member_b": b}
    )
    assert "Swapped" in done.content, done.content
    after = {p.id: p for p in await pairs_of_week(kindred, 1)}
    assert b in after[first.id].user_ids
    assert a in after[second.id].user_ids
    assert b in kindred.fake.thread_members[first.thread_id]
    assert a not in kindred.fake.thread_members[first.thread_id]
    assert a in kindred.fake.thread_members[second.thread_id]
    name_of = {m.id: m.name for m in kindred.world.members}
    renamed = kindred.fake.channel(first.thread_id)["name"]
    assert renamed == "Week 1 · " + " & ".join(name_of[u] for u in after[first.id].user_ids)


async def test_every_pair_in_a_week_is_distinct_and_places_everyone_once(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=11)
    await to_week(kindred, 1)
    placed = [u for p in await pairs_of_week(kindred, 1) for u in p.user_ids]
    assert sorted(placed) == sorted(m.id for m in kindred.world.members[:11])
    assert (
        len(
            {
                frozenset(c)
                for p in await pairs_of_week(kindred, 1)
                for c in combinations(p.user_ids, 2)
            }
        )
        == 4 + 3
    )


async def test_a_dm_pair_whose_dms_are_closed_meets_in_a_thread_instead(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=2)
    asha, ben = kindred.world.members[:2]
    for member in (asha, ben):
        await kindred.driver.command(member, "checkin optin", {"where": "dm"})
    kindred.fake.close_dms(ben.id)
    await to_week(kindred, 1)
    (pair,) = await pairs_of_week(kindred, 1)
    assert pair.place == "thread"
    assert pair.thread_id is not None
    opening = kindred.driver.sent_to_channel(pair.thread_id)
    assert any("check-in" in m["content"] for m in opening)
    members = {str(u) for u in kindred.fake.thread_members[pair.thread_id]}
    assert {str(asha.id), str(ben.id)} <= members

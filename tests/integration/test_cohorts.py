"""The cohorts lane end to end: the real discord.py client against the local stand-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cogs.cohorts.service import CohortService
from sandbox.fake_discord import FakeDiscord
from sandbox.world import World, build_world
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

EXTRA = "Kai"  # an 11th member, so 11 people can ask for a 10-place group


@pytest.fixture
def world(fake: FakeDiscord) -> World:
    """The demo server plus one more member."""
    built = build_world(fake)
    built.members.append(fake.add_member(built.guild.id, EXTRA))
    return built


CREATE = {
    "name": "Autumn",
    "start": "2026-10-06",
    "day": "Tuesday",
    "time": "18:00",
    "timezone": "America/New_York",
    "focus": "newly_diagnosed",
}


async def create_cohort(k: Kindred, **overrides: object) -> None:
    w = k.world
    options = {**CREATE, "moderator": w.member("Maya"), **overrides}
    result = await k.driver.command(w.coordinator, "cohort create", options)
    assert "Created the draft cohort" in result.content, result.content
    result = await k.driver.command(
        w.coordinator,
        "cohort group",
        {"cohort": options["name"], "focus": "progression", "moderator": w.member("Sam")},
    )
    assert "Added Group 2" in result.content, result.content


async def join(k: Kindred, member: object, focus: str = "") -> str:
    shown = await k.driver.command(member, "join", {})
    assert "what Kindred keeps" in shown.content, shown.content
    opened = await k.driver.click(member, shown, "cohort:agree")
    assert opened.modal is not None, opened.content
    done = await k.driver.submit_modal(member, opened, {"focus": focus, "checkins": "yes"})
    return done.content or ""


async def enrolling(k: Kindred) -> None:
    """Set the server up and open the two-group cohort "Autumn" for enrolment."""
    await configure(k)
    await create_cohort(k)
    result = await k.driver.command(k.world.coordinator, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in result.content, result.content


def cog(k: Kindred) -> CohortService:
    return k.bot.services.lanes.cohorts


async def run_until(k: Kindred, moment: datetime) -> None:
    k.clock.set(moment)
    await k.services.jobs.run_due()
    await k.driver.settle()


def channel_of(k: Kindred, number: int) -> dict:
    return next(
        c
        for c in k.fake.channels_in(k.world.guild.id, type=0)
        if c["name"].startswith(f"group-{number}-")
    )


# --- slice 1: cohorts and the state machine ---------------------------------------------------


async def test_twelve_sessions_land_on_the_right_utc_instants_across_the_dst_change(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    found = await cog(kindred).repo.by_name(kindred.world.guild.id, "autumn")
    sessions = await cog(kindred).repo.sessions(found.id)
    assert len(sessions) == 12
    # 18:00 in New York is 22:00 UTC under EDT and 23:00 UTC under EST (from 1 November).
    assert sessions[0].starts_at == datetime(2026, 10, 6, 22, 0, tzinfo=UTC)
    assert sessions[3].starts_at == datetime(2026, 10, 27, 22, 0, tzinfo=UTC)
    assert sessions[4].starts_at == datetime(2026, 11, 3, 23, 0, tzinfo=UTC)
    assert sessions[11].starts_at == datetime(2026, 12, 22, 23, 0, tzinfo=UTC)

    await kindred.driver.command(kindred.world.coordinator, "cohort start", {"cohort": "Autumn"})
    starts = [await kindred.services.jobs.repo.get("cohort_session_start", s.id) for s in sessions]
    assert [j.due_at for j in starts] == [s.starts_at for s in sessions]
    assert all(j.status == "pending" for j in starts)


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("timezone", "EST5", "timezone"),
        ("time", "25:00", "25:00"),
        ("start", "2026-09-01", "already passed"),
        ("start", "9999-12-31", "more than 2 years away"),
        ("cap", 0, "at least 1 member"),
    ],
)
async def test_bad_input_gets_a_clear_private_message_and_nothing_is_created(
    kindred: Kindred, option: str, value: object, words: str
) -> None:
    await configure(kindred)
    result = await kindred.driver.command(
        kindred.world.coordinator, "cohort create", {**CREATE, option: value}
    )
    assert result.ephemeral
    assert words in result.content
    assert await cog(kindred).repo.in_guild(kindred.world.guild.id) == []


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("name", "@everyone's autumn", "`@everyone` or `@here`"),
        ("name", "Autumn\n2026", "control characters"),
        ("name", "Aut\u200bumn", "invisible characters (U+200B ZERO WIDTH SPACE"),
        ("label", "ask <@&1234567890123456789>", "a mention of a member, role or channel"),
        ("label", "hi @here", "`@everyone` or `@here`"),
    ],
)
async def test_names_that_would_ping_or_hide_text_are_refused_and_nothing_is_created(
    kindred: Kindred, option: str, value: str, words: str
) -> None:
    await configure(kindred)
    result = await kindred.driver.command(
        kindred.world.coordinator,
        "cohort create",
        {**CREATE, "focus": "affinity", "label": "Hindi speakers", option: value},
    )
    assert result.ephemeral
    assert words in result.content
    assert "incident" not in result.content.lower()
    assert await cog(kindred).repo.in_guild(kindred.world.guild.id) == []


async def test_a_group_label_or_new_name_with_a_mention_changes_nothing(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    found = await cog(kindred).repo.by_name(kindred.world.guild.id, "Autumn")
    groups = await cog(kindred).repo.groups(found.id)
    added = await kindred.driver.command(
        kindred.world.coordinator,
        "cohort group",
        {"cohort": "Autumn", "focus": "affinity", "label": "<@123456789012345678> fans"},
    )
    assert "a mention of a member, role or channel" in added.content
    assert await cog(kindred).repo.groups(found.id) == groups
    renamed = await kindred.driver.command(
        kindred.world.coordinator, "cohort edit", {"cohort": "Autumn", "name": "Autumn\t@here"}
    )
    assert "can't contain" in renamed.content
    assert await cog(kindred).repo.by_name(kindred.world.guild.id, "Autumn") == found


async def test_editing_the_start_date_far_ahead_is_refused_and_changes_nothing(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    before = await cog(kindred).repo.by_name(kindred.world.guild.id, "Autumn")
    sessions = await cog(kindred).repo.sessions(before.id)
    result = await kindred.driver.command(
        kindred.world.coordinator, "cohort edit", {"cohort": "Autumn", "start": "9999-12-31"}
    )
    assert result.ephemeral
    assert "more than 2 years away" in result.content
    assert "incident" not in result.content.lower()
    assert await cog(kindred).repo.by_name(kindred.world.guild.id, "Autumn") == before
    assert await cog(kindred).repo.sessions(before.id) == sessions


async def test_a_plain_member_cannot_create_cohorts(kindred: Kindred) -> None:
    await configure(kindred)
    result = await kindred.driver.command(kindred.world.member("Asha"), "cohort create", CREATE)
    assert result.ephemeral
    assert "coordinators" in result.content
    assert await cog(kindred).repo.in_guild(kindred.world.guild.id) == []


async def test_a_group_moderator_must_hold_a_staff_role(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    result = await kindred.driver.command(
        w.coordinator, "cohort create", {**CREATE, "moderator": w.owner}
    )
    assert result.ephemeral
    assert "moderator role" in result.content
    assert "nothing was changed" in result.content
    assert await cog(kindred).repo.in_guild(w.guild.id) == []

    await create_cohort(kindred)
    result = await kindred.driver.command(
        w.coordinator,
        "cohort group",
        {"cohort": "Autumn", "focus": "general", "moderator": w.member("Asha")},
    )
    assert "moderator role" in result.content
    cohort = await cog(kindred).repo.by_name(w.guild.id, "Autumn")
    assert len(await cog(kindred).repo.groups(cohort.id)) == 2


async def test_only_valid_state_changes_are_allowed(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    priya = kindred.world.coordinator
    refused = await kindred.driver.command(priya, "cohort complete", {"cohort": "Autumn"})
    assert "still a draft" in refused.content
    started = await kindred.driver.command(priya, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in started.content
    again = await kindred.driver.command(priya, "cohort start", {"cohort": "Autumn"})
    assert "already open" in again.content
    listed = await kindred.driver.command(priya, "cohort list")
    assert "Enrolling" in listed.content
    shown = await kindred.driver.command(priya, "cohort show", {"cohort": "Autumn"})
    assert "Group 2 (similar progression)" in shown.text
    cancelled = await kindred.driver.command(priya, "cohort cancel", {"cohort": "Autumn"})
    assert "Cancelled" in cancelled.content
    found = await cog(kindred).repo.by_name(kindred.world.guild.id, "Autumn")
    assert found.state == "cancelled"
    pending = await kindred.services.jobs.repo.pending()
    assert [j for j in pending if j.kind.startswith("cohort_")] == []


# --- slice 2: channels, enrolment and the waitlist --------------------------------------------


async def test_group_channels_are_private_to_their_own_group(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha, ben = w.member("Asha"), w.member("Ben")
    assert "Group 1" in await join(kindred, asha, "newly diagnosed")
    assert "Group 2" in await join(kindred, ben, "progression")
    one, two = channel_of(kindred, 1), channel_of(kindred, 2)
    assert kindred.fake.can_view(one.id, asha.id)
    assert not kindred.fake.can_view(one.id, ben.id)
    assert kindred.fake.can_view(two.id, ben.id)
    assert not kindred.fake.can_view(two.id, asha.id)
    chloe = w.member("Chloe")  # not enrolled: sees neither
    assert not kindred.fake.can_view(one.id, chloe.id)
    assert not kindred.fake.can_view(two.id, chloe.id)
    assert kindred.fake.can_view(one.id, w.member("Maya").id)
    assert not kindred.fake.can_view(one.id, w.member("Sam").id)
    assert kindred.fake.can_view(two.id, w.coordinator.id)
    assert kindred.fake.warnings == []
    assert kindred.fake.errors == []


async def test_the_eleventh_joiner_is_waitlisted_and_gets_the_place_someone_frees(
    kindred: Kindred,
) -> None:
    await enrolling(kindred)
    w = kindred.world
    for member in w.members[:10]:
        reply = await join(kindred, member, "newly diagnosed")
        assert "You have a place" in reply
        assert "interpersonal emotion regulation" in reply
    kai = w.member(EXTRA)
    reply = await join(kindred, kai, "newly diagnosed")
    assert "waitlist at position **1**" in reply
    one = channel_of(kindred, 1)
    assert not kindred.fake.can_view(one.id, kai.id)

    left = await kindred.driver.command(w.member("Dev"), "leave", {})
    assert "You have left" in left.content
    assert kindred.fake.can_view(one.id, kai.id)
    assert not kindred.fake.can_view(one.id, w.member("Dev").id)
    promoted = kindred.driver.dms_to(kai)[-1]["content"]
    assert "a place opened" in promoted
    assert "interpersonal emotion regulation" in promoted
    assert kindred.fake.warnings == []


async def test_joining_needs_consent(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    await kindred.driver.command(kindred.world.coordinator, "cohort start", {"cohort": "Autumn"})
    asha = kindred.world.member("Asha")
    shown = await kindred.driver.command(asha, "join", {})
    # The form opens only from "I agree, continue"; until then nothing is stored.
    assert shown.modal is None
    assert "what Kindred keeps" in shown.content
    assert await cog(kindred).repo.active_for_user(kindred.world.guild.id, asha.id) == []
    declined = await kindred.driver.click(asha, shown, "cohort:notnow")
    assert "nothing was stored" in declined.content
    assert await cog(kindred).repo.active_for_user(kindred.world.guild.id, asha.id) == []


async def test_a_coordinator_enrols_a_member_into_a_chosen_group(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    result = await kindred.driver.command(
        w.coordinator, "cohort enrol", {"cohort": "Autumn", "member": w.member("Isla"), "group": 2}
    )
    assert "Group 2" in result.content
    assert kindred.fake.can_view(channel_of(kindred, 2).id, w.member("Isla").id)


# --- slice 3 and 4: sessions as jobs, and Discord events --------------------------------------


async def test_reminders_theme_open_close_and_event_at_the_right_times(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha = w.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    one = channel_of(kindred, 1)
    events = kindred.fake.scheduled_events(w.guild.id)
    assert len(events) == 3  # the next three weeks; more roll forward as sessions end
    start = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)

    await run_until(kindred, start - timedelta(hours=24, seconds=1))
    assert kindred.driver.sent_to_channel(one) == []
    await run_until(kindred, start - timedelta(hours=24))
    assert "starts tomorrow" in kindred.driver.sent_to_channel(one)[-1]["content"]
    await run_until(kindred, start - timedelta(hours=1))
    assert "starts in 1 hour" in kindred.driver.sent_to_channel(one)[-1]["content"]
    assert not kindred.fake.permissions_in(one.id, asha.id) & (1 << 11)  # closed: no SEND

    await run_until(kindred, start)
    post = kindred.driver.sent_to_channel(one)[-1]["content"]
    assert "**Week 1 · Welcome" in post
    assert kindred.fake.permissions_in(one.id, asha.id) & (1 << 11)
    first = min(events, key=lambda e: e["scheduled_start_time"])
    assert kindred.fake.scheduled_events(w.guild.id)
    assert first["status"] == 2
    await kindred.driver.post(asha, one, "hello everyone")

    await run_until(kindred, start + timedelta(minutes=60))
    assert not kindred.fake.permissions_in(one.id, asha.id) & (1 << 11)
    assert first["status"] == 3
    found = await cog(kindred).repo.by_name(w.guild.id, "Autumn")
    assert found.state == "running"
    assert await cog(kindred).repo.attendance(found.id) == {asha.id: {1}}
    assert len([e for e in kindred.fake.scheduled_events(w.guild.id) if e["status"] == 1]) == 3
    assert kindred.fake.warnings == []


async def test_skipping_a_week_moves_the_end_by_a_week(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    result = await kindred.driver.command(
        w.coordinator, "session skip", {"cohort": "Autumn", "week": 2}
    )
    assert "Week 2" in result.content
    found = await cog(kindred).repo.by_name(w.guild.id, "Autumn")
    sessions = await cog(kindred).repo.sessions(found.id)
    assert sessions[1].starts_at == datetime(2026, 10, 20, 22, 0, tzinfo=UTC)
    assert sessions[-1].starts_at == datetime(2026, 12, 29, 23, 0, tzinfo=UTC)
    job = await kindred.services.jobs.repo.get("cohort_session_start", sessions[1].id)
    assert job.due_at == sessions[1].starts_at


async def test_a_restart_in_week_three_loses_and_repeats_nothing(
    fake, world, db_url: str, clock, data_files
) -> None:
    fake.now = clock.now
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await create_cohort(first)
        await first.driver.command(world.coordinator, "cohort start", {"cohort": "Autumn"})
        await join(first, world.member("Asha"), "newly diagnosed")
        # Weeks 1 and 2 run.
        await run_until(first, datetime(2026, 10, 13, 23, 30, tzinfo=UTC))
        one = channel_of(first, 1)
        posts_before = len(first.driver.sent_to_channel(one))

    # Down across week 3's 1-hour reminder and start.
    clock.set(datetime(2026, 10, 20, 22, 5, tzinfo=UTC))
    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        await second.driver.settle()
        posts = second.driver.sent_to_channel(one)[posts_before:]
        themes = [p for p in posts if "**Week 3 ·" in p["content"]]
        assert len(themes) == 1
        assert "late" in themes[0]["content"]
        assert not any("starts in 1 hour" in p["content"] for p in posts)
        await run_until(second, datetime(2026, 10, 20, 23, 0, tzinfo=UTC))
        await second.services.jobs.run_due()
        again = second.driver.sent_to_channel(one)[posts_before:]
        assert len([p for p in again if "**Week 3 ·" in p["content"]]) == 1
        found = await second.bot.services.lanes.cohorts.repo.by_name(world.guild.id, "Autumn")
        held = [
            s.week
            for s in await second.bot.services.lanes.cohorts.repo.sessions(found.id)
            if s.status == "held"
        ]
        assert held == [1, 2, 3]


async def test_the_report_has_an_embed_and_a_csv(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha = w.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    await join(kindred, w.member("Ben"), "newly diagnosed")
    start = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)
    await run_until(kindred, start)
    await kindred.driver.post(asha, channel_of(kindred, 1), "hi all")
    await run_until(kindred, start + timedelta(hours=1))
    result = await kindred.driver.command(w.coordinator, "cohort report", {"cohort": "Autumn"})
    assert result.ephemeral
    assert "week 1: 1/2" in result.text
    assert "Group 1 (newly diagnosed): no finished check-in weeks yet" in result.text
    attachment = result.message["attachments"][0]
    data = kindred.fake.attachments[attachment["url"].split("/attachments/", 1)[1]]
    lines = data.decode().splitlines()
    assert lines[0].startswith("user_id,group,status,joined_week,attended,held,week_1")
    assert f"{asha.id},1,enrolled,1,1,1,1," in lines[1]
    chart = result.message["attachments"][1]
    assert chart["filename"].endswith("-attendance.png")
    png = kindred.fake.attachments[chart["url"].split("/attachments/", 1)[1]]
    assert png.startswith(b"\x89PNG")
    assert result.embeds[0]["image"]["url"] == f"attachment://{chart['filename']}"
    summary = "Chart of members attending each session: 1 in wk 1 (the only one so far)."
    assert summary in result.text, "the chart in words, in the message"
    assert chart["description"] == summary, "and as the image's alt text"


async def test_a_crisis_alert_names_the_members_group_and_moderator(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    await kindred.driver.command(
        w.coordinator, "cohort enrol", {"cohort": "Autumn", "member": w.member("Isla"), "group": 2}
    )
    text = "I keep wishing I could just go to sleep and not wake up."
    await kindred.driver.post(w.member("Isla"), w.channels["general"], text)
    alert = kindred.driver.sent_to_channel(w.channels["staff"])[-1]
    fields = {f["name"]: f["value"] for f in alert["embeds"][0]["fields"]}
    assert fields["Group"] == f"Autumn, group 2, moderator <@{w.member('Sam').id}>"


async def test_a_coordinator_changes_a_weeks_theme_and_it_is_posted(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    await join(kindred, w.member("Asha"), "newly diagnosed")
    opened = await kindred.driver.command(
        w.coordinator, "cohort theme", {"cohort": "Autumn", "week": 1}
    )
    assert opened.modal is not None
    assert "interpersonal emotion regulation" in opened.modal["inputs"][0]["value"]
    text = "Tonight: meeting each other. Bring one thing that made you smile this week."
    saved = await kindred.driver.submit_modal(w.coordinator, opened, {"theme": text})
    assert "Saved the week 1 theme" in saved.content
    await run_until(kindred, datetime(2026, 10, 6, 22, 0, tzinfo=UTC))
    posts = [m["content"] for m in kindred.driver.sent_to_channel(channel_of(kindred, 1))]
    assert any(text in p for p in posts)


async def test_a_week_outside_the_cohort_is_refused(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    result = await kindred.driver.command(
        kindred.world.coordinator, "cohort theme", {"cohort": "Autumn", "week": 13}
    )
    assert "weeks 1 to 12" in result.content


async def test_completing_a_cohort_gives_members_the_alumni_role(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha = w.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    await run_until(kindred, datetime(2026, 10, 6, 22, 0, tzinfo=UTC))  # first session: running
    done = await kindred.driver.command(w.coordinator, "cohort complete", {"cohort": "Autumn"})
    assert "got the **Kindred alumni** role" in done.text
    role = kindred.fake.role_by_name(w.guild.id, "Kindred alumni")
    assert str(role["id"]) in kindred.fake.member(w.guild.id, asha.id)["roles"]


async def test_members_who_ask_get_session_reminders_by_dm_too(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha, ben = w.member("Asha"), w.member("Ben")
    await join(kindred, asha, "newly diagnosed")
    await join(kindred, ben, "newly diagnosed")
    done = await kindred.driver.command(asha, "reminders", {"by_dm": True})
    assert "also come to you by DM" in done.content
    await run_until(kindred, datetime(2026, 10, 5, 22, 0, tzinfo=UTC))  # 24 h before week 1
    assert any("Reminder" in m["content"] for m in kindred.driver.dms_to(asha))
    assert not any("Reminder" in m["content"] for m in kindred.driver.dms_to(ben))
    assert any(
        "Reminder" in m["content"] for m in kindred.driver.sent_to_channel(channel_of(kindred, 1))
    )


async def test_reminders_by_dm_needs_a_place_in_the_cohort(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    await kindred.driver.command(kindred.world.coordinator, "cohort start", {"cohort": "Autumn"})
    result = await kindred.driver.command(kindred.world.member("Jon"), "reminders", {"by_dm": True})
    assert "not in **Autumn** yet" in result.content


async def test_ending_a_cohort_mid_session_closes_that_session(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha = w.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    await run_until(kindred, datetime(2026, 10, 6, 22, 0, tzinfo=UTC))  # week 1 is open
    repo = cog(kindred).repo
    found = await repo.by_name(w.guild.id, "Autumn")
    assert [s.status for s in await repo.sessions(found.id)][:2] == ["open", "scheduled"]

    cancelled = await kindred.driver.command(w.coordinator, "cohort cancel", {"cohort": "Autumn"})
    assert "Cancelled" in cancelled.content
    statuses = [s.status for s in await repo.sessions(found.id)]
    assert statuses[0] == "held"  # it took place, up to now
    assert set(statuses[1:]) == {"cancelled"}
    # Nothing is due later for it: the end job went with the rest.
    await run_until(kindred, datetime(2026, 10, 6, 23, 0, tzinfo=UTC))
    assert (await repo.sessions(found.id))[0].status == "held"
    assert kindred.fake.warnings == []


async def test_chat_outside_group_channels_does_no_attendance_lookup(kindred: Kindred) -> None:
    await configure(kindred)
    cohorts = cog(kindred)
    looked: list[int] = []
    real = cohorts.repo.group_by_channel

    async def spy(channel_id: int):
        looked.append(channel_id)
        return await real(channel_id)

    cohorts.repo.group_by_channel = spy
    await kindred.driver.post(kindred.world.member("Asha"), kindred.world.channels["general"], "hi")
    assert looked == []
